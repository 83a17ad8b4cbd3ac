import type { Message } from "../domain/messages/types";
import type { Plan } from "../domain/plan/schema";
import type { CheckReport } from "../domain/workbook/check";
import type { EntryValue } from "../domain/workbook/entries";

/**
 * What the task pane asks of the workbook (the port). The Office.js adapter (src/office/) implements
 * it; the task pane never touches Office.js itself, and tests give it a fake Excel or a stub. It
 * carries data only: problems are `Message`s and progress steps are codes; the pane words them.
 */

/** A step of a generation: preparing the workbook, writing one sheet, finishing, done. */
export type ProgressStep =
  | { readonly kind: "prepare" }
  | { readonly kind: "sheet"; readonly sheet: string }
  | { readonly kind: "finish" }
  | { readonly kind: "ready" };

export interface Progress {
  readonly done: number;
  readonly total: number;
  readonly step: ProgressStep;
}

export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly Message[] };

export interface GenerateResult {
  readonly sheets: number;
  readonly rows: number;
  /** Entries found in the workbook before regeneration and written back (0 for a new workbook). */
  readonly keptEntries: number;
  /** Entries of indicators that no longer exist, moved to the Archives sheet (0 when none). */
  readonly archivedEntries: number;
  readonly regenerated: boolean;
}

export interface ScheduleRow {
  readonly ref: string;
  readonly title: string;
  /** French phase label (`Court terme`...) or null. */
  readonly phase: string | null;
  /** ISO dates `YYYY-MM-DD` typed by the user, or null. */
  readonly start: string | null;
  readonly end: string | null;
  /** 0..100, or null. */
  readonly progress: number | null;
}

/** A partner's workbook prepared from the open workbook, ready to download or open. */
export interface PartnerFile {
  readonly partner: string;
  /** e.g. `classeur-pays-segali-communaute-2021-2025-caf.xlsx`. */
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly actions: number;
  /** Indicator rows in it. */
  readonly rows: number;
  /** Entries of the open workbook copied into it. */
  readonly entries: number;
}

/** A returned workbook the coordinator picked (its name and bytes). */
export interface ReturnFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** One conflict of an import: the open workbook and a return disagree on an entry. */
export interface ImportConflict {
  /** Identifies the conflict for a choice. */
  readonly id: string;
  readonly file: string;
  readonly partner: string;
  readonly sheet: string;
  /** Indicator row id (`I.A.1-RES-1`) or action ref. */
  readonly key: string;
  readonly label: string;
  /** Year (`2023`) or column (`Commentaire`). */
  readonly column: string;
  /**
   * `conflict`: the master and the partner both changed the value sent (or, for a file that records
   * no base, the values differ); `cleared`: the partner cleared a value it was sent.
   */
  readonly kind: "conflict" | "cleared";
  /** The value the partner's workbook was sent (null when empty or not recorded). */
  readonly sentValue: EntryValue | null;
  /** The master's value (null when empty). */
  readonly masterValue: EntryValue | null;
  /** The return's value (null when cleared). */
  readonly returnedValue: EntryValue | null;
}

/** What importing one returned file does (or why it is refused). */
export interface ImportFileReport {
  readonly file: string;
  readonly partner: string;
  readonly merged: boolean;
  /** Why the file is refused, empty when merged. */
  readonly problems: readonly Message[];
  /** Things to know that do not stop the merge. */
  readonly warnings: readonly Message[];
  readonly added: number;
  readonly same: number;
  readonly conflicts: number;
  /** Values the partner corrected where the master still had what was sent (taken). */
  readonly updated: number;
  /** Values the partner was sent and cleared (each also a choice among the conflicts). */
  readonly cleared: number;
  /** Values sent back unchanged that the master changed since (the master's kept). */
  readonly masterNewer: number;
  /** Whether the file records the values it was sent (else the merge is two-way). */
  readonly baseRecorded: boolean;
  /** Bad entries merged as they are: the row id, the column and the engine's problem. */
  readonly invalid: readonly InvalidEntry[];
}

/** An entry a return brings that the engine cannot read (merged as it is, shown to the user). */
export interface InvalidEntry {
  readonly key: string;
  readonly column: string;
  readonly problem: Message;
}

export interface ImportPreview {
  readonly files: readonly ImportFileReport[];
  readonly conflicts: readonly ImportConflict[];
}

