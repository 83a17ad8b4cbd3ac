import { trackedTargets } from "../plan/tracked";
import { defaultAggregation } from "../engine/evaluate";
import type { Axis, Indicator, Plan } from "../plan/schema";
import { kindLabel } from "../messages/plan";
import { formatTarget } from "../targets/format";
import type { Target } from "../targets/schema";
import {
  SheetBuilder,
  PROTECTED,
  a1,
  columnLetter,
  formula,
  makeCell,
  num,
  range,
  text,
} from "./grid";
import {
  AGGREGATION_TEXT,
  COMPARATOR_TEXT,
  MEASURE_TEXT,
  PERIOD_TEXT,
  STATUS_TEXT,
} from "./labels";
import { columnSchema, setColumnWidths, writeHeaderRow, type ColumnSchema } from "./columns";
import type {
  Cell,
  CellValue,
  ConditionalFormat,
  DataValidation,
  NumberFormatName,
  SheetModel,
} from "./model";
import { RowFormulaTemplates, type StatusCells } from "./statusFormulas";
import { STATUS_COLORS } from "./styles";
import { PARAMS } from "./paramsSheet";

/**
 * The sheet of one axis: one Excel table, one row per (indicator, target), no merged cells.
 * Its layout is an interface: `ctg check`, the merge and the Office.js adapter read it back.
 */

export const AXIS_HEADER_ROW = 3;
export const AXIS_FIRST_ROW = AXIS_HEADER_ROW + 1;

/** The keys of an axis sheet's columns, in order (`year` and `yearStatus`: one column per plan year). */
export const AXIS_COLUMN_KEYS = [
  "id",
  "objective",
  "ref",
  "action",
  "pilot",
  "kind",
  "indicator",
  "target",
  "measure",
  "comparator",
  "value",
  "valueMax",
  "unit",
  "period",
  "deadline",
  "aggregation",
  "baseline",
  "year",
  "status",
  "comment",
  "source",
  "yearStatus",
] as const;
export type AxisColumnKey = (typeof AXIS_COLUMN_KEYS)[number];

/**
 * The columns of an axis sheet. Inputs: the aggregation (on judged rows), the baseline (on increase
 * rows), each year's measurement, the comment and the source. The context of a row (objective, action
 * ref, action, pilot, type: the ID says most of it), the structured target (what the formulas read)
 * and the per-year statuses (what colours the entries) are folded: one click on `+` shows them, the
 * years and statuses are on the first screen, and the sheet prints readably on A4 landscape.
 */
export function axisColumns(years: readonly number[]): ColumnSchema<AxisColumnKey> {
  return columnSchema(AXIS_COLUMN_KEYS, [
    { key: "id", header: "ID", width: 14, input: false },
    { key: "objective", header: "Objectif", width: 22, input: false, folded: true },
    { key: "ref", header: "Réf", width: 8, input: false, folded: true },
    { key: "action", header: "Action", width: 28, input: false, folded: true },
    { key: "pilot", header: "Pilote", width: 18, input: false, folded: true },
    { key: "kind", header: "Type", width: 11, input: false, folded: true },
    { key: "indicator", header: "Indicateur", width: 40, input: false },
    { key: "target", header: "Cible", width: 20, input: false },
    { key: "measure", header: "Mesure", width: 11, input: false, folded: true },
    { key: "comparator", header: "Comparateur", width: 7, input: false, folded: true },
    { key: "value", header: "Valeur cible", width: 9, input: false, folded: true },
    { key: "valueMax", header: "Valeur max", width: 9, input: false, folded: true },
    { key: "unit", header: "Unité", width: 12, input: false, folded: true },
    { key: "period", header: "Période", width: 12, input: false, folded: true },
    { key: "deadline", header: "Échéance", width: 9, input: false, folded: true },
    { key: "aggregation", header: "Agrégation", width: 13, input: true },
    { key: "baseline", header: "Référence", width: 10, input: true },
    ...years.map((y) => ({ key: "year" as const, header: String(y), width: 8, input: true })),
    { key: "status", header: "Statut", width: 15, input: false },
    { key: "comment", header: "Commentaire", width: 24, input: true },
    { key: "source", header: "Source", width: 20, input: true },
    ...years.map((y) => ({
      key: "yearStatus" as const,
      header: `Statut ${y}`,
      width: 13,
      input: false,
      folded: true,
    })),
  ]);
}

