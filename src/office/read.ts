/**
 * Reading the open workbook back: the metadata, the axis sheets as `PlainSheet`s (what `ctg check`
 * reads from a file), and the entries to keep when the workbook is regenerated.
 */
import type { RawEntry } from "../domain/engine/types";
import { AXIS_HEADER_ROW } from "../domain/workbook/axisSheet";
import type { PlainSheet } from "../domain/workbook/check";
import type { SheetModel, WorkbookModel } from "../domain/workbook/model";
import { PARAMS, PARAMS_SHEET } from "../domain/workbook/paramsSheet";
import {
  DIFFERENCES_SHEET,
  SCHEDULE_HEADER_ROW,
  SCHEDULE_SHEET,
} from "../domain/workbook/recapSheets";
import { plainValue, sameAsModel, serialToIso } from "./cells";
import type { RangeLike, RequestContextLike } from "./excelApi";
import { META_NAMESPACE, META_SHEET, parseMetaRows, parseMetaXml, type StoredMeta } from "./meta";

export const AXIS_SHEET = /^Axe [IVX]+$/;

/** The metadata part, else the `CTG_meta` sheet of a workbook made by `ctg build`; null if none. */
export async function readMeta(context: RequestContextLike): Promise<StoredMeta | null> {
  const part = context.workbook.customXmlParts
    .getByNamespace(META_NAMESPACE)
    .getOnlyItemOrNullObject();
  const sheet = context.workbook.worksheets.getItemOrNullObject(META_SHEET);
  await context.sync();
  if (!part.isNullObject) {
    const xml = part.getXml();
    await context.sync();
    // A ClientResult is filled by the sync itself: there is nothing to load.
    // eslint-disable-next-line office-addins/load-object-before-read
    const meta = parseMetaXml(xml.value);
    if (meta) return meta;
  }
  if (sheet.isNullObject) return null;
  const range = sheet.getRange("A1:B10").load("values");
  await context.sync();
  return parseMetaRows(range.values);
}

/** A used range's values placed from A1 (rows and columns before it are blank). */
function fromA1(range: RangeLike, values: unknown[][] = range.values): RawEntry[][] {
  const rows: RawEntry[][] = [];
  for (let r = 0; r < range.rowIndex; r++) rows.push([]);
  for (const line of values) {
    const out: RawEntry[] = new Array<RawEntry>(range.columnIndex).fill(null);
    for (const v of line) out.push(plainValue(v));
    rows.push(out);
  }
  return rows;
}

export interface ReadSheets {
  readonly sheets: ReadonlyMap<string, PlainSheet>;
  readonly axisNames: readonly string[];
}

/**
 * Reads the axis sheets and Paramètres (two round trips). Formula cells read as Excel computed them;
 * the evaluation date (a date serial in Excel) is given as `YYYY-MM-DD`, as `ctg check` reads it.
 */
export async function readAxisSheets(
  context: RequestContextLike,
  extra: readonly string[] = []
): Promise<ReadSheets> {
  const all = context.workbook.worksheets.load("items/name");
  await context.sync();
  const names = all.items.map((s) => s.name);
  const axisNames = names.filter((n) => AXIS_SHEET.test(n));
  const wanted = names.filter((n) => AXIS_SHEET.test(n) || n === PARAMS_SHEET || extra.includes(n));
  const ranges = wanted.map((name) => ({
    name,
    range: context.workbook.worksheets
      .getItem(name)
      .getUsedRangeOrNullObject(true)
      .load("values,rowIndex,columnIndex"),
  }));
  await context.sync();
  const sheets = new Map<string, PlainSheet>();
  for (const { name, range } of ranges) {
    const rows = range.isNullObject ? [] : fromA1(range);
    if (name === PARAMS_SHEET) {
      const { row, col } = PARAMS.evaluationDateCell;
      const line = rows[row];
      const v = line?.[col];
      if (line && typeof v === "number") line[col] = serialToIso(v);
    }
    sheets.set(name, { name, rows });
  }
  return { sheets, axisNames };
}

/** How the rows and columns of a sheet with inputs are recognised from one version to the next. */
interface InputSheet {
  readonly headerRow: number | null;
  key(row: readonly RawEntry[]): string | null;
}

const text = (v: RawEntry) => (v === null || v === undefined ? "" : String(v).trim());

export function inputSheetOf(name: string): InputSheet | null {
  if (AXIS_SHEET.test(name))
    return { headerRow: AXIS_HEADER_ROW, key: (row) => text(row[0]) || null };
  if (name === SCHEDULE_SHEET)
    return { headerRow: SCHEDULE_HEADER_ROW, key: (row) => text(row[0]) || null };
  if (name === DIFFERENCES_SHEET)
    return {
      headerRow: 3,
      key: (row) => (text(row[0]) ? `${text(row[0])}|${text(row[1])}|${text(row[2])}` : null),
    };
  if (name === PARAMS_SHEET) return { headerRow: null, key: (row) => text(row[0]) || null };
  return null;
}

/** Entries of one sheet: by row key, then by column header (or `#col` without a header row). */
export type SheetEntries = Map<string, Map<string, RawEntry>>;

