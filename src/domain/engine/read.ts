import { isJudgedAutomatically, type Target } from "../targets/schema";
import type { Message } from "../messages/types";
import { ENTRY_PROBLEM, type EntryProblemCode } from "./codes";
import type { EntryKind, EntryReading, MilestoneValue, RawEntry } from "./types";

/**
 * Reading what people type in a measurement cell.
 *
 * Rules (see also docs):
 * - Blank (null, undefined, "", only spaces of any kind) is `blank`: never zero.
 * - Numbers: `12`, `12,5`, `12.5` (comma or dot decimal), `1 250` with a normal, no-break (U+00A0),
 *   narrow no-break (U+202F), thin (U+2009) or any other Unicode space between groups of three
 *   digits, a leading `+`/`-`/`−`. A dot is ALWAYS a decimal separator (`1.250` is 1,25): in a
 *   count cell `1.250` or `1,000` (1-3 digits, separator, exactly 3 digits) is refused with a
 *   dedicated hint (`entry.ambiguous_thousands`): type `1250` or `1 250`.
 *   Badly grouped digits (`12 5`), several separators (`1.250.000`), units or words (`12 enfants`)
 *   are not numbers.
 * - Counts are whole numbers ≥ 0.
 * - Percent cells: `20 %` / `20%` is 20 %; a typed number without `%` is a fraction when ≤ 1
 *   (`0,2` -> 20 %, and so `1` -> 100 %), otherwise already in percent (`20` -> 20 %). A JS number
 *   (from a percent-formatted cell) is a fraction (0.2 -> 20 %) unless `percentNumbers: "typed"`.
 *   A percentage must lie in 0-100 %.
 * - Milestones: Oui / Non / En cours, case-, accent- and space-insensitive, a trailing `.` or `!`
 *   is ignored (`oui.`), `en-cours` / `encours` accepted; Vrai / Faux and booleans true / false
 *   read as Oui / Non. Numbers and any other word are invalid.
 * - Free (qualitative / unknown, and the targets not judged automatically: amounts of money, periods
 *   shorter than a year): any non-blank entry is kept (text trimmed, numbers as numbers,
 *   booleans as "Oui" / "Non").
 * Mistakes are `invalid` readings with a coded problem, never exceptions.
 * The hot path (JS numbers, plain digit strings) uses no regular expression and allocates only the reading.
 *
 * Cell mode (`source: "cell"`): the value comes from a workbook cell (a JS number, string, boolean or
 * null), and the reading must be exactly what the workbook's status formulas can see:
 * - blank: null, undefined, "" or ASCII spaces only (Excel's TRIM removes only U+0020; a no-break
 *   space or a tab is content);
 * - counts and percentages: only a JS number is a value (a percent cell holds a fraction, valid from
 *   0 to 1); a string is invalid, even `"12"` (`entry.number_as_text`: Excel does not count a number
 *   stored as text); booleans are invalid;
 * - milestones: a string trimmed like Excel's TRIM (outer spaces removed, inner runs of spaces made
 *   one), compared without case (Excel's `=` ignores case, not accents) with oui / non / en cours;
 *   booleans TRUE / FALSE are Oui / Non; numbers and other words are invalid;
 * - free entries: anything not blank is kept.
 */

/** Options for cells whose storage differs from what people type. */
export interface ReadOptions {
  /**
   * How a JS number in a percent cell is read. "fraction" (default): the cell is percent-formatted,
   * so Excel stores 20 % as 0.2. "typed": read like typed text (≤ 1 is a fraction, else percent).
   */
  readonly percentNumbers?: "fraction" | "typed";
  /**
   * Where the value comes from. "typed" (default): text as a person types it (task pane, CLI).
   * "cell": a workbook cell's stored value, read exactly as the status formulas read it.
   */
  readonly source?: "typed" | "cell";
}