export interface ImportResult {
  readonly files: readonly ImportFileReport[];
  /** Entries written into the workbook (added, and conflicts resolved for the return). */
  readonly written: number;
  /** Rows added to the Journal des imports sheet. */
  readonly journalRows: number;
}

export type ConflictChoice = "master" | "return";

/** A year's bilan frozen in the open workbook (« Figer le bilan »). */
export interface FrozenBilan {
  readonly year: number;
  /** The protected sheet that holds it (`Bilan 2023`). */
  readonly sheet: string;
  /** ISO date it was frozen. */
  readonly takenOn: string;
  /** Indicator targets in it. */
  readonly targets: number;
  /** Targets with an entry for the year. */
  readonly entered: number;
  /** ISO date of the bilan of the same year it replaced, or null. */
  readonly replacedOn: string | null;
}

/** The bilan document made from the open workbook, ready to download. */
export interface BilanFile {
  readonly year: number;
  readonly format: "docx" | "html";
  /** e.g. `bilan-pays-segali-communaute-2021-2025-2023.docx`. */
  readonly fileName: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
  readonly axes: number;
  readonly actions: number;
  readonly targets: number;
  /** The frozen bilan the changes are measured against (ISO date), or null when there is none. */
  readonly comparedWith: { readonly year: number; readonly takenOn: string } | null;
}

export interface WorkbookService {
  /** Whether the open workbook already holds a CTG (its plan id and version), or null. */
  current(): Promise<Outcome<{ planId: string; planVersion: string } | null>>;
  /** Generates (or regenerates, keeping every entry) the workbook from a plan. */
  generate(plan: Plan, onProgress: (p: Progress) => void): Promise<Outcome<GenerateResult>>;
  /** Reads every entry and evaluates it (the same engine and rules as `ctg check`). */
  check(): Promise<Outcome<CheckReport>>;
  /** Rebuilds the derived sheets (Récapitulatif, Échéancier timeline) from the current entries, never touching an input. */
  refresh(): Promise<Outcome<{ sheets: number }>>;
  /** Selects a cell for the user (a click on a problem). */
  select(sheet: string, row: number, column: number): Promise<Outcome<void>>;
  readSchedule(): Promise<Outcome<ScheduleRow[]>>;
  writeSchedule(rows: readonly ScheduleRow[]): Promise<Outcome<void>>;
  /**
   * Prepares one workbook per partner (only their actions, with the open workbook's entries).
   * `plan` is the task pane's plan, used when the open workbook does not hold its own.
   */
  preparePartners(plan: Plan, partners: readonly string[]): Promise<Outcome<PartnerFile[]>>;
  /** Whether `openPartnerFile` can open a workbook in a new Excel window here (ExcelApi 1.8). */
  canOpenWorkbooks(): boolean;
  /** Opens a prepared workbook as a new workbook in Excel. */
  openPartnerFile(file: PartnerFile): Promise<Outcome<void>>;
  /** Verifies the returned files and shows what merging them would do (nothing is written). */
  previewImport(plan: Plan, files: readonly ReturnFile[]): Promise<Outcome<ImportPreview>>;
  /**
   * Merges the returned files into the open workbook: each conflict resolved by `choices` (by
   * conflict id; the workbook's value is kept when absent), every change written in the Journal des
   * imports sheet.
   */
  applyImport(
    plan: Plan,
    files: readonly ReturnFile[],
    choices: ReadonlyMap<string, ConflictChoice>
  ): Promise<Outcome<ImportResult>>;
  /**
   * Freezes the bilan of `year` in a protected sheet « Bilan AAAA » (values, statuses and comments as
   * they are now); a year already frozen is refused unless `replace`. `plan` is the pane's plan, used
   * when the open workbook does not hold its own.
   */
  freezeBilan(plan: Plan, year: number, replace: boolean): Promise<Outcome<FrozenBilan>>;
  /** The bilan document of `year` (Word or HTML), compared with the latest earlier frozen bilan. */
  makeBilan(plan: Plan, year: number, format: "docx" | "html"): Promise<Outcome<BilanFile>>;
  /** Calls back when the user edits an axis sheet (where Excel's events allow); returns an unsubscribe. */
  onEntriesChanged(callback: () => void): Promise<() => void>;
}
