import { formatMessage } from "../messages";
import { differenceMessage } from "../plan/diff";
import type { Action, Axis, Plan } from "../plan/schema";
import { trackedTargets } from "../plan/tracked";
import { AXIS_FIRST_ROW, axisLayout, axisRows, axisSheetName, planYears } from "./axisSheet";
import {
  SheetBuilder,
  PROTECTED,
  a1,
  columnLetter,
  formula,
  formulaString,
  num,
  range,
  sheetRef,
  text,
} from "./grid";
import { isJudged } from "../engine/evaluate";
import { STATUSES, type Status } from "../engine/types";
import {
  columnSchema,
  setColumnWidths,
  writeHeaderRow,
  type ColumnDef,
  type ColumnSchema,
} from "./columns";
import { STATUS_TEXT } from "./labels";
import type { ConditionalFormat, DataValidation, SheetModel } from "./model";
import { PARAMS, PHASE_TEXT } from "./paramsSheet";
import { GANTT_FILL, STATUS_COLORS, TODAY_FILL } from "./styles";

export const RECAP_SHEET = "Récapitulatif";
export const SCHEDULE_SHEET = "Échéancier";
export const DIFFERENCES_SHEET = "Écarts";

/**
 * Rows of an axis sheet, remembered per axis object: the recap and the échéancier ask for every action,
 * and counting them again each time made building a large plan quadratic. Plans are immutable data.
 */
const rowCounts = new WeakMap<Axis, number>();
function axisRowCount(axis: Axis): number {
  let n = rowCounts.get(axis);
  if (n === undefined) rowCounts.set(axis, (n = axisRows(axis).length));
  return n;
}

/** Absolute references to one column of an axis sheet's data rows. */
export function axisColumnRef(axis: Axis, plan: Plan, col: number): string {
  const rows = Math.max(axisRowCount(axis), 1);
  return `${sheetRef(axisSheetName(axis))}!$${columnLetter(col)}$${AXIS_FIRST_ROW + 1}:$${columnLetter(col)}$${AXIS_FIRST_ROW + rows}`;
}

function bullets(list: readonly string[]): string {
  return list.map((t) => `• ${t}`).join("\n");
}

/** The keys of the recap's action table, in order: one count column per status, in `STATUSES` order. */
const RECAP_COLUMN_KEYS = [
  "axis",
  "objective",
  "ref",
  "title",
  "pilotage",
  "realisation",
  "resultats",
  "impacts",
  "total",
  "measured",
  "judged",
  ...STATUSES,
  "progress",
] as const;
export type RecapColumnKey = (typeof RECAP_COLUMN_KEYS)[number];

const STATUS_COUNT_WIDTH: Readonly<Record<Status, number>> = {
  atteint: 9,
  non_atteint: 9,
  en_cours: 9,
  a_renseigner: 10,
  saisie_invalide: 10,
  qualitatif: 10,
};

/** The columns of the recap's action table (no input: every count is a formula). */
export const RECAP_COLUMNS: ColumnSchema<RecapColumnKey> = columnSchema(RECAP_COLUMN_KEYS, [
  { key: "axis", header: "Axe", width: 6, input: false },
  { key: "objective", header: "Objectif", width: 9, input: false },
  { key: "ref", header: "Réf", width: 8, input: false },
  { key: "title", header: "Intitulé", width: 30, input: false },
  { key: "pilotage", header: "Pilotage", width: 20, input: false },
  { key: "realisation", header: "Réalisation", width: 34, input: false },
  { key: "resultats", header: "Résultats", width: 34, input: false },
  { key: "impacts", header: "Impacts", width: 34, input: false },
  { key: "total", header: "Cibles suivies", width: 9, input: false },
  { key: "measured", header: "Mesurées", width: 9, input: false },
  { key: "judged", header: "Cibles jugées", width: 9, input: false },
  ...STATUSES.map((st) => ({
    key: st,
    header: STATUS_TEXT[st],
    width: STATUS_COUNT_WIDTH[st],
    input: false,
  })),
  { key: "progress", header: "Avancement", width: 12, input: false },
]);
export const RECAP_HEADER_ROW = 3;

