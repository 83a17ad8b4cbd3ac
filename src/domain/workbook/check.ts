import type { EntryReading, RawEntry, Status } from "../engine/types";
import { formatMessage } from "../messages";
import { message, type Message } from "../messages/types";
import type { IndicatorKind } from "../plan/schema";
import { formatTarget } from "../targets/format";
import type { Measure, Period, Target } from "../targets/schema";
import { AXIS_FIRST_ROW, AXIS_HEADER_ROW, axisLayout, isAxisSheetName } from "./axisSheet";
import { MEASURE_TEXT, PERIOD_TEXT, STATUS_TEXT } from "./labels";
import { evaluateRowCells, rowEvaluationInput, type RowCellValues } from "./statusFormulas";
import { PARAMS, PARAMS_SHEET } from "./paramsSheet";

/**
 * `ctg check`: reads the entries of a filled workbook (plain cells, from any host) and evaluates each
 * with the engine, exactly as the workbook's formulas do. Pure: the shell reads the file.
 */

export interface PlainSheet {
  readonly name: string;
  readonly rows: ReadonlyArray<ReadonlyArray<RawEntry>>;
  /**
   * The formula cells the reader could not compute, by `r,c` (see `ReadBackSheet.uncomputed`): an
   * entry there is reported (« formule non calculée »), never read as empty.
   */
  readonly uncomputed?: ReadonlyMap<string, string>;
}

export interface YearReport {
  readonly raw: RawEntry;
  /** What the entry was read as: a number (percentages in percent), Oui/Non/En cours, a text, or null. */
  readonly value: number | string | null;
  /** The status as the workbook writes it (French label, for display). */
  readonly status: string;
  readonly message: string;
}

export interface RowReport {
  readonly id: string;
  readonly ref: string;
  readonly kind: IndicatorKind;
  readonly text: string;
  readonly target: string;
  readonly sheet: string;
  /** Row number in the sheet (1-based, as Excel shows it). */
  readonly row: number;
  /** The status as the workbook writes it (French label, for display); compare `statusCode`. */
  readonly status: string;
  readonly statusCode: Status;
  readonly message: string;
  /** The status the workbook's formula last computed (null when the file was never recalculated). */
  readonly workbookStatus: string | null;
  readonly invalid: boolean;
  readonly years: Readonly<Record<string, YearReport>>;
}

export interface CheckReport {
  readonly indicators: readonly RowReport[];
  readonly summary: {
    readonly rows: number;
    readonly entries: number;
    readonly invalidEntries: number;
    /** Targets per status code (every status, 0 included); `STATUS_TEXT` gives the French labels. */
    readonly byStatus: Readonly<Record<Status, number>>;
    /** Targets per status code, per axis sheet. */
    readonly byAxis: Readonly<Record<string, Readonly<Record<Status, number>>>>;
    readonly evaluationYear: number;
  };
}

export type CheckResult =
  { ok: true; report: CheckReport } | { ok: false; problems: readonly Message[] };

function reverse<K extends string>(map: Readonly<Record<K, string>>): Map<string, K> {
  return new Map(Object.entries(map).map(([k, v]) => [v as string, k as K]));
}
const MEASURES = reverse<Measure>(MEASURE_TEXT);
const PERIODS = reverse<Period>(PERIOD_TEXT);
const KINDS = new Map<string, IndicatorKind>([
  ["réalisation", "realisation"],
  ["résultat", "resultat"],
  ["impact", "impact"],
]);

const str = (v: RawEntry): string => (v === null || v === undefined ? "" : String(v).trim());

function readingValue(reading: EntryReading): number | string | null {
  switch (reading.kind) {
    case "number":
      return reading.value;
    case "milestone":
      return reading.value === "oui" ? "Oui" : reading.value === "non" ? "Non" : "En cours";
    case "text":
      return reading.value;
    default:
      return null;
  }
}

/**
 * The sheets a check reads: the axis sheets and Paramètres (its evaluation date decides which
 * year's target applies). Readers decode only these.
 */
export function isReadForCheck(name: string): boolean {
  return isAxisSheetName(name) || name === PARAMS_SHEET;
}

/** The evaluation year: the Paramètres date where it holds one, else today's. */
export function evaluationYear(
  sheets: ReadonlyMap<string, PlainSheet>,
  today: { year: number; month: number }
): number {
  const cell =
    sheets.get(PARAMS_SHEET)?.rows[PARAMS.evaluationDateCell.row]?.[PARAMS.evaluationDateCell.col];
  if (typeof cell === "string" && /^\d{4}-\d{2}-\d{2}/.test(cell)) return Number(cell.slice(0, 4));
  return today.year;
}

/** A count for every status (keys in the order of `STATUSES`). */
export function zeroPerStatus(): Record<Status, number> {
  return {
    atteint: 0,
    non_atteint: 0,
    en_cours: 0,
    a_renseigner: 0,
    saisie_invalide: 0,
    qualitatif: 0,
  };
}

