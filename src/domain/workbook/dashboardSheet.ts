import { STATUSES, type Status } from "../engine/types";
import type { Axis, Plan } from "../plan/schema";
import { AXIS_FIRST_ROW, axisLayout, axisRows, axisSheetName, planYears } from "./axisSheet";
import {
  SheetBuilder,
  PROTECTED,
  a1,
  formula,
  formulaString,
  num,
  range,
  sheetRef,
  text,
  columnLetter,
} from "./grid";
import { STATUS_TEXT } from "./labels";
import type { CellValue, ChartModel, SheetModel } from "./model";
import { PARAMS } from "./paramsSheet";
import { SCHEDULE_COL, SCHEDULE_HEADER_ROW, SCHEDULE_SHEET } from "./recapSheets";
import type { SnapshotSummary } from "./snapshotSummary";

/**
 * The « Tableau de bord »: the steering committee's view of the plan, live. Every figure is a formula
 * over the axis sheets' Statut columns, their entries and the Échéancier, at the Paramètres sheet's
 * evaluation date, so that it works in a partner's workbook without the add-in (Excel, LibreOffice).
 * Its charts (`SheetModel.charts`) are drawn from blocks of this sheet.
 *
 * The sheet holds no entry. Its layout is the same with or without a frozen bilan (the « Depuis le
 * bilan » block keeps its cells, empty without one), so that content read back from it is never
 * taken for a stray by a regeneration.
 */

export const DASHBOARD_SHEET = "Tableau de bord";

/** The instructions line (row 2): also how a regeneration recognises the sheet as the tool's. */
export const DASHBOARD_INSTRUCTIONS =
  "Rien à saisir ici : tout se calcule à partir des onglets d'axe, de l'échéancier et de la date d'évaluation (onglet Paramètres). Taux de saisie : mesures saisies sur mesures attendues (une par cible et par année, jusqu'à l'année d'évaluation).";

/** Whether rows read back from a sheet named « Tableau de bord » are the tool's dashboard. */
export function isDashboardSheet(rows: ReadonlyArray<ReadonlyArray<unknown>>): boolean {
  return rows[1]?.[0] === DASHBOARD_INSTRUCTIONS;
}

/** Chart colours of the statuses (stronger than the cells' pale fills). */
export const STATUS_CHART_COLORS: Readonly<Record<Status, string>> = {
  atteint: "70AD47",
  non_atteint: "C00000",
  en_cours: "FFC000",
  a_renseigner: "A5A5A5",
  saisie_invalide: "ED7D31",
  qualitatif: "5B9BD5",
};
const AXIS_CHART_COLORS = ["2E75B6", "548235", "C55A11", "7030A0", "BF8F00", "00B0F0"];
const OVERALL_CHART_COLOR = "404040";

/** Columns of the status tables: a label, one count per status, then the reporting figures. */
export const DASHBOARD_COL = {
  label: 0,
  firstStatus: 1,
  targets: 1 + STATUSES.length,
  made: 2 + STATUSES.length,
  expected: 3 + STATUSES.length,
  rate: 4 + STATUSES.length,
} as const;
const COL = DASHBOARD_COL;
const STATUS_COL = (s: Status): number => COL.firstStatus + STATUSES.indexOf(s);
const LAST_STATUS_COL = COL.firstStatus + STATUSES.length - 1;

/** Columns of the actions table. */
export const DASHBOARD_ACTION_COL = {
  label: 0,
  unplanned: 1,
  notStarted: 2,
  late: 3,
  total: 4,
} as const;
const ACTION_COL = DASHBOARD_ACTION_COL;
/** The height of a header row (its texts wrap on two lines). */
const HEADER_HEIGHT = 30;

/** A chart's frame: rows high, columns wide. */
const CHART_ROWS = 16;
const CHART_COLS = 8;

const axisLabel = (axis: Axis): string => `Axe ${axis.id}`;

