import type { RawEntry } from "../engine/types";
import { AXIS_HEADER_ROW, axisColumns, axisLayout, isAxisSheetName } from "./axisSheet";
import type { Cell, CellNote, CellValue, SheetModel, WorkbookModel } from "./model";
import { PARAMS_SHEET } from "./paramsSheet";
import {
  DIFFERENCES_COLUMNS,
  DIFFERENCES_HEADER_ROW,
  DIFFERENCES_SHEET,
  SCHEDULE_COL,
  SCHEDULE_HEADER_ROW,
  SCHEDULE_SHEET,
  scheduleColumns,
} from "./recapSheets";
import { isoToSerial, serialToIso } from "./units";

/**
 * Entries: what people typed in a workbook's input cells, identified by sheet, row key and column
 * header rather than by position, so that they survive a regeneration, a plan update or a merge.
 * An entry is an input cell whose content differs from what the generator writes there (a default
 * such as the aggregation « Par an » is not an entry). Pure: the adapters read the cells.
 */

export type EntryValue = string | number | boolean;

/** A sheet read back from a file or from Excel. */
export interface ReadBackSheet {
  readonly name: string;
  /** rows[r][c] from A1; formula cells give their last computed value (or null). */
  readonly rows: ReadonlyArray<ReadonlyArray<RawEntry>>;
  /** Formula text of the formula cells, by `r,c` (0-based), without `=`. */
  readonly formulas: ReadonlyMap<string, string>;
  /**
   * Formula cells saved without a computed value that the reader could not compute (a reference, a
   * function: only a spreadsheet can), by `r,c`: their text without `=` as far as the reader read
   * it (all of it when reading formulas, else a short one; `""` when unknown). Their value in `rows`
   * is null. Absent when the reader cannot tell (Excel itself always computes).
   */
  readonly uncomputed?: ReadonlyMap<string, string>;
  /** Whether the sheet is protected; null when the reader cannot tell. */
  readonly protected: boolean | null;
  /** The notes (comments) on its cells, when the reader reads them (`notes.ts`). */
  readonly notes?: ReadonlyArray<CellNote>;
}

export interface Entry {
  /** The sheet it was read from (`Axe II`, `Échéancier`...). */
  readonly sheet: string;
  /** The row's key: indicator row id (`I.A.1.R1`, `I.A.1.R1#2`), action ref, or Paramètres label. */
  readonly key: string;
  /** The column's header (`2023`, `Commentaire`, `Référence`...), `#3` on a sheet without header row. */
  readonly column: string;
  /** What the row is about (the indicator's or the action's wording), for reports and archives. */
  readonly label: string;
  /**
   * What the cell holds: a value, or a formula's last computed value. A formula without one (saved
   * uncomputed, or computed empty) is its text with `=` (`=A1+1`): a text, which the engine reports
   * rather than reads as empty, and which is never written back as a formula by itself.
   */
  readonly value: EntryValue;
  /**
   * The user's formula in the cell (without `=`), when it held one that is not the model's own: read
   * from a formula element of the file only, and written back as a formula (`entryCellValue`).
   */
  readonly formula?: string;
}

/** Axis sheets share one key space: an indicator may move from one axis to another between versions. */
const AXES = "Axes";

/** The first part of the locations of a sheet's entries (the axis sheets share one). */
export function locationGroup(sheet: string): string {
  return isAxisSheetName(sheet) ? AXES : sheet;
}

export function entryLocation(e: Pick<Entry, "sheet" | "key" | "column">): string {
  return `${locationGroup(e.sheet)}\u0000${e.key}\u0000${e.column}`;
}

/**
 * Values by entry location, in maps nested by group, row key and column: an entry's own strings find
 * it, where a map keyed by `entryLocation` builds and hashes a new string per lookup (the most part
 * of reading and merging entries at ×10, some 100 000 of them per workbook).
 */
export class LocationMap<V> {
  private readonly groups = new Map<string, Map<string, Map<string, V>>>();

  /** The values of a row (by column), if any. */
  row(group: string, key: string): ReadonlyMap<string, V> | undefined {
    return this.groups.get(group)?.get(key);
  }

  /** The values of an entry's row (by column), if any. */
  rowOf(e: Pick<Entry, "sheet" | "key">): ReadonlyMap<string, V> | undefined {
    return this.row(locationGroup(e.sheet), e.key);
  }

