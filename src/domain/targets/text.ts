/**
 * Small text helpers for French wording (indicator phrases, labels...). Pure functions, no I/O.
 */

/** Zero-width characters that can hide inside copied text (Word, PDF exports). */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const ZERO_WIDTH_CHAR = /^[\u200B-\u200D\u2060\uFEFF]$/;

/**
 * Normalises French spacing: every kind of space (ordinary, tab, line break, non-breaking U+00A0,
 * narrow no-break U+202F, thin U+2009, figure U+2007, ...) becomes one ordinary space, runs are
 * collapsed, zero-width characters are removed and the result is trimmed.
 *
 * `"20\u202f%  des\u00a0parents "` -> `"20 % des parents"`.
 */
export function normalizeFrenchSpaces(s: string): string {
  // In JS regular expressions `\s` already covers U+00A0, U+2000-U+200A, U+202F, U+205F, U+3000...
  return s.replace(ZERO_WIDTH, "").replace(/\s+/g, " ").trim();
}

/** Characters folded to a plainer equivalent by `foldForMatching`. */
const FOLDED_CHARS: Readonly<Record<string, string>> = {
  "\u2019": "'", // ’ typographic apostrophe
  "\u2018": "'", // ‘
  "\u02BC": "'", // ʼ modifier letter apostrophe
  "\u00B4": "'", // ´
  "`": "'",
  "\u2010": "-", // ‐ hyphen
  "\u2011": "-", // ‑ non-breaking hyphen
  "\u2012": "-", // ‒ figure dash
  "\u2013": "-", // – en dash
  "\u2014": "-", // — em dash
  "\u2212": "-", // − minus sign
};

function foldChar(c: string): string {
  const mapped = FOLDED_CHARS[c];
  if (mapped !== undefined) return mapped;
  if (/\s/.test(c)) return " ";
  const lower = c.toLowerCase();
  const base = lower.length === 1 ? lower : c;
  // `é` -> `e`, `à` -> `a`, `ç` -> `c`; `œ` has no decomposition and stays `œ`.
  const stripped = base.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  return stripped.length === 1 ? stripped : base;
}

/**
 * `foldChar` of each UTF-16 code unit met so far ("" for a zero-width character), computed once:
 * folding is the hot path of the target parser, and a text uses few distinct characters.
 */
const FOLDED_UNITS = new Map<number, string>();

function foldedUnit(code: number): string {
  let f = FOLDED_UNITS.get(code);
  if (f === undefined) {
    const c = String.fromCharCode(code);
    f = ZERO_WIDTH_CHAR.test(c) ? "" : foldChar(c);
    FOLDED_UNITS.set(code, f);
  }
  return f;
}

/** ASCII folded by a table (no Map look-up): lower case, every ASCII space `" "`, a backquote `'`. */
const FOLDED_ASCII: readonly string[] = Array.from({ length: 128 }, (_, code) =>
  foldChar(String.fromCharCode(code))
);

/** Text folded for matching, with where each of its characters comes from in the original text. */
export interface FoldedText {
  /** Lower case, no accents, one plain space for each run of spaces, `'` apostrophes, `-` dashes. */
  folded: string;
  /** `origins[i]` is the index in the original text of `folded[i]`. */
  origins: number[];
}

/**
 * Folds text for matching: lower case, accents removed, each run of space-like characters (ordinary,
 * non-breaking, narrow, thin, tabs, line breaks) becomes one `" "`, zero-width characters are dropped,
 * typographic apostrophes become `'` and dashes `-`.
 *
 * Matching is done on `folded`; `origins` lets verbatim parts (units, fragments) be cut from the
 * original text with `originalSlice`.
 */
export function foldForMatching(s: string): FoldedText {
  let folded = "";
  const origins: number[] = [];
  let afterSpace = false;
  // Characters that fold to themselves are copied by runs (`s.slice`), not one by one.
  let runStart = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const f = code < 128 ? (FOLDED_ASCII[code] as string) : foldedUnit(code);
    let kept = f !== ""; // zero-width characters are dropped
    if (f === " ") {
      kept = !afterSpace;
      afterSpace = true;
    } else if (kept) afterSpace = false;
    if (kept) origins.push(i);
    if (kept && f.charCodeAt(0) === code) continue; // in the current run
    if (runStart < i) folded += s.slice(runStart, i);
    runStart = i + 1;
    if (kept) folded += f;
  }
  if (runStart === 0) return { folded: s, origins };
  if (runStart < s.length) folded += s.slice(runStart);
  return { folded, origins };
}

/** The original text behind `folded.slice(start, end)` (verbatim, spaces as written). */
export function originalSlice(
  original: string,
  text: FoldedText,
  start: number,
  end: number
): string {
  if (end <= start) return "";
  const from = text.origins[start] ?? original.length;
  const last = text.origins[end - 1];
  return original.slice(from, last === undefined ? original.length : last + 1);
}
