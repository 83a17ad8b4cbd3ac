import { fr, makeTarget, run, yearOf, yearStatuses } from "./helpers";

const milestone = makeTarget({ measure: "milestone", comparator: null, value: null, period: null });

describe("milestones (Oui / Non / En cours)", () => {
  it("Oui in any year -> Atteint; that year and every later year (blank or not) show Atteint", () => {
    const e = run(milestone, { 2021: "Non", 2022: "oui", 2024: "Non" }, { today: 2023 });
    expect(e.status).toBe("atteint");
    expect(yearStatuses(e)).toEqual({
      2021: "en_cours",
      2022: "atteint",
      2023: "atteint",
      2024: "atteint", // reaching is final
      2025: "atteint",
    });
    expect(e.message).toEqual({
      code: "status.milestone_reached",
      params: { year: 2022, reachedYear: 2022 },
    });
    expect(fr(e.message)).toBe("2022 : réalisé, objectif atteint");
    expect(fr(yearOf(e, 2023).message)).toBe("2023 : déjà réalisé en 2022, objectif atteint");
  });

  it("Oui after the period is still Atteint when there is no deadline", () => {
    expect(run(milestone, { 2025: "Oui" }, { today: 2030 }).status).toBe("atteint");
  });

  it("En cours -> En cours while the period is not over", () => {
    const e = run(milestone, { 2021: "En cours" }, { today: 2023 });
    expect(e.status).toBe("en_cours");
    expect(fr(e.message)).toBe("2021 : en cours — échéance fin 2025");
  });

  it("Non -> En cours while the period is not over, Non atteint after", () => {
    const during = run(milestone, { 2021: "Non", 2022: "non" }, { today: 2023 });
    expect(during.status).toBe("en_cours");
    expect(yearStatuses(during)).toMatchObject({ 2021: "en_cours", 2022: "en_cours" });
    expect(fr(during.message)).toBe("2022 : pas encore réalisé — en cours jusqu'à fin 2025");
    const after = run(milestone, { 2021: "Non", 2025: "Non" }, { today: 2026 });
    expect(after.status).toBe("non_atteint");
    expect(yearStatuses(after)).toMatchObject({ 2021: "non_atteint", 2025: "non_atteint" });
    expect(fr(after.message)).toBe(
      "2025 : non réalisé à l'échéance (fin 2025), objectif non atteint"
    );
  });

  it("En cours when the period is over -> Non atteint (not done in time)", () => {
    expect(run(milestone, { 2025: "En cours" }, { today: 2026 }).status).toBe("non_atteint");
  });

  it("blank -> À renseigner (a blank is not a Non)", () => {
    const e = run(milestone, { 2021: "Non" }, { today: 2023 });
    expect(yearOf(e, 2022).status).toBe("a_renseigner");
    const none = run(milestone, {}, { today: 2030 });
    expect(none.status).toBe("a_renseigner");
    expect(none.message.code).toBe("status.no_entry");
  });

  it("booleans (checkboxes) are Oui / Non", () => {
    expect(run(milestone, { 2021: true }, { today: 2023 }).status).toBe("atteint");
    expect(run(milestone, { 2021: false }, { today: 2023 }).status).toBe("en_cours");
  });

  it("an unknown word -> Saisie invalide for that year and overall, even if Oui elsewhere", () => {
    const e = run(milestone, { 2021: "peut-être", 2022: "Oui" }, { today: 2023 });
    expect(yearOf(e, 2021).status).toBe("saisie_invalide");
    expect(yearOf(e, 2021).message).toEqual({
      code: "entry.unknown_yes_no",
      params: { text: "peut-être" },
    });
    expect(fr(yearOf(e, 2021).message)).toBe("« peut-être » : répondez Oui, Non ou En cours.");
    expect(yearOf(e, 2022).status).toBe("atteint");
    expect(e.status).toBe("saisie_invalide");
  });

  it("an invalid entry after Oui is still Saisie invalide in its year", () => {
    const e = run(milestone, { 2021: "Oui", 2022: "bof" }, { today: 2023 });
    expect(yearStatuses(e)).toMatchObject({
      2021: "atteint",
      2022: "saisie_invalide",
      2023: "atteint",
    });
  });

  describe("with a deadline (sous 1 an: end of 2021)", () => {
    const soon = makeTarget({
      measure: "milestone",
      comparator: null,
      value: null,
      period: null,
      deadlineYears: 1,
    });

    it("Oui by the deadline -> Atteint", () => {
      expect(run(soon, { 2021: "Oui" }, { today: 2023 }).status).toBe("atteint");
    });

    it("Non while the deadline year runs -> En cours, after the deadline -> Non atteint", () => {
      const during = run(soon, { 2021: "Non" }, { today: 2021 });
      expect(during.status).toBe("en_cours");
      expect(fr(during.message)).toBe("2021 : pas encore réalisé — en cours jusqu'à fin 2021");
      expect(run(soon, { 2021: "Non" }, { today: 2022 }).status).toBe("non_atteint");
    });

    it("Oui only after the deadline -> Non atteint, saying it was reached after the deadline", () => {
      const e = run(soon, { 2021: "En cours", 2022: "Oui" }, { today: 2023 });
      expect(e.status).toBe("non_atteint");
      expect(e.message).toEqual({
        code: "status.milestone_reached_after_deadline",
        params: { year: 2022, reachedYear: 2022, deadlineYear: 2021 },
      });
      expect(fr(e.message)).toBe(
        "Réalisé en 2022, après l'échéance (fin 2021) : objectif non atteint"
      );
      expect(yearStatuses(e)).toMatchObject({
        2021: "non_atteint",
        2022: "non_atteint",
        2023: "non_atteint",
      });
    });
  });

  it("ignores the aggregation (per_year given)", () => {
    const e = run(milestone, { 2022: "Oui" }, { today: 2023, aggregation: "per_year" });
    expect(e.status).toBe("atteint");
    expect(yearOf(e, 2023).status).toBe("atteint");
  });
});

