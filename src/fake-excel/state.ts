/**
 * The state of the fake's workbook: what Excel would hold after the requests it received. Plain data,
 * mutated only when a request is synced (src/fake-excel/fake.ts) or by `userEdit` (a simulated user).
 */
import type { Rect } from "./address";
import { isoToSerial } from "../domain/workbook/units";

export type ScalarValue = string | number | boolean;

export interface BorderSide {
  readonly style: string;
  readonly color: string;
  readonly weight: string;
}

export interface CellFormat {
  readonly fill: string | null;
  readonly bold: boolean;
  readonly italic: boolean;
  readonly fontColor: string;
  readonly fontSize: number;
  readonly fontName: string;
  readonly underline: string;
  readonly wrapText: boolean;
  readonly horizontal: string;
  readonly vertical: string;
  readonly locked: boolean;
  readonly borderTop: BorderSide | null;
  readonly borderBottom: BorderSide | null;
  readonly borderLeft: BorderSide | null;
  readonly borderRight: BorderSide | null;
}

export const DEFAULT_FORMAT: CellFormat = Object.freeze({
  fill: null,
  bold: false,
  italic: false,
  fontColor: "#000000",
  fontSize: 11,
  fontName: "Calibri",
  underline: "None",
  wrapText: false,
  horizontal: "General",
  vertical: "Bottom",
  locked: true,
  borderTop: null,
  borderBottom: null,
  borderLeft: null,
  borderRight: null,
});

export interface CellState {
  /** The constant of the cell (null when empty or a formula). */
  value: ScalarValue | null;
  /** The formula with its leading `=`, or null. */
  formula: string | null;
  numberFormat: string;
  /** Text entered with a leading apostrophe (Excel's "quote prefix"). */
  quotePrefix: boolean;
  format: CellFormat;
  hyperlink: {
    documentReference: string | null;
    address: string | null;
    textToDisplay: string | null;
  } | null;
}

export interface ColumnState {
  width?: number;
  hidden?: boolean;
  outlineLevel?: number;
}

export interface RowState {
  height?: number;
  hidden?: boolean;
  outlineLevel?: number;
}

export interface TableState {
  id: string;
  name: string;
  rect: Rect;
  style: string;
  showFilterButton: boolean;
  showBandedRows: boolean;
  headers: string[];
}

export interface ValidationState {
  rect: Rect;
  rule: Record<string, unknown> | null;
  prompt: { showPrompt: boolean; title: string; message: string } | null;
  errorAlert: { showAlert: boolean; style: string; title: string; message: string } | null;
  ignoreBlanks: boolean;
}

export interface ConditionalFormatState {
  id: string;
  type: "Custom" | "DataBar";
  rect: Rect;
  priority: number;
  formula: string | null;
  fill: string | null;
  fontColor: string | null;
  bold: boolean | null;
  barColor: string | null;
  gradientFill: boolean | null;
  lowerBound: { type: string; formula?: string } | null;
  upperBound: { type: string; formula?: string } | null;
}

/** A series of a chart: its name and values as Excel read them from the source, its fill. */
export interface ChartSeriesState {
  name: string;
  /** The cells of its values (one column of the source, or one row). */
  values: Rect;
  /** `#RRGGBB` set by `format.fill.setSolidColor`, or null (Excel's automatic colour). */
  fill: string | null;
  /** `#RRGGBB` set by `format.line.color`, or null (automatic). */
  line: string | null;
}

export interface ChartAxisState {
  numberFormat: string;
  /** Null: automatic. */
  minimum: number | null;
  maximum: number | null;
}

/** A chart on a sheet (Office.js `Chart`): drawn from a block of cells of the same sheet. */
export interface ChartState {
  id: string;
  name: string;
  /** An `Excel.ChartType` name (`BarStacked`, `ColumnClustered`...). */
  type: string;
  source: Rect;
  seriesBy: "Auto" | "Columns" | "Rows";
  title: { text: string; visible: boolean };
  /** Position and size in points. */
  top: number;
  left: number;
  width: number;
  height: number;
  /** The cells `setPosition` was given (rows and columns from 0), or null when placed in points. */
  anchor: { from: { row: number; col: number }; to: { row: number; col: number } | null } | null;
  series: ChartSeriesState[];
  valueAxis: ChartAxisState;
  categoryAxis: ChartAxisState;
  legend: { position: string; visible: boolean };
}

export interface ProtectionState {
  protected: boolean;
  options: Readonly<Record<string, boolean>>;
  password: string | null;
}

export interface ChangedArgs {
  readonly address: string;
  readonly worksheetId: string;
  readonly changeType: string;
  readonly source: string;
  readonly type: string;
}

export interface SheetState {
  id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  tabColor: string;
  deleted: boolean;
  cells: Map<number, CellState>;
  columns: Map<number, ColumnState>;
  rows: Map<number, RowState>;
  tables: TableState[];
  validations: ValidationState[];
  conditionalFormats: ConditionalFormatState[];
  charts: ChartState[];
  protection: ProtectionState;
  frozen: { rows: number; columns: number } | null;
  /**
   * Print setup: orientation, fit to one page wide, rows repeated on each page (`$4:$4`), paper, the
   * margins set (points, by name: `leftMargin`...), the print area (`A1:X40`).
   */
  print: {
    orientation: "Portrait" | "Landscape" | null;
    fitToWidth: boolean;
    titleRows: string | null;
    paperSize?: string;
    margins?: Record<string, number>;
    area?: string;
    /** Manual page breaks: the rows (0-based) that start a page, ascending. */
    rowBreaks?: number[];
  };
  onChanged: Array<(args: ChangedArgs) => Promise<unknown>>;
}

