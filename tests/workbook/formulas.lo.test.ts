import { rmSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import type { RawEntry } from "../../src/domain/engine/types";
import type { Measure, Period, Target } from "../../src/domain/targets/schema";
import { STATUS_TEXT } from "../../src/domain/workbook/labels";
import {
  EXCEL_FORMULA_LIMIT,
  evaluateRowCells,
  statusFormulas,
  type RowCellValues,
  type StatusCells,
} from "../../src/domain/workbook/statusFormulas";
import {
  formulaOf,
  readWorkbook,
  recalculateWithLibreOffice,
  requireSoffice,
  shownValue,
  tempDir,
  writeWorkbook,
} from "../support/libreoffice";

/**
 * Proof that the workbook's status formulas agree with the engine: thousands of rows (every
 * measure × comparator × aggregation × deadline × baseline × kinds of entries, then random rows)
 * are written with exceljs, recalculated by LibreOffice Calc (headless) at several evaluation
 * years, read back, and each year's status and the overall status are compared with
 * `evaluateTarget(..., source: "cell")` for the same cells. Any difference fails the test and is
 * printed. Without LibreOffice the test fails (CI installs it).
 */

jest.setTimeout(600_000);

const PLAN_A = [2021, 2022, 2023, 2024, 2025];
const PLAN_B = [2022, 2023, 2024, 2025];
/** Evaluation years, one cell each on the Paramètres sheet (B2, B3...). */
const EVALUATION_YEARS = [2021, 2022, 2023, 2024, 2025, 2026, 2027];
const yearCell = (year: number): string => `'Paramètres'!$B$${EVALUATION_YEARS.indexOf(year) + 2}`;
const SEED = 20_251_129;

interface Case {
  readonly id: string;
  readonly target: Target;
  readonly cells: RowCellValues;
}

function target(measure: Measure, period: Period | null): Target {
  return {
    measure,
    comparator: ">=",
    value: 1,
    valueMax: null,
    unit: null,
    period,
    deadlineYears: null,
    fragment: "",
  };
}

// --- Entries: valid (reached / not reached), blank, and every kind of invalid entry ----------

const NBSP = "\u00a0";
const BLANKS: RawEntry[] = [null, "", "   "];
const COUNT_VALID: RawEntry[] = [0, 4, 6, 10, 12, 25];
const COUNT_INVALID: RawEntry[] = ["abc", "12", -3, 2.5, true, false, NBSP, "1 250", "=1+1", "+3"];
const PERCENT_VALID: RawEntry[] = [0, 0.25, 0.5, 0.8, 1];
const PERCENT_INVALID: RawEntry[] = [1.2, -0.1, "50 %", "0,5", true, "abc", 80];
const INCREASE_VALID: RawEntry[] = [0, 90, 100, 105, 110, 121, 150];
const MILESTONE_VALID: RawEntry[] = [
  "Oui",
  "Non",
  "En cours",
  " oui ",
  "NON",
  "en  cours",
  "EN COURS",
  true,
  false,
];
const MILESTONE_INVALID: RawEntry[] = ["peut-être", 1, 0, "Vrai", "oui.", "Ouï", "encours", NBSP];
const FREE: RawEntry[] = ["fait", 3, -3, 0.5, true, false, NBSP, "Oui", "=SUM(A1)"];

/** Systematic entry patterns for a 5-year plan, per kind of measure. */
const COUNT_PATTERNS: RawEntry[][] = [
  [null, null, null, null, null],
  [12, null, null, null, null],
  [4, 6, null, null, null],
  [4, null, 4, null, 4],
  [12, 4, 12, null, 25],
  [null, null, null, null, 12],
  [4, 4, 4, 4, 4],
  [0, 0, "   ", "", 0],
  ["abc", 12, null, null, null],
  [4, "12", 6, null, null],
  [-3, 4, null, 10, null],
  [2.5, null, 12, null, null],
  [true, 4, null, null, false],
  [4, NBSP, 12, null, null],
];
const PERCENT_PATTERNS: RawEntry[][] = [
  [null, null, null, null, null],
  [0.8, null, null, null, null],
  [0.25, 0.5, null, null, null],
  [0.8, 0.25, 0.8, null, 1],
  [null, null, null, null, 0.25],
  [0.5, 0.5, 0.5, 0.5, 0.5],
  [0, "   ", 1, "", 0],
  [1.2, 0.8, null, null, null],
  [0.25, -0.1, 0.8, null, null],
  [0.25, "50 %", null, 0.8, null],
  [true, 0.5, null, null, "0,5"],
];
const INCREASE_PATTERNS: RawEntry[][] = [
  [null, null, null, null, null],
  [121, null, null, null, null],
  [105, 110, null, null, null],
  [90, null, 110, null, 100],
  [110, 100, 121, null, 150],
  [0, 0, 5, null, 0],
  [105, "110", null, null, null],
  [-3, 110, 2.5, null, true],
];
const MILESTONE_PATTERNS: RawEntry[][] = [
  [null, null, null, null, null],
  ["Oui", null, null, null, null],
  ["Non", "En cours", "Oui", null, "Non"],
  ["Non", null, null, null, null],
  [null, null, null, null, "En cours"],
  [" oui ", "NON", "en  cours", null, null],
  [false, true, null, null, null],
  ["Non", "Non", "Non", "Non", "Non"],
  [null, "Oui", "peut-être", null, null],
  ["Vrai", null, "Oui", null, null],
  [1, "oui.", null, "Ouï", 0],
  [null, null, null, "Oui", null],
  ["En cours", null, "   ", "", "Oui"],
];
const FREE_PATTERNS: RawEntry[][] = [
  [null, null, null, null, null],
  ["fait", null, 3, null, null],
  [NBSP, "   ", "", null, -3],
  [true, false, "Oui", 0.5, "=SUM(A1)"],
];

// --- Target cells -------------------------------------------------------------------------------

const COMPARATORS: RawEntry[] = ["≥", "≤", "entre", null];
const AGGREGATIONS: RawEntry[] = ["Par an", "Cumul", "Dernière valeur", null];

function systematicCases(): Case[] {
  const cases: Case[] = [];
  const push = (t: Target, cells: RowCellValues) =>
    cases.push({ id: `S${cases.length + 1}`, target: t, cells });
  const quantities: Array<[Measure, number, number | null, RawEntry[][]]> = [
    ["count", 10, 12, COUNT_PATTERNS],
    ["percent", 0.5, 0.8, PERCENT_PATTERNS],
    ["increase_percent", 0.1, 0.2, INCREASE_PATTERNS],
  ];
  for (const [measure, value, valueMax, patterns] of quantities)
    for (const period of ["total", "biennial"] as const)
      for (const comparator of COMPARATORS)
        for (const aggregation of AGGREGATIONS)
          for (const deadlineYear of [null, 2022])
            for (const baseline of measure === "increase_percent"
              ? [100, null, 0, "cent"]
              : [null]) {
              // A missing, zero or invalid baseline: a few patterns are enough.
              const used = baseline === 100 || baseline === null ? patterns : patterns.slice(0, 3);
              for (const entries of used)
                push(target(measure, period), {
                  comparator,
                  value,
                  valueMax: comparator === "entre" ? valueMax : null,
                  aggregation,
                  deadlineYear,
                  baseline,
                  entries,
                });
            }
  for (const deadlineYear of [null, 2021, 2022, 2027])
    for (const entries of MILESTONE_PATTERNS)
      push(target("milestone", null), {
        comparator: null,
        value: null,
        valueMax: null,
        aggregation: null,
        deadlineYear,
        baseline: null,
        entries,
      });
  for (const measure of ["qualitative", "unknown"] as const)
    for (const entries of FREE_PATTERNS)
      push(target(measure, null), {
        comparator: null,
        value: null,
        valueMax: null,
        aggregation: null,
        deadlineYear: null,
        baseline: null,
        entries,
      });
  // Target cells a coordinator may have edited into something odd.
  const odd: Array<Partial<RowCellValues>> = [
    { value: "10" },
    { value: true },
    { value: null },
    { value: 0 },
    { value: -1 },
    { comparator: "<=" },
    { comparator: "=" },
    { comparator: " ≤" },
    { aggregation: "cumul" },
    { aggregation: "PAR AN" },
    { aggregation: "Cumul " },
    { aggregation: 3 },
    { aggregation: true },
    { deadlineYear: "2022" },
    { deadlineYear: true },
    { deadlineYear: 0 },
    { deadlineYear: 2019 },
    { deadlineYear: 2030 },
    { deadlineYear: 2023.5 },
  ];
  for (const change of odd)
    for (const [measure, value] of [
      ["count", 10],
      ["percent", 0.5],
      ["increase_percent", 0.1],
    ] as const)
      for (const aggregation of ["Cumul", "Dernière valeur"])
        for (const entries of [
          [4, 6, null, null, 12],
          [12, null, null, 4, null],
        ])
          push(target(measure, "total"), {
            comparator: "≥",
            value,
            valueMax: null,
            aggregation,
            deadlineYear: null,
            baseline: 100,
            entries:
              measure === "percent" ? entries.map((e) => (e === null ? null : e / 20)) : entries,
            ...change,
          });
  for (const baseline of ["100", -5, 2.5, true, false, "   ", NBSP, 1, 3])
    for (const aggregation of ["Par an", "Dernière valeur"])
      push(target("increase_percent", "total"), {
        comparator: "≥",
        value: 0.1,
        valueMax: null,
        aggregation,
        deadlineYear: null,
        baseline,
        entries: [3, 4, null, "x", 2],
      });
  return cases;
}

// --- Random rows (seeded) ------------------------------------------------------------------------

const anyOf = <T>(values: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...values);

function entryArbitrary(measure: Measure): fc.Arbitrary<RawEntry> {
  switch (measure) {
    case "count":
      return fc.oneof(
        { arbitrary: anyOf(COUNT_VALID), weight: 6 },
        { arbitrary: fc.integer({ min: 0, max: 30 }), weight: 3 },
        { arbitrary: anyOf(BLANKS), weight: 4 },
        { arbitrary: anyOf(COUNT_INVALID), weight: 1 }
      );
    case "percent":
      return fc.oneof(
        { arbitrary: anyOf(PERCENT_VALID), weight: 6 },
        { arbitrary: fc.integer({ min: 0, max: 1000 }).map((k) => k / 1000), weight: 3 },
        { arbitrary: anyOf(BLANKS), weight: 4 },
        { arbitrary: anyOf(PERCENT_INVALID), weight: 1 }
      );
    case "increase_percent":
      return fc.oneof(
        { arbitrary: anyOf(INCREASE_VALID), weight: 6 },
        { arbitrary: fc.integer({ min: 0, max: 200 }), weight: 3 },
        { arbitrary: anyOf(BLANKS), weight: 4 },
        { arbitrary: anyOf(COUNT_INVALID), weight: 1 }
      );
    case "milestone":
      return fc.oneof(
        { arbitrary: anyOf(MILESTONE_VALID), weight: 6 },
        { arbitrary: anyOf(BLANKS), weight: 5 },
        { arbitrary: anyOf(MILESTONE_INVALID), weight: 1 }
      );
    default:
      return fc.oneof(
        { arbitrary: anyOf(FREE), weight: 3 },
        { arbitrary: anyOf(BLANKS), weight: 3 }
      );
  }
}

function valueArbitrary(measure: Measure): fc.Arbitrary<RawEntry> {
  const odd = anyOf<RawEntry>([null, "10", true]);
  const numbers: fc.Arbitrary<RawEntry> =
    measure === "count"
      ? anyOf<RawEntry>([0, 1, 5, 10, 12, 20, 2.5, 35, -1])
      : measure === "percent"
        ? anyOf<RawEntry>([0, 0.25, 0.5, 0.8, 1, 0.333, 0.05])
        : anyOf<RawEntry>([0, 0.1, 0.2, 0.05, -0.1, 0.5, 1]);
  return fc.oneof({ arbitrary: numbers, weight: 12 }, { arbitrary: odd, weight: 1 });
}

function randomCases(
  years: readonly number[],
  count: number,
  seed: number,
  prefix: string
): Case[] {
  const measure = fc.oneof(
    { arbitrary: anyOf<Measure>(["count"]), weight: 4 },
    { arbitrary: anyOf<Measure>(["percent"]), weight: 3 },
    { arbitrary: anyOf<Measure>(["increase_percent"]), weight: 3 },
    { arbitrary: anyOf<Measure>(["milestone"]), weight: 2 },
    { arbitrary: anyOf<Measure>(["qualitative", "unknown"]), weight: 1 }
  );
  const row = measure.chain((m) =>
    fc.record({
      measure: fc.constant(m),
      period: anyOf<Period | null>(["total", "year", "biennial", null]),
      comparator: fc.oneof(
        { arbitrary: anyOf<RawEntry>(["≥", "≤", "=", "entre", null]), weight: 10 },
        { arbitrary: anyOf<RawEntry>(["<=", " ≤"]), weight: 1 }
      ),
      value: valueArbitrary(m),
      valueMax: anyOf<RawEntry>([null, 12, 0.9]),
      aggregation: fc.oneof(
        { arbitrary: anyOf<RawEntry>(["Par an", "Cumul", "Dernière valeur"]), weight: 10 },
        { arbitrary: anyOf<RawEntry>([null, "cumul", "PAR AN", "x", 3]), weight: 1 }
      ),
      deadlineYear: fc.oneof(
        { arbitrary: anyOf<RawEntry>([null]), weight: 6 },
        { arbitrary: fc.integer({ min: 2019, max: 2028 }), weight: 5 },
        { arbitrary: anyOf<RawEntry>(["2022", true, 0, 2022.5]), weight: 1 }
      ),
      baseline: fc.oneof(
        { arbitrary: anyOf<RawEntry>([100, 50, 1, 200]), weight: 8 },
        { arbitrary: anyOf<RawEntry>([null, 0, "100", -5, 2.5, true, "   ", "abc"]), weight: 2 }
      ),
      entries: fc.array(entryArbitrary(m), { minLength: years.length, maxLength: years.length }),
    })
  );
  return fc.sample(row, { seed, numRuns: count }).map((r, i) => ({
    id: `${prefix}${i + 1}`,
    target: target(r.measure, r.period),
    cells: {
      comparator: r.comparator,
      value: r.value,
      valueMax: r.valueMax,
      aggregation: r.aggregation,
      deadlineYear: r.deadlineYear,
      baseline: r.baseline,
      entries: r.entries,
    },
  }));
}

// --- The workbook --------------------------------------------------------------------------------

type Layout = "contiguous" | "interleaved";

/** A row: a case evaluated at a year (its formulas read that year's cell on Paramètres). */
interface Row {
  readonly k: Case;
  readonly evaluationYear: number;
}

interface SheetSpec {
  readonly name: string;
  readonly years: readonly number[];
  readonly layout: Layout;
  readonly rows: readonly Row[];
}

const col = (n: number): string => {
  let s = "";
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26))
    s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
};

