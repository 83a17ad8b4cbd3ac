import { EXCEL_CELL_LIMIT } from "../plan/schema";
import type {
  Cell,
  CellValue,
  ColumnSpec,
  ConditionalFormat,
  DataBar,
  DataValidation,
  NumberFormatName,
  PrintSetup,
  SheetModel,
  SheetProtection,
  StyleName,
  TableModel,
} from "./model";

/** `0` -> `A`, `27` -> `AB`. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1 address from 0-based row and column. */
export function a1(row: number, col: number, absolute = false): string {
  return absolute ? `$${columnLetter(col)}$${row + 1}` : `${columnLetter(col)}${row + 1}`;
}

export function range(
  top: number,
  left: number,
  bottom: number,
  right: number,
  absolute = false
): string {
  return `${a1(top, left, absolute)}:${a1(bottom, right, absolute)}`;
}

/** A sheet name quoted for use in a formula or a reference: `'Axe I'`. */
export function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/**
 * A text cell. A text longer than an Excel cell holds (32 767 characters; only an entry or a journal
 * value from a file written by another tool can be) is cut with its end marked: the Archives keep
 * such an entry whole (`update.ts`), and no writer ever produces a cell Excel would refuse.
 */
export const text = (t: string): CellValue => ({
  kind: "text",
  text: t.length > EXCEL_CELL_LIMIT ? fitCellText(t) : t,
});

/** `t` cut to fit a cell with its end marked, never between the two halves of a surrogate pair. */
export function fitCellText(t: string): string {
  const mark = " […]";
  let end = EXCEL_CELL_LIMIT - mark.length;
  if (/[\uDC00-\uDFFF]/.test(t.charAt(end))) end--;
  return t.slice(0, end) + mark;
}
export const num = (v: number): CellValue => ({ kind: "number", value: v });
/**
 * `s` as one flat string. V8 keeps a string built by concatenation as a rope (a tree of its pieces)
 * until something reads its characters: a status formula, built from dozens of pieces, then takes
 * several times the memory of its text, and a model keeps every one (17 M characters at ×10), so
 * those ropes surviving into the old generation made garbage collection most of a build's time.
 * Reading one character flattens the rope in place, while its pieces are still young.
 */
export function flatString(s: string): string {
  void s.charCodeAt(0);
  return s;
}

/** A formula cell (its text flattened: see `flatString`). */
export const formula = (f: string): CellValue => ({ kind: "formula", formula: flatString(f) });
export const date = (iso: string): CellValue => ({ kind: "date", iso });
export const link = (t: string, sheet: string, cell = "A1"): CellValue => ({
  kind: "link",
  text: t,
  sheet,
  cell,
});

/** Escapes a text for use as a string literal inside a formula. */
export function formulaString(t: string): string {
  return `"${t.replace(/"/g, '""')}"`;
}

/** The lines a wrapped text takes in a column `width` characters wide (each of its lines at least one). */
function wrappedLines(content: string, width: number): number {
  let lines = 0;
  for (let start = 0; ;) {
    const end = content.indexOf("\n", start);
    lines += Math.max(1, Math.ceil(((end < 0 ? content.length : end) - start) / width));
    if (end < 0) return lines;
    start = end + 1;
  }
}

/** Lines a text takes wrapped at `width` characters, words kept whole (a word longer than a line is cut). */
function wordWrappedLines(content: string, width: number): number {
  let lines = 1;
  let used = 0;
  for (const word of content.split(/\s+/).filter((w) => w !== "")) {
    const needed = used === 0 ? word.length : used + 1 + word.length;
    if (needed <= width) used = needed;
    else {
      lines += used === 0 ? 0 : 1;
      lines += Math.max(0, Math.ceil(word.length / width) - 1);
      used = word.length % width || Math.min(word.length, width);
    }
  }
  return lines;
}

/** A cell with only the keys that are set (as a spread would give), without a spread per cell. */
function newCell(value: CellValue | null, style?: StyleName, format?: NumberFormatName): Cell {
  return style
    ? format
      ? { value, style, format }
      : { value, style }
    : format
      ? { value, format }
      : { value };
}

/** Cells without a value, by style and format: one object each (cells are immutable values). */
const EMPTY_CELLS = new Map<string, Map<string, Cell>>();

/**
 * The empty cell of a style and format. An axis row has a dozen (its year inputs, comment, source,
 * unused target columns), and a merge at ×10 builds some 14 000 rows: sharing them spares as many
 * objects, which the garbage collector would otherwise copy.
 */
function emptyCell(style?: StyleName, format?: NumberFormatName): Cell {
  let byFormat = EMPTY_CELLS.get(style ?? "");
  if (!byFormat) EMPTY_CELLS.set(style ?? "", (byFormat = new Map()));
  let cell = byFormat.get(format ?? "");
  if (!cell) byFormat.set(format ?? "", (cell = newCell(null, style, format)));
  return cell;
}

