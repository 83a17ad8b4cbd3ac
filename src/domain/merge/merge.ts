import { entryKindOf, readEntry } from "../engine/read";
import { formatMessage } from "../messages";
import { message, type Message } from "../messages/types";
import { partnerActions } from "../plan/partners";
import type { Plan } from "../plan/schema";
import type { Target } from "../targets/schema";
import {
  axisColumns,
  axisRows,
  isAxisSheetName,
  planYears,
  type AxisColumnKey,
} from "../workbook/axisSheet";
import { buildWorkbook } from "../workbook/build";
import { columnKeyOf } from "../workbook/columns";
import {
  entryLocation,
  inputIndex,
  LocationMap,
  readEntries,
  sameValue,
  type Entry,
  type EntryValue,
} from "../workbook/entries";
import { decodeBase } from "../workbook/base";
import { frenchDateTime, type JournalRecord } from "../workbook/logSheets";
import type { WorkbookModel } from "../workbook/model";
import { SCHEDULE_SHEET } from "../workbook/recapSheets";
import { rebuildWorkbook, type Rebuilt, type WorkbookState } from "../workbook/update";
import { planProblems, verifyReturn, type ReturnedWorkbook } from "./verify";

/**
 * Merging partners' returns into the master's entries. Entries are matched by row id and column
 * (indicator id and year). A three-way merge: a partner's workbook records the values it was sent
 * (its base, `../workbook/base.ts`). The same value is nothing to do; a value the partner changed
 * where the master still has what was sent is taken (a partner's update); a value the partner sent
 * back unchanged where the master changed since keeps the master's; both changed differently is a
 * conflict: the master keeps its value unless told otherwise (`prefer`, or a choice per conflict),
 * and either way the three values are written in the journal. A value the partner cleared is
 * reported, and cleared in the master only when chosen. A file without a recorded base (prepared by
 * an earlier version) is merged two-way: an empty master cell takes the returned value, a different
 * value is a conflict. A return is verified first: an altered one is
 * refused whole. Bad entries are merged as they are (they are the partner's words) and reported with
 * the engine's messages. Pure: the shells read and write the files.
 */

export type Preference = "master" | "return";

export type ChangeOutcome =
  | "added"
  | "partner_update"
  | "conflict_kept_master"
  | "conflict_took_return"
  | "cleared_kept_master"
  | "cleared_took_return";

function outcomeOf(
  kind: "added" | "update" | "conflict" | "cleared",
  choice: Preference
): ChangeOutcome {
  if (kind === "added") return "added";
  if (kind === "update") return "partner_update";
  return `${kind}_${choice === "return" ? "took_return" : "kept_master"}`;
}

export interface MergeChange {
  /** Identifies a conflict for a choice (`file`, then the entry's location). */
  readonly id: string;
  readonly file: string;
  readonly partner: string;
  readonly sheet: string;
  readonly key: string;
  readonly label: string;
  readonly column: string;
  /** The master's value (null when empty). */
  readonly masterValue: EntryValue | null;
  /** The return's value (null when the partner cleared a value it was sent). */
  readonly returnedValue: EntryValue | null;
  /** The value the partner's workbook was sent (null when empty, or when the file records none). */
  readonly sentValue: EntryValue | null;
  readonly outcome: ChangeOutcome;
  /** The engine's problem with the returned value, if it cannot be judged (merged anyway). */
  readonly problem: Message | null;
}

export interface ReturnReport {
  readonly file: string;
  readonly partner: string;
  readonly merged: boolean;
  readonly problems: readonly Message[];
  readonly warnings: readonly Message[];
  readonly added: number;
  readonly same: number;
  readonly conflicts: number;
  readonly invalid: number;
  /** Values the partner changed where the master still had what was sent: taken. */
  readonly updated: number;
  /** Values the partner was sent and cleared: reported (cleared in the master only when chosen). */
  readonly cleared: number;
  /** Values the partner sent back unchanged where the master changed since: the master's kept. */
  readonly masterNewer: number;
  /** Whether the file records the values it was sent (the three-way merge's base). */
  readonly baseRecorded: boolean;
  readonly changes: readonly MergeChange[];
}

export interface ReturnInput {
  /** The file's name as the coordinator knows it. */
  readonly file: string;
  readonly workbook: ReturnedWorkbook;
}

export interface MergeOptions {
  /** Which value wins a conflict by default (the master's unless told otherwise). */
  readonly prefer?: Preference;
  /** Choices per conflict (by `MergeChange.id`), e.g. from the task pane; override `prefer`. */
  readonly choices?: ReadonlyMap<string, Preference>;
  /** The time of the import, ISO (`2026-11-29T14:03:00`), for the journal. */
  readonly at: string;
  readonly generatorVersion: string;
}

