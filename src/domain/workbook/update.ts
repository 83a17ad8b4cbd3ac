import type { Plan } from "../plan/schema";
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
import { outsideEdits } from "./strays";

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
}

/** Reads the state of a workbook built as `model` (its own plan, the structure it was made with). */
export function readState(
  model: WorkbookModel,
  sheets: ReadonlyMap<string, Pick<ReadBackSheet, "rows" | "formulas">>
): WorkbookState {
  const outside = outsideEdits(model, sheets);
  return {
    entries: readEntries(model, sheets),
    archives: readArchives(sheets.get(ARCHIVES_SHEET)?.rows ?? []),
    journal: readJournal(sheets.get(JOURNAL_SHEET)?.rows ?? []),
    strays: outside.strays,
    lockedEdits: outside.locked,
  };
}

const REASONS: Readonly<Record<Orphan["reason"] | "stray" | "locked", string>> = {
  stray: "saisie hors des cellules de saisie (la protection de l'onglet avait été retirée)",
  locked:
    "cellule verrouillée modifiée (la protection de l'onglet avait été retirée) : le classeur y a remis le contenu du plan",
  removed: "indicateur (ou action) absent de la nouvelle version du plan",
  renamed:
    "indicateur renommé dans la nouvelle version du plan : la saisie mesurait l'ancien libellé",
  column_removed: "colonne absente de la nouvelle version (année retirée du plan ?)",
};

export function archiveRecord(
  orphan: Orphan | { readonly entry: Entry; readonly reason: "stray" | "locked" },
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
    archives: state.archives,
    journal: state.journal,
  });
  const placement = placeEntries(base, state.entries);
  const archived = [
    ...placement.orphans,
    ...(state.strays ?? []).map((entry) => ({ entry, reason: "stray" as const })),
    ...(state.lockedEdits ?? []).map((entry) => ({ entry, reason: "locked" as const })),
  ].map((o) => archiveRecord(o, context.previousVersion, context.on));
  if (archived.length === 0) return { model: placement.model, placed: placement.placed, archived };
  const archives = buildArchivesSheet([...state.archives, ...archived]);
  const sheets = placement.model.sheets.filter((s) => s.name !== ARCHIVES_SHEET);
  const at = sheets.findIndex((s) => s.name === JOURNAL_SHEET);
  sheets.splice(at < 0 ? sheets.length : at, 0, archives);
  return { model: { ...placement.model, sheets }, placed: placement.placed, archived };
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
  return { model: placement.model, copied: placement.placed.length };
}
