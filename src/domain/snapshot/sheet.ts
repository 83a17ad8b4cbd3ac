import type { RawEntry, Status } from "../engine/types";
import { STATUSES } from "../engine/types";
import { columnSchema, setColumnWidths, writeHeaderRow, type ColumnDef } from "../workbook/columns";
import type { EntryValue } from "../workbook/entries";
import { PROTECTED, SheetBuilder, a1, range, text } from "../workbook/grid";
import { STATUS_TEXT } from "../workbook/labels";
import type { CellValue, SheetModel } from "../workbook/model";

/**
 * A frozen yearly bilan (« Bilan 2023 »): for every indicator target, the year's value, its status,
 * the target's status, the comment and the source as they were on the day it was frozen. Static values
 * (no formula), protected like the generated sheets, kept by every regeneration (`update.ts`).
 *
 * It is recognised as the tool's by its mark row (« Année du bilan » and the year of its name) and its
 * header row, never by its name alone: a sheet of the user's named « Bilan 2023 » is not ours.
 */

export const SNAPSHOT_MARK_ROW = 2;
export const SNAPSHOT_HEADER_ROW = 3;
export const SNAPSHOT_FIRST_ROW = SNAPSHOT_HEADER_ROW + 1;
const MARK_YEAR = "Année du bilan";
const MARK_TAKEN = "Figé le";
const MARK_VERSION = "Version du plan";

/** `Bilan 2023`. */
export function snapshotSheetName(year: number): string {
  return `Bilan ${year}`;
}

const NAME = /^Bilan (\d{4})$/;

/** The year of a sheet named as a snapshot (`Bilan 2023` -> 2023), else null. Not proof it is one. */
export function snapshotYearOfName(name: string): number | null {
  const m = NAME.exec(name);
  return m ? Number(m[1]) : null;
}

/** One indicator target as frozen. */
export interface SnapshotRow {
  /** The axis sheet it was read from (`Axe I`). */
  readonly sheet: string;
  readonly ref: string;
  readonly action: string;
  /** The target's row id (`I.A.1-RES-1`). */
  readonly id: string;
  /** `réalisation`, `résultat`, `impact`, as the axis sheet writes it. */
  readonly kind: string;
  readonly indicator: string;
  /** The target as the workbook words it (`≥ 12 enfants / an`). */
  readonly target: string;
  /** The year's entry as typed (a number, a text, a boolean), null when empty. */
  readonly raw: EntryValue | null;
  /** The year's entry as read, in French (`45 %`, `12`, `Oui`), `""` when empty. */
  readonly value: string;
  /** The status of the year's entry. */
  readonly yearStatus: Status;
  /** The target's status on the day it was frozen (what `ctg check` says). */
  readonly status: Status;
  readonly comment: string;
  readonly source: string;
}

export interface SnapshotData {
  readonly year: number;
  /** `YYYY-MM-DD`. */
  readonly takenOn: string;
  readonly planVersion: string;
  readonly rows: readonly SnapshotRow[];
}

type Key = Exclude<keyof SnapshotRow, "sheet"> | "axis";

const col = (key: Key, header: string, width: number): ColumnDef<Key> => ({
  key,
  header,
  width,
  input: false,
});

const COLUMNS = columnSchema<Key>(
  [
    "axis",
    "ref",
    "action",
    "id",
    "kind",
    "indicator",
    "target",
    "raw",
    "value",
    "yearStatus",
    "status",
    "comment",
    "source",
  ],
  [
    col("axis", "Axe", 8),
    col("ref", "Réf", 8),
    col("action", "Action", 28),
    col("id", "ID", 15),
    col("kind", "Type", 11),
    col("indicator", "Indicateur", 44),
    col("target", "Cible", 22),
    col("raw", "Saisie", 12),
    col("value", "Valeur lue", 12),
    col("yearStatus", "Statut de l'année", 15),
    col("status", "Statut de la cible", 15),
    col("comment", "Commentaire", 30),
    col("source", "Source", 20),
  ]
);