export interface MergeResult {
  /** The master's entries after the merge. */
  readonly entries: readonly Entry[];
  readonly returns: readonly ReturnReport[];
  /** Journal rows to add to the master's Journal des imports. */
  readonly journal: readonly JournalRecord[];
}

/** Sheets whose entries a return brings: measurements and the échéancier, not the settings. */
function mergedSheet(sheet: string): boolean {
  return isAxisSheetName(sheet) || sheet === SCHEDULE_SHEET;
}

/** What the formulas of an axis row read: its target, and the plan's axis columns by header. */
interface AxisReading {
  readonly targets: ReadonlyMap<string, Target>;
  columnKey(header: string): AxisColumnKey | null;
}

function axisReading(plan: Plan): AxisReading {
  const targets = new Map<string, Target>();
  for (const axis of plan.axes)
    for (const row of axisRows(axis)) targets.set(row.rowId, row.target);
  const columns = axisColumns(planYears(plan));
  // Asked once per returned entry: by header in a map rather than searched among the columns.
  const byHeader = new Map<string, AxisColumnKey | null>();
  const columnKey = (header: string): AxisColumnKey | null => {
    let key = byHeader.get(header);
    if (key === undefined) byHeader.set(header, (key = columnKeyOf(columns, header)));
    return key;
  };
  return { targets, columnKey };
}

/** The engine's problem with a returned value, read as the workbook's formulas read it. */
function entryProblem(entry: Entry, axes: AxisReading): Message | null {
  if (!isAxisSheetName(entry.sheet)) return null;
  const target = axes.targets.get(entry.key);
  if (!target) return null;
  // A year's measurement is read as its target measures; the baseline is a count.
  const column = axes.columnKey(entry.column);
  const kind = column === "year" ? entryKindOf(target) : column === "baseline" ? "count" : null;
  if (kind === null) return null;
  const reading = readEntry(entry.value, kind, { source: "cell" });
  return reading.kind === "invalid" ? reading.problem : null;
}

const OUTCOME_TEXT: Readonly<Record<ChangeOutcome, string>> = {
  added: "Ajoutée",
  partner_update: "Corrigée par le partenaire : valeur renvoyée retenue",
  conflict_kept_master: "Conflit : valeur du classeur gardée",
  conflict_took_return: "Conflit : valeur renvoyée retenue",
  cleared_kept_master: "Effacée par le partenaire : valeur du classeur gardée",
  cleared_took_return: "Effacée par le partenaire : effacée du classeur",
};

/**
 * Merges returns, in order, into the master's entries. `plan` is the master's plan; `master` its
 * metadata and entries (read with the model of that plan).
 */
