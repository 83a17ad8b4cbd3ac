import { nameWords, type PartnerName } from "../../domain/plan/partners";
import { formatNumberFr } from "../../domain/messages/format";
import type { EntryValue } from "../../domain/workbook/entries";
import type {
  ConflictChoice,
  ImportConflict,
  ImportFileReport,
  ImportPreview,
} from "../../app/port";
import { T } from "../texts";
import { frenchMessage } from "./messages";

/**
 * What the partners panel shows (plain data, testable without a DOM): the partner names filtered by
 * what the user types, the chosen names, the per-conflict choices of an import and its reports.
 */

/** Words a search ignores when it has others (`la caf` finds `CAF`). */
const SMALL_WORDS = new Set(["le", "la", "les", "l", "de", "du", "des", "d", "et", "un", "une"]);

/** The words of a search, lower case and without accents (`Communauté` -> `communaute`). */
export function searchWords(query: string): string[] {
  const words = nameWords(query);
  const meaningful = words.filter((w) => !SMALL_WORDS.has(w));
  return meaningful.length > 0 ? meaningful : words;
}

export interface PartnerOption {
  readonly name: string;
  readonly actions: number;
  /** The words of the name and of its variants (a search for « Caf12 » finds the CAF). */
  readonly words: readonly string[];
}

export function partnerOptions(directory: readonly PartnerName[]): PartnerOption[] {
  return directory.map((p) => ({
    name: p.name,
    actions: p.actions.length,
    words: [...new Set([p.name, ...(p.variants ?? [])].flatMap((n) => nameWords(n)))],
  }));
}

/** The options whose words start with every word of the query (all of them for an empty query), in order. */
export function filterPartners(options: readonly PartnerOption[], query: string): PartnerOption[] {
  const needle = searchWords(query);
  if (needle.length === 0) return [...options];
  return options.filter((o) => needle.every((n) => o.words.some((w) => w.startsWith(n))));
}

/** How many names the list shows before « show all » (the most cited first; a search finds the rest). */
export const LIST_LIMIT = 40;

/** The options to show: the first `limit` unless all are asked for, and how many are left out. */
export function visiblePartners(
  filtered: readonly PartnerOption[],
  showAll: boolean,
  limit = LIST_LIMIT
): { readonly shown: readonly PartnerOption[]; readonly hidden: number } {
  if (showAll || filtered.length <= limit) return { shown: filtered, hidden: 0 };
  return { shown: filtered.slice(0, limit), hidden: filtered.length - limit };
}

/** The selection with `name` checked or unchecked (no duplicates). */
export function toggleSelected(
  selected: readonly string[],
  name: string,
  checked: boolean
): string[] {
  const rest = selected.filter((s) => s !== name);
  return checked ? [...rest, name] : rest;
}

/** The chosen names that the directory holds, in the directory's order (most cited first). */
export function selectionInOrder(
  options: readonly PartnerOption[],
  selected: readonly string[]
): string[] {
  const chosen = new Set(selected);
  return options.filter((o) => chosen.has(o.name)).map((o) => o.name);
}

/** An entry as the pane shows it: French numbers, VRAI/FAUX, « (vide) » for an empty text. */
export function entryText(value: EntryValue | null): string {
  if (value === null) return T.importReturns.empty;
  if (typeof value === "number") return formatNumberFr(value);
  if (typeof value === "boolean") return value ? T.importReturns.yes : T.importReturns.no;
  return value.trim() === "" ? T.importReturns.empty : value;
}

/** Choices by conflict id; a conflict without one keeps the workbook's value. */
export type Choices = Readonly<Record<string, ConflictChoice>>;

export function choiceOf(choices: Choices, id: string): ConflictChoice {
  return choices[id] ?? "master";
}

export function setChoice(choices: Choices, id: string, choice: ConflictChoice): Choices {
  return { ...choices, [id]: choice };
}

/** The same choice for every conflict. */
export function chooseAll(conflicts: readonly ImportConflict[], choice: ConflictChoice): Choices {
  return Object.fromEntries(conflicts.map((c) => [c.id, choice]));
}

/** What `applyImport` receives: a choice for every conflict of the preview (explicit, defaults included). */
export function choicesMap(
  conflicts: readonly ImportConflict[],
  choices: Choices
): Map<string, ConflictChoice> {
  return new Map(conflicts.map((c) => [c.id, choiceOf(choices, c.id)]));
}

export function takenCount(conflicts: readonly ImportConflict[], choices: Choices): number {
  return conflicts.filter((c) => choiceOf(choices, c.id) === "return").length;
}

/** Whether importing would merge anything (at least one file is accepted). */
export function canImport(preview: ImportPreview): boolean {
  return preview.files.some((f) => f.merged);
}

export interface FileReportView {
  readonly key: string;
  readonly title: string;
  readonly merged: boolean;
  /** The counts, or null for a refused file. */
  readonly counts: string | null;
  /** What the three-way merge did, or that the file records no base (absent when nothing to say). */
  readonly threeWay?: string;
  readonly problems: readonly string[];
  readonly warnings: readonly string[];
  readonly invalid: readonly string[];
}

function threeWayView(report: ImportFileReport): { threeWay?: string } {
  if (!report.merged) return {};
  if (!report.baseRecorded) return { threeWay: T.importReturns.noBase };
  const { updated, masterNewer, cleared } = report;
  return updated + masterNewer + cleared === 0
    ? {}
    : { threeWay: T.importReturns.threeWay(updated, masterNewer, cleared) };
}

/** One file of a preview (`done` false) or of an import's result (`done` true), in French sentences. */
export function fileReportView(
  report: ImportFileReport,
  index: number,
  done: boolean
): FileReportView {
  const counts = done ? T.importReturns.countsDone : T.importReturns.counts;
  return {
    key: `${index}-${report.file}`,
    title: T.importReturns.fileTitle(report.file, report.partner),
    merged: report.merged,
    counts: report.merged ? counts(report.added, report.same, report.conflicts) : null,
    ...threeWayView(report),
    problems: report.problems.map((m) => frenchMessage(m)),
    warnings: report.warnings.map((m) => frenchMessage(m)),
    // The engine's message quotes the value itself.
    invalid: report.invalid.map((i) => `${i.key} ${i.column} : ${frenchMessage(i.problem, false)}`),
  };
}

/** The names of the refused files. */
export function refusedFiles(files: readonly ImportFileReport[]): string[] {
  return files.filter((f) => !f.merged).map((f) => f.file);
}

/** Whether a picked file is a workbook the import can read (`.xlsx`). */
export function isWorkbookFile(name: string): boolean {
  return /\.xlsx$/i.test(name.trim());
}
