import { unzipSync, type UnzipFileInfo } from "fflate";
import { message, type Message } from "../domain/messages/types";
import { formatMessage } from "../domain/messages";
import {
  META_SHEET,
  MetaSchema,
  baseJsonOfRows,
  isChunkKey,
  planJsonOfRows,
  type StoredMeta,
} from "../domain/workbook/meta";
import type { ReadBackSheet } from "../domain/workbook/entries";
import { ReadNoteSchema, type ReadNote } from "../domain/workbook/notes";
import { evaluateArithmetic } from "../domain/workbook/arithmetic";
import { translateFormula } from "./sharedFormula";
import { CLOSE, END, OPEN, XmlReader, unescapeOfficeString, utf8Part } from "./xml";
import { unzipFiles, zipFileNames } from "./unzip";

/**
 * Reads a CTG workbook file back into plain data: its metadata, and for each sheet the raw cells of
 * each row, the formulas and the protection. The parts are unzipped on demand (fflate, only the parts
 * needed are inflated) and scanned as a stream of tags (./xml.ts), without building a model of the
 * workbook: cell values are typed as they are read, and zod checks the metadata (the edge).
 * Interpreting the cells is the domain's job.
 */

export const WorkbookMetaSchema = MetaSchema;
export type ReadMeta = StoredMeta;

/** A sheet read back: raw values from A1, formula texts by "r,c", whether it is protected. */
export type ReadSheet = ReadBackSheet;

export interface ReadWorkbook {
  readonly meta: ReadMeta;
  /** The plan's JSON stored in the workbook (null for workbooks made before it was stored). */
  readonly planJson: string | null;
  /** A partner's workbook: the values it was sent, as JSON (null when not recorded). */
  readonly baseJson: string | null;
  readonly sheets: ReadonlyMap<string, ReadSheet>;
}

export type ReadResult = { ok: true; workbook: ReadWorkbook } | { ok: false; problem: Message };

/** A cell as the domain sees it: a number, a string, a boolean, a date (ISO), or blank. */
type Cell = string | number | boolean | null;

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_WORKSHEET = /\/worksheet$/;
const REL_STYLES = /\/styles$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;
const REL_COMMENTS = /\/comments$/;

// ---------------------------------------------------------------------------------------------
// The package: parts by name, relationships

/** The parts of a zip, inflated on demand. */
class Package {
  private readonly names = new Map<string, string>();
  private readonly inflated = new Map<string, Uint8Array>();

  constructor(private readonly zip: Uint8Array) {
    // Listing the entries inflates nothing.
    for (const name of zipFileNames(zip))
      this.names.set(name.replace(/\\/g, "/").replace(/^\/+/, "").toLowerCase(), name);
  }

  /** The name of the entry holding a part (part names are case-insensitive), or undefined. */
  private entry(part: string): string | undefined {
    const lower = part.toLowerCase();
    const found = this.names.get(lower);
    if (found !== undefined || !lower.includes("%")) return found;
    try {
      return this.names.get(decodeURIComponent(lower));
    } catch {
      return undefined;
    }
  }

  has(part: string): boolean {
    return this.entry(part) !== undefined;
  }

  /** The entries of the parts not yet inflated. */
  private missing(parts: readonly string[]): Set<string> {
    const wanted = new Set<string>();
    for (const p of parts) {
      const e = this.entry(p);
      if (e !== undefined && !this.inflated.has(e)) wanted.add(e);
    }
    return wanted;
  }

  /** Inflates the parts not yet inflated, the large ones at once in the platform's zlib threads. */
  async load(parts: readonly string[]): Promise<void> {
    const wanted = this.missing(parts);
    if (wanted.size === 0) return;
    for (const [name, bytes] of await unzipFiles(this.zip, wanted))
      this.inflated.set(name, utf8Part(bytes));
  }

  /** Inflates the parts not yet inflated, here and now (small parts read before the others). */
  loadNow(parts: readonly string[]): void {
    const wanted = this.missing(parts);
    if (wanted.size === 0) return;
    const files = unzipSync(this.zip, { filter: (f: UnzipFileInfo) => wanted.has(f.name) });
    for (const [name, bytes] of Object.entries(files)) this.inflated.set(name, utf8Part(bytes));
  }

  /** Lets a part's bytes go once read. */
  drop(part: string): void {
    const e = this.entry(part);
    if (e !== undefined) this.inflated.delete(e);
  }