export function mergeReturns(
  plan: Plan,
  master: {
    readonly planId: string;
    readonly planVersion: string;
    readonly entries: readonly Entry[];
    /** The master's model built from `plan` (the opened workbook's), whose sheets are reused. */
    readonly model?: WorkbookModel;
  },
  returns: readonly ReturnInput[],
  options: MergeOptions
): MergeResult {
  const masterModel = buildWorkbook(plan, {
    generatorVersion: options.generatorVersion,
    generatedOn: options.at.slice(0, 10),
    sameStructureAs: master.model,
  });
  const masterCells = inputIndex(masterModel);
  // The master's entry at each location, in a slot kept in the entries' order (first seen first).
  // A slot is emptied when a value the partner cleared is cleared in the master too (when chosen).
  const current = new LocationMap<{ entry: Entry | null }>();
  const order: Array<{ entry: Entry | null }> = [];
  const add = (entry: Entry) => {
    const slot = { entry };
    current.set(entry, slot);
    order.push(slot);
  };
  for (const e of master.entries) {
    const slot = current.get(e);
    if (slot) slot.entry = e;
    else add(e);
  }
  const axes = axisReading(plan);
  const at = frenchDateTime(options.at);
  const journal: JournalRecord[] = [];
  const reports: ReturnReport[] = [];
  // A full copy of the master (no partner) is checked against the master's own model.
  const expectedByPartner = new Map<string, WorkbookModel>([["", masterModel]]);
  // A partner's model is kept only while a later return of that partner needs it: at ×10 one is
  // 35 000 to 100 000 cells, which the garbage collector would otherwise keep marking to the end.
  const returnsLeft = new Map<string, number>();
  for (const ret of returns) {
    const partner = ret.workbook.meta.partner;
    returnsLeft.set(partner, (returnsLeft.get(partner) ?? 0) + 1);
  }

  for (const ret of returns) {
    const partner = ret.workbook.meta.partner;
    const left = (returnsLeft.get(partner) ?? 1) - 1;
    returnsLeft.set(partner, left);
    const fileOf = { file: ret.file, partner };
    // Another plan or version first: a partner unknown to this plan is then no surprise.
    const otherPlan = planProblems(ret.workbook.meta, master);
    if (otherPlan.length > 0 || (partner !== "" && partnerActions(plan, partner).length === 0)) {
      const problems =
        otherPlan.length > 0 ? otherPlan : [message("merge.unknown_partner", { partner })];
      reports.push(refusedReport(fileOf, problems, []));
      journal.push(refusalRecord(at, fileOf, problems));
      continue;
    }
    let expected = expectedByPartner.get(partner);
    if (!expected) {
      expected = buildWorkbook(plan, {
        generatorVersion: options.generatorVersion,
        generatedOn: options.at.slice(0, 10),
        partner: partner || null,
      });
      expectedByPartner.set(partner, expected);
    }
    if (left === 0 && partner !== "") expectedByPartner.delete(partner);
    const verification = verifyReturn(expected, ret.workbook, master);
    if (!verification.ok) {
      reports.push(refusedReport(fileOf, verification.problems, verification.warnings));
      journal.push(refusalRecord(at, fileOf, verification.problems));
      continue;
    }
    const merged = new Set(expected.sheets.map((s) => s.name).filter(mergedSheet));
    const base = decodeBase(ret.workbook.baseJson);
    const changes: MergeChange[] = [];
    const counts = { same: 0, masterNewer: 0 };
    const returned = new LocationMap<true>();
    const change = (
      entry: Pick<Entry, "sheet" | "key" | "column" | "label">,
      values: { master: EntryValue | null; returned: EntryValue | null; sent: EntryValue | null },
      kind: "added" | "update" | "conflict" | "cleared",
      problem: Message | null
    ): Preference => {
      const id = `${ret.file}\u0000${entryLocation(entry)}`;
      const choice =
        kind === "added" || kind === "update"
          ? "return"
          : (options.choices?.get(id) ?? options.prefer ?? "master");
      // One literal per change (its keys in the order of the reports): at ×10 there are 100 000.
      changes.push({
        id,
        file: fileOf.file,
        partner: fileOf.partner,
        sheet: entry.sheet,
        key: entry.key,
        label: entry.label,
        column: entry.column,
        returnedValue: values.returned,
        problem,
        masterValue: values.master,
        sentValue: values.sent,
        outcome: outcomeOf(kind, choice),
      });
      return choice;
    };
    for (const entry of readEntries(expected, ret.workbook.sheets)) {
      if (!merged.has(entry.sheet)) continue;
      if (!masterCells.get(entry)) continue;
      returned.set(entry, true);
      const slot = current.get(entry);
      const mine = slot?.entry ?? null;
      if (mine && sameValue(mine.value, entry.value)) {
        counts.same++;
        continue;
      }
      const sent = base ? (base.at.get(entry) ?? null) : null;
      const values = { master: mine?.value ?? null, returned: entry.value, sent };
      // The partner sent back what it was sent: what changed is the master's, which stays.
      if (base && sent !== null && sameValue(sent, entry.value)) {
        counts.masterNewer++;
        continue;
      }
      // Unchanged in the master since it was sent (both empty included): the partner's value.
      const masterAsSent = base !== null && sameValue(mine?.value ?? null, sent);
      const kind =
        !mine && (base === null || sent === null) ? "added" : masterAsSent ? "update" : "conflict";
      const choice = change(entry, values, kind, entryProblem(entry, axes));
      if (choice !== "return") continue;
      if (!slot) add(entry);
      // The return's value, and its formula if it is one (never the master's formula over it).
      else slot.entry = { ...(mine ?? entry), value: entry.value, formula: entry.formula };
    }
    // Values the partner was sent and cleared: reported, and taken only when chosen.
    for (const s of base?.sent ?? []) {
      if (!merged.has(s.sheet) || returned.get(s) || !masterCells.get(s)) continue;
      const slot = current.get(s);
      const mine = slot?.entry ?? null;
      if (!mine) continue;
      const values = { master: mine.value, returned: null, sent: s.value };
      if (slot && change({ ...s, label: mine.label }, values, "cleared", null) === "return")
        slot.entry = null;
    }
    const conflicts = changes.filter((c) => c.outcome.startsWith("conflict")).length;
    const invalid = changes.filter((c) => c.problem !== null).length;
    const added = changes.filter((c) => c.outcome === "added").length;
    const updated = changes.filter((c) => c.outcome === "partner_update").length;
    const cleared = changes.filter((c) => c.outcome.startsWith("cleared")).length;
    const { same, masterNewer } = counts;
    reports.push({
      ...fileOf,
      merged: true,
      problems: [],
      warnings: verification.warnings,
      added,
      same,
      conflicts,
      invalid,
      updated,
      cleared,
      masterNewer,
      baseRecorded: base !== null,
      changes,
    });
    journal.push(
      fileRecord(
        at,
        fileOf,
        "Retour fusionné",
        [
          message("merge.summary", { added, same, conflicts, invalid }),
          base === null
            ? message("merge.no_base")
            : message("merge.summary_three_way", { updated, cleared, masterNewer }),
        ]
          .map((m) => formatMessage(m))
          .join(" ") + warningsText(verification.warnings)
      )
    );
    for (const c of changes)
      journal.push({
        at,
        file: c.file,
        partner: c.partner,
        sheet: c.sheet,
        id: c.key,
        label: c.label,
        column: c.column,
        sentValue: c.sentValue,
        masterValue: c.masterValue,
        returnedValue: c.returnedValue,
        outcome: OUTCOME_TEXT[c.outcome],
        detail: c.problem ? formatMessage(c.problem) : "",
      });
  }
  return {
    entries: order.flatMap((slot) => (slot.entry ? [slot.entry] : [])),
    returns: reports,
    journal,
  };
}