function statusHeaders(): CellValue[] {
  return STATUSES.map((s) => text(STATUS_TEXT[s]));
}

/** The header row of a counts table: its key (`Axe`, `Année`), the statuses, the reporting columns. */
function writeCountsHeader(s: SheetBuilder, row: number, key: string): void {
  s.height(row, HEADER_HEIGHT);
  s.row(
    row,
    0,
    [
      text(key),
      ...statusHeaders(),
      text("Cibles"),
      text("Saisies faites"),
      text("Saisies attendues"),
      text("Taux de saisie"),
    ],
    "header"
  );
}

/** The Échéancier's rows of each axis (its actions, in plan order), or null for an axis without. */
function scheduleRows(plan: Plan): Array<{ first: number; last: number } | null> {
  let r = SCHEDULE_HEADER_ROW + 1;
  return plan.axes.map((axis) => {
    const n = axis.objectives.reduce((k, o) => k + o.actions.length, 0);
    const rows = n === 0 ? null : { first: r, last: r + n - 1 };
    r += n;
    return rows;
  });
}

/** `A1+B1+...`, or `0` for none. */
function sumOf(cells: readonly string[]): string {
  return cells.length ? cells.join("+") : "0";
}

/** Where the blocks are: the row of each one's heading (its header row follows, then its rows). */
export interface DashboardLayout {
  readonly byAxis: number;
  readonly snapshot: number;
  readonly rates: number;
  readonly actions: number;
  readonly overallYears: number;
  /** The per-year block of each axis. */
  readonly axisYears: readonly number[];
  readonly chartCol: number;
}

export function dashboardLayout(plan: Plan): DashboardLayout {
  const axes = plan.axes.length;
  const years = planYears(plan).length;
  const axisTable = Math.max(axes + 3, CHART_ROWS) + 1;
  const yearTable = Math.max(years + 2, CHART_ROWS) + 1;
  const byAxis = 4;
  const snapshot = byAxis + axisTable;
  const rates = snapshot + axes + 5;
  const actions = rates + yearTable;
  const overallYears = actions + axisTable;
  return {
    byAxis,
    snapshot,
    rates,
    actions,
    overallYears,
    axisYears: plan.axes.map((_, i) => overallYears + (i + 1) * yearTable),
    // Beside the widest table (the rates: one column per axis).
    chartCol: Math.max(COL.rate + 2, axes + 3),
  };
}

/**
 * Rows a printed page of the dashboard can hold. Printed one page wide on A4 landscape, the sheet
 * (about 200 characters wide with its charts) is shrunk to about half: LibreOffice puts some 75 rows
 * of the embedded plan's dashboard on a page. A lower figure keeps the estimate on the safe side
 * (Excel's rows are a little taller).
 */
const PAGE_ROWS = 55;

/**
 * Manual page breaks so that no block (a table with its chart beside it) is cut by a page: blocks go
 * on a page while they fit in `PAGE_ROWS` rows, the next one starts a new page. Excel and LibreOffice
 * add their own breaks only inside a block taller than a page, which none is.
 */
export function dashboardPageBreaks(layout: DashboardLayout, rowCount: number): number[] {
  // Where each block starts; the title rows and the first block (with the bilan's block under it)
  // are the first page's.
  const starts = [layout.rates, layout.actions, layout.overallYears, ...layout.axisYears].filter(
    (r) => r < rowCount
  );
  const ends = [...starts.slice(1), rowCount];
  const breaks: number[] = [];
  let pageTop = 0;
  starts.forEach((start, i) => {
    const end = Math.max(ends[i] ?? rowCount, start + CHART_ROWS + 1);
    if (end - pageTop > PAGE_ROWS) {
      breaks.push(start);
      pageTop = start;
    }
  });
  return breaks;
}

/**
 * The « Ensemble du plan » row under `count` axis rows starting at `first`: each column from `from`
 * to `to` the sum of the axes' (0 without axes). Returns its row.
 */
