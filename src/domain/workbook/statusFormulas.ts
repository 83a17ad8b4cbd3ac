import { evaluateTarget, type EvaluationInput } from "../engine/evaluate";
import type { Aggregation, RawEntry, TargetEvaluation } from "../engine/types";
import { isJudgedAutomatically, type Comparator, type Target } from "../targets/schema";
import { AGGREGATION_TEXT, COMPARATOR_TEXT, MILESTONE_TEXT, STATUS_TEXT } from "./labels";

/**
 * The status formulas of one row of an axis sheet, and their mirror in TypeScript.
 *
 * The workbook's `Statut` cells are Excel formulas, so that they stay live for a partner without the
 * add-in; they must agree with the engine (`evaluateTarget` with `source: "cell"`) on every input.
 * `evaluateRowCells` reads a row's cells exactly as the formulas do and asks the engine: the
 * LibreOffice test (tests/workbook/formulas.lo.test.ts) recalculates thousands of rows and compares.
 *
 * Portability: the formulas compute the same in Excel 2016+ and LibreOffice Calc 7. They use only
 * IF, AND, OR, NOT, ISNUMBER, ISLOGICAL, INT, ABS, TRIM, N, COUNTIF, SUMPRODUCT, MATCH, LOOKUP and
 * IFERROR (English names, no leading `=`); no array entry, no LET, no dynamic arrays. Two traps are
 * avoided on purpose: LibreOffice stores TRUE / FALSE as numbers (ISNUMBER(TRUE) is TRUE there, and
 * SUM counts it), so a number is `ISNUMBER(x)>ISLOGICAL(x)` and sums are masked by the year's status;
 * Excel's AND / OR evaluate every argument, so a check that could fail on text sits inside an IF.
 *
 * How a row reads its cells (the mirror is `rowEvaluationInput`):
 * - an entry is blank when `TRIM(cell)=""` (empty or ASCII spaces only);
 * - the target value is judged only when the cell holds a number (not a boolean); otherwise the row
 *   is recorded (Qualitatif), like a target without a figure;
 * - the comparator cell matters only when it is "≤" (at most); anything else is "at least" (≥, =,
 *   entre: above the range is reached);
 * - the aggregation cell: "Par an" -> per year, "Cumul" -> cumulative sum (counts only), anything
 *   else -> latest value (Excel compares text without case);
 * - the deadline cell: `N(cell)`, 0 (blank, text) meaning none;
 * - the evaluation year: years before it are over.
 *
 * Each year's formula reads its own entry, the entries and statuses of the years before it (never
 * after it, except the second year of a two-year window), and the target's cells; the overall
 * formula reads the year statuses. The engine's rules were made so (see docs/evaluation.md).
 * Not covered: an Excel error value (#N/A) typed in an entry cell; the formulas then show an error.
 */

/**
 * Cell references (A1, same row unless absolute) that a row's status formulas read.
 * The generator fills them from the Axe sheet layout.
 */
export interface StatusCells {
  /** One entry cell per plan year, in year order, e.g. ["R5", "S5", "T5", "U5", "V5"]. */
  readonly entries: readonly string[];
  /**
   * One status cell per plan year, in year order: where the `years` formulas are written, e.g.
   * ["Z5", "AA5", "AB5", "AC5", "AD5"]. A year's formula reads the statuses of the years before it,
   * the overall formula reads them all. Best contiguous (shorter formulas), in the entries' row.
   */
  readonly yearStatuses: readonly string[];
  /** Baseline (Référence) input cell, e.g. "Q5" (used by increase targets). */
  readonly baseline: string;
  /** Comparator cell holding "≥", "≤", "=", "entre" or blank. */
  readonly comparator: string;
  /** Target value cell (a number; percent targets hold a fraction, 0.8 for 80 %). */
  readonly value: string;
  /** Range maximum cell (between), else blank. Not read by the formulas (above the range is reached). */
  readonly valueMax: string;
  /** Aggregation cell: "Par an", "Cumul" or "Dernière valeur" (changeable by the user). */
  readonly aggregation: string;
  /** Deadline cell: the last year (e.g. 2022) by which the target must be reached, or blank. */
  readonly deadlineYear: string;
  /** Absolute reference of the evaluation year, e.g. "'Paramètres'!$B$5". */
  readonly currentYear: string;
}

export interface RowFormulas {
  /** One formula per plan year (without the leading `=`): that year's status text. */
  readonly years: readonly string[];
  /** The overall status text. */
  readonly overall: string;
}

