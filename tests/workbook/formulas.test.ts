import type { Measure, Period, Target } from "../../src/domain/targets/schema";
import {
  EXCEL_FORMULA_LIMIT,
  evaluateRowCells,
  rowEvaluationInput,
  RowFormulaTemplates,
  statusFormulas,
  type RowCellValues,
  type StatusCells,
} from "../../src/domain/workbook/statusFormulas";

/**
 * Unit checks of the status formulas (no LibreOffice: agreement with the engine is proved by
 * formulas.lo.test.ts). Their text is parsed here: only allowed functions, only the row's cells,
 * no year reading its own status or a later one (no circular reference), short enough.
 */

/** Functions that compute the same in Excel 2016+ and LibreOffice Calc 7 (the brief's list). */
const ALLOWED = new Set([
  "IF",
  "AND",
  "OR",
  "NOT",
  "ISNUMBER",
  "ISTEXT",
  "ISBLANK",
  "ISLOGICAL",
  "LEN",
  "TRIM",
  "LOWER",
  "INT",
  "ABS",
  "SUM",
  "SUMPRODUCT",
  "COUNT",
  "COUNTA",
  "COUNTIF",
  "INDEX",
  "MATCH",
  "LOOKUP",
  "MAX",
  "MIN",
  "IFERROR",
  "N",
]);

const MEASURES: Measure[] = [
  "count",
  "percent",
  "increase_percent",
  "milestone",
  "qualitative",
  "unknown",
];
const PERIODS: Array<Period | null> = ["total", "year", "biennial", null];

function target(measure: Measure, period: Period | null = "total"): Target {
  return {
    measure,
    comparator: ">=",
    value: 10,
    valueMax: null,
    unit: null,
    period,
    deadlineYears: null,
    fragment: "",
  };
}

const colName = (n: number): string => {
  let s = "";
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26))
    s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
};
const colNumber = (name: string): number =>
  [...name].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

const PARAMS_YEAR = "'Paramètres'!$B$4";

/** The Axe sheet's layout: entries from column R, statuses after the overall (contiguous). */
function axisCells(years: readonly number[], row = 5): StatusCells {
  const n = years.length;
  return {
    comparator: `J${row}`,
    value: `K${row}`,
    valueMax: `L${row}`,
    deadlineYear: `O${row}`,
    aggregation: `P${row}`,
    baseline: `Q${row}`,
    entries: years.map((_, i) => `${colName(18 + i)}${row}`),
    yearStatuses: years.map((_, i) => `${colName(18 + n + 3 + i)}${row}`),
    currentYear: PARAMS_YEAR,
  };
}

/** Entries and statuses interleaved: no range can be used. */
function interleavedCells(years: readonly number[], row = 7): StatusCells {
  return {
    ...axisCells(years, row),
    entries: years.map((_, i) => `${colName(20 + 2 * i)}${row}`),
    yearStatuses: years.map((_, i) => `${colName(21 + 2 * i)}${row}`),
  };
}

const PLAN = [2021, 2022, 2023, 2024, 2025];

/** The formula without its string literals (and so without the array constant's words). */
function code(formula: string): string {
  return formula.replace(/"(?:[^"]|"")*"/g, '""');
}

