import { fr, makeTarget, run, yearOf, yearStatuses } from "./helpers";

/** "augmenter de 10 % le nombre d'enfants accueillis" over the plan */
const plus10 = makeTarget({
  measure: "increase_percent",
  value: 10,
  unit: "enfants",
  period: "total",
});

describe("increases: entries are the measured quantity, compared with the baseline", () => {
  it("increase = (value − baseline) / baseline × 100, judged on the latest value", () => {
    const e = run(plus10, { 2021: 105, 2022: 112 }, { today: 2023, baseline: 100 });
    expect(e.status).toBe("atteint");
    expect(e.message.params).toMatchObject({
      scope: "latest",
      value: 112,
      increase: 12,
      reference: 100,
      referenceYear: null,
    });
    expect(fr(e.message)).toBe(
      "Dernière valeur (2022) : 112 enfants (+12 % par rapport à la référence : 100), objectif augmentation d'au moins 10 % atteint"
    );
    expect(yearStatuses(e)).toMatchObject({
      2021: "en_cours",
      2022: "atteint",
      2023: "a_renseigner",
    });
    expect(yearOf(e, 2021).message.params.increase).toBe(5);
  });

  it("exactly the target increase is reached (no rounding trap)", () => {
    expect(run(plus10, { 2021: 33 }, { today: 2022, baseline: 30 }).status).toBe("atteint");
    expect(run(plus10, { 2021: 110 }, { today: 2022, baseline: 100 }).status).toBe("atteint");
  });

  it("a decrease is shown with a minus sign", () => {
    const e = run(plus10, { 2021: 95 }, { today: 2022, baseline: 100 });
    expect(e.status).toBe("en_cours");
    expect(e.message.params.increase).toBe(-5);
    expect(fr(e.message)).toContain("(−5 % par rapport à la référence : 100)");
  });

  it("not reached when the period is over -> Non atteint", () => {
    const e = run(plus10, { 2024: 104 }, { today: 2026, baseline: 100 });
    expect(e.status).toBe("non_atteint");
  });

  it("the baseline may be typed like any count", () => {
    const e = run(plus10, { 2021: "1 400" }, { today: 2022, baseline: "1\u202f250" });
    expect(e.baseline?.reading).toEqual({ kind: "number", value: 1250 });
    expect(e.message.params.increase).toBe(12);
    expect(e.status).toBe("atteint");
  });

  it("an entry typed as a percentage is invalid (the increase is computed, not typed)", () => {
    const e = run(plus10, { 2021: "12 %" }, { today: 2022, baseline: 100 });
    expect(yearOf(e, 2021).status).toBe("saisie_invalide");
    expect(yearOf(e, 2021).message.code).toBe("entry.percent_in_count");
    expect(e.status).toBe("saisie_invalide");
  });

  it("cumulative is never used for increases: the latest value is compared", () => {
    const e = run(
      plus10,
      { 2021: 60, 2022: 60 },
      { today: 2023, baseline: 100, aggregation: "cumulative" }
    );
    expect(e.status).toBe("en_cours");
    expect(e.message.params.value).toBe(60);
  });

  it("reports the baseline as entered and as read", () => {
    const e = run(plus10, {}, { today: 2022, baseline: "100" });
    expect(e.baseline).toEqual({ raw: "100", reading: { kind: "number", value: 100 } });
    expect(run(makeTarget(), {}, { today: 2022 }).baseline).toBeUndefined();
  });
});

