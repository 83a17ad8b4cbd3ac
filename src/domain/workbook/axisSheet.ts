import { defaultAggregation } from "../engine/evaluate";
import type { Axis, Indicator, Plan } from "../plan/schema";
import { kindLabel } from "../messages/plan";
import { formatTarget } from "../targets/format";
import type { Target } from "../targets/schema";
import { SheetBuilder, PROTECTED, a1, columnLetter, formula, num, range, text } from "./grid";
import {
  AGGREGATION_TEXT,
  COMPARATOR_TEXT,
  MEASURE_TEXT,
  PERIOD_TEXT,
  STATUS_TEXT,
} from "./labels";
import type { ConditionalFormat, DataValidation, NumberFormatName, SheetModel } from "./model";
import { statusFormulas } from "./statusFormulas";
import { STATUS_COLORS } from "./styles";
import { PARAMS } from "./paramsSheet";

/**
 * The sheet of one axis: one Excel table, one row per (indicator, target), no merged cells.
 * Its layout is an interface: `ctg check`, the merge and the Office.js adapter read it back.
 */

export const AXIS_HEADER_ROW = 3;
export const AXIS_FIRST_ROW = AXIS_HEADER_ROW + 1;

export interface AxisLayout {
  readonly years: readonly number[];
  readonly headers: readonly string[];
  readonly col: {
    readonly id: number;
    readonly objective: number;
    readonly ref: number;
    readonly action: number;
    readonly pilot: number;
    readonly kind: number;
    readonly indicator: number;
    readonly target: number;
    readonly measure: number;
    readonly comparator: number;
    readonly value: number;
    readonly valueMax: number;
    readonly unit: number;
    readonly period: number;
    readonly deadline: number;
    readonly aggregation: number;
    readonly baseline: number;
    readonly firstYear: number;
    readonly status: number;
    readonly comment: number;
    readonly source: number;
    readonly firstYearStatus: number;
  };
}

