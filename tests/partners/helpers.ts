import { execFileSync } from "node:child_process";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAsync, type Io } from "../../src/cli/main";
import type { RawEntry } from "../../src/domain/engine/types";
import { restrictPlan } from "../../src/domain/plan/partners";
import type { Plan } from "../../src/domain/plan/schema";
import { parsePlanJson } from "../../src/domain/plan/validate";
import { AXIS_HEADER_ROW } from "../../src/domain/workbook/axisSheet";
import { modelRaw, type EntryValue, type ReadBackSheet } from "../../src/domain/workbook/entries";
import type { WorkbookModel } from "../../src/domain/workbook/model";
import { SCHEDULE_HEADER_ROW } from "../../src/domain/workbook/recapSheets";

/**
 * Helpers of the partner-workflow tests: the seed plan and small plans cut from it, a model turned
 * into the sheets a reader would give back (so that most of the workflow runs without files), cells
 * typed into those sheets like a user would, the command line run in-process, the independent reader.
 */

export const root = join(__dirname, "..", "..");
export const seedPlanFile = join(root, "seeds/pays-segali-2021-2025.json");

function loadSeed(): Plan {
  const parsed = parsePlanJson(readFileSync(seedPlanFile, "utf8"));
  if (!parsed.ok) throw new Error("the seed plan does not load");
  return parsed.plan;
}

export const seedPlan: Plan = loadSeed();

/** A deep copy (plans are plain JSON). */
export const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

export const allRefs = (plan: Plan): string[] =>
  plan.axes.flatMap((a) => a.objectives.flatMap((o) => o.actions.map((x) => x.ref)));

/** The seed plan cut down to some actions (fast to build), as a plan file would hold it. */
export function smallPlan(refs: readonly string[], id?: string): Plan {
  const plan = clone(restrictPlan(seedPlan, new Set(refs)));
  return id ? { ...plan, id } : plan;
}

/**
 * A small plan with actions the CAF and the CSC both take part in, actions of only one of them, and
 * actions of neither; count, percent, increase and milestone targets; on all four axes.
 */
export const SMALL_REFS = [
  "I.A.1",
  "I.A.4",
  "I.C.5",
  "I.D.1",
  "I.E.3",
  "II.A.1",
  "II.B.2",
  "III.A.4",
  "III.C.2",
  "IV.B.1",
];

export const GEN = { generatorVersion: "test", generatedOn: "2026-11-29" } as const;
export const AT = "2026-11-29T14:03";

/** A sheet as a reader gives it back, but mutable: the tests type into it. */
export interface GridSheet extends ReadBackSheet {
  readonly rows: RawEntry[][];
  readonly formulas: Map<string, string>;
  protected: boolean | null;
}
export type Grid = Map<string, GridSheet>;

/** What a file reader gives for a model cell: texts, numbers, booleans, dates as ISO, formulas apart. */
const rawOfCell = modelRaw;

/** The sheets of a model as `readXlsx` would give them back from its file (no formula computed). */
export function gridOf(model: WorkbookModel): Grid {
  const out: Grid = new Map();
  for (const sheet of model.sheets) {
    const formulas = new Map<string, string>();
    const rows = sheet.cells.map((line, r) =>
      line.map((cell, c) => {
        if (cell?.value?.kind === "formula") formulas.set(`${r},${c}`, cell.value.formula);
        return rawOfCell(cell);
      })
    );
    out.set(sheet.name, {
      name: sheet.name,
      rows,
      formulas,
      protected: sheet.protection?.enabled ?? false,
    });
  }
  return out;
}

/** A deep copy of a grid (a file copied before someone changes it). */
export function copyGrid(grid: Grid): Grid {
  const out: Grid = new Map();
  for (const [name, s] of grid)
    out.set(name, {
      name,
      rows: s.rows.map((r) => [...r]),
      formulas: new Map(s.formulas),
      protected: s.protected,
    });
  return out;
}

/** Types a value into a cell (replacing any formula), like a user. */
export function typeAt(grid: Grid, sheet: string, r: number, c: number, value: RawEntry): void {
  const s = grid.get(sheet);
  if (!s) throw new Error(`no sheet ${sheet}`);
  while (s.rows.length <= r) s.rows.push([]);
  const row = s.rows[r] as RawEntry[];
  while (row.length <= c) row.push(null);
  row[c] = value;
  s.formulas.delete(`${r},${c}`);
}

