import { columnLetter } from "../domain/workbook/grid";
/** A1 addresses for the fake: parsing (with an optional sheet) and formatting, like Excel's. */

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** A rectangle of cells, 0-based and inclusive. */
export interface Rect {
  readonly r0: number;
  readonly c0: number;
  readonly r1: number;
  readonly c1: number;
}

/** Column letters, as the domain writes them: `0` -> `A`, `27` -> `AB`. */
export const columnName = columnLetter;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Splits `'Axe I'!A1:B2` into the sheet (unquoted) and the local part. */
export function splitSheet(address: string): { sheet: string | null; local: string } {
  const quoted = /^'((?:[^']|'')+)'!(.+)$/.exec(address);
  if (quoted) return { sheet: (quoted[1] ?? "").replace(/''/g, "'"), local: quoted[2] ?? "" };
  const plain = /^([^'!:]+)!(.+)$/.exec(address);
  if (plain) return { sheet: plain[1] ?? "", local: plain[2] ?? "" };
  return { sheet: null, local: address };
}

interface Part {
  row: number | null;
  col: number | null;
}

function parsePart(part: string): Part | null {
  const m = /^\$?([A-Za-z]{1,3})?\$?(\d{1,7})?$/.exec(part);
  if (!m || (!m[1] && !m[2])) return null;
  const col = m[1] ? columnNumber(m[1]) : null;
  const row = m[2] ? Number(m[2]) - 1 : null;
  if (col !== null && (col < 0 || col >= MAX_COLUMNS)) return null;
  if (row !== null && (row < 0 || row >= MAX_ROWS)) return null;
  return { row, col };
}

/** Parses the local part of an address (`A1`, `A1:C3`, `A:C`, `2:5`); null when invalid. */
export function parseLocal(local: string): Rect | null {
  const pieces = local.trim().split(":");
  if (pieces.length < 1 || pieces.length > 2) return null;
  const a = parsePart(pieces[0] ?? "");
  const b = pieces.length === 2 ? parsePart(pieces[1] ?? "") : a;
  if (!a || !b) return null;
  const kind = (p: Part) =>
    p.row !== null && p.col !== null ? "cell" : p.row !== null ? "row" : "col";
  if (kind(a) !== kind(b)) return null;
  if (pieces.length === 1 && kind(a) !== "cell") return null;
  const rA = a.row ?? 0;
  const rB = b.row ?? MAX_ROWS - 1;
  const cA = a.col ?? 0;
  const cB = b.col ?? MAX_COLUMNS - 1;
  const wholeRows = kind(a) === "row";
  const wholeCols = kind(a) === "col";
  return {
    r0: wholeCols ? 0 : Math.min(rA, b.row ?? rA),
    r1: wholeCols ? MAX_ROWS - 1 : Math.max(rA, rB),
    c0: wholeRows ? 0 : Math.min(cA, b.col ?? cA),
    c1: wholeRows ? MAX_COLUMNS - 1 : Math.max(cA, cB),
  };
}

/** A sheet name as Excel writes it in an address: quoted when it is not a plain identifier. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function localAddress(rect: Rect): string {
  const wholeCols = rect.r0 === 0 && rect.r1 === MAX_ROWS - 1;
  const wholeRows = rect.c0 === 0 && rect.c1 === MAX_COLUMNS - 1;
  if (wholeCols && !wholeRows) return `${columnName(rect.c0)}:${columnName(rect.c1)}`;
  if (wholeRows && !wholeCols) return `${rect.r0 + 1}:${rect.r1 + 1}`;
  const a = `${columnName(rect.c0)}${rect.r0 + 1}`;
  const b = `${columnName(rect.c1)}${rect.r1 + 1}`;
  return a === b ? a : `${a}:${b}`;
}

export function fullAddress(sheet: string, rect: Rect): string {
  return `${quoteSheet(sheet)}!${localAddress(rect)}`;
}

export function rectSize(rect: Rect): { rows: number; columns: number } {
  return { rows: rect.r1 - rect.r0 + 1, columns: rect.c1 - rect.c0 + 1 };
}
