/**
 * Opening a workbook as stored (read from a file or from the open workbook): the one rule that finds
 * the plan it was built from, and its state (entries, archives, journal) read with that plan's
 * structure. Shared by the command line, the add-in and the bench.
 */
import { formatMessage } from "../domain/messages";
import { message, type Message } from "../domain/messages/types";
import type { Plan } from "../domain/plan/schema";
import { parsePlanJson } from "../domain/plan/validate";
import { buildWorkbook, workbookPlan } from "../domain/workbook/build";
import { axisSheetName, isAxisSheetName } from "../domain/workbook/axisSheet";
import { inputSheetSpec } from "../domain/workbook/entries";
import { DASHBOARD_SHEET, isDashboardSheet } from "../domain/workbook/dashboardSheet";
import { partnerActions } from "../domain/plan/partners";
import {
  ARCHIVES_SHEET,
  isArchivesSheet,
  isJournalSheet,
  JOURNAL_SHEET,
  localIsoMinute,
} from "../domain/workbook/logSheets";
import type { RawEntry } from "../domain/engine/types";
import type { WorkbookModel } from "../domain/workbook/model";
import type { StoredWorkbook } from "../domain/workbook/stored";
import { readState, type WorkbookState } from "../domain/workbook/update";

export type { StoredWorkbook } from "../domain/workbook/stored";

export type Opened<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly Message[] };

/** The moment of a command: `at` (local `YYYY-MM-DDTHH:MM`, for the journal) and `on` (its day). */
export interface Moment {
  readonly at: string;
  readonly on: string;
}

/** One date for every workflow: the local day and minute of `now`. */
export function momentOf(now: Date): Moment {
  const at = localIsoMinute(now);
  return { at, on: at.slice(0, 10) };
}

/** A plan to use when the workbook holds none (loaded only when needed). */
export type FallbackPlan = Plan | null | (() => Plan | null);

/** A stored workbook with the plan it was built from, its structure and its state. */
export interface OpenedWorkbook {
  readonly stored: StoredWorkbook;
  /** The plan the workbook was built from (for a partner's workbook: restricted to its actions). */
  readonly plan: Plan;
  /** The structure it was built with (its own plan), by which its entries were read. */
  readonly model: WorkbookModel;
  readonly state: WorkbookState;
}

/**
 * The plan a workbook was built from: the one stored in it; else `fallback` (a plan file, the
 * embedded plan, the task pane's plan) but only when it is the same plan id and version, since
 * another version's structure would misread the entries. Null when neither holds.
 */
export function planOfStored(stored: StoredWorkbook, fallback: FallbackPlan): Plan | null {
  if (stored.planJson) {
    const parsed = parsePlanJson(stored.planJson);
    if (parsed.ok) return parsed.plan;
  }
  const { meta } = stored;
  const plan = typeof fallback === "function" ? fallback() : fallback;
  if (plan && plan.id === meta.planId && plan.version === meta.planVersion)
    return workbookPlan(plan, meta.partner || null);
  return null;
}

/** Finds a stored workbook's plan and reads its state. `merge.no_plan` when no plan fits. */
export function openStored(
  stored: StoredWorkbook,
  fallback: FallbackPlan,
  options: { readonly generatorVersion: string; readonly on: string }
): Opened<OpenedWorkbook> {
  const plan = planOfStored(stored, fallback);
  if (!plan) return { ok: false, problems: [message("merge.no_plan")] };
  // Metadata naming a partner the plan does not cite (edited by hand): no workbook of that partner
  // exists to read it by.
  const partner = stored.meta.partner;
  if (partner !== "" && partnerActions(plan, partner).length === 0)
    return { ok: false, problems: [message("workbook.partner_unknown", { partner })] };
  // `plan` is already the partner's own plan: the model is built as the workbook was.
  const model = buildWorkbook(plan, {
    generatorVersion: options.generatorVersion,
    generatedOn: options.on,
    partner: stored.meta.partner || null,
  });
  // An axis sheet renamed or deleted holds entries the workbook no longer shows where the plan
  // says: refused with the reason, never read as « no entries » (and then lost on writing).
  const missing = [
    ...missingAxisSheets(plan, stored.sheets),
    ...missingInputSheets(model, stored.sheets),
  ];
  if (missing.length > 0) return { ok: false, problems: missing };
  // A sheet of the user's named like one of the tool's logs would be taken for it, and replaced.
  const taken = takenLogNames(stored.sheets);
  if (taken.length > 0) return { ok: false, problems: taken };
  return { ok: true, value: { stored, plan, model, state: readState(model, stored.sheets) } };
}

