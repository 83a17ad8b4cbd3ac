import ExcelJS from "exceljs";
import { z } from "zod";
import type { RawEntry } from "../domain/engine/types";
import { message, type Message } from "../domain/messages/types";
import { META_SHEET, MetaSchema, planJsonOfRows, type StoredMeta } from "../domain/workbook/meta";
import type { ReadBackSheet } from "../domain/workbook/entries";

/**
 * Reads a CTG workbook file back into plain data: its metadata, and for each axis sheet the header and
 * the raw cells of each row. Cells are checked with zod (the edge); interpreting them is the domain's job.
 */

export const WorkbookMetaSchema = MetaSchema;
export type ReadMeta = StoredMeta;

/** A cell as the domain sees it: a number, a string, a boolean, a date (ISO), or blank. */
const RawCellSchema = z.union([z.number(), z.string(), z.boolean(), z.null()]);

/** A sheet read back: raw values from A1, formula texts by "r,c", whether it is protected. */
export type ReadSheet = ReadBackSheet;

export interface ReadWorkbook {
  readonly meta: ReadMeta;
  /** The plan's JSON stored in the workbook (null for workbooks made before it was stored). */
  readonly planJson: string | null;
  readonly sheets: ReadonlyMap<string, ReadSheet>;
}

export type ReadResult = { ok: true; workbook: ReadWorkbook } | { ok: false; problem: Message };

function rawOf(value: ExcelJS.CellValue): RawEntry {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean")
    return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null) return null;
      if (result instanceof Date) return result.toISOString().slice(0, 10);
      if (typeof result === "object" && "error" in result) return String(result.error);
      return result as RawEntry;
    }
    if ("richText" in value) return value.richText.map((t) => t.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("error" in value) return String(value.error);
  }
  return null;
}

function readSheet(ws: ExcelJS.Worksheet): ReadSheet {
  const rows: RawEntry[][] = [];
  const formulas = new Map<string, string>();
  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const line: RawEntry[] = [];
    row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
      const raw = rawOf(cell.value);
      const checked = RawCellSchema.safeParse(raw ?? null);
      line[colNumber - 1] = checked.success ? checked.data : null;
      const v = cell.value;
      if (v && typeof v === "object" && ("formula" in v || "sharedFormula" in v)) {
        // A shared formula (as Excel saves repeated formulas) reads as its master's, translated.
        const f = cell.formula;
        formulas.set(`${rowNumber - 1},${colNumber - 1}`, typeof f === "string" ? f : "");
      }
    });
    rows[rowNumber - 1] = line;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  const protection = (ws as unknown as { sheetProtection?: { sheet?: boolean } | null })
    .sheetProtection;
  return { name: ws.name, rows, formulas, protected: protection?.sheet === true };
}

/** Reads an `.xlsx` file's bytes. A file that is not a CTG workbook is a problem, not an exception. */
export async function readXlsx(data: Buffer | ArrayBuffer): Promise<ReadResult> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as ArrayBuffer);
  } catch {
    return { ok: false, problem: message("check.not_xlsx") };
  }
  const metaSheet = wb.getWorksheet(META_SHEET);
  if (!metaSheet) return { ok: false, problem: message("check.not_ctg") };
  const entries: Record<string, string> = {};
  metaSheet.eachRow((row) => {
    const key = rawOf(row.getCell(1).value);
    const value = rawOf(row.getCell(2).value);
    if (typeof key === "string") entries[key] = value === null ? "" : String(value);
  });
  const meta = WorkbookMetaSchema.safeParse(entries);
  if (!meta.success) return { ok: false, problem: message("check.meta_invalid") };
  const sheets = new Map<string, ReadSheet>();
  wb.eachSheet((ws) => {
    if (ws.name !== META_SHEET) sheets.set(ws.name, readSheet(ws));
  });
  return { ok: true, workbook: { meta: meta.data, planJson: planJsonOfRows(entries), sheets } };
}
