/**
 * Generating a workbook from a plan, and regenerating one that already holds a CTG (`ctg refresh`,
 * the add-in's « Générer » over a CTG workbook): every entry is put back at its row id and column;
 * what has no place any more goes to the Archives sheet.
 */
import type { Plan } from "../domain/plan/schema";
import { axisRows } from "../domain/workbook/axisSheet";
import { buildWorkbook, workbookPlan } from "../domain/workbook/build";
import type { Entry } from "../domain/workbook/entries";
import type { WorkbookModel } from "../domain/workbook/model";
import { rebuildWorkbook, type Rebuilt } from "../domain/workbook/update";
import type { ArchiveRecord } from "../domain/workbook/logSheets";
import type { OpenedWorkbook } from "./workbooks";

export interface Regenerated {
  readonly model: WorkbookModel;
  /** Entries written back (none for a new workbook). */
  readonly placed: readonly Entry[];
  /** Entries that had no place in the new structure, now in the Archives sheet. */
  readonly archived: readonly ArchiveRecord[];
  /** Indicator rows the workbook shows. */
  readonly rows: number;
  /** Indicator rows that the previous structure did not have (all of them for a new workbook). */
  readonly newRows: number;
  readonly regenerated: boolean;
}

/** The indicator rows of the plan a workbook shows. */
export function rowCount(plan: Plan): number {
  return plan.axes.reduce((n, a) => n + axisRows(a).length, 0);
}

/**
 * The workbook of `plan` with the state of `previous` (an opened workbook, or null for a new one).
 * A partner's workbook stays the partner's (same actions, same Sommaire).
 */
export function regenerate(
  previous: OpenedWorkbook | null,
  plan: Plan,
  options: { readonly generatorVersion: string; readonly on: string }
): Regenerated {
  const build = { generatorVersion: options.generatorVersion, generatedOn: options.on };
  if (!previous) {
    const model = buildWorkbook(plan, build);
    const rows = rowCount(plan);
    return { model, placed: [], archived: [], rows, newRows: rows, regenerated: false };
  }
  const partner = previous.stored.meta.partner || null;
  // The same plan (no new version given): the opened workbook's sheets are the ones to build.
  const sameStructureAs = plan === previous.plan ? previous.model : undefined;
  // A partner's workbook keeps the record of the values it was sent (its return's merge base).
  const baseJson = partner ? (previous.stored.baseJson ?? undefined) : undefined;
  const rebuilt: Rebuilt = rebuildWorkbook(
    plan,
    { ...build, partner, sameStructureAs, ...(baseJson === undefined ? {} : { baseJson }) },
    previous.state,
    {
      previousVersion: previous.stored.meta.planVersion,
      on: options.on,
    }
  );
  const shown = workbookPlan(plan, partner);
  const oldRows = new Set(previous.plan.axes.flatMap((a) => axisRows(a).map((r) => r.rowId)));
  const rows = shown.axes.flatMap((a) => axisRows(a));
  return {
    model: rebuilt.model,
    placed: rebuilt.placed,
    archived: rebuilt.archived,
    rows: rows.length,
    newRows: rows.filter((r) => !oldRows.has(r.rowId)).length,
    regenerated: true,
  };
}