  /** A part's bytes (UTF-8), inflating it if needed; undefined when the zip has no such part. */
  part(part: string): Uint8Array | undefined {
    const e = this.entry(part);
    if (e === undefined) return undefined;
    if (!this.inflated.has(e)) this.loadNow([part]);
    return this.inflated.get(e);
  }
}

interface Relationship {
  readonly type: string;
  /** The target part's name in the zip (no leading slash), resolved against the source part. */
  readonly target: string;
}

/** The folder of a part (`xl/` for `xl/workbook.xml`, `` for a part at the root). */
function folderOf(part: string): string {
  return part.slice(0, part.lastIndexOf("/") + 1);
}

/** The relationships part of a part: `xl/_rels/workbook.xml.rels` for `xl/workbook.xml`. */
function relsPartOf(part: string): string {
  const folder = folderOf(part);
  return `${folder}_rels/${part.slice(folder.length)}.rels`;
}

/** A relationship's target as a part name: `/xl/x.xml`, `./x.xml`, `../x.xml` and `x.xml` all resolved. */
function resolveTarget(sourceFolder: string, target: string): string {
  const path = target.startsWith("/") ? target.slice(1) : sourceFolder + target;
  const out: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") out.pop();
    else out.push(segment);
  }
  return out.join("/");
}

function readRelationships(
  xml: Uint8Array | undefined,
  sourceFolder: string
): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  if (!xml) return rels;
  const x = new XmlReader(xml);
  for (let k = x.next(); k !== END; k = x.next()) {
    if (k !== OPEN || !x.is("Relationship")) continue;
    let id: string | undefined;
    let type = "";
    let target: string | undefined;
    let external = false;
    x.attrs();
    while (x.nextAttr()) {
      if (x.attrIs("Id")) id = x.attrValue();
      else if (x.attrIs("Type")) type = x.attrValue();
      else if (x.attrIs("Target")) target = x.attrValue();
      else if (x.attrIs("TargetMode")) external = x.attrValue() === "External";
    }
    if (id !== undefined && target !== undefined && !external)
      rels.set(id, { type, target: resolveTarget(sourceFolder, target.trim()) });
  }
  return rels;
}

// ---------------------------------------------------------------------------------------------
// The workbook part, the styles, the shared strings

interface SheetEntry {
  readonly name: string;
  readonly part: string;
}

interface WorkbookPart {
  readonly sheets: readonly SheetEntry[];
  readonly date1904: boolean;
  readonly styles: string | undefined;
  readonly sharedStrings: string | undefined;
}

function readWorkbookPart(pkg: Package): WorkbookPart | null {
  const root = readRelationships(pkg.part("_rels/.rels"), "");
  const main =
    [...root.values()].find((r) => REL_OFFICE_DOCUMENT.test(r.type) && pkg.has(r.target))?.target ??
    "xl/workbook.xml";
  const rels = relsPartOf(main);
  pkg.loadNow([main, rels]);
  const xml = pkg.part(main);
  if (!xml) return null;
  const targets = readRelationships(pkg.part(rels), folderOf(main));
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  const x = new XmlReader(xml);
  for (let k = x.next(); k !== END; k = x.next()) {
    if (k !== OPEN) continue;
    if (x.is("sheet")) {
      let name: string | undefined;
      let id: string | undefined;
      x.attrs();
      while (x.nextAttr()) {
        if (x.attrIs("name")) name = x.attrValue();
        else if (x.attrIs("id", true) || x.attrIs("id")) id = x.attrValue();
      }
      const rel = id === undefined ? undefined : targets.get(id);
      if (name !== undefined && rel && REL_WORKSHEET.test(rel.type))
        sheets.push({ name, part: rel.target });
    } else if (x.is("workbookPr")) {
      const v = x.attr("date1904");
      date1904 = v === "1" || v === "true";
    }
  }
  const find = (type: RegExp, fallback: string): string | undefined =>
    [...targets.values()].find((r) => type.test(r.type))?.target ??
    (pkg.has(fallback) ? fallback : undefined);
  return {
    sheets,
    date1904,
    styles: find(REL_STYLES, "xl/styles.xml"),
    sharedStrings: find(REL_SHARED_STRINGS, "xl/sharedStrings.xml"),
  };
}