function writeTotalRow(
  s: SheetBuilder,
  first: number,
  count: number,
  labelCol: number,
  from: number,
  to: number
): number {
  const total = first + count;
  s.set(total, labelCol, text("Ensemble du plan"), "header");
  for (let c = from; c <= to; c++)
    s.set(total, c, formula(count ? `SUM(${range(first, c, total - 1, c)})` : "0"), "status");
  return total;
}

/** A chart beside a block whose header row is `header`, drawn from `source`. */
function chartAt(
  layout: DashboardLayout,
  top: number,
  chart: Omit<ChartModel, "from" | "to">
): ChartModel {
  return {
    ...chart,
    from: { row: top, col: layout.chartCol },
    to: { row: top + CHART_ROWS, col: layout.chartCol + CHART_COLS },
  };
}

/**
 * A table of targets per status and per plan year, from row `top` (heading, header, one row per
 * year). `cell(status, j)` is the formula of a count, `targets`, `made` and `expected` those of the
 * reporting columns.
 */
function writeYearTable(
  s: SheetBuilder,
  top: number,
  title: string,
  years: readonly number[],
  cells: {
    readonly count: (status: Status, j: number) => string;
    readonly targets: (j: number) => CellValue;
    readonly made: (j: number) => string;
    readonly expected: (j: number) => string;
  }
): void {
  s.set(top, 0, text(title), "heading");
  writeCountsHeader(s, top + 1, "Année");
  years.forEach((year, j) => {
    const r = top + 2 + j;
    // The year as text: a chart's categories.
    s.set(r, COL.label, text(String(year)), "computed");
    for (const st of STATUSES) s.set(r, STATUS_COL(st), formula(cells.count(st, j)), "computed");
    s.set(r, COL.targets, cells.targets(j), "computed");
    s.set(r, COL.made, formula(cells.made(j)), "computed");
    s.set(r, COL.expected, formula(cells.expected(j)), "computed");
    const targets = a1(r, COL.targets);
    s.set(
      r,
      COL.rate,
      formula(`IF(${targets}>0,${a1(r, COL.made)}/${targets},"")`),
      "computed",
      "percent"
    );
  });
}

/** Per axis and year: targets of each status (the year's Statut column), entries made and expected. */
function writeAxisYears(s: SheetBuilder, top: number, axis: Axis, plan: Plan): void {
  const years = planYears(plan);
  const layout = axisLayout(years);
  const rows = axisRows(axis).length;
  const column = (col: number): string => {
    const letter = columnLetter(col);
    const last = AXIS_FIRST_ROW + Math.max(rows, 1);
    return `${sheetRef(axisSheetName(axis))}!$${letter}$${AXIS_FIRST_ROW + 1}:$${letter}$${last}`;
  };
  writeYearTable(
    s,
    top,
    `${axisLabel(axis)} – ${axis.title} : cibles par statut et par année`,
    years,
    {
      count: (st, j) =>
        `COUNTIF(${column(layout.col.firstYearStatus + j)},${formulaString(STATUS_TEXT[st])})`,
      targets: () => num(rows),
      // A cell with anything but spaces is an entry (as the engine reads blanks).
      made: (j) => `SUMPRODUCT((LEN(TRIM(${column(layout.col.firstYear + j)}))>0)*1)`,
      expected: (j) => `IF(${years[j] ?? 0}<=${PARAMS.currentYearRef},${rows},0)`,
    }
  );
}

/** The whole plan per year: the sums of the axes' tables. */
function writeOverallYears(
  s: SheetBuilder,
  top: number,
  plan: Plan,
  tops: readonly number[]
): void {
  const years = planYears(plan);
  const sum = (col: number, j: number) => sumOf(tops.map((t) => a1(t + 2 + j, col)));
  writeYearTable(s, top, "Ensemble du plan : cibles par statut et par année", years, {
    count: (st, j) => sum(STATUS_COL(st), j),
    targets: (j) => formula(sum(COL.targets, j)),
    made: (j) => sum(COL.made, j),
    expected: (j) => sum(COL.expected, j),
  });
}

