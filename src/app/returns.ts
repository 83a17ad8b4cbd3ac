/**
 * Importing partners' returns into a master (`ctg merge`, the add-in's « Importer des retours »):
 * each return read and verified, merged in order, and the master rebuilt with its journal.
 */
import { message, type Message } from "../domain/messages/types";
import {
  mergedMaster,
  mergeReturns,
  refusedReport,
  type MergeResult,
  type Preference,
  type ReturnInput,
  type ReturnReport,
} from "../domain/merge/merge";
import type { JournalRecord } from "../domain/workbook/logSheets";
import type { Rebuilt } from "../domain/workbook/update";
import type { ImportConflict, ImportFileReport, ImportPreview } from "./port";
import {
  readStoredBytes,
  type Moment,
  type Opened,
  type OpenedWorkbook,
  type StoredWorkbook,
} from "./workbooks";

/** A returned file: its name and bytes (or already read), or why it could not even be read from disk. */
export type ReturnSource =
  | { readonly name: string; readonly bytes: Uint8Array }
  | { readonly name: string; readonly workbook: StoredWorkbook }
  | { readonly name: string; readonly problems: readonly Message[] };

export interface ImportOptions {
  readonly moment: Moment;
  readonly generatorVersion: string;
  /** Which value wins a conflict by default (the master's unless told otherwise). */
  readonly prefer?: Preference;
  /** Choices per conflict (by its id), e.g. from the task pane; override `prefer`. */
  readonly choices?: ReadonlyMap<string, Preference>;
}

export interface ImportComputation {
  readonly merged: MergeResult;
  /** Files that could not be read as CTG workbooks (refused). */
  readonly unreadable: readonly ReturnReport[];
}

export interface ImportOutcome extends ImportComputation {
  /** The master rebuilt with the merged entries and its journal. */
  readonly rebuilt: Rebuilt;
  /** The rows added to the Journal des imports. */
  readonly journal: readonly JournalRecord[];
}

/** Only a master (a CTG workbook that is not a partner's) takes returns. */
export function masterProblem(master: OpenedWorkbook): Message | null {
  return master.stored.meta.partner === "" ? null : message("merge.not_master");
}

/** The returns read: the CTG workbooks, and the files refused as unreadable. */
export interface ReadReturns {
  readonly inputs: readonly ReturnInput[];
  readonly unreadable: readonly ReturnReport[];
}

/** Reads each returned file (once: a merge may then be computed again from what was read). */
export async function readReturns(returns: readonly ReturnSource[]): Promise<ReadReturns> {
  const inputs: ReturnInput[] = [];
  const unreadable: ReturnReport[] = [];
  for (const r of returns) {
    const read: Opened<StoredWorkbook> =
      "bytes" in r
        ? await readStoredBytes(r.name, r.bytes)
        : "workbook" in r
          ? { ok: true, value: r.workbook }
          : { ok: false, problems: r.problems };
    if (read.ok) inputs.push({ file: r.name, workbook: read.value });
    else unreadable.push(refusedReport({ file: r.name, partner: "" }, read.problems, []));
  }
  return { inputs, unreadable };
}

/** Merges returns already read with the master's entries; nothing is rebuilt. */
export function mergeReadReturns(
  master: OpenedWorkbook,
  read: ReadReturns,
  options: ImportOptions
): ImportComputation {
  const { meta } = master.stored;
  const merged = mergeReturns(
    master.plan,
    {
      planId: meta.planId,
      planVersion: meta.planVersion,
      entries: master.state.entries,
      model: master.model,
    },
    [...read.inputs],
    {
      at: options.moment.at,
      generatorVersion: options.generatorVersion,
      prefer: options.prefer ?? "master",
      ...(options.choices ? { choices: options.choices } : {}),
    }
  );
  return { merged, unreadable: read.unreadable };
}

/** Reads the returns and merges them with the master's entries; nothing is rebuilt. */
export async function computeImport(
  master: OpenedWorkbook,
  returns: readonly ReturnSource[],
  options: ImportOptions
): Promise<ImportComputation> {
  return mergeReadReturns(master, await readReturns(returns), options);
}

/** Merges the returns into the master: `{ merged, rebuilt, journal }` (and the unreadable files). */
export async function importReturns(
  master: OpenedWorkbook,
  returns: readonly ReturnSource[],
  options: ImportOptions
): Promise<Opened<ImportOutcome>> {
  const refused = masterProblem(master);
  if (refused) return { ok: false, problems: [refused] };
  const computed = await computeImport(master, returns, options);
  return { ok: true, value: rebuildAfterImport(master, computed, options) };
}

/** The master rebuilt with an import's merged entries, and the rows added to its journal. */
export function rebuildAfterImport(
  master: OpenedWorkbook,
  computed: ImportComputation,
  options: Pick<ImportOptions, "moment" | "generatorVersion">
): ImportOutcome {
  const { rebuilt, journal } = mergedMaster(
    master.plan,
    master.state,
    computed.merged,
    computed.unreadable,
    {
      at: options.moment.at,
      on: options.moment.on,
      generatorVersion: options.generatorVersion,
      previousVersion: master.plan.version,
      model: master.model,
    }
  );
  return { ...computed, rebuilt, journal };
}

/** Every file's report, merged first then the unreadable ones. */
export function allReports(c: ImportComputation): ReturnReport[] {
  return [...c.merged.returns, ...c.unreadable];
}

const WRITTEN: ReadonlySet<string> = new Set([
  "added",
  "partner_update",
  "conflict_took_return",
  "cleared_took_return",
]);

/** Entries written (or cleared) in the master: added, corrected, and choices for the return. */
export function writtenEntries(c: ImportComputation): number {
  return c.merged.returns.reduce(
    (n, r) => n + r.changes.filter((ch) => WRITTEN.has(ch.outcome)).length,
    0
  );
}

/** The reports as the task pane's port carries them (messages as data). */
export function fileReports(c: ImportComputation): ImportFileReport[] {
  return allReports(c).map((r) => ({
    file: r.file,
    partner: r.partner,
    merged: r.merged,
    problems: r.problems,
    warnings: r.warnings,
    added: r.added,
    same: r.same,
    conflicts: r.conflicts,
    updated: r.updated,
    cleared: r.cleared,
    masterNewer: r.masterNewer,
    baseRecorded: r.baseRecorded,
    invalid: r.changes.flatMap((ch) =>
      ch.problem === null ? [] : [{ key: ch.key, column: ch.column, problem: ch.problem }]
    ),
  }));
}

/** What an import would do: the file reports and the conflicts to choose. */
export function importPreview(c: ImportComputation): ImportPreview {
  const conflicts: ImportConflict[] = [];
  for (const r of c.merged.returns)
    for (const ch of r.changes) {
      const kind = ch.outcome.startsWith("conflict")
        ? "conflict"
        : ch.outcome.startsWith("cleared")
          ? "cleared"
          : null;
      if (kind)
        conflicts.push({
          id: ch.id,
          file: ch.file,
          partner: ch.partner,
          sheet: ch.sheet,
          key: ch.key,
          label: ch.label,
          column: ch.column,
          kind,
          sentValue: ch.sentValue,
          masterValue: ch.masterValue,
          returnedValue: ch.returnedValue,
        });
    }
  return { files: fileReports(c), conflicts };
}
