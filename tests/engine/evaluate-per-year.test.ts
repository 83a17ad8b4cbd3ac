import { fr, makeTarget, run, yearOf, yearStatuses } from "./helpers";

/** "au moins 12 enfants par an" */
const perYear = makeTarget({ value: 12, unit: "enfants", period: "year" });

describe("per-year targets: each year judged on its own value", () => {
  const e = run(perYear, { 2021: 14, 2022: 8, 2023: "8", 2025: "20" }, { today: 2023 });

  it("reached -> Atteint, over and not reached -> Non atteint, current/future not reached -> En cours, blank -> À renseigner", () => {
    expect(yearStatuses(e)).toEqual({
      2021: "atteint",
      2022: "non_atteint", // 2022 is over (today 2023)
      2023: "en_cours", // the current year is not over
      2024: "a_renseigner", // blank: never zero, never Non atteint
      2025: "atteint", // a future year can already be reached
    });
  });

  it("explains each year in French with the value and the target", () => {
    expect(fr(yearOf(e, 2021).message)).toBe(
      "2021 : 14 enfants, objectif ≥ 12 enfants par an atteint"
    );
    expect(fr(yearOf(e, 2022).message)).toBe(
      "2022 : 8 enfants, objectif ≥ 12 enfants par an non atteint"
    );
    expect(fr(yearOf(e, 2023).message)).toBe(
      "2023 : 8 enfants, objectif ≥ 12 enfants par an pas encore atteint — en cours jusqu'à fin 2023"
    );
    expect(fr(yearOf(e, 2024).message)).toBe("2024 : à renseigner");
    expect(yearOf(e, 2022).message).toMatchObject({
      code: "status.not_reached",
      params: { scope: "year", year: 2022, value: 8, target: 12, cmp: ">=", unit: "enfants" },
    });
  });

  it("keeps what was typed and how it was read", () => {
    expect(yearOf(e, 2023).raw).toBe("8");
    expect(yearOf(e, 2023).reading).toEqual({ kind: "number", value: 8 });
    expect(yearOf(e, 2024).raw).toBeUndefined();
    expect(yearOf(e, 2024).reading).toEqual({ kind: "blank" });
  });

  it("gives one result per plan year, in order", () => {
    expect(e.years.map((y) => y.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
  });

  it("overall = the status of the most recent year with a valid entry", () => {
    expect(e.status).toBe("atteint"); // 2025
    expect(run(perYear, { 2021: 14, 2022: 5 }, { today: 2023 }).status).toBe("non_atteint");
    expect(run(perYear, { 2021: 5, 2022: 14 }, { today: 2023 }).status).toBe("atteint");
    const current = run(perYear, { 2021: 14, 2022: 15, 2023: 3 }, { today: 2023 });
    expect(current.status).toBe("en_cours");
    expect(current.message).toEqual(yearOf(current, 2023).message);
  });

  it("blank years are skipped by the overall status (not read as 0)", () => {
    const e2 = run(perYear, { 2021: 14 }, { today: 2025 });
    expect(e2.status).toBe("atteint");
    expect(yearStatuses(e2)).toEqual({
      2021: "atteint",
      2022: "a_renseigner",
      2023: "a_renseigner",
      2024: "a_renseigner",
      2025: "a_renseigner",
    });
  });

  it("no entry at all -> À renseigner", () => {
    const none = run(perYear, {}, { today: 2023 });
    expect(none.status).toBe("a_renseigner");
    expect(none.message.code).toBe("status.no_entry");
    expect(fr(none.message)).toMatch(/^Aucune saisie/);
    const blanks = run(perYear, { 2021: "", 2022: " ", 2023: null }, { today: 2023 });
    expect(blanks.status).toBe("a_renseigner");
  });

  it("the year of today is in progress whatever the month", () => {
    const december = run(perYear, { 2023: 3 }, { today: 2023 });
    expect(yearOf(december, 2023).status).toBe("en_cours");
  });

  it("a past year reached stays Atteint, a past year not reached is Non atteint even years later", () => {
    const later = run(perYear, { 2021: 14, 2022: 8 }, { today: 2030 });
    expect(yearStatuses(later)).toMatchObject({ 2021: "atteint", 2022: "non_atteint" });
  });
});

describe("per-year targets: invalid entries", () => {
  it("an invalid entry makes that year Saisie invalide with the reading problem, and the target Saisie invalide", () => {
    const e = run(perYear, { 2021: 14, 2022: "douze", 2023: 15 }, { today: 2023 });
    expect(yearOf(e, 2022).status).toBe("saisie_invalide");
    expect(yearOf(e, 2022).message).toEqual({
      code: "entry.text_not_number",
      params: { text: "douze" },
    });
    expect(fr(yearOf(e, 2022).message)).toContain("« douze » n'est pas un nombre");
    expect(yearOf(e, 2021).status).toBe("atteint");
    expect(yearOf(e, 2023).status).toBe("atteint");
    expect(e.status).toBe("saisie_invalide");
    expect(e.message).toEqual({
      code: "status.invalid_entries",
      params: { count: 1, years: "2022" },
    });
    expect(fr(e.message)).toBe(
      "Saisie invalide (2022) : corrigez-la pour que l'objectif soit évalué"
    );
  });

  it("lists every invalid year", () => {
    const e = run(perYear, { 2021: "-3", 2023: "12,5" }, { today: 2023 });
    expect(e.message).toEqual({
      code: "status.invalid_entries",
      params: { count: 2, years: "2021, 2023" },
    });
    expect(fr(e.message)).toBe(
      "2 saisies invalides (2021, 2023) : corrigez-les pour que l'objectif soit évalué"
    );
    expect(yearOf(e, 2021).message.code).toBe("entry.negative");
    expect(yearOf(e, 2023).message.code).toBe("entry.decimal_count");
  });

  it("an invalid year is invalid even when other years are blank", () => {
    const e = run(perYear, { 2024: "beaucoup" }, { today: 2023 });
    expect(e.status).toBe("saisie_invalide");
  });
});

describe("comparators", () => {
  it('">=": reached at the target value exactly', () => {
    const e = run(perYear, { 2021: 12, 2022: 11 }, { today: 2023 });
    expect(yearStatuses(e)).toMatchObject({ 2021: "atteint", 2022: "non_atteint" });
  });

  it('"=" is judged like ">=" for quantities: reaching the figure is the aim, going beyond is not a failure', () => {
    const t = makeTarget({ comparator: "=", value: 12, period: "year" });
    const e = run(t, { 2021: 12, 2022: 15, 2023: 11 }, { today: 2024 });
    expect(yearStatuses(e)).toMatchObject({
      2021: "atteint",
      2022: "atteint",
      2023: "non_atteint",
    });
  });

  it("a missing comparator with a value is judged as a minimum", () => {
    const t = makeTarget({ comparator: null, value: 12, period: "year" });
    const e = run(t, { 2021: 12, 2022: 11 }, { today: 2023 });
    expect(yearStatuses(e)).toMatchObject({ 2021: "atteint", 2022: "non_atteint" });
    expect(fr(yearOf(e, 2021).message)).toBe("2021 : 12, objectif 12 par an atteint");
  });

  it('"<=": reached when at most the target', () => {
    const t = makeTarget({ comparator: "<=", value: 5, unit: "exclusions", period: "year" });
    const e = run(t, { 2021: 5, 2022: 7, 2023: 7, 2024: 0 }, { today: 2023 });
    expect(yearStatuses(e)).toMatchObject({
      2021: "atteint",
      2022: "non_atteint",
      2023: "en_cours", // current year above the maximum: still in progress
      2024: "atteint",
    });
    expect(fr(yearOf(e, 2021).message)).toBe(
      "2021 : 5 exclusions, objectif ≤ 5 exclusions par an atteint"
    );
  });

  describe('"between" (e.g. 2 à 3 installations par an)', () => {
    const t = makeTarget({
      comparator: "between",
      value: 2,
      valueMax: 3,
      unit: "installations",
      period: "year",
    });
    const e = run(t, { 2021: 4, 2022: 2, 2023: 3, 2024: 1 }, { today: 2025 });

    it("reached from the minimum, and above the range counts as reached", () => {
      expect(yearStatuses(e)).toMatchObject({
        2021: "atteint",
        2022: "atteint",
        2023: "atteint",
        2024: "non_atteint",
      });
    });

    it("says when the value is above the range", () => {
      expect(yearOf(e, 2021).message.code).toBe("status.above_range");
      expect(fr(yearOf(e, 2021).message)).toBe(
        "2021 : 4 installations, au-dessus de la fourchette (objectif 2 à 3 installations par an) : objectif atteint"
      );
      expect(yearOf(e, 2022).message.code).toBe("status.reached");
      expect(yearOf(e, 2023).message.code).toBe("status.reached");
      expect(fr(yearOf(e, 2022).message)).toBe(
        "2022 : 2 installations, objectif 2 à 3 installations par an atteint"
      );
    });

    it("without a maximum, between is a minimum", () => {
      const open = makeTarget({ comparator: "between", value: 2, valueMax: null, period: "year" });
      const r = run(open, { 2021: 9 }, { today: 2022 });
      expect(yearOf(r, 2021).status).toBe("atteint");
      expect(yearOf(r, 2021).message.code).toBe("status.reached");
    });
  });
});

describe("per-year percentages", () => {
  const t = makeTarget({ measure: "percent", value: 80, unit: "%", period: "year" });

  it("judges each year's percentage, whatever way it was typed", () => {
    const e = run(t, { 2021: "85 %", 2022: 0.7, 2023: "0,9", 2024: "79,5" }, { today: 2024 });
    expect(yearStatuses(e)).toMatchObject({
      2021: "atteint",
      2022: "non_atteint",
      2023: "atteint",
      2024: "en_cours",
    });
    expect(fr(yearOf(e, 2022).message)).toBe("2022 : 70 %, objectif ≥ 80 % par an non atteint");
    expect(fr(yearOf(e, 2024).message)).toContain("2024 : 79,5 %");
  });

  it("a percentage above 100 % is invalid", () => {
    const e = run(t, { 2021: "120 %" }, { today: 2022 });
    expect(yearOf(e, 2021).status).toBe("saisie_invalide");
    expect(yearOf(e, 2021).message).toEqual({
      code: "entry.percent_above_100",
      params: { value: 120 },
    });
    expect(e.status).toBe("saisie_invalide");
  });
});

describe("per-year targets ignore a deadline", () => {
  it("each year is still judged on its own", () => {
    const t = makeTarget({ value: 2, period: "year", deadlineYears: 1 });
    const e = run(t, { 2021: 2, 2022: 1, 2023: 1 }, { today: 2023 });
    expect(yearStatuses(e)).toMatchObject({
      2021: "atteint",
      2022: "non_atteint",
      2023: "en_cours",
    });
    expect(yearOf(e, 2023).message.params.deadlineYear).toBeNull();
  });
});

describe("biennial targets (tous les deux ans): two-year windows from the first plan year", () => {
  const t = makeTarget({ value: 2, unit: "réunions", period: "biennial" });

  it("sums counts within the window; a first-year row reached in the second year was in progress", () => {
    const e = run(t, { 2021: 1, 2022: 1, 2024: 1 }, { today: 2026 });
    expect(yearStatuses(e)).toEqual({
      2021: "en_cours",
      2022: "atteint",
      2023: "a_renseigner",
      2024: "non_atteint", // window 2023-2024 over with 1 meeting
      2025: "a_renseigner",
    });
    expect(yearOf(e, 2022).message.params).toMatchObject({
      scope: "window",
      fromYear: 2021,
      year: 2022,
      value: 2,
    });
    expect(fr(yearOf(e, 2022).message)).toBe(
      "2021-2022 : 2 réunions, objectif ≥ 2 réunions tous les deux ans atteint"
    );
    expect(e.status).toBe("non_atteint");
  });

  it("the first year of a window is in progress until the window is over", () => {
    const e = run(t, { 2023: 1 }, { today: 2023 });
    expect(yearOf(e, 2023).status).toBe("en_cours");
    expect(yearOf(e, 2023).message.params.endYear).toBe(2024);
    const after = run(t, { 2023: 1 }, { today: 2024 });
    expect(yearOf(after, 2023).status).toBe("en_cours"); // 2024 not over yet
    const over = run(t, { 2023: 1 }, { today: 2025 });
    expect(yearOf(over, 2023).status).toBe("non_atteint");
  });

  it("a window reached in its first year is reached", () => {
    const e = run(t, { 2021: 3 }, { today: 2026 });
    expect(yearOf(e, 2021).status).toBe("atteint");
  });

  it("the last plan year alone is its own window", () => {
    const e = run(t, { 2025: 1 }, { today: 2026 });
    expect(yearOf(e, 2025).status).toBe("non_atteint");
    expect(yearOf(e, 2025).message.params.endYear).toBe(2025);
  });
});