/** The counted columns, summed per objective and per axis: targets, measured, judged, each status. */
const COUNT_KEYS = ["total", "measured", "judged", ...STATUSES] as const;

/**
 * The columns of the totals per objective and per axis: a key, its wording, then the action table's
 * counts. They sit under the action table, in the same sheet columns: the sheet's widths are the action
 * table's, these are not applied.
 */
const TOTALS_COLUMN_KEYS = ["key", "title", ...COUNT_KEYS, "progress"] as const;
type TotalsColumnKey = (typeof TOTALS_COLUMN_KEYS)[number];

/** A column of the action table, under its own key. */
function recapColumn<K extends RecapColumnKey>(key: K): ColumnDef<K> {
  const def = RECAP_COLUMNS.columns[RECAP_COLUMNS.col[key]];
  if (!def) throw new Error(`no recap column ${key}`);
  return { ...def, key };
}

function totalsColumns(keyHeader: string): ColumnSchema<TotalsColumnKey> {
  return columnSchema(TOTALS_COLUMN_KEYS, [
    { key: "key", header: keyHeader, width: 6, input: false },
    { key: "title", header: "Intitulé", width: 30, input: false },
    ...COUNT_KEYS.map((k) => recapColumn(k)),
    recapColumn("progress"),
  ]);
}

/**
 * Avancement: targets reached over targets judged, blank if none. The targets judged are all those
 * that are not qualitative, entered or not (`isJudged`, decided by the plan): counting the Qualitatif
 * statuses instead made the rate jump when a comment was typed in a qualitative row.
 */
function progressFormula(
  row: number,
  col: { readonly judged: number; readonly atteint: number }
): string {
  const reached = a1(row, col.atteint);
  const judged = a1(row, col.judged);
  return `IF(${judged}>0,${reached}/${judged},"")`;
}

/** The number of an action's targets that are judged (its axis sheet's rows that are not qualitative). */
function judgedTargets(action: Action): number {
  let n = 0;
  for (const indicator of action.indicators)
    for (const target of trackedTargets(indicator).targets) if (isJudged(target)) n++;
  return n;
}

/** One row of the action table: the action's wording (the recap's, else the fiche's) and its live counts. */
function writeRecapActionRow(
  s: SheetBuilder,
  r: number,
  axis: Axis,
  objectiveId: string,
  action: Action,
  axisRefs: { readonly ref: string; readonly status: string }
): void {
  const C = RECAP_COLUMNS.col;
  const recap = action.recap;
  const byKind = (k: Action["indicators"][number]["kind"]) =>
    action.indicators.filter((i) => i.kind === k).map((i) => i.recapText ?? i.text);
  s.set(r, C.axis, text(axis.id), "computed");
  s.set(r, C.objective, text(objectiveId), "computed");
  s.set(r, C.ref, text(action.ref), "computed");
  s.set(r, C.title, text(recap?.title ?? action.title), "textWrap");
  s.set(r, C.pilotage, text(recap?.pilotage || action.pilotage), "textWrap");
  s.set(
    r,
    C.realisation,
    text(bullets(recap ? recap.realisation : byKind("realisation"))),
    "textWrap"
  );
  s.set(r, C.resultats, text(bullets(recap ? recap.resultats : byKind("resultat"))), "textWrap");
  s.set(r, C.impacts, text(bullets(recap ? recap.impacts : byKind("impact"))), "textWrap");
  const refCell = a1(r, C.ref);
  s.set(r, C.total, formula(`COUNTIF(${axisRefs.ref},${refCell})`), "computed");
  s.set(r, C.measured, formula(`${a1(r, C.total)}-${a1(r, C.a_renseigner)}`), "computed");
  s.set(r, C.judged, num(judgedTargets(action)), "computed");
  for (const st of STATUSES)
    s.set(
      r,
      C[st],
      formula(
        `COUNTIFS(${axisRefs.ref},${refCell},${axisRefs.status},${formulaString(STATUS_TEXT[st])})`
      ),
      "computed"
    );
  s.set(r, C.progress, formula(progressFormula(r, C)), "computed", "percent");
}