export interface NameState {
  name: string;
  formula: string;
  comment: string;
}

export interface XmlPartState {
  id: string;
  namespaceUri: string;
  xml: string;
}

export interface WorkbookState {
  sheets: SheetState[];
  names: NameState[];
  customXmlParts: XmlPartState[];
  calculationMode: "Automatic" | "AutomaticExceptTables" | "Manual";
  /** How many requests ran with screen updating suspended; how many full recalculations were asked. */
  screenUpdatingSuspendedSyncs: number;
  calculations: number;
  activeSheetId: string | null;
  selection: { sheetId: string; rect: Rect } | null;
  structureProtected: boolean;
  nextId: number;
}

/** Cells are keyed by row * 16384 + column. */
export function cellKey(row: number, col: number): number {
  return row * 16384 + col;
}

export function keyRow(key: number): number {
  return Math.floor(key / 16384);
}

export function keyCol(key: number): number {
  return key % 16384;
}

export function newSheet(wb: WorkbookState, name: string): SheetState {
  return {
    id: `{${(wb.nextId++).toString(16).padStart(8, "0")}-0000-4000-8000-000000000000}`,
    name,
    visibility: "Visible",
    tabColor: "",
    deleted: false,
    cells: new Map(),
    columns: new Map(),
    rows: new Map(),
    tables: [],
    validations: [],
    conditionalFormats: [],
    charts: [],
    protection: { protected: false, options: {}, password: null },
    frozen: null,
    print: { orientation: null, fitToWidth: false, titleRows: null },
    onChanged: [],
  };
}

export function emptyCell(): CellState {
  return {
    value: null,
    formula: null,
    numberFormat: "General",
    quotePrefix: false,
    format: DEFAULT_FORMAT,
    hyperlink: null,
  };
}

export function isDefaultCell(cell: CellState): boolean {
  return (
    cell.value === null &&
    cell.formula === null &&
    cell.numberFormat === "General" &&
    cell.format === DEFAULT_FORMAT &&
    cell.hyperlink === null
  );
}

export { isoToSerial };

export type ParsedInput =
  | { readonly kind: "unchanged" }
  | { readonly kind: "clear" }
  | { readonly kind: "value"; readonly value: ScalarValue; readonly quotePrefix: boolean }
  | { readonly kind: "formula"; readonly formula: string }
  | { readonly kind: "invalid"; readonly reason: string };

/**
 * What Excel makes of one input written through `values` or `formulas` (like typing it in a cell):
 * `null` leaves the cell unchanged, `""` clears it; a string starting with `'` is text (the apostrophe
 * is Excel's quote prefix, not part of the value); in a cell formatted as text (`@`) any other string
 * is text as typed; otherwise a string starting with `=`, or with `+`, `-`, `@` and not a number, is
 * a FORMULA, a number-like string (`12`, `-3`, `12.5`, `45%`, `1e3`) becomes a number, `TRUE` and
 * `FALSE` booleans, an ISO date (`2023-03-01`) a date serial; anything else is text.
 */
export function parseInput(input: unknown, numberFormat: string): ParsedInput {
  if (input === null || input === undefined) return { kind: "unchanged" };
  if (typeof input === "number") {
    if (!Number.isFinite(input)) return { kind: "invalid", reason: "non-finite number" };
    return { kind: "value", value: input, quotePrefix: false };
  }
  if (typeof input === "boolean") return { kind: "value", value: input, quotePrefix: false };
  if (typeof input !== "string")
    return { kind: "invalid", reason: `unsupported value ${typeof input}` };
  if (input === "") return { kind: "clear" };
  if (input.startsWith("'")) return { kind: "value", value: input.slice(1), quotePrefix: true };
  if (numberFormat === "@") return { kind: "value", value: input, quotePrefix: false };
  const trimmed = input.trim();
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?%?$/i.test(trimmed)) {
    const percent = trimmed.endsWith("%");
    const n = Number(percent ? trimmed.slice(0, -1) : trimmed);
    return { kind: "value", value: percent ? n / 100 : n, quotePrefix: false };
  }
  if (/^(true|false)$/i.test(trimmed)) {
    return { kind: "value", value: trimmed.toLowerCase() === "true", quotePrefix: false };
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) {
    return { kind: "value", value: isoToSerial(trimmed), quotePrefix: false };
  }
  if (input.startsWith("=")) {
    const problem = formulaProblem(input);
    return problem ? { kind: "invalid", reason: problem } : { kind: "formula", formula: input };
  }
  if (/^[+\-@]/.test(input)) {
    // Excel reads `+x`, `-x` and `@x` as the formulas `=+x`, `=-x`, `=@x`.
    const f = `=${input}`;
    const problem = formulaProblem(f);
    return problem ? { kind: "invalid", reason: problem } : { kind: "formula", formula: f };
  }
  return { kind: "value", value: input, quotePrefix: false };
}

/** A light syntax check of a formula (quotes and parentheses balanced, something after `=`). */
export function formulaProblem(formula: string): string | null {
  if (formula.length > 8192) return "formula longer than 8192 characters";
  const body = formula.slice(1);
  if (body.trim() === "") return "empty formula";
  let depth = 0;
  let inString = false;
  let inSheet = false;
  for (const ch of body) {
    if (inString) {
      if (ch === '"') inString = false;
      continue;
    }
    if (inSheet) {
      if (ch === "'") inSheet = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === "'") inSheet = true;
    else if (ch === "(") depth++;
    else if (ch === ")") {
      depth--;
      if (depth < 0) return "unbalanced parentheses";
    }
  }
  if (inString) return "unterminated string";
  if (inSheet) return "unterminated sheet name";
  if (depth !== 0) return "unbalanced parentheses";
  return null;
}
