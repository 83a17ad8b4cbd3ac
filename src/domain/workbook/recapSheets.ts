import { formatMessage } from "../messages";
import { differenceMessage } from "../plan/diff";
import type { Action, Axis, Plan } from "../plan/schema";
import { AXIS_FIRST_ROW, axisLayout, axisRows, axisSheetName, planYears } from "./axisSheet";
import {
  SheetBuilder,
  PROTECTED,
  a1,
  columnLetter,
  formula,
  formulaString,
  range,
  sheetRef,
  text,
} from "./grid";
import { STATUSES } from "../engine/types";
import { STATUS_TEXT } from "./labels";
import type { ConditionalFormat, SheetModel } from "./model";
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

const RECAP_HEADERS = [
  "Axe",
  "Objectif",
  "Réf",
  "Intitulé",
  "Pilotage",
  "Réalisation",
  "Résultats",
  "Impacts",
  "Cibles suivies",
  "Mesurées",
  STATUS_TEXT.atteint,
  STATUS_TEXT.non_atteint,
  STATUS_TEXT.en_cours,
  STATUS_TEXT.a_renseigner,
  STATUS_TEXT.saisie_invalide,
  STATUS_TEXT.qualitatif,
  "Avancement",
] as const;
export const RECAP_HEADER_ROW = 3;
/** Columns of the counts, by status (0-based), in the recap's action table. */
const COUNT_COL = { total: 8, measured: 9, first: 10, progress: 16 } as const;
/** Every status is counted, in the order of the headers. */
const COUNTED = STATUSES;

function progressFormula(row: number): string {
  const c = (col: number) => a1(row, col);
  const reached = c(COUNT_COL.first);
  const judged = `${c(COUNT_COL.total)}-${c(COUNT_COL.first + 5)}`;
  return `IF((${judged})>0,${reached}/(${judged}),"")`;
}