export interface AxisLayout {
  readonly years: readonly number[];
  readonly headers: readonly string[];
  readonly columns: ColumnSchema<AxisColumnKey>;
  /** Column indexes by key; `firstYear` and `firstYearStatus` start the runs `year` and `yearStatus`. */
  readonly col: Readonly<
    Omit<Record<AxisColumnKey, number>, "year" | "yearStatus"> & {
      firstYear: number;
      firstYearStatus: number;
    }
  >;
}

export function axisLayout(years: readonly number[]): AxisLayout {
  const columns = axisColumns(years);
  const { year, yearStatus, ...fixed } = columns.col;
  return {
    years,
    headers: columns.headers,
    columns,
    col: { ...fixed, firstYear: year, firstYearStatus: yearStatus },
  };
}

export function planYears(plan: Plan): number[] {
  const years: number[] = [];
  for (let y = plan.years.start; y <= plan.years.end; y++) years.push(y);
  return years;
}

export function axisSheetName(axis: Axis): string {
  return `Axe ${axis.id}`;
}

/** The names `axisSheetName` gives (`Axe` and an axis number in Roman numerals). */
export const AXIS_SHEET_NAME = /^Axe [IVX]+$/;

/** Whether a sheet is an axis sheet, by its name. */
export function isAxisSheetName(name: string): boolean {
  return AXIS_SHEET_NAME.test(name);
}

export function axisTableName(axis: Axis): string {
  return `Tableau_Axe_${axis.id}`;
}

/** One row of an axis sheet: an indicator's target. */
export interface AxisRow {
  readonly rowId: string;
  readonly indicator: Indicator;
  readonly target: Target;
  /** Where the target comes from: the fiche, or the recap table when the fiche gives no figure. */
  readonly targetFrom: "fiche" | "recap";
  readonly objective: string;
  readonly ref: string;
  readonly action: string;
  readonly pilot: string;
}

/** What a row's measure turns into: the `Target` an indicator without any gets (nothing to judge). */
const NOTHING_TO_JUDGE: Target = {
  measure: "qualitative",
  comparator: null,
  value: null,
  valueMax: null,
  unit: null,
  period: null,
  deadlineYears: null,
  fragment: "",
};

export function axisRows(axis: Axis): AxisRow[] {
  const rows: AxisRow[] = [];
  for (const objective of axis.objectives)
    for (const action of objective.actions)
      for (const indicator of action.indicators) {
        const tracked = trackedTargets(indicator);
        const targets = tracked.targets.length > 0 ? tracked.targets : [NOTHING_TO_JUDGE];
        targets.forEach((target, k) =>
          rows.push({
            rowId: k === 0 ? indicator.id : `${indicator.id}#${k + 1}`,
            indicator,
            target,
            targetFrom: tracked.from,
            objective: `${objective.letter} – ${objective.title}`,
            ref: action.ref,
            action: action.title,
            pilot: action.pilotage,
          })
        );
      }
  return rows;
}

/** Values in percent are written as fractions in %-formatted cells (Excel's way). */
function isPercentLike(t: Target): boolean {
  return t.measure === "percent" || t.measure === "increase_percent";
}

function entryFormat(t: Target): NumberFormatName | undefined {
  if (t.measure === "percent") return "percent";
  if (t.measure === "count" || t.measure === "increase_percent") return "count";
  return undefined;
}

function statusRules(rangeA1: string, topLeft: string, priority: number): ConditionalFormat[] {
  return (Object.keys(STATUS_TEXT) as Array<keyof typeof STATUS_TEXT>).map((s, i) => ({
    range: rangeA1,
    formula: `${topLeft}="${STATUS_TEXT[s]}"`,
    fill: STATUS_COLORS[s].fill,
    color: STATUS_COLORS[s].color,
    priority: priority + i,
  }));
}

