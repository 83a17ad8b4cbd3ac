import { fr, makeTarget, run, yearOf, yearStatuses } from "./helpers";

describe("cumulative targets (a count over the whole plan: summed)", () => {
  const hundred = makeTarget({ value: 100, period: "total" });

  it("while the period is not over, not reached -> En cours, with the sum so far", () => {
    const e = run(hundred, { 2021: 20, 2022: 10, 2023: 15 }, { today: 2023 });
    expect(e.status).toBe("en_cours");
    expect(fr(e.message)).toBe("Cumul 2021-2023 : 45 sur 100 — en cours jusqu'à fin 2025");
    expect(e.message.params).toMatchObject({
      scope: "cumulative",
      fromYear: 2021,
      year: 2023,
      value: 45,
      endYear: 2025,
    });
    expect(yearStatuses(e)).toEqual({
      2021: "en_cours",
      2022: "en_cours",
      2023: "en_cours",
      2024: "a_renseigner",
      2025: "a_renseigner",
    });
  });

  it("each row shows the cumulative sum up to its year", () => {
    const e = run(hundred, { 2021: 20, 2022: 10, 2023: 15 }, { today: 2023 });
    expect(e.years.slice(0, 3).map((y) => y.message.params.value)).toEqual([20, 30, 45]);
    expect(fr(yearOf(e, 2021).message)).toBe("Cumul 2021 : 20 sur 100 — en cours jusqu'à fin 2025");
    expect(fr(yearOf(e, 2022).message)).toBe(
      "Cumul 2021-2022 : 30 sur 100 — en cours jusqu'à fin 2025"
    );
  });

  it("reached -> Atteint; later blank years show Atteint too (a sum of counts cannot go back)", () => {
    const t = makeTarget({ value: 100, unit: "enfants", period: "total" });
    const e = run(t, { 2021: 20, 2022: 90 }, { today: 2023 });
    expect(e.status).toBe("atteint");
    expect(fr(e.message)).toBe("Cumul 2021-2022 : 110 sur 100 enfants — objectif atteint");
    expect(yearStatuses(e)).toEqual({
      2021: "en_cours", // it was in progress then
      2022: "atteint",
      2023: "atteint",
      2024: "atteint",
      2025: "atteint",
    });
    expect(yearOf(e, 2025).message.params.value).toBe(110);
  });

  it("rows before the reaching year stay En cours even once the period is over", () => {
    const e = run(hundred, { 2021: 20, 2022: 90 }, { today: 2027 });
    expect(yearStatuses(e)).toMatchObject({ 2021: "en_cours", 2022: "atteint" });
    expect(e.status).toBe("atteint");
  });

  it("period over (today after the last plan year) and not reached -> Non atteint", () => {
    const e = run(hundred, { 2021: 20, 2022: 9, 2025: 30 }, { today: 2026 });
    expect(e.status).toBe("non_atteint");
    expect(fr(e.message)).toBe(
      "Cumul 2021-2025 : 59 sur 100 — objectif non atteint à l'échéance (fin 2025)"
    );
    // Rows tell where the target stood in their year: before the end year it was in progress; the
    // end year's row (and the overall) give the outcome. (No row depends on later years: that is
    // what lets a year's formula in the workbook read only that year and the years before.)
    expect(yearStatuses(e)).toEqual({
      2021: "en_cours",
      2022: "en_cours",
      2023: "a_renseigner",
      2024: "a_renseigner",
      2025: "non_atteint",
    });
  });

  it("during the last plan year it is still in progress", () => {
    expect(run(hundred, { 2021: 20 }, { today: 2025 }).status).toBe("en_cours");
  });

  it("a blank never counts as 0: blank years are À renseigner and skipped in the sum", () => {
    const e = run(hundred, { 2021: "", 2022: 50, 2023: null, 2024: 60 }, { today: 2024 });
    expect(yearOf(e, 2021).status).toBe("a_renseigner");
    expect(yearOf(e, 2023).status).toBe("a_renseigner");
    expect(yearOf(e, 2022).message.params.value).toBe(50);
    expect(yearOf(e, 2024).message.params.value).toBe(110);
    expect(e.status).toBe("atteint");
  });

  it("no entry -> À renseigner, even after the period", () => {
    expect(run(hundred, {}, { today: 2030 }).status).toBe("a_renseigner");
  });

  it("an invalid year -> Saisie invalide, and it is left out of the sum", () => {
    const e = run(hundred, { 2021: 60, 2022: "1.250", 2023: 50 }, { today: 2023 });
    expect(e.status).toBe("saisie_invalide");
    expect(yearOf(e, 2022).status).toBe("saisie_invalide");
    expect(yearOf(e, 2022).message).toEqual({
      code: "entry.ambiguous_thousands",
      params: { text: "1.250", whole: 1250 },
    });
    expect(yearOf(e, 2023).message.params.value).toBe(110);
  });

  it("between over the period: reached from the minimum, above the range says so", () => {
    const t = makeTarget({
      comparator: "between",
      value: 2,
      valueMax: 3,
      unit: "ALSH",
      period: "total",
    });
    const e = run(t, { 2021: 2, 2022: 2 }, { today: 2023 });
    expect(yearOf(e, 2021).status).toBe("atteint");
    expect(yearOf(e, 2021).message.code).toBe("status.reached");
    expect(e.status).toBe("atteint");
    expect(e.message.code).toBe("status.above_range");
    expect(fr(e.message)).toBe(
      "Cumul 2021-2022 : 4 ALSH, au-dessus de la fourchette (objectif 2 à 3 ALSH sur la période) : objectif atteint"
    );
  });

  it("period null is judged like a whole-period target", () => {
    const t = makeTarget({ value: 10, period: null });
    expect(run(t, { 2021: 4, 2022: 6 }, { today: 2023 }).status).toBe("atteint");
  });
});

