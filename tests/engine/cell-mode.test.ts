import { evaluateTarget } from "../../src/domain/engine/evaluate";
import { readEntry } from "../../src/domain/engine/read";
import type { EntryKind, EntryReading, RawEntry } from "../../src/domain/engine/types";
import { ctxAt, fr, makeTarget, run, yearOf, yearStatuses } from "./helpers";

/**
 * Cell mode: values read from workbook cells exactly as the workbook's status formulas see them
 * (the formulas and the engine must agree: tests/workbook/formulas.lo.test.ts proves it).
 */

const cell = (raw: RawEntry, kind: EntryKind): EntryReading =>
  readEntry(raw, kind, { source: "cell" });
const problem = (r: EntryReading): string =>
  r.kind === "invalid" ? r.problem.code : `not invalid: ${r.kind}`;

describe("readEntry in cell mode: blanks", () => {
  const kinds: EntryKind[] = ["count", "percent", "milestone", "free"];
  it.each(kinds)("%s: null, undefined, empty and ASCII spaces are blank", (kind) => {
    for (const raw of [null, undefined, "", " ", "    "])
      expect(cell(raw, kind)).toEqual({ kind: "blank" });
  });

  it("a no-break space, a tab or a newline is content (Excel's TRIM removes only U+0020)", () => {
    for (const raw of ["\u00a0", "\t", " \n ", "\u202f"]) {
      expect(cell(raw, "count").kind).toBe("invalid");
      expect(cell(raw, "milestone").kind).toBe("invalid");
      expect(cell(raw, "free").kind).toBe("text");
      // When typed (task pane), every kind of space is blank: the default is unchanged.
      expect(readEntry(raw, "count")).toEqual({ kind: "blank" });
    }
  });
});

describe("readEntry in cell mode: counts and percentages are numbers, never text", () => {
  it("a JS number is the value; negative and decimal counts are invalid", () => {
    expect(cell(12, "count")).toEqual({ kind: "number", value: 12 });
    expect(cell(0, "count")).toEqual({ kind: "number", value: 0 });
    expect(problem(cell(-3, "count"))).toBe("entry.negative");
    expect(problem(cell(2.5, "count"))).toBe("entry.decimal_count");
    expect(problem(cell(Number.NaN, "count"))).toBe("entry.not_finite");
  });

  it.each(["12", " 12 ", "1 250", "1\u00a0250", "12,5", "1.250", "20 %", "+3", "-2"])(
    "%j stored as text: entry.number_as_text (Excel does not count it)",
    (raw) => {
      const r = cell(raw, "count");
      expect(problem(r)).toBe("entry.number_as_text");
      if (r.kind === "invalid") {
        expect(fr(r.problem)).toMatch(/nombre saisi comme du texte : retapez-le/);
      }
      expect(problem(cell(raw, "percent"))).toBe("entry.number_as_text");
    }
  );

  it("other text and booleans are invalid", () => {
    expect(problem(cell("douze", "count"))).toBe("entry.text_not_number");
    expect(problem(cell("=1+1", "count"))).toBe("entry.text_not_number");
    expect(problem(cell("#N/A", "count"))).toBe("entry.excel_error");
    expect(problem(cell(true, "count"))).toBe("entry.boolean_not_number");
    expect(problem(cell(false, "percent"))).toBe("entry.boolean_not_number");
    expect(problem(cell("vingt", "percent"))).toBe("entry.text_not_percent");
  });

  it("a percent cell holds a fraction from 0 to 1", () => {
    expect(cell(0.8, "percent")).toEqual({ kind: "number", value: 80 });
    expect(cell(0.07, "percent")).toEqual({ kind: "number", value: 7 });
    expect(cell(1, "percent")).toEqual({ kind: "number", value: 100 });
    expect(cell(0, "percent")).toEqual({ kind: "number", value: 0 });
    expect(problem(cell(1.2, "percent"))).toBe("entry.percent_above_100");
    expect(problem(cell(80, "percent"))).toBe("entry.percent_above_100"); // 8 000 %
    expect(problem(cell(-0.1, "percent"))).toBe("entry.negative_percent");
  });
});

describe("readEntry in cell mode: milestones", () => {
  it.each([
    ["Oui", "oui"],
    [" oui ", "oui"],
    ["OUI", "oui"],
    ["Non", "non"],
    ["nON", "non"],
    ["En cours", "en_cours"],
    ["en   cours", "en_cours"], // TRIM makes inner runs of spaces one
    ["  EN COURS", "en_cours"],
  ])("%j -> %s (TRIM, no case)", (raw, value) => {
    expect(cell(raw, "milestone")).toEqual({ kind: "milestone", value });
  });

  it("TRUE / FALSE are Oui / Non", () => {
    expect(cell(true, "milestone")).toEqual({ kind: "milestone", value: "oui" });
    expect(cell(false, "milestone")).toEqual({ kind: "milestone", value: "non" });
  });

  it.each(["Vrai", "oui.", "Ouï", "encours", "en-cours", "o u i", "peut-être", "\u00a0oui"])(
    "%j is not a workbook answer: invalid (typed text would be more lenient)",
    (raw) => {
      expect(problem(cell(raw, "milestone"))).toBe("entry.unknown_yes_no");
    }
  );

  it("numbers are invalid", () => {
    expect(problem(cell(1, "milestone"))).toBe("entry.unknown_yes_no");
    expect(problem(cell(0, "milestone"))).toBe("entry.unknown_yes_no");
  });
});