function entryValidation(
  row: AxisRow,
  cellRange: string,
  years: readonly number[]
): DataValidation | null {
  const t = row.target;
  const what = formatTarget(t);
  const period = `${years[0]}-${years[years.length - 1]}`;
  switch (t.measure) {
    case "count":
    case "increase_percent":
      return {
        range: cellRange,
        rule: { kind: "whole", min: 0 },
        promptTitle: "Nombre à saisir",
        prompt: `Saisissez un nombre entier (cible : ${what}).${t.measure === "increase_percent" ? " La hausse est calculée par rapport à la colonne Référence." : ""}`,
        errorTitle: "Nombre entier attendu",
        error:
          "Cette cellule attend un nombre entier positif ou nul. Vous pouvez garder votre saisie : elle sera signalée comme « Saisie invalide ».",
        alert: "warning",
        allowBlank: true,
      };
    case "percent":
      return {
        range: cellRange,
        rule: { kind: "decimal", min: 0, max: 1 },
        promptTitle: "Pourcentage à saisir",
        prompt: `Saisissez un pourcentage entre 0 % et 100 %, par exemple 45 % (cible : ${what}).`,
        errorTitle: "Pourcentage attendu",
        error:
          "Cette cellule attend un pourcentage entre 0 % et 100 %. Vous pouvez garder votre saisie : elle sera signalée comme « Saisie invalide ».",
        alert: "warning",
        allowBlank: true,
      };
    case "amount":
      return {
        range: cellRange,
        rule: { kind: "decimal", min: 0 },
        promptTitle: "Montant à saisir",
        prompt: `Saisissez un montant en euros, sans le signe €, par exemple 2500 (cible : ${what}).`,
        errorTitle: "Montant attendu",
        error:
          "Cette cellule attend un montant en euros, positif ou nul. Vous pouvez garder votre saisie : elle est enregistrée telle quelle (les montants ne sont pas jugés automatiquement).",
        alert: "warning",
        allowBlank: true,
      };
    case "milestone":
      return {
        range: cellRange,
        rule: { kind: "list", source: PARAMS.milestoneList },
        promptTitle: "Réalisé ?",
        prompt: `Choisissez Oui, Non ou En cours (période ${period}).`,
        errorTitle: "Oui, Non ou En cours",
        error: "Choisissez Oui, Non ou En cours dans la liste.",
        alert: "stop",
        allowBlank: true,
      };
    default:
      return null;
  }
}

type CellStyleName = "text" | "textWrap" | "computed" | "input" | "inputWrap";
type Put = (
  col: number,
  value: CellValue | null,
  style?: CellStyleName,
  format?: NumberFormatName
) => void;

/** The columns that say what is measured: the plan's wording and the structured target. */
function writeTargetCells(put: Put, row: AxisRow, c: AxisLayout["col"], plan: Plan): void {
  const t = row.target;
  const percent = isPercentLike(t);
  const targetValue = (v: number | null) => (v === null ? null : num(percent ? v / 100 : v));
  const valueFormat = percent ? "percentDecimal" : "decimal";
  put(c.id, text(row.rowId), "computed");
  put(c.objective, text(row.objective), "textWrap");
  put(c.ref, text(row.ref), "computed");
  put(c.action, text(row.action), "textWrap");
  put(c.pilot, text(row.pilot), "textWrap");
  put(c.kind, text(kindLabel(row.indicator.kind)), "text");
  put(c.indicator, text(row.indicator.text), "textWrap");
  put(
    c.target,
    text(
      row.targetFrom === "recap" ? `${formatTarget(t)} (cible du récapitulatif)` : formatTarget(t)
    ),
    "textWrap"
  );
  put(c.measure, text(MEASURE_TEXT[t.measure]), "computed");
  put(c.comparator, t.comparator ? text(COMPARATOR_TEXT[t.comparator]) : null, "computed");
  put(c.value, targetValue(t.value), "computed", valueFormat);
  put(c.valueMax, targetValue(t.valueMax), "computed", valueFormat);
  put(c.unit, t.unit === null ? null : text(t.unit), "computed");
  put(c.period, t.period === null ? null : text(PERIOD_TEXT[t.period]), "computed");
  put(
    c.deadline,
    t.deadlineYear !== undefined
      ? num(t.deadlineYear)
      : t.deadlineYears === null
        ? null
        : num(plan.years.start + t.deadlineYears - 1),
    "computed"
  );
}

