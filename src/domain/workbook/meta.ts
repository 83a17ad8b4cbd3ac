import { z } from "zod";
import type { WorkbookMeta } from "./model";

/**
 * The workbook's metadata as stored in a file: the very hidden `CTG_meta` sheet (key, value rows),
 * written by both adapters, and the add-in's custom XML part. One schema for every reader (zod at the edge).
 */
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

/** The key/value rows of the metadata, in order. */
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
