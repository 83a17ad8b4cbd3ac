/**
 * The host-agnostic workbook model: plain, serialisable data built by pure functions from a plan.
 * The `.xlsx` adapter (exceljs) and the Office.js adapter render it; neither adds business logic:
 * if a rule matters, it is here.
 */

/** Named cell styles; the adapters map each to fonts, fills, borders and alignment. */
export const STYLE_NAMES = [
  "title",
  "subtitle",
  "heading",
  "header",
  "text",
  "textWrap",
  "input",
  "inputWrap",
  "computed",
  "status",
  "link",
  "note",
  "legendInput",
  "legendComputed",
  "gantt",
] as const;
export type StyleName = (typeof STYLE_NAMES)[number];

export interface CellStyle {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly size?: number;
  /** Font colour, `RRGGBB`. */
  readonly color?: string;
  /** Fill colour, `RRGGBB`. */
  readonly fill?: string;
  readonly border?: "thin" | "none";
  readonly wrap?: boolean;
  readonly vertical?: "top" | "middle";
  readonly horizontal?: "left" | "center" | "right";
  readonly underline?: boolean;
  /** Cells of this style are left unlocked when the sheet is protected. */
  readonly unlocked?: boolean;
}

/**
 * Number formats, as Excel format codes: separators in a code are always `,` (thousands) and `.`
 * (decimal); a French Excel or Calc shows them as `1 250` and `12,5`. Percentages keep the French
 * space before `%` (`20 %`).
 */
export const NUMBER_FORMATS = {
  integer: "#,##0",
  /**
   * Count entries: a number shown as typed (`12,5` stays `12,5`, where `#,##0` showed `13` beside
   * « Saisie invalide »), the same in Excel and Calc. No thousands separator (`1250`): no format
   * code shows both `1 250` and `12,5` without a trailing comma on whole numbers (`#,##0.##` shows
   * `12,`), and a conditional section (`[>=1000]#,##0;General`) hides a negative number's sign.
   */
  count: "General",
  decimal: "General",
  percent: "0 %",
  percentDecimal: "0.0 %",
  date: "dd/mm/yyyy",
  shortDate: "dd/mm/yy",
  monthYear: "mm/yy",
  text: "@",
  /** A change since a frozen bilan: `+3`, `-1`, `0`. */
  signed: "+0;-0;0",
  /** A change of a rate, in points: `+5 %`. */
  signedPercent: "+0 %;-0 %;0 %",
} as const;
export type NumberFormatName = keyof typeof NUMBER_FORMATS;

/**
 * A cell's content. Text is always text: an adapter writes `text` so that it can never become a
 * formula, even when it starts with `=`, `+`, `-` or `@`. Formulas are the generator's own, or a
 * user's formula read from a formula element of a file (an entry, `entries.ts`), written back with
 * its last computed value (`cached`, when the file had one) so that a reader sees it before any
 * recalculation.
 */
export type CellValue =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "date"; readonly iso: string }
  | { readonly kind: "boolean"; readonly value: boolean }
  | {
      readonly kind: "formula";
      readonly formula: string;
      readonly cached?: number | string | boolean;
    }
  | { readonly kind: "link"; readonly text: string; readonly sheet: string; readonly cell: string };

export interface Cell {
  readonly value: CellValue | null;
  readonly style?: StyleName;
  readonly format?: NumberFormatName;
}

export interface ColumnSpec {
  readonly width: number;
  /** Hidden in an outline group: the user expands it with the `+` above the columns. */
  readonly hidden?: boolean;
}

/** An Excel table (a real table object): its range starts at `top`/`left` and spans header + rows. */
export interface TableModel {
  readonly name: string;
  readonly top: number;
  readonly left: number;
  readonly columns: readonly string[];
  readonly rowCount: number;
  readonly style: string;
}

export type ValidationRule =
  | { readonly kind: "whole"; readonly min: number; readonly max?: number }
  | { readonly kind: "decimal"; readonly min: number; readonly max?: number }
  | { readonly kind: "list"; readonly source: string }
  | { readonly kind: "date" };

export interface DataValidation {
  /** A1 range on the sheet, e.g. `R2:V40`. */
  readonly range: string;
  readonly rule: ValidationRule;
  readonly promptTitle: string;
  readonly prompt: string;
  readonly errorTitle: string;
  readonly error: string;
  /** `warning`: the user is warned and may keep a plausible value; `stop`: refused. */
  readonly alert: "stop" | "warning" | "information";
  readonly allowBlank: boolean;
}

export interface ConditionalFormat {
  readonly range: string;
  /** A formula relative to the top-left cell of `range` (A1 style, without `=`). */
  readonly formula: string;
  readonly fill: string;
  readonly color?: string;
  readonly bold?: boolean;
  readonly priority: number;
}

export interface DataBar {
  readonly range: string;
  readonly color: string;
}