/** The seed's recap table with live counts per action, objective and axis. */
export function buildRecapSheet(plan: Plan): SheetModel {
  const s = new SheetBuilder(RECAP_SHEET);
  const layout = axisLayout(planYears(plan));
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
      "Les comptes se mettent à jour à chaque saisie. Avancement : cibles atteintes sur cibles jugées (hors qualitatif)."
    ),
    "subtitle"
  );
  s.row(RECAP_HEADER_ROW, 0, RECAP_HEADERS.map(text), "header");
  let r = RECAP_HEADER_ROW + 1;
  const actionRows: Array<{ axis: Axis; objectiveId: string; row: number }> = [];
  for (const axis of plan.axes) {
    const refCol = axisColumnRef(axis, plan, layout.col.ref);
    const statusCol = axisColumnRef(axis, plan, layout.col.status);
    for (const objective of axis.objectives)
      for (const action of objective.actions) {
        const recap = action.recap;
        const byKind = (k: Action["indicators"][number]["kind"]) =>
          action.indicators.filter((i) => i.kind === k).map((i) => i.recapText ?? i.text);
        s.set(r, 0, text(axis.id), "computed");
        s.set(r, 1, text(objective.id), "computed");
        s.set(r, 2, text(action.ref), "computed");
        s.set(r, 3, text(recap?.title ?? action.title), "textWrap");
        s.set(r, 4, text(recap?.pilotage || action.pilotage), "textWrap");
        s.set(r, 5, text(bullets(recap ? recap.realisation : byKind("realisation"))), "textWrap");
        s.set(r, 6, text(bullets(recap ? recap.resultats : byKind("resultat"))), "textWrap");
        s.set(r, 7, text(bullets(recap ? recap.impacts : byKind("impact"))), "textWrap");
        const refCell = a1(r, 2);
        s.set(r, COUNT_COL.total, formula(`COUNTIF(${refCol},${refCell})`), "computed");
        s.set(
          r,
          COUNT_COL.measured,
          formula(`${a1(r, COUNT_COL.total)}-${a1(r, COUNT_COL.first + 3)}`),
          "computed"
        );
        COUNTED.forEach((st, i) =>
          s.set(
            r,
            COUNT_COL.first + i,
            formula(
              `COUNTIFS(${refCol},${refCell},${statusCol},${formulaString(STATUS_TEXT[st])})`
            ),
            "computed"
          )
        );
        s.set(r, COUNT_COL.progress, formula(progressFormula(r)), "computed", "percent");
        actionRows.push({ axis, objectiveId: objective.id, row: r });
        r++;
      }
  }
  const firstAction = RECAP_HEADER_ROW + 1;
  const lastAction = r - 1;
  s.tables.push({
    name: "Tableau_Recapitulatif",
    top: RECAP_HEADER_ROW,
    left: 0,
    columns: [...RECAP_HEADERS],
    rowCount: lastAction - firstAction + 1,
    style: "TableStyleLight1",
  });
  s.dataBars.push({
    range: range(firstAction, COUNT_COL.progress, lastAction, COUNT_COL.progress),
    color: "63BE7B",
  });

  // Totals per objective and per axis: sums of the action rows above (exact matches, no wildcard).
  const sumBlock = (
    title: string,
    keyCol: 0 | 1,
    keys: Array<{ key: string; label: string }>
  ): void => {
    r += 1;
    s.set(r++, 0, text(title), "heading");
    const headerRow = r;
    s.row(
      r++,
      0,
      [
        text(keyCol === 0 ? "Axe" : "Objectif"),
        text("Intitulé"),
        ...RECAP_HEADERS.slice(COUNT_COL.total).map(text),
      ],
      "header"
    );
    const top = r;
    for (const { key, label } of keys) {
      s.set(r, 0, text(key), "computed");
      s.set(r, 1, text(label), "textWrap");
      for (let k = COUNT_COL.total; k < COUNT_COL.progress; k++) {
        const target = 2 + (k - COUNT_COL.total);
        s.set(
          r,
          target,
          formula(
            `SUMIF(${range(firstAction, keyCol, lastAction, keyCol, true)},${a1(r, 0)},${range(firstAction, k, lastAction, k, true)})`
          ),
          "computed"
        );
      }
      const tot = a1(r, 2);
      const reached = a1(r, 4);
      const qual = a1(r, 9);
      s.set(
        r,
        10,
        formula(`IF((${tot}-${qual})>0,${reached}/(${tot}-${qual}),"")`),
        "computed",
        "percent"
      );
      r++;
    }
    s.dataBars.push({ range: range(top, 10, r - 1, 10), color: "63BE7B" });
    s.tables.push({
      name: keyCol === 0 ? "Tableau_Axes" : "Tableau_Objectifs",
      top: headerRow,
      left: 0,
      columns: [
        keyCol === 0 ? "Axe" : "Objectif",
        "Intitulé",
        ...RECAP_HEADERS.slice(COUNT_COL.total),
      ],
      rowCount: keys.length,
      style: "TableStyleLight1",
    });
  };
  sumBlock(
    "Par objectif",
    1,
    plan.axes.flatMap((a) => a.objectives.map((o) => ({ key: o.id, label: o.title })))
  );
  sumBlock(
    "Par axe",
    0,
    plan.axes.map((a) => ({ key: a.id, label: a.title }))
  );

  const widths = [6, 9, 8, 30, 20, 34, 34, 34, 9, 9, 9, 9, 9, 10, 10, 10, 12];
  widths.forEach((w, i) => s.width(i, w));
  s.fitRowHeights(RECAP_HEADER_ROW + 1);
  s.frozen = { rows: RECAP_HEADER_ROW + 1, columns: 3 };
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
export const SCHEDULE_COL = {
  ref: 0,
  action: 1,
  pilot: 2,
  phase: 3,
  startInput: 4,
  endInput: 5,
  start: 6,
  end: 7,
  progress: 8,
  milestones: 9,
  firstPeriod: 10,
} as const;

