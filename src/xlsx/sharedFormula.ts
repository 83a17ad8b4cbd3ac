/**
 * Shared formulas: Excel (and openpyxl, LibreOffice) store a formula repeated down a column once, in
 * its first cell (`<f t="shared" ref="B2:B9" si="0">A2*2</f>`), and the other cells only point to it
 * (`<f t="shared" si="0"/>`). Each of them means the master's formula moved by its offset: relative
 * references move, absolute parts (`$A$1`, `A$1`, `$A1`) do not. Text in string literals, quoted
 * sheet names, structured references (`Table1[Col]`), function names and defined names never moves.
 */

const MAX_COL = 16384;
const MAX_ROW = 1048576;

function isNameChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || // 0-9
    (c >= 65 && c <= 90) || // A-Z
    (c >= 97 && c <= 122) || // a-z
    c === 95 || // _
    c === 46 || // .
    c === 36 || // $
    c === 92 || // backslash
    c === 63 || // ?
    c >= 0x80
  );
}

function colNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) | 0x20) - 96;
  return n;
}

function colLetters(n: number): string {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const CELL = /^(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})$/;
const COLUMN = /^(\$?)([A-Za-z]{1,3})$/;
const ROW = /^(\$?)([0-9]{1,7})$/;

function moveCell(token: string, dRow: number, dCol: number): string | null {
  const m = CELL.exec(token);
  if (!m) return null;
  const [, colAbs, letters, rowAbs, digits] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  let col = colNumber(letters);
  let row = parseInt(digits, 10);
  if (col > MAX_COL || row < 1 || row > MAX_ROW) return null;
  if (!colAbs) col += dCol;
  if (!rowAbs) row += dRow;
  if (col < 1 || col > MAX_COL || row < 1 || row > MAX_ROW) return "#REF!";
  return `${colAbs}${colLetters(col)}${rowAbs}${row}`;
}

function moveColumn(token: string, dCol: number): string | null {
  const m = COLUMN.exec(token);
  if (!m) return null;
  const [, abs, letters] = m as unknown as [string, string, string];
  let col = colNumber(letters);
  if (col > MAX_COL) return null;
  if (!abs) col += dCol;
  return col < 1 || col > MAX_COL ? "#REF!" : `${abs}${colLetters(col)}`;
}

function moveRow(token: string, dRow: number): string | null {
  const m = ROW.exec(token);
  if (!m) return null;
  const [, abs, digits] = m as unknown as [string, string, string];
  let row = parseInt(digits, 10);
  if (row < 1 || row > MAX_ROW) return null;
  if (!abs) row += dRow;
  return row < 1 || row > MAX_ROW ? "#REF!" : `${abs}${row}`;
}

/** The end of the token of name characters starting at `i`. */
function tokenEnd(f: string, i: number): number {
  while (i < f.length && isNameChar(f.charCodeAt(i))) i++;
  return i;
}

/** The index after the quoted text starting at `i` (`"..."` or `'...'`, the quote doubled inside). */
function quotedEnd(f: string, i: number): number {
  const q = f[i];
  for (let j = i + 1; j < f.length; j++) {
    if (f[j] === q) {
      if (f[j + 1] === q) j++;
      else return j + 1;
    }
  }
  return f.length;
}

/** The index after the bracketed part starting at `i` (`[...]`, nested brackets included). */
function bracketEnd(f: string, i: number): number {
  let depth = 0;
  for (let j = i; j < f.length; j++) {
    if (f[j] === "'" && depth > 0) {
      j++; // an escaped character in a structured reference (`'[`)
      continue;
    }
    if (f[j] === "[") depth++;
    else if (f[j] === "]" && --depth === 0) return j + 1;
  }
  return f.length;
}

/** A formula (without `=`) moved by `dRow` rows and `dCol` columns, as a dependent cell of a shared formula reads. */
export function translateFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  const f = formula;
  let out = "";
  let i = 0;
  while (i < f.length) {
    const ch = f[i] as string;
    if (ch === '"' || ch === "'") {
      const end = quotedEnd(f, i);
      out += f.slice(i, end);
      i = end;
      continue;
    }
    if (ch === "[") {
      const end = bracketEnd(f, i);
      out += f.slice(i, end);
      i = end;
      continue;
    }
    if (!isNameChar(f.charCodeAt(i))) {
      out += ch;
      i++;
      continue;
    }
    // A token: a name must not start in the middle of a number such as 1E5 (read as one token).
    const end = tokenEnd(f, i);
    const token = f.slice(i, end);
    const next = f[end];
    if (next === "(" || next === "!" || (i > 0 && f[i - 1] === "#")) {
      // A function, a sheet name, or an error literal (#REF!, #N/A).
      out += token;
      i = end;
      continue;
    }
    if (next === ":") {
      // A range of whole columns (A:C) or rows (2:5): both ends of the same kind move together.
      const end2 = tokenEnd(f, end + 1);
      const other = f.slice(end + 1, end2);
      const columns = [moveColumn(token, dCol), moveColumn(other, dCol)];
      const rows = [moveRow(token, dRow), moveRow(other, dRow)];
      if (columns[0] !== null && columns[1] !== null && f[end2] !== "(" && f[end2] !== "!") {
        out += `${columns[0]}:${columns[1]}`;
        i = end2;
        continue;
      }
      if (rows[0] !== null && rows[1] !== null && f[end2] !== "(" && f[end2] !== "!") {
        out += `${rows[0]}:${rows[1]}`;
        i = end2;
        continue;
      }
    }
    out += moveCell(token, dRow, dCol) ?? token;
    i = end;
  }
  return out;
}
