/**
 * The little XML this adapter needs, without a DOM: entity decoding, and a pull scanner over the
 * UTF-8 bytes of a part, fast enough to read a workbook's sheets cell by cell.
 *
 * Why a hand scanner rather than saxes: on the default CTG workbook (2.7 MB of XML), saxes with
 * handlers that do nothing takes about 50 ms, after 18 ms to decode the parts into strings, where
 * this scanner reads the shared strings and every sheet, cells typed, in about 9 ms (Node 20, medians
 * of 7 runs). saxes checks every character of every name and attribute; alone, it would take twice
 * the whole budget of `ctg check` (50 000 entries per second). This scanner works on the bytes (the
 * markup is never decoded), makes strings only of the texts and attributes it is asked for, and
 * still follows XML where files differ: any
 * namespace prefix (`<x:c>`), both quote styles, `>` inside attribute values, comments, processing
 * instructions, CDATA sections, entities and character references, CRLF line ends. It does not
 * validate: a file that is not well formed may be read leniently, but never loops or reads out of
 * bounds (an unterminated construct throws, and the caller reports an unreadable file).
 */

export { unescapeXml } from "../domain/workbook/xmlText";

/** Decodes `_xHHHH_` escapes of Office strings (a character XML cannot hold, such as `_x000D_`). */
export function unescapeOfficeString(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) =>
    String.fromCharCode(parseInt(hex, 16))
  );
}

const LT = 60;
const GT = 62;
const SLASH = 47;
const QMARK = 63;
const BANG = 33;
const COLON = 58;
const EQUALS = 61;
const DQUOTE = 34;
const SQUOTE = 39;
const AMP = 38;
const CR = 13;
const LF = 10;
const HASH = 35;
const SEMICOLON = 59;
const DASH = 45;
const LBRACKET = 91;
const RBRACKET = 93;

/** Made on first use: importing this module needs no TextDecoder (some test environments lack it). */
let utf8Decoder: { decode(bytes: Uint8Array): string } | null = null;
function utf8(bytes: Uint8Array): string {
  return (utf8Decoder ??= new TextDecoder("utf-8")).decode(bytes);
}
/** Where decodeBytes rewrites a text with entities before decoding it (reused: decoding is synchronous). */
let scratch = new Uint8Array(4096);

function isSpace(c: number | undefined): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function malformed(): never {
  throw new Error("XML mal formé");
}

/** The code point of the entity or character reference in bytes [start, end) (between `&` and `;`), or -1. */
function entityCode(b: Uint8Array, start: number, end: number): number {
  if (b[start] === HASH) {
    const hex = b[start + 1] === 120 || b[start + 1] === 88; // x X
    const from = start + (hex ? 2 : 1);
    if (from === end) return -1;
    let code = 0;
    for (let i = from; i < end; i++) {
      const c = b[i] as number;
      let d: number;
      if (c >= 48 && c <= 57) d = c - 48;
      else if (hex && c >= 97 && c <= 102) d = c - 87;
      else if (hex && c >= 65 && c <= 70) d = c - 55;
      else return -1;
      code = code * (hex ? 16 : 10) + d;
    }
    return code <= 0x10ffff ? code : -1;
  }
  const c0 = b[start];
  const c1 = b[start + 1];
  switch (end - start) {
    case 2:
      if (c1 === 116 /* t */ && (c0 === 108 || c0 === 103)) return c0 === 108 ? 60 : 62; // lt gt
      return -1;
    case 3:
      return c0 === 97 && c1 === 109 && b[start + 2] === 112 ? 38 : -1; // amp
    case 4:
      if (c0 === 113 && c1 === 117 && b[start + 2] === 111 && b[start + 3] === 116) return 34; // quot
      if (c0 === 97 && c1 === 112 && b[start + 2] === 111 && b[start + 3] === 115) return 39; // apos
      return -1;
    default:
      return -1;
  }
}