/**
 * A table of totals below the action table (rows `firstAction`..`lastAction`), one row per key of
 * column `keyColumn` (exact matches, no wildcard), from row `r`; returns the next free row.
 */
function writeTotalsBlock(
  s: SheetBuilder,
  r: number,
  block: {
    readonly title: string;
    readonly keyColumn: "axis" | "objective";
    readonly keyHeader: string;
    readonly tableName: string;
    readonly keys: ReadonlyArray<{ key: string; label: string }>;
  },
  firstAction: number,
  lastAction: number
): number {
  const columns = totalsColumns(block.keyHeader);
  const T = columns.col;
  const keyCol = RECAP_COLUMNS.col[block.keyColumn];
  r += 1;
  s.set(r++, 0, text(block.title), "heading");
  const headerRow = r;
  writeHeaderRow(s, r++, columns);
  const top = r;
  for (const { key, label } of block.keys) {
    s.set(r, T.key, text(key), "computed");
    s.set(r, T.title, text(label), "textWrap");
    for (const k of COUNT_KEYS) {
      const source = RECAP_COLUMNS.col[k];
      s.set(
        r,
        T[k],
        formula(
          `SUMIF(${range(firstAction, keyCol, lastAction, keyCol, true)},${a1(r, T.key)},${range(firstAction, source, lastAction, source, true)})`
        ),
        "computed"
      );
    }
    s.set(r, T.progress, formula(progressFormula(r, T)), "computed", "percent");
    r++;
  }
  s.dataBars.push({ range: range(top, T.progress, r - 1, T.progress), color: "63BE7B" });
  s.tables.push({
    name: block.tableName,
    top: headerRow,
    left: 0,
    columns: columns.headers,
    rowCount: block.keys.length,
    style: "TableStyleLight1",
  });
  return r;
}

/** The seed's recap table with live counts per action, objective and axis. */
export function buildRecapSheet(plan: Plan): SheetModel {
  const s = new SheetBuilder(RECAP_SHEET);
  const layout = axisLayout(planYears(plan));
  const C = RECAP_COLUMNS.col;
  s.set(
    0,
    0,
    text(`Récapitulatif des indicateurs – ${plan.territory} ${plan.years.start}-${plan.years.end}`),
    "title"
  );
  s.set(
    1,
    0,
    text(
      "Les comptes se mettent à jour à chaque saisie. Avancement : cibles atteintes sur cibles jugées (toutes sauf les qualitatives, renseignées ou non)."
    ),
    "subtitle"
  );
  writeHeaderRow(s, RECAP_HEADER_ROW, RECAP_COLUMNS);
  const firstAction = RECAP_HEADER_ROW + 1;
  let r = firstAction;
  for (const axis of plan.axes) {
    const axisRefs = {
      ref: axisColumnRef(axis, plan, layout.col.ref),
      status: axisColumnRef(axis, plan, layout.col.status),
    };
    for (const objective of axis.objectives)
      for (const action of objective.actions)
        writeRecapActionRow(s, r++, axis, objective.id, action, axisRefs);
  }
  const lastAction = r - 1;
  s.tables.push({
    name: "Tableau_Recapitulatif",
    top: RECAP_HEADER_ROW,
    left: 0,
    columns: [...RECAP_COLUMNS.headers],
    rowCount: lastAction - firstAction + 1,
    style: "TableStyleLight1",
  });
  s.dataBars.push({
    range: range(firstAction, C.progress, lastAction, C.progress),
    color: "63BE7B",
  });
  r = writeTotalsBlock(
    s,
    r,
    {
      title: "Par objectif",
      keyColumn: "objective",
      keyHeader: "Objectif",
      tableName: "Tableau_Objectifs",
      keys: plan.axes.flatMap((a) => a.objectives.map((o) => ({ key: o.id, label: o.title }))),
    },
    firstAction,
    lastAction
  );
  writeTotalsBlock(
    s,
    r,
    {
      title: "Par axe",
      keyColumn: "axis",
      keyHeader: "Axe",
      tableName: "Tableau_Axes",
      keys: plan.axes.map((a) => ({ key: a.id, label: a.title })),
    },
    firstAction,
    lastAction
  );

  setColumnWidths(s, RECAP_COLUMNS.columns);
  s.fitHeaderRow(RECAP_HEADER_ROW);
  s.fitRowHeights(RECAP_HEADER_ROW + 1);
  s.frozen = { rows: RECAP_HEADER_ROW + 1, columns: C.ref + 1 };
  s.protection = PROTECTED;
  s.print = {
    orientation: "landscape",
    fitToWidth: true,
    repeatRows: `${RECAP_HEADER_ROW + 1}:${RECAP_HEADER_ROW + 1}`,
  };
  s.tabColor = "548235";
  return s.build();
}