describe("evaluateTarget with source: cell", () => {
  const perYear = makeTarget({ value: 12, period: "year" });

  it("a number stored as text is Saisie invalide (typed, the same text is a number)", () => {
    const entries = { 2021: "14", 2022: 14 };
    const fromCells = evaluateTarget(
      perYear,
      { aggregation: "per_year", entries, source: "cell" },
      ctxAt(2023)
    );
    expect(yearStatuses(fromCells)).toMatchObject({ 2021: "saisie_invalide", 2022: "atteint" });
    expect(fromCells.status).toBe("saisie_invalide");
    const typed = evaluateTarget(perYear, { aggregation: "per_year", entries }, ctxAt(2023));
    expect(yearStatuses(typed)).toMatchObject({ 2021: "atteint", 2022: "atteint" });
  });

  it("reads the baseline as a cell too", () => {
    const plus10 = makeTarget({ measure: "increase_percent", value: 10, period: "total" });
    const input = {
      aggregation: "latest" as const,
      entries: { 2021: 120 },
      source: "cell" as const,
    };
    expect(evaluateTarget(plus10, { ...input, baseline: 100 }, ctxAt(2022)).status).toBe("atteint");
    const asText = evaluateTarget(plus10, { ...input, baseline: "100" }, ctxAt(2022));
    expect(asText.status).toBe("saisie_invalide");
    expect(asText.message.code).toBe("status.baseline_invalid");
    expect(evaluateTarget(plus10, { ...input, baseline: "  " }, ctxAt(2022)).message.code).toBe(
      "status.baseline_missing"
    );
  });

  it("percent cells are fractions whatever percentNumbers says", () => {
    const t = makeTarget({ measure: "percent", value: 50, period: "year" });
    const e = evaluateTarget(
      t,
      {
        aggregation: "per_year",
        entries: { 2021: 0.6, 2022: 60 },
        source: "cell",
        readOptions: { percentNumbers: "typed" },
      },
      ctxAt(2023)
    );
    expect(yearOf(e, 2021).reading).toEqual({ kind: "number", value: 60 });
    expect(yearOf(e, 2022).status).toBe("saisie_invalide");
  });
});

describe("deadlineYear: the workbook's deadline cell (an absolute year)", () => {
  const t = makeTarget({ value: 2, period: "total", deadlineYears: 2 }); // end of 2022

  it("replaces deadlineYears; null removes the deadline", () => {
    const entries = { 2021: 1, 2023: 1 };
    expect(run(t, entries, { today: 2024 }).status).toBe("non_atteint"); // reached in 2023, late
    const moved = evaluateTarget(
      t,
      { aggregation: "cumulative", entries, deadlineYear: 2023 },
      ctxAt(2024)
    );
    expect(moved.status).toBe("atteint");
    expect(moved.message.params).toMatchObject({ deadlineYear: 2023, endYear: 2023 });
    const none = evaluateTarget(
      t,
      { aggregation: "cumulative", entries, deadlineYear: null },
      ctxAt(2024)
    );
    expect(none.status).toBe("atteint");
    expect(none.message.params).toMatchObject({ deadlineYear: null, endYear: 2025 });
  });

  it("a deadline before the plan: every year is late", () => {
    const e = evaluateTarget(
      t,
      { aggregation: "cumulative", entries: { 2021: 5 }, deadlineYear: 2019 },
      ctxAt(2022)
    );
    expect(e.status).toBe("non_atteint");
    expect(e.message.code).toBe("status.reached_after_deadline");
  });

  it("a deadline beyond the plan: the last plan year's row shows the outcome once it is over", () => {
    const e = evaluateTarget(
      t,
      { aggregation: "cumulative", entries: { 2021: 1, 2025: 0 }, deadlineYear: 2027 },
      ctxAt(2028)
    );
    expect(e.status).toBe("non_atteint");
    expect(yearStatuses(e)).toMatchObject({ 2021: "en_cours", 2025: "non_atteint" });
    expect(
      evaluateTarget(
        t,
        { aggregation: "cumulative", entries: { 2021: 1 }, deadlineYear: 2027 },
        ctxAt(2026)
      ).status
    ).toBe("en_cours");
  });

  it("per-year targets still ignore it", () => {
    const perYear = makeTarget({ value: 2, period: "year" });
    const e = evaluateTarget(
      perYear,
      { aggregation: "per_year", entries: { 2024: 1 }, deadlineYear: 2021 },
      ctxAt(2023)
    );
    expect(yearOf(e, 2024).status).toBe("en_cours");
    expect(e.status).toBe("en_cours");
  });
});

