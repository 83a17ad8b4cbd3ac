import { encodeBase } from "./base";
import { formatNumberFr } from "../messages/format";
import { EXCEL_CELL_LIMIT, type Plan } from "../plan/schema";
import { fitCellText } from "./grid";
import { buildWorkbook, type BuildOptions } from "./build";
import { placeEntries, readEntries, type Entry, type Orphan, type ReadBackSheet } from "./entries";
import {
  ARCHIVES_SHEET,
  JOURNAL_SHEET,
  buildArchivesSheet,
  frenchDateTime,
  readArchives,
  readJournal,
  type ArchiveRecord,
  type JournalRecord,
} from "./logSheets";
import type { WorkbookModel } from "./model";
import { placeNotes, readNotes, withNotes, type Note, type NoteOrphanReason } from "./notes";
import { outsideEdits } from "./strays";
import { buildSnapshotSheet, readSnapshots, type SnapshotData } from "../snapshot/sheet";
import { latestSnapshotSummary } from "../snapshot/take";

/**
 * What a workbook holds that the plan cannot rebuild: the entries, the archives and the journal.
 * Regeneration, `ctg refresh` and `ctg merge` read it, rebuild every derived part from the plan, and
 * put it back; what no longer has a place goes to the Archives, never away.
 */
export interface WorkbookState {
  readonly entries: readonly Entry[];
  readonly archives: readonly ArchiveRecord[];
  readonly journal: readonly JournalRecord[];
  /** Content typed outside the input cells (see `outsideEdits`): archived at the next rebuild. */
  readonly strays?: readonly Entry[];
  /** Locked cells whose content was changed (see `outsideEdits`): archived at the next rebuild. */
  readonly lockedEdits?: readonly Entry[];
  /** Notes (comments) on the cells of the generated sheets: carried to their cell, or archived. */
  readonly notes?: readonly Note[];
  /** The frozen yearly bilans (« Bilan 2023 », `../snapshot/sheet.ts`): rendered again as they were. */
  readonly snapshots?: readonly SnapshotData[];
}

/** Reads the state of a workbook built as `model` (its own plan, the structure it was made with). */
export function readState(
  model: WorkbookModel,
  sheets: ReadonlyMap<string, Pick<ReadBackSheet, "rows" | "formulas" | "notes">>
): WorkbookState {
  const outside = outsideEdits(model, sheets);
  return {
    entries: readEntries(model, sheets),
    archives: readArchives(sheets.get(ARCHIVES_SHEET)?.rows ?? []),
    journal: readJournal(sheets.get(JOURNAL_SHEET)?.rows ?? []),
    strays: outside.strays,
    lockedEdits: outside.locked,
    notes: readNotes(model, sheets),
    snapshots: readSnapshots(sheets),
  };
}

/**
 * The model with the frozen bilans' sheets, by year, before the Archives and the Journal des imports
 * (at the end when it has neither). Their content is the read data, never recomputed.
 */
export function withSnapshots(
  model: WorkbookModel,
  snapshots: readonly SnapshotData[] | undefined
): WorkbookModel {
  if (!snapshots || snapshots.length === 0) return model;
  const made = [...snapshots].sort((a, b) => a.year - b.year).map(buildSnapshotSheet);
  const names = new Set(made.map((s) => s.name));
  const sheets = model.sheets.filter((s) => !names.has(s.name));
  const at = sheets.findIndex((s) => s.name === ARCHIVES_SHEET || s.name === JOURNAL_SHEET);
  sheets.splice(at < 0 ? sheets.length : at, 0, ...made);
  return { ...model, sheets };
}

type ArchiveReason = Orphan["reason"] | "stray" | "locked" | "long_text" | NoteOrphanReason;

/** An entry whose text is longer than an Excel cell holds. */
const isLongText = (e: Entry): e is Entry & { value: string } =>
  typeof e.value === "string" && e.value.length > EXCEL_CELL_LIMIT;

/** Archive rows of at most a cell's worth of text: a longer value in numbered parts. */
function inParts(record: ArchiveRecord): ArchiveRecord[] {
  const { value } = record;
  if (typeof value !== "string" || value.length <= EXCEL_CELL_LIMIT) return [record];
  const parts: string[] = [];
  for (let at = 0; at < value.length;) {
    let end = Math.min(value.length, at + EXCEL_CELL_LIMIT);
    if (end < value.length && /[\uDC00-\uDFFF]/.test(value.charAt(end))) end--;
    parts.push(value.slice(at, end));
    at = end;
  }
  return parts.map((part, i) => ({
    ...record,
    value: part,
    reason: `${record.reason} (texte de ${formatNumberFr(value.length)} caractères, plus qu'une cellule d'Excel n'en contient : partie ${i + 1} sur ${parts.length})`,
  }));
}