/** Writes a code point's UTF-8 bytes at `o`; returns the index after them. */
function putUtf8(out: Uint8Array, o: number, code: number): number {
  if (code < 0x80) out[o++] = code;
  else if (code < 0x800) {
    out[o++] = 0xc0 | (code >> 6);
    out[o++] = 0x80 | (code & 0x3f);
  } else if (code < 0x10000) {
    out[o++] = 0xe0 | (code >> 12);
    out[o++] = 0x80 | ((code >> 6) & 0x3f);
    out[o++] = 0x80 | (code & 0x3f);
  } else {
    out[o++] = 0xf0 | (code >> 18);
    out[o++] = 0x80 | ((code >> 12) & 0x3f);
    out[o++] = 0x80 | ((code >> 6) & 0x3f);
    out[o++] = 0x80 | (code & 0x3f);
  }
  return o;
}

/**
 * The text of bytes [start, end): UTF-8, with entities and character references decoded if
 * `entities`, line ends normalised if `lineEnds` (XML 2.11: CRLF and CR read as LF). Entities are
 * decoded on the bytes, before the one call to the UTF-8 decoder: a long text full of `&quot;` (the
 * plan's JSON) makes no garbage.
 */
function decodeBytes(
  b: Uint8Array,
  start: number,
  end: number,
  entities: boolean,
  lineEnds: boolean
): string {
  if (end - start <= 48) {
    // Short texts (numbers, cell values, names): no call into the decoder when they are plain ASCII.
    let s = "";
    let i = start;
    for (; i < end; i++) {
      const c = b[i] as number;
      if (c >= 0x80 || c === AMP || c === CR) break;
      s += String.fromCharCode(c);
    }
    if (i === end) return s;
  }
  let i = start;
  for (; i < end; i++) {
    const c = b[i];
    if ((c === CR && lineEnds) || (c === AMP && entities)) break;
  }
  if (i === end) return utf8(b.subarray(start, end));
  // Decoding only ever shortens the text: the output fits in the input's length.
  const length = end - start;
  if (scratch.length < length && length <= 1 << 20) scratch = new Uint8Array(2 * length);
  const out = scratch.length >= length ? scratch : new Uint8Array(length);
  let o = 0;
  for (let j = start; j < i; j++) out[o++] = b[j] as number;
  while (i < end) {
    const c = b[i] as number;
    if (c === CR && lineEnds) {
      out[o++] = LF;
      i += i + 1 < end && b[i + 1] === LF ? 2 : 1;
      continue;
    }
    if (c === AMP && entities) {
      // The `;` closing an entity or reference (at most `&#x0010FFFF;`, or leading zeros).
      let semi = i + 1;
      const last = Math.min(end, i + 18);
      while (semi < last && b[semi] !== SEMICOLON) semi++;
      const code = semi < last ? entityCode(b, i + 1, semi) : -1;
      if (code >= 0) {
        o = putUtf8(out, o, code);
        i = semi + 1;
        continue;
      }
    }
    out[o++] = c;
    i++;
  }
  return utf8(out.subarray(0, o));
}

/** What `XmlReader.next()` met. */
export const END = 0;
export const OPEN = 1;
export const CLOSE = 2;

/**
 * A pull scanner over one XML part: `next()` moves to the next start tag (OPEN, `empty` when it is
 * `<x/>`) or end tag (CLOSE), skipping text, comments, processing instructions and declarations.
 * Names are local names (any prefix dropped). After an OPEN, `text()` or `skip()` consume the
 * element's content; `attrs()`/`nextAttr()` walk its attributes without allocating.
 */
export class XmlReader {
  private pos: number;
  private nameStart = 0;
  private nameEnd = 0;
  private attrStart = 0;
  private attrEnd = 0;
  /** Whether the start tag just read is empty (`<c/>`). */
  empty = false;
  private ap = 0;
  private an0 = 0;
  private an1 = 0;
  private aPrefixed = false;
  private av0 = 0;
  private av1 = 0;

  constructor(private readonly b: Uint8Array) {
    this.pos = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  }

