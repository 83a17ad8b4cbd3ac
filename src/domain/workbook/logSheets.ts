import type { RawEntry } from "../engine/types";
import type { EntryValue } from "./entries";
import { setColumnWidths, writeHeaderRow, type ColumnDef } from "./columns";
import { PROTECTED, SheetBuilder, text } from "./grid";
import type { Cell, CellValue, SheetModel } from "./model";

/**
 * The master workbook's two logs, kept from one regeneration to the next: the Archives (entries of
 * indicators that left the plan) and the Journal des imports (what each merge of a partner's return
 * did). Both are read back leniently: a row that cannot be understood is still kept as it is.
 */

export const ARCHIVES_SHEET = "Archives";
export const JOURNAL_SHEET = "Journal des imports";
export const LOG_HEADER_ROW = 3;

export interface ArchiveRecord {
  /** `JJ/MM/AAAA`. */
  readonly archivedOn: string;
  readonly planVersion: string;
  readonly sheet: string;
  readonly id: string;
  readonly label: string;
  readonly column: string;
  readonly value: EntryValue | null;
  /** Why it was archived, in French. */
  readonly reason: string;
}

export interface JournalRecord {
  /** `JJ/MM/AAAA HH:MM`. */
  readonly at: string;
  readonly file: string;
  readonly partner: string;
  readonly sheet: string;
  readonly id: string;
  readonly label: string;
  readonly column: string;
  /** The value the partner's workbook was sent (the base of the three-way merge), if any. */
  readonly sentValue: EntryValue | null;
  readonly masterValue: EntryValue | null;
  readonly returnedValue: EntryValue | null;
  /** What was done, in French (« Ajoutée », « Conflit : valeur du classeur gardée »...). */
  readonly outcome: string;
  readonly detail: string;
}

/** A log's columns: one per field of its records (no input: the generator writes every row). */
type LogColumns<T> = ReadonlyArray<ColumnDef<Extract<keyof T, string>>>;
const logColumn = <K extends string>(key: K, header: string, width: number): ColumnDef<K> => ({
  key,
  header,
  width,
  input: false,
});

const ARCHIVE_COLUMNS: LogColumns<ArchiveRecord> = [
  logColumn("archivedOn", "Archivé le", 12),
  logColumn("planVersion", "Version du plan", 10),
  logColumn("sheet", "Onglet", 12),
  logColumn("id", "Identifiant", 15),
  logColumn("label", "Libellé", 50),
  logColumn("column", "Colonne", 12),
  logColumn("value", "Valeur", 20),
  logColumn("reason", "Motif", 40),
];

const JOURNAL_COLUMNS: LogColumns<JournalRecord> = [
  logColumn("at", "Date", 16),
  logColumn("file", "Fichier", 28),
  logColumn("partner", "Partenaire", 18),
  logColumn("sheet", "Onglet", 12),
  logColumn("id", "Indicateur", 15),
  logColumn("label", "Libellé", 40),
  logColumn("column", "Année", 12),
  logColumn("sentValue", "Valeur envoyée", 18),
  logColumn("masterValue", "Valeur du classeur", 18),
  logColumn("returnedValue", "Valeur renvoyée", 18),
  logColumn("outcome", "Résultat", 28),
  logColumn("detail", "Détail", 50),
];

function valueCell(v: EntryValue | string | null): CellValue | null {
  if (v === null) return null;
  if (typeof v === "number") return { kind: "number", value: v };
  if (typeof v === "boolean") return { kind: "boolean", value: v };
  return text(v);
}

function logSheet<T extends object>(
  name: string,
  title: string,
  subtitle: string,
  columns: LogColumns<T>,
  records: readonly T[],
  tableName: string
): SheetModel {
  const s = new SheetBuilder(name);
  const headers = columns.map((c) => c.header);
  s.set(0, 0, text(title), "title");
  s.set(1, 0, text(subtitle), "subtitle");
  writeHeaderRow(s, LOG_HEADER_ROW, { headers });
  // A journal has a row per change of a merge (100 000 at ×10) and most of its texts recur in their
  // column (the date, the file, the outcome...): equal texts of a column share one cell (cells are
  // immutable values).
  const texts = columns.map(() => new Map<string, Cell>());
  records.forEach((rec, i) => {
    columns.forEach(({ key, width }, c) => {
      const v = rec[key] as EntryValue | string | null;
      const row = LOG_HEADER_ROW + 1 + i;
      if (typeof v !== "string") {
        s.set(row, c, valueCell(v), "text");
        return;
      }
      const shared = texts[c] as Map<string, Cell>;
      let cell = shared.get(v);
      if (!cell)
        shared.set(v, (cell = { value: text(v), style: v.length > width ? "textWrap" : "text" }));
      s.setCell(row, c, cell);
    });
  });
  if (records.length === 0) s.set(LOG_HEADER_ROW + 1, 0, text("(vide)"), "note");
  s.tables.push({
    name: tableName,
    top: LOG_HEADER_ROW,
    left: 0,
    columns: headers,
    rowCount: Math.max(1, records.length),
    style: "TableStyleLight1",
  });
  setColumnWidths(s, columns);
  // Spreadsheet applications do not grow rows when opening a file: long wordings need the height.
  s.fitRowHeights(LOG_HEADER_ROW + 1);
  s.frozen = { rows: LOG_HEADER_ROW + 1, columns: 0 };
  s.protection = PROTECTED;
  s.print = {
    orientation: "landscape",
    fitToWidth: true,
    repeatRows: `${LOG_HEADER_ROW + 1}:${LOG_HEADER_ROW + 1}`,
  };
  s.tabColor = "595959";
  return s.build();
}

