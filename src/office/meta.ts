/**
 * The workbook's metadata (plan id and version, generator, fingerprint, partner) in a namespaced
 * custom XML part; a workbook made by `ctg build` keeps it in the very hidden `CTG_meta` sheet, which
 * the add-in also writes (so that `ctg check` accepts a workbook saved from Excel) and reads as a
 * fallback. zod at the edge.
 */
import { z } from "zod";
import type { WorkbookMeta } from "../domain/workbook/model";

export const META_NAMESPACE = "urn:ctg-classeur:meta:1";
export const META_SHEET = "CTG_meta";
export const META_SCHEMA = "ctg-classeur-meta/1";

export const MetaSchema = z.object({
  schema: z.literal(META_SCHEMA),
  planId: z.string().min(1),
  planVersion: z.string().min(1),
  generator: z.string().min(1),
  generatorVersion: z.string(),
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
  partner: z.string(),
});
export type StoredMeta = z.infer<typeof MetaSchema>;

export function metaEntries(meta: WorkbookMeta): Array<[keyof StoredMeta, string]> {
  return [
    ["schema", META_SCHEMA],
    ["planId", meta.planId],
    ["planVersion", meta.planVersion],
    ["generator", meta.generator],
    ["generatorVersion", meta.generatorVersion],
    ["fingerprint", meta.fingerprint],
    ["partner", meta.partner ?? ""],
  ];
}

function escapeXml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

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

/** Parses the rows of the `CTG_meta` sheet (key, value). */
export function parseMetaRows(rows: readonly (readonly unknown[])[]): StoredMeta | null {
  const entries: Record<string, string> = {};
  for (const row of rows) {
    const [k, v] = row;
    if (typeof k === "string" && k !== "")
      entries[k] = v === null || v === undefined ? "" : String(v);
  }
  const parsed = MetaSchema.safeParse(entries);
  return parsed.success ? parsed.data : null;
}