  /** Moves to the next start or end tag; END at the end of the part. */
  next(): number {
    const b = this.b;
    let p = this.pos;
    const n = b.length;
    for (;;) {
      // Tags mostly follow each other: look at the next byte before searching.
      if (b[p] !== LT) p = b.indexOf(LT, p);
      if (p < 0) {
        this.pos = n;
        return END;
      }
      const c = b[p + 1];
      if (c === SLASH) {
        let e = p + 2;
        let s = e;
        for (; e < n; e++) {
          const ch = b[e];
          if (ch === GT || isSpace(ch)) break;
          if (ch === COLON) s = e + 1;
        }
        this.nameStart = s;
        this.nameEnd = e;
        while (e < n && b[e] !== GT) e++;
        if (e >= n) malformed();
        this.empty = false;
        this.pos = e + 1;
        return CLOSE;
      }
      if (c === QMARK) {
        p = this.after(p + 2, QMARK, GT);
        continue;
      }
      if (c === BANG) {
        p = this.skipDeclaration(p);
        continue;
      }
      return this.startTag(p);
    }
  }

  private startTag(lt: number): number {
    const b = this.b;
    const n = b.length;
    let e = lt + 1;
    let s = e;
    for (; e < n; e++) {
      const c = b[e];
      if (c === GT || c === SLASH || isSpace(c)) break;
      if (c === COLON) s = e + 1;
    }
    this.nameStart = s;
    this.nameEnd = e;
    // The end of the tag: a `>` outside quoted attribute values.
    let q = e;
    for (;;) {
      if (q >= n) malformed();
      const c = b[q];
      if (c === GT) break;
      if (c === DQUOTE || c === SQUOTE) {
        q++;
        while (q < n && b[q] !== c) q++;
        if (q >= n) malformed();
      }
      q++;
    }
    this.empty = b[q - 1] === SLASH && q - 1 >= e;
    this.attrStart = e;
    this.attrEnd = this.empty ? q - 1 : q;
    this.pos = q + 1;
    return OPEN;
  }

  /** The index of the next `<` at or after `from` (-1 if none): short texts are scanned here, long ones natively. */
  private findLT(from: number): number {
    const b = this.b;
    const stop = Math.min(from + 24, b.length);
    for (let i = from; i < stop; i++) if (b[i] === LT) return i;
    return stop === b.length ? -1 : b.indexOf(LT, stop);
  }

  /** The index after the first `c1 c2` at or after `from`. */
  private after(from: number, c1: number, c2: number): number {
    const b = this.b;
    for (let p = from; ; p++) {
      p = b.indexOf(c1, p);
      if (p < 0) malformed();
      if (b[p + 1] === c2) return p + 2;
    }
  }

  /** Skips `<!-- -->`, `<![CDATA[ ]]>` (outside text) or `<!DOCTYPE ...>`; returns the index after it. */
  private skipDeclaration(lt: number): number {
    const b = this.b;
    if (b[lt + 2] === DASH && b[lt + 3] === DASH) {
      for (let p = lt + 4; ; p++) {
        p = b.indexOf(DASH, p);
        if (p < 0) malformed();
        if (b[p + 1] === DASH && b[p + 2] === GT) return p + 3;
      }
    }
    if (b[lt + 2] === LBRACKET) return this.cdataEnd(lt + 3) + 3;
    // A declaration, maybe with an internal subset in brackets.
    let depth = 0;
    for (let p = lt + 2; p < b.length; p++) {
      const c = b[p];
      if (c === LBRACKET) depth++;
      else if (c === RBRACKET) depth--;
      else if (c === GT && depth <= 0) return p + 1;
      else if (c === DQUOTE || c === SQUOTE) {
        p = b.indexOf(c, p + 1);
        if (p < 0) malformed();
      }
    }
    return malformed();
  }

  /** The index of the `]]>` ending a CDATA section. */
  private cdataEnd(from: number): number {
    const b = this.b;
    for (let p = from; ; p++) {
      p = b.indexOf(RBRACKET, p);
      if (p < 0) malformed();
      if (b[p + 1] === RBRACKET && b[p + 2] === GT) return p;
    }
  }

  /** Whether the current tag's local name is `name` (ASCII). */
  is(name: string): boolean {
    const len = this.nameEnd - this.nameStart;
    if (len !== name.length) return false;
    const b = this.b;
    for (let i = 0; i < len; i++) if (b[this.nameStart + i] !== name.charCodeAt(i)) return false;
    return true;
  }

  /** Where the reader is: after the tag just read. */
  get offset(): number {
    return this.pos;
  }

