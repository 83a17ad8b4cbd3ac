import { z } from "zod";
import { EXCEL_CELL_LIMIT } from "../plan/schema";
import type { RawEntry } from "../engine/types";
import { isAxisSheetName } from "./axisSheet";
import {
  inputIndex,
  inputSheetSpec,
  locationGroup,
  modelRaw,
  sameWording,
  type ReadBackSheet,
} from "./entries";
import { a1, columnLetter } from "./grid";
import type { CellNote, SheetModel, WorkbookModel } from "./model";

/**
 * Notes (Excel's legacy comments, LibreOffice's comments) a user put on the cells of the generated
 * sheets. Each is kept by the same identity as an entry (sheet, row key, column header), so that a
 * note on an input cell or on an indicator's wording follows its row and its column to the rebuilt
 * workbook; on the other cells, by its address. A note whose cell is gone goes to the Archives. Pure.
 */

/** The last row and column of a sheet (Excel 2007 and later), 0-based. */
const LAST_ROW = 1_048_575;
const LAST_COL = 16_383;

/** A note as a reader gives it: its cell (0-based), its author and its text (runs joined). */
export const ReadNoteSchema = z.object({
  row: z.number().int().min(0).max(LAST_ROW),
  col: z.number().int().min(0).max(LAST_COL),
  author: z.string().max(EXCEL_CELL_LIMIT),
  text: z.string(),
});
export type ReadNote = z.infer<typeof ReadNoteSchema>;

/** A note by location, as an entry is (see `Entry`): what a rebuild puts back or archives. */
export interface Note {
  readonly sheet: string;
  /** The row's key (indicator row id, action ref, Paramètres label), or the cell's address. */
  readonly key: string;
  /** The column's header (`#c` on Paramètres, `@AZ` where the column has none); "" with an address. */
  readonly column: string;
  /** What the row (or the cell) is about, for the Archives. */
  readonly label: string;
  readonly author: string;
  readonly text: string;
}

export type NoteOrphanReason = "note_removed" | "note_renamed";

export interface NotePlacement {
  /** The notes to write, by sheet name. */
  readonly notes: ReadonlyMap<string, readonly CellNote[]>;
  readonly orphans: ReadonlyArray<{ readonly note: Note; readonly reason: NoteOrphanReason }>;
}

const str = (v: RawEntry | undefined): string =>
  v === null || v === undefined ? "" : String(v).trim();

/** The column part of a row-keyed note: the header, `#c` without a header row, `@AZ` without a header. */
function columnName(header: readonly string[] | null, c: number): string {
  if (!header) return `#${c}`;
  return header[c] || `@${columnLetter(c)}`;
}

/**
 * The notes of the sheets read back, each by location (the sheets of `model`, the structure the
 * workbook was built with; a user's own sheets carry their notes themselves).
 */
export function readNotes(
  model: WorkbookModel,
  sheets: ReadonlyMap<string, Pick<ReadBackSheet, "rows" | "notes">>
): Note[] {
  const out: Note[] = [];
  for (const sheet of model.sheets) {
    const read = sheets.get(sheet.name);
    if (!read?.notes?.length) continue;
    const spec = inputSheetSpec(sheet.name);
    const header =
      spec && spec.headerRow !== null ? (read.rows[spec.headerRow] ?? []).map(str) : null;
    for (const n of read.notes) {
      const row = read.rows[n.row] ?? [];
      const below = spec !== null && (spec.headerRow === null || n.row > spec.headerRow);
      const key = below ? spec.key(row) : null;
      const note = { sheet: sheet.name, author: n.author, text: n.text };
      if (spec && key !== null)
        out.push({ ...note, key, column: columnName(header, n.col), label: spec.label(row) });
      else out.push({ ...note, key: a1(n.row, n.col), column: "", label: str(row[n.col]) });
    }
  }
  return out;
}

/** Where row-keyed cells are in a model: by group and row key, and each sheet's columns by header. */
interface RowIndex {
  readonly rows: Map<
    string,
    { readonly sheet: number; readonly row: number; readonly label: string }
  >;
  readonly headers: Map<number, Map<string, number>>;
}