/** Columns of a row: 1 id, 2-7 target cells, then entries and statuses, then the overall. */
function columns(years: readonly number[], layout: Layout) {
  const n = years.length;
  const entry = (i: number) => (layout === "contiguous" ? 8 + i : 8 + 2 * i);
  const status = (i: number) => (layout === "contiguous" ? 8 + n + i : 9 + 2 * i);
  return { entry, status, overall: 8 + 2 * n };
}

function cellsOf(
  row: number,
  years: readonly number[],
  layout: Layout,
  yearRef: string
): StatusCells {
  const c = columns(years, layout);
  return {
    comparator: `B${row}`,
    value: `C${row}`,
    valueMax: `D${row}`,
    aggregation: `E${row}`,
    deadlineYear: `F${row}`,
    baseline: `G${row}`,
    entries: years.map((_, i) => `${col(c.entry(i))}${row}`),
    yearStatuses: years.map((_, i) => `${col(c.status(i))}${row}`),
    currentYear: yearRef,
  };
}

/** exceljs writes a JS string as text (a shared string), never as a formula. */
function put(ws: ExcelJS.Worksheet, ref: string, v: RawEntry): void {
  if (v === null || v === undefined) return;
  ws.getCell(ref).value = v;
}

let longest = 0;

function buildSheet(wb: ExcelJS.Workbook, spec: SheetSpec): void {
  const ws = wb.addWorksheet(spec.name);
  spec.rows.forEach(({ k, evaluationYear }, i) => {
    const row = i + 2;
    const refs = cellsOf(row, spec.years, spec.layout, yearCell(evaluationYear));
    ws.getCell(`A${row}`).value = k.id;
    put(ws, refs.comparator, k.cells.comparator);
    put(ws, refs.value, k.cells.value);
    put(ws, refs.valueMax, k.cells.valueMax);
    put(ws, refs.aggregation, k.cells.aggregation);
    put(ws, refs.deadlineYear, k.cells.deadlineYear);
    put(ws, refs.baseline, k.cells.baseline);
    spec.years.forEach((_, j) => put(ws, refs.entries[j] as string, k.cells.entries[j] ?? null));
    const f = statusFormulas(k.target, spec.years, refs);
    for (const formula of [...f.years, f.overall]) longest = Math.max(longest, formula.length);
    f.years.forEach(
      (formula, j) => (ws.getCell(refs.yearStatuses[j] as string).value = { formula })
    );
    ws.getCell(`${col(columns(spec.years, spec.layout).overall)}${row}`).value = {
      formula: f.overall,
    };
  });
}