/** Timeline periods: each plan year by semester, then the next CTG. */
export function timelinePeriods(
  plan: Plan
): Array<{ label: string; start: string; end: string; year: number | null }> {
  const periods: Array<{ label: string; start: string; end: string; year: number | null }> = [];
  for (const y of planYears(plan)) {
    periods.push({ label: `${y} S1`, start: `${y}-01-01`, end: `${y}-06-30`, year: null });
    periods.push({ label: `${y} S2`, start: `${y}-07-01`, end: `${y}-12-31`, year: y });
  }
  periods.push({
    label: "Prochaine CTG",
    start: `${plan.years.end + 1}-01-01`,
    end: `${plan.years.end + 4}-12-31`,
    year: null,
  });
  return periods;
}

export const SCHEDULE_HEADER_ROW = 4;

/** The keys of the Échéancier's columns, in order (`period`: one column per timeline period). */
export const SCHEDULE_COLUMN_KEYS = [
  "ref",
  "action",
  "pilot",
  "phase",
  "startInput",
  "endInput",
  "start",
  "end",
  "progress",
  "milestones",
  "period",
] as const;
export type ScheduleColumnKey = (typeof SCHEDULE_COLUMN_KEYS)[number];

/**
 * The columns of the Échéancier. Inputs: the start phase, the dates that replace the phase's, the
 * progress. The last period (the next CTG, four years) is wider.
 */
export function scheduleColumns(
  periods: ReadonlyArray<{ readonly label: string }>
): ColumnSchema<ScheduleColumnKey> {
  return columnSchema(SCHEDULE_COLUMN_KEYS, [
    { key: "ref", header: "Réf", width: 8, input: false },
    { key: "action", header: "Action", width: 34, input: false },
    { key: "pilot", header: "Pilote", width: 20, input: false },
    { key: "phase", header: "Phase de démarrage", width: 16, input: true },
    { key: "startInput", header: "Début (saisi)", width: 12, input: true },
    { key: "endInput", header: "Fin (saisie)", width: 12, input: true },
    { key: "start", header: "Début", width: 11, input: false },
    { key: "end", header: "Fin", width: 11, input: false },
    { key: "progress", header: "Avancement", width: 11, input: true },
    { key: "milestones", header: "Jalons atteints", width: 10, input: false },
    ...periods.map((p, i) => ({
      key: "period" as const,
      header: p.label,
      width: i === periods.length - 1 ? 13 : 9,
      input: false,
    })),
  ]);
}

const { period: firstPeriod, ...scheduleFixed } = scheduleColumns([]).col;
/** Column indexes of the Échéancier (the same for every plan); `firstPeriod` starts the timeline. */
export const SCHEDULE_COL = { ...scheduleFixed, firstPeriod } as const;

/** The timeline's header: today's date, and each period's first and last day (rows 2 to 4). */
function writeTimelineHeader(s: SheetBuilder, periods: ReturnType<typeof timelinePeriods>): void {
  const C = SCHEDULE_COL;
  s.set(2, C.milestones, text("Début de période"), "note");
  s.set(3, C.milestones, text("Fin de période"), "note");
  s.set(1, C.milestones, text("Aujourd'hui"), "note");
  s.set(1, C.firstPeriod, formula(PARAMS.evaluationDateRef), "computed", "shortDate");
  periods.forEach((p, i) => {
    s.set(2, C.firstPeriod + i, { kind: "date", iso: p.start }, "computed", "monthYear");
    s.set(3, C.firstPeriod + i, { kind: "date", iso: p.end }, "computed", "monthYear");
  });
}