/** The header row's texts (an interface: the bilan and the readers find columns by them). */
export const SNAPSHOT_HEADERS: readonly string[] = COLUMNS.headers;

/** `2026-12-06` -> `06/12/2026`. */
export function frenchDate(iso: string): string {
  return iso.slice(0, 10).split("-").reverse().join("/");
}

const STATUS_FILLS: ReadonlyArray<readonly [Status, string]> = [
  ["atteint", "C6EFCE"],
  ["non_atteint", "FFC7CE"],
  ["en_cours", "FFEB9C"],
  ["saisie_invalide", "F8CBAD"],
];

function rawCell(v: EntryValue | null): CellValue | null {
  if (v === null) return null;
  if (typeof v === "number") return { kind: "number", value: v };
  if (typeof v === "boolean") return { kind: "boolean", value: v };
  return text(v);
}

/** The sheet of a frozen bilan: static values, protected, dated. */
export function buildSnapshotSheet(data: SnapshotData): SheetModel {
  const s = new SheetBuilder(snapshotSheetName(data.year));
  s.set(0, 0, text(`Bilan ${data.year} figé`), "title");
  s.set(
    1,
    0,
    text(
      `Figé le ${frenchDate(data.takenOn)} : les valeurs, statuts et commentaires de ${data.year} tels qu'ils étaient ce jour-là. Cet onglet n'est plus recalculé ; les saisies continuent dans les onglets des axes.`
    ),
    "subtitle"
  );
  s.row(
    SNAPSHOT_MARK_ROW,
    0,
    [
      text(MARK_YEAR),
      { kind: "number", value: data.year },
      text(MARK_TAKEN),
      text(frenchDate(data.takenOn)),
      text(MARK_VERSION),
      text(data.planVersion),
    ],
    "note"
  );
  writeHeaderRow(s, SNAPSHOT_HEADER_ROW, COLUMNS);
  const c = COLUMNS.col;
  data.rows.forEach((r, i) => {
    const row = SNAPSHOT_FIRST_ROW + i;
    const put = (key: Key, v: CellValue | null, wrap = false) =>
      s.set(row, c[key], v, wrap ? "textWrap" : "text");
    put("axis", text(r.sheet.replace(/^Axe /, "")));
    put("ref", text(r.ref));
    put("action", text(r.action), true);
    put("id", text(r.id));
    put("kind", text(r.kind));
    put("indicator", text(r.indicator), true);
    put("target", text(r.target), true);
    put("raw", rawCell(r.raw));
    put("value", r.value === "" ? null : text(r.value));
    put("yearStatus", text(STATUS_TEXT[r.yearStatus]));
    put("status", text(STATUS_TEXT[r.status]));
    put("comment", r.comment === "" ? null : text(r.comment), true);
    put("source", r.source === "" ? null : text(r.source), true);
  });
  if (data.rows.length === 0) s.set(SNAPSHOT_FIRST_ROW, 0, text("(vide)"), "note");
  const last = SNAPSHOT_FIRST_ROW + Math.max(1, data.rows.length) - 1;
  let priority = 1;
  for (const key of ["yearStatus", "status"] as const)
    for (const [status, fill] of STATUS_FILLS)
      s.conditionalFormats.push({
        range: range(SNAPSHOT_FIRST_ROW, c[key], last, c[key]),
        formula: `${a1(SNAPSHOT_FIRST_ROW, c[key])}="${STATUS_TEXT[status]}"`,
        fill,
        priority: priority++,
      });
  s.tables.push({
    name: `Tableau_Bilan_${data.year}`,
    top: SNAPSHOT_HEADER_ROW,
    left: 0,
    columns: COLUMNS.headers,
    rowCount: Math.max(1, data.rows.length),
    style: "TableStyleLight1",
  });
  setColumnWidths(s, COLUMNS.columns);
  s.fitRowHeights(SNAPSHOT_FIRST_ROW);
  s.frozen = { rows: SNAPSHOT_FIRST_ROW, columns: 0 };
  s.protection = PROTECTED;
  s.print = {
    orientation: "landscape",
    fitToWidth: true,
    repeatRows: `${SNAPSHOT_HEADER_ROW + 1}:${SNAPSHOT_HEADER_ROW + 1}`,
  };
  s.tabColor = "7F6000";
  return s.build();
}