export function entryKindOf(
  target: Pick<Target, "measure"> & Partial<Pick<Target, "period">>
): EntryKind {
  // Amounts of money and targets per semester / quarter / month are recorded, not judged.
  if (!isJudgedAutomatically({ measure: target.measure, period: target.period ?? null })) {
    return "free";
  }
  switch (target.measure) {
    case "count":
    case "increase_percent": // the entries are the measured quantity; the increase is computed
      return "count";
    case "percent":
      return "percent";
    case "milestone":
      return "milestone";
    case "amount":
    case "qualitative":
    case "unknown":
      return "free";
  }
}

export const BLANK_READING: EntryReading = Object.freeze({ kind: "blank" });

export function readEntry(raw: RawEntry, kind: EntryKind, options?: ReadOptions): EntryReading {
  if (raw === null || raw === undefined) return BLANK_READING;
  if (options?.source === "cell") return readCell(raw, kind);
  switch (kind) {
    case "count":
      return readCount(raw);
    case "percent":
      return readPercent(raw, options?.percentNumbers === "typed");
    case "milestone":
      return readMilestone(raw);
    case "free":
      return readFree(raw);
  }
}

// ---------------------------------------------------------------------------------------------
// Counts and percentages

function readCount(raw: string | number | boolean): EntryReading {
  if (typeof raw === "number") return checkCount(raw);
  if (typeof raw === "boolean") return invalid(ENTRY_PROBLEM.booleanNotNumber, booleanText(raw));
  const scanned = scanNumber(raw);
  if (scanned === SCAN_BLANK) return BLANK_READING;
  if (scanned === null) return notANumber(raw, ENTRY_PROBLEM.textNotNumber);
  if (scanned.percent) return invalid(ENTRY_PROBLEM.percentInCount, shortText(raw));
  const value = scanned.value;
  if (value < 0) return invalidValue(ENTRY_PROBLEM.negative, value);
  // `1.250` or `1,000` in a count cell: a decimal count, or (more likely) a thousands separator.
  // Either way it is not a whole number as written: ask for `1250` / `1 250`.
  if (scanned.thousandsLike) {
    return {
      kind: "invalid",
      problem: {
        code: ENTRY_PROBLEM.ambiguousThousands,
        params: { text: shortText(raw), whole: round(value * 1000) },
      },
    };
  }
  return checkCount(value);
}

function checkCount(value: number): EntryReading {
  if (!isFiniteNumber(value)) return notFinite();
  if (value < 0) return invalidValue(ENTRY_PROBLEM.negative, value);
  if (value % 1 !== 0) return invalidValue(ENTRY_PROBLEM.decimalCount, value);
  return { kind: "number", value: value === 0 ? 0 : value }; // -0 -> 0
}

function readPercent(raw: string | number | boolean, numbersAsTyped: boolean): EntryReading {
  if (typeof raw === "number") {
    if (!isFiniteNumber(raw)) return notFinite();
    const inPercent = numbersAsTyped && (raw > 1 || raw < -1) ? raw : raw * 100;
    return checkPercent(roundTiny(inPercent));
  }
  if (typeof raw === "boolean") return invalid(ENTRY_PROBLEM.booleanNotNumber, booleanText(raw));
  const scanned = scanNumber(raw);
  if (scanned === SCAN_BLANK) return BLANK_READING;
  if (scanned === null) return notANumber(raw, ENTRY_PROBLEM.textNotPercent);
  const v = scanned.value;
  // Without a % sign, a number ≤ 1 is a fraction (0,2 -> 20 %); otherwise it is already in percent.
  return checkPercent(scanned.percent || v > 1 || v < -1 ? v : roundTiny(v * 100));
}

function checkPercent(valueInPercent: number): EntryReading {
  if (valueInPercent < 0) return invalidValue(ENTRY_PROBLEM.negativePercent, valueInPercent);
  if (valueInPercent > 100) return invalidValue(ENTRY_PROBLEM.percentAbove100, valueInPercent);
  return { kind: "number", value: valueInPercent === 0 ? 0 : valueInPercent };
}

/** Removes binary noise such as 0.07 * 100 = 7.000000000000001. */
function roundTiny(x: number): number {
  return round(x * 1e9) / 1e9;
}