  /** The value at an entry's location. */
  get(e: Pick<Entry, "sheet" | "key" | "column">): V | undefined {
    return this.rowOf(e)?.get(e.column);
  }

  /** Sets the value at an entry's location. */
  set(e: Pick<Entry, "sheet" | "key" | "column">, value: V): void {
    this.setAt(locationGroup(e.sheet), e.key, e.column, value);
  }

  setAt(group: string, key: string, column: string, value: V): void {
    let rows = this.groups.get(group);
    if (!rows) this.groups.set(group, (rows = new Map()));
    let row = rows.get(key);
    if (!row) rows.set(key, (row = new Map()));
    row.set(column, value);
  }

  /** Every location and its value, by group, row key, then column (each in first-set order). */
  *entries(): Generator<[string, V]> {
    for (const [group, rows] of this.groups)
      for (const [key, row] of rows)
        for (const [column, value] of row) yield [`${group}\u0000${key}\u0000${column}`, value];
  }

  /** Every value (see `entries` for the order). */
  *values(): Generator<V> {
    for (const rows of this.groups.values()) for (const row of rows.values()) yield* row.values();
  }
}

/** How the rows and columns of a sheet with inputs are recognised from one version to the next. */
interface InputSheetSpec {
  readonly headerRow: number | null;
  /** Whether a header names an input column (sheets with a header row). */
  readonly isInputHeader?: (header: string) => boolean;
  key(row: readonly RawEntry[]): string | null;
  label(row: readonly RawEntry[]): string;
}

const str = (v: RawEntry | undefined): string =>
  v === null || v === undefined ? "" : String(v).trim();

/** The row id and indicator columns of an axis sheet: before the years, the same for every plan. */
const AXIS_COL = axisLayout([]).col;
const DIFFERENCES = DIFFERENCES_COLUMNS.col;

/** The headers of a schema's input columns. */
function inputHeaders(columns: readonly { header: string; input: boolean }[]): Set<string> {
  return new Set(columns.filter((c) => c.input).map((c) => c.header));
}
const AXIS_INPUTS = inputHeaders(axisColumns([]).columns);
const SCHEDULE_INPUTS = inputHeaders(scheduleColumns([]).columns);
const DIFFERENCES_INPUTS = inputHeaders(DIFFERENCES_COLUMNS.columns);

const AXIS_SPEC: InputSheetSpec = {
  headerRow: AXIS_HEADER_ROW,
  // A plan's years are input columns too, whatever the plan.
  isInputHeader: (h) => AXIS_INPUTS.has(h) || /^\d{4}$/.test(h),
  key: (row) => str(row[AXIS_COL.id]) || null,
  label: (row) => str(row[AXIS_COL.indicator]),
};

const SCHEDULE_SPEC: InputSheetSpec = {
  headerRow: SCHEDULE_HEADER_ROW,
  isInputHeader: (h) => SCHEDULE_INPUTS.has(h),
  key: (row) => str(row[SCHEDULE_COL.ref]) || null,
  label: (row) => str(row[SCHEDULE_COL.action]),
};

/** A difference has no id: its action, indicator and wording identify it. */
const DIFFERENCES_SPEC: InputSheetSpec = {
  headerRow: DIFFERENCES_HEADER_ROW,
  isInputHeader: (h) => DIFFERENCES_INPUTS.has(h),
  key: (row) =>
    str(row[DIFFERENCES.ref])
      ? `${str(row[DIFFERENCES.ref])}|${str(row[DIFFERENCES.indicator])}|${str(row[DIFFERENCES.difference])}`
      : null,
  label: (row) => str(row[DIFFERENCES.difference]),
};

/** Paramètres has no header row: a row is its label (column A), a column its position. */
const PARAMS_SPEC: InputSheetSpec = {
  headerRow: null,
  key: (row) => str(row[0]) || null,
  label: (row) => str(row[0]),
};

/**
 * Where a reader must look for the user's formulas on a sheet with inputs, from its rows as read:
 * the header row and the indexes of its input columns (found by header, so moved columns count).
 * Null for a sheet without a header row (Paramètres: read whole) or without inputs. A host that
 * cannot give the formulas of a whole sheet cheaply (Office.js: an axis sheet's status formulas weigh
 * megabytes) reads only these columns.
 */
