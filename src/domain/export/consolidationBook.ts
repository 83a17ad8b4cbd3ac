import { STATUSES } from "../engine/types";
import type { Message } from "../messages/types";
import { formatMessage } from "../messages";
import { STATUS_CHART_COLORS } from "../workbook/dashboardSheet";
import { SheetBuilder, num, range, text } from "../workbook/grid";
import { STATUS_TEXT } from "../workbook/labels";
import type { CellValue, ChartModel, SheetModel, WorkbookModel } from "../workbook/model";
import { STYLES } from "../workbook/styles";
import { sumFigures, type Figures, type TerritoryFigures } from "./consolidate";

/**
 * The CAF's consolidation workbook (`ctg consolidate`): the figures of many territories' workbooks
 * side by side, as a workbook model written by the `.xlsx` adapter. Plain values, not formulas: it is
 * what the files held on the day it was made (each file's own evaluation year). Sheets:
 * - « Synthèse »: one row per workbook (its whole plan), then all of them;
 * - « Par axe »: one row per workbook and axis, then the workbook's total row;
 * - « Graphiques »: the blocks the native charts are drawn from, and the charts;
 * - « Fichiers »: every file given, consolidated or left out, with the reason.
 * Its metadata names it a consolidation (`CONSOLIDATION_GENERATOR`): `ctg consolidate` refuses it as
 * an input, `ctg check` as a CTG workbook.
 */

export const CONSOLIDATION_GENERATOR = "ctg-consolidation";
/** The plan id of its metadata: not a plan's (a plan id is lower case letters, digits and dashes). */
export const CONSOLIDATION_PLAN_ID = "consolidation";

export const SUMMARY_SHEET = "Synthèse";
export const BY_AXIS_SHEET = "Par axe";
export const CHARTS_SHEET = "Graphiques";
export const FILES_SHEET = "Fichiers";

/** The first row of the tables (header), rows from 0: title, subtitle, blank line above. */
export const TABLE_HEADER_ROW = 3;

/** A file given to the consolidation: its figures, or why it was left out. */
export type FileOutcome =
  | { readonly file: string; readonly figures: TerritoryFigures; readonly reason?: undefined }
  | { readonly file: string; readonly figures?: undefined; readonly reason: Message };

export interface ConsolidationOptions {
  readonly generatorVersion: string;
  /** The day it is made, `YYYY-MM-DD`. */
  readonly on: string;
}

const FIGURE_HEADERS = [
  "Cibles",
  ...STATUSES.map((st) => STATUS_TEXT[st]),
  "Saisies faites",
  "Saisies attendues",
  "Taux de saisie",
  "Avancement",
];

const rate = (v: number | null): CellValue | null => (v === null ? null : num(v));

/** Sets the figures' cells from column `col`: counts, then the two rates as percentages. */
function setFigures(s: SheetBuilder, row: number, col: number, f: Figures, bold: boolean): void {
  const style = bold ? "status" : "computed";
  s.set(row, col, num(f.targets), style);
  STATUSES.forEach((st, i) => s.set(row, col + 1 + i, num(f.byStatus[st]), style));
  const after = col + 1 + STATUSES.length;
  s.set(row, after, num(f.made), style);
  s.set(row, after + 1, num(f.expected), style);
  s.set(row, after + 2, rate(f.rate), style, "percentDecimal");
  s.set(row, after + 3, rate(f.progress), style, "percentDecimal");
}

/** Labels of the workbooks in charts: the territory, with the file when two have the same. */
function labels(all: readonly TerritoryFigures[]): string[] {
  const count = new Map<string, number>();
  for (const t of all) count.set(t.territory, (count.get(t.territory) ?? 0) + 1);
  return all.map((t) =>
    (count.get(t.territory) ?? 0) > 1 ? `${t.territory} (${t.file})` : t.territory
  );
}

function heading(s: SheetBuilder, title: string, subtitle: string): void {
  s.set(0, 0, text(title), "title");
  s.set(1, 0, text(subtitle), "subtitle");
}

function subtitleOf(all: readonly TerritoryFigures[], on: string): string {
  const day = on.split("-").reverse().join("/");
  return `Consolidation du ${day} : ${all.length} classeur(s) de territoire. Statuts à l'année d'évaluation de chaque classeur (onglet Paramètres) ; taux de saisie : mesures saisies sur mesures attendues (une par cible et par année, jusqu'à l'année d'évaluation) ; avancement : cibles atteintes sur cibles jugées (toutes sauf les qualitatives).`;
}

