import { z } from "zod";
import type { WorkbookMeta, WorkbookModel } from "./model";

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

/** Key prefix of the rows holding the plan's JSON (`plan.1`, `plan.2`...): a cell holds at most 32 767 characters. */
export const PLAN_KEY = "plan.";
/**
 * Key prefix of the rows holding, in a partner's workbook, the values it was sent (`base.1`...):
 * the base of the three-way merge of its return (`src/domain/workbook/base.ts`).
 */
export const BASE_KEY = "base.";
export const PLAN_CHUNK = 30_000;

/** Whether a key is one of a JSON text's chunks (whose values readers may defer). */
export function isChunkKey(key: string): boolean {
  return key.startsWith(PLAN_KEY) || key.startsWith(BASE_KEY);
}

function chunkRows(prefix: string, json: string): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  // An empty text is still one (empty) chunk: « sent nothing » differs from « not recorded ».
  for (let i = 0, k = 1; i < json.length || k === 1; i += PLAN_CHUNK, k++)
    rows.push([`${prefix}${k}`, json.slice(i, i + PLAN_CHUNK)]);
  return rows;
}

/** The rows of the `CTG_meta` sheet: the metadata, the plan's JSON in chunks, then the base's. */
export function metaSheetRows(
  model: Pick<WorkbookModel, "meta" | "planJson" | "baseJson">
): Array<[string, string]> {
  return [
    ...metaEntries(model.meta),
    ...chunkRows(PLAN_KEY, model.planJson),
    ...(model.baseJson === undefined ? [] : chunkRows(BASE_KEY, model.baseJson)),
  ];
}

function joinChunks(entries: Readonly<Record<string, string>>, prefix: string): string | null {
  const parts: string[] = [];
  for (let k = 1; `${prefix}${k}` in entries; k++) parts.push(entries[`${prefix}${k}`] ?? "");
  return parts.length === 0 ? null : parts.join("");
}

/** The plan's JSON from the key/value rows of a `CTG_meta` sheet; null when absent or incomplete. */
export function planJsonOfRows(entries: Readonly<Record<string, string>>): string | null {
  return joinChunks(entries, PLAN_KEY);
}

/** The base's JSON from the key/value rows of a `CTG_meta` sheet; null when not recorded. */
export function baseJsonOfRows(entries: Readonly<Record<string, string>>): string | null {
  return joinChunks(entries, BASE_KEY);
}