export function inputColumnsOf(
  name: string,
  rows: readonly (readonly RawEntry[])[]
): { readonly headerRow: number; readonly columns: readonly number[] } | null {
  const spec = inputSheetSpec(name);
  if (!spec || spec.headerRow === null || !spec.isInputHeader) return null;
  const { headerRow, isInputHeader } = spec;
  const columns: number[] = [];
  (rows[headerRow] ?? []).forEach((v, c) => {
    if (isInputHeader(str(v))) columns.push(c);
  });
  return { headerRow, columns };
}

export function inputSheetSpec(name: string): InputSheetSpec | null {
  if (isAxisSheetName(name)) return AXIS_SPEC;
  if (name === SCHEDULE_SHEET) return SCHEDULE_SPEC;
  if (name === DIFFERENCES_SHEET) return DIFFERENCES_SPEC;
  if (name === PARAMS_SHEET) return PARAMS_SPEC;
  return null;
}

/**
 * What a reader sees in a model cell once written (a formula: its last computed value if written
 * with one, else nothing until calculated).
 */
export function modelRaw(cell: Cell | null | undefined): RawEntry {
  const v = cell?.value;
  if (!v) return null;
  switch (v.kind) {
    case "text":
    case "link":
      return v.text;
    case "number":
    case "boolean":
      return v.value;
    case "date":
      return v.iso;
    case "formula":
      return v.cached ?? null;
  }
}

/** An input cell of a model sheet. */
interface InputCell {
  readonly sheet: number;
  readonly row: number;
  readonly col: number;
  /** Its column in entry locations: the header, or `#c` on a sheet without header row. */
  readonly column: string;
  readonly cell: Cell;
  readonly label: string;
}

function isInput(model: WorkbookModel, cell: Cell | null | undefined): cell is Cell {
  return !!cell?.style && model.styles[cell.style].unlocked === true;
}

function headerOf(sheet: SheetModel, spec: InputSheetSpec): string[] | null {
  if (spec.headerRow === null) return null;
  return (sheet.cells[spec.headerRow] ?? []).map((c) => str(modelRaw(c)));
}

const columnKey = (header: readonly string[] | null, c: number) =>
  header ? (header[c] ?? "") : `#${c}`;

/** A model's sheets that take entries, with their index among its sheets. */
interface InputSheet {
  readonly sheet: SheetModel;
  readonly index: number;
  readonly spec: InputSheetSpec;
}

/**
 * Input cells already found, by the first sheet with inputs of their model. The models of a merge or
 * a refresh (the opened one, the one merged into, the rebuilt one) share their sheets
 * (`BuildOptions.sameStructureAs`), so they share their input cells too (some 100 000 at ×10): they
 * are taken again when the styles and every sheet with inputs are the same objects, at the same
 * indexes. Models are immutable values, and the index is read-only to callers.
 */
const inputIndexOf = new WeakMap<
  SheetModel,
  {
    readonly sheets: readonly InputSheet[];
    readonly styles: WorkbookModel["styles"];
    readonly index: LocationMap<InputCell>;
  }
>();

/** The input cells of a model by location (a later cell at the same location replaces the earlier). */
export function inputIndex(model: WorkbookModel): Omit<LocationMap<InputCell>, "set" | "setAt"> {
  const sheets: InputSheet[] = [];
  model.sheets.forEach((sheet, index) => {
    const spec = inputSheetSpec(sheet.name);
    if (spec) sheets.push({ sheet, index, spec });
  });
  const first = sheets[0]?.sheet;
  const known = first ? inputIndexOf.get(first) : undefined;
  if (
    known &&
    known.styles === model.styles &&
    known.sheets.length === sheets.length &&
    known.sheets.every((k, i) => k.sheet === sheets[i]?.sheet && k.index === sheets[i]?.index)
  )
    return known.index;
  const index = new LocationMap<InputCell>();
  for (const { sheet, index: s, spec } of sheets) {
    const group = locationGroup(sheet.name);
    const header = headerOf(sheet, spec);
    sheet.cells.forEach((line, r) => {
      if (spec.headerRow !== null && r <= spec.headerRow) return;
      // The row's key and label, read at its first input cell (most rows of a model have none).
      let key: string | null = null;
      let label = "";
      for (let c = 0; c < line.length; c++) {
        const cell = line[c];
        if (!isInput(model, cell)) continue;
        if (key === null) {
          const raw = line.map(modelRaw);
          key = spec.key(raw);
          if (key === null) return;
          label = spec.label(raw);
        }
        const column = columnKey(header, c);
        index.setAt(group, key, column, { sheet: s, row: r, col: c, column, cell, label });
      }
    });
  }
  if (first) inputIndexOf.set(first, { sheets, styles: model.styles, index });
  return index;
}

