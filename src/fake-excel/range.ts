/** Imitates Office.js's Range: values, formulas, number formats, hyperlinks, derived ranges. */
import {
  fullAddress,
  MAX_COLUMNS,
  MAX_ROWS,
  parseLocal,
  rectSize,
  splitSheet,
  type Rect,
} from "./address";
import { accessDenied, invalidArgument, invalidOperation, notImplemented } from "./errors";
import {
  cellKey,
  emptyCell,
  keyCol,
  keyRow,
  parseInput,
  type CellFormat,
  type CellState,
  type SheetState,
} from "./state";
import type { RangeHyperlinkLike, RangeLike } from "../office/excelApi";
import { bool, FakeObject, oneOf, type Host, type Readers } from "./core";
import { findSheet } from "./workbook";
import { checkSheetLive } from "./worksheet";
import { FakeRangeFormat } from "./format";
import { FakeConditionalFormatCollection, FakeDataValidation } from "./rules";

// ---------------------------------------------------------------------------------------------
// Ranges

export interface RangeRef {
  readonly sheet: SheetState;
  readonly rect: Rect;
}

export const MAX_CELL_WRITES = 2_000_000;

function* cellsIn(
  sheet: SheetState,
  rect: Rect,
  location: string,
  create: boolean
): Generator<[number, number, CellState]> {
  const { rows, columns } = rectSize(rect);
  if (create && rows * columns > MAX_CELL_WRITES)
    throw notImplemented(
      location,
      "cell-by-cell writes on more than 2 000 000 cells (whole rows or columns)"
    );
  if (!create && rows * columns > MAX_CELL_WRITES) {
    for (const [key, cell] of sheet.cells) {
      const r = keyRow(key);
      const c = keyCol(key);
      if (r >= rect.r0 && r <= rect.r1 && c >= rect.c0 && c <= rect.c1) yield [r, c, cell];
    }
    return;
  }
  for (let r = rect.r0; r <= rect.r1; r++)
    for (let c = rect.c0; c <= rect.c1; c++) {
      const key = cellKey(r, c);
      let cell = sheet.cells.get(key);
      if (!cell) {
        if (!create) continue;
        cell = emptyCell();
        sheet.cells.set(key, cell);
      }
      yield [r, c, cell];
    }
}

export function cellAt(sheet: SheetState, r: number, c: number): CellState | undefined {
  return sheet.cells.get(cellKey(r, c));
}

/** A uniform property of a range's cells, or null when they differ (as Office.js reads them). */
export function uniform<V>(ref: RangeRef, pick: (cell: CellState | undefined) => V): V | null {
  const { rows, columns } = rectSize(ref.rect);
  let first: { v: V } | null = null;
  if (rows * columns > MAX_CELL_WRITES) {
    first = { v: pick(undefined) };
    for (const [, , cell] of cellsIn(ref.sheet, ref.rect, "uniform", false)) {
      if (JSON.stringify(pick(cell)) !== JSON.stringify(first.v)) return null;
    }
    return first.v;
  }
  for (let r = ref.rect.r0; r <= ref.rect.r1; r++)
    for (let c = ref.rect.c0; c <= ref.rect.c1; c++) {
      const v = pick(cellAt(ref.sheet, r, c));
      if (!first) first = { v };
      else if (JSON.stringify(v) !== JSON.stringify(first.v)) return null;
    }
  return first ? first.v : null;
}

export function assertContentEditable(ref: RangeRef, location: string): void {
  if (!ref.sheet.protection.protected) return;
  for (let r = ref.rect.r0; r <= Math.min(ref.rect.r1, ref.rect.r0 + 1_048_575); r++)
    for (let c = ref.rect.c0; c <= ref.rect.c1; c++) {
      const locked = cellAt(ref.sheet, r, c)?.format.locked ?? true;
      if (locked)
        throw accessDenied(
          location,
          `${fullAddress(ref.sheet.name, { r0: r, c0: c, r1: r, c1: c })} is locked`
        );
    }
}

export function assertFormatEditable(ref: RangeRef, location: string, allow: string): void {
  const p = ref.sheet.protection;
  if (p.protected && p.options[allow] !== true)
    throw accessDenied(location, `the sheet is protected (${allow} not allowed)`);
}