describe("qualitative and unknown targets: recorded, not judged", () => {
  const qualitative = makeTarget({
    measure: "qualitative",
    comparator: null,
    value: null,
    period: null,
  });
  const unknown = makeTarget({ measure: "unknown", comparator: null, value: null, period: null });

  it.each([
    ["qualitative", qualitative],
    ["unknown", unknown],
  ])("%s: any entry -> Qualitatif, blank years -> À renseigner", (_name, t) => {
    const e = run(t, { 2021: "Comité réuni deux fois", 2023: 12, 2024: "Oui" }, { today: 2023 });
    expect(e.status).toBe("qualitatif");
    expect(yearStatuses(e)).toEqual({
      2021: "qualitatif",
      2022: "a_renseigner",
      2023: "qualitatif",
      2024: "qualitatif",
      2025: "a_renseigner",
    });
    expect(yearOf(e, 2021).reading).toEqual({ kind: "text", value: "Comité réuni deux fois" });
    expect(e.message).toEqual({
      code: "status.recorded_overall",
      params: { count: 3, year: 2024, reason: "qualitative" },
    });
    expect(fr(e.message)).toBe(
      "3 saisies enregistrées, la dernière en 2024 (objectif qualitatif, non évalué automatiquement)"
    );
    expect(fr(yearOf(e, 2021).message)).toBe(
      "2021 : saisie enregistrée (objectif qualitatif, non évalué automatiquement)"
    );
  });

  it("nothing entered -> À renseigner", () => {
    expect(run(qualitative, {}, { today: 2026 }).status).toBe("a_renseigner");
    expect(run(unknown, { 2021: "  " }, { today: 2026 }).status).toBe("a_renseigner");
  });

  it("negative numbers and any text are accepted as they are", () => {
    const e = run(unknown, { 2021: -3, 2022: "-3" }, { today: 2023 });
    expect(e.status).toBe("qualitatif");
  });
});

describe("counts and percentages without a target value: recorded, not judged", () => {
  const noValue = makeTarget({
    measure: "count",
    comparator: null,
    value: null,
    unit: "familles",
    period: "year",
  });

  it("any valid entry -> Qualitatif with the reason", () => {
    const e = run(noValue, { 2021: 12 }, { today: 2023 });
    expect(e.status).toBe("qualitatif");
    expect(yearOf(e, 2021).message).toEqual({
      code: "status.recorded",
      params: { year: 2021, reason: "no_target_value" },
    });
    expect(fr(e.message)).toBe(
      "1 saisie enregistrée, en 2021 (pas de valeur cible chiffrée, non évalué automatiquement)"
    );
  });

  it("entries are still read as counts: a bad count is Saisie invalide", () => {
    const e = run(noValue, { 2021: "beaucoup", 2022: 4 }, { today: 2023 });
    expect(e.status).toBe("saisie_invalide");
    expect(yearOf(e, 2021).status).toBe("saisie_invalide");
    expect(yearOf(e, 2022).status).toBe("qualitatif");
  });

  it("percentages and increases without a value are recorded too (no baseline needed)", () => {
    const pct = makeTarget({ measure: "percent", comparator: null, value: null, period: "total" });
    expect(run(pct, { 2021: "40 %" }, { today: 2023 }).status).toBe("qualitatif");
    expect(run(pct, { 2021: "140 %" }, { today: 2023 }).status).toBe("saisie_invalide");
    const inc = makeTarget({
      measure: "increase_percent",
      comparator: null,
      value: null,
      period: "total",
    });
    const e = run(inc, { 2021: 40 }, { today: 2023 });
    expect(e.status).toBe("qualitatif");
    expect(e.baseline).toBeUndefined();
  });

  it("nothing entered -> À renseigner", () => {
    expect(run(noValue, {}, { today: 2023 }).status).toBe("a_renseigner");
  });
});