/** The input cells of a model, by entry location (see `LocationMap.entries` for the order). */
export function inputCells(model: WorkbookModel): ReadonlyMap<string, InputCell> {
  return new Map(inputIndex(model).entries());
}

/** The number written in `text` from `start` to `end` (digits only: a reader's `r,c` keys). */
function digitsAt(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) n = n * 10 + (text.charCodeAt(i) - 48);
  return n;
}

/**
 * The formulas of a read sheet as rows of columns (`rows[r]?.[c]`): looking each cell up by its
 * `r,c` text costs a string and a hash per cell, for every cell of a sheet. (Not kept from one call
 * to the next: a sheet read back may be changed by its holder, as the tests do.)
 */
export function formulaRows(
  formulas: ReadonlyMap<string, string>
): ReadonlyArray<ReadonlyArray<string | undefined> | undefined> {
  const rows: Array<Array<string | undefined>> = [];
  formulas.forEach((formula, at) => {
    const comma = at.indexOf(",");
    (rows[digitsAt(at, 0, comma)] ??= [])[digitsAt(at, comma + 1, at.length)] = formula;
  });
  return rows;
}

/** Whether two entry values are the same (numbers to 1e-9, texts without outer spaces). */
export function sameValue(a: RawEntry, b: RawEntry): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return a == b;
  if (typeof a === "number" && typeof b === "number")
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (typeof a === "string" && typeof b === "string") return a.trim() === b.trim();
  // A number typed as text (`12`, `12,5`, `1 250`) is the same number: by value, not by type.
  if (typeof a === "number" && typeof b === "string") return sameNumber(a, b);
  if (typeof a === "string" && typeof b === "number") return sameNumber(b, a);
  return a === b;
}

/** Whether a text is only `n` written the French or the plain way. */
function sameNumber(n: number, text: string): boolean {
  const t = text.trim().replace(/[\s\u00a0\u202f]/g, "");
  return /^-?\d+(?:[.,]\d+)?$/.test(t) && sameValue(n, Number(t.replace(",", ".")));
}

/**
 * A date cell's value as an ISO date whatever the reader gave: Office.js reads a date as its serial
 * (`45366`), a file reader as `2024-03-15`. Both are the same entry, so a return sent back unchanged
 * is not a change, and a date is shown as a date. A serial with a time of day, or out of Excel's date
 * range, stays as it is.
 */
function asDate<T extends RawEntry>(value: T, cell: Cell | undefined): T | string {
  const dateCell = cell?.format === "date" || cell?.format === "shortDate";
  return dateCell &&
    typeof value === "number" &&
    Number.isInteger(value) &&
    value > 0 &&
    value < 2958466
    ? serialToIso(value)
    : value;
}

/** Whether a read value is what the model writes in that cell (a default, not an entry). */
export function isDefault(raw: RawEntry, value: CellValue | null): boolean {
  if (value === null) return raw === null || raw === undefined;
  if (value.kind === "date")
    return raw === value.iso || (typeof raw === "number" && sameValue(raw, isoToSerial(value.iso)));
  if (value.kind === "formula") return false;
  return sameValue(raw, modelRaw({ value }));
}

/** Nothing in the cell for a reader: empty, or spaces only. */
export const isBlank = (v: RawEntry): boolean =>
  v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/**
 * The code of a formula (outside its string literals) as Excel or LibreOffice may rewrite it when
 * they save a file: without case, spaces, `$` or Excel's function prefixes, sheet names without the
 * quotes a spreadsheet drops when a name does not need them (`'Paramètres'!B3` -> `Paramètres!B3`),
 * `TRUE()`/`FALSE()` as `TRUE`/`FALSE`, and numbers in one notation (`1E-9` = `0.000000001`).
 */