/** Excel's limit for a formula's text. */
export const EXCEL_FORMULA_LIMIT = 8192;

// ---------------------------------------------------------------------------------------------
// Formula text

const str = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const A = str(STATUS_TEXT.atteint);
const NA = str(STATUS_TEXT.non_atteint);
const EC = str(STATUS_TEXT.en_cours);
const AR = str(STATUS_TEXT.a_renseigner);
const SI = str(STATUS_TEXT.saisie_invalide);
const QL = str(STATUS_TEXT.qualitatif);
const AT_MOST = str(COMPARATOR_TEXT["<="]);
const PER_YEAR = str(AGGREGATION_TEXT.per_year);
const CUMUL = str(AGGREGATION_TEXT.cumulative);
const MILESTONE_WORDS = `{${[MILESTONE_TEXT.oui, MILESTONE_TEXT.non, MILESTONE_TEXT.en_cours]
  .map((w) => str(w.toLowerCase()))
  .join(",")}}`;
const OUI = str(MILESTONE_TEXT.oui.toLowerCase());

/** `TRIM(x)=""`: empty, or ASCII spaces only. */
const blank = (x: string): string => `TRIM(${x})=""`;
/** A real number: LibreOffice's ISNUMBER is TRUE for a boolean, ISLOGICAL tells them apart. */
const isNum = (x: string): string => `ISNUMBER(${x})>ISLOGICAL(${x})`;
/** A whole number ≥ 0 (FALSE for anything else, without an error on text). */
const validCount = (x: string): string => `IF(${isNum(x)},INT(ABS(${x}))=${x})`;
/** A fraction from 0 to 1 (a %-formatted cell). */
const validPercent = (x: string): string => `IF(${isNum(x)},AND(${x}>=0,${x}<=1))`;
/** Oui, or TRUE. */
const isOui = (x: string): string => `IF(ISLOGICAL(${x}),${x},TRIM(${x})=${OUI})`;

interface Ref {
  readonly col: number;
  readonly row: number;
}

function parseRef(ref: string): Ref | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1] as string) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col, row: Number(m[2]) };
}

/** Cells a formula reads together: their references, and their range when they allow one. */
interface Refs {
  readonly refs: readonly string[];
  /** `A5:C5` when the cells are side by side in one row, else null. */
  readonly range: string | null;
}

/** How many of `refs`, from the first, are side by side in one row (0 if the first is no cell). */
function contiguousCount(refs: readonly string[]): number {
  const parsed = refs.map(parseRef);
  const first = parsed[0];
  if (!first) return 0;
  let n = 0;
  for (const p of parsed) {
    if (!p || p.row !== first.row || p.col !== first.col + n) break;
    n++;
  }
  return n;
}

/**
 * The first `count` of `refs`, whose first `contiguous` are side by side (see `contiguousCount`):
 * every prefix of a row's cells is taken from one parse of them, not parsed again per formula.
 */
function firstRefs(refs: readonly string[], count: number, contiguous: number): Refs {
  const range =
    count === 0 || count > contiguous
      ? null
      : count === 1
        ? (refs[0] as string)
        : `${refs[0]}:${refs[count - 1]}`;
  return { refs: refs.slice(0, count), range };
}

/** How many of the cells hold `text` (a number, usable as a condition). */
function countEq({ refs, range }: Refs, text: string): string {
  if (range !== null) return `COUNTIF(${range},${text})`;
  return `(${refs.map((r) => `(${r}=${text})`).join("+")})`;
}

/** The row's cells and the plan, once. */
class Row {
  readonly n: number;
  readonly last: number;
  /** End year: the deadline cell if it holds a year, else the last plan year. */
  readonly endYear: string;
  /** The period (or deadline) is over. */
  readonly over: string;
  readonly sign: string;
  readonly judged: string;
  /** The entries, and the statuses, of the years before year i (index i) and of every year. */
  private readonly entriesBefore: readonly Refs[];
  private readonly statusesBefore: readonly Refs[];
  readonly allEntries: Refs;
  readonly allStatuses: Refs;