/**
 * Per axis: the targets of each overall status, and entries made over entries expected up to the
 * evaluation year (from the axis's per-year table); then the whole plan.
 */
function writeByAxis(s: SheetBuilder, top: number, plan: Plan, layout: DashboardLayout): void {
  const years = planYears(plan);
  const statusCol = axisLayout(years).col.status;
  s.set(top, 0, text("Par axe : statut global des cibles et taux de saisie"), "heading");
  writeCountsHeader(s, top + 1, "Axe");
  const first = top + 2;
  plan.axes.forEach((axis, i) => {
    const r = first + i;
    const rows = axisRows(axis).length;
    const letter = columnLetter(statusCol);
    const status = `${sheetRef(axisSheetName(axis))}!$${letter}$${AXIS_FIRST_ROW + 1}:$${letter}$${AXIS_FIRST_ROW + Math.max(rows, 1)}`;
    const block = layout.axisYears[i] ?? 0;
    const madeRange = range(block + 2, COL.made, block + 1 + years.length, COL.made, true);
    const expectedRange = range(
      block + 2,
      COL.expected,
      block + 1 + years.length,
      COL.expected,
      true
    );
    s.set(r, COL.label, text(axisLabel(axis)), "computed");
    for (const st of STATUSES)
      s.set(
        r,
        STATUS_COL(st),
        formula(`COUNTIF(${status},${formulaString(STATUS_TEXT[st])})`),
        "computed"
      );
    s.set(r, COL.targets, num(rows), "computed");
    s.set(r, COL.made, formula(`SUMIF(${expectedRange},">0",${madeRange})`), "computed");
    s.set(r, COL.expected, formula(`SUM(${expectedRange})`), "computed");
    s.set(r, COL.rate, formula(rateFormula(r)), "computed", "percent");
  });
  const total = writeTotalRow(s, first, plan.axes.length, COL.label, COL.firstStatus, COL.expected);
  s.set(total, COL.rate, formula(rateFormula(total)), "status", "percent");
}

function rateFormula(r: number): string {
  const expected = a1(r, COL.expected);
  return `IF(${expected}>0,${a1(r, COL.made)}/${expected},"")`;
}

/** The change since the last frozen bilan: live figures (of `byAxis`) minus the bilan's. */
function writeSnapshot(
  s: SheetBuilder,
  top: number,
  plan: Plan,
  byAxisTop: number,
  snapshot: SnapshotSummary | null
): void {
  const takenOn = snapshot ? snapshot.takenOn.split("-").reverse().join("/") : "";
  s.set(
    top,
    0,
    text(
      snapshot
        ? `Depuis le bilan ${snapshot.year} (figé le ${takenOn})`
        : "Depuis le dernier bilan figé"
    ),
    "heading"
  );
  s.set(
    top + 1,
    0,
    text(
      snapshot
        ? `Évolution depuis le bilan ${snapshot.year} : les chiffres d'aujourd'hui moins ceux du bilan (+3 : trois cibles de plus qu'au bilan).`
        : "Aucun bilan figé pour l'instant : l'évolution depuis le dernier bilan annuel s'affichera ici une fois un bilan figé."
    ),
    "subtitle"
  );
  s.height(top + 2, HEADER_HEIGHT);
  s.row(top + 2, 0, [text("Axe"), ...statusHeaders()], "header");
  const keys = [
    ...plan.axes.map((a) => ({ key: a.id, label: axisLabel(a) })),
    { key: "", label: "Ensemble du plan" },
  ];
  keys.forEach(({ key, label }, i) => {
    const r = top + 3 + i;
    const live = byAxisTop + 2 + i;
    s.set(r, COL.label, text(label), "computed");
    const counts = snapshot?.byAxis[key];
    for (const st of STATUSES) {
      const c = STATUS_COL(st);
      s.set(
        r,
        c,
        counts ? formula(`${a1(live, c)}-${counts[st] ?? 0}`) : null,
        "computed",
        "signed"
      );
    }
    // The reporting rate is not compared: the bilan records the entries of its own year only, the
    // dashboard's rate counts every year up to the evaluation date.
  });
}