function normalizeFormulaCode(code: string): string {
  return code
    .replace(/_xlfn\.|_xlws\./gi, "")
    .replace(/[\s$]/g, "")
    .toUpperCase()
    .replace(/'((?:[^']|'')+)'!/g, (_, name: string) => `${name.replace(/''/g, "'")}!`)
    .replace(/\b(TRUE|FALSE)\(\)/g, "$1")
    .replace(/(?<![A-Z0-9_.!:])(\d+(?:\.\d*)?|\.\d+)(E[+-]?\d+)?(?![A-Z0-9_(!:])/g, (m: string) =>
      String(Number(m))
    );
}

/**
 * A formula, compared as text as a spreadsheet may rewrite it on saving (see `normalizeFormulaCode`);
 * string literals are compared exactly, so a changed word of a formula is still a change.
 */
export function normalizeFormula(f: string): string {
  return f
    .replace(/^\s*=/, "")
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => (i % 2 === 1 ? part : normalizeFormulaCode(part)))
    .join("");
}

/**
 * The user's formula in a cell (without `=`), given the formula text the reader found there (read
 * from a formula element: never a text): null when there is none, when it is empty (a shared
 * formula whose master is lost), or when the cell's value is that very text with `=` (a host that
 * gives a text cell's content as its formula, as Office.js's `formulas` may: a text stays a text).
 */
function userFormula(value: RawEntry, formula: string | undefined): string | null {
  if (formula === undefined || formula.trim() === "") return null;
  if (typeof value === "string" && value.trim() === `=${formula}`.trim()) return null;
  return formula;
}

/**
 * Reads the entries of a workbook built from `model`: for each sheet with inputs, every non-blank
 * cell of an input column (found by its header in the read sheet, so moved columns still count)
 * whose content is not the model's default, and every input cell holding a formula that is not the
 * model's own (with its result, or `=` and its text when it has none: see `Entry.formula`; the
 * sheets must be read with their formulas for these). Rows are found by their key; a row whose key is not in
 * the model (an indicator gone from the plan, a row added by hand) still gives its entries, so that
 * nothing is dropped: placing them later makes them archives.
 */
export function readEntries(
  model: WorkbookModel,
  sheets: ReadonlyMap<string, Pick<ReadBackSheet, "rows" | "formulas">>
): Entry[] {
  const cells = inputIndex(model);
  // The input columns of each sheet (by header, or `#c` without a header row), in one pass.
  const columnsOf = model.sheets.map(() => new Set<string>());
  for (const input of cells.values()) columnsOf[input.sheet]?.add(input.column);
  const entries: Entry[] = [];
  model.sheets.forEach((sheet, s) => {
    const spec = inputSheetSpec(sheet.name);
    const read = sheets.get(sheet.name);
    if (!spec || !read) return;
    const group = locationGroup(sheet.name);
    const inputColumns = columnsOf[s] as Set<string>;
    const header = spec.headerRow === null ? null : (read.rows[spec.headerRow] ?? []).map(str);
    const formulas = formulaRows(read.formulas);
    read.rows.forEach((row, r) => {
      if (spec.headerRow !== null && r <= spec.headerRow) return;
      const own = spec.key(row);
      // A row without a key below the model's rows (typed under the table) is the user's own
      // content: `outsideEdits` archives it cell by cell, once.
      if (own === null && r >= sheet.cells.length) return;
      const key = own ?? (spec.headerRow !== null ? `(ligne ${r + 1})` : null);
      if (key === null) return;
      const inputs = cells.row(group, key);
      // The wording the entries measured is the model's (the workbook's own plan): a wording edited
      // in the sheet, or read from a moved column, is not a rewording of the plan.
      let label: string | null = inputs ? (inputs.values().next().value?.label ?? null) : null;
      const formulaLine = formulas[r];
      row.forEach((value, c) => {
        const formula = formulaLine?.[c];
        const blank = value === null || value === undefined || isBlank(value);
        // A formula with no value (uncomputed, or computed empty) is still what the user typed.
        if (blank && !formula) return;
        const column = columnKey(header, c);
        if (!inputColumns.has(column)) return;
        const input = inputs?.get(column);
        // Without a header row (Paramètres), only the model's own input cells hold entries.
        if (!header && !input) return;
        if (formula !== undefined) {
          const own = input?.cell.value;
          if (
            own?.kind === "formula" &&
            normalizeFormula(own.formula) === normalizeFormula(formula)
          )
            return;
        }
        const typed = userFormula(value, formula);
        if (typed !== null) {
          label ??= spec.label(row);
          const shown = value === null || value === undefined || blank ? `=${typed}` : value;
          entries.push({ sheet: sheet.name, key, column, label, value: shown, formula: typed });
          return;
        }
        if (blank) return;
        if (input && isDefault(value, input.cell.value)) return;
        label ??= spec.label(row);
        entries.push({ sheet: sheet.name, key, column, label, value: asDate(value, input?.cell) });
      });
    });
  });
  return entries;
}

