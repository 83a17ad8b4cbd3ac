/**
 * The workbook's metadata (plan id and version, generator, fingerprint, partner) in a namespaced
 * custom XML part; a workbook made by `ctg build` keeps it in the very hidden `CTG_meta` sheet, which
 * the add-in also writes (so that `ctg check` accepts a workbook saved from Excel) and reads as a
 * fallback. zod at the edge.
 */
import { escapeXml, unescapeXml } from "../domain/workbook/xmlText";
import {
  META_SCHEMA,
  META_SHEET,
  MetaSchema,
  metaEntries,
  metaSheetRows,
  type StoredMeta,
} from "../domain/workbook/meta";
import type { WorkbookMeta } from "../domain/workbook/model";

export { META_SCHEMA, META_SHEET, MetaSchema, metaEntries, metaSheetRows, type StoredMeta };

export const META_NAMESPACE = "urn:ctg-classeur:meta:1";

export function metaXml(meta: WorkbookMeta): string {
  const body = metaEntries(meta)
    .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?><ctg xmlns="${META_NAMESPACE}">${body}</ctg>`;
}

/** Parses the part's XML; null when it is not a valid CTG metadata part. */
export function parseMetaXml(xml: string): StoredMeta | null {
  const entries: Record<string, string> = {};
  for (const m of xml.matchAll(/<([A-Za-z]+)>([^<]*)<\/\1>/g))
    entries[m[1] ?? ""] = unescapeXml(m[2] ?? "");
  const parsed = MetaSchema.safeParse(entries);
  return parsed.success ? parsed.data : null;
}

/** The key/value rows of the `CTG_meta` sheet as a record. */
export function metaRowEntries(rows: readonly (readonly unknown[])[]): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const row of rows) {
    const [k, v] = row;
    if (typeof k === "string" && k !== "")
      entries[k] = v === null || v === undefined ? "" : String(v);
  }
  return entries;
}

/** Parses the rows of the `CTG_meta` sheet (key, value). */
export function parseMetaRows(rows: readonly (readonly unknown[])[]): StoredMeta | null {
  const parsed = MetaSchema.safeParse(metaRowEntries(rows));
  return parsed.success ? parsed.data : null;
}