  /**
   * The text from `offset` (after a start tag) to the next tag, decoded, when it is at most `max`
   * bytes; null when longer (the reader does not move). For a cheap look at short texts only.
   */
  shortText(offset: number, max: number): string | null {
    const end = this.b.indexOf(LT, offset);
    if (end < 0 || end - offset > max) return null;
    return decodeBytes(this.b, offset, end, true, true);
  }

  /** Moves the reader to an offset a previous `offset` gave (after a start tag). */
  seek(offset: number): void {
    this.pos = offset;
    this.empty = false;
  }

  /** The current tag's local name. */
  name(): string {
    return decodeBytes(this.b, this.nameStart, this.nameEnd, false, false);
  }

  /** The bytes of the text consumed by the last successful `simpleText()`. */
  private ts = 0;
  private te = 0;

  /**
   * Consumes the element whose start tag was just read when it holds only text (`<v>12</v>`, the
   * usual case) and its end tag: true, and its text is read with `textInt()` or `textString()`.
   * False otherwise, with nothing consumed (read it with `text()`).
   */
  simpleText(): boolean {
    const b = this.b;
    if (this.empty) {
      this.ts = this.te = this.pos;
      return true;
    }
    const lt = this.findLT(this.pos);
    if (lt < 0 || b[lt + 1] !== SLASH) return false;
    let gt = lt + 2;
    while (gt < b.length && b[gt] !== GT) gt++;
    if (gt >= b.length) malformed();
    this.ts = this.pos;
    this.te = lt;
    this.pos = gt + 1;
    return true;
  }

  /** The text of the last `simpleText()` as an integer (optional `-`, at most 15 digits), or NaN. */
  textInt(): number {
    const b = this.b;
    let i = this.ts;
    const negative = b[i] === DASH;
    if (negative) i++;
    if (i === this.te || this.te - i > 15) return NaN;
    let n = 0;
    for (; i < this.te; i++) {
      const d = (b[i] as number) - 48;
      if (d < 0 || d > 9) return NaN;
      n = n * 10 + d;
    }
    return negative ? -n : n;
  }

  /** The text of the last `simpleText()`. */
  textString(): string {
    return this.te > this.ts ? decodeBytes(this.b, this.ts, this.te, true, true) : "";
  }

  /**
   * The text inside the element whose start tag was just read (its descendants' text included),
   * entities decoded and CDATA sections kept as written; the reader is left after its end tag.
   */
  text(): string {
    if (this.empty) return "";
    const b = this.b;
    const lt = this.findLT(this.pos);
    if (lt < 0) malformed();
    // Nearly always: text, then the element's own end tag.
    if (b[lt + 1] === SLASH) {
      const text = lt > this.pos ? decodeBytes(b, this.pos, lt, true, true) : "";
      let gt = lt + 2;
      while (gt < b.length && b[gt] !== GT) gt++;
      if (gt >= b.length) malformed();
      this.pos = gt + 1;
      return text;
    }
    let out = "";
    let depth = 0;
    let p = this.pos;
    for (;;) {
      const at = b.indexOf(LT, p);
      if (at < 0) malformed();
      if (at > p) out += decodeBytes(b, p, at, true, true);
      const c = b[at + 1];
      if (c === BANG && b[at + 2] === LBRACKET) {
        const end = this.cdataEnd(at + 9);
        out += decodeBytes(b, at + 9, end, false, true);
        p = end + 3;
      } else if (c === BANG) p = this.skipDeclaration(at);
      else if (c === QMARK) p = this.after(at + 2, QMARK, GT);
      else if (c === SLASH) {
        const gt = b.indexOf(GT, at + 2);
        if (gt < 0) malformed();
        p = gt + 1;
        if (depth-- === 0) break;
      } else {
        this.startTag(at);
        p = this.pos;
        if (!this.empty) depth++;
      }
    }
    this.pos = p;
    return out;
  }

  /** Skips the content of the element whose start tag was just read, up to its end tag. */
  skip(): void {
    if (this.empty) return;
    let depth = 0;
    for (;;) {
      const k = this.next();
      if (k === END) malformed();
      if (k === OPEN) {
        if (!this.empty) depth++;
      } else if (depth-- === 0) return;
    }
  }