/** The échéancier: inputs per action, and a Gantt drawn by conditional formatting. */
export function buildScheduleSheet(plan: Plan): SheetModel {
  const s = new SheetBuilder(SCHEDULE_SHEET);
  const layout = axisLayout(planYears(plan));
  const periods = timelinePeriods(plan);
  const C = SCHEDULE_COL;
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
  s.set(2, C.milestones, text("Début de période"), "note");
  s.set(3, C.milestones, text("Fin de période"), "note");
  s.set(1, C.milestones, text("Aujourd'hui"), "note");
  s.set(1, C.firstPeriod, formula(PARAMS.evaluationDateRef), "computed", "shortDate");
  const todayRef = `$${columnLetter(C.firstPeriod)}$2`;
  periods.forEach((p, i) => {
    s.set(2, C.firstPeriod + i, { kind: "date", iso: p.start }, "computed", "monthYear");
    s.set(3, C.firstPeriod + i, { kind: "date", iso: p.end }, "computed", "monthYear");
  });
  const headers = [
    "Réf",
    "Action",
    "Pilote",
    "Phase de démarrage",
    "Début (saisi)",
    "Fin (saisie)",
    "Début",
    "Fin",
    "Avancement",
    "Jalons atteints",
    ...periods.map((p) => p.label),
  ];
  s.row(SCHEDULE_HEADER_ROW, 0, headers.map(text), "header");
  let r = SCHEDULE_HEADER_ROW + 1;
  const { phaseNames, phaseStarts, phaseEnds } = PARAMS;
  for (const axis of plan.axes) {
    const refCol = axisColumnRef(axis, plan, layout.col.ref);
    const measureCol = axisColumnRef(axis, plan, layout.col.measure);
    const statusCol = axisColumnRef(axis, plan, layout.col.status);
    for (const objective of axis.objectives)
      for (const action of objective.actions) {
        const ref = a1(r, C.ref);
        const sch = action.schedule;
        s.set(r, C.ref, text(action.ref), "computed");
        s.set(r, C.action, text(action.title), "textWrap");
        s.set(r, C.pilot, text(action.pilotage), "textWrap");
        s.set(r, C.phase, sch.startPhase ? text(PHASE_TEXT[sch.startPhase]) : null, "input");
        s.set(
          r,
          C.startInput,
          sch.start ? { kind: "date", iso: sch.start } : null,
          "input",
          "date"
        );
        s.set(r, C.endInput, sch.end ? { kind: "date", iso: sch.end } : null, "input", "date");
        const phase = a1(r, C.phase);
        s.set(
          r,
          C.start,
          formula(
            `IF(ISNUMBER(${a1(r, C.startInput)}),${a1(r, C.startInput)},IFERROR(INDEX(${phaseStarts},MATCH(${phase},${phaseNames},0)),""))`
          ),
          "computed",
          "date"
        );
        s.set(
          r,
          C.end,
          formula(
            `IF(ISNUMBER(${a1(r, C.endInput)}),${a1(r, C.endInput)},IFERROR(INDEX(${phaseEnds},MATCH(${phase},${phaseNames},0)),""))`
          ),
          "computed",
          "date"
        );
        s.set(
          r,
          C.progress,
          sch.progress === null ? null : { kind: "number", value: sch.progress / 100 },
          "input",
          "percent"
        );
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
          else {
            const yearCol = axisColumnRef(
              axis,
              plan,
              layout.col.firstYear + (p.year - plan.years.start)
            );
            s.set(
              r,
              C.firstPeriod + i,
              formula(`IF(COUNTIFS(${refCol},${ref},${yearCol},"Oui")>0,"◆","")`),
              "gantt"
            );
          }
        });
        r++;
      }
  }
  const first = SCHEDULE_HEADER_ROW + 1;
  const last = r - 1;
  const lastCol = C.firstPeriod + periods.length - 1;
  s.tables.push({
    name: "Tableau_Echeancier",
    top: SCHEDULE_HEADER_ROW,
    left: 0,
    columns: headers,
    rowCount: last - first + 1,
    style: "TableStyleLight1",
  });
  s.validations.push({
    range: range(first, C.phase, last, C.phase),
    rule: { kind: "list", source: PARAMS.phaseList },
    promptTitle: "Phase de démarrage",
    prompt:
      "Court terme, Moyen terme, Long terme ou Prochaine CTG : les dates viennent de l'onglet Paramètres.",
    errorTitle: "Phase",
    error: "Choisissez une phase dans la liste.",
    alert: "stop",
    allowBlank: true,
  });
  for (const col of [C.startInput, C.endInput]) {
    s.validations.push({
      range: range(first, col, last, col),
      rule: { kind: "date" },
      promptTitle: col === C.startInput ? "Début" : "Fin",
      prompt: "Saisissez une date (jj/mm/aaaa) pour remplacer celle de la phase.",
      errorTitle: "Date attendue",
      error: "Saisissez une date au format jj/mm/aaaa.",
      alert: "stop",
      allowBlank: true,
    });
  }
  s.validations.push({
    range: range(first, C.progress, last, C.progress),
    rule: { kind: "decimal", min: 0, max: 1 },
    promptTitle: "Avancement",
    prompt: "Saisissez l'avancement de l'action, de 0 % à 100 %.",
    errorTitle: "Pourcentage attendu",
    error: "L'avancement est un pourcentage entre 0 % et 100 %.",
    alert: "stop",
    allowBlank: true,
  });
  const startCell = `$${columnLetter(C.start)}${first + 1}`;
  const endCell = `$${columnLetter(C.end)}${first + 1}`;
  const periodStart = `${columnLetter(C.firstPeriod)}$3`;
  const periodEnd = `${columnLetter(C.firstPeriod)}$4`;
  const rules: ConditionalFormat[] = [
    {
      range: range(SCHEDULE_HEADER_ROW, C.firstPeriod, last, lastCol),
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
  s.conditionalFormats.push(...rules);
  s.dataBars.push({ range: range(first, C.progress, last, C.progress), color: "5B9BD5" });
  [8, 34, 20, 16, 12, 12, 11, 11, 11, 10].forEach((w, i) => s.width(i, w));
  periods.forEach((_, i) => s.width(C.firstPeriod + i, 9));
  s.width(lastCol, 13);
  s.fitRowHeights(SCHEDULE_HEADER_ROW + 1);
  s.frozen = { rows: SCHEDULE_HEADER_ROW + 1, columns: 2 };
  s.protection = PROTECTED;
  s.print = {
    orientation: "landscape",
    fitToWidth: true,
    repeatRows: `${SCHEDULE_HEADER_ROW + 1}:${SCHEDULE_HEADER_ROW + 1}`,
  };
  s.tabColor = "C55A11";
  return s.build();
}

/** The fiche/recap differences found by the importer, for the coordinator to resolve. */
export function buildDifferencesSheet(plan: Plan): SheetModel {
  const s = new SheetBuilder(DIFFERENCES_SHEET);
  s.set(0, 0, text("Écarts entre les fiches action et le récapitulatif du plan"), "title");
  s.set(
    1,
    0,
    text(
      "Pour chaque écart, notez la décision du comité (quelle formulation ou quelle cible retenir)."
    ),
    "subtitle"
  );
  const headers = [
    "Réf",
    "Indicateur",
    "Écart",
    "Fiche",
    "Récapitulatif",
    "Décision",
    "Commentaire",
  ];
  s.row(3, 0, headers.map(text), "header");
  const titles = new Map<string, string>();
  plan.axes.forEach((a) =>
    a.objectives.forEach((o) => o.actions.forEach((x) => titles.set(x.ref, x.title)))
  );
  let r = 4;
  for (const d of plan.differences) {
    s.set(r, 0, text(d.ref), "computed");
    s.set(r, 1, d.indicatorId ? text(d.indicatorId) : null, "computed");
    s.set(r, 2, text(formatMessage(differenceMessage(d))), "textWrap");
    s.set(r, 3, d.fiche ? text(d.fiche) : null, "textWrap");
    s.set(r, 4, d.recap ? text(d.recap) : null, "textWrap");
    s.set(r, 5, null, "inputWrap");
    s.set(r, 6, null, "inputWrap");
    r++;
  }
  if (plan.differences.length === 0) {
    s.set(r, 2, text("Aucun écart."), "note");
    r++;
  }
  s.tables.push({
    name: "Tableau_Ecarts",
    top: 3,
    left: 0,
    columns: headers,
    rowCount: Math.max(1, r - 4),
    style: "TableStyleLight1",
  });
  [8, 15, 60, 40, 40, 30, 30].forEach((w, i) => s.width(i, w));
  s.fitRowHeights(4);
  s.frozen = { rows: 4, columns: 1 };
  s.protection = PROTECTED;
  s.print = { orientation: "landscape", fitToWidth: true, repeatRows: "4:4" };
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