const cellText = (v: RawEntry): string =>
  v === null || v === undefined ? "" : typeof v === "boolean" ? (v ? "VRAI" : "FAUX") : String(v);

const STATUS_OF = new Map<string, Status>(STATUSES.map((st) => [STATUS_TEXT[st], st]));

/** `06/12/2026` (or an ISO date, or a date serial) -> `2026-12-06`; null when unreadable. */
function isoOf(v: RawEntry): string | null {
  const t = cellText(v).trim();
  const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(t);
  if (fr) return `${fr[3]}-${fr[2]}-${fr[1]}`;
  if (/^\d{4}-\d{2}-\d{2}/.test(t)) return t.slice(0, 10);
  return null;
}

/**
 * Whether a sheet is one of the tool's frozen bilans: named `Bilan YYYY`, its mark row giving that
 * year, and its header row holding most of the columns' titles.
 */
export function isSnapshotSheet(
  name: string,
  rows: ReadonlyArray<ReadonlyArray<RawEntry>>
): boolean {
  const year = snapshotYearOfName(name);
  if (year === null) return false;
  const mark = rows[SNAPSHOT_MARK_ROW] ?? [];
  if (cellText(mark[0]).trim() !== MARK_YEAR || cellText(mark[1]).trim() !== String(year))
    return false;
  const header = new Set((rows[SNAPSHOT_HEADER_ROW] ?? []).map((v) => cellText(v).trim()));
  return COLUMNS.headers.filter((h) => header.has(h)).length * 2 > COLUMNS.headers.length;
}

/**
 * A frozen bilan read back (null when the sheet is not one: see `isSnapshotSheet`). Read leniently:
 * columns by their header, a status that is not understood read as « À renseigner ».
 */
export function readSnapshot(
  name: string,
  rows: ReadonlyArray<ReadonlyArray<RawEntry>>
): SnapshotData | null {
  if (!isSnapshotSheet(name, rows)) return null;
  const year = snapshotYearOfName(name) as number;
  const mark = rows[SNAPSHOT_MARK_ROW] ?? [];
  const header = (rows[SNAPSHOT_HEADER_ROW] ?? []).map((v) => cellText(v).trim());
  const at = (key: Key): number => {
    const found = header.indexOf(COLUMNS.headers[COLUMNS.col[key]] as string);
    return found >= 0 ? found : COLUMNS.col[key];
  };
  const out: SnapshotRow[] = [];
  for (let r = SNAPSHOT_FIRST_ROW; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const get = (key: Key): RawEntry => row[at(key)] ?? null;
    const str = (key: Key): string => cellText(get(key)).trim();
    const id = str("id");
    if (id === "") continue;
    const raw = get("raw");
    out.push({
      sheet: `Axe ${str("axis")}`,
      ref: str("ref"),
      action: str("action"),
      id,
      kind: str("kind"),
      indicator: str("indicator"),
      target: str("target"),
      raw: raw === null || raw === undefined || raw === "" ? null : raw,
      value: str("value"),
      yearStatus: STATUS_OF.get(str("yearStatus")) ?? "a_renseigner",
      status: STATUS_OF.get(str("status")) ?? "a_renseigner",
      comment: cellText(get("comment")),
      source: cellText(get("source")),
    });
  }
  return {
    year,
    takenOn: isoOf(mark[3]) ?? `${year}-12-31`,
    planVersion: cellText(mark[5]).trim(),
    rows: out,
  };
}

/** The frozen bilans among a workbook's sheets, by year. */
export function readSnapshots(
  sheets: ReadonlyMap<string, { readonly rows: ReadonlyArray<ReadonlyArray<RawEntry>> }>
): SnapshotData[] {
  const out: SnapshotData[] = [];
  for (const [name, sheet] of sheets) {
    const read = readSnapshot(name, sheet.rows);
    if (read) out.push(read);
  }
  return out.sort((a, b) => a.year - b.year);
}