// Module-level aliases instead of global lookups in the hot path: in a `vm` context (jest, some
// hosts) every access to a global such as `Math` or `Number` goes through a slow interceptor.
const round = Math.round;

/** Not NaN, not ±Infinity (x - x is NaN for both). */
export function isFiniteNumber(x: number): boolean {
  return x - x === 0;
}

// ---------------------------------------------------------------------------------------------
// Milestones and free entries

/** Milestone readings are immutable: one shared object per answer. */
const MILESTONE_READINGS: Readonly<Record<MilestoneValue, EntryReading>> = {
  oui: Object.freeze({ kind: "milestone", value: "oui" }),
  non: Object.freeze({ kind: "milestone", value: "non" }),
  en_cours: Object.freeze({ kind: "milestone", value: "en_cours" }),
};

/** Normalised words (see `milestoneKey`) -> answer. */
const MILESTONE_WORDS: ReadonlyMap<string, MilestoneValue> = new Map<string, MilestoneValue>([
  ["oui", "oui"],
  ["vrai", "oui"],
  ["non", "non"],
  ["faux", "non"],
  ["encours", "en_cours"],
]);

/** Fast path: the words as the workbook's drop-down list writes them. */
const EXACT_MILESTONE_WORDS: ReadonlyMap<string, MilestoneValue> = new Map<string, MilestoneValue>([
  ["Oui", "oui"],
  ["Non", "non"],
  ["En cours", "en_cours"],
]);

/** A boolean is Oui/Non; a number is not a yes/no word (both reading modes). */
function milestoneFromNonText(raw: number | boolean): EntryReading {
  if (typeof raw === "boolean") return MILESTONE_READINGS[raw ? "oui" : "non"];
  if (!isFiniteNumber(raw)) return notFinite();
  return {
    kind: "invalid",
    problem: { code: ENTRY_PROBLEM.unknownYesNo, params: { text: raw } },
  };
}

function readMilestone(raw: string | number | boolean): EntryReading {
  if (typeof raw !== "string") return milestoneFromNonText(raw);
  const value = EXACT_MILESTONE_WORDS.get(raw) ?? MILESTONE_WORDS.get(milestoneKey(raw));
  if (value !== undefined) return MILESTONE_READINGS[value];
  return trimSpaces(raw) === ""
    ? BLANK_READING
    : invalid(ENTRY_PROBLEM.unknownYesNo, shortText(raw));
}

/**
 * `  En-Cours. ` -> `encours`: lower case, accents removed, spaces / hyphens / underscores removed,
 * trailing `.` and `!` removed.
 */
function milestoneKey(raw: string): string {
  let s = raw.toLowerCase();
  if (hasNonAscii(s)) s = s.normalize("NFD");
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isSpace(c) || c === 45 /* - */ || c === 95 /* _ */) continue;
    if (c >= 0x300 && c <= 0x36f) continue; // combining accents after NFD
    out += s[i];
  }
  let end = out.length;
  while (end > 0) {
    const last = out.charCodeAt(end - 1);
    if (last !== 46 /* . */ && last !== 33 /* ! */) break;
    end--;
  }
  return end === out.length ? out : out.slice(0, end);
}

function hasNonAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return true;
  return false;
}

function readFree(raw: string | number | boolean): EntryReading {
  if (typeof raw === "number") {
    if (!isFiniteNumber(raw)) return notFinite();
    return { kind: "number", value: raw };
  }
  if (typeof raw === "boolean") return { kind: "text", value: raw ? "Oui" : "Non" };
  const text = trimSpaces(raw);
  return text === "" ? BLANK_READING : { kind: "text", value: text };
}

// ---------------------------------------------------------------------------------------------
// Cell mode: what a formula sees in a cell

