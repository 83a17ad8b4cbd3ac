/**
 * The open workbook as stored, for the workflows of `src/app/` (the same as `ctg build --partner`,
 * `ctg merge` and `ctg refresh`): its metadata, stored plan and the sheets that hold its state.
 * This module only reads the open workbook and turns bytes into what Excel takes.
 */
import { openStored, type FallbackPlan, type Opened, type OpenedWorkbook } from "../app/workbooks";
import { message } from "../domain/messages/types";
import { inputSheetSpec } from "../domain/workbook/entries";
import { ARCHIVES_SHEET, JOURNAL_SHEET } from "../domain/workbook/logSheets";
import type { StoredWorkbook } from "../domain/workbook/stored";
import type { RequestContextLike } from "./excelApi";
import { readBackSheets, readMetaAndPlan } from "./read";

/** Reads the open workbook as stored (the sheets that hold its state); null when not a CTG workbook. */
export async function readStoredWorkbook(ctx: RequestContextLike): Promise<StoredWorkbook | null> {
  const { meta, planJson, baseJson } = await readMetaAndPlan(ctx);
  if (!meta) return null;
  const sheets = await readBackSheets(
    ctx,
    (name) =>
      inputSheetSpec(name) !== null ||
      name === ARCHIVES_SHEET ||
      name === JOURNAL_SHEET ||
      // The frozen bilans (« Bilan 2023 »), and a sheet of the user's that takes such a name.
      /^bilan \d{4}$/i.test(name)
  );
  return { meta, planJson, baseJson, sheets };
}

/**
 * Opens the open workbook: null when it is not a CTG workbook, else its plan (stored, else the task
 * pane's when it is the same id and version) and state, or why it cannot be read.
 */
export async function openOpenWorkbook(
  ctx: RequestContextLike,
  fallback: FallbackPlan,
  options: { readonly generatorVersion: string; readonly on: string }
): Promise<Opened<OpenedWorkbook> | null> {
  const stored = await readStoredWorkbook(ctx);
  return stored ? openStored(stored, fallback, options) : null;
}

/** Opens the open workbook as a CTG workbook: `office.not_ctg` when it is not one. */
export async function openCtgWorkbook(
  ctx: RequestContextLike,
  fallback: FallbackPlan,
  options: { readonly generatorVersion: string; readonly on: string }
): Promise<Opened<OpenedWorkbook>> {
  return (
    (await openOpenWorkbook(ctx, fallback, options)) ?? {
      ok: false,
      problems: [message("office.not_ctg")],
    }
  );
}

/** Base64 of bytes, for `Excel.createWorkbook` (btoa on chunks: no Buffer in a browser). */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
