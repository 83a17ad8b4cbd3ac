/**
 * Freezing a year's bilan (`ctg snapshot`, the task pane's « Figer le bilan »): the entries, statuses
 * and comments of every indicator target as `ctg check` reads them today, written as a protected sheet
 * of static values (« Bilan 2023 ») that every later regeneration carries as it is.
 */
import { message } from "../domain/messages/types";
import { planYears } from "../domain/workbook/axisSheet";
import type { WorkbookModel } from "../domain/workbook/model";
import {
  frenchDate,
  isSnapshotSheet,
  snapshotSheetName,
  type SnapshotData,
} from "../domain/snapshot/sheet";
import { snapshotRows } from "../domain/snapshot/take";
import { checkSheets } from "./check";
import { regenerate } from "./regenerate";
import { momentOf, type Opened, type OpenedWorkbook } from "./workbooks";

export interface SnapshotTaken {
  /** The workbook rebuilt with the new bilan sheet (every entry kept). */
  readonly model: WorkbookModel;
  readonly snapshot: SnapshotData;
  /** The bilan of the same year it replaced (`force`), or null. */
  readonly replaced: SnapshotData | null;
  /** Targets with an entry for the year. */
  readonly entered: number;
}

/**
 * Why a year's bilan cannot be frozen in this workbook (null when it can): a partner's workbook, a
 * year outside the plan, a sheet of the user's with the bilan's name, a bilan of that year already
 * frozen (unless `force`).
 */
export function snapshotProblem(
  opened: OpenedWorkbook,
  year: number,
  force: boolean
): Opened<never> | null {
  const refuse = (m: ReturnType<typeof message>): Opened<never> => ({ ok: false, problems: [m] });
  if (opened.stored.meta.partner !== "") return refuse(message("snapshot.partner"));
  const years = planYears(opened.plan);
  if (!years.includes(year))
    return refuse(
      message("snapshot.year_outside", {
        year: String(year),
        start: String(opened.plan.years.start),
        end: String(opened.plan.years.end),
      })
    );
  const name = snapshotSheetName(year);
  // Sheet names are case-insensitive in Excel: « bilan 2023 » takes the name too.
  for (const [sheet, read] of opened.stored.sheets)
    if (sheet.toLowerCase() === name.toLowerCase() && !isSnapshotSheet(sheet, read.rows))
      return refuse(message("snapshot.name_taken", { sheet }));
  const existing = (opened.state.snapshots ?? []).find((s) => s.year === year);
  if (existing && !force)
    return refuse(
      message("snapshot.exists", {
        year: String(year),
        sheet: name,
        taken: frenchDate(existing.takenOn),
      })
    );
  return null;
}

/** The workbook with the bilan of `year` frozen (replacing that year's one with `force`). */
export function takeSnapshot(
  opened: OpenedWorkbook,
  year: number,
  options: { readonly force: boolean; readonly now: Date; readonly generatorVersion: string }
): Opened<SnapshotTaken> {
  const refused = snapshotProblem(opened, year, options.force);
  if (refused) return refused;
  const checked = checkSheets(opened.stored.sheets, options.now);
  if (!checked.ok) return { ok: false, problems: checked.problems };
  const on = momentOf(options.now).on;
  const rows = snapshotRows(checked.report, opened.stored.sheets, year);
  const snapshot: SnapshotData = { year, takenOn: on, planVersion: opened.plan.version, rows };
  const previous = opened.state.snapshots ?? [];
  const replaced = previous.find((s) => s.year === year) ?? null;
  const state = {
    ...opened.state,
    snapshots: [...previous.filter((s) => s.year !== year), snapshot],
  };
  const made = regenerate({ ...opened, state }, opened.plan, {
    generatorVersion: options.generatorVersion,
    on,
  });
  return {
    ok: true,
    value: {
      model: made.model,
      snapshot,
      replaced,
      entered: rows.filter((r) => r.raw !== null).length,
    },
  };
}
