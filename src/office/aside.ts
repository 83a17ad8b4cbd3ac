/**
 * A regeneration puts the old CTG sheets aside (renamed `~Axe I`, hidden) while it writes the new
 * ones, and deletes them last. If it is interrupted and could not put them back itself (the
 * connection lost, Excel closed), the next workflow that opens the workbook does: the new, partial
 * sheets are removed and the old ones, which hold the entries, take their names back.
 */
import { isAxisSheetName } from "../domain/workbook/axisSheet";
import { SUMMARY_SHEET } from "../domain/workbook/build";
import { DASHBOARD_SHEET } from "../domain/workbook/dashboardSheet";
import { FICHES_SHEET } from "../domain/workbook/fichesSheet";
import { ARCHIVES_SHEET, JOURNAL_SHEET } from "../domain/workbook/logSheets";
import { META_SHEET } from "../domain/workbook/meta";
import { PARAMS_SHEET } from "../domain/workbook/paramsSheet";
import { DIFFERENCES_SHEET, RECAP_SHEET, SCHEDULE_SHEET } from "../domain/workbook/recapSheets";
import type { RequestContextLike, WorksheetLike } from "./excelApi";

/** The mark of a sheet put aside: `~` and its name. */
export const ASIDE_MARK = "~";

/** The mark of a table put aside with its sheet (table names are the workbook's). */
export const TABLE_ASIDE_SUFFIX = "_ancien";

/** The metadata sheet put aside: present only while a regeneration runs or after it was cut. */
export const META_ASIDE = `${ASIDE_MARK}${META_SHEET}`;

const FIXED = new Set(
  [
    SUMMARY_SHEET,
    DASHBOARD_SHEET,
    FICHES_SHEET,
    ARCHIVES_SHEET,
    JOURNAL_SHEET,
    META_SHEET,
    PARAMS_SHEET,
    RECAP_SHEET,
    SCHEDULE_SHEET,
    DIFFERENCES_SHEET,
  ].map((n) => n.toLowerCase())
);

/** A CTG sheet's name (never a sheet of the user's). */
function isCtgSheet(name: string): boolean {
  return isAxisSheetName(name) || FIXED.has(name.toLowerCase());
}

/**
 * Deletes a sheet whose visibility was loaded as `visibility`: Excel refuses to delete a very
 * hidden sheet (`InvalidOperation`, doc comment of `Worksheet.delete`), so it is made hidden first.
 */
export function deleteSheet(ws: WorksheetLike, visibility: string): void {
  if (visibility === "VeryHidden") ws.visibility = "Hidden";
  ws.delete();
}

/**
 * Puts back the sheets of an interrupted regeneration (when `~CTG_meta` is there); returns whether
 * it did. Two round trips when there is something to do.
 */
export async function recoverAside(context: RequestContextLike): Promise<boolean> {
  const sheets = context.workbook.worksheets.load("items/name,items/visibility");
  await context.sync();
  const byName = new Map(sheets.items.map((s) => [s.name.toLowerCase(), s]));
  if (!byName.has(META_ASIDE.toLowerCase())) return false;
  const restore = sheets.items.filter(
    (s) => s.name.startsWith(ASIDE_MARK) && isCtgSheet(s.name.slice(ASIDE_MARK.length))
  );
  // The old sheets are shown again first: a workbook keeps one visible sheet at least.
  for (const s of restore)
    if (s.name.toLowerCase() !== META_ASIDE.toLowerCase()) s.visibility = "Visible";
  for (const s of restore) {
    const partial = byName.get(s.name.slice(ASIDE_MARK.length).toLowerCase());
    if (!partial) continue;
    deleteSheet(partial, partial.visibility);
  }
  for (const s of restore) {
    const name = s.name.slice(ASIDE_MARK.length);
    s.name = name;
    if (name === META_SHEET) s.visibility = "VeryHidden";
  }
  const tables = restore.map((s) => s.tables.load("items/name"));
  await context.sync();
  let renamed = false;
  for (const t of tables.flatMap((c) => c.items))
    if (t.name.endsWith(TABLE_ASIDE_SUFFIX)) {
      t.name = t.name.slice(0, -TABLE_ASIDE_SUFFIX.length);
      renamed = true;
    }
  if (renamed) await context.sync();
  return true;
}