/** Text that looks like a formula, and a formula, for the by-hand check of exceljs. */
const LOOKS_LIKE_FORMULA = ["=1+1", "+3", "-2", "@x", "=SUM(A1:A2)", "'quoted", " =1"];

function buildChecksSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet("Checks");
  LOOKS_LIKE_FORMULA.forEach((t, i) => (ws.getCell(`A${i + 1}`).value = t));
  ws.getCell("B1").value = { formula: "1+1" };
  ws.getCell("B2").value = { formula: 'IF(TRIM(A7)="=1","text ok","?")' };
}

interface Difference {
  readonly sheet: string;
  readonly row: number;
  readonly id: string;
  readonly evaluationYear: number;
  readonly formulas: readonly RawEntry[];
  readonly engine: readonly string[];
  readonly k: Case;
}

function describeDifference(d: Difference): string {
  const c = d.k.cells;
  const show = (v: RawEntry) => JSON.stringify(v ?? null);
  return [
    `${d.sheet} row ${d.row} (${d.id}) ${d.k.target.measure}/${d.k.target.period ?? "-"}, evaluation year ${d.evaluationYear}`,
    `  cells: cmp=${show(c.comparator)} value=${show(c.value)} agg=${show(c.aggregation)} deadline=${show(c.deadlineYear)} baseline=${show(c.baseline)}`,
    `  entries:  ${c.entries.map(show).join(" | ")}`,
    `  formulas: ${d.formulas.map(show).join(" | ")}`,
    `  engine:   ${d.engine.join(" | ")}`,
  ].join("\n");
}