/** Reporting rate per year: one column per axis, then the whole plan (from the per-year tables). */
function writeRates(s: SheetBuilder, top: number, plan: Plan, layout: DashboardLayout): void {
  const years = planYears(plan);
  s.set(top, 0, text("Taux de saisie par année"), "heading");
  s.height(top + 1, HEADER_HEIGHT);
  s.row(
    top + 1,
    0,
    [text("Année"), ...plan.axes.map((a) => text(axisLabel(a))), text("Ensemble du plan")],
    "header"
  );
  years.forEach((year, j) => {
    const r = top + 2 + j;
    s.set(r, 0, text(String(year)), "computed");
    [...layout.axisYears, layout.overallYears].forEach((block, i) =>
      s.set(r, 1 + i, formula(a1(block + 2 + j, COL.rate)), "computed", "percent")
    );
  });
}

/** Actions per axis: not planned, not started, late (the Échéancier at the evaluation date). */
function writeActions(s: SheetBuilder, top: number, plan: Plan): void {
  const C = SCHEDULE_COL;
  s.set(top, 0, text("Actions de l'échéancier, à la date d'évaluation"), "heading");
  s.height(top + 1, HEADER_HEIGHT);
  s.row(
    top + 1,
    0,
    [
      text("Axe"),
      text("Non planifiées"),
      text("Non démarrées"),
      text("En retard"),
      text("Actions"),
    ],
    "header"
  );
  const schedule = sheetRef(SCHEDULE_SHEET);
  const first = top + 2;
  scheduleRows(plan).forEach((rows, i) => {
    const r = first + i;
    const axis = plan.axes[i] as Axis;
    s.set(r, ACTION_COL.label, text(axisLabel(axis)), "computed");
    if (!rows) {
      for (const c of [
        ACTION_COL.unplanned,
        ACTION_COL.notStarted,
        ACTION_COL.late,
        ACTION_COL.total,
      ])
        s.set(r, c, num(0), "computed");
      return;
    }
    const col = (c: number) => `${schedule}!${range(rows.first, c, rows.last, c, true)}`;
    const count = rows.last - rows.first + 1;
    const progress = col(C.progress);
    const end = col(C.end);
    s.set(r, ACTION_COL.unplanned, formula(`${count}-COUNT(${col(C.start)})`), "computed");
    s.set(
      r,
      ACTION_COL.notStarted,
      formula(`COUNTBLANK(${progress})+COUNTIF(${progress},0)`),
      "computed"
    );
    s.set(
      r,
      ACTION_COL.late,
      formula(`SUMPRODUCT(ISNUMBER(${end})*(${end}<${PARAMS.evaluationDateRef})*(${progress}<1))`),
      "computed"
    );
    s.set(r, ACTION_COL.total, num(count), "computed");
  });
  const total = writeTotalRow(
    s,
    first,
    plan.axes.length,
    ACTION_COL.label,
    ACTION_COL.unplanned,
    ACTION_COL.total
  );
  s.set(
    total + 1,
    0,
    text(
      "Non planifiées : sans date de début. Non démarrées : avancement vide ou 0 %. En retard : fin dépassée et avancement inférieur à 100 %."
    ),
    "note"
  );
}

/** The statuses of a per-year table as a stacked bar chart (years as categories). */
function statusChart(
  layout: DashboardLayout,
  top: number,
  rows: number,
  name: string,
  title: string
): ChartModel {
  return chartAt(layout, top, {
    name,
    title,
    type: "BarStacked",
    source: range(top + 1, COL.label, top + 1 + rows, LAST_STATUS_COL),
    colors: STATUSES.map((st) => STATUS_CHART_COLORS[st]),
  });
}