/** Built-in number formats that show a date or a time (ECMA-376 18.8.30; the ones exceljs knows). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/**
 * Whether a number format shows a date or a time: a date or time code (`y m d h s`, and `b` for
 * Buddhist years) outside quoted text, brackets (`[$-40C]`, `[Red]`, `[h]`) and escaped characters.
 */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/\[[^\]]*]/g, "")
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/[_*]./g, "");
  return /[ymdhsb]/i.test(bare);
}

/** For each cell style (`s`), whether its number format is a date. */
function readDateStyles(xml: Uint8Array | undefined): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  const formatIds: number[] = [];
  const x = new XmlReader(xml);
  let depth = 0;
  let section = "";
  for (let k = x.next(); k !== END; k = x.next()) {
    if (k === CLOSE) {
      if (--depth === 1) section = "";
      continue;
    }
    if (depth === 1) section = x.name();
    if (section === "numFmts" && x.is("numFmt")) {
      const id = Number(x.attr("numFmtId"));
      const code = x.attr("formatCode");
      if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
    } else if (section === "cellXfs" && depth === 2 && x.is("xf")) {
      const id = Number(x.attr("numFmtId") ?? "0");
      formatIds.push(Number.isInteger(id) ? id : 0);
    }
    if (!x.empty) depth++;
  }
  return formatIds.map((id) => {
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : DATE_FORMAT_IDS.has(id);
  });
}

/**
 * The shared strings: plain (`<si><t>`) or rich text (the runs' texts, `<si><r><t>`), phonetic
 * readings (`<rPh>`) left out; null for an item without any text element. Each item is decoded when
 * a cell asks for it: a CTG workbook's table holds the stored plan's JSON (most of its bytes), which
 * `ctg check` never reads. A damaged item throws when it is asked for.
 */
class SharedStrings {
  /** The offset of each item's content (after `<si>`), -1 for `<si/>`. */
  private readonly starts: number[] = [];
  private readonly decoded: Array<string | null | undefined> = [];
  private readonly x: XmlReader | null;

  constructor(xml: Uint8Array | undefined) {
    this.x = xml ? new XmlReader(xml) : null;
    const x = this.x;
    if (!x) return;
    for (let k = x.next(); k !== END; k = x.next()) {
      if (k !== OPEN || !x.is("si")) continue;
      this.starts.push(x.empty ? -1 : x.offset);
      x.skip();
    }
  }

  /** Item `n`'s text: null for an empty item (`<si/>`), undefined for an item the file does not have. */
  get(n: number): string | null | undefined {
    const known = this.decoded[n];
    if (known !== undefined) return known;
    const start = this.starts[n];
    if (start === undefined || !this.x) return undefined;
    if (start < 0) return null;
    this.x.seek(start);
    const text = readStringItem(this.x, "si");
    this.decoded[n] = text;
    return text;
  }
}

/**
 * The text of a string item (`<si>`, `<is>`) whose start tag was just read: its `<t>`, or its runs'
 * `<t>` joined; null when it has neither. The reader is left after its end tag.
 */
function readStringItem(x: XmlReader, tag: string): string | null {
  let text: string | null = null;
  for (;;) {
    const k = x.next();
    if (k === END) throw new Error("XML mal formé");
    if (k === CLOSE) {
      if (x.is(tag)) return text === null ? null : unescapeOfficeString(text);
      continue;
    }
    if (x.is("t")) text = (text ?? "") + x.text();
    // A run's <t> is met by this loop; its properties (<rPr>), phonetic readings (<rPh>) are skipped.
    else if (!x.is("r")) x.skip();
  }
}

// ---------------------------------------------------------------------------------------------
// Sheets

interface Context {
  readonly strings: SharedStrings;
  readonly dateStyles: readonly boolean[];
  readonly date1904: boolean;
  /** Whether formulas' text is read (false: a formula cell is still a cell, its text skipped). */
  readonly formulas: boolean;
}

const MS_PER_DAY = 86_400_000;
/** The last row and column of a sheet (Excel 2007 and later). */
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

/**
 * A date-formatted serial number as an ISO date (`YYYY-MM-DD`), as exceljs gave it (its conversion,
 * with the 1904 date system); the number itself when it is no date at all.
 */