export function buildArchivesSheet(records: readonly ArchiveRecord[]): SheetModel {
  return logSheet(
    ARCHIVES_SHEET,
    "Archives : saisies des indicateurs retirés ou renommés",
    "Quand une nouvelle version du plan retire ou renomme un indicateur, ses saisies sont déplacées ici, jamais effacées.",
    ARCHIVE_COLUMNS,
    records,
    "Tableau_Archives"
  );
}

export function buildJournalSheet(records: readonly JournalRecord[]): SheetModel {
  return logSheet(
    JOURNAL_SHEET,
    "Journal des imports des retours partenaires",
    "Chaque fusion d'un classeur renvoyé par un partenaire ajoute ici ses saisies reprises, ses conflits et ses refus.",
    JOURNAL_COLUMNS,
    records,
    "Tableau_Journal"
  );
}

const cellText = (v: RawEntry): string =>
  v === null || v === undefined ? "" : typeof v === "boolean" ? (v ? "VRAI" : "FAUX") : String(v);

const cellValueOf = (v: RawEntry): EntryValue | null =>
  v === null || v === undefined || v === "" ? null : v;

function readLog<T>(
  rows: ReadonlyArray<ReadonlyArray<RawEntry>>,
  columns: LogColumns<T>,
  valueKeys: ReadonlySet<keyof T>,
  added: ReadonlySet<keyof T> = new Set()
): T[] {
  const header = (rows[LOG_HEADER_ROW] ?? []).map((v) => cellText(v).trim());
  // Columns by their header (a moved column is still found); by position where a header is missing,
  // counted without the columns added since (a log written before them has none: -1, read empty).
  let shift = 0;
  const at = columns.map(({ header: h, key }, i) => {
    const found = header.indexOf(h);
    if (found >= 0) return found;
    if (added.has(key)) {
      shift++;
      return -1;
    }
    return i - shift;
  });
  const out: T[] = [];
  for (let r = LOG_HEADER_ROW + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    if (row.every((v) => cellText(v ?? null).trim() === "")) continue;
    // The placeholder of an empty log (its row may hold blank cells up to the table's width).
    if (
      cellText(row[0] ?? null) === "(vide)" &&
      row.slice(1).every((v) => cellText(v ?? null).trim() === "")
    )
      continue;
    const rec: Record<string, unknown> = {};
    columns.forEach(({ key }, i) => {
      const v = row[at[i] as number] ?? null;
      rec[key] = valueKeys.has(key) ? cellValueOf(v) : cellText(v);
    });
    // Cells outside the known columns (notes added by hand) are kept in the detail, not dropped.
    const known = new Set(at);
    const extra = row
      .map((v, c) => (known.has(c) || cellText(v ?? null).trim() === "" ? "" : cellText(v ?? null)))
      .filter((t) => t !== "");
    if (extra.length > 0) {
      const last = columns[columns.length - 1]?.key as string;
      rec[last] = [rec[last], ...extra].filter((t) => t !== "" && t !== null).join(" ; ");
    }
    out.push(rec as T);
  }
  return out;
}

/**
 * Whether rows are one of the tool's logs: its header row holds most of the log's column titles
 * (a column renamed or moved by hand is tolerated). A sheet of the user's that happens to be named
 * « Archives » or « Journal des imports » is not.
 */
function isLog<T>(rows: ReadonlyArray<ReadonlyArray<RawEntry>>, columns: LogColumns<T>): boolean {
  const header = new Set((rows[LOG_HEADER_ROW] ?? []).map((v) => cellText(v ?? null).trim()));
  const found = columns.filter(({ header: h }) => header.has(h)).length;
  return found * 2 > columns.length;
}

export function isArchivesSheet(rows: ReadonlyArray<ReadonlyArray<RawEntry>>): boolean {
  return isLog(rows, ARCHIVE_COLUMNS);
}

export function isJournalSheet(rows: ReadonlyArray<ReadonlyArray<RawEntry>>): boolean {
  return isLog(rows, JOURNAL_COLUMNS);
}

export function readArchives(rows: ReadonlyArray<ReadonlyArray<RawEntry>>): ArchiveRecord[] {
  return readLog<ArchiveRecord>(rows, ARCHIVE_COLUMNS, new Set(["value"]));
}

export function readJournal(rows: ReadonlyArray<ReadonlyArray<RawEntry>>): JournalRecord[] {
  return readLog<JournalRecord>(
    rows,
    JOURNAL_COLUMNS,
    new Set(["sentValue", "masterValue", "returnedValue"]),
    // Journals written before the three-way merge have no « Valeur envoyée ».
    new Set(["sentValue"])
  );
}

/** `2026-11-29T14:03:..` -> `29/11/2026 14:03`; `2026-11-29` -> `29/11/2026`. */
export function frenchDateTime(iso: string): string {
  const d = iso.slice(0, 10).split("-").reverse().join("/");
  const t = iso.length >= 16 ? ` ${iso.slice(11, 16)}` : "";
  return `${d}${t}`;
}

/** A local time as `YYYY-MM-DDTHH:MM` (the journal's dates are the coordinator's clock). */
export function localIsoMinute(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
