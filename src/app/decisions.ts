/**
 * The decisions file of a merge: one row per conflict (or value a partner cleared) of the Journal
 * des imports, with a « Choix » the coordinator fills (`classeur` or `retour`) and gives back to
 * `ctg merge --decisions`. Pure: rows of strings in and out; the command line reads and writes the
 * CSV.
 */
import { z } from "zod";
import type { Preference } from "../domain/merge/merge";
import { message, type Message } from "../domain/messages/types";
import { entryLocation, type EntryValue } from "../domain/workbook/entries";
import type { JournalRecord } from "../domain/workbook/logSheets";

export const DECISION_HEADERS = [
  "Fichier",
  "Partenaire",
  "Onglet",
  "Indicateur",
  "Colonne",
  "Libellé",
  "Valeur envoyée",
  "Valeur du classeur",
  "Valeur renvoyée",
  "Résultat",
  "Choix",
] as const;

/** The journal's outcomes that are decisions (see `OUTCOME_TEXT` in `merge.ts`). */
const DECIDED = /^(Conflit|Effacée par le partenaire) : (.*)$/;

/** The id of a conflict, as `mergeReturns` names it: the file, then the entry's location. */
export function conflictId(file: string, sheet: string, key: string, column: string): string {
  return `${file}\u0000${entryLocation({ sheet, key, column })}`;
}

// Without digit grouping: a French Excel reads `1250,5` from a CSV as a number, not `1 250,5`.
const CSV_NUMBER = new Intl.NumberFormat("fr-FR", {
  useGrouping: false,
  maximumFractionDigits: 15,
});

/**
 * A value as a French Excel reads it back from a CSV cell: numbers with a decimal comma, VRAI/FAUX,
 * and a text that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`) after an apostrophe,
 * so that opening the file never turns a partner's text into a formula.
 */
export function csvValue(v: EntryValue | null): string {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "VRAI" : "FAUX";
  if (typeof v === "number") return CSV_NUMBER.format(v);
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/**
 * The decisions rows of a journal: the latest row of each conflict or cleared value (by file and
 * location), in the journal's order, « Choix » filled with what was done (`classeur` or `retour`).
 */
export function decisionRows(journal: readonly JournalRecord[]): string[][] {
  const latest = new Map<string, JournalRecord>();
  for (const r of journal) {
    if (!DECIDED.test(r.outcome) || r.id === "") continue;
    const id = conflictId(r.file, r.sheet, r.id, r.column);
    // The latest decision of a conflict met again (the same return merged again) is the one shown.
    latest.delete(id);
    latest.set(id, r);
  }
  const rows: string[][] = [[...DECISION_HEADERS]];
  for (const r of latest.values()) {
    const tookReturn = /retenue|effacée du classeur/.test(r.outcome);
    rows.push([
      r.file,
      r.partner,
      r.sheet,
      r.id,
      r.column,
      r.label,
      csvValue(r.sentValue),
      csvValue(r.masterValue),
      csvValue(r.returnedValue),
      r.outcome,
      tookReturn ? "retour" : "classeur",
    ]);
  }
  return rows;
}

const fold = (s: string): string =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .toLowerCase();

const CHOICES: Readonly<Record<string, Preference>> = {
  classeur: "master",
  maitre: "master",
  master: "master",
  garder: "master",
  retour: "return",
  return: "return",
  prendre: "return",
  partenaire: "return",
};

const RowSchema = z.object({
  file: z.string().min(1),
  sheet: z.string().min(1),
  key: z.string().min(1),
  column: z.string().min(1),
  choice: z.string(),
});

export interface Decisions {
  /** Choices by conflict id (rows with an empty « Choix » are left to `--prefer`). */
  readonly choices: ReadonlyMap<string, Preference>;
}

/**
 * Reads a decisions file's rows (the first is the header, found by its titles, so columns may be
 * moved or added). Problems name the line and say what to write.
 */
export function readDecisions(
  rows: readonly (readonly string[])[]
): { ok: true; value: Decisions } | { ok: false; problems: Message[] } {
  const header = (rows[0] ?? []).map(fold);
  const at = (title: string) => header.indexOf(fold(title));
  const columns = {
    file: at("Fichier"),
    sheet: at("Onglet"),
    key: at("Indicateur"),
    column: at("Colonne"),
    choice: at("Choix"),
  };
  const missing = DECISION_HEADERS.filter(
    (h) => ["Fichier", "Onglet", "Indicateur", "Colonne", "Choix"].includes(h) && at(h) < 0
  );
  if (missing.length > 0)
    return {
      ok: false,
      problems: [message("decisions.bad_header", { columns: missing.join(", ") })],
    };
  const choices = new Map<string, Preference>();
  const problems: Message[] = [];
  rows.slice(1).forEach((row, i) => {
    if (row.every((c) => c.trim() === "")) return;
    const parsed = RowSchema.safeParse({
      file: row[columns.file]?.trim() ?? "",
      sheet: row[columns.sheet]?.trim() ?? "",
      key: row[columns.key]?.trim() ?? "",
      column: row[columns.column]?.trim() ?? "",
      choice: row[columns.choice] ?? "",
    });
    const line = i + 2;
    if (!parsed.success) {
      problems.push(message("decisions.incomplete_row", { line }));
      return;
    }
    const { file, sheet, key, column, choice } = parsed.data;
    if (fold(choice) === "") return;
    const preference = CHOICES[fold(choice)];
    if (!preference) {
      problems.push(message("decisions.bad_choice", { line, value: choice.trim() }));
      return;
    }
    choices.set(conflictId(file, sheet, key, column), preference);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { choices } };
}