/** References to the columns of an axis sheet that the Échéancier counts. */
interface AxisRefs {
  readonly ref: string;
  readonly measure: string;
  readonly status: string;
  /** The column of a plan year's entries. */
  year(year: number): string;
}

/** One action of the Échéancier: its inputs, its dates, its milestones and its timeline. */
function writeScheduleRow(
  s: SheetBuilder,
  r: number,
  action: Action,
  periods: ReturnType<typeof timelinePeriods>,
  axisRefs: AxisRefs
): void {
  const C = SCHEDULE_COL;
  const { phaseNames, phaseStarts, phaseEnds } = PARAMS;
  const ref = a1(r, C.ref);
  const sch = action.schedule;
  s.set(r, C.ref, text(action.ref), "computed");
  s.set(r, C.action, text(action.title), "textWrap");
  s.set(r, C.pilot, text(action.pilotage), "textWrap");
  s.set(r, C.phase, sch.startPhase ? text(PHASE_TEXT[sch.startPhase]) : null, "input");
  s.set(r, C.startInput, sch.start ? { kind: "date", iso: sch.start } : null, "input", "date");
  s.set(r, C.endInput, sch.end ? { kind: "date", iso: sch.end } : null, "input", "date");
  const phase = a1(r, C.phase);
  // A typed date wins over the phase's (from Paramètres).
  const dateOf = (input: number, phaseDates: string) =>
    formula(
      `IF(ISNUMBER(${a1(r, input)}),${a1(r, input)},IFERROR(INDEX(${phaseDates},MATCH(${phase},${phaseNames},0)),""))`
    );
  s.set(r, C.start, dateOf(C.startInput, phaseStarts), "computed", "date");
  s.set(r, C.end, dateOf(C.endInput, phaseEnds), "computed", "date");
  s.set(
    r,
    C.progress,
    sch.progress === null ? null : { kind: "number", value: sch.progress / 100 },
    "input",
    "percent"
  );
  const { ref: refCol, measure: measureCol, status: statusCol } = axisRefs;
  const milestoneRows = `COUNTIFS(${refCol},${ref},${measureCol},"Jalon")`;
  s.set(
    r,
    C.milestones,
    formula(
      `IF(${milestoneRows}=0,"",COUNTIFS(${refCol},${ref},${measureCol},"Jalon",${statusCol},"${STATUS_TEXT.atteint}")&" / "&${milestoneRows})`
    ),
    "computed"
  );
  periods.forEach((p, i) => {
    if (p.year === null) s.set(r, C.firstPeriod + i, null, "gantt");
    else
      s.set(
        r,
        C.firstPeriod + i,
        formula(`IF(COUNTIFS(${refCol},${ref},${axisRefs.year(p.year)},"Oui")>0,"◆","")`),
        "gantt"
      );
  });
}

/** The validations of the Échéancier's inputs, on rows `first`..`last`. */
function scheduleValidations(first: number, last: number): DataValidation[] {
  const C = SCHEDULE_COL;
  return [
    {
      range: range(first, C.phase, last, C.phase),
      rule: { kind: "list", source: PARAMS.phaseList },
      promptTitle: "Phase de démarrage",
      prompt:
        "Court terme, Moyen terme, Long terme ou Prochaine CTG : les dates viennent de l'onglet Paramètres.",
      errorTitle: "Phase",
      error: "Choisissez une phase dans la liste.",
      alert: "stop",
      allowBlank: true,
    },
    ...[C.startInput, C.endInput].map((col): DataValidation => ({
      range: range(first, col, last, col),
      rule: { kind: "date" },
      promptTitle: col === C.startInput ? "Début" : "Fin",
      prompt: "Saisissez une date (jj/mm/aaaa) pour remplacer celle de la phase.",
      errorTitle: "Date attendue",
      error: "Saisissez une date au format jj/mm/aaaa.",
      alert: "stop",
      allowBlank: true,
    })),
    {
      range: range(first, C.progress, last, C.progress),
      rule: { kind: "decimal", min: 0, max: 1 },
      promptTitle: "Avancement",
      prompt: "Saisissez l'avancement de l'action, de 0 % à 100 %.",
      errorTitle: "Pourcentage attendu",
      error: "L'avancement est un pourcentage entre 0 % et 100 %.",
      alert: "stop",
      allowBlank: true,
    },
  ];
}