describe("status formulas recalculated by LibreOffice agree with the engine", () => {
  const sheets: SheetSpec[] = [];
  let recalculated: ExcelJS.Workbook | null = null;
  let dir = "";
  let seconds = 0;

  beforeAll(async () => {
    requireSoffice(); // fails the suite (not skipped) without LibreOffice
    const systematic = systematicCases();
    // Random rows: each at a random evaluation year (before, during and after the plan).
    const atRandomYears = (cases: Case[], seed: number): Row[] => {
      const years = fc.sample(fc.constantFrom(...EVALUATION_YEARS), {
        seed,
        numRuns: cases.length,
      });
      return cases.map((k, i) => ({ k, evaluationYear: years[i] as number }));
    };
    const wb = new ExcelJS.Workbook();
    const params = wb.addWorksheet("Paramètres");
    params.getCell("A1").value = "Années d'évaluation";
    EVALUATION_YEARS.forEach((year, i) => (params.getCell(`B${i + 2}`).value = year));
    sheets.push(
      // Every systematic case during the plan and after it, and a third of them in its last year.
      {
        name: "A 2023",
        years: PLAN_A,
        layout: "contiguous",
        rows: systematic.map((k) => ({ k, evaluationYear: 2023 })),
      },
      {
        name: "A 2026",
        years: PLAN_A,
        layout: "contiguous",
        rows: systematic.map((k) => ({ k, evaluationYear: 2026 })),
      },
      {
        name: "A 2025",
        years: PLAN_A,
        layout: "contiguous",
        rows: systematic.filter((_, i) => i % 3 === 0).map((k) => ({ k, evaluationYear: 2025 })),
      },
      {
        name: "A aléatoire",
        years: PLAN_A,
        layout: "contiguous",
        rows: atRandomYears(randomCases(PLAN_A, 3000, SEED, "R"), SEED + 10),
      },
      {
        name: "B aléatoire",
        years: PLAN_B,
        layout: "contiguous",
        rows: atRandomYears(randomCases(PLAN_B, 800, SEED + 1, "B"), SEED + 11),
      },
      {
        name: "Entrelacé",
        years: PLAN_A,
        layout: "interleaved",
        rows: atRandomYears(
          [...systematic.filter((_, i) => i % 7 === 0), ...randomCases(PLAN_A, 500, SEED + 2, "I")],
          SEED + 12
        ),
      }
    );
    for (const spec of sheets) buildSheet(wb, spec);
    buildChecksSheet(wb);

    dir = tempDir("ctg-formulas-");
    const input = await writeWorkbook(wb, join(dir, "formulas.xlsx"));
    const start = Date.now();
    // Minutes on a loaded machine (12,500 rows of long formulas): more than the helper's 300 s default.
    const output = await recalculateWithLibreOffice(input, {
      outDir: join(dir, "out"),
      timeoutMs: 540_000,
    });
    seconds = (Date.now() - start) / 1000;
    recalculated = await readWorkbook(output);
  });

  afterAll(() => {
    if (dir !== "") rmSync(dir, { recursive: true, force: true });
  });

  it("every row's year statuses and overall status are the engine's", () => {
    const wb = recalculated;
    if (wb === null) throw new Error("no recalculated workbook");
    const differences: Difference[] = [];
    let compared = 0;
    for (const spec of sheets) {
      const ws = wb.getWorksheet(spec.name);
      if (!ws) throw new Error(`sheet ${spec.name} missing after recalculation`);
      const c = columns(spec.years, spec.layout);
      spec.rows.forEach(({ k, evaluationYear }, i) => {
        const row = i + 2;
        const evaluation = evaluateRowCells(k.target, spec.years, k.cells, evaluationYear);
        const engine = [
          ...evaluation.years.map((y) => STATUS_TEXT[y.status]),
          STATUS_TEXT[evaluation.status],
        ];
        const formulas = [
          ...spec.years.map((_, j) => shownValue(ws.getRow(row).getCell(c.status(j)))),
          shownValue(ws.getRow(row).getCell(c.overall)),
        ];
        compared++;
        if (ws.getRow(row).getCell(1).value !== k.id || engine.some((s, j) => s !== formulas[j])) {
          differences.push({
            sheet: spec.name,
            row,
            id: k.id,
            evaluationYear,
            formulas,
            engine,
            k,
          });
        }
      });
    }
    const report = differences.slice(0, 40).map(describeDifference).join("\n\n");
    if (differences.length > 0) {
      console.error(`${differences.length} rows of ${compared} disagree:\n\n${report}`);
    }
    expect(compared).toBeGreaterThan(10_000);
    expect(`${differences.length} rows disagree\n${report}`).toBe("0 rows disagree\n");
  });

  it("covers every status, in years and overall, for every measure", () => {
    const seen = new Set<string>();
    for (const spec of sheets)
      for (const { k, evaluationYear } of spec.rows) {
        const e = evaluateRowCells(k.target, spec.years, k.cells, evaluationYear);
        seen.add(`${k.target.measure} overall ${e.status}`);
        for (const y of e.years) seen.add(`${k.target.measure} year ${y.status}`);
      }
    for (const where of ["overall", "year"]) {
      for (const s of [
        "atteint",
        "non_atteint",
        "en_cours",
        "a_renseigner",
        "saisie_invalide",
        "qualitatif",
      ])
        for (const m of ["count", "percent", "increase_percent"])
          expect(seen).toContain(`${m} ${where} ${s}`);
      for (const s of ["atteint", "non_atteint", "en_cours", "a_renseigner", "saisie_invalide"])
        expect(seen).toContain(`milestone ${where} ${s}`);
      for (const s of ["a_renseigner", "qualitatif"])
        expect(seen).toContain(`qualitative ${where} ${s}`);
    }
  });

  it("keeps formulas short and text that looks like a formula as text (exceljs, by hand)", () => {
    const wb = recalculated;
    if (wb === null) throw new Error("no recalculated workbook");
    expect(longest).toBeLessThan(1500);
    expect(longest).toBeLessThan(EXCEL_FORMULA_LIMIT);
    const checks = wb.getWorksheet("Checks");
    if (!checks) throw new Error("Checks sheet missing");
    LOOKS_LIKE_FORMULA.forEach((t, i) => {
      const cell = checks.getCell(`A${i + 1}`);
      expect(formulaOf(cell)).toBeNull();
      expect(shownValue(cell)).toBe(t);
    });
    // A formula given without `=` is a formula (exceljs writes `<f>` verbatim: no leading `=`).
    expect(formulaOf(checks.getCell("B1"))).toBe("1+1");
    expect(shownValue(checks.getCell("B1"))).toBe(2);
    expect(shownValue(checks.getCell("B2"))).toBe("text ok");

    console.log(
      `LibreOffice recalculated ${sheets.reduce((n, s) => n + s.rows.length, 0)} rows in ${seconds.toFixed(1)} s; longest formula ${longest} characters`
    );
  });
});