/**
 * `workbook.name_taken` for « Archives », « Journal des imports » or « Tableau de bord » when the
 * sheet is not the tool's (a workbook made before the dashboard existed may hold a user's own).
 */
export function takenLogNames(
  sheets: ReadonlyMap<string, { readonly rows: ReadonlyArray<ReadonlyArray<RawEntry>> }>
): Message[] {
  const out: Message[] = [];
  const archives = sheets.get(ARCHIVES_SHEET);
  if (archives && !isArchivesSheet(archives.rows))
    out.push(message("workbook.name_taken", { sheet: ARCHIVES_SHEET }));
  const journal = sheets.get(JOURNAL_SHEET);
  if (journal && !isJournalSheet(journal.rows))
    out.push(message("workbook.name_taken", { sheet: JOURNAL_SHEET }));
  const dashboard = sheets.get(DASHBOARD_SHEET);
  if (dashboard && !isDashboardSheet(dashboard.rows))
    out.push(message("workbook.name_taken", { sheet: DASHBOARD_SHEET }));
  return out;
}

/**
 * `workbook.axis_missing` for each other sheet with input cells (Échéancier, Paramètres, Écarts) the
 * workbook's model has and the workbook does not: renamed, it would be carried as a sheet of the
 * user's and its entries read nowhere.
 */
export function missingInputSheets(
  model: WorkbookModel,
  sheets: ReadonlyMap<string, unknown>
): Message[] {
  return model.sheets
    .map((s) => s.name)
    .filter((name) => !isAxisSheetName(name) && inputSheetSpec(name) !== null && !sheets.has(name))
    .map((sheet) => message("workbook.axis_missing", { sheet }));
}

/** `workbook.axis_missing` for each axis sheet of the workbook's plan it does not have. */
export function missingAxisSheets(plan: Plan, sheets: ReadonlyMap<string, unknown>): Message[] {
  return plan.axes
    .map((axis) => axisSheetName(axis))
    .filter((name) => !sheets.has(name))
    .map((sheet) => message("workbook.axis_missing", { sheet }));
}

/**
 * Reads `.xlsx` bytes as a stored workbook; a problem names the file (`check.unusable`). `sheets`
 * limits the sheets read (the metadata is always read), for a command that needs only some;
 * `formulas: false` skips the formulas' text, for a command that needs only the values.
 */
export async function readStoredBytes(
  file: string,
  bytes: Uint8Array,
  options: { readonly sheets?: (name: string) => boolean; readonly formulas?: boolean } = {}
): Promise<Opened<StoredWorkbook>> {
  const { readXlsx } = await import(/* webpackChunkName: "xlsx" */ "../xlsx/read");
  const read = await readXlsx(bytes, options);
  return read.ok
    ? { ok: true, value: read.workbook }
    : { ok: false, problems: [unusable(file, read.problem)] };
}

/** « Le fichier … est inutilisable : … » with the reason as a sentence. */
export function unusable(file: string, reason: Message): Message {
  return message("check.unusable", { file, reason: formatMessage(reason) });
}

/** Opens `.xlsx` bytes: read, plan found (stored, else `fallback` of the same id and version), state. */
export async function openStoredBytes(
  file: string,
  bytes: Uint8Array,
  fallback: FallbackPlan,
  options: { readonly generatorVersion: string; readonly on: string }
): Promise<Opened<OpenedWorkbook>> {
  const read = await readStoredBytes(file, bytes);
  if (!read.ok) return read;
  const opened = openStored(read.value, fallback, options);
  return opened.ok
    ? opened
    : { ok: false, problems: opened.problems.map((p) => unusable(file, p)) };
}