export function assertMatrix(location: string, value: unknown, rect: Rect): unknown[][] {
  const { rows, columns } = rectSize(rect);
  if (!Array.isArray(value) || !value.every((row) => Array.isArray(row)))
    throw invalidArgument(location, "a 2-D array is expected");
  const matrix = value as unknown[][];
  if (matrix.some((row) => row.length !== (matrix[0]?.length ?? 0)))
    throw invalidArgument(location, "the 2-D array is not rectangular");
  if (matrix.length !== rows || (matrix[0]?.length ?? 0) !== columns)
    throw invalidArgument(
      location,
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${matrix.length}×${matrix[0]?.length ?? 0} for ${rows}×${columns})`
    );
  return matrix;
}

/** Writes inputs through `values` or `formulas`, interpreted as Excel interprets typed input. */
export function writeInputs(ref: RangeRef, matrix: unknown[][], location: string): void {
  matrix.forEach((line, i) =>
    line.forEach((input, j) => {
      const r = ref.rect.r0 + i;
      const c = ref.rect.c0 + j;
      const existing = cellAt(ref.sheet, r, c);
      const parsed = parseInput(input, existing?.numberFormat ?? "General");
      if (parsed.kind === "unchanged") return;
      if (parsed.kind === "invalid")
        throw invalidArgument(location, `${parsed.reason} at row ${i + 1}, column ${j + 1}`);
      const cell = existing ?? emptyCell();
      if (!existing) ref.sheet.cells.set(cellKey(r, c), cell);
      cell.quotePrefix = false;
      if (parsed.kind === "clear") {
        cell.value = null;
        cell.formula = null;
      } else if (parsed.kind === "formula") {
        cell.value = null;
        cell.formula = parsed.formula;
      } else {
        cell.value = parsed.value;
        cell.formula = null;
        cell.quotePrefix = parsed.quotePrefix;
      }
    })
  );
}

export function updateFormat(
  ref: RangeRef,
  location: string,
  patch: (f: CellFormat, r: number, c: number) => CellFormat
): void {
  for (const [r, c, cell] of cellsIn(ref.sheet, ref.rect, location, true))
    cell.format = patch(cell.format, r, c);
}

export class FakeRange extends FakeObject<RangeRef> implements RangeLike {
  protected readonly typeName = "Range";
  private formatProxy: FakeRangeFormat | null = null;
  private validationProxy: FakeDataValidation | null = null;
  private cfProxy: FakeConditionalFormatCollection | null = null;

  private get host(): Host {
    return this.ctx.host;
  }
  protected readers(): Readers<RangeRef> {
    const fv = this.host.formulaValue;
    return {
      address: (x) => fullAddress(x.sheet.name, x.rect),
      rowCount: (x) => rectSize(x.rect).rows,
      columnCount: (x) => rectSize(x.rect).columns,
      rowIndex: (x) => x.rect.r0,
      columnIndex: (x) => x.rect.c0,
      values: (x) =>
        this.matrix(x, (cell, r, c) => {
          if (!cell) return "";
          if (cell.formula !== null) return fv ? fv(x.sheet.name, r, c, cell.formula) : "";
          return cell.value ?? "";
        }),
      formulas: (x) => this.matrix(x, (cell) => (cell ? (cell.formula ?? cell.value ?? "") : "")),
      numberFormat: (x) => this.matrix(x, (cell) => cell?.numberFormat ?? "General"),
      text: (x) =>
        this.matrix(x, (cell) => {
          if (!cell || cell.formula !== null || cell.value === null) return "";
          if (typeof cell.value === "boolean") return cell.value ? "TRUE" : "FALSE";
          return String(cell.value);
        }),
      columnHidden: (x) => {
        for (let c = x.rect.c0; c <= Math.min(x.rect.c1, x.rect.c0 + 16383); c++)
          if (!x.sheet.columns.get(c)?.hidden) return false;
        return true;
      },
      hyperlink: (x) => {
        const h = cellAt(x.sheet, x.rect.r0, x.rect.c0)?.hyperlink;
        return h ? { ...h } : {};
      },
    };
  }
  private matrix<V>(
    x: RangeRef,
    pick: (cell: CellState | undefined, r: number, c: number) => V
  ): V[][] {
    const { rows, columns } = rectSize(x.rect);
    if (rows * columns > MAX_CELL_WRITES)
      throw invalidArgument("Range.load", "the range is too large to load");
    const out: V[][] = [];
    for (let r = x.rect.r0; r <= x.rect.r1; r++) {
      const line: V[] = [];
      for (let c = x.rect.c0; c <= x.rect.c1; c++) line.push(pick(cellAt(x.sheet, r, c), r, c));
      out.push(line);
    }
    return out;
  }
  protected override child(name: string): FakeObject<unknown> | null {
    if (name === "format") return this.format as FakeObject<unknown>;
    return null;
  }
  private live(location: string): RangeRef {
    const ref = this.resolve(location);
    checkSheetLive(ref.sheet, location);
    return ref;
  }

  get address(): string {
    return this.read("address");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get text(): string[][] {
    return this.read("text");
  }
  get values(): unknown[][] {
    return this.read("values");
  }
  set values(value: unknown[][]) {
    this.write("values", value, () => {
      const location = "Range.values";
      const ref = this.live(location);
      const matrix = assertMatrix(location, value, ref.rect);
      assertContentEditable(ref, location);
      writeInputs(ref, matrix, location);
    });
  }
  get formulas(): unknown[][] {
    return this.read("formulas");
  }
  set formulas(value: unknown[][]) {
    this.write("formulas", value, () => {
      const location = "Range.formulas";
      const ref = this.live(location);
      const matrix = assertMatrix(location, value, ref.rect);
      assertContentEditable(ref, location);
      writeInputs(ref, matrix, location);
    });
  }
  get numberFormat(): unknown[][] {
    return this.read("numberFormat");
  }
  set numberFormat(value: unknown[][]) {
    this.write("numberFormat", value, () => {
      const location = "Range.numberFormat";
      const ref = this.live(location);
      const matrix = assertMatrix(location, value, ref.rect);
      assertFormatEditable(ref, location, "allowFormatCells");
      matrix.forEach((line, i) =>
        line.forEach((f, j) => {
          if (f === null || f === undefined) return;
          if (typeof f !== "string" || f === "")
            throw invalidArgument(location, "a number format is a non-empty string");
          const key = cellKey(ref.rect.r0 + i, ref.rect.c0 + j);
          let cell = ref.sheet.cells.get(key);
          if (!cell) {
            cell = emptyCell();
            ref.sheet.cells.set(key, cell);
          }
          cell.numberFormat = f;
        })
      );
    });
  }
  get columnHidden(): boolean {
    return this.read("columnHidden");
  }
  set columnHidden(value: boolean) {
    this.write("columnHidden", value, () => {
      const location = "Range.columnHidden";
      const ref = this.live(location);
      bool(location, value);
      assertFormatEditable(ref, location, "allowFormatColumns");
      for (let c = ref.rect.c0; c <= ref.rect.c1; c++) {
        const col = ref.sheet.columns.get(c) ?? {};
        col.hidden = value;
        ref.sheet.columns.set(c, col);
      }
    });
  }
  get hyperlink(): RangeHyperlinkLike {
    return this.read("hyperlink");
  }
  set hyperlink(value: RangeHyperlinkLike) {
    this.write("hyperlink", value, () => {
      const location = "Range.hyperlink";
      const ref = this.live(location);
      if (typeof value !== "object" || value === null)
        throw invalidArgument(location, "a hyperlink object is expected");
      if (!value.address && !value.documentReference)
        throw invalidArgument(location, "address or documentReference is required");
      if (value.documentReference) {
        const { sheet, local } = splitSheet(value.documentReference);
        if (sheet === null || !findSheet(this.host.state, sheet) || !parseLocal(local))
          throw invalidArgument(
            location,
            `invalid document reference '${value.documentReference}'`
          );
      }
      assertContentEditable(ref, location);
      for (const [, , cell] of cellsIn(ref.sheet, ref.rect, location, true)) {
        cell.hyperlink = {
          documentReference: value.documentReference ?? null,
          address: value.address ?? null,
          textToDisplay: value.textToDisplay ?? null,
        };
        if (value.textToDisplay !== undefined) {
          cell.value = value.textToDisplay;
          cell.formula = null;
        }
      }
    });
  }
  get format(): FakeRangeFormat {
    this.formatProxy ??= new FakeRangeFormat(this.ctx, () => this.live("Range.format"));
    return this.formatProxy;
  }
  get dataValidation(): FakeDataValidation {
    this.validationProxy ??= new FakeDataValidation(this.ctx, () =>
      this.live("Range.dataValidation")
    );
    return this.validationProxy;
  }
  get conditionalFormats(): FakeConditionalFormatCollection {
    this.cfProxy ??= new FakeConditionalFormatCollection(this.ctx, this);
    return this.cfProxy;
  }
  private derived(method: string, args: unknown[], make: (ref: RangeRef) => Rect): FakeRange {
    return new FakeRange(
      this.ctx,
      () => {
        const location = `Range.${method}`;
        const ref = this.live(location);
        const rect = make(ref);
        if (
          rect.r0 < 0 ||
          rect.c0 < 0 ||
          rect.r1 >= MAX_ROWS ||
          rect.c1 >= MAX_COLUMNS ||
          rect.r1 < rect.r0 ||
          rect.c1 < rect.c0
        )
          throw invalidArgument(location, "the resulting range is outside the sheet");
        return { sheet: ref.sheet, rect };
      },
      { method: `Range.${method}`, args, parent: this._id }
    );
  }
  getCell(row: number, column: number): FakeRange {
    return this.derived("getCell", [row, column], (ref) => ({
      r0: ref.rect.r0 + row,
      c0: ref.rect.c0 + column,
      r1: ref.rect.r0 + row,
      c1: ref.rect.c0 + column,
    }));
  }
  getRow(row: number): FakeRange {
    return this.derived("getRow", [row], (ref) => ({
      ...ref.rect,
      r0: ref.rect.r0 + row,
      r1: ref.rect.r0 + row,
    }));
  }
  /** The smallest range holding this one and `other` (the real client uses it to send large arrays in chunks). */
  getBoundingRect(other: FakeRange | string): FakeRange {
    return this.derived("getBoundingRect", [typeof other === "string" ? other : null], (ref) => {
      const location = "Range.getBoundingRect";
      let rect: Rect;
      if (typeof other === "string") {
        const parsed = parseLocal(splitSheet(other).local);
        if (!parsed) throw invalidArgument(location, `invalid address '${other}'`);
        rect = parsed;
      } else {
        const o = other.live(location);
        if (o.sheet !== ref.sheet)
          throw invalidArgument(location, "the ranges are on different sheets");
        rect = o.rect;
      }
      return {
        r0: Math.min(ref.rect.r0, rect.r0),
        c0: Math.min(ref.rect.c0, rect.c0),
        r1: Math.max(ref.rect.r1, rect.r1),
        c1: Math.max(ref.rect.c1, rect.c1),
      };
    });
  }
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derived("getResizedRange", [deltaRows, deltaColumns], (ref) => ({
      ...ref.rect,
      r1: ref.rect.r1 + deltaRows,
      c1: ref.rect.c1 + deltaColumns,
    }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.derived("getOffsetRange", [rowOffset, columnOffset], (ref) => ({
      r0: ref.rect.r0 + rowOffset,
      c0: ref.rect.c0 + columnOffset,
      r1: ref.rect.r1 + rowOffset,
      c1: ref.rect.c1 + columnOffset,
    }));
  }
  group(groupOption: "ByRows" | "ByColumns"): void {
    this.call("group", [groupOption], () => {
      const location = "Range.group";
      const ref = this.live(location);
      const option = oneOf(location, groupOption, ["ByRows", "ByColumns"]);
      if (ref.sheet.protection.protected) throw accessDenied(location, "the sheet is protected");
      if (option === "ByColumns") {
        for (let c = ref.rect.c0; c <= ref.rect.c1; c++) {
          const col = ref.sheet.columns.get(c) ?? {};
          col.outlineLevel = (col.outlineLevel ?? 0) + 1;
          if (col.outlineLevel > 8) throw invalidOperation(location, "at most 8 outline levels");
          ref.sheet.columns.set(c, col);
        }
      } else {
        for (let r = ref.rect.r0; r <= ref.rect.r1; r++) {
          const row = ref.sheet.rows.get(r) ?? {};
          row.outlineLevel = (row.outlineLevel ?? 0) + 1;
          if (row.outlineLevel > 8) throw invalidOperation(location, "at most 8 outline levels");
          ref.sheet.rows.set(r, row);
        }
      }
    });
  }
  select(): void {
    const state = this.host.state;
    this.call("select", [], () => {
      const ref = this.live("Range.select");
      if (ref.sheet.visibility !== "Visible")
        throw invalidOperation("Range.select", "the sheet is hidden");
      state.activeSheetId = ref.sheet.id;
      state.selection = { sheetId: ref.sheet.id, rect: ref.rect };
    });
  }
}
