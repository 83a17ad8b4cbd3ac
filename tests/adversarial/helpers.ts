/**
 * Shared helpers of the adversarial suite (tests/adversarial, issue 11: « zero loss, proven
 * adversarially »). Every case runs the command line in-process (`runAsync`), on workbooks built by
 * `ctg build` and then damaged or altered the way a user, a partner or another tool would: with
 * exceljs (like a spreadsheet program saving the file) or by editing the XML inside the zip (exact
 * control of what a cell holds). Entries are counted with the application's own reader
 * (`openStoredBytes`: the entries in input cells, the Archives, the Journal des imports), so that
 * a case can say how many values went in and where each one ended up.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAsync, type Io } from "../../src/cli/main";
import { openStoredBytes } from "../../src/app/workbooks";
import { restrictPlan } from "../../src/domain/plan/partners";
import type { Plan } from "../../src/domain/plan/schema";
import { parsePlanJson } from "../../src/domain/plan/validate";
import type { Entry, EntryValue } from "../../src/domain/workbook/entries";
import type { ArchiveRecord, JournalRecord } from "../../src/domain/workbook/logSheets";
import { readXlsx } from "../../src/xlsx/read";
import { SMALL_REFS } from "../partners/helpers";

export const ROOT = join(__dirname, "..", "..");
export const SEED_PLAN_FILE = join(ROOT, "seeds", "pays-segali-2021-2025.json");

// ------------------------------------------------------------------------------------------------
// The command line

export interface Run {
  readonly status: number;
  readonly out: string;
  readonly err: string;
  /** Standard output and standard error, in order. */
  readonly all: string;
}

/** Runs `ctg …` in-process (optionally from another current folder). */
export async function ctgIn(cwd: string | null, ...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const all: string[] = [];
  const io: Io = {
    out: (l) => (out.push(l), all.push(l)),
    err: (l) => (err.push(l), all.push(l)),
  };
  const before = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const status = await runAsync(argv, io);
    return { status, out: out.join("\n"), err: err.join("\n"), all: all.join("\n") };
  } finally {
    if (cwd) process.chdir(before);
  }
}

export const ctg = (...argv: string[]): Promise<Run> => ctgIn(null, ...argv);

/** A new empty folder under the system's temporary folder. */
export function tempDir(theme: string): string {
  return mkdtempSync(join(tmpdir(), `ctg-adversarial-${theme}-`));
}

export const sha256 = (file: string): string =>
  createHash("sha256").update(readFileSync(file)).digest("hex");

// ------------------------------------------------------------------------------------------------
// Plans

export function loadSeed(): Plan {
  const parsed = parsePlanJson(readFileSync(SEED_PLAN_FILE, "utf8"));
  if (!parsed.ok) throw new Error("the seed plan does not load");
  return parsed.plan;
}

export const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** Ten actions of the seed plan (see tests/partners/helpers.ts): 69 indicator rows, quick to build. */
export { SMALL_REFS };

export function smallPlan(): Plan {
  return clone(restrictPlan(loadSeed(), new Set(SMALL_REFS)));
}

export function writeJson(file: string, value: unknown): string {
  writeFileSync(file, JSON.stringify(value, null, 1));
  return file;
}

/** Builds a workbook (exit 0 expected) and returns its path. */
export async function build(file: string, ...more: string[]): Promise<string> {
  const run = await ctg("build", "--out", file, ...more);
  if (run.status !== 0) throw new Error(`ctg build failed: ${run.all}`);
  return file;
}

/** Prepares a partner workbook (exit 0 expected) and returns its path. */
export async function buildPartner(
  file: string,
  partner: string,
  ...more: string[]
): Promise<string> {
  const run = await ctg("build", "--partner", partner, "--out", file, ...more);
  if (run.status !== 0) throw new Error(`ctg build --partner failed: ${run.all}`);
  return file;
}

// ------------------------------------------------------------------------------------------------
// Changing files: exceljs (as a spreadsheet program would) and the XML in the zip (exactly)

export async function editXlsx(
  src: string,
  dst: string,
  change: (wb: ExcelJS.Workbook) => void | Promise<void>
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(src);
  await change(wb);
  await wb.xlsx.writeFile(dst);
  return dst;
}

export function sheetOf(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** Changes a value of the hidden CTG_meta sheet (exceljs). */
export function setMeta(wb: ExcelJS.Workbook, key: string, value: string): void {
  let done = false;
  sheetOf(wb, "CTG_meta").eachRow((row) => {
    if (row.getCell(1).value === key) {
      row.getCell(2).value = value;
      done = true;
    }
  });
  if (!done) throw new Error(`no meta ${key}`);
}

export async function editZip(
  src: string,
  dst: string,
  change: (zip: JSZip) => void | Promise<void>
): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(src));
  await change(zip);
  writeFileSync(dst, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return dst;
}