/** The header row of a sheet with one (axis sheets, Échéancier), else null. */
export function headerRowOf(sheet: string): number | null {
  if (/^Axe [IVX]+$/.test(sheet)) return AXIS_HEADER_ROW;
  if (sheet === "Échéancier") return SCHEDULE_HEADER_ROW;
  if (sheet === "Écarts") return 3;
  return null;
}

/**
 * Where a row key and a column header are in a sheet, found by reading it (not with the code under
 * test): the key in column A below the header row, the header in the header row (`#n` = column n
 * on a sheet without header row).
 */
export function locate(
  grid: Grid,
  sheet: string,
  key: string,
  column: string
): { r: number; c: number } | null {
  const s = grid.get(sheet);
  if (!s) return null;
  const h = headerRowOf(sheet);
  const c =
    h === null
      ? Number(column.slice(1))
      : (s.rows[h] ?? []).findIndex((v) => String(v ?? "").trim() === column);
  if (c < 0) return null;
  for (let r = (h ?? -1) + 1; r < s.rows.length; r++) {
    const k =
      sheet === "Écarts"
        ? rowKeyOfDifference(s.rows[r] ?? [])
        : String(s.rows[r]?.[0] ?? "").trim();
    if (k === key) return { r, c };
  }
  return null;
}

/** The row key and column header of a cell, read from the sheet itself (see `locate`). */
export function whereIs(
  grid: Grid,
  sheet: string,
  r: number,
  c: number
): { key: string; column: string; label: string } {
  const s = grid.get(sheet);
  const h = headerRowOf(sheet);
  const row = s?.rows[r] ?? [];
  const t = (v: RawEntry | undefined) => String(v ?? "").trim();
  const column = h === null ? `#${c}` : t(s?.rows[h]?.[c]);
  const key = sheet === "Écarts" ? rowKeyOfDifference(row) : t(row[0]);
  const labelCol = AXIS.test(sheet) ? 6 : sheet === "Échéancier" ? 1 : sheet === "Écarts" ? 2 : 0;
  return { key, column, label: t(row[labelCol]) };
}

function rowKeyOfDifference(row: readonly RawEntry[]): string {
  const t = (v: RawEntry | undefined) => String(v ?? "").trim();
  return t(row[0]) ? `${t(row[0])}|${t(row[1])}|${t(row[2])}` : "";
}

/** The value shown in a cell found by row key and column header (undefined: no such cell). */
export function valueAt(grid: Grid, sheet: string, key: string, column: string): RawEntry {
  const at = locate(grid, sheet, key, column);
  if (!at) return undefined;
  return grid.get(sheet)?.rows[at.r]?.[at.c] ?? null;
}

/** Entry values compared as the workbook does (numbers to 1e-9, texts without outer spaces). */
export function same(a: RawEntry, b: RawEntry): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return a == b;
  if (typeof a === "number" && typeof b === "number")
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (typeof a === "string" && typeof b === "string") return a.trim() === b.trim();
  return a === b;
}

export const isBlank = (v: RawEntry): boolean =>
  v === null || v === undefined || (typeof v === "string" && v.trim() === "");

export const AXIS = /^Axe [IVX]+$/;
/** The location of an entry (axis sheets share one key space); `SEP` between its parts. */
export const SEP = "\u0000";
export const loc = (e: { sheet: string; key: string; column: string }): string =>
  [AXIS.test(e.sheet) ? "Axes" : e.sheet, e.key, e.column].join(SEP);
export const locParts = (l: string): [group: string, key: string, column: string] =>
  l.split(SEP) as [string, string, string];
/** Whether a location is on a sheet a return brings (measurements and échéancier). */
export const mergedLoc = (l: string): boolean => ["Axes", "Échéancier"].includes(locParts(l)[0]);

export const asEntryValue = (v: RawEntry): EntryValue => v as EntryValue;

// ------------------------------------------------------------------------------------------------
// Files and the command line

export function tempDir(prefix = "ctg-partners-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface CtgResult {
  status: number;
  out: string;
  err: string;
}

/** Runs the command line in-process. */
export async function ctg(...argv: string[]): Promise<CtgResult> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l) };
  const status = await runAsync(argv, io);
  return { status, out: out.join("\n"), err: err.join("\n") };
}