function isoDate(serial: number, date1904: boolean): string | number {
  const d = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * MS_PER_DAY));
  return Number.isNaN(d.getTime()) ? serial : d.toISOString().slice(0, 10);
}

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * What a file that is not an `.xlsx` is, when it can be told from its first bytes: an OpenDocument
 * spreadsheet (a zip whose first entry is `mimetype`), or a compound file (an encrypted workbook
 * holds an `EncryptionInfo` stream, an old `.xls` a `Workbook` one). Null for anything else.
 */
function otherFormat(bytes: Uint8Array): "check.ods" | "check.encrypted" | "check.xls" | null {
  if (CFB.every((b, i) => bytes[i] === b)) {
    const utf16 = (s: string) => new Uint8Array([...s].flatMap((ch) => [ch.charCodeAt(0), 0]));
    return indexOfBytes(bytes, utf16("EncryptionInfo")) >= 0 ? "check.encrypted" : "check.xls";
  }
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 120));
  if (
    head.startsWith("PK") &&
    head.includes("mimetype") &&
    head.includes("opendocument.spreadsheet")
  )
    return "check.ods";
  return null;
}

function indexOfBytes(hay: Uint8Array, needle: Uint8Array): number {
  const first = needle[0];
  if (first === undefined) return 0;
  for (
    let i = hay.indexOf(first);
    i >= 0 && i <= hay.length - needle.length;
    i = hay.indexOf(first, i + 1)
  ) {
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

/** The longest formula text tried as arithmetic, and how such a formula can start. */
const ARITHMETIC_MAX = 256;
const MAYBE_ARITHMETIC = /^[\s=]*(?:[-+(.\d]|(?:TRUE|FALSE|VRAI|FAUX)\b)/i;

/** Cell types (`t`): number (the default), shared string, formula string, inline string, boolean, error, ISO date. */
const T_NUMBER = 0;
const T_SHARED = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_BOOLEAN = 4;
const T_ERROR = 5;
const T_DATE = 6;

/** What a cell's start tag says (one object per sheet, filled again for each cell). */
interface CellStart {
  type: number;
  style: number;
  col: number;
}

/**
 * Reads the start tag of a cell (`<c r="B2" s="3" t="s">`) into `out`: its type, its style and its
 * column, 1-based (a cell without a reference follows the previous one, `previousCol`).
 */
function readCellStart(
  x: XmlReader,
  ref: { col: number; row: number },
  previousCol: number,
  out: CellStart
): void {
  let type = T_NUMBER;
  let style = 0;
  let c = 0;
  x.attrs();
  while (x.nextAttr()) {
    if (x.attrIs("r")) {
      if (x.attrCellRef(ref) && ref.col > 0) c = ref.col;
    } else if (x.attrIs("s")) style = Math.max(0, x.attrUint());
    else if (x.attrIs("t")) type = cellType(x);
  }
  out.type = type;
  out.style = style;
  out.col = c > 0 ? c : previousCol + 1;
}

function cellType(x: XmlReader): number {
  if (x.valueIs("s")) return T_SHARED;
  if (x.valueIs("str")) return T_STR;
  if (x.valueIs("inlineStr")) return T_INLINE;
  if (x.valueIs("b")) return T_BOOLEAN;
  if (x.valueIs("e")) return T_ERROR;
  if (x.valueIs("d")) return T_DATE;
  return T_NUMBER; // "n", or a type no spreadsheet writes: read as exceljs did, as a number
}

/**
 * A cell's `<v>` (the reader is on its start tag), as the type says: what a formula last computed,
 * or the value. Numbers and shared string indexes are read from the bytes; null for an empty `<v>`.
 */
/**
 * A cell pointing to a shared string the file does not have (a damaged file): its content is
 * unknown, but the cell is kept, and reported, as this text rather than read as blank.
 */
function sharedString(ctx: Context, n: number, written: string = String(n)): string | null {
  const text = ctx.strings.get(n);
  return text !== undefined
    ? text
    : formatMessage(message("check.missing_string", { index: written }));
}

function readValue(x: XmlReader, type: number, style: number, ctx: Context): Cell | undefined {
  let text: string;
  if (x.simpleText()) {
    if (type === T_SHARED || type === T_NUMBER) {
      const n = x.textInt();
      if (!Number.isNaN(n)) {
        if (type === T_SHARED) return sharedString(ctx, n);
        return ctx.dateStyles[style] === true ? isoDate(n, ctx.date1904) : n;
      }
    }
    text = x.textString();
  } else text = x.text();
  if (text === "") return undefined;
  switch (type) {
    case T_SHARED:
      return sharedString(ctx, parseInt(text, 10), text);
    case T_STR:
    case T_INLINE:
    case T_ERROR:
      return text;
    case T_BOOLEAN:
      return text === "true" ? true : text === "false" ? false : parseInt(text, 10) !== 0;
    case T_DATE:
      // An ISO 8601 date and time, without time zone (some tools write it instead of a serial number).
      return /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : text;
    default: {
      const n = parseFloat(text);
      // Not a finite number (`1e999`, `NaN`, a word): kept as the text it is, which the engine
      // reports (a number cell holding text), rather than dropped.
      if (!Number.isFinite(n)) return text;
      return ctx.dateStyles[style] === true ? isoDate(n, ctx.date1904) : n;
    }
  }
}

interface SharedMaster {
  readonly row: number;
  readonly col: number;
  readonly formula: string;
}

/**
 * One worksheet: each row's cells from column A (blank cells as null up to the last cell the file
 * has, as exceljs gave them), the formulas by `r,c`, and whether the sheet is protected.
 */
function readSheet(name: string, xml: Uint8Array, ctx: Context): ReadSheet {
  const rows: Cell[][] = [];
  const formulas = new Map<string, string>();
  const uncomputed = new Map<string, string>();
  const masters = new Map<string, SharedMaster>();
  const dependents: Array<{ row: number; col: number; si: string }> = [];
  let isProtected = false;
  const x = new XmlReader(xml);
  const ref = { col: 0, row: 0 };
  const cell: CellStart = { type: T_NUMBER, style: 0, col: 0 };
  let inData = false;
  let rowNumber = 0;
  let line: Cell[] | null = null;
  let col = 0;

  for (let k = x.next(); k !== END; k = x.next()) {
    if (k === CLOSE) {
      if (x.is("sheetData")) inData = false;
      else if (x.is("row")) line = null;
      continue;
    }
    if (!inData) {
      if (x.is("sheetData")) inData = !x.empty;
      else if (x.is("sheetProtection")) {
        const v = x.attr("sheet");
        isProtected = v === "1" || v === "true";
      }
      continue;
    }
    if (x.is("row")) {
      let r = 0;
      x.attrs();
      while (x.nextAttr()) if (x.attrIs("r")) r = x.attrUint();
      // A row without (or with an unreadable) number follows the previous one.
      rowNumber = r > 0 ? r : rowNumber + 1;
      if (rowNumber > MAX_ROW) throw new Error("Ligne au-delà de la dernière d'une feuille");
      line = [];
      rows[rowNumber - 1] = line;
      col = 0;
      if (x.empty) line = null;
      continue;
    }
    if (!x.is("c")) {
      x.skip();
      continue;
    }

    // A cell: <c r="B2" s="3" t="s"><f>...</f><v>...</v><is>...</is></c>
    readCellStart(x, ref, col, cell);
    const { type, style } = cell;
    col = cell.col;
    if (col > MAX_COL) throw new Error("Colonne au-delà de la dernière d'une feuille");
    if (line === null) {
      // A cell outside any row (not well formed): in a row of its own.
      if (++rowNumber > MAX_ROW) throw new Error("Ligne au-delà de la dernière d'une feuille");
      line = [];
      rows[rowNumber - 1] = line;
    }
    let value: Cell | undefined;
    let inline: string | null = null;
    let formula: string | null = null;
    let formulaType = "";
    let shareIndex = "";
    let hasRef = false;
    let skippedFormula = false;
    /** Whether the cell has a `<v>` (a formula's last result, empty included). */
    let hasValue = false;
    /** Where the skipped formula's text starts (to read it if the cell has no computed value). */
    let formulaAt = -1;
    if (!x.empty) {
      for (;;) {
        const kk = x.next();
        if (kk === END) throw new Error("XML mal formé");
        if (kk === CLOSE) {
          if (x.is("c")) break;
          continue;
        }
        if (x.is("v")) {
          hasValue = true;
          value = readValue(x, type, style, ctx);
        } else if (x.is("f")) {
          if (!ctx.formulas) {
            if (!x.empty) formulaAt = x.offset;
            x.skip();
            skippedFormula = true;
            continue;
          }
          x.attrs();
          while (x.nextAttr()) {
            if (x.attrIs("t")) formulaType = x.attrValue();
            else if (x.attrIs("si")) shareIndex = x.attrValue();
            else if (x.attrIs("ref")) hasRef = true;
          }
          formula = (formula ?? "") + x.text();
        } else if (x.is("is")) {
          if (!x.empty) inline = readStringItem(x, "is");
        } else x.skip();
      }
    }

    const isFormula = formula !== null && (formula !== "" || formulaType !== "");
    /** A formula without a value and that is not arithmetic: its text, as far as it was read. */
    let notComputed: string | null = null;
    if (value === undefined && inline === null && (isFormula || skippedFormula)) {
      // A formula saved without its computed value (openpyxl and others): computed here when it
      // is only arithmetic (`=5-5`, `=2*3`), as Excel would; otherwise the cell has no value.
      // Only a short formula can be arithmetic an entry holds: long ones (statuses) are not read.
      const text = formula ?? (formulaAt >= 0 ? x.shortText(formulaAt, ARITHMETIC_MAX) : null);
      const computed =
        text && text.length <= ARITHMETIC_MAX && MAYBE_ARITHMETIC.test(text)
          ? evaluateArithmetic(text)
          : undefined;
      if (computed !== undefined) value = computed;
      else {
        if (skippedFormula) value = null;
        // No `<v>` at all (an empty one is a computed empty text): it needs a spreadsheet.
        if (!hasValue) notComputed = text ?? "";
      }
    }
    if (inline !== null && (type === T_INLINE || value === undefined)) value = inline;
    else if (value === undefined) {
      if (!isFormula && style === 0) continue; // nothing at all: not a cell (as exceljs read it)
      value = null;
    }

    const c0 = col - 1;
    if (c0 < line.length) line[c0] = value;
    else {
      while (line.length < c0) line.push(null);
      line.push(value);
    }
    if (notComputed !== null) uncomputed.set(`${rowNumber - 1},${c0}`, notComputed);
    if (isFormula) {
      const key = `${rowNumber - 1},${c0}`;
      if (formulaType === "shared" && !formula) {
        // A dependent cell of a shared formula: its master's text, moved (resolved after the sheet:
        // a master could come later in a file that does not follow the usual order).
        dependents.push({ row: rowNumber, col, si: shareIndex });
        formulas.set(key, "");
      } else {
        if (formulaType === "shared" && (hasRef || !masters.has(shareIndex)))
          masters.set(shareIndex, { row: rowNumber, col, formula: formula ?? "" });
        formulas.set(key, formula ?? "");
      }
    }
  }
  for (const d of dependents) {
    const m = masters.get(d.si);
    if (!m) continue;
    const key = `${d.row - 1},${d.col - 1}`;
    const text = translateFormula(m.formula, d.row - m.row, d.col - m.col);
    formulas.set(key, text);
    if (uncomputed.has(key)) uncomputed.set(key, text);
  }
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return uncomputed.size > 0
    ? { name, rows, formulas, uncomputed, protected: isProtected }
    : { name, rows, formulas, protected: isProtected };
}

// ---------------------------------------------------------------------------------------------
// Notes (legacy comments)

/**
 * The legacy text modern Excel writes for a threaded comment, before the comment itself: `[Threaded
 * comment]`, a paragraph ending with this link (in the user's language), then the comment and its
 * replies. The paragraph is dropped: it says edits will be lost, which is no longer true of a note.
 */
const THREADED_LINK = "go.microsoft.com/fwlink/?linkid=870924";
/** The author of a threaded comment's legacy copy: `tc=` and the thread's id, not a person. */
const THREADED_AUTHOR = /^tc=\{[0-9A-Fa-f-]+\}$/;

function threadedText(text: string): string {
  if (!text.startsWith("[")) return text;
  const link = text.indexOf(THREADED_LINK);
  const rest = link < 0 ? -1 : text.indexOf("\n\n", link);
  return rest < 0 ? text : text.slice(rest + 2);
}

/** `B12`, `$B$12`, `B12:C14` (its first cell) as 0-based row and column; null when not a reference. */
function cellOf(ref: string): { row: number; col: number } | null {
  const m = /^\s*\$?([A-Za-z]{1,3})\$?(\d{1,7})/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of (m[1] as string).toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/**
 * A comments part (`xl/comments1.xml`, as Excel, LibreOffice and exceljs write it): each comment's
 * cell, author and text (its runs joined). Checked with the domain's schema (the edge): a comment
 * without a readable cell has no place to go, in Excel either, and is left out.
 */
function readComments(xml: Uint8Array): ReadNote[] {
  const authors: string[] = [];
  const notes: ReadNote[] = [];
  const x = new XmlReader(xml);
  for (let k = x.next(); k !== END; k = x.next()) {
    if (k !== OPEN) continue;
    if (x.is("author")) authors.push(x.empty ? "" : unescapeOfficeString(x.text()));
    else if (x.is("comment")) {
      const at = cellOf(x.attr("ref") ?? "");
      const author = authors[Number(x.attr("authorId") ?? "-1")] ?? "";
      let text = "";
      if (!x.empty)
        for (let kk = x.next(); !(kk === CLOSE && x.is("comment")); kk = x.next()) {
          if (kk === END) throw new Error("XML mal formé");
          if (kk === OPEN && x.is("text") && !x.empty) text += readStringItem(x, "text") ?? "";
          else if (kk === OPEN && !x.empty) x.skip();
        }
      const threaded = THREADED_AUTHOR.test(author);
      const note = ReadNoteSchema.safeParse({
        ...at,
        author: threaded ? "" : author,
        text: threaded ? threadedText(text) : text,
      });
      if (note.success) notes.push(note.data);
    }
  }
  return notes;
}

/** The notes of a sheet: the comments parts its relationships name (none for most sheets). */
function readSheetNotes(pkg: Package, sheetPart: string): ReadNote[] {
  const rels = readRelationships(pkg.part(relsPartOf(sheetPart)), folderOf(sheetPart));
  const notes: ReadNote[] = [];
  for (const rel of rels.values()) {
    const xml = REL_COMMENTS.test(rel.type) ? pkg.part(rel.target) : undefined;
    if (!xml) continue;
    notes.push(...readComments(xml));
    pkg.drop(rel.target);
  }
  return notes;
}

// ---------------------------------------------------------------------------------------------

/**
 * The key/value rows of the `CTG_meta` sheet (columns A and B): the metadata, and the stored plan's
 * JSON joined only when asked for (its chunks are most of the shared strings; `ctg check` never
 * needs them). A cell is read as `readSheet` reads it.
 */
function readMeta(
  xml: Uint8Array,
  ctx: Context
): { entries: Record<string, string>; all: () => Record<string, string> } {
  const entries: Record<string, string> = {};
  const deferred = new Map<string, number>();
  const x = new XmlReader(xml);
  const ref = { col: 0, row: 0 };
  const cell: CellStart = { type: T_NUMBER, style: 0, col: 0 };
  let key: string | null = null;
  let col = 0;
  for (let k = x.next(); k !== END; k = x.next()) {
    if (k !== OPEN) continue;
    if (x.is("row")) {
      key = null;
      col = 0;
      continue;
    }
    if (!x.is("c")) continue;
    readCellStart(x, ref, col, cell);
    const { type, style } = cell;
    col = cell.col;
    if (x.empty || col > 2 || (col === 2 && key === null)) {
      x.skip();
      continue;
    }
    let value: Cell | undefined;
    for (;;) {
      const kk = x.next();
      if (kk === END) throw new Error("XML mal formé");
      if (kk === CLOSE) {
        if (x.is("c")) break;
        continue;
      }
      if (x.is("v")) {
        if (col === 2 && key !== null && isChunkKey(key) && type === T_SHARED && x.simpleText()) {
          const n = x.textInt();
          if (!Number.isNaN(n)) {
            deferred.set(key, n);
            continue;
          }
        }
        value = readValue(x, type, style, ctx);
      } else if (x.is("is")) value = x.empty ? null : readStringItem(x, "is");
      else x.skip();
    }
    if (col === 1) {
      key = typeof value === "string" ? value : null;
      // A key without a value cell reads as "".
      if (key !== null) entries[key] = "";
    } else if (key !== null && !deferred.has(key))
      entries[key] = value === null || value === undefined ? "" : String(value);
  }
  return {
    entries,
    // The long chunks (the plan's, the base's) are looked up in the shared strings on first use.
    all: () => {
      const all: Record<string, string> = { ...entries };
      for (const [k, n] of deferred) all[k] = ctx.strings.get(n) ?? "";
      return all;
    },
  };
}

function toBytes(data: Buffer | ArrayBuffer | Uint8Array): Uint8Array {
  // ArrayBuffer.isView rather than instanceof: a Buffer may come from another realm (jsdom).
  return ArrayBuffer.isView(data)
    ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    : new Uint8Array(data);
}

export interface ReadOptions {
  /** The sheets to decode (all when absent); the others are neither unzipped nor read. */
  readonly sheets?: (name: string) => boolean;
  /** Whether the formulas' text is read (default true); `ctg check` needs only the values. */
  readonly formulas?: boolean;
}

/** Reads an `.xlsx` file's bytes. A file that is not a CTG workbook is a problem, not an exception. */
export async function readXlsx(
  data: Buffer | ArrayBuffer | Uint8Array,
  options: ReadOptions = {}
): Promise<ReadResult> {
  let pkg: Package;
  let book: WorkbookPart | null;
  const bytes = toBytes(data);
  const other = otherFormat(bytes);
  if (other) return { ok: false, problem: message(other) };
  try {
    pkg = new Package(bytes);
    book = readWorkbookPart(pkg);
  } catch {
    return { ok: false, problem: message("check.not_xlsx") };
  }
  if (!book) return { ok: false, problem: message("check.not_xlsx") };
  const metaEntry = book.sheets.find((s) => s.name === META_SHEET);
  if (!metaEntry || !pkg.has(metaEntry.part))
    return { ok: false, problem: message("check.not_ctg") };

  let sheets: Map<string, ReadSheet>;
  let metaRows: ReturnType<typeof readMeta>;
  try {
    const wanted = book.sheets.filter(
      (s) => s.name !== META_SHEET && (options.sheets?.(s.name) ?? true)
    );
    // With each sheet's relationships (small): they name its notes, if any.
    const parts = [metaEntry.part, ...wanted.flatMap((s) => [s.part, relsPartOf(s.part)])];
    await pkg.load([
      ...(book.styles ? [book.styles] : []),
      ...(book.sharedStrings ? [book.sharedStrings] : []),
      ...parts,
    ]);
    const ctx: Context = {
      strings: new SharedStrings(book.sharedStrings ? pkg.part(book.sharedStrings) : undefined),
      dateStyles: readDateStyles(book.styles ? pkg.part(book.styles) : undefined),
      date1904: book.date1904,
      formulas: options.formulas ?? true,
    };
    sheets = new Map();
    const metaXml = pkg.part(metaEntry.part);
    if (!metaXml) return { ok: false, problem: message("check.not_ctg") };
    metaRows = readMeta(metaXml, ctx);
    for (const s of wanted) {
      const xml = pkg.part(s.part);
      if (xml) {
        const notes = readSheetNotes(pkg, s.part);
        const sheet = readSheet(s.name, xml, ctx);
        sheets.set(s.name, notes.length ? { ...sheet, notes } : sheet);
      }
      pkg.drop(s.part);
    }
  } catch {
    return { ok: false, problem: message("check.not_xlsx") };
  }
  const meta = WorkbookMetaSchema.safeParse(metaRows.entries);
  if (!meta.success) return { ok: false, problem: message("check.meta_invalid") };
  const { all } = metaRows;
  let rows: Record<string, string> | null | undefined;
  // Joined on first use; damaged chunks read as no stored plan and no base.
  const chunks = (): Record<string, string> | null => {
    if (rows === undefined) {
      try {
        rows = all();
      } catch {
        rows = null;
      }
    }
    return rows;
  };
  return {
    ok: true,
    workbook: {
      meta: meta.data,
      get planJson(): string | null {
        const r = chunks();
        return r ? planJsonOfRows(r) : null;
      },
      get baseJson(): string | null {
        const r = chunks();
        return r ? baseJsonOfRows(r) : null;
      },
      sheets,
    },
  };
}

/**
 * The names of an `.xlsx` file's sheets, from its workbook part alone (no sheet is unzipped), in
 * order; null when the bytes are not a readable workbook.
 */
export function sheetNamesOf(data: Buffer | ArrayBuffer | Uint8Array): string[] | null {
  try {
    const book = readWorkbookPart(new Package(toBytes(data)));
    return book ? book.sheets.map((s) => s.name) : null;
  } catch {
    return null;
  }
}