  constructor(
    readonly target: Target,
    readonly years: readonly number[],
    readonly c: StatusCells
  ) {
    this.n = years.length;
    this.last = years[this.n - 1] as number;
    this.endYear = `IF(N(${c.deadlineYear}),N(${c.deadlineYear}),${this.last})`;
    this.over = `${c.currentYear}>${this.endYear}`;
    this.sign = `IF(${c.comparator}=${AT_MOST},-1,1)`;
    this.judged = isNum(c.value);
    const entries = contiguousCount(c.entries);
    const statuses = contiguousCount(c.yearStatuses);
    this.entriesBefore = years.map((_, i) => firstRefs(c.entries, i, entries));
    this.statusesBefore = years.map((_, i) => firstRefs(c.yearStatuses, i, statuses));
    this.allEntries = firstRefs(c.entries, this.n, entries);
    this.allStatuses = firstRefs(c.yearStatuses, this.n, statuses);
  }

  e(i: number): string {
    return this.c.entries[i] as string;
  }
  st(i: number): string {
    return this.c.yearStatuses[i] as string;
  }
  y(i: number): number {
    return this.years[i] as number;
  }
  prevStatuses(i: number): Refs {
    return this.statusesBefore[i] as Refs;
  }
  prevEntries(i: number): Refs {
    return this.entriesBefore[i] as Refs;
  }

  /** The value `x` (a reference or a parenthesised expression) meets the target. */
  met(x: string, tolerance = "1E-9"): string {
    return `(${x}-${this.c.value})*${this.sign}>=-${tolerance}`;
  }
  /** An increase: `x` compared with `reference × (1 + target)`. */
  metIncrease(x: string, reference: string): string {
    return `(${x}-${reference}*(1+${this.c.value}))*${this.sign}>=-1E-9`;
  }

  /** Whole-period row not reached: Non atteint from the end year's row once the period is over. */
  notReached(i: number): string {
    const end = i === this.n - 1 ? this.over : `AND(${this.y(i)}>=${this.endYear},${this.over})`;
    return `IF(${end},${NA},${EC})`;
  }

  /** Whole-period row reached: late (Non atteint) unless in time, or already Atteint before. */
  reached(i: number): string {
    const inTime = `${this.y(i)}<=${this.endYear}`;
    return i === 0
      ? `IF(${inTime},${A},${NA})`
      : `IF(OR(${inTime},${countEq(this.prevStatuses(i), A)}),${A},${NA})`;
  }

  /** Sum of the valid entries before year i (an entry whose status is not Saisie invalide). */
  prevSum(i: number): string {
    if (i === 1) return `(${this.st(0)}<>${SI})*N(${this.e(0)})`;
    const st = this.prevStatuses(i).range;
    const en = this.prevEntries(i).range;
    if (st !== null && en !== null) return `SUMPRODUCT(--(${st}<>${SI}),${en})`;
    const terms: string[] = [];
    for (let j = 0; j < i; j++) terms.push(`(${this.st(j)}<>${SI})*N(${this.e(j)})`);
    return `(${terms.join("+")})`;
  }

  /** The last valid entry before year `before`, else the baseline (per-year increases). */
  previousValue(before: number): string {
    let out = this.c.baseline;
    for (let j = 0; j < before; j++) out = `IF(${validCount(this.e(j))},${this.e(j)},${out})`;
    return out;
  }

  /** Two-year windows from the first plan year (period "biennial", aggregation Par an). */
  biennial(): boolean {
    return this.target.period === "biennial";
  }

  /**
   * Per-year judgement of year i (valid entry): `met(value)` for the year, or for its two-year
   * window. `partner(p)` tells whether the window's second entry p reaches the target.
   */
  perYear(
    i: number,
    metOwn: string,
    metWindowSoFar: (first: number) => string,
    partnerReaches: (p: number) => string
  ): string {
    const y = this.y(i);
    const Y = this.c.currentYear;
    if (!this.biennial() || (i % 2 === 0 && i === this.n - 1)) {
      return `IF(${metOwn},${A},IF(${y}<${Y},${NA},${EC}))`;
    }
    if (i % 2 === 0) {
      // First year of a window: in progress while the window runs, or when its second year reaches it.
      const windowEnd = this.y(i + 1);
      return `IF(${metOwn},${A},IF(OR(${partnerReaches(i + 1)},${windowEnd}>=${Y}),${EC},${NA}))`;
    }
    return `IF(${metWindowSoFar(i - 1)},${A},IF(${y}<${Y},${NA},${EC}))`;
  }

  /** The status of the latest year with an entry (not blank), else À renseigner. */
  latestStatus(): string {
    const en = this.allEntries.range;
    const st = this.allStatuses.range;
    if (en !== null && st !== null && this.n > 1) {
      return `IFERROR(LOOKUP(2,1/(TRIM(${en})<>""),${st}),${AR})`;
    }
    let out = AR;
    for (let i = 0; i < this.n; i++) out = `IF(TRIM(${this.e(i)})<>"",${this.st(i)},${out})`;
    return out;
  }