export interface SheetProtection {
  readonly enabled: boolean;
  /** What a user may still do on a protected sheet. */
  readonly allowFormatColumns: boolean;
  readonly allowSort: boolean;
  readonly allowAutoFilter: boolean;
}

/**
 * How a sheet prints. Always on A4 (French administrations print on A4): both renderers set it.
 */
export interface PrintSetup {
  readonly orientation: "landscape" | "portrait";
  /** Fitted to one page wide, as many pages high as needed. */
  readonly fitToWidth: boolean;
  /** Rows repeated at the top of each printed page, e.g. `1:1`. */
  readonly repeatRows: string | null;
  /**
   * The range printed (A1, without the sheet, e.g. `A1:AD60`); the whole sheet when absent. The
   * columns right of it (folded statuses, sources) are not printed and do not shrink the page.
   */
  readonly area?: string;
  /** Excel's « Étroites » margins (0,25" left and right, 0,75" top and bottom) rather than the normal ones. */
  readonly narrowMargins?: boolean;
  /** Rows (0-based, ascending) that start a new printed page: manual page breaks above them. */
  readonly rowBreaks?: readonly number[];
}

/** Chart types, as the Office.js `Excel.ChartType` names them (the `.xlsx` writer maps them to DrawingML). */
export const CHART_TYPES = [
  "BarStacked",
  "BarClustered",
  "ColumnStacked",
  "ColumnClustered",
  "Line",
] as const;
export type ChartType = (typeof CHART_TYPES)[number];

/**
 * A native chart on a sheet, drawn from a block of cells of the same sheet: the first row of `source`
 * holds the series' names, its first column the categories, each other column one series (Office.js's
 * `charts.add(type, range, "Columns")`). Rows and columns from 0.
 */
export interface ChartModel {
  /** Unique on the sheet; Office.js's chart name. */
  readonly name: string;
  /** The title shown above the chart (French). */
  readonly title: string;
  readonly type: ChartType;
  /** A1 range on the same sheet, without the sheet name, e.g. `B5:F9`. */
  readonly source: string;
  /** One fill colour per series (`RRGGBB`), in the order of the source's columns. */
  readonly colors: readonly string[];
  /** The value axis shows percentages from 0 to 1 (a reporting rate). */
  readonly percent?: boolean;
  /** The chart's frame: its top-left cell and the cell just past its bottom-right corner. */
  readonly from: { readonly row: number; readonly col: number };
  readonly to: { readonly row: number; readonly col: number };
}

export interface SheetModel {
  readonly name: string;
  /** Dense grid from A1: `cells[row][col]`, rows and columns from 0. */
  readonly cells: ReadonlyArray<ReadonlyArray<Cell | null>>;
  readonly columns: readonly ColumnSpec[];
  readonly rowHeights: Readonly<Record<number, number>>;
  readonly tables: readonly TableModel[];
  readonly validations: readonly DataValidation[];
  readonly conditionalFormats: readonly ConditionalFormat[];
  readonly dataBars: readonly DataBar[];
  readonly frozen: { readonly rows: number; readonly columns: number } | null;
  readonly protection: SheetProtection | null;
  readonly print: PrintSetup;
  readonly tabColor: string | null;
  /** Notes (comments) a user put on the sheet's cells, carried over by a rebuild (`notes.ts`). */
  readonly notes?: readonly CellNote[];
  /** Native charts drawn on the sheet. */
  readonly charts?: readonly ChartModel[];
}

/** A note (an Excel comment) on a cell, rows and columns from 0. */
export interface CellNote {
  readonly row: number;
  readonly col: number;
  readonly author: string;
  readonly text: string;
}

export interface NamedRange {
  readonly name: string;
  /** Absolute reference with sheet, e.g. `'Paramètres'!$B$2`. */
  readonly ref: string;
}

export interface WorkbookMeta {
  readonly planId: string;
  readonly planVersion: string;
  readonly generator: string;
  readonly generatorVersion: string;
  /** A fingerprint of the workbook's structure (sheets, ids, input columns), to detect altered copies. */
  readonly fingerprint: string;
  readonly partner: string | null;
}

export interface WorkbookModel {
  readonly meta: WorkbookMeta;
  readonly styles: Readonly<Record<StyleName, CellStyle>>;
  readonly sheets: readonly SheetModel[];
  readonly names: readonly NamedRange[];
  /**
   * The plan the workbook was built from, as JSON, stored with the metadata: `ctg merge` and
   * `ctg refresh` rebuild the workbook's structure from it (to check returns, to keep entries).
   */
  readonly planJson: string;
  /**
   * A partner's workbook: the entries it was sent, as JSON (`src/domain/workbook/base.ts`), the base of
   * the three-way merge of its return. Absent from a master.
   */
  readonly baseJson?: string;
}