export interface InspectedSheet {
  name: string;
  state: string;
  protected: boolean;
  /** Cells whose protection says unlocked (every other cell of the file is locked). */
  unlocked: string[];
  unlockedColumns: string[];
  unlockedRows: number[];
  cells: Record<string, [string, unknown]>;
}

export interface Inspected {
  sheets: InspectedSheet[];
  /** Whether a cell without a style of its own is locked. */
  defaultLocked: boolean;
}

/** The independent reader (openpyxl): what a spreadsheet application finds in the file. */
export function inspect(file: string): Inspected {
  const out = execFileSync(
    "/usr/bin/python3",
    [join(root, "tests/support/inspect_xlsx.py"), file],
    {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      stdio: ["ignore", "pipe", "ignore"],
    }
  );
  return JSON.parse(out) as Inspected;
}

/** A1 address from 0-based row and column. */
export function a1(r: number, c: number): string {
  let s = "";
  let n = c + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return `${s}${r + 1}`;
}

// ------------------------------------------------------------------------------------------------
// Generated entries

/** What people type: numbers, fractions (percent cells), booleans, words, text that looks like a formula. */
export const anyValue: fc.Arbitrary<RawEntry> = fc.oneof(
  fc.integer({ min: -1000, max: 100_000 }),
  fc.integer({ min: 0, max: 300 }).map((n) => n / 100),
  fc.boolean(),
  fc.constantFrom(
    "=SOMME(A1:A3)",
    "=1+1",
    "+ de 3 familles",
    "-à revoir en comité",
    "@mairie",
    "Oui",
    "En cours",
    "Cumul",
    "Par an",
    "Dernière valeur",
    "Court terme",
    "2022-03-01",
    "12",
    "environ 10",
    " 7 ",
    "n.c."
  ),
  fc.string({ minLength: 0, maxLength: 12 })
);

// ------------------------------------------------------------------------------------------------
// Real files, changed like a user would (exceljs)

export async function loadXlsx(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

export async function saveXlsx(wb: ExcelJS.Workbook, file: string): Promise<string> {
  await wb.xlsx.writeFile(file);
  return file;
}

/** The header row (1-based) of a sheet with inputs. */
const headerRow1 = (ws: ExcelJS.Worksheet) => (headerRowOf(ws.name) ?? 0) + 1;

/** The cell of a row id (column A) and a column header, in an exceljs sheet. */
export function cellOf(ws: ExcelJS.Worksheet, id: string, header: string): ExcelJS.Cell {
  const h = headerRow1(ws);
  let col = 0;
  ws.getRow(h).eachCell((cell, c) => {
    if (String(cell.value ?? "").trim() === header) col = c;
  });
  if (col === 0) throw new Error(`no column ${header} in ${ws.name}`);
  for (let r = h + 1; r <= ws.rowCount; r++)
    if (String(ws.getCell(r, 1).value ?? "").trim() === id) return ws.getCell(r, col);
  throw new Error(`no row ${id} in ${ws.name}`);
}

/** The row (1-based) of a row id in an exceljs sheet. */
export function rowOf(ws: ExcelJS.Worksheet, id: string): number {
  for (let r = headerRow1(ws) + 1; r <= ws.rowCount; r++)
    if (String(ws.getCell(r, 1).value ?? "").trim() === id) return r;
  throw new Error(`no row ${id} in ${ws.name}`);
}

/** Changes a value of the hidden CTG_meta sheet. */
export function setMeta(wb: ExcelJS.Workbook, key: string, value: string): void {
  const meta = wb.getWorksheet("CTG_meta");
  if (!meta) throw new Error("no CTG_meta");
  let done = false;
  meta.eachRow((row) => {
    if (row.getCell(1).value === key) {
      row.getCell(2).value = value;
      done = true;
    }
  });
  if (!done) throw new Error(`no meta ${key}`);
}

/** The axis sheet holding an indicator row, in an exceljs workbook. */
export function axisSheetWith(wb: ExcelJS.Workbook, id: string): ExcelJS.Worksheet {
  for (const ws of wb.worksheets) {
    if (!AXIS.test(ws.name)) continue;
    for (let r = AXIS_HEADER_ROW + 2; r <= ws.rowCount; r++)
      if (String(ws.getCell(r, 1).value ?? "").trim() === id) return ws;
  }
  throw new Error(`no axis sheet has ${id}`);
}