/**
 * The Gantt: today's period highlighted, and each action's bar from its start to its end. Today is
 * marked inside the plan's period only: the last column (the next CTG, four years) is left out, or
 * once the plan is over it lit whole, over the bars of the actions planned for the next CTG.
 */
function ganttRules(first: number, last: number, lastCol: number): ConditionalFormat[] {
  const C = SCHEDULE_COL;
  const todayRef = `$${columnLetter(C.firstPeriod)}$2`;
  const startCell = `$${columnLetter(C.start)}${first + 1}`;
  const endCell = `$${columnLetter(C.end)}${first + 1}`;
  const periodStart = `${columnLetter(C.firstPeriod)}$3`;
  const periodEnd = `${columnLetter(C.firstPeriod)}$4`;
  return [
    {
      range: range(SCHEDULE_HEADER_ROW, C.firstPeriod, last, lastCol - 1),
      formula: `AND(${todayRef}>=${periodStart},${todayRef}<=${periodEnd})`,
      fill: TODAY_FILL,
      bold: true,
      priority: 1,
    },
    {
      range: range(first, C.firstPeriod, last, lastCol),
      formula: `AND(ISNUMBER(${startCell}),ISNUMBER(${endCell}),${startCell}<=${periodEnd},${endCell}>=${periodStart})`,
      fill: GANTT_FILL,
      color: "FFFFFF",
      priority: 2,
    },
  ];
}

/** The échéancier: inputs per action, and a Gantt drawn by conditional formatting. */
export function buildScheduleSheet(plan: Plan): SheetModel {
  const s = new SheetBuilder(SCHEDULE_SHEET);
  const layout = axisLayout(planYears(plan));
  const periods = timelinePeriods(plan);
  const columns = scheduleColumns(periods);
  s.set(
    0,
    0,
    text(`Échéancier des actions – ${plan.territory} ${plan.years.start}-${plan.years.end}`),
    "title"
  );
  s.set(
    1,
    0,
    text(
      "Choisissez une phase (les dates suivent l'onglet Paramètres) ou saisissez début et fin ; les barres se dessinent seules. ◆ : un jalon atteint cette année-là."
    ),
    "subtitle"
  );
  writeTimelineHeader(s, periods);
  writeHeaderRow(s, SCHEDULE_HEADER_ROW, columns);
  const first = SCHEDULE_HEADER_ROW + 1;
  let r = first;
  for (const axis of plan.axes) {
    const axisRefs: AxisRefs = {
      ref: axisColumnRef(axis, plan, layout.col.ref),
      measure: axisColumnRef(axis, plan, layout.col.measure),
      status: axisColumnRef(axis, plan, layout.col.status),
      year: (y) => axisColumnRef(axis, plan, layout.col.firstYear + (y - plan.years.start)),
    };
    for (const objective of axis.objectives)
      for (const action of objective.actions) writeScheduleRow(s, r++, action, periods, axisRefs);
  }
  const last = r - 1;
  const lastCol = columns.headers.length - 1;
  s.tables.push({
    name: "Tableau_Echeancier",
    top: SCHEDULE_HEADER_ROW,
    left: 0,
    columns: columns.headers,
    rowCount: last - first + 1,
    style: "TableStyleLight1",
  });
  s.validations.push(...scheduleValidations(first, last));
  s.conditionalFormats.push(...ganttRules(first, last, lastCol));
  s.dataBars.push({
    range: range(first, SCHEDULE_COL.progress, last, SCHEDULE_COL.progress),
    color: "5B9BD5",
  });
  setColumnWidths(s, columns.columns);
  s.fitHeaderRow(SCHEDULE_HEADER_ROW);
  s.fitRowHeights(SCHEDULE_HEADER_ROW + 1);
  s.frozen = { rows: SCHEDULE_HEADER_ROW + 1, columns: SCHEDULE_COL.action + 1 };
  s.protection = PROTECTED;
  s.print = {
    orientation: "landscape",
    fitToWidth: true,
    repeatRows: `${SCHEDULE_HEADER_ROW + 1}:${SCHEDULE_HEADER_ROW + 1}`,
  };
  s.tabColor = "C55A11";
  return s.build();
}