function readCell(raw: string | number | boolean, kind: EntryKind): EntryReading {
  if (typeof raw === "string" && isExcelBlank(raw)) return BLANK_READING;
  switch (kind) {
    case "count":
      if (typeof raw === "number") return checkCount(raw);
      return cellNotNumber(raw, ENTRY_PROBLEM.textNotNumber);
    case "percent":
      if (typeof raw === "number") {
        if (!isFiniteNumber(raw)) return notFinite();
        // The cell is %-formatted: it holds a fraction, checked as the formula checks it (0 to 1).
        if (raw < 0) return invalidValue(ENTRY_PROBLEM.negativePercent, roundTiny(raw * 100));
        if (raw > 1) return invalidValue(ENTRY_PROBLEM.percentAbove100, roundTiny(raw * 100));
        const inPercent = roundTiny(raw * 100);
        return { kind: "number", value: inPercent === 0 ? 0 : inPercent };
      }
      return cellNotNumber(raw, ENTRY_PROBLEM.textNotPercent);
    case "milestone":
      return readCellMilestone(raw);
    case "free":
      if (typeof raw === "number") return readFree(raw);
      if (typeof raw === "boolean") return { kind: "text", value: raw ? "Oui" : "Non" };
      return { kind: "text", value: raw };
  }
}

/** A boolean or a string where a number is due: a number stored as text gets its own problem. */
function cellNotNumber(raw: string | boolean, textCode: EntryProblemCode): EntryReading {
  if (typeof raw === "boolean") return invalid(ENTRY_PROBLEM.booleanNotNumber, booleanText(raw));
  const scanned = scanNumber(raw);
  if (scanned !== null && scanned !== SCAN_BLANK) {
    return invalid(ENTRY_PROBLEM.numberAsText, shortText(raw));
  }
  return notANumber(raw, textCode);
}

/** Excel's `MATCH(TRIM(cell), {"oui","non","en cours"}, 0)`: case-insensitive, accent-sensitive. */
const CELL_MILESTONE_WORDS: ReadonlyMap<string, MilestoneValue> = new Map<string, MilestoneValue>([
  ["oui", "oui"],
  ["non", "non"],
  ["en cours", "en_cours"],
]);

function readCellMilestone(raw: string | number | boolean): EntryReading {
  if (typeof raw !== "string") return milestoneFromNonText(raw);
  const value = CELL_MILESTONE_WORDS.get(excelTrim(raw).toLowerCase());
  return value === undefined
    ? invalid(ENTRY_PROBLEM.unknownYesNo, shortText(raw))
    : MILESTONE_READINGS[value];
}

/** Blank for a formula: `TRIM(cell)=""`, i.e. empty or ASCII spaces (U+0020) only. */
export function isExcelBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== 32) return false;
  return true;
}

/** Excel's TRIM: ASCII spaces removed at both ends, inner runs of ASCII spaces made one. */
export function excelTrim(s: string): string {
  let out = "";
  let pendingSpace = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === " ") {
      pendingSpace = out !== "";
      continue;
    }
    if (pendingSpace) out += " ";
    pendingSpace = false;
    out += c;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Number scanner (no regex, no allocation for a failed or blank scan)