/** Wording compared without case, accents, punctuation or spacing. */
export function sameWording(a: string, b: string): boolean {
  const n = (s: string) =>
    s
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "");
  return n(a) === n(b);
}

/** Why an entry could not be placed in a new model. */
export type OrphanReason = "removed" | "renamed" | "column_removed";

export interface Orphan {
  readonly entry: Entry;
  readonly reason: OrphanReason;
}

export interface Placement {
  readonly model: WorkbookModel;
  readonly placed: readonly Entry[];
  readonly orphans: readonly Orphan[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The cell value of an entry: text stays text (never a formula), ISO dates in date cells are dates.
 * Only an entry read with a user's formula (`Entry.formula`, from a formula element of a file) is
 * a formula again, with its last computed value when it had one (a date cell's as its serial).
 */
export function entryCellValue(value: EntryValue, cell: Cell, formula?: string): CellValue {
  const dateCell = cell.format === "date" || cell.format === "shortDate";
  if (formula !== undefined && formula.trim() !== "") {
    // `=` and the formula's text stands for no computed value (see `Entry.value`).
    if (typeof value === "string" && value === `=${formula}`) return { kind: "formula", formula };
    const cached =
      typeof value === "string" && dateCell && ISO_DATE.test(value) ? isoToSerial(value) : value;
    return { kind: "formula", formula, cached };
  }
  if (typeof value === "boolean") return { kind: "boolean", value };
  if (typeof value === "number") return { kind: "number", value };
  if (dateCell && ISO_DATE.test(value)) return { kind: "date", iso: value };
  return { kind: "text", text: value };
}

/**
 * Places entries on a model's input cells, by location. An entry whose row is gone (or whose
 * indicator was reworded: it measured something else) or whose column is gone is an orphan, for the
 * Archives sheet. Returns a new model; the given one is not changed.
 */
export function placeEntries(model: WorkbookModel, entries: readonly Entry[]): Placement {
  const cells = inputIndex(model);
  const grids = model.sheets.map((s) => s.cells as ReadonlyArray<ReadonlyArray<Cell | null>>);
  // The rows already copied, per sheet (a sheet's grid is copied with its first one).
  const copiedRows = model.sheets.map((): Set<number> | null => null);
  const writable = (s: number, r: number): Array<Cell | null> => {
    let copied = copiedRows[s];
    if (!copied) {
      grids[s] = [...(grids[s] ?? [])];
      copied = copiedRows[s] = new Set();
    }
    const grid = grids[s] as Array<ReadonlyArray<Cell | null>>;
    if (!copied.has(r)) {
      grid[r] = [...(grid[r] ?? [])];
      copied.add(r);
    }
    return grid[r] as Array<Cell | null>;
  };
  const placed: Entry[] = [];
  const orphans: Orphan[] = [];
  // The input cells already given an entry (one input cell per location).
  const taken = new Set<InputCell>();
  for (const entry of entries) {
    const input = cells.get(entry);
    if (!input || taken.has(input)) {
      orphans.push({ entry, reason: cells.rowOf(entry) ? "column_removed" : "removed" });
      continue;
    }
    if (
      isAxisSheetName(entry.sheet) &&
      entry.label !== "" &&
      input.label !== "" &&
      entry.label !== input.label &&
      !sameWording(entry.label, input.label)
    ) {
      orphans.push({ entry, reason: "renamed" });
      continue;
    }
    taken.add(input);
    const line = writable(input.sheet, input.row);
    line[input.col] = {
      ...input.cell,
      value: entryCellValue(entry.value, input.cell, entry.formula),
    };
    placed.push(entry);
  }
  const sheets = model.sheets.map((s, i) =>
    grids[i] === s.cells ? s : { ...s, cells: grids[i] as SheetModel["cells"] }
  );
  return { model: { ...model, sheets }, placed, orphans };
}
