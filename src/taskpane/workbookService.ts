import type { Message } from "../domain/messages/types";
import type { Plan } from "../domain/plan/schema";
import type { CheckReport } from "../domain/workbook/check";

/**
 * What the task pane asks of the workbook. The Office.js adapter (src/office/) implements it; the task
 * pane never touches Office.js itself, and tests give it a fake Excel or a stub.
 */

export interface Progress {
  readonly done: number;
  readonly total: number;
  /** French label of the current step, e.g. « Onglet Axe II ». */
  readonly label: string;
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
  /** Calls back when the user edits an axis sheet (where Excel's events allow); returns an unsubscribe. */
  onEntriesChanged(callback: () => void): Promise<() => void>;
}