export function checkWorkbook(
  sheets: ReadonlyMap<string, PlainSheet>,
  axisSheetNames: readonly string[],
  today: { year: number; month: number }
): CheckResult {
  const problems: Message[] = [];
  const reports: RowReport[] = [];
  let invalidEntries = 0;
  const year = evaluationYear(sheets, today);
  for (const name of axisSheetNames) {
    const sheet = sheets.get(name);
    if (!sheet) {
      problems.push(message("check.sheet_missing", { sheet: name }));
      continue;
    }
    const header = (sheet.rows[AXIS_HEADER_ROW] ?? []).map(str);
    const years = header.filter((h) => /^\d{4}$/.test(h)).map(Number);
    const layout = axisLayout(years);
    const expected = layout.headers;
    if (years.length === 0 || expected.some((h, i) => header[i] !== h)) {
      const at = expected.findIndex((h, i) => header[i] !== h);
      problems.push(
        message("check.header_altered", {
          sheet: name,
          column: at + 1,
          expected: expected[at] ?? "",
          found: header[at] ?? "",
        })
      );
      continue;
    }
    const c = layout.col;
    const uncomputed = sheet.uncomputed?.size ? sheet.uncomputed : null;
    for (let r = AXIS_FIRST_ROW; r < sheet.rows.length; r++) {
      const row = sheet.rows[r] ?? [];
      const id = str(row[c.id]);
      if (id === "") continue;
      const measure = MEASURES.get(str(row[c.measure]));
      const kind = KINDS.get(str(row[c.kind]));
      if (!measure || !kind) {
        problems.push(message("check.row_unreadable", { sheet: name, row: r + 1, id }));
        continue;
      }
      // Measure, unit and period from their cells; the rest is read exactly as the formulas read it.
      const base: Target = {
        measure,
        comparator: null,
        value: null,
        valueMax: null,
        unit: str(row[c.unit]) || null,
        period: PERIODS.get(str(row[c.period])) ?? null,
        deadlineYears: null,
        fragment: "",
      };
      const cells: RowCellValues = {
        comparator: row[c.comparator] ?? null,
        value: row[c.value] ?? null,
        valueMax: row[c.valueMax] ?? null,
        aggregation: row[c.aggregation] ?? null,
        deadlineYear: row[c.deadline] ?? null,
        baseline: row[c.baseline] ?? null,
        entries: years.map((_, j) => row[c.firstYear + j] ?? null),
      };
      const read = rowEvaluationInput(base, years, cells);
      const deadlineYear = read.input.deadlineYear ?? null;
      const target: Target = {
        ...read.target,
        deadlineYears:
          deadlineYear === null ? null : Math.max(1, deadlineYear - (years[0] ?? deadlineYear) + 1),
      };
      const evaluation = evaluateRowCells(base, years, cells, year);
      const yearReports: Record<string, YearReport> = {};
      let invalid = evaluation.status === "saisie_invalide";
      // Formulas only a spreadsheet can compute: reported, by column, rather than read as empty
      // (which would give a status the sheet will not show once calculated).
      const uncomputedAt = (col: number): string | undefined =>
        uncomputed ? uncomputed.get(`${r},${col}`) : undefined;
      const pending: string[] = [];
      if (uncomputedAt(c.baseline) !== undefined) pending.push(header[c.baseline] ?? "");
      for (const [j, y] of evaluation.years.entries()) {
        const text = uncomputedAt(c.firstYear + j);
        if (text === undefined) continue;
        invalidEntries++;
        pending.push(String(y.year));
        yearReports[String(y.year)] = {
          raw: text === "" ? "=…" : `=${text}`,
          value: null,
          status: STATUS_TEXT.saisie_invalide,
          message: formatMessage(message("check.formula_uncomputed", { column: String(y.year) })),
        };
      }
      if (pending.length > 0) invalid = true;
      for (const y of evaluation.years) {
        if (yearReports[String(y.year)]) continue;
        if (y.reading.kind === "invalid") invalid = true;
        if (y.status === "saisie_invalide") invalidEntries++;
        yearReports[String(y.year)] = {
          raw: y.raw ?? null,
          value: readingValue(y.reading),
          status: STATUS_TEXT[y.status],
          message: formatMessage(y.message),
        };
      }
      const workbookStatus = row[c.status];
      const statusCode: Status = pending.length > 0 ? "saisie_invalide" : evaluation.status;
      reports.push({
        id,
        ref: str(row[c.ref]),
        kind,
        text: str(row[c.indicator]),
        target: formatTarget(target),
        sheet: name,
        row: r + 1,
        status: STATUS_TEXT[statusCode],
        statusCode,
        message: formatMessage(
          pending.length > 0
            ? message("check.formula_uncomputed", { column: pending.join(", ") })
            : evaluation.message
        ),
        workbookStatus:
          typeof workbookStatus === "string" && workbookStatus !== "" ? workbookStatus : null,
        invalid,
        years: yearReports,
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const byStatus = zeroPerStatus();
  const byAxis: Record<string, Record<Status, number>> = {};
  let entries = 0;
  for (const r of reports) {
    byStatus[r.statusCode]++;
    (byAxis[r.sheet] ??= zeroPerStatus())[r.statusCode]++;
    for (const y of Object.values(r.years)) if (str(y.raw) !== "") entries++;
  }
  return {
    ok: true,
    report: {
      indicators: reports,
      summary: {
        rows: reports.length,
        entries,
        invalidEntries,
        byStatus,
        byAxis,
        evaluationYear: year,
      },
    },
  };
}