function columnKey(header: readonly RawEntry[] | null, c: number): string {
  return header ? text(header[c]) : `#${c}`;
}

/** Reads the current entries (every non-empty input cell) of the sheets that hold inputs. */
export async function readEntries(
  context: RequestContextLike,
  model: WorkbookModel
): Promise<Map<string, SheetEntries>> {
  const all = context.workbook.worksheets.load("items/name");
  await context.sync();
  const present = new Set(all.items.map((s) => s.name));
  const wanted = model.sheets.filter((s) => present.has(s.name) && inputSheetOf(s.name));
  const ranges = wanted.map((sheet) => ({
    sheet,
    range: context.workbook.worksheets
      .getItem(sheet.name)
      .getUsedRangeOrNullObject(true)
      .load(
        sheet.name === PARAMS_SHEET
          ? "formulas,rowIndex,columnIndex"
          : "values,rowIndex,columnIndex"
      ),
  }));
  await context.sync();
  const out = new Map<string, SheetEntries>();
  for (const { sheet, range } of ranges) {
    if (range.isNullObject) continue;
    const spec = inputSheetOf(sheet.name) as InputSheet;
    const rows = sheet.name === PARAMS_SHEET ? fromA1(range, range.formulas) : fromA1(range);
    const header = spec.headerRow === null ? null : (rows[spec.headerRow] ?? []);
    const entries: SheetEntries = new Map();
    const inputCols = inputColumns(sheet, model);
    rows.forEach((row, r) => {
      if (spec.headerRow !== null && r <= spec.headerRow) return;
      const key = spec.key(row);
      if (key === null) return;
      row.forEach((v, c) => {
        if (v === null || v === undefined) return;
        if (typeof v === "string" && v.startsWith("=") && sheet.name === PARAMS_SHEET) return;
        const col = columnKey(header, c);
        // Sheets with a header row: by column (rows gone from the plan count as lost entries);
        // without one (Paramètres): only the cells that are inputs in the new layout.
        if (!inputCols.has(header ? col : `${key}\u0000${col}`)) return;
        let line = entries.get(key);
        if (!line) entries.set(key, (line = new Map()));
        line.set(col, v);
      });
    });
    out.set(sheet.name, entries);
  }
  return out;
}

/** Column keys of a model sheet's input cells (cells of an unlocked style). */
function inputColumns(sheet: SheetModel, model: WorkbookModel): Set<string> {
  const spec = inputSheetOf(sheet.name);
  const header =
    spec?.headerRow === null || !spec
      ? null
      : (sheet.cells[spec.headerRow] ?? []).map((c) =>
          c?.value?.kind === "text" ? c.value.text : null
        );
  const cols = new Set<string>();
  sheet.cells.forEach((line) => {
    const key = spec?.key(line.map((c) => (c?.value?.kind === "text" ? c.value.text : null))) ?? "";
    line.forEach((cell, c) => {
      if (cell?.style && model.styles[cell.style].unlocked)
        cols.add(header ? columnKey(header, c) : `${key}\u0000${columnKey(header, c)}`);
    });
  });
  return cols;
}

export interface MergedEntries {
  readonly overrides: Map<string, Map<string, RawEntry>>;
  /** Entries written back that differ from what the model writes there. */
  readonly kept: number;
  /** Entries whose row or column no longer exists. */
  readonly lost: number;
}

/** Places the entries read before regeneration on the new model's input cells, by row key and header. */
export function mergeEntries(
  model: WorkbookModel,
  entries: ReadonlyMap<string, SheetEntries>
): MergedEntries {
  const overrides = new Map<string, Map<string, RawEntry>>();
  let kept = 0;
  let placed = 0;
  let total = 0;
  for (const e of entries.values()) for (const line of e.values()) total += line.size;
  for (const sheet of model.sheets) {
    const old = entries.get(sheet.name);
    const spec = inputSheetOf(sheet.name);
    if (!old || !spec) continue;
    const header =
      spec.headerRow === null
        ? null
        : (sheet.cells[spec.headerRow] ?? []).map((c) =>
            c?.value?.kind === "text" ? c.value.text : null
          );
    const map = new Map<string, RawEntry>();
    sheet.cells.forEach((line, r) => {
      if (spec.headerRow !== null && r <= spec.headerRow) return;
      const rowValues = line.map((c) =>
        c?.value?.kind === "text"
          ? c.value.text
          : c?.value?.kind === "number"
            ? c.value.value
            : null
      );
      const key = spec.key(rowValues);
      const oldLine = key === null ? undefined : old.get(key);
      if (!oldLine) return;
      line.forEach((cell, c) => {
        if (!cell?.style || !model.styles[cell.style].unlocked) return;
        const v = oldLine.get(columnKey(header, c));
        if (v === undefined || v === null) return;
        placed++;
        if (sameAsModel(v, cell.value)) return;
        map.set(`${r},${c}`, v);
        kept++;
      });
    });
    if (map.size > 0) overrides.set(sheet.name, map);
  }
  return { overrides, kept, lost: total - placed };
}