  /** Starts walking the attributes of the start tag just read. */
  attrs(): void {
    this.ap = this.attrStart;
  }

  /** Moves to the next attribute; false after the last one. */
  nextAttr(): boolean {
    const b = this.b;
    const end = this.attrEnd;
    let p = this.ap;
    while (p < end && isSpace(b[p])) p++;
    if (p >= end) return false;
    let n0 = p;
    this.aPrefixed = false;
    while (p < end) {
      const c = b[p];
      if (c === EQUALS || isSpace(c)) break;
      if (c === COLON) {
        n0 = p + 1;
        this.aPrefixed = true;
      }
      p++;
    }
    this.an0 = n0;
    this.an1 = p;
    while (p < end && b[p] !== EQUALS) p++;
    p++;
    while (p < end && isSpace(b[p])) p++;
    const q = b[p];
    if (p >= end || (q !== DQUOTE && q !== SQUOTE)) malformed();
    let close = p + 1;
    while (close < end && b[close] !== q) close++;
    if (close >= end) malformed();
    this.av0 = p + 1;
    this.av1 = close;
    this.ap = close + 1;
    return true;
  }

  /** Whether the current attribute's local name is `name`, and whether it has a prefix (`r:id`). */
  attrIs(name: string, prefixed = false): boolean {
    if (this.aPrefixed !== prefixed) return false;
    const len = this.an1 - this.an0;
    if (len !== name.length) return false;
    const b = this.b;
    for (let i = 0; i < len; i++) if (b[this.an0 + i] !== name.charCodeAt(i)) return false;
    return true;
  }

  /** Whether the current attribute's value is `value` (ASCII, as written). */
  valueIs(value: string): boolean {
    const len = this.av1 - this.av0;
    if (len !== value.length) return false;
    const b = this.b;
    for (let i = 0; i < len; i++) if (b[this.av0 + i] !== value.charCodeAt(i)) return false;
    return true;
  }

  /** The current attribute's value, entities decoded. */
  attrValue(): string {
    return decodeBytes(this.b, this.av0, this.av1, true, true);
  }

  /** The current attribute's value as a non-negative integer (digits only), or -1. */
  attrUint(): number {
    const b = this.b;
    if (this.av1 === this.av0 || this.av1 - this.av0 > 15) return -1;
    let n = 0;
    for (let i = this.av0; i < this.av1; i++) {
      const d = (b[i] as number) - 48;
      if (d < 0 || d > 9) return -1;
      n = n * 10 + d;
    }
    return n;
  }

  /**
   * Reads the current attribute's value as a cell reference (`B12`, `$B$12`) into `out`: column and
   * row numbers from 1, 0 for a part that is missing. False when it is not a reference.
   */
  attrCellRef(out: { col: number; row: number }): boolean {
    const b = this.b;
    let i = this.av0;
    const end = this.av1;
    if (b[i] === 36) i++;
    let col = 0;
    for (; i < end; i++) {
      const c = (b[i] as number) | 0x20; // lower case
      if (c < 97 || c > 122) break;
      col = col * 26 + (c - 96);
    }
    if (i < end && b[i] === 36) i++;
    let row = 0;
    for (; i < end; i++) {
      const d = (b[i] as number) - 48;
      if (d < 0 || d > 9) return false;
      row = row * 10 + d;
    }
    out.col = col;
    out.row = row;
    return col > 0 || row > 0;
  }

  /** The value of the attribute `name` of the start tag just read (local name, no prefix), or undefined. */
  attr(name: string, prefixed = false): string | undefined {
    this.attrs();
    while (this.nextAttr()) if (this.attrIs(name, prefixed)) return this.attrValue();
    return undefined;
  }
}

/**
 * The bytes of an XML part as UTF-8: a part saved in UTF-16 (with its byte order mark) is converted,
 * UTF-8 is kept as it is.
 */
export function utf8Part(bytes: Uint8Array): Uint8Array {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (!le && !be) return bytes;
  const text = new TextDecoder(le ? "utf-16le" : "utf-16be").decode(bytes);
  return new TextEncoder().encode(text);
}