/**
 * The Tableau de bord of `plan` (a partner's plan: its own actions). `snapshot`: the last frozen
 * bilan, whose figures the « Depuis le bilan » block subtracts from the live ones.
 */
export function buildDashboardSheet(plan: Plan, snapshot: SnapshotSummary | null): SheetModel {
  const s = new SheetBuilder(DASHBOARD_SHEET);
  const layout = dashboardLayout(plan);
  const years = planYears(plan);
  const axes = plan.axes.length;
  s.set(
    0,
    0,
    text(`Tableau de bord – ${plan.territory} ${plan.years.start}-${plan.years.end}`),
    "title"
  );
  s.set(1, 0, text(DASHBOARD_INSTRUCTIONS), "subtitle");
  s.set(2, 0, text("Date d'évaluation"), "computed");
  s.set(2, 1, formula(PARAMS.evaluationDateRef), "computed", "date");

  writeByAxis(s, layout.byAxis, plan, layout);
  writeSnapshot(s, layout.snapshot, plan, layout.byAxis, snapshot);
  writeRates(s, layout.rates, plan, layout);
  writeActions(s, layout.actions, plan);
  writeOverallYears(s, layout.overallYears, plan, layout.axisYears);
  plan.axes.forEach((axis, i) => writeAxisYears(s, layout.axisYears[i] ?? 0, axis, plan));

  const charts: ChartModel[] = [];
  if (axes > 0)
    charts.push(
      chartAt(layout, layout.byAxis, {
        name: "ctg_statuts_axes",
        title: "Statut global des cibles par axe",
        type: "BarStacked",
        source: range(layout.byAxis + 1, COL.label, layout.byAxis + 1 + axes, LAST_STATUS_COL),
        colors: STATUSES.map((st) => STATUS_CHART_COLORS[st]),
      })
    );
  if (years.length > 0) {
    charts.push(
      chartAt(layout, layout.rates, {
        name: "ctg_taux_saisie",
        title: "Taux de saisie par année",
        type: "Line",
        source: range(layout.rates + 1, 0, layout.rates + 1 + years.length, axes + 1),
        colors: [
          ...plan.axes.map((_, i) => AXIS_CHART_COLORS[i % AXIS_CHART_COLORS.length] ?? "2E75B6"),
          OVERALL_CHART_COLOR,
        ],
        percent: true,
      })
    );
  }
  if (axes > 0)
    charts.push(
      chartAt(layout, layout.actions, {
        name: "ctg_actions",
        title: "Actions non planifiées, non démarrées ou en retard",
        type: "ColumnClustered",
        source: range(
          layout.actions + 1,
          ACTION_COL.label,
          layout.actions + 1 + axes,
          ACTION_COL.late
        ),
        colors: ["A5A5A5", "FFC000", "C00000"],
      })
    );
  if (years.length > 0) {
    charts.push(
      statusChart(
        layout,
        layout.overallYears,
        years.length,
        "ctg_statuts_ensemble",
        "Ensemble du plan – statuts des cibles par année"
      )
    );
    plan.axes.forEach((axis, i) =>
      charts.push(
        statusChart(
          layout,
          layout.axisYears[i] ?? 0,
          years.length,
          `ctg_statuts_axe_${axis.id}`,
          `${axisLabel(axis)} – statuts des cibles par année`
        )
      )
    );
  }

  s.width(0, 30);
  for (let c = COL.firstStatus; c <= COL.rate; c++) s.width(c, 11);
  s.protection = PROTECTED;
  s.print = {
    orientation: "landscape",
    fitToWidth: true,
    repeatRows: null,
    rowBreaks: dashboardPageBreaks(layout, s.rowCount),
  };
  s.tabColor = "7030A0";
  return { ...s.build(), charts };
}