export const DIFFERENCES_HEADER_ROW = 3;

export const DIFFERENCES_COLUMN_KEYS = [
  "ref",
  "indicator",
  "difference",
  "fiche",
  "recap",
  "decision",
  "comment",
] as const;
export type DifferencesColumnKey = (typeof DIFFERENCES_COLUMN_KEYS)[number];

/** The columns of the Écarts sheet. Inputs: the committee's decision and a comment. */
export const DIFFERENCES_COLUMNS: ColumnSchema<DifferencesColumnKey> = columnSchema(
  DIFFERENCES_COLUMN_KEYS,
  [
    { key: "ref", header: "Réf", width: 8, input: false },
    { key: "indicator", header: "Indicateur", width: 15, input: false },
    { key: "difference", header: "Écart", width: 60, input: false },
    { key: "fiche", header: "Fiche", width: 40, input: false },
    { key: "recap", header: "Récapitulatif", width: 40, input: false },
    { key: "decision", header: "Décision", width: 30, input: true },
    { key: "comment", header: "Commentaire", width: 30, input: true },
  ]
);

/** The fiche/recap differences found by the importer, for the coordinator to resolve. */
export function buildDifferencesSheet(plan: Plan): SheetModel {
  const s = new SheetBuilder(DIFFERENCES_SHEET);
  const C = DIFFERENCES_COLUMNS.col;
  s.set(0, 0, text("Écarts entre les fiches action et le récapitulatif du plan"), "title");
  s.set(
    1,
    0,
    text(
      "Pour chaque écart, notez la décision du comité (quelle formulation ou quelle cible retenir)."
    ),
    "subtitle"
  );
  writeHeaderRow(s, DIFFERENCES_HEADER_ROW, DIFFERENCES_COLUMNS);
  const first = DIFFERENCES_HEADER_ROW + 1;
  let r = first;
  for (const d of plan.differences) {
    s.set(r, C.ref, text(d.ref), "computed");
    s.set(r, C.indicator, d.indicatorId ? text(d.indicatorId) : null, "computed");
    s.set(r, C.difference, text(formatMessage(differenceMessage(d))), "textWrap");
    s.set(r, C.fiche, d.fiche ? text(d.fiche) : null, "textWrap");
    s.set(r, C.recap, d.recap ? text(d.recap) : null, "textWrap");
    s.set(r, C.decision, null, "inputWrap");
    s.set(r, C.comment, null, "inputWrap");
    r++;
  }
  if (plan.differences.length === 0) {
    s.set(r, C.difference, text("Aucun écart."), "note");
    r++;
  }
  s.tables.push({
    name: "Tableau_Ecarts",
    top: DIFFERENCES_HEADER_ROW,
    left: 0,
    columns: DIFFERENCES_COLUMNS.headers,
    rowCount: Math.max(1, r - first),
    style: "TableStyleLight1",
  });
  setColumnWidths(s, DIFFERENCES_COLUMNS.columns);
  s.fitRowHeights(first);
  s.frozen = { rows: first, columns: C.ref + 1 };
  s.protection = PROTECTED;
  s.print = {
    orientation: "landscape",
    fitToWidth: true,
    repeatRows: `${DIFFERENCES_HEADER_ROW + 1}:${DIFFERENCES_HEADER_ROW + 1}`,
  };
  s.tabColor = "BF8F00";
  return s.build();
}

/** Status colours for a range whose cells hold a status text (legend cells). */
export function legendRules(cellRange: string, topLeft: string): ConditionalFormat[] {
  return (Object.keys(STATUS_TEXT) as Array<keyof typeof STATUS_TEXT>).map((st, i) => ({
    range: cellRange,
    formula: `${topLeft}="${STATUS_TEXT[st]}"`,
    fill: STATUS_COLORS[st].fill,
    color: STATUS_COLORS[st].color,
    priority: 1 + i,
  }));
}