function rowIndex(model: WorkbookModel): RowIndex {
  const rows: RowIndex["rows"] = new Map();
  const headers: RowIndex["headers"] = new Map();
  model.sheets.forEach((sheet, s) => {
    const spec = inputSheetSpec(sheet.name);
    if (!spec) return;
    if (spec.headerRow !== null) {
      const byName = new Map<string, number>();
      (sheet.cells[spec.headerRow] ?? []).forEach((cell, c) => {
        const name = str(modelRaw(cell));
        if (name && !byName.has(name)) byName.set(name, c);
      });
      headers.set(s, byName);
    }
    const group = locationGroup(sheet.name);
    sheet.cells.forEach((line, r) => {
      if (spec.headerRow !== null && r <= spec.headerRow) return;
      const raw = line.map(modelRaw);
      const key = spec.key(raw);
      const at = `${group}\u0000${key ?? ""}`;
      if (key !== null && !rows.has(at)) rows.set(at, { sheet: s, row: r, label: spec.label(raw) });
    });
  });
  return { rows, headers };
}

/** `AZ` -> 51; -1 when not a column's letters. */
function letterColumn(letters: string): number {
  if (!/^[A-Z]{1,3}$/.test(letters)) return -1;
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** `B12` -> [11, 1]; null when not a cell address. */
function parseA1(ref: string): readonly [number, number] | null {
  const m = /^([A-Z]{1,3})([1-9]\d{0,6})$/.exec(ref);
  if (!m) return null;
  return [Number(m[2]) - 1, letterColumn(m[1] as string)];
}

/** Whether two axis rows are the same indicator's (a reworded one measured something else). */
function reworded(note: Note, label: string): boolean {
  return (
    isAxisSheetName(note.sheet) &&
    note.label !== "" &&
    label !== "" &&
    note.label !== label &&
    !sameWording(note.label, label)
  );
}

/**
 * Finds each note's cell in `model`: an input cell by its entry location, another cell of a keyed
 * row by row key and column header, any other cell by its address on the sheet of the same name.
 * The cell must exist in the model (a generated cell); otherwise, or when the indicator was reworded,
 * the note is an orphan, for the Archives. Two notes on one cell are joined.
 */
export function placeNotes(model: WorkbookModel, notes: readonly Note[]): NotePlacement {
  const out = new Map<string, Map<string, CellNote>>();
  const orphans: Array<NotePlacement["orphans"][number]> = [];
  if (notes.length === 0) return { notes: new Map(), orphans };
  const inputs = inputIndex(model);
  let index: RowIndex | null = null;
  const byName = new Map(model.sheets.map((s, i) => [s.name, i]));
  const cellOf = (s: number, r: number, c: number) => model.sheets[s]?.cells[r]?.[c] ?? null;

  for (const note of notes) {
    let target: { sheet: number; row: number; col: number } | null = null;
    let label = "";
    if (note.column === "") {
      const at = parseA1(note.key);
      const s = byName.get(note.sheet);
      if (at && s !== undefined && cellOf(s, at[0], at[1]))
        target = { sheet: s, row: at[0], col: at[1] };
    } else {
      const input = inputs.get(note);
      if (input) {
        target = { sheet: input.sheet, row: input.row, col: input.col };
        label = input.label;
      } else {
        index ??= rowIndex(model);
        const row = index.rows.get(`${locationGroup(note.sheet)}\u0000${note.key}`);
        if (row) {
          const col = note.column.startsWith("#")
            ? Number(note.column.slice(1))
            : note.column.startsWith("@")
              ? letterColumn(note.column.slice(1))
              : (index.headers.get(row.sheet)?.get(note.column) ?? -1);
          if (col >= 0 && cellOf(row.sheet, row.row, col)) {
            target = { sheet: row.sheet, row: row.row, col };
            label = row.label;
          }
        }
      }
    }
    if (!target) {
      orphans.push({ note, reason: "note_removed" });
      continue;
    }
    if (reworded(note, label)) {
      orphans.push({ note, reason: "note_renamed" });
      continue;
    }
    const name = (model.sheets[target.sheet] as SheetModel).name;
    let sheetNotes = out.get(name);
    if (!sheetNotes) out.set(name, (sheetNotes = new Map()));
    const at = `${target.row},${target.col}`;
    const known = sheetNotes.get(at);
    sheetNotes.set(
      at,
      known
        ? { ...known, text: `${known.text}\n\n${note.text}` }
        : { row: target.row, col: target.col, author: note.author, text: note.text }
    );
  }
  return {
    notes: new Map([...out].map(([name, cells]) => [name, [...cells.values()]])),
    orphans,
  };
}

/** The model with the placed notes on their sheets (by name); the given model is not changed. */
export function withNotes(
  model: WorkbookModel,
  notes: ReadonlyMap<string, readonly CellNote[]>
): WorkbookModel {
  if (notes.size === 0) return model;
  const sheets = model.sheets.map((s) => {
    const own = notes.get(s.name);
    return own ? { ...s, notes: [...(s.notes ?? []), ...own] } : s;
  });
  return { ...model, sheets };
}
