/**
 * Reading the open workbook back: the metadata, the axis sheets as `PlainSheet`s (what `ctg check`
 * reads from a file), and the entries to keep when the workbook is regenerated.
 */
import type { RawEntry } from "../domain/engine/types";
import { isReadForCheck, type PlainSheet } from "../domain/workbook/check";
import { inputColumnsOf, type ReadBackSheet } from "../domain/workbook/entries";
import { baseJsonOfRows, planJsonOfRows } from "../domain/workbook/meta";
import { isAxisSheetName } from "../domain/workbook/axisSheet";
import { PARAMS, PARAMS_SHEET } from "../domain/workbook/paramsSheet";
import { META_ASIDE, recoverAside } from "./aside";
import { plainValue, serialToIso } from "./cells";
import type { RangeLike, RequestContextLike } from "./excelApi";
import {
  META_NAMESPACE,
  META_SHEET,
  metaRowEntries,
  parseMetaRows,
  parseMetaXml,
  type StoredMeta,
} from "./meta";

/**
 * Rows of `CTG_meta` read in one request: the plan's JSON is stored in chunks of 30 000 characters a
 * row (`PLAN_CHUNK`), so 80 rows are about 2.4 MB of text, about 3 MB once escaped in the response.
 */
const META_BLOCK_ROWS = 80;

/** The metadata part, else the `CTG_meta` sheet of a workbook made by `ctg build`; null if none. */
export async function readMeta(context: RequestContextLike): Promise<StoredMeta | null> {
  return (await readMetaAndPlan(context, false)).meta;
}

/**
 * The metadata (part, else sheet) and, with `plan`, the plan's JSON stored in the `CTG_meta` sheet
 * (null when absent): the part and the sheet are read in the same two round trips.
 */
