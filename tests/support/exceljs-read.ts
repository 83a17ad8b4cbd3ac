import ExcelJS from "exceljs";
import JSZip from "jszip";
import { z } from "zod";
import type { RawEntry } from "../../src/domain/engine/types";
import { message } from "../../src/domain/messages/types";
import {
  baseJsonOfRows,
  META_SHEET,
  MetaSchema,
  planJsonOfRows,
} from "../../src/domain/workbook/meta";
import type { ReadResult, ReadSheet } from "../../src/xlsx/read";

/**
 * The reference for tests/xlsx/stream-read.test.ts: the exceljs-based reader that src/xlsx/read.ts
 * replaced (kept as it was, apart from its name), so that the streaming reader is proven to give the
 * same result on real files.
 *
 * Reads a CTG workbook file back into plain data: its metadata, and for each axis sheet the header and
 * the raw cells of each row. Cells are checked with zod (the edge); interpreting them is the domain's job.
 */

const WorkbookMetaSchema = MetaSchema;

/** A cell as the domain sees it: a number, a string, a boolean, a date (ISO), or blank. */
const RawCellSchema = z.union([z.number(), z.string(), z.boolean(), z.null()]);

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

const XML_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === "#"
      ? String.fromCodePoint(
          e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)
        )
      : (XML_ENTITIES[e] ?? m)
  );
}

function xmlAttributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    out.set(m[1] as string, unescapeXml(m[2] ?? m[3] ?? ""));
  return out;
}

/**
 * Whether each sheet is protected, from the file's own XML: exceljs only understands
 * `<sheetProtection sheet="1">`, while LibreOffice writes `sheet="true"` (both are valid xsd:boolean).
 */
async function protectedSheetsOf(data: Buffer | ArrayBuffer): Promise<Map<string, boolean>> {
  const out = new Map<string, boolean>();
  const zip = await JSZip.loadAsync(data);
  const workbook = await zip.file("xl/workbook.xml")?.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")?.async("string");
  if (!workbook || !rels) return out;
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const a = xmlAttributes(m[0]);
    const target = a.get("Target");
    if (a.get("Id") && target)
      targets.set(
        a.get("Id") as string,
        target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`
      );
  }
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const a = xmlAttributes(m[0]);
    const name = a.get("name");
    const id = [...a.entries()].find(([k]) => /(^|:)id$/.test(k) && k !== "sheetId")?.[1];
    const path = id ? targets.get(id) : undefined;
    if (!name || !path) continue;
    const xml = (await zip.file(path)?.async("string")) ?? "";
    const tag = /<(?:\w+:)?sheetProtection\b[^>]*>/.exec(xml)?.[0];
    const sheet = tag ? xmlAttributes(tag).get("sheet") : undefined;
    out.set(name, sheet === "1" || sheet === "true");
  }
  return out;
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
export async function readXlsxWithExcelJs(data: Buffer | ArrayBuffer): Promise<ReadResult> {
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
  // A sheet exceljs reads as unprotected may be protected with `sheet="true"` (LibreOffice).
  if ([...sheets.values()].some((s) => s.protected !== true)) {
    const fromXml = await protectedSheetsOf(data).catch(() => new Map<string, boolean>());
    for (const [name, s] of sheets)
      if (s.protected !== true && fromXml.has(name))
        sheets.set(name, { ...s, protected: fromXml.get(name) as boolean });
  }
  const workbook = {
    meta: meta.data,
    planJson: planJsonOfRows(entries),
    baseJson: baseJsonOfRows(entries),
    sheets,
  };
  return { ok: true, workbook };
}