/** The aggregation (an input on rows judged against a value) and the baseline (increase rows). */
function writeRowSettings(
  sheet: SheetBuilder,
  put: Put,
  r: number,
  row: AxisRow,
  c: AxisLayout["col"]
): void {
  const t = row.target;
  const judged =
    t.measure === "count" || t.measure === "percent" || t.measure === "increase_percent";
  if (judged && t.value !== null) {
    const aggregation = row.indicator.aggregation ?? defaultAggregation(t);
    put(c.aggregation, text(AGGREGATION_TEXT[aggregation]), "input");
    sheet.validations.push({
      range: a1(r, c.aggregation),
      rule: { kind: "list", source: PARAMS.aggregationList },
      promptTitle: "Agrégation",
      prompt:
        "Par an : chaque année est jugée seule. Cumul : la somme des années. Dernière valeur : la dernière saisie.",
      errorTitle: "Agrégation",
      error: "Choisissez Par an, Cumul ou Dernière valeur.",
      alert: "stop",
      allowBlank: false,
    });
  } else put(c.aggregation, null, "computed");
  if (t.measure === "increase_percent") {
    put(c.baseline, null, "input", "count");
    sheet.validations.push({
      range: a1(r, c.baseline),
      rule: { kind: "whole", min: 0 },
      promptTitle: "Valeur de référence",
      prompt:
        "Saisissez la valeur de départ (par exemple celle de l'année précédant le plan) : la hausse est calculée par rapport à elle.",
      errorTitle: "Nombre entier attendu",
      error: "La référence est un nombre entier positif.",
      alert: "warning",
      allowBlank: true,
    });
  } else put(c.baseline, null, "computed");
}

/** The cells the status formulas of the row at `r` read. */
function statusCellsAt(layout: AxisLayout, r: number): StatusCells {
  const { years, col: c } = layout;
  return {
    entries: years.map((_, j) => a1(r, c.firstYear + j)),
    yearStatuses: years.map((_, j) => a1(r, c.firstYearStatus + j)),
    baseline: a1(r, c.baseline),
    comparator: a1(r, c.comparator),
    value: a1(r, c.value),
    valueMax: a1(r, c.valueMax),
    aggregation: a1(r, c.aggregation),
    deadlineYear: a1(r, c.deadline),
    currentYear: PARAMS.currentYearRef,
  };
}

/** The cells `writeTargetCells` writes on a row, with their columns. */
interface TargetCells {
  readonly row: AxisRow;
  readonly start: number;
  readonly cells: ReadonlyArray<readonly [number, Cell]>;
}

/**
 * The cells of `writeTargetCells`, remembered per target object (plans are immutable data, as in
 * recapSheets.ts): a merge builds the master's workbook and every partner's, whose rows show the
 * same targets (at ×10, 14 000 rows of 15 such cells), and cells are immutable values. They are
 * taken again for the same row (id, wording, indicator) and first plan year only; their columns
 * come before the years, the same in every layout.
 */
const targetCellsOf = new WeakMap<Target, TargetCells>();

function targetCells(row: AxisRow, c: AxisLayout["col"], plan: Plan): TargetCells["cells"] {
  const known = targetCellsOf.get(row.target);
  const start = plan.years.start;
  if (
    known &&
    known.start === start &&
    known.row.indicator === row.indicator &&
    known.row.rowId === row.rowId &&
    known.row.objective === row.objective &&
    known.row.ref === row.ref &&
    known.row.action === row.action &&
    known.row.pilot === row.pilot
  )
    return known.cells;
  const cells: Array<readonly [number, Cell]> = [];
  writeTargetCells(
    (col, v, style = "text", format) => cells.push([col, makeCell(v, style, format)]),
    row,
    c,
    plan
  );
  targetCellsOf.set(row.target, { row, start, cells });
  return cells;
}

/** One row of an axis sheet: an indicator's target, its inputs and its Statut formulas. */
function writeAxisRow(
  sheet: SheetBuilder,
  r: number,
  row: AxisRow,
  layout: AxisLayout,
  plan: Plan,
  templates: RowFormulaTemplates
): void {
  const { years, col: c } = layout;
  const t = row.target;
  const put: Put = (col, v, style = "text", format) => sheet.set(r, col, v, style, format);
  for (const [col, cell] of targetCells(row, c, plan)) sheet.setCell(r, col, cell);
  writeRowSettings(sheet, put, r, row, c);
  years.forEach((_, j) => put(c.firstYear + j, null, "input", entryFormat(t)));
  const validation = entryValidation(
    row,
    range(r, c.firstYear, r, c.firstYear + years.length - 1),
    years
  );
  if (validation) sheet.validations.push(validation);

  const formulas = templates.at(t, r);
  sheet.set(r, c.status, formula(formulas.overall), "status");
  put(c.comment, null, "inputWrap");
  put(c.source, null, "inputWrap");
  formulas.years.forEach((f, j) => sheet.set(r, c.firstYearStatus + j, formula(f), "status"));
}

