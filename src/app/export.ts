/**
 * `ctg export` and `ctg consolidate`: a filled workbook read as `ctg check` reads it (the axis sheets
 * and Paramètres, values only, with the fast streaming reader), checked by the same engine, then
 * turned into tidy rows or into a territory's figures. The command line (and the bench) share it.
 */
import { message, type Message } from "../domain/messages/types";
import type { Plan } from "../domain/plan/schema";
import { isReadForCheck, type CheckReport } from "../domain/workbook/check";
import type { StoredWorkbook } from "../domain/workbook/stored";
import { exportRows, type ExportRow } from "../domain/export/rows";
import { territoryFigures } from "../domain/export/consolidate";
import {
  CONSOLIDATION_GENERATOR,
  consolidationWorkbook,
  type FileOutcome,
} from "../domain/export/consolidationBook";
import type { WorkbookModel } from "../domain/workbook/model";
import { checkSheets } from "./check";
import { missingAxisSheets, planOfStored, type FallbackPlan } from "./workbooks";

/** A workbook read and checked: its plan, its sheets as read, `ctg check`'s report. */
export interface CheckedWorkbook {
  readonly stored: StoredWorkbook;
  readonly plan: Plan;
  readonly report: CheckReport;
}

export type Checked =
  | { readonly ok: true; readonly value: CheckedWorkbook }
  | { readonly ok: false; readonly reasons: readonly Message[] };

/**
 * Reads `.xlsx` bytes and checks them on `now` (the workbook's Paramètres date wins). Not a CTG
 * workbook, a consolidation, no plan to read it by, an axis sheet missing or altered: the reasons,
 * in French, without the file's name (the caller says which file).
 */
export async function readChecked(
  bytes: Uint8Array,
  fallback: FallbackPlan,
  now: Date
): Promise<Checked> {
  const { readXlsx } = await import(/* webpackChunkName: "xlsx" */ "../xlsx/read");
  const read = await readXlsx(bytes, { sheets: isReadForCheck, formulas: false });
  if (!read.ok) return { ok: false, reasons: [read.problem] };
  const stored = read.workbook;
  if (stored.meta.generator === CONSOLIDATION_GENERATOR)
    return { ok: false, reasons: [message("consolidate.is_consolidation")] };
  const plan = planOfStored(stored, fallback);
  if (!plan) return { ok: false, reasons: [message("merge.no_plan")] };
  const missing = missingAxisSheets(plan, stored.sheets);
  if (missing.length > 0) return { ok: false, reasons: missing };
  const checked = checkSheets(stored.sheets, now);
  if (!checked.ok) return { ok: false, reasons: checked.problems };
  return { ok: true, value: { stored, plan, report: checked.report } };
}

/** The export rows of a checked workbook (one per indicator target and plan year). */
export function rowsOf(checked: CheckedWorkbook): ExportRow[] {
  return exportRows(checked.plan, checked.stored.meta, checked.report, checked.stored.sheets);
}

/** A file to consolidate: its name, and how to read it (its bytes, or why it cannot be read). */
export interface ConsolidationSource {
  readonly file: string;
  readonly load: () => Uint8Array | Message;
}

/**
 * Consolidates territories' workbooks: each file read and checked in turn (one at a time, so that
 * fifty workbooks never sit in memory together); a file that cannot be is left out with its reason.
 * The consolidation workbook lists every file.
 */
export async function consolidate(
  sources: readonly ConsolidationSource[],
  fallback: FallbackPlan,
  options: { readonly now: Date; readonly on: string; readonly generatorVersion: string }
): Promise<{ readonly outcomes: readonly FileOutcome[]; readonly model: WorkbookModel }> {
  const outcomes: FileOutcome[] = [];
  for (const source of sources) {
    const bytes = source.load();
    if (!ArrayBuffer.isView(bytes)) {
      outcomes.push({ file: source.file, reason: bytes });
      continue;
    }
    const checked = await readChecked(bytes, fallback, options.now);
    if (!checked.ok) {
      outcomes.push({ file: source.file, reason: checked.reasons[0] ?? message("check.not_ctg") });
      continue;
    }
    const { plan, stored, report } = checked.value;
    outcomes.push({
      file: source.file,
      figures: territoryFigures(source.file, plan, stored.meta, report),
    });
  }
  const model = consolidationWorkbook(outcomes, {
    generatorVersion: options.generatorVersion,
    on: options.on,
  });
  return { outcomes, model };
}