const attr = (tag: string, name: string): string | null =>
  new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? null;

/** The zip part of a sheet, by its name (workbook.xml and its relationships). */
export async function sheetPart(zip: JSZip, sheet: string): Promise<string> {
  const book = await zip.file("xl/workbook.xml")?.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")?.async("string");
  if (!book || !rels) throw new Error("no workbook part");
  const tag = (book.match(/<sheet\s[^>]*>/g) ?? []).find((t) => attr(t, "name") === sheet);
  const id = tag ? attr(tag, "r:id") : null;
  const rel = (rels.match(/<Relationship\s[^>]*>/g) ?? []).find((t) => attr(t, "Id") === id);
  const target = rel ? attr(rel, "Target") : null;
  if (!target) throw new Error(`no part for sheet ${sheet}`);
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
}

/** What a cell holds in the XML: its type attribute (`t`) and its content (`<v>`, `<f>`, `<is>`). */
export interface XmlCell {
  readonly t?: string;
  readonly inner: string;
}

export const escapeXml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export const xml = {
  /** A number as Excel stores it (or any text in `<v>`, for damaged files). */
  number: (n: number | string): XmlCell => ({ inner: `<v>${n}</v>` }),
  /** A text as an inline string (openpyxl, Google Sheets-like writers). */
  text: (s: string): XmlCell => ({
    t: "inlineStr",
    inner: `<is><t xml:space="preserve">${escapeXml(s)}</t></is>`,
  }),
  boolean: (b: boolean): XmlCell => ({ t: "b", inner: `<v>${b ? 1 : 0}</v>` }),
  error: (e: string): XmlCell => ({ t: "e", inner: `<v>${escapeXml(e)}</v>` }),
  /** A formula, with its last computed value or without (as openpyxl writes it). */
  formula: (f: string, cached?: { t?: string; v: string | number }): XmlCell => ({
    ...(cached?.t ? { t: cached.t } : {}),
    inner: `<f>${escapeXml(f)}</f>${cached ? `<v>${escapeXml(String(cached.v))}</v>` : ""}`,
  }),
  date: (iso: string): XmlCell => ({ t: "d", inner: `<v>${iso}</v>` }),
};

/**
 * Writes cells into the XML of a sheet, keeping each cell's style: `cells` maps an existing cell's
 * address (`R7`) to what it should hold.
 */
export async function setXmlCells(
  src: string,
  dst: string,
  sheet: string,
  cells: Readonly<Record<string, XmlCell>>
): Promise<string> {
  return editZip(src, dst, async (zip) => {
    const part = await sheetPart(zip, sheet);
    let text = (await zip.file(part)?.async("string")) ?? "";
    for (const [ref, cell] of Object.entries(cells)) {
      const re = new RegExp(`<c r="${ref}"([^>]*?)(?:/>|>([\\s\\S]*?)</c>)`);
      const found = re.exec(text);
      if (!found) throw new Error(`no cell ${ref} in ${sheet}`);
      const style = attr(found[1] ?? "", "s");
      const t = cell.t ? ` t="${cell.t}"` : "";
      text = text.replace(
        found[0],
        `<c r="${ref}"${style ? ` s="${style}"` : ""}${t}>${cell.inner}</c>`
      );
    }
    zip.file(part, text);
  });
}

// ------------------------------------------------------------------------------------------------
// Counting entries

/** What a CTG workbook holds that no plan can rebuild: its entries, its Archives, its journal. */
export interface Census {
  readonly entries: readonly Entry[];
  readonly archives: readonly ArchiveRecord[];
  readonly journal: readonly JournalRecord[];
  /** Entries + archived values + journal rows. */
  readonly total: number;
}

/** Reads a workbook file as the commands do; a string (the French problem) when it cannot be opened. */
export async function tryCensus(file: string): Promise<Census | string> {
  const opened = await openStoredBytes(file, readFileSync(file), null, {
    generatorVersion: "adversarial",
    on: "2026-01-01",
  });
  if (!opened.ok) return opened.problems.map((p) => p.code).join(", ");
  const { entries, archives, journal } = opened.value.state;
  return { entries, archives, journal, total: entries.length + archives.length + journal.length };
}

export async function census(file: string): Promise<Census> {
  const c = await tryCensus(file);
  if (typeof c === "string") throw new Error(`${file} cannot be opened: ${c}`);
  return c;
}

/** A value typed somewhere: a sheet, a row key (indicator id, action ref) and a column header. */
export interface Typed {
  readonly sheet: string;
  readonly key: string;
  readonly column: string;
  readonly value: EntryValue;
}