/** Statuses and each year's entry coloured by their own status, down to row `last`. */
function axisStatusColours(layout: AxisLayout, last: number): ConditionalFormat[] {
  const { years, col: c } = layout;
  const statusRange = range(AXIS_FIRST_ROW, c.status, last, c.status);
  const yearStatusRange = range(
    AXIS_FIRST_ROW,
    c.firstYearStatus,
    last,
    c.firstYearStatus + years.length - 1
  );
  const entriesRange = range(AXIS_FIRST_ROW, c.firstYear, last, c.firstYear + years.length - 1);
  const firstStatusOfEntries = `${columnLetter(c.firstYearStatus)}${AXIS_FIRST_ROW + 1}`;
  return [
    ...statusRules(statusRange, a1(AXIS_FIRST_ROW, c.status), 1),
    ...statusRules(yearStatusRange, a1(AXIS_FIRST_ROW, c.firstYearStatus), 10),
    // An entry takes the colour of its year's status, except where nothing is entered yet.
    ...statusRules(entriesRange, firstStatusOfEntries, 20).filter(
      (rule) => !rule.formula.endsWith(`"${STATUS_TEXT.a_renseigner}"`)
    ),
  ];
}

/**
 * An axis sheet on A4 landscape, one page wide: the header row on every page, the columns up to the
 * comment (not the source nor the folded statuses: they would shrink the print), narrow margins. The
 * folded columns are not printed either: the text is printed at about 8 pt (10 pt cells at 80 %).
 */
function axisPrint(layout: AxisLayout, last: number): SheetModel["print"] {
  return {
    orientation: "landscape",
    fitToWidth: true,
    repeatRows: `${AXIS_HEADER_ROW + 1}:${AXIS_HEADER_ROW + 1}`,
    area: range(0, 0, last, layout.col.comment),
    narrowMargins: true,
  };
}

/** Builds one axis sheet. */
export function buildAxisSheet(axis: Axis, plan: Plan): SheetModel {
  const layout = axisLayout(planYears(plan));
  const sheet = new SheetBuilder(axisSheetName(axis));
  const rows = axisRows(axis);
  const last = AXIS_FIRST_ROW + Math.max(rows.length, 1) - 1;

  sheet.set(0, 0, text(`Axe ${axis.id} – ${axis.title}`), "title");
  sheet.set(
    1,
    0,
    text(
      "Saisissez vos mesures dans les cellules jaunes (une colonne par année). Le statut se calcule tout seul ; survolez une cellule pour voir ce qui est attendu."
    ),
    "subtitle"
  );
  writeHeaderRow(sheet, AXIS_HEADER_ROW, layout.columns);
  const templates = new RowFormulaTemplates(layout.years, (r) => statusCellsAt(layout, r));
  rows.forEach((row, i) => writeAxisRow(sheet, AXIS_FIRST_ROW + i, row, layout, plan, templates));

  sheet.tables.push({
    name: axisTableName(axis),
    top: AXIS_HEADER_ROW,
    left: 0,
    columns: layout.headers,
    rowCount: Math.max(rows.length, 1),
    style: "TableStyleLight1",
  });
  sheet.conditionalFormats.push(...axisStatusColours(layout, last));
  setColumnWidths(sheet, layout.columns.columns);
  sheet.fitHeaderRow(AXIS_HEADER_ROW);
  sheet.fitRowHeights(AXIS_FIRST_ROW);
  sheet.frozen = { rows: AXIS_FIRST_ROW, columns: layout.col.ref + 1 };
  sheet.protection = PROTECTED;
  sheet.print = axisPrint(layout, last);
  sheet.tabColor = "2E75B6";
  return sheet.build();
}