export function axisLayout(years: readonly number[]): AxisLayout {
  const fixed = [
    "ID",
    "Objectif",
    "Réf",
    "Action",
    "Pilote",
    "Type",
    "Indicateur",
    "Cible",
    "Mesure",
    "Comparateur",
    "Valeur cible",
    "Valeur max",
    "Unité",
    "Période",
    "Échéance",
    "Agrégation",
    "Référence",
  ];
  const firstYear = fixed.length;
  const status = firstYear + years.length;
  const headers = [
    ...fixed,
    ...years.map(String),
    "Statut",
    "Commentaire",
    "Source",
    ...years.map((y) => `Statut ${y}`),
  ];
  return {
    years,
    headers,
    col: {
      id: 0,
      objective: 1,
      ref: 2,
      action: 3,
      pilot: 4,
      kind: 5,
      indicator: 6,
      target: 7,
      measure: 8,
      comparator: 9,
      value: 10,
      valueMax: 11,
      unit: 12,
      period: 13,
      deadline: 14,
      aggregation: 15,
      baseline: 16,
      firstYear,
      status,
      comment: status + 1,
      source: status + 2,
      firstYearStatus: status + 3,
    },
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

export function axisTableName(axis: Axis): string {
  return `Tableau_Axe_${axis.id}`;
}

/** One row of an axis sheet: an indicator's target. */
export interface AxisRow {
  readonly rowId: string;
  readonly indicator: Indicator;
  readonly target: Target;
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
        const targets = indicator.targets.length > 0 ? indicator.targets : [NOTHING_TO_JUDGE];
        targets.forEach((target, k) =>
          rows.push({
            rowId: k === 0 ? indicator.id : `${indicator.id}#${k + 1}`,
            indicator,
            target,
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
  if (t.measure === "count" || t.measure === "increase_percent") return "integer";
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

/** Builds one axis sheet. */
export function buildAxisSheet(axis: Axis, plan: Plan): SheetModel {
  const years = planYears(plan);
  const layout = axisLayout(years);
  const c = layout.col;
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
  sheet.row(AXIS_HEADER_ROW, 0, layout.headers.map(text), "header");

  rows.forEach((row, i) => {
    const r = AXIS_FIRST_ROW + i;
    const t = row.target;
    const percent = isPercentLike(t);
    const put = (
      col: number,
      v: ReturnType<typeof text> | null,
      style: "text" | "textWrap" | "computed" | "input" | "inputWrap" = "text",
      format?: NumberFormatName
    ) => sheet.set(r, col, v, style, format);
    put(c.id, text(row.rowId), "computed");
    put(c.objective, text(row.objective), "textWrap");
    put(c.ref, text(row.ref), "computed");
    put(c.action, text(row.action), "textWrap");
    put(c.pilot, text(row.pilot), "textWrap");
    put(c.kind, text(kindLabel(row.indicator.kind)), "text");
    put(c.indicator, text(row.indicator.text), "textWrap");
    put(c.target, text(formatTarget(t)), "textWrap");
    put(c.measure, text(MEASURE_TEXT[t.measure]), "computed");
    put(c.comparator, t.comparator ? text(COMPARATOR_TEXT[t.comparator]) : null, "computed");
    put(
      c.value,
      t.value === null ? null : num(percent ? t.value / 100 : t.value),
      "computed",
      percent ? "percentDecimal" : "decimal"
    );
    put(
      c.valueMax,
      t.valueMax === null ? null : num(percent ? t.valueMax / 100 : t.valueMax),
      "computed",
      percent ? "percentDecimal" : "decimal"
    );
    put(c.unit, t.unit === null ? null : text(t.unit), "computed");
    put(c.period, t.period === null ? null : text(PERIOD_TEXT[t.period]), "computed");
    put(
      c.deadline,
      t.deadlineYears === null ? null : num(plan.years.start + t.deadlineYears - 1),
      "computed"
    );
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
      put(c.baseline, null, "input", "integer");
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
    years.forEach((_, j) => put(c.firstYear + j, null, "input", entryFormat(t)));
    const validation = entryValidation(
      row,
      range(r, c.firstYear, r, c.firstYear + years.length - 1),
      years
    );
    if (validation) sheet.validations.push(validation);

    const formulas = statusFormulas(t, years, {
      entries: years.map((_, j) => a1(r, c.firstYear + j)),
      yearStatuses: years.map((_, j) => a1(r, c.firstYearStatus + j)),
      baseline: a1(r, c.baseline),
      comparator: a1(r, c.comparator),
      value: a1(r, c.value),
      valueMax: a1(r, c.valueMax),
      aggregation: a1(r, c.aggregation),
      deadlineYear: a1(r, c.deadline),
      currentYear: PARAMS.currentYearRef,
    });
    sheet.set(r, c.status, formula(formulas.overall), "status");
    put(c.comment, null, "inputWrap");
    put(c.source, null, "inputWrap");
    formulas.years.forEach((f, j) => sheet.set(r, c.firstYearStatus + j, formula(f), "status"));
  });

  const lastCol = layout.headers.length - 1;
  sheet.tables.push({
    name: axisTableName(axis),
    top: AXIS_HEADER_ROW,
    left: 0,
    columns: layout.headers,
    rowCount: Math.max(rows.length, 1),
    style: "TableStyleLight1",
  });

  // Statuses and each year's entry coloured by their own status.
  const statusRange = range(AXIS_FIRST_ROW, c.status, last, c.status);
  const yearStatusRange = range(
    AXIS_FIRST_ROW,
    c.firstYearStatus,
    last,
    c.firstYearStatus + years.length - 1
  );
  const entriesRange = range(AXIS_FIRST_ROW, c.firstYear, last, c.firstYear + years.length - 1);
  const firstStatusOfEntries = `${columnLetter(c.firstYearStatus)}${AXIS_FIRST_ROW + 1}`;
  sheet.conditionalFormats.push(
    ...statusRules(statusRange, a1(AXIS_FIRST_ROW, c.status), 1),
    ...statusRules(yearStatusRange, a1(AXIS_FIRST_ROW, c.firstYearStatus), 10),
    // An entry takes the colour of its year's status, except where nothing is entered yet.
    ...statusRules(entriesRange, firstStatusOfEntries, 20).filter(
      (rule) => !rule.formula.endsWith(`"${STATUS_TEXT.a_renseigner}"`)
    )
  );

  const widths: Record<number, number> = {
    [c.id]: 15,
    [c.objective]: 22,
    [c.ref]: 8,
    [c.action]: 28,
    [c.pilot]: 18,
    [c.kind]: 11,
    [c.indicator]: 44,
    [c.target]: 22,
    [c.measure]: 11,
    [c.comparator]: 7,
    [c.value]: 9,
    [c.valueMax]: 9,
    [c.unit]: 12,
    [c.period]: 12,
    [c.deadline]: 9,
    [c.aggregation]: 14,
    [c.baseline]: 11,
    [c.status]: 15,
    [c.comment]: 30,
    [c.source]: 20,
  };
  // The structured target (what the formulas read) and the per-year statuses (what colours the
  // entries) are folded in an outline group: one click on `+` shows them; printing stays readable.
  const folded = (col: number) =>
    (col >= c.measure && col <= c.deadline) || col >= c.firstYearStatus;
  for (let col = 0; col <= lastCol; col++) {
    const isYear = col >= c.firstYear && col < c.status;
    const isYearStatus = col >= c.firstYearStatus;
    sheet.width(col, widths[col] ?? (isYear ? 10 : isYearStatus ? 13 : 10), folded(col));
  }
  sheet.fitRowHeights(AXIS_FIRST_ROW);
  sheet.frozen = { rows: AXIS_FIRST_ROW, columns: c.ref + 1 };
  sheet.protection = PROTECTED;
  sheet.print = {
    orientation: "landscape",
    fitToWidth: true,
    repeatRows: `${AXIS_HEADER_ROW + 1}:${AXIS_HEADER_ROW + 1}`,
  };
  sheet.tabColor = "2E75B6";
  return sheet.build();
}