function summarySheet(all: readonly TerritoryFigures[], on: string): SheetModel {
  const s = new SheetBuilder(SUMMARY_SHEET);
  heading(s, "Consolidation des CTG – synthèse par territoire", subtitleOf(all, on));
  const columns = [
    "Territoire",
    "Fichier",
    "Plan",
    "Version",
    "Année d'évaluation",
    ...FIGURE_HEADERS,
  ];
  s.row(TABLE_HEADER_ROW, 0, columns.map(text), "header");
  all.forEach((t, i) => {
    const r = TABLE_HEADER_ROW + 1 + i;
    s.row(r, 0, [text(t.territory), text(t.file), text(t.planId), text(t.planVersion)], "text");
    s.set(r, 4, num(t.evaluationYear), "text");
    setFigures(s, r, 5, t.total, false);
  });
  const total = TABLE_HEADER_ROW + 1 + all.length;
  s.set(total, 0, text("Ensemble des territoires"), "status");
  for (let c = 1; c < 5; c++) s.set(total, c, null, "status");
  setFigures(s, total, 5, sumFigures(all.map((t) => t.total)), true);
  return tableSheet(s, "Consolidation_territoires", columns, all.length, [28, 24, 22, 9], "1F5C99");
}

/**
 * Finishes a sheet whose table (`columns`, `rowCount` rows) sits under the header row: the Excel
 * table, the widths (`widths` from column A, 11 for the rest), the header row and first column
 * frozen, printed one page wide on A4 landscape with the header row on each page.
 */
function tableSheet(
  s: SheetBuilder,
  name: string,
  columns: readonly string[],
  rowCount: number,
  widths: readonly number[],
  tabColor: string
): SheetModel {
  if (rowCount > 0)
    s.tables.push({
      name,
      top: TABLE_HEADER_ROW,
      left: 0,
      columns,
      rowCount,
      style: "TableStyleLight1",
    });
  for (let c = 0; c < columns.length; c++) s.width(c, widths[c] ?? 11);
  s.height(TABLE_HEADER_ROW, 30);
  s.frozen = { rows: TABLE_HEADER_ROW + 1, columns: 1 };
  s.print = {
    orientation: "landscape",
    fitToWidth: true,
    repeatRows: `${TABLE_HEADER_ROW + 1}:${TABLE_HEADER_ROW + 1}`,
  };
  s.tabColor = tabColor;
  return s.build();
}

function byAxisSheet(all: readonly TerritoryFigures[], on: string): SheetModel {
  const s = new SheetBuilder(BY_AXIS_SHEET);
  heading(s, "Consolidation des CTG – par territoire et par axe", subtitleOf(all, on));
  const columns = ["Territoire", "Fichier", "Axe", "Intitulé de l'axe", ...FIGURE_HEADERS];
  s.row(TABLE_HEADER_ROW, 0, columns.map(text), "header");
  let r = TABLE_HEADER_ROW + 1;
  for (const t of all) {
    for (const a of t.axes) {
      s.row(
        r,
        0,
        [text(t.territory), text(t.file), text(`Axe ${a.axisId}`), text(a.title)],
        "text"
      );
      setFigures(s, r, 4, a, false);
      r++;
    }
    s.row(
      r,
      0,
      [text(t.territory), text(t.file), text("Ensemble"), text("Ensemble du plan")],
      "status"
    );
    setFigures(s, r, 4, t.total, true);
    r++;
  }
  return tableSheet(
    s,
    "Consolidation_axes",
    columns,
    r - TABLE_HEADER_ROW - 1,
    [28, 24, 9, 40],
    "2E75B6"
  );
}

const AXIS_COLORS = ["2E75B6", "548235", "C55A11", "7030A0", "BF8F00", "00B0F0"];

/**
 * The chart blocks, one under the other (a heading, a header row, one row per workbook), each with
 * its chart to its right: statuses per territory, reporting rate and progress per territory,
 * reporting rate per axis and territory.
 */