  /** Any year Saisie invalide (a number, usable as a condition). */
  anyInvalid(): string {
    return countEq(this.allStatuses, SI);
  }

  /** Whole-period overall: the latest year's status; En cours once the period is over -> `late`. */
  wholeOverall(prefixInvalid: string, whenOver: string): string {
    const L = this.latestStatus();
    return `IF(${prefixInvalid},${SI},IF(AND(${L}=${EC},${this.c.aggregation}<>${PER_YEAR},${this.over}),${whenOver},${L}))`;
  }
}

// ---------------------------------------------------------------------------------------------
// Per measure

function countYear(r: Row, i: number): string {
  const c = r.c;
  const E = r.e(i);
  const B = blank(E);
  const perYear = r.perYear(
    i,
    r.met(E),
    (first) => r.met(`((${r.st(first)}<>${SI})*N(${r.e(first)})+${E})`),
    (p) => `IF(${validCount(r.e(p))},${r.met(`(${E}+${r.e(p)})`)})`
  );
  const cumulMax = `AND(${c.aggregation}=${CUMUL},${c.comparator}=${AT_MOST})`;
  // The situation: the sum so far (Cumul) or the year's value.
  const X = i === 0 ? E : `(IF(${c.aggregation}=${CUMUL},${r.prevSum(i)},0)+N(${E}))`;
  const complete =
    i === 0 ? "TRUE" : `${countEq(r.prevStatuses(i), AR)}+${countEq(r.prevStatuses(i), SI)}=0`;
  const end = i === r.n - 1 ? r.over : `AND(${r.y(i)}>=${r.endYear},${r.over})`;
  const maxKept = `IF(${end},IF(${complete},${A},${AR}),${EC})`;
  // A blank year after a cumulative sum reached shows the reached situation (a sum cannot go back).
  const blankShown =
    i === 0
      ? "FALSE"
      : `AND(${c.aggregation}=${CUMUL},${c.comparator}<>${AT_MOST},${countEq(r.prevStatuses(i), A)}+${countEq(r.prevStatuses(i), NA)})`;
  const judgedRow =
    `IF(AND(${B},NOT(${blankShown})),${AR},` +
    `IF(${c.aggregation}=${PER_YEAR},${perYear},` +
    `IF(${r.met(X)},IF(${cumulMax},${maxKept},${r.reached(i)}),` +
    `IF(${B},${AR},IF(OR(${cumulMax},${end}),${NA},${EC})))))`;
  return `IF(OR(${B},${validCount(E)}),IF(${r.judged},${judgedRow},IF(${B},${AR},${QL})),${SI})`;
}

function percentYear(r: Row, i: number): string {
  const c = r.c;
  const E = r.e(i);
  const met = (x: string): string => r.met(x, "1E-11");
  const perYear = r.perYear(
    i,
    met(E),
    () => met(E),
    (p) => `IF(${validPercent(r.e(p))},${met(r.e(p))})`
  );
  const judgedRow = `IF(${c.aggregation}=${PER_YEAR},${perYear},IF(${met(E)},${r.reached(i)},${r.notReached(i)}))`;
  return `IF(OR(${blank(E)},${validPercent(E)}),IF(${blank(E)},${AR},IF(${r.judged},${judgedRow},${QL})),${SI})`;
}

const baselineOk = (b: string): string => `IF(${isNum(b)},AND(INT(${b})=${b},${b}>0))`;

function increaseYear(r: Row, i: number): string {
  const c = r.c;
  const E = r.e(i);
  const windowStart = r.biennial() ? i - (i % 2) : i;
  const reference = r.previousValue(windowStart);
  const perYear = r.perYear(
    i,
    r.metIncrease(E, reference),
    () => r.metIncrease(E, reference),
    (p) => `IF(${validCount(r.e(p))},${r.metIncrease(r.e(p), reference)})`
  );
  const whole = `IF(${r.metIncrease(E, c.baseline)},${r.reached(i)},${r.notReached(i)})`;
  const judgedRow =
    `IF(${blank(c.baseline)},${AR},` +
    `IF(${baselineOk(c.baseline)},IF(${c.aggregation}=${PER_YEAR},${perYear},${whole}),${SI}))`;
  return `IF(OR(${blank(E)},${validCount(E)}),IF(${blank(E)},${AR},IF(${r.judged},${judgedRow},${QL})),${SI})`;
}