/** Any Unicode space people or spreadsheets put in numbers: normal, tab, no-break, narrow no-break, thin... */
export function isSpace(c: number): boolean {
  return (
    c === 32 ||
    c === 0xa0 || // no-break space
    c === 0x202f || // narrow no-break space (French thousands separator in Intl)
    (c >= 0x2000 && c <= 0x200b) || // en/em/figure/thin/hair/zero-width spaces
    c === 9 ||
    c === 10 ||
    c === 13 ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function trimSpaces(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isSpace(s.charCodeAt(start))) start++;
  while (end > start && isSpace(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

interface Scanned {
  readonly value: number;
  /** A `%` sign ended the number. */
  readonly percent: boolean;
  /** Ungrouped 1-3 digits, a separator then exactly 3 digits (`1.250`, `1,250`): maybe thousands. */
  readonly thousandsLike: boolean;
}

const SCAN_BLANK = 0;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Grammar: spaces* [sign spaces*] int [(,|.) digits] spaces* [%] spaces*
 * where int is digits, or groups `d{1,3}( d{3})*` separated by ONE space character of any kind,
 * and may be empty when a decimal part follows (`,5`). Returns SCAN_BLANK for blank text, null
 * for anything else that is not a number.
 */
function scanNumber(s: string): Scanned | typeof SCAN_BLANK | null {
  let i = 0;
  let end = s.length;
  while (i < end && isSpace(s.charCodeAt(i))) i++;
  while (end > i && isSpace(s.charCodeAt(end - 1))) end--;
  if (i === end) return SCAN_BLANK;

  let percent = false;
  if (s.charCodeAt(end - 1) === 37 /* % */) {
    percent = true;
    end--;
    while (end > i && isSpace(s.charCodeAt(end - 1))) end--;
  }

  let negative = false;
  let c = s.charCodeAt(i);
  if (c === 43 /* + */ || c === 45 /* - */ || c === 0x2212 /* − */) {
    negative = c !== 43;
    i++;
    while (i < end && isSpace(s.charCodeAt(i))) i++;
  }

  // Integer part, with optional groups of three digits.
  let intValue = 0;
  let intDigits = 0;
  let groupDigits = 0;
  let grouped = false;
  while (i < end) {
    c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      intValue = intValue * 10 + (c - 48);
      intDigits++;
      groupDigits++;
    } else if (intDigits > 0 && isSpace(c)) {
      // The group before a separator: the first has 1-3 digits, the others exactly 3.
      if (grouped ? groupDigits !== 3 : groupDigits > 3) return null;
      grouped = true;
      groupDigits = 0;
    } else {
      break;
    }
    i++;
  }
  if (grouped && groupDigits !== 3) return null;

  // Decimal part.
  let fracValue = 0;
  let fracDigits = 0;
  if (i < end && (c === 44 /* , */ || c === 46) /* . */) {
    i++;
    while (i < end) {
      c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      fracValue = fracValue * 10 + (c - 48);
      fracDigits++;
      i++;
    }
    if (fracDigits === 0) return null; // "12," or a lone separator
  }
  if (i !== end || (intDigits === 0 && fracDigits === 0)) return null;

  // (int * 10^n + frac) / 10^n is a single correctly rounded division: same double as parseFloat.
  let value =
    fracDigits === 0
      ? intValue
      : fracDigits < POW10.length
        ? (intValue * (POW10[fracDigits] as number) + fracValue) / (POW10[fracDigits] as number)
        : Number(`${intValue}.${s.slice(end - fracDigits, end)}`);
  if (negative) value = -value;
  const thousandsLike =
    !grouped && intDigits >= 1 && intDigits <= 3 && intValue > 0 && fracDigits === 3;
  return { value, percent, thousandsLike };
}

// ---------------------------------------------------------------------------------------------
// Problems

const MAX_TEXT = 40;

/** The entry as shown back in a message: trimmed, at most 40 characters. */
function shortText(raw: string): string {
  const t = trimSpaces(raw);
  return t.length <= MAX_TEXT ? t : `${t.slice(0, MAX_TEXT - 1)}…`;
}

function booleanText(b: boolean): string {
  return b ? "VRAI" : "FAUX";
}

function invalid(code: EntryProblemCode, text: string): EntryReading {
  return { kind: "invalid", problem: { code, params: { text } } };
}

/** NaN or ±Infinity: a broken formula or a bug upstream, reported like a typing mistake. */
function notFinite(): EntryReading {
  return { kind: "invalid", problem: { code: ENTRY_PROBLEM.notFinite, params: {} } };
}

function invalidValue(code: EntryProblemCode, value: number): EntryReading {
  return { kind: "invalid", problem: { code, params: { value } } };
}

/** Text that does not scan as a number; Excel error values (`#N/A`, `#DIV/0!`) get their own problem. */
function notANumber(raw: string, code: EntryProblemCode): EntryReading {
  const text = shortText(raw);
  const problem: Message =
    text.charCodeAt(0) === 35 /* # */ && text.length > 1
      ? { code: ENTRY_PROBLEM.excelError, params: { text } }
      : { code, params: { text } };
  return { kind: "invalid", problem };
}