describe("latest-value targets (stocks, levels, percentages)", () => {
  const places = makeTarget({
    value: 30,
    unit: "places",
    period: "total",
    fragment: "30 places en crèche",
  });

  it("are judged on the latest value entered, not on a sum", () => {
    const e = run(places, { 2021: 15, 2022: 20 }, { today: 2023 });
    expect(e.status).toBe("en_cours");
    expect(fr(e.message)).toBe(
      "Dernière valeur (2022) : 20 places, objectif ≥ 30 places pas encore atteint — en cours jusqu'à fin 2025"
    );
  });

  it("the same entries summed (cumulative aggregation chosen) reach the target", () => {
    const e = run(places, { 2021: 15, 2022: 20 }, { today: 2023, aggregation: "cumulative" });
    expect(e.status).toBe("atteint");
    expect(e.message.params.value).toBe(35);
  });

  it("each row shows that year's own value", () => {
    const e = run(places, { 2021: 15, 2022: 30, 2023: 32 }, { today: 2023 });
    expect(e.years.slice(0, 3).map((y) => y.message.params.value)).toEqual([15, 30, 32]);
    expect(yearStatuses(e)).toMatchObject({ 2021: "en_cours", 2022: "atteint", 2023: "atteint" });
    expect(fr(yearOf(e, 2022).message)).toBe("2022 : 30 places, objectif ≥ 30 places atteint");
  });

  it("blank years after reaching stay À renseigner (a level can change)", () => {
    const e = run(places, { 2021: 30 }, { today: 2023 });
    expect(e.status).toBe("atteint");
    expect(yearOf(e, 2022).status).toBe("a_renseigner");
  });

  it("a later drop below the target is what counts", () => {
    const e = run(places, { 2021: 30, 2022: 25 }, { today: 2023 });
    expect(e.status).toBe("en_cours");
    expect(yearStatuses(e)).toMatchObject({ 2021: "atteint", 2022: "en_cours" });
    const over = run(places, { 2021: 30, 2022: 25 }, { today: 2026 });
    expect(over.status).toBe("non_atteint");
    expect(yearOf(over, 2022).status).toBe("en_cours"); // in 2022 the period was still running
    const atTheEnd = run(places, { 2021: 30, 2025: 25 }, { today: 2026 });
    expect(atTheEnd.status).toBe("non_atteint");
    expect(yearOf(atTheEnd, 2025).status).toBe("non_atteint");
  });

  it("percentages are never summed, even when cumulative is asked", () => {
    const rate = makeTarget({ measure: "percent", value: 60, unit: "%", period: "total" });
    const e = run(rate, { 2021: "30 %", 2022: "40 %" }, { today: 2023, aggregation: "cumulative" });
    expect(e.status).toBe("en_cours");
    expect(e.message.params).toMatchObject({ scope: "latest", value: 40 });
    expect(fr(e.message)).toContain("Dernière valeur (2022) : 40 %");
  });

  it('"<=" on a percentage: reached when at most the target; not reached after the period -> Non atteint', () => {
    const t = makeTarget({
      measure: "percent",
      comparator: "<=",
      value: 5,
      unit: "%",
      period: "total",
    });
    const e = run(t, { 2022: 0.07, 2023: "4 %" }, { today: 2023 });
    expect(yearStatuses(e)).toMatchObject({ 2022: "en_cours", 2023: "atteint" });
    expect(e.status).toBe("atteint");
    expect(fr(e.message)).toBe("Dernière valeur (2023) : 4 %, objectif ≤ 5 % atteint");
    const over = run(t, { 2022: 0.07 }, { today: 2026 });
    expect(over.status).toBe("non_atteint");
    expect(fr(over.message)).toBe(
      "Dernière valeur (2022) : 7 %, objectif ≤ 5 % non atteint à l'échéance (fin 2025)"
    );
  });
});