function milestoneYear(r: Row, i: number): string {
  const E = r.e(i);
  const valid = `OR(ISLOGICAL(${E}),${blank(E)},ISNUMBER(MATCH(TRIM(${E}),${MILESTONE_WORDS},0)))`;
  const open = `IF(${blank(E)},${AR},IF(${r.over},${NA},${EC}))`;
  const ouiBefore =
    i === 0
      ? open
      : `IF(OR(${Array.from({ length: i }, (_, j) => isOui(r.e(j))).join(",")}),${NA},${open})`;
  const own = `IF(${isOui(E)},IF(${r.y(i)}<=${r.endYear},${A},${NA}),${ouiBefore})`;
  const main = i === 0 ? own : `IF(${countEq(r.prevStatuses(i), A)},${A},${own})`;
  return `IF(${valid},${main},${SI})`;
}

function freeYear(r: Row, i: number): string {
  return `IF(${blank(r.e(i))},${AR},${QL})`;
}

/**
 * The status formulas of one row: one per plan year, and the overall one. The measure (and so the
 * formula's shape) and the period (two-year windows) are fixed here; comparator, value, aggregation,
 * deadline and baseline are read from their cells.
 */
export function statusFormulas(
  target: Target,
  years: readonly number[],
  cells: StatusCells
): RowFormulas {
  if (years.length === 0) throw new Error("statusFormulas: a plan has at least one year");
  if (cells.entries.length !== years.length || cells.yearStatuses.length !== years.length) {
    throw new Error("statusFormulas: one entry cell and one status cell per plan year");
  }
  const r = new Row(target, years, cells);
  // Amounts of money and targets per semester / quarter / month are recorded, not judged (as the engine).
  const measure = isJudgedAutomatically(target) ? target.measure : "qualitative";
  const yearFormula: (r: Row, i: number) => string =
    measure === "count"
      ? countYear
      : measure === "percent"
        ? percentYear
        : measure === "increase_percent"
          ? increaseYear
          : measure === "milestone"
            ? milestoneYear
            : freeYear;
  const formulas = years.map((_, i) => yearFormula(r, i));
  let overall: string;
  switch (measure) {
    case "count":
      // Once the period is over, a cumulative maximum whose latest row is in progress lacks years.
      overall = r.wholeOverall(
        r.anyInvalid(),
        `IF(AND(${cells.aggregation}=${CUMUL},${cells.comparator}=${AT_MOST}),${AR},${NA})`
      );
      break;
    case "percent":
      overall = r.wholeOverall(r.anyInvalid(), NA);
      break;
    case "increase_percent":
      overall = r.wholeOverall(
        `OR(${r.anyInvalid()},AND(${r.judged},TRIM(${cells.baseline})<>"",NOT(${baselineOk(cells.baseline)})))`,
        NA
      );
      break;
    case "milestone":
      overall = `IF(${r.anyInvalid()},${SI},${r.latestStatus()})`;
      break;
    default:
      overall = r.latestStatus();
  }
  return { years: formulas, overall };
}

/** A row's formulas cut at the marker row's number: joined with a row's number, that row's formulas. */
interface RowTemplate {
  readonly years: ReadonlyArray<readonly string[]>;
  readonly overall: readonly string[];
}

/** Rows (0-based) below the last row of any spreadsheet: their numbers are in no formula's constants. */
const MARKER_ROWS = [1_048_576, 1_048_577] as const;

const joinRow = (t: RowTemplate, row: number): RowFormulas => {
  const n = String(row + 1);
  return { years: t.years.map((parts) => parts.join(n)), overall: t.overall.join(n) };
};

/**
 * The status formulas of the rows of one sheet, made from one template per shape. A row's formulas
 * read cells of its own row (and absolute references) only, and besides its cells they depend only
 * on the target's measure and period (`Row`): the rows of one shape have the same formulas but for
 * their row number. Each shape is generated once, at a marker row, cut at the marker's number and
 * joined with each row's number, which makes one flat string per formula: at ×10 a merge builds some
 * 14 000 rows (74 M characters of formulas), and concatenating every formula anew was most of a
 * build. A template must give at a second marker row what generating there gives; a shape that does
 * not is generated row by row.
 */
export class RowFormulaTemplates {
  private readonly templates = new Map<string, RowTemplate | null>();

  constructor(
    private readonly years: readonly number[],
    /** The cells the formulas of the row at `row` (0-based) read: in that row, or absolute. */
    private readonly cellsAt: (row: number) => StatusCells
  ) {}