function functionsOf(formula: string): string[] {
  return [...code(formula).matchAll(/([A-Z][A-Z0-9.]*)\(/g)].map((m) => m[1] as string);
}

/** Every cell a formula reads (ranges expanded; other sheets kept as written). */
function cellsRead(formula: string): string[] {
  const text = code(formula);
  const out: string[] = [];
  const other = /'[^']+'!\$?[A-Z]{1,3}\$?\d+/g;
  for (const m of text.matchAll(other)) out.push(m[0]);
  const local = text.replace(other, "");
  for (const m of local.matchAll(/\b([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?\b/g)) {
    const [, c1, r1, c2, r2] = m as unknown as [string, string, string, string?, string?];
    if (c2 === undefined || r2 === undefined) {
      out.push(`${c1}${r1}`);
      continue;
    }
    expect(r2).toBe(r1); // ranges stay in the row
    for (let c = colNumber(c1); c <= colNumber(c2); c++) out.push(`${colName(c)}${r1}`);
  }
  return out;
}

/** Parentheses balance, and nest at most 64 levels deep (Excel's limit for nested functions). */
function balanced(formula: string): boolean {
  let depth = 0;
  let deepest = 0;
  for (const ch of code(formula)) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (depth < 0) return false;
    deepest = Math.max(deepest, depth);
  }
  return depth === 0 && deepest <= 64;
}

describe("statusFormulas: one formula per year and an overall one, for every measure", () => {
  it.each(MEASURES.flatMap((m) => PERIODS.map((p) => [m, p] as const)))(
    "%s / %s: allowed functions only, the row's cells only, no `=`, balanced",
    (measure, period) => {
      for (const cells of [axisCells(PLAN), interleavedCells(PLAN)]) {
        const f = statusFormulas(target(measure, period), PLAN, cells);
        expect(f.years).toHaveLength(PLAN.length);
        const targetCells = [
          cells.comparator,
          cells.value,
          cells.deadlineYear,
          cells.aggregation,
          cells.baseline,
          cells.currentYear,
        ];
        f.years.forEach((formula, i) => {
          expect(formula.startsWith("=")).toBe(false);
          expect(balanced(formula)).toBe(true);
          for (const fn of functionsOf(formula)) expect(ALLOWED).toContain(fn);
          // A year reads the entries, the statuses of the years BEFORE it (never its own or a later
          // one: no circular reference), and the target's cells.
          const allowed = new Set([
            ...cells.entries,
            ...cells.yearStatuses.slice(0, i),
            ...targetCells,
          ]);
          for (const ref of cellsRead(formula)) expect(allowed).toContain(ref);
        });
        const overall = f.overall;
        expect(overall.startsWith("=")).toBe(false);
        expect(balanced(overall)).toBe(true);
        for (const fn of functionsOf(overall)) expect(ALLOWED).toContain(fn);
        const allowed = new Set([...cells.entries, ...cells.yearStatuses, ...targetCells]);
        for (const ref of cellsRead(overall)) expect(allowed).toContain(ref);
      }
    }
  );

  it("makes every row's formulas from one template per shape, as generating them row by row", () => {
    for (const layout of [axisCells, interleavedCells]) {
      const templates = new RowFormulaTemplates(PLAN, (r) => layout(PLAN, r + 1));
      for (const measure of MEASURES)
        for (const period of PERIODS)
          for (const r of [0, 4, 9, 10, 99, 2021, 1_048_575]) {
            const t = target(measure, period);
            expect(templates.at(t, r)).toEqual(statusFormulas(t, PLAN, layout(PLAN, r + 1)));
          }
    }
  });

  it("generates row by row a shape whose template would not hold", () => {
    // A constant equal to the marker row's number: cutting at it would move it with the row.
    const cells = (r: number): StatusCells => ({
      ...axisCells(PLAN, r + 1),
      currentYear: "'Paramètres'!$B$1048577",
    });
    const templates = new RowFormulaTemplates(PLAN, cells);
    const t = target("count");
    for (const r of [4, 77]) expect(templates.at(t, r)).toEqual(statusFormulas(t, PLAN, cells(r)));
  });

  it("never reads the range maximum (above the range is reached: the maximum changes no status)", () => {
    for (const m of MEASURES) {
      const f = statusFormulas(target(m), PLAN, axisCells(PLAN));
      for (const formula of [...f.years, f.overall]) expect(cellsRead(formula)).not.toContain("L5");
    }
  });

  it("has the shape of its measure", () => {
    const cells = axisCells(PLAN);
    const free = statusFormulas(target("qualitative"), PLAN, cells);
    expect(free.years[0]).toBe('IF(TRIM(R5)="","À renseigner","Qualitatif")');
    expect(free.overall).toBe('IFERROR(LOOKUP(2,1/(TRIM(R5:V5)<>""),Z5:AD5),"À renseigner")');
    expect(statusFormulas(target("unknown"), PLAN, cells)).toEqual(free);

    const milestone = statusFormulas(target("milestone", null), PLAN, cells);
    expect(milestone.years[2]).toContain('MATCH(TRIM(T5),{"oui","non","en cours"},0)');
    expect(milestone.years[2]).toContain('COUNTIF(Z5:AA5,"Atteint")');
    expect(milestone.years[0]).not.toContain("COUNTIF"); // nothing before the first year
    expect(milestone.overall).toMatch(
      /^IF\(COUNTIF\(Z5:AD5,"Saisie invalide"\),"Saisie invalide",/
    );

    const count = statusFormulas(target("count"), PLAN, cells);
    expect(count.years[0]).toContain("INT(ABS(R5))=R5"); // a whole number ≥ 0
    expect(count.years[3]).toContain('SUMPRODUCT(--(Z5:AB5<>"Saisie invalide"),R5:T5)'); // cumulative sum
    expect(count.years[1]).toContain('(Z5<>"Saisie invalide")*N(R5)');
    expect(count.overall).toContain('LOOKUP(2,1/(TRIM(R5:V5)<>""),Z5:AD5)');

    const percent = statusFormulas(target("percent"), PLAN, cells);
    expect(percent.years[0]).toContain("AND(R5>=0,R5<=1)"); // a fraction of a %-formatted cell
    expect(percent.years[0]).toContain(">=-1E-11");
    expect(percent.years[4]).not.toContain("SUMPRODUCT"); // never summed

    const increase = statusFormulas(target("increase_percent", "year"), PLAN, cells);
    expect(increase.years[0]).toContain("(R5-Q5*(1+K5))"); // first year from the baseline
    expect(increase.years[2]).toContain("IF(ISNUMBER(S5)>ISLOGICAL(S5),INT(ABS(S5))=S5),S5,"); // previous value
    expect(increase.overall).toContain('AND(ISNUMBER(K5)>ISLOGICAL(K5),TRIM(Q5)<>""');

    // Every measure reads the evaluation year through the given absolute reference.
    for (const m of ["count", "percent", "increase_percent", "milestone"] as const)
      expect(statusFormulas(target(m), PLAN, cells).years[0]).toContain(PARAMS_YEAR);
  });

  it("two-year windows: the first year reads its partner, the second the first", () => {
    const cells = axisCells(PLAN);
    const f = statusFormulas(target("count", "biennial"), PLAN, cells);
    expect(f.years[0]).toContain("(R5+S5)"); // 2021 reached with 2022 -> in progress
    expect(f.years[1]).toContain('((Z5<>"Saisie invalide")*N(R5)+S5)'); // 2021-22 window sum
    expect(f.years[4]).not.toContain("W5"); // 2025 alone
    const plain = statusFormulas(target("count", "total"), PLAN, cells);
    expect(plain.years[0]).not.toContain("(R5+S5)");
  });

  it("uses the fallbacks (no range) when cells are not side by side", () => {
    const cells = interleavedCells(PLAN);
    const f = statusFormulas(target("count"), PLAN, cells);
    for (const formula of [...f.years, f.overall])
      expect(formula).not.toMatch(/[A-Z]+\d+:[A-Z]+\d+/);
    expect(f.overall).toContain('IF(TRIM(AB7)<>"",AC7,');
  });

  it("stays far below Excel's limit: under 1 500 characters for a plan of up to 6 years", () => {
    const lengths: Record<string, number> = {};
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const years = Array.from({ length: n }, (_, i) => 2021 + i);
      let longest = 0;
      for (const m of MEASURES)
        for (const p of PERIODS)
          for (const cells of [axisCells(years), interleavedCells(years)]) {
            const f = statusFormulas(target(m, p), years, cells);
            for (const formula of [...f.years, f.overall])
              longest = Math.max(longest, formula.length);
          }
      lengths[n] = longest;
      expect(longest).toBeLessThan(EXCEL_FORMULA_LIMIT);
      for (const m of MEASURES) {
        const f = statusFormulas(target(m, "biennial"), years, interleavedCells(years));
        for (const formula of [...f.years, f.overall]) expect(balanced(formula)).toBe(true);
      }
      if (n <= 6) expect(longest).toBeLessThan(1500);
    }
    // The axis layout (contiguous) of a 5-year plan: the usual case.
    let usual = 0;
    for (const m of MEASURES)
      for (const p of PERIODS) {
        const f = statusFormulas(target(m, p), PLAN, axisCells(PLAN));
        for (const formula of [...f.years, f.overall]) usual = Math.max(usual, formula.length);
      }
    expect(usual).toBeLessThan(1100);
    expect(lengths[8]).toBeLessThan(2500);
  });

  it("refuses a layout without one entry and one status cell per year", () => {
    expect(() =>
      statusFormulas(target("count"), PLAN, { ...axisCells(PLAN), yearStatuses: [] })
    ).toThrow();
    expect(() => statusFormulas(target("count"), [], { ...axisCells([]) })).toThrow();
  });
});

describe("rowEvaluationInput: the row's cells read as the formulas read them", () => {
  const base: RowCellValues = {
    comparator: "≥",
    value: 10,
    valueMax: null,
    aggregation: "Cumul",
    deadlineYear: null,
    baseline: null,
    entries: [4, null, "", "  ", 6],
  };

  it("maps the target cells", () => {
    const { target: t, input } = rowEvaluationInput(target("count"), PLAN, base);
    expect(t).toMatchObject({ comparator: ">=", value: 10, valueMax: null });
    expect(input).toMatchObject({ aggregation: "cumulative", source: "cell", deadlineYear: null });
    expect(input.entries).toEqual({ 2021: 4, 2022: null, 2023: "", 2024: "  ", 2025: 6 });
  });

  it("reads percentages as fractions, scaled to percent for the engine", () => {
    const { target: t } = rowEvaluationInput(target("percent"), PLAN, {
      ...base,
      value: 0.07,
      valueMax: 0.333,
    });
    expect(t.value).toBe(7);
    expect(t.valueMax).toBe(33.3);
  });

  it.each([
    [{ value: "10" }, { value: null }], // text: no target figure -> recorded
    [{ value: true }, { value: null }],
    [{ comparator: "≤" }, { comparator: "<=" }],
    [{ comparator: "<=" }, { comparator: null }], // not the workbook's word: at least
    [{ comparator: "ENTRE" }, { comparator: "between" }],
  ] as Array<[Partial<RowCellValues>, Partial<Target>]>)(
    "target cells %j -> %j",
    (cells, expected) => {
      expect(rowEvaluationInput(target("count"), PLAN, { ...base, ...cells }).target).toMatchObject(
        expected
      );
    }
  );

  it.each([
    ["Par an", "per_year"],
    ["PAR AN", "per_year"], // Excel compares text without case
    ["cumul", "cumulative"],
    ["Cumul ", "latest"],
    ["Dernière valeur", "latest"],
    [null, "latest"],
    [3, "latest"],
  ] as const)("aggregation %j -> %s", (aggregation, expected) => {
    expect(
      rowEvaluationInput(target("count"), PLAN, { ...base, aggregation }).input.aggregation
    ).toBe(expected);
  });

  it.each([
    [2022, 2022],
    [null, null],
    [0, null],
    ["2022", null], // N(text) = 0
    [true, 1], // N(TRUE) = 1 in Excel and LibreOffice
    [2023.5, 2023.5],
  ] as const)("deadline cell %j -> %j", (deadlineYear, expected) => {
    expect(
      rowEvaluationInput(target("count"), PLAN, { ...base, deadlineYear }).input.deadlineYear
    ).toBe(expected);
  });

  it("evaluates a row like the formulas do (deadline cell in absolute years)", () => {
    const e = evaluateRowCells(
      target("count"),
      PLAN,
      { ...base, deadlineYear: 2022, entries: [4, 6, null, null, null] },
      2023
    );
    expect(e.status).toBe("atteint");
    expect(e.message.params).toMatchObject({ deadlineYear: 2022, endYear: 2022 });
    const asText = evaluateRowCells(
      target("count"),
      PLAN,
      { ...base, entries: ["4", 6, null, null, null] },
      2023
    );
    expect(asText.years[0]?.message.code).toBe("entry.number_as_text");
    expect(asText.status).toBe("saisie_invalide");
  });
});