describe("cumulative maximum (au plus N sur la période)", () => {
  const max = makeTarget({ comparator: "<=", value: 10, unit: "exclusions", period: "total" });

  it("respected so far -> En cours while the period is not over", () => {
    const e = run(max, { 2021: 3, 2022: 4 }, { today: 2023 });
    expect(e.status).toBe("en_cours");
    expect(e.message.code).toBe("status.max_respected_so_far");
    expect(fr(e.message)).toBe(
      "Cumul 2021-2022 : 7 exclusions, objectif ≤ 10 exclusions sur la période respecté à ce jour — en cours jusqu'à fin 2025"
    );
  });

  it("exceeded -> Non atteint at once, from the year it is exceeded", () => {
    const e = run(max, { 2021: 3, 2022: 4, 2023: 5 }, { today: 2023 });
    expect(e.status).toBe("non_atteint");
    expect(e.message.code).toBe("status.max_exceeded");
    expect(yearStatuses(e)).toMatchObject({
      2021: "en_cours",
      2022: "en_cours",
      2023: "non_atteint",
    });
    expect(fr(yearOf(e, 2023).message)).toBe(
      "Cumul 2021-2023 : 12 exclusions, au-delà de l'objectif ≤ 10 exclusions sur la période : non atteint"
    );
  });

  it("period over with every year entered -> Atteint", () => {
    const e = run(max, { 2021: 1, 2022: 2, 2023: 0, 2024: 3, 2025: 2 }, { today: 2026 });
    expect(e.status).toBe("atteint");
    expect(yearOf(e, 2025).status).toBe("atteint");
  });

  it("period over with blank years -> À renseigner (a blank is not a zero)", () => {
    const e = run(max, { 2021: 3, 2022: 4 }, { today: 2026 });
    expect(e.status).toBe("a_renseigner");
    expect(e.message.code).toBe("status.max_incomplete");
    expect(yearOf(e, 2023).status).toBe("a_renseigner");
  });
});