describe("increases: missing, zero or invalid baseline", () => {
  it("no baseline -> À renseigner saying the baseline is missing, even when yearly values exist", () => {
    const e = run(plus10, { 2021: 105, 2022: 130 }, { today: 2023 });
    expect(e.status).toBe("a_renseigner");
    expect(e.message.code).toBe("status.baseline_missing");
    expect(fr(e.message)).toBe(
      "Référence manquante : saisissez la valeur de référence pour mesurer l'augmentation"
    );
    expect(yearStatuses(e)).toMatchObject({
      2021: "a_renseigner",
      2022: "a_renseigner",
      2023: "a_renseigner",
    });
    expect(yearOf(e, 2021).message.code).toBe("status.baseline_missing");
    expect(yearOf(e, 2023).message.code).toBe("status.year_blank");
  });

  it("a blank baseline (spaces) is missing too", () => {
    expect(run(plus10, { 2021: 105 }, { today: 2023, baseline: " \u00a0" }).message.code).toBe(
      "status.baseline_missing"
    );
    expect(run(plus10, {}, { today: 2023, baseline: null }).message.code).toBe(
      "status.baseline_missing"
    );
  });

  it("no baseline but an invalid entry -> Saisie invalide", () => {
    const e = run(plus10, { 2021: "abc" }, { today: 2023 });
    expect(e.status).toBe("saisie_invalide");
    expect(e.message.code).toBe("status.invalid_entries");
  });

  it("baseline 0 -> Saisie invalide: an increase in percent cannot be measured from 0", () => {
    const e = run(plus10, { 2021: 12 }, { today: 2023, baseline: 0 });
    expect(e.status).toBe("saisie_invalide");
    expect(e.message.code).toBe("status.baseline_zero");
    expect(fr(e.message)).toContain("La valeur de référence est 0");
    expect(yearOf(e, 2021).status).toBe("saisie_invalide");
    expect(yearOf(e, 2022).status).toBe("a_renseigner");
    expect(e.baseline?.reading).toEqual({
      kind: "invalid",
      problem: { code: "status.baseline_zero", params: {} },
    });
    expect(run(plus10, {}, { today: 2023, baseline: "0" }).status).toBe("saisie_invalide");
  });

  it.each([
    ["cent", "entry.text_not_number"],
    ["-5", "entry.negative"],
    ["12,5", "entry.decimal_count"],
    ["10 %", "entry.percent_in_count"],
  ])("invalid baseline %j -> Saisie invalide (%s)", (baseline, problem) => {
    const e = run(plus10, { 2021: 105 }, { today: 2023, baseline });
    expect(e.status).toBe("saisie_invalide");
    expect(e.message).toEqual({ code: "status.baseline_invalid", params: { text: baseline } });
    expect(yearOf(e, 2021).status).toBe("saisie_invalide");
    expect(e.baseline?.reading.kind).toBe("invalid");
    if (e.baseline?.reading.kind === "invalid")
      expect(e.baseline.reading.problem.code).toBe(problem);
  });

  it("the invalid baseline message quotes what was typed", () => {
    const e = run(plus10, {}, { today: 2023, baseline: "cent" });
    expect(fr(e.message)).toBe(
      "Valeur de référence invalide (« cent ») : saisissez un nombre entier positif pour mesurer l'augmentation"
    );
  });
});

describe("increases per year (+5 % par an): each year compared with the previous value", () => {
  const perYear = makeTarget({ measure: "increase_percent", value: 5, period: "year" });

  it("first year from the baseline, then from the previous valid value", () => {
    const e = run(perYear, { 2021: 105, 2022: 108, 2024: 114 }, { today: 2023, baseline: 100 });
    expect(yearStatuses(e)).toEqual({
      2021: "atteint",
      2022: "non_atteint",
      2023: "a_renseigner",
      2024: "atteint",
      2025: "a_renseigner",
    });
    expect(yearOf(e, 2021).message.params).toMatchObject({
      reference: 100,
      referenceYear: null,
      increase: 5,
    });
    expect(yearOf(e, 2022).message.params).toMatchObject({ reference: 105, referenceYear: 2021 });
    expect(yearOf(e, 2024).message.params).toMatchObject({ reference: 108, referenceYear: 2022 });
    expect(fr(yearOf(e, 2022).message)).toBe(
      "2022 : 108 (+2,86 % par rapport à 2021 : 105), objectif augmentation d'au moins 5 % par an non atteint"
    );
    expect(e.status).toBe("atteint");
  });

  it("from a previous value of 0, any positive value is an (unbounded) increase", () => {
    const e = run(perYear, { 2021: 0, 2022: 3, 2023: 0 }, { today: 2024, baseline: 10 });
    expect(yearOf(e, 2022).status).toBe("atteint");
    expect(yearOf(e, 2022).message.params.increase).toBeNull();
    expect(fr(yearOf(e, 2022).message)).toContain("(par rapport à 2021 : 0)");
  });

  it("still needs a baseline", () => {
    expect(run(perYear, { 2021: 105 }, { today: 2023 }).status).toBe("a_renseigner");
  });
});