const sameTyped = (a: unknown, b: unknown): boolean =>
  typeof a === "number" && typeof b === "number"
    ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))
    : typeof a === "string" && typeof b === "string"
      ? a.trim() === b.trim()
      : a === b;

/**
 * Where a typed value ended up in a workbook: in its input cell (`entry`), in the Archives
 * (`archive`, by id, column and value), or in the Journal des imports (`journal`, as the returned or
 * the master's value of a row about that id and column); null when it is nowhere: lost.
 */
export function whereIs(c: Census, t: Typed): "entry" | "archive" | "journal" | null {
  if (
    c.entries.some((e) => e.key === t.key && e.column === t.column && sameTyped(e.value, t.value))
  )
    return "entry";
  if (
    c.archives.some((a) => a.id === t.key && a.column === t.column && sameTyped(a.value, t.value))
  )
    return "archive";
  if (
    c.journal.some(
      (j) =>
        j.id === t.key &&
        j.column === t.column &&
        (sameTyped(j.returnedValue, t.value) || sameTyped(j.masterValue, t.value))
    )
  )
    return "journal";
  return null;
}

/** The typed values that are nowhere in the workbook (an empty list: nothing lost). */
export function lost(c: Census, typed: readonly Typed[]): Typed[] {
  return typed.filter((t) => whereIs(c, t) === null);
}

/** The formula texts of a sheet of a workbook file, by `r,c` (0-based). */
export async function formulasOf(file: string, sheet: string): Promise<Map<string, string>> {
  const read = await readXlsx(readFileSync(file));
  if (!read.ok) throw new Error(`${file} is not readable`);
  return new Map(read.workbook.sheets.get(sheet)?.formulas ?? []);
}

/** The longest text of any cell of any sheet of a workbook file (Excel holds 32 767 at most). */
export async function longestCellText(file: string): Promise<number> {
  const read = await readXlsx(readFileSync(file));
  if (!read.ok) throw new Error(`${file} is not readable`);
  let longest = 0;
  for (const sheet of read.workbook.sheets.values())
    for (const row of sheet.rows)
      for (const v of row) if (typeof v === "string") longest = Math.max(longest, v.length);
  return longest;
}

export const exists = existsSync;

// ------------------------------------------------------------------------------------------------
// A standard filling: what a partner (or the coordinator) types, in cells that both the master and
// the CAF's workbook have at the same addresses (their first rows are I.A.1's, on Axe I and Axe III).

export interface Fill extends Typed {
  readonly cell: string;
}

export const FILL: readonly Fill[] = [
  { sheet: "Axe I", cell: "R5", key: "I.A.1-REA-1", column: "2021", value: "Oui" },
  { sheet: "Axe I", cell: "R6", key: "I.A.1-REA-2", column: "2021", value: 6 },
  { sheet: "Axe I", cell: "R7", key: "I.A.1-RES-1", column: "2021", value: 15 },
  { sheet: "Axe I", cell: "S7", key: "I.A.1-RES-1", column: "2022", value: 18 },
  { sheet: "Axe I", cell: "X7", key: "I.A.1-RES-1", column: "Commentaire", value: "Deux EAJE" },
  { sheet: "Axe I", cell: "Y7", key: "I.A.1-RES-1", column: "Source", value: "Bilan 2022" },
  { sheet: "Axe III", cell: "R7", key: "III.A.4-RES-1", column: "2021", value: 4 },
];

/** Types the standard filling (exceljs), then applies `change`. */
export async function filled(
  src: string,
  dst: string,
  change?: (wb: ExcelJS.Workbook) => void | Promise<void>,
  fill: readonly Fill[] = FILL
): Promise<string> {
  return editXlsx(src, dst, async (wb) => {
    for (const f of fill) sheetOf(wb, f.sheet).getCell(f.cell).value = f.value;
    if (change) await change(wb);
  });
}

/** The number in « N saisie(s) gardée(s) » / « (N saisies ; » of a report. */
export function reported(run: Run, what: RegExp): number {
  const m = what.exec(run.all);
  if (!m?.[1]) throw new Error(`${String(what)} not in: ${run.all.slice(0, 500)}`);
  return Number(m[1].replace(/\s/g, ""));
}

/** Removes a sheet's protection, as a user can without a password (exceljs keeps it untyped). */
export function unprotect(ws: ExcelJS.Worksheet): ExcelJS.Worksheet {
  (ws as unknown as { sheetProtection: unknown }).sheetProtection = null;
  return ws;
}

/** Moves a sheet to the end of the workbook (exceljs keeps the order untyped). */
export function moveLast(ws: ExcelJS.Worksheet): void {
  (ws as unknown as { orderNo: number }).orderNo = 99;
}