describe("deadlines (sous N ans)", () => {
  // "créer 2 ALSH sous 2 ans": plan 2021-2025, deadline = end of 2022
  const alsh = makeTarget({ value: 2, unit: "ALSH", period: "total", deadlineYears: 2 });

  it("En cours until the deadline", () => {
    const e = run(alsh, { 2021: 1 }, { today: 2022 });
    expect(e.status).toBe("en_cours");
    expect(e.message.params).toMatchObject({ endYear: 2022, deadlineYear: 2022 });
    expect(fr(e.message)).toBe("Cumul 2021 : 1 sur 2 ALSH — en cours jusqu'à fin 2022");
  });

  it("reached by the deadline -> Atteint", () => {
    const e = run(alsh, { 2021: 1, 2022: 1 }, { today: 2024 });
    expect(e.status).toBe("atteint");
    expect(yearStatuses(e)).toMatchObject({ 2021: "en_cours", 2022: "atteint", 2023: "atteint" });
  });

  it("deadline passed and not reached -> Non atteint, even though the plan runs to 2025", () => {
    const e = run(alsh, { 2021: 1, 2022: 0 }, { today: 2023 });
    expect(e.status).toBe("non_atteint");
    expect(fr(e.message)).toBe(
      "Cumul 2021-2022 : 1 sur 2 ALSH — objectif non atteint à l'échéance (fin 2022)"
    );
  });

  it("reached only after the deadline -> Non atteint, saying it was reached after the deadline", () => {
    const e = run(alsh, { 2021: 1, 2022: 0, 2023: 1 }, { today: 2024 });
    expect(e.status).toBe("non_atteint");
    expect(e.message.code).toBe("status.reached_after_deadline");
    expect(e.message.params).toMatchObject({ reachedYear: 2023, deadlineYear: 2022 });
    expect(fr(e.message)).toBe(
      "Cumul 2021-2023 : 2 sur 2 ALSH — atteint seulement en 2023, après l'échéance (fin 2022) : non atteint"
    );
    expect(yearStatuses(e)).toEqual({
      2021: "en_cours", // before the deadline year: in progress then
      2022: "non_atteint", // the deadline year, over: not reached
      2023: "non_atteint", // reached, but late
      2024: "non_atteint",
      2025: "non_atteint",
    });
  });

  it("a year typed ahead that reaches the target after the deadline is already reached late; earlier rows stay En cours until the deadline", () => {
    const e = run(alsh, { 2021: 1, 2022: 0, 2023: 1 }, { today: 2022 });
    // 2023 is typed ahead; the target is reached in 2023, after the deadline
    expect(e.status).toBe("non_atteint");
    expect(yearOf(e, 2021).status).toBe("en_cours");
  });

  it("the deadline applies to latest-value targets too", () => {
    const places = makeTarget({ value: 20, unit: "places", period: "total", deadlineYears: 2 });
    const late = run(places, { 2022: 15, 2023: 20 }, { today: 2024 });
    expect(late.status).toBe("non_atteint");
    expect(late.message.code).toBe("status.reached_after_deadline");
    expect(fr(late.message)).toBe(
      "Dernière valeur (2023) : 20 places, objectif ≥ 20 places atteint seulement en 2023, après l'échéance (fin 2022) : non atteint"
    );
    const inTime = run(places, { 2022: 20, 2023: 21 }, { today: 2024 });
    expect(inTime.status).toBe("atteint");
    expect(fr(inTime.message)).toBe(
      "Dernière valeur (2023) : 21 places, objectif ≥ 20 places d'ici fin 2022 atteint"
    );
  });

  it("a deadline beyond the plan extends the judging period", () => {
    const t = makeTarget({ value: 10, period: "total", deadlineYears: 7 }); // end of 2027
    const e = run(t, { 2021: 2 }, { today: 2026 });
    expect(e.status).toBe("en_cours");
    expect(e.message.params.endYear).toBe(2027);
  });
});