/** A cell as `SheetBuilder.set` makes it (for `setCell`: one cell placed in several sheets). */
export function makeCell(
  value: CellValue | null,
  style?: StyleName,
  format?: NumberFormatName
): Cell {
  return value === null ? emptyCell(style, format) : newCell(value, style, format);
}

/** Mutable builder of one sheet; `build()` returns the immutable model. */
export class SheetBuilder {
  private readonly grid: Array<Array<Cell | null>> = [];
  private readonly cols: ColumnSpec[] = [];
  private readonly heights: Record<number, number> = {};
  readonly tables: TableModel[] = [];
  readonly validations: DataValidation[] = [];
  readonly conditionalFormats: ConditionalFormat[] = [];
  readonly dataBars: DataBar[] = [];
  frozen: { rows: number; columns: number } | null = null;
  protection: SheetProtection | null = null;
  print: PrintSetup = { orientation: "landscape", fitToWidth: true, repeatRows: null };
  tabColor: string | null = null;

  constructor(readonly name: string) {}

  set(
    row: number,
    col: number,
    value: CellValue | null,
    style?: StyleName,
    format?: NumberFormatName
  ): void {
    this.setCell(row, col, makeCell(value, style, format));
  }

  /** Sets a cell already made: equal cells may be one object (cells are immutable values). */
  setCell(row: number, col: number, cell: Cell): void {
    while (this.grid.length <= row) this.grid.push([]);
    const line = this.grid[row] as Array<Cell | null>;
    while (line.length <= col) line.push(null);
    line[col] = cell;
  }

  /** Sets a row of cells from `col`, all with the same style. */
  row(row: number, col: number, values: ReadonlyArray<CellValue | null>, style?: StyleName): void {
    values.forEach((v, i) => this.set(row, col + i, v, style));
  }

  width(col: number, width: number, hidden = false): void {
    while (this.cols.length <= col) this.cols.push({ width: 10 });
    this.cols[col] = hidden ? { width, hidden } : { width };
  }

  height(row: number, h: number): void {
    this.heights[row] = h;
  }

  /**
   * Sets each row's height from its wrapped text: spreadsheet applications do not resize rows when
   * they open a file, so the generator estimates the lines each wrapped cell needs.
   */
  fitRowHeights(from: number, lineHeight = 13, maxLines = 12): void {
    for (let r = from; r < this.grid.length; r++) {
      let lines = 1;
      const line = this.grid[r] ?? [];
      for (let c = 0; c < line.length; c++) {
        const cell = line[c];
        const style = cell?.style;
        // A folded column's text does not make its row taller: it is neither shown nor printed.
        if (
          !cell ||
          !cell.value ||
          (style !== "textWrap" && style !== "inputWrap" && style !== "note") ||
          this.cols[c]?.hidden
        )
          continue;
        const content = cell.value.kind === "text" ? cell.value.text : "";
        const width = Math.max(4, (this.cols[c]?.width ?? 10) * 1.3);
        lines = Math.max(lines, wrappedLines(content, width));
      }
      if (lines > 1) this.heights[r] = Math.min(lines, maxLines) * lineHeight + 2;
    }
  }

  /**
   * Makes a header row tall enough for its wrapped titles (« Cibles suivies » in a narrow count
   * column takes two lines): bold text, so fewer characters per line than body text, and words kept
   * whole as Excel and LibreOffice wrap them.
   */
  fitHeaderRow(row: number, lineHeight = 13): void {
    const line = this.grid[row] ?? [];
    let lines = 1;
    for (let c = 0; c < line.length; c++) {
      const cell = line[c];
      if (!cell?.value || cell.value.kind !== "text" || this.cols[c]?.hidden) continue;
      lines = Math.max(lines, wordWrappedLines(cell.value.text, (this.cols[c]?.width ?? 10) * 1.1));
    }
    if (lines > 1) this.heights[row] = Math.max(this.heights[row] ?? 0, lines * lineHeight + 4);
  }

  get rowCount(): number {
    return this.grid.length;
  }

  build(): SheetModel {
    // A loop, not `Math.max(...lengths)`: a journal of 100 000 rows would be as many arguments.
    let width = this.cols.length;
    for (const r of this.grid) width = Math.max(width, r.length);
    const cells = this.grid.map((r) => {
      const line = [...r];
      while (line.length < width) line.push(null);
      return line;
    });
    const columns = [...this.cols];
    while (columns.length < width) columns.push({ width: 10 });
    return {
      name: this.name,
      cells,
      columns,
      rowHeights: { ...this.heights },
      tables: [...this.tables],
      validations: [...this.validations],
      conditionalFormats: [...this.conditionalFormats],
      dataBars: [...this.dataBars],
      frozen: this.frozen,
      protection: this.protection,
      print: this.print,
      tabColor: this.tabColor,
    };
  }
}

/** Sheet protection used everywhere: no password (it prevents accidents, not people). */
export const PROTECTED: SheetProtection = {
  enabled: true,
  allowFormatColumns: true,
  allowSort: false,
  allowAutoFilter: true,
};