export async function readMetaAndPlan(
  context: RequestContextLike,
  plan = true
): Promise<{ meta: StoredMeta | null; planJson: string | null; baseJson: string | null }> {
  const part = context.workbook.customXmlParts
    .getByNamespace(META_NAMESPACE)
    .getOnlyItemOrNullObject();
  const sheet = context.workbook.worksheets.getItemOrNullObject(META_SHEET);
  const aside = context.workbook.worksheets.getItemOrNullObject(META_ASIDE);
  await context.sync();
  // A regeneration was cut short: its old sheets are put back first, then read.
  if (!aside.isNullObject && (await recoverAside(context))) return readMetaAndPlan(context, plan);
  // Not a CTG workbook: nothing more to read.
  if (part.isNullObject && sheet.isNullObject)
    return { meta: null, planJson: null, baseJson: null };
  const xml = part.isNullObject ? null : part.getXml();
  // Without the plan, the ten metadata rows are enough. With it, the rows are read in blocks of
  // META_BLOCK_ROWS (the first with the used range's size, in the same request), so that no response
  // carries more than about 3 MB of the plan's JSON (Excel on the web answers at most 5 MB).
  const first = sheet.isNullObject
    ? null
    : sheet.getRange(plan ? `A1:B${META_BLOCK_ROWS}` : "A1:B10").load("values");
  const used = sheet.isNullObject || !plan ? null : sheet.getUsedRangeOrNullObject(true);
  used?.load("rowIndex,rowCount");
  await context.sync();
  const rows: unknown[][] = first ? [...first.values] : [];
  const last = used && !used.isNullObject ? used.rowIndex + used.rowCount : 0;
  for (let top = META_BLOCK_ROWS; top < last; top += META_BLOCK_ROWS) {
    const block = sheet.getRangeByIndexes(top, 0, Math.min(META_BLOCK_ROWS, last - top), 2);
    block.load("values");
    await context.sync();
    rows.push(...block.values);
  }
  // A ClientResult is filled by the sync itself: there is nothing to load.

  const meta = (xml ? parseMetaXml(xml.value) : null) ?? parseMetaRows(rows);
  const entries = plan ? metaRowEntries(rows) : null;
  return {
    meta,
    planJson: entries ? planJsonOfRows(entries) : null,
    baseJson: entries ? baseJsonOfRows(entries) : null,
  };
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
  if (all.items.some((s) => s.name === META_ASIDE) && (await recoverAside(context)))
    return readAxisSheets(context, extra);
  const names = all.items.map((s) => s.name);
  const axisNames = names.filter(isAxisSheetName);
  const wanted = names.filter((n) => isReadForCheck(n) || extra.includes(n));
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

/**
 * Reads sheets back for the domain (`ReadBackSheet`): values, and the formulas of the sheets whose
 * input cells may hold a formula by default (Paramètres' evaluation date). One round trip for all.
 */
export async function readBackSheets(
  context: RequestContextLike,
  wanted: (name: string) => boolean
): Promise<Map<string, ReadBackSheet>> {
  const all = context.workbook.worksheets.load("items/name");
  await context.sync();
  const read = queueReadBack(context, all.items.map((s) => s.name).filter(wanted));
  await context.sync();
  const sheets = read();
  // The input columns' formulas: one more round trip, only where there are inputs.
  const areas = inputFormulaAreas(sheets);
  if (areas.size === 0) return sheets;
  const addFormulas = queueInputFormulas(context, areas);
  await context.sync();
  addFormulas(sheets);
  return sheets;
}

/** Where a sheet's input formulas are read: the rows under its header, the input columns. */
export interface InputFormulaArea {
  readonly firstRow: number;
  readonly rowCount: number;
  readonly columns: readonly number[];
}

/** The input formula area of each read sheet that has one (from its header row as read). */
export function inputFormulaAreas(
  sheets: ReadonlyMap<string, Pick<ReadBackSheet, "name" | "rows">>,
  extraRows = 0
): Map<string, InputFormulaArea> {
  const areas = new Map<string, InputFormulaArea>();
  for (const sheet of sheets.values()) {
    const where = inputColumnsOf(sheet.name, sheet.rows);
    if (!where || where.columns.length === 0) continue;
    const firstRow = where.headerRow + 1;
    const rowCount = sheet.rows.length - firstRow + extraRows;
    if (rowCount > 0) areas.set(sheet.name, { firstRow, rowCount, columns: where.columns });
  }
  return areas;
}

/**
 * Queues the reading of the formulas a user typed in input columns (`areas`, by sheet name) and
 * returns what adds them to read sheets once the request is synced: a regeneration then writes them
 * back as formulas, not as their results. Only the input columns are read (by header:
 * `inputColumnsOf`), never a whole axis sheet's formulas: its status formulas would weigh megabytes,
 * over Excel on the web's 5 MB response limit for a large plan.
 */
export function queueInputFormulas(
  context: RequestContextLike,
  areas: ReadonlyMap<string, InputFormulaArea>
): (sheets: Map<string, ReadBackSheet>) => void {
  const queued: Array<{ name: string; range: RangeLike; row: number; col: number }> = [];
  for (const [name, area] of areas) {
    const ws = context.workbook.worksheets.getItem(name);
    for (const [col, width] of runs(area.columns))
      queued.push({
        name,
        range: ws.getRangeByIndexes(area.firstRow, col, area.rowCount, width).load("formulas"),
        row: area.firstRow,
        col,
      });
  }
  return (sheets) => {
    for (const { name, range, row, col } of queued) {
      const sheet = sheets.get(name);
      if (!sheet) continue;
      const formulas = sheet.formulas as Map<string, string>;
      range.formulas.forEach((line, i) =>
        line.forEach((f, j) => {
          if (typeof f === "string" && f.startsWith("=") && f.length > 1)
            formulas.set(`${row + i},${col + j}`, f.slice(1));
        })
      );
    }
  };
}

/** Sorted column indexes as runs `[first, width]` of adjacent columns. */
function runs(columns: readonly number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const c of [...columns].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1] === c) last[1]++;
    else out.push([c, 1]);
  }
  return out;
}

/**
 * Queues the reading of sheets (by name, as they are when the request runs) and returns what turns
 * the loaded ranges into `ReadBackSheet`s once the request is synced.
 */
export function queueReadBack(
  context: RequestContextLike,
  names: readonly string[]
): () => Map<string, ReadBackSheet> {
  const ranges = names.map((name) => ({
    name,
    range: context.workbook.worksheets
      .getItem(name)
      .getUsedRangeOrNullObject(true)
      .load(
        name === PARAMS_SHEET
          ? "values,formulas,rowIndex,columnIndex"
          : "values,rowIndex,columnIndex"
      ),
  }));
  return () => {
    const out = new Map<string, ReadBackSheet>();
    for (const { name, range } of ranges) {
      const rows = range.isNullObject ? [] : fromA1(range);
      const formulas = new Map<string, string>();
      if (name === PARAMS_SHEET && !range.isNullObject) {
        range.formulas.forEach((line, i) =>
          line.forEach((f, j) => {
            if (typeof f === "string" && f.startsWith("="))
              formulas.set(`${range.rowIndex + i},${range.columnIndex + j}`, f.slice(1));
          })
        );
      }
      out.set(name, { name, rows, formulas, protected: null });
    }
    return out;
  };
}