  /** The formulas of the row at `row` (0-based) judging `target`. */
  at(target: Target, row: number): RowFormulas {
    const shape = `${isJudgedAutomatically(target) ? target.measure : "qualitative"}|${target.period === "biennial"}`;
    let template = this.templates.get(shape);
    if (template === undefined) {
      template = this.template(target);
      this.templates.set(shape, template);
    }
    return template === null
      ? statusFormulas(target, this.years, this.cellsAt(row))
      : joinRow(template, row);
  }

  private template(target: Target): RowTemplate | null {
    const [first, second] = MARKER_ROWS;
    const marker = String(first + 1);
    const marked = statusFormulas(target, this.years, this.cellsAt(first));
    const template: RowTemplate = {
      years: marked.years.map((f) => f.split(marker)),
      overall: marked.overall.split(marker),
    };
    const expected = statusFormulas(target, this.years, this.cellsAt(second));
    const joined = joinRow(template, second);
    const same =
      joined.overall === expected.overall && joined.years.every((f, i) => f === expected.years[i]);
    return same ? template : null;
  }
}

// ---------------------------------------------------------------------------------------------
// The same reading in TypeScript: what the engine is asked for a row of cells

/** The values of a row's cells (as a workbook stores them: numbers, strings, booleans, null). */
export interface RowCellValues {
  readonly comparator: RawEntry;
  readonly value: RawEntry;
  readonly valueMax: RawEntry;
  readonly aggregation: RawEntry;
  readonly deadlineYear: RawEntry;
  readonly baseline: RawEntry;
  /** One per plan year, in year order. */
  readonly entries: readonly RawEntry[];
}

/** Excel's text comparison `cell="Text"`: the same text, case ignored. */
function sameText(raw: RawEntry, text: string): boolean {
  return typeof raw === "string" && raw.toLowerCase() === text.toLowerCase();
}

/** Excel's `ISNUMBER(x)>ISLOGICAL(x)`: a finite JS number. */
function cellNumber(raw: RawEntry): number | null {
  return typeof raw === "number" && raw - raw === 0 ? raw : null;
}

/** Excel's `N(x)`: a number as is, TRUE 1, FALSE 0, anything else 0. */
function cellN(raw: RawEntry): number {
  if (typeof raw === "boolean") return raw ? 1 : 0;
  return cellNumber(raw) ?? 0;
}

const COMPARATORS = Object.entries(COMPARATOR_TEXT) as Array<[Comparator, string]>;

/**
 * The target and engine input a row's cells mean, read as the formulas read them: the measure, unit,
 * period and wording come from the plan's target; comparator, value, maximum, aggregation and
 * deadline from the cells (values of percentages and increases are fractions in the cells, percents
 * in the engine).
 */
export function rowEvaluationInput(
  target: Target,
  years: readonly number[],
  cells: RowCellValues
): { readonly target: Target; readonly input: EvaluationInput } {
  const percentLike = target.measure === "percent" || target.measure === "increase_percent";
  const scaled = (raw: RawEntry): number | null => {
    const v = cellNumber(raw);
    if (v === null || !percentLike) return v;
    return Math.round(v * 100 * 1e9) / 1e9;
  };
  const comparator = COMPARATORS.find(([, text]) => sameText(cells.comparator, text))?.[0] ?? null;
  const aggregation: Aggregation = sameText(cells.aggregation, AGGREGATION_TEXT.per_year)
    ? "per_year"
    : sameText(cells.aggregation, AGGREGATION_TEXT.cumulative)
      ? "cumulative"
      : "latest";
  const deadline = cellN(cells.deadlineYear);
  const entries: Record<number, RawEntry> = {};
  years.forEach((y, i) => (entries[y] = cells.entries[i] ?? null));
  return {
    target: {
      ...target,
      comparator,
      value: scaled(cells.value),
      valueMax: scaled(cells.valueMax),
    },
    input: {
      aggregation,
      entries,
      baseline: cells.baseline,
      source: "cell",
      deadlineYear: deadline === 0 ? null : deadline,
    },
  };
}

/** What the row's formulas compute, by the engine: the reference the formulas must agree with. */
export function evaluateRowCells(
  target: Target,
  years: readonly number[],
  cells: RowCellValues,
  evaluationYear: number
): TargetEvaluation {
  const { target: t, input } = rowEvaluationInput(target, years, cells);
  return evaluateTarget(t, input, { years, today: { year: evaluationYear, month: 12 } });
}
