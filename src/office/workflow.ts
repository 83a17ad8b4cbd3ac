/**
 * The partner workflow in the add-in: reading the open workbook's state (entries, archives, journal
 * and the plan it was built from), preparing partners' workbooks, and merging returns. Every rule is
 * the domain's (the same functions as `ctg build --partner`, `ctg merge` and `ctg refresh`); this
 * module only reads the open workbook and turns files into bytes.
 */
import { formatMessage } from "../domain/messages";
import { message, type Message } from "../domain/messages/types";
import {
  mergeReturns,
  refusedReport,
  type MergeResult,
  type ReturnInput,
  type ReturnReport,
} from "../domain/merge/merge";
import { partnerActions, partnerFileName } from "../domain/plan/partners";
import type { Plan } from "../domain/plan/schema";
import { parsePlanJson } from "../domain/plan/validate";
import { buildWorkbook } from "../domain/workbook/build";
import { inputSheetSpec } from "../domain/workbook/entries";
import { ARCHIVES_SHEET, JOURNAL_SHEET } from "../domain/workbook/logSheets";
import type { StoredMeta } from "../domain/workbook/meta";
import { buildPartnerWorkbook, readState, type WorkbookState } from "../domain/workbook/update";
import type {
  ImportConflict,
  ImportFileReport,
  ImportPreview,
  PartnerFile,
  ReturnFile,
} from "../taskpane/workbookService";
import type { RequestContextLike } from "./excelApi";
import { readBackSheets, readMetaAndPlan } from "./read";

export interface OpenState {
  /** Null when the open workbook is not a CTG workbook. */
  readonly meta: StoredMeta | null;
  /** The plan the open workbook was built from (its stored plan), else the task pane's. */
  readonly plan: Plan;
  readonly state: WorkbookState;
}

const EMPTY: WorkbookState = { entries: [], archives: [], journal: [] };

/** Reads the open workbook's metadata, stored plan and state (entries, archives, journal). */
export async function readOpenState(
  ctx: RequestContextLike,
  fallbackPlan: Plan,
  generatorVersion: string
): Promise<OpenState> {
  const { meta, planJson: json } = await readMetaAndPlan(ctx);
  if (!meta) return { meta: null, plan: fallbackPlan, state: EMPTY };
  const stored = json === null ? null : parsePlanJson(json);
  const plan = stored?.ok ? stored.plan : fallbackPlan;
  // The structure the workbook was built with, to read its entries by row id and column header.
  const model = buildWorkbook(plan, {
    generatorVersion,
    generatedOn: "2000-01-01",
    partner: meta.partner || null,
  });
  const sheets = await readBackSheets(
    ctx,
    (name) => inputSheetSpec(name) !== null || name === ARCHIVES_SHEET || name === JOURNAL_SHEET
  );
  return { meta, plan, state: readState(model, sheets) };
}

/** Builds each partner's workbook (with the open workbook's entries for its rows) as `.xlsx` bytes. */
export async function preparePartnerFiles(
  open: OpenState,
  partners: readonly string[],
  options: { generatorVersion: string; generatedOn: string }
): Promise<{ ok: true; files: PartnerFile[] } | { ok: false; problems: Message[] }> {
  if (open.meta && open.meta.partner !== "")
    return { ok: false, problems: [message("merge.not_master")] };
  const unknown = partners.filter((p) => partnerActions(open.plan, p).length === 0);
  if (unknown.length > 0)
    return { ok: false, problems: unknown.map((partner) => message("partner.none", { partner })) };
  const { writeXlsx } = await import(/* webpackChunkName: "xlsx" */ "../xlsx/write");
  const files: PartnerFile[] = [];
  for (const partner of partners) {
    const { model, copied } = buildPartnerWorkbook(open.plan, partner, options, open.state.entries);
    const bytes = await writeXlsx(model);
    files.push({
      partner,
      fileName: partnerFileName(open.plan.id, partner),
      bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      actions: partnerActions(open.plan, partner).length,
      entries: copied,
    });
  }
  return { ok: true, files };
}

export interface ImportComputation {
  readonly merged: MergeResult;
  /** Files that could not be read as CTG workbooks (refused). */
  readonly unreadable: readonly ReturnReport[];
}

/** Reads the returned files and merges them with the open workbook's entries (pure after reading). */
export async function computeImport(
  open: OpenState,
  files: readonly ReturnFile[],
  options: {
    at: string;
    generatorVersion: string;
    choices?: ReadonlyMap<string, "master" | "return">;
  }
): Promise<ImportComputation> {
  const { readXlsx } = await import(/* webpackChunkName: "xlsx" */ "../xlsx/read");
  const inputs: ReturnInput[] = [];
  const unreadable: ReturnReport[] = [];
  for (const f of files) {
    const copy = f.bytes.slice().buffer;
    const read = await readXlsx(copy);
    if (read.ok) inputs.push({ file: f.name, workbook: read.workbook });
    else unreadable.push(refusedReport({ file: f.name, partner: "" }, [read.problem], []));
  }
  const meta = open.meta as StoredMeta;
  const merged = mergeReturns(
    open.plan,
    { planId: meta.planId, planVersion: meta.planVersion, entries: open.state.entries },
    inputs,
    {
      at: options.at,
      generatorVersion: options.generatorVersion,
      prefer: "master",
      ...(options.choices ? { choices: options.choices } : {}),
    }
  );
  return { merged, unreadable };
}

export function fileReports(c: ImportComputation): ImportFileReport[] {
  return [...c.merged.returns, ...c.unreadable].map((r) => ({
    file: r.file,
    partner: r.partner,
    merged: r.merged,
    problems: r.problems.map((m) => formatMessage(m)),
    warnings: r.warnings.map((m) => formatMessage(m)),
    added: r.added,
    same: r.same,
    conflicts: r.conflicts,
    invalid: r.changes
      .filter((ch) => ch.problem !== null)
      .map(
        // The engine's message quotes the value itself.
        (ch) => `${ch.key} ${ch.column} : ${formatMessage(ch.problem as Message)}`
      ),
  }));
}

export function importPreview(c: ImportComputation): ImportPreview {
  const conflicts: ImportConflict[] = [];
  for (const r of c.merged.returns)
    for (const ch of r.changes)
      if (ch.outcome !== "added" && ch.masterValue !== null)
        conflicts.push({
          id: ch.id,
          file: ch.file,
          partner: ch.partner,
          sheet: ch.sheet,
          key: ch.key,
          label: ch.label,
          column: ch.column,
          masterValue: ch.masterValue,
          returnedValue: ch.returnedValue,
        });
  return { files: fileReports(c), conflicts };
}

/** Base64 of bytes, for `Excel.createWorkbook` (btoa on chunks: no Buffer in a browser). */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export const JOURNAL_REFUSED = "Retour refusé";