function chartsSheet(all: readonly TerritoryFigures[], on: string): SheetModel {
  const s = new SheetBuilder(CHARTS_SHEET);
  heading(s, "Consolidation des CTG – graphiques", subtitleOf(all, on));
  const names = labels(all);
  const n = all.length;
  const axisIds = [...new Set(all.flatMap((t) => t.axes.map((a) => a.axisId)))];
  const chartRows = Math.max(16, Math.ceil(n * 1.2) + 6);
  const blockRows = Math.max(n + 3, chartRows + 2);
  const charts: ChartModel[] = [];
  const block = (
    index: number,
    title: string,
    headers: readonly string[],
    values: (t: TerritoryFigures) => ReadonlyArray<number | null>,
    chart: Pick<ChartModel, "name" | "type" | "colors"> & { readonly percent?: boolean }
  ) => {
    const top = TABLE_HEADER_ROW + index * blockRows;
    s.set(top, 0, text(title), "heading");
    s.row(top + 1, 0, ["Territoire", ...headers].map(text), "header");
    all.forEach((t, i) => {
      s.set(top + 2 + i, 0, text(names[i] ?? t.territory), "text");
      values(t).forEach((v, j) =>
        s.set(
          top + 2 + i,
          1 + j,
          v === null ? null : num(v),
          "computed",
          chart.percent ? "percentDecimal" : undefined
        )
      );
    });
    if (n > 0)
      charts.push({
        ...chart,
        title,
        source: range(top + 1, 0, top + 1 + n, headers.length),
        from: { row: top, col: headers.length + 2 },
        to: { row: top + chartRows, col: headers.length + 12 },
      });
  };
  block(
    0,
    "Statut des cibles par territoire",
    STATUSES.map((st) => STATUS_TEXT[st]),
    (t) => STATUSES.map((st) => t.total.byStatus[st]),
    {
      name: "ctg_consolidation_statuts",
      type: "BarStacked",
      colors: STATUSES.map((st) => STATUS_CHART_COLORS[st]),
    }
  );
  block(
    1,
    "Taux de saisie et avancement par territoire",
    ["Taux de saisie", "Avancement"],
    (t) => [t.total.rate, t.total.progress],
    {
      name: "ctg_consolidation_taux",
      type: "BarClustered",
      colors: ["2E75B6", "70AD47"],
      percent: true,
    }
  );
  block(
    2,
    "Taux de saisie par axe et par territoire",
    axisIds.map((id) => `Axe ${id}`),
    (t) => axisIds.map((id) => t.axes.find((a) => a.axisId === id)?.rate ?? null),
    {
      name: "ctg_consolidation_axes",
      type: "ColumnClustered",
      colors: axisIds.map((_, i) => AXIS_COLORS[i % AXIS_COLORS.length] ?? "2E75B6"),
      percent: true,
    }
  );
  s.width(0, 30);
  for (let c = 1; c <= Math.max(STATUSES.length, axisIds.length); c++) s.width(c, 11);
  s.print = { orientation: "landscape", fitToWidth: true, repeatRows: null };
  s.tabColor = "7030A0";
  return { ...s.build(), charts };
}

function filesSheet(files: readonly FileOutcome[]): SheetModel {
  const s = new SheetBuilder(FILES_SHEET);
  heading(
    s,
    "Fichiers lus",
    "Chaque fichier donné à « ctg consolidate » : consolidé, ou écarté avec la raison."
  );
  const columns = ["Fichier", "Territoire", "Plan", "Version", "Consolidé", "Raison"];
  s.row(TABLE_HEADER_ROW, 0, columns.map(text), "header");
  files.forEach(({ file, figures: t, reason }, i) => {
    const r = TABLE_HEADER_ROW + 1 + i;
    s.row(
      r,
      0,
      [
        text(file),
        text(t?.territory ?? ""),
        text(t?.planId ?? ""),
        text(t?.planVersion ?? ""),
        text(t ? "Oui" : "Non"),
        text(reason ? formatMessage(reason) : ""),
      ],
      "textWrap"
    );
  });
  s.width(0, 30);
  s.width(1, 28);
  s.width(2, 22);
  s.width(3, 9);
  s.width(4, 11);
  s.width(5, 70);
  s.fitRowHeights(TABLE_HEADER_ROW + 1);
  s.frozen = { rows: TABLE_HEADER_ROW + 1, columns: 0 };
  s.print = { orientation: "landscape", fitToWidth: true, repeatRows: null };
  return s.build();
}

/** A fingerprint of 16 hex digits (FNV-1a twice): the metadata's schema asks for one. */
function fingerprint(textToHash: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < textToHash.length; i++) {
    const c = textToHash.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x811c9dc5) >>> 0;
  }
  return a.toString(16).padStart(8, "0") + b.toString(16).padStart(8, "0");
}

/**
 * The consolidation workbook of the files consolidated (in the order given); every file, left out
 * or not, is listed on « Fichiers ».
 */
export function consolidationWorkbook(
  files: readonly FileOutcome[],
  options: ConsolidationOptions
): WorkbookModel {
  const all = files.flatMap((f) => (f.figures ? [f.figures] : []));
  const sheets = [
    summarySheet(all, options.on),
    byAxisSheet(all, options.on),
    chartsSheet(all, options.on),
    filesSheet(files),
  ];
  return {
    meta: {
      planId: CONSOLIDATION_PLAN_ID,
      planVersion: options.on,
      generator: CONSOLIDATION_GENERATOR,
      generatorVersion: options.generatorVersion,
      fingerprint: fingerprint(files.map((f) => f.file).join("\u0000")),
      partner: null,
    },
    styles: STYLES,
    sheets,
    names: [],
    planJson: "",
  };
}