const REASONS: Readonly<Record<ArchiveReason, string>> = {
  stray: "saisie hors des cellules de saisie (la protection de l'onglet avait été retirée)",
  locked:
    "cellule verrouillée modifiée (la protection de l'onglet avait été retirée) : le classeur y a remis le contenu du plan",
  removed: "indicateur (ou action) absent de la nouvelle version du plan",
  renamed:
    "indicateur renommé dans la nouvelle version du plan : la saisie mesurait l'ancien libellé",
  column_removed: "colonne absente de la nouvelle version (année retirée du plan ?)",
  long_text:
    "texte plus long qu'une cellule d'Excel (32 767 caractères) : la cellule en garde le début, le texte entier est ici",
  note_removed: "note sur une cellule absente de la nouvelle version du plan",
  note_renamed:
    "note sur un indicateur renommé dans la nouvelle version du plan : elle portait sur l'ancien libellé",
};

/**
 * The Archives row of a note that has no cell any more: its text is the value (Excel writes the
 * author's name at the start of the text; the author field alone is often a placeholder).
 */
export function noteArchiveRecord(
  orphan: { readonly note: Note; readonly reason: NoteOrphanReason },
  planVersion: string,
  on: string
): ArchiveRecord {
  const { note } = orphan;
  return {
    archivedOn: frenchDateTime(on.slice(0, 10)),
    planVersion,
    sheet: note.sheet,
    id: note.key,
    label: note.label,
    column: note.column,
    value: note.text,
    reason: REASONS[orphan.reason],
  };
}

export function archiveRecord(
  orphan: Orphan | { readonly entry: Entry; readonly reason: "stray" | "locked" | "long_text" },
  planVersion: string,
  on: string
): ArchiveRecord {
  const { entry } = orphan;
  return {
    archivedOn: frenchDateTime(on.slice(0, 10)),
    planVersion,
    sheet: entry.sheet,
    id: entry.key,
    label: entry.label,
    column: entry.column,
    value: entry.value,
    reason: REASONS[orphan.reason],
  };
}

export interface Rebuilt {
  readonly model: WorkbookModel;
  readonly placed: readonly Entry[];
  /** Entries that had no place in the new structure, now in the Archives sheet. */
  readonly archived: readonly ArchiveRecord[];
}

/**
 * Rebuilds a workbook from a plan and puts its state back. `previousVersion` is the plan version the
 * entries were typed against (named in the archives); `on` is today (`YYYY-MM-DD`).
 */
export function rebuildWorkbook(
  plan: Plan,
  options: Omit<BuildOptions, "archives" | "journal">,
  state: WorkbookState,
  context: { readonly previousVersion: string; readonly on: string }
): Rebuilt {
  const base = buildWorkbook(plan, {
    ...options,
    // The Tableau de bord shows the change since the latest frozen bilan the workbook holds.
    lastSnapshot: options.lastSnapshot ?? latestSnapshotSummary(state.snapshots ?? []),
    archives: state.archives,
    journal: state.journal,
  });
  // A text longer than an Excel cell holds (written by another tool): the cell keeps its beginning,
  // the Archives the whole text, in parts.
  const long = state.entries.filter(isLongText);
  const entries =
    long.length === 0
      ? state.entries
      : state.entries.map((e) => (isLongText(e) ? { ...e, value: fitCellText(e.value) } : e));
  const placement = placeEntries(base, entries);
  const archived = [
    ...placement.orphans,
    ...(state.strays ?? []).map((entry) => ({ entry, reason: "stray" as const })),
    ...(state.lockedEdits ?? []).map((entry) => ({ entry, reason: "locked" as const })),
    ...long.map((entry) => ({ entry, reason: "long_text" as const })),
  ]
    .map((o) => archiveRecord(o, context.previousVersion, context.on))
    .flatMap(inParts);
  // Notes find their cells in the rebuilt sheets (those of the Archives keep their rows: new ones are
  // added below); the others are archived.
  const notes = placeNotes(placement.model, state.notes ?? []);
  archived.push(
    ...notes.orphans.map((o) => noteArchiveRecord(o, context.previousVersion, context.on))
  );
  if (archived.length === 0)
    return {
      model: withSnapshots(withNotes(placement.model, notes.notes), state.snapshots),
      placed: placement.placed,
      archived,
    };
  const archives = buildArchivesSheet([...state.archives, ...archived]);
  const sheets = placement.model.sheets.filter((s) => s.name !== ARCHIVES_SHEET);
  const at = sheets.findIndex((s) => s.name === JOURNAL_SHEET);
  sheets.splice(at < 0 ? sheets.length : at, 0, archives);
  const model = withSnapshots(
    withNotes({ ...placement.model, sheets }, notes.notes),
    state.snapshots
  );
  return { model, placed: placement.placed, archived };
}

/**
 * A partner's workbook: only that partner's actions, with the master's entries for them (the
 * measurements, the échéancier and the Paramètres dates, so that its statuses and bars match the
 * master's). The master's other entries simply have no place in it.
 */
export function buildPartnerWorkbook(
  plan: Plan,
  partner: string,
  options: Omit<BuildOptions, "archives" | "journal" | "partner">,
  masterEntries: readonly Entry[]
): { readonly model: WorkbookModel; readonly copied: number } {
  const placement = placeEntries(buildWorkbook(plan, { ...options, partner }), masterEntries);
  // The values sent are recorded in the workbook: the base of the three-way merge of its return.
  const model = { ...placement.model, baseJson: encodeBase(placement.placed) };
  return { model, copied: placement.placed.length };
}