describe("increases are judged as value ≥ reference × (1 + target)", () => {
  const perYear = makeTarget({ measure: "increase_percent", value: 5, period: "year" });

  it("is the increase in percent for a reference above 0 (exact at the boundary)", () => {
    const e = run(perYear, { 2021: 105, 2022: 110, 2023: 116 }, { today: 2024, baseline: 100 }); // 110 < 105 × 1,05; 116 ≥ 110 × 1,05
    expect(yearStatuses(e)).toMatchObject({
      2021: "atteint",
      2022: "non_atteint",
      2023: "atteint",
    });
  });

  it("from a previous 0, the threshold is 0: any value meets “at least”, only 0 meets “at most”", () => {
    const e = run(perYear, { 2021: 0, 2022: 0, 2023: 4 }, { today: 2024, baseline: 10 });
    expect(yearStatuses(e)).toMatchObject({
      2021: "non_atteint",
      2022: "atteint",
      2023: "atteint",
    });
    const atMost = makeTarget({
      measure: "increase_percent",
      comparator: "<=",
      value: 5,
      period: "year",
    });
    const m = run(atMost, { 2021: 0, 2022: 0, 2023: 4 }, { today: 2024, baseline: 10 });
    expect(yearStatuses(m)).toMatchObject({
      2021: "atteint",
      2022: "atteint",
      2023: "non_atteint",
    });
  });
});

describe("whole-period rows tell where the target stood in their year", () => {
  const hundred = makeTarget({ value: 100, period: "total" });

  it("rows before the end year stay En cours after the period; the end year's row gives the outcome", () => {
    const e = run(hundred, { 2021: 20, 2024: 10, 2025: 5 }, { today: 2026 });
    expect(yearStatuses(e)).toEqual({
      2021: "en_cours",
      2022: "a_renseigner",
      2023: "a_renseigner",
      2024: "en_cours",
      2025: "non_atteint",
    });
    expect(e.status).toBe("non_atteint");
  });

  it("when the last entry is before the end year, the overall still says Non atteint once it is over", () => {
    const e = run(hundred, { 2021: 20 }, { today: 2026 });
    expect(yearOf(e, 2021).status).toBe("en_cours");
    expect(e.status).toBe("non_atteint");
    expect(fr(e.message)).toBe(
      "Cumul 2021 : 20 sur 100 — objectif non atteint à l'échéance (fin 2025)"
    );
  });
});

describe("cumulative maximum: rows and overall", () => {
  const max = makeTarget({ comparator: "<=", value: 10, period: "total" });

  it("rows before the end year are En cours, the end year's row Atteint when every year is entered", () => {
    const e = run(max, { 2021: 1, 2022: 2, 2023: 0, 2024: 3, 2025: 2 }, { today: 2026 });
    expect(yearStatuses(e)).toEqual({
      2021: "en_cours",
      2022: "en_cours",
      2023: "en_cours",
      2024: "en_cours",
      2025: "atteint",
    });
    expect(e.status).toBe("atteint");
  });

  it("a blank year before the end year's row: that row is À renseigner, and so is the target", () => {
    const e = run(max, { 2021: 1, 2022: 2, 2024: 3, 2025: 2 }, { today: 2026 });
    expect(yearOf(e, 2025).status).toBe("a_renseigner");
    expect(yearOf(e, 2025).message.code).toBe("status.max_incomplete");
    expect(e.status).toBe("a_renseigner");
  });

  it("during the period the end year's row is En cours; exceeded is Non atteint at once", () => {
    expect(yearOf(run(max, { 2025: 2 }, { today: 2025 }), 2025).status).toBe("en_cours");
    const e = run(max, { 2021: 6, 2022: 6 }, { today: 2022 });
    expect(yearStatuses(e)).toMatchObject({ 2021: "en_cours", 2022: "non_atteint" });
    expect(e.status).toBe("non_atteint");
  });

  it("with a deadline, the deadline year's row is the first to show the outcome", () => {
    const e = evaluateTarget(
      max,
      { aggregation: "cumulative", entries: { 2021: 3, 2022: 4, 2023: 1 }, deadlineYear: 2022 },
      ctxAt(2024)
    );
    expect(yearStatuses(e)).toMatchObject({ 2021: "en_cours", 2022: "atteint", 2023: "atteint" });
    expect(e.status).toBe("atteint");
  });
});