function warningsText(warnings: readonly Message[]): string {
  return warnings.length === 0 ? "" : ` ${warnings.map((w) => formatMessage(w)).join(" ")}`;
}

/** The report of a refused file (nothing of it merged). */
export function refusedReport(
  base: { file: string; partner: string },
  problems: readonly Message[],
  warnings: readonly Message[]
): ReturnReport {
  return {
    ...base,
    merged: false,
    problems,
    warnings,
    added: 0,
    same: 0,
    conflicts: 0,
    invalid: 0,
    updated: 0,
    cleared: 0,
    masterNewer: 0,
    baseRecorded: false,
    changes: [],
  };
}

/** A journal row about a whole returned file (merged or refused). */
function fileRecord(
  at: string,
  base: { file: string; partner: string },
  outcome: string,
  detail: string
): JournalRecord {
  return {
    at,
    ...base,
    sheet: "",
    id: "",
    label: "",
    column: "",
    sentValue: null,
    masterValue: null,
    returnedValue: null,
    outcome,
    detail,
  };
}

function refusalRecord(
  at: string,
  base: { file: string; partner: string },
  problems: readonly Message[]
): JournalRecord {
  return fileRecord(at, base, "Retour refusé", problems.map((p) => formatMessage(p)).join(" "));
}

/** The journal row of a file refused before it could be read as a CTG workbook (`at` is ISO). */
export function unreadableReturnRecord(
  at: string,
  file: string,
  problems: readonly Message[]
): JournalRecord {
  return refusalRecord(frenchDateTime(at), { file, partner: "" }, problems);
}

/**
 * The master after a merge: rebuilt from its plan with the merged entries, its journal followed by
 * the merge's rows and a refusal row per file that could not even be read. `on` is today's date
 * (`YYYY-MM-DD`), `at` the time of the import. Returns the rebuilt workbook and the rows added.
 */
export function mergedMaster(
  plan: Plan,
  state: WorkbookState,
  merged: MergeResult,
  unreadable: readonly ReturnReport[],
  context: {
    readonly at: string;
    readonly on: string;
    readonly generatorVersion: string;
    /** The plan version the master's entries were typed against (named in the archives). */
    readonly previousVersion: string;
    /** The master's model built from `plan` (the opened workbook's), whose sheets are reused. */
    readonly model?: WorkbookModel;
  }
): { readonly rebuilt: Rebuilt; readonly journal: readonly JournalRecord[] } {
  const journal = [
    ...merged.journal,
    ...unreadable.map((u) => unreadableReturnRecord(context.at, u.file, u.problems)),
  ];
  const rebuilt = rebuildWorkbook(
    plan,
    {
      generatorVersion: context.generatorVersion,
      generatedOn: context.on,
      sameStructureAs: context.model,
    },
    { ...state, entries: merged.entries, journal: [...state.journal, ...journal] },
    { previousVersion: context.previousVersion, on: context.on }
  );
  return { rebuilt, journal };
}
