/**
 * French target parser: reads the wording of an evaluation indicator of a CTG plan
 * ("à minima 12 enfants accueillis par an", "Augmentation de 20 % des utilisateurs du RAM",
 * "Création de la page Facebook", ...) and returns the targets it states.
 *
 * Pure functions, no I/O, never throws: odd text is data and gives `unknown` targets.
 *
 * How it works (the French is subtle, so each step is small and commented):
 *  1. The text is folded (lower case, no accents, one plain space for any run of French spaces, plain
 *     apostrophes and dashes): matching is done on the folded text, verbatim parts (units, fragments)
 *     are cut from the original through the folding's index map.
 *  2. Every number-looking token is found (digits with French spacing and decimal comma, fractions `1/3`,
 *     small number words `deux`, `trois`, ..., `la moitié`), ranges `2-3` are merged.
 *  3. Each token is judged in its context: ordinals (`2ème`), names (`CD 12`, `FOL12`, `Plan handicap 12`),
 *     years (`2021`), ages (`11-14 ans`), durations (`sur 4 ans`), baselines (`au lieu de 36`), references
 *     to known things (`avec les 4 ACM`) and articles (`un`, `une`) are NOT targets. Deadlines
 *     (`sous 2 ans`) and `tous les 2 ans` are recorded as time marks.
 *  4. The remaining tokens are anchors: each one gets its comparator (before or after the number), its
 *     unit (head noun), whether it is a share or an increase, and its clause of the sentence (several
 *     targets may share one sentence: "3 rencontres par an ... avec 75 % des acteurs ...").
 *  5. Periods (`par an`, `biennal`, ...) and deadlines are read in each target's clause.
 *  6. A phrase with no anchor is a milestone (a thing done or not), a qualitative aim, a tracked count
 *     (`Nombre de ...`) or, when nothing tells, `unknown`.
 *
 * Documented decisions (the tests in tests/targets/ show each one):
 *  - No comparator word -> "=" ("30 nouveaux visiteurs par an" is count = 30 / year). "plus de 20" and
 *    "supérieur à 20" are read as ">=" (what people mean), "moins de" / "inférieur à" as "<=".
 *  - A digit is always a figure ("1 Évènement autour de la signature CTG" is count = 1 évènement);
 *    "un"/"une" are articles unless a comparator goes with them ("à minima d'un référent") or "fois"
 *    follows ("une fois par an" is count = 1 fois / year). deux ... cinquante are figures.
 *  - "Augmentation de 7 agréments" is a count of 7 (the number of new agréments), not a percent.
 *    "Augmentation du nombre de places" (no figure) is qualitative: nothing to check against.
 *  - A decrease by a count ("Baisse de 5 places") cannot be told apart from a level: `unknown`.
 *  - "Baisse de 10 %" is an increase_percent of -10 (a decrease is a negative increase); "baisse d'au
 *    moins 10 %" is "<=" -10. "... à 80 %" is a level (a share), not an increase.
 *  - A range is "between", with or without a minimum word ("2-3 installations", "minimum 3-4 acteurs"):
 *    the engine judges it reached from the lower bound, and above the range too; "maximum 3-4" is
 *    "<=" 4. Age bands ("11-14 ans") are not ranges.
 *  - Several figures in one sentence are several targets, each with its clause as fragment; a figure
 *    that qualifies another ("pour au moins 2 métiers", "en associant au moins 2 autres acteurs") is its
 *    own target, with the period of its own clause. "dont 1/3" is a share of the previous target's unit.
 *  - Distributive qualifiers ("par commune", "par groupe thématique", "à chaque rencontre", "pour chaque
 *    projet") have no field: they are kept in `fragment` only.
 *  - "Nombre de formations réalisées" is a count with no comparator nor value: tracked, not judged.
 *  - Periods the schema cannot hold (per week, per day, every 3 years or more) and deadlines that are not
 *    a whole number of years ("sous 6 mois") make the target `unknown` (keeping what was read) rather
 *    than a silently different target. "d'ici 2025", "en 2025", "fin 2023", "au 31 décembre 2024" are
 *    absolute deadlines (`deadlineYear`); "par semestre / trimestre / mois" are periods of the schema.
 *  - Money ("2 000 €", "40 K€", "1,5 M€") is an `amount` in euros; "une dizaine de" is about 10 ("=").
 *  - Ratios, multiples, points, durations in days or weeks, alternatives and unreadable compound number
 *    words make every target of the wording `unknown` (see `outsideGrammar`).
 *  - Without a figure, milestone / qualitative / unknown is decided by the head noun and a few cues
 *    (see `classifyWithoutFigure`).
 */
import type { Comparator, Measure, Period, Target } from "./schema";
import { type FoldedText, foldForMatching, originalSlice } from "./text";

/* ------------------------------------------------------------------------------------------------ */
/* Regular expression building blocks (all used on folded text: lower case, no accents).            */
/* ------------------------------------------------------------------------------------------------ */

/** Not preceded / not followed by a letter or digit (JS `\b` ignores accented letters). */
const NB = "(?<![\\p{L}\\p{N}])";
const NA = "(?![\\p{L}\\p{N}])";

function rx(source: string, flags = "u"): RegExp {
  return new RegExp(source, flags);
}

/**
 * Every match of a global regular expression, as `s.matchAll(re)` gives them, without the copy of
 * the expression `matchAll` makes at each call (the parser's hot path).
 */
function matchesOf(re: RegExp, s: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    found.push(m);
    if (m[0] === "") re.lastIndex += (s.codePointAt(re.lastIndex) ?? 0) > 0xffff ? 2 : 1;
  }
  re.lastIndex = 0;
  return found;
}

/** A word list written as `a | b c | d` over several lines (entries may hold spaces), as an array. */
function words(list: string): string[] {
  return list
    .split(/[|\n]/u)
    .map((w) => w.trim())
    .filter((w) => w !== "");
}

/** Words of an increase / a decrease (nouns and verbs). */
const UP_WORDS =
  "augmentation|hausse|progression|croissance|accroissement|augmenter|accroitre|progresser";
const DOWN_WORDS = "baisse|diminution|reduction|recul|baisser|diminuer|reduire";

/** Comparator words that can stand before the number ("au moins 2", "plus de 20", "+ 20 %"). */
const PRE_COMPARATORS =
  "a minima|au minimum|au moins|minimum|min\\.|au plus|au maximum|maximum|max\\.|pas plus de|plus de|pas moins de|moins de|" +
  "(?:superieure?|inferieure?)s? (?:ou egale?s? )?a|au-dela de|au dela de|" +
  "jusqu'a|environ|pres de|\\+|≥|>=|>|≤|<=|<";

/**
 * What may stand right before a number, read backwards from it:
 * `[augmentation|baisse ...] [de|d'] [comparator] [de|d'] [-]`, e.g. "Augmentation d'au moins ", "de + ",
 * "à minima d'", "de minimum ", "plus de ", "-" glued to the number ("-20 %", a decrease).
 * Anchored at the end of the text before the number.
 */
const PRE_NUMBER_RE = rx(
  `(?:${NB}(?<change>${UP_WORDS}|${DOWN_WORDS})\\s+)?` +
    `(?:${NB}(?:de|d')\\s*)?` +
    `(?:${NB}(?<cmp>${PRE_COMPARATORS})\\s*)?` +
    `(?:${NB}(?:de|d')\\s*)?` +
    `(?<minus>${NB}-)?$`
);

/** Characters before a number searched by `PRE_NUMBER_RE` (twice its longest match). */
const PRE_NUMBER_WINDOW = 120;

/** Comparator words after the number ("20 parents minimum", "2 actions au moins", "80% min.", "1/3 au moins"). */
const POST_COMPARATOR_RE = rx(
  `${NB}(?<cmp>a minima|au minimum|au moins|au plus|au maximum|minimum|maximum|min\\.?|max\\.?|(?:et|ou) plus(?!\\s+(?:de|d')))(?![\\p{L}\\p{N}])`,
  "gu"
);

const AT_MOST_RE =
  /^(?:au plus|au maximum|maximum|max\.?|pas plus de|moins de|jusqu'a|inferieure?s? (?:ou egale?s? )?a|≤|<=|<)$/u;
const ABOUT_RE = /^(?:environ|pres de)$/u;

/**
 * Maps a comparator word (folded) to the comparator of the schema. Everything else is "at least":
 * "a minima", "au moins", "minimum", "min.", "plus de", "supérieur à", "au-delà de", "+", "≥", "et plus".
 * "plus de 20" and "supérieur à 20" are strictly more, but are read as "at least", as people mean them.
 */
function comparatorOf(word: string): Comparator {
  const w = word.trim();
  if (AT_MOST_RE.test(w)) return "<=";
  if (ABOUT_RE.test(w)) return "=";
  return ">=";
}

/** Small number words. `un`/`une` are usually articles: they count only with a comparator or `fois`. */
const WORD_NUMBERS: Readonly<Record<string, number>> = {
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  onze: 11,
  douze: 12,
  treize: 13,
  quatorze: 14,
  quinze: 15,
  seize: 16,
  vingt: 20,
  vingts: 20,
  trente: 30,
  quarante: 40,
  cinquante: 50,
  soixante: 60,
  cent: 100,
  cents: 100,
  mille: 1000,
};

/** Tens written `vingt` or `vingts` ("quatre-vingts"), and the words that only go in a compound. */
const COMPOUND_ONLY = new Set(["vingts", "cents"]);

/**
 * The value of a compound number word, folded: "vingt-cinq", "soixante et onze", "quatre-vingt-dix-neuf",
 * "deux cents", "mille deux cents". Null when the words do not make one French number.
 */
function compoundValue(word: string): number | null {
  const parts = word.split(/[- ]/u).filter((w) => w !== "" && w !== "et");
  let total = 0;
  let current = 0;
  let previous = "";
  for (const w of parts) {
    const v = WORD_NUMBERS[w];
    if (v === undefined) return null;
    if (w === "mille") {
      total += (current === 0 ? 1 : current) * 1000;
      current = 0;
    } else if (w === "cent" || w === "cents") {
      current = (current === 0 ? 1 : current) * 100;
    } else if ((w === "vingt" || w === "vingts") && previous === "quatre") {
      current += 80 - 4; // "quatre-vingts"
    } else {
      const low = current % 100;
      const fits =
        low === 0 ||
        (low >= 20 && low % 10 === 0 && v < 10) || // vingt-cinq, quatre-vingt-un
        ((low === 60 || low === 80) && v >= 10 && v < 20) || // soixante-dix, quatre-vingt-onze
        (low % 20 === 10 && v >= 7 && v <= 9); // dix-sept, soixante-dix-neuf
      if (!fits) return null; // "deux trois": two numbers, not one
      current += v;
    }
    previous = w;
  }
  if (parts.length === 1 && COMPOUND_ONLY.has(parts[0] ?? "")) return null;
  return total + current;
}

/** Approximate numbers, "une dizaine de familles": about that many (comparator "="). */
const APPROXIMATE: Readonly<Record<string, number>> = {
  dizaine: 10,
  douzaine: 12,
  quinzaine: 15,
  vingtaine: 20,
  trentaine: 30,
  quarantaine: 40,
  cinquantaine: 50,
  soixantaine: 60,
  centaine: 100,
  millier: 1000,
};

/** Shares said in words, only when followed by "de/des/du/d'" ("un tiers des participants", not "un tiers-lieu"). */
const WORD_FRACTIONS: Readonly<Record<string, number>> = {
  "la moitie": 50,
  "une moitie": 50,
  "un tiers": 100 / 3,
  "deux tiers": 200 / 3,
  "un quart": 25,
  "trois quarts": 75,
};

/** Words that are not a unit (head noun) when read right after a number. */
const NOT_A_UNIT = new Set(
  words(`
  de | d | des | du | la | le | les | l | a | au | aux | en | et | ou | par | pour | sur | avec
  dans | chez | entre | vers | sous | minimum | minima | maximum | min | max | moins | plus | an
  ans | annee | annees | mois | que | qui | dont | soit | environ | contre | selon | nombre
  taux | est | sont | sera | seront
  `)
);

/** Nouns before "de N %" that are not what the share is about ("Mise en place de 50 % ..."). */
const NOT_A_SHARE_NOUN = new Set(
  words(`
  place | oeuvre | œuvre | taux | nombre | part | objectif | cible | passage | passer | passant
  passe | passera | evolution | evoluer | porter
  `)
);

/** Adjectives that come before the head noun and are skipped: "30 nouveaux visiteurs", "1 autre action". */
const ADJECTIVES_BEFORE_NOUN = new Set(
  words(`
  nouveau | nouvel | nouveaux | nouvelle | nouvelles | autre | autres | grand | grande | grands
  grandes | petit | petite | petits | petites | premier | premiers | premiere | premieres | bon
  bons | bonne | bonnes | seul | seule | seuls | seules | veritable | veritables
  `)
);

/** Words after which a number can be a quantity (prepositions, comparators, punctuation...). */
const FUNCTION_WORDS = new Set(
  words(`
  de | d' | a | au | aux | pour | avec | sur | par | dont | et | ou | soit | environ | pres
  entre | jusqu'a | vers | chez | minimum | minima | maximum | moins | plus | min. | max. | sous
  en | + | ≥ | >= | > | ≤ | <= | < | : | - | ( | , | ; | / | = | objectif | cible
  `)
);

/** Periods. "pluriannuel" does not match `annuel` thanks to the letter boundaries. */
const YEARLY_RE = rx(
  `${NB}(?:par an|par annee|l'an|chaque annee|tous les ans|annuel(?:le)?s?|annuellement)${NA}|\\/\\s*an${NA}`,
  "u"
);
const BIENNIAL_RE = rx(`${NB}(?:biennale?s?|biennaux|une annee sur deux)${NA}`, "u");
/** Periods the schema has no value for: such a target becomes `unknown`. */
const UNSUPPORTED_PERIOD_RE = rx(
  `${NB}(?:par (?:semaine|jour)|chaque (?:semaine|jour)|tous les (?:quinze|15) jours|toutes les (?:deux |2 )?semaines|` +
    `hebdomadaires?|bimensuel(?:le)?s?|quotidien(?:ne)?s?|triennale?s?|triennaux)${NA}`,
  "u"
);
/** Substrings without which `UNSUPPORTED_PERIOD_RE` cannot match (a cheap test first). */
const UNSUPPORTED_HINTS = ["semaine", "jour", "hebdo", "mensuel", "quotidien", "trienn"];
const SEMESTER_RE = rx(
  `${NB}(?:par semestre|chaque semestre|tous les semestres|semestriel(?:le)?s?|semestriellement)${NA}`
);
const QUARTER_RE = rx(
  `${NB}(?:par trimestre|chaque trimestre|tous les trimestres|trimestriel(?:le)?s?|trimestriellement)${NA}`
);
const MONTH_RE = rx(
  `${NB}(?:par mois|chaque mois|tous les mois|mensuel(?:le)?s?|mensuellement)${NA}|\\/\\s*mois${NA}`
);

/** Words before "N ans/mois" that make it a deadline: "sous 2 ans", "d'ici 3 ans", "dans les 2 ans". */
const DEADLINE_BEFORE_RE = rx(
  `${NB}(?:sous|d'ici(?: a)?|dans les|dans un delai de|en moins de|au plus tard (?:dans|sous|d'ici)(?: les)?)\\s*$`
);

/** Where one target's clause ends and the next one's begins (between two numbers). */
const CLAUSE_SEPARATOR_RE = rx(
  `\\s*[,;:]\\s*(?:(?:et|dont|avec|soit|ou)\\s+)?|` +
    `\\s+(?:et|dont|avec|en associant|associant|impliquant|pour|ou|ainsi que|soit)\\s+`,
  "gu"
);

/* ------------------------------------------------------------------------------------------------ */
/* Step 2: number tokens.                                                                            */
/* ------------------------------------------------------------------------------------------------ */

type TokenKind = "digits" | "word" | "fraction";

interface NumberToken {
  start: number;
  end: number;
  value: number;
  /** Upper bound of a range ("2-3", "2 à 3", "entre 2 et 3"), else null. */
  valueMax: number | null;
  kind: TokenKind;
  /** The folded word for word numbers ("un", "deux"...), else "". */
  word: string;
}

/** Parses "1 250,5" / "1.250" / "12,5" / "12.5" (already folded: spaces are plain). */
function parseDigits(raw: string): number {
  const compact = raw.replace(/ /g, "");
  if (/^\d{1,3}(?:\.\d{3})+$/.test(compact)) return Number(compact.replace(/\./g, "")); // 1.250 (thousands)
  return Number(compact.replace(",", "."));
}

/**
 * Digits. Not after a letter/digit (`CD12`, `PAH12`), `^`, `°`, `#`, `/` or a decimal separator.
 * Thousands groups are joined ("1 250"), a decimal comma is read ("12,5").
 */
const DIGITS_RE = rx(
  `(?<![\\p{L}\\p{N}_^°#/.,])(?:\\d{1,3}(?:[ .]\\d{3})+(?!\\d)|\\d+)(?:,\\d+|\\.\\d{1,2}(?!\\d))?`,
  "gu"
);
/** Fractions used as shares: "1/3", "2/3", "3/4" (denominator up to 10). */
const FRACTION_RE = rx(`(?<![\\p{L}\\p{N}/])(\\d{1,2}) ?\\/ ?(\\d{1,2})(?![\\p{N}/])`, "gu");
const NUMBER_WORD = `(?:${Object.keys(WORD_NUMBERS).join("|")})`;
/** A number word or a compound one ("vingt-cinq", "soixante et onze", "deux cents"): never a part of one. */
const WORD_NUMBER_RE = rx(
  // The first letters of the number words first: the engine skips every other position at once.
  `(?=[cdhmnoqstuv])(?<![\\p{L}\\p{N}-])(${NUMBER_WORD}(?:(?:-| et | |-et-)${NUMBER_WORD})*)(?![\\p{L}\\p{N}-])`,
  "gu"
);
/** "une dizaine de", "d'une vingtaine d'": the token ends after "de" / "d'", where the unit starts. */
const APPROXIMATE_RE = rx(
  `(?<![\\p{L}\\p{N}])(?:une )?(${Object.keys(APPROXIMATE).join("|")})s? (?:de |d')`,
  "gu"
);
const WORD_FRACTION_RE = rx(
  `${NB}(${Object.keys(WORD_FRACTIONS).join("|")})(?=\\s+(?:de\\s|des\\s|du\\s|d'))`,
  "gu"
);

/** After digits: glued letters ("2ème", "4x4", "12h"), "^{ème}", "<sup>", a spaced ordinal ("2 ème"), a date "/". */
function isOrdinalOrGlued(f: string, end: number): boolean {
  const next = f.charAt(end);
  if (MONEY_AFTER_RE.test(f.slice(end, end + 12))) return false; // "40K€"
  if (DAY_OF_MONTH_RE.test(f.slice(end, end + 14))) return true; // "31 décembre 2024": a date
  if (/[\p{L}^]/u.test(next)) return true;
  const rest = f.slice(end, end + 8);
  if (rest.startsWith("<sup")) return true;
  if (/^\/\d/.test(rest)) return true;
  return /^ (?:eme|ieme|ere|er|nde|nd|e)(?![\p{L}\p{N}])/u.test(rest);
}

/**
 * Money after a number: "2 000 €", "40 K€", "1,5 M€", "3 000 euros", "2 millions d'euros", "12 keur".
 * `mult` is "k" (thousands) or "m" (millions) when given.
 */
const MONEY_AFTER_RE = rx(
  `^ ?(?:(?<mult>k|m) ?(?:€|euros?${NA}|eur${NA})|€|euros?${NA}|eur${NA}|(?<words>millions?|milliers?|mille) d'euros${NA})`
);

const DAY_OF_MONTH_RE = rx(
  `^(?:er)? (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)${NA}`
);

function scanNumbers(f: string, from: number, to: number): NumberToken[] {
  const zone = f.slice(0, to);
  const tokens: NumberToken[] = [];
  const overlaps = (s: number, e: number): boolean => tokens.some((t) => s < t.end && e > t.start);
  const add = (t: NumberToken): void => {
    if (t.start >= from && !overlaps(t.start, t.end)) tokens.push(t);
  };

  const wordFractions = zone.includes("moitie") || zone.includes("tiers") || zone.includes("quart");
  for (const m of wordFractions ? matchesOf(WORD_FRACTION_RE, zone) : []) {
    const word = m[1] ?? "";
    add({
      start: m.index,
      end: m.index + m[0].length,
      value: WORD_FRACTIONS[word] ?? 0,
      valueMax: null,
      kind: "fraction",
      word,
    });
  }
  for (const m of zone.includes("/") ? matchesOf(FRACTION_RE, zone) : []) {
    const n = Number(m[1]);
    const d = Number(m[2]);
    if (n > 0 && d >= 2 && d <= 10 && n < d) {
      add({
        start: m.index,
        end: m.index + m[0].length,
        value: (100 * n) / d,
        valueMax: null,
        kind: "fraction",
        word: "",
      });
    }
  }
  for (const m of matchesOf(DIGITS_RE, zone)) {
    const end = m.index + m[0].length;
    if (isOrdinalOrGlued(f, end)) continue; // "2ème agrément", "4x4", "2^{ème}", "12/05/2021"
    add({
      start: m.index,
      end,
      value: parseDigits(m[0]),
      valueMax: null,
      kind: "digits",
      word: "",
    });
  }
  const approximate = zone.includes("aine") || zone.includes("millier");
  for (const m of approximate ? matchesOf(APPROXIMATE_RE, zone) : []) {
    add({
      start: m.index,
      end: m.index + m[0].length,
      value: APPROXIMATE[m[1] ?? ""] ?? 0,
      valueMax: null,
      kind: "word",
      word: "approximate",
    });
  }
  for (const m of matchesOf(WORD_NUMBER_RE, zone)) {
    let word = m[1] ?? "";
    if (word === "cent" && zone.endsWith("pour ", m.index)) continue; // "soixante-quinze pour cent"
    let value = compoundValue(word);
    // "deux trois": not one number; "vingt et un enfants" is one. Keep the first word only.
    if (value === null) {
      word = word.split(/[- ]/u)[0] ?? "";
      value = compoundValue(word);
      if (value === null) continue;
      if (m[0].charAt(word.length) === "-") {
        // A compound the grammar does not know: never read a part of it as the target.
        add({
          start: m.index,
          end: m.index + m[0].length,
          value: Number.NaN,
          valueMax: null,
          kind: "word",
          word: "?",
        });
        continue;
      }
    }
    add({
      start: m.index,
      end: m.index + word.length,
      value,
      valueMax: null,
      kind: "word",
      word,
    });
  }
  tokens.sort((a, b) => a.start - b.start);
  return mergeRanges(f, tokens);
}

/** "2-3", "2 - 3", "2 à 3", "entre 2 et 3", "50 % à 60 %" become one token with `valueMax`. */
function mergeRanges(f: string, tokens: NumberToken[]): NumberToken[] {
  const out: NumberToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const a = tokens[i];
    const b = tokens[i + 1];
    if (a === undefined) continue;
    if (b !== undefined && a.kind !== "fraction" && b.kind !== "fraction" && a.value < b.value) {
      const between = f.slice(a.end, b.start);
      const isDashOrA =
        /^ ?(?:%|pour ?cent)? ?(?:-|a) ?$/u.test(between) && a.word !== "un" && a.word !== "une";
      const isEntreEt =
        /^ et $/.test(between) &&
        /(?:^|[^\p{L}])entre $/u.test(f.slice(Math.max(0, a.start - 6), a.start));
      if (isDashOrA || isEntreEt) {
        out.push({ ...a, end: b.end, valueMax: b.value });
        i++;
        continue;
      }
    }
    out.push(a);
  }
  return out;
}

/* ------------------------------------------------------------------------------------------------ */
/* Steps 3-4: what each number is; anchors of targets.                                               */
/* ------------------------------------------------------------------------------------------------ */

interface Context {
  /** The original text. */
  text: string;
  /** The folded text, where all matching is done (see `foldForMatching`). */
  f: string;
  folding: FoldedText;
  /** The wording without bullets or list numbers before it, nor spaces around it (indexes in `f`). */
  contentStart: number;
  contentEnd: number;
}

/** The original spelling of `f.slice(start, end)`. */
function original(ctx: Context, start: number, end: number): string {
  return originalSlice(ctx.text, ctx.folding, start, end);
}

/** The context of a number is read in this many characters before it (keeps long texts linear). */
const LOOK_BEHIND = 60;

function textBefore(ctx: Context, pos: number): string {
  return ctx.f.slice(Math.max(ctx.contentStart, pos - LOOK_BEHIND), pos);
}

interface Word {
  folded: string;
  original: string;
  start: number;
  end: number;
}

/** The last word (or punctuation) before `pos`, or null at the start of the wording. */
function wordBefore(ctx: Context, pos: number): Word | null {
  const from = Math.max(ctx.contentStart, pos - LOOK_BEHIND);
  // The last run of non-spaces in `[from, pos)` (folded text: its only space is " ").
  let end = pos;
  while (end > from && ctx.f.charAt(end - 1) === " ") end--;
  if (end <= from) return null;
  let start = end;
  while (start > from && ctx.f.charAt(start - 1) !== " ") start--;
  const folded = ctx.f.slice(start, end);
  return {
    folded,
    original: original(ctx, start, start + folded.length),
    start,
    end: start + folded.length,
  };
}

const WORD_AT_RE = rx(`[\\p{L}]+(?:-[\\p{L}]+)*`, "uy");

/** The word at `pos` (after spaces), or null. */
function wordAt(ctx: Context, pos: number): Word | null {
  let p = pos;
  while (p < ctx.contentEnd && ctx.f.charAt(p) === " ") p++;
  WORD_AT_RE.lastIndex = p;
  const m = WORD_AT_RE.exec(ctx.f);
  if (m === null || p + m[0].length > ctx.contentEnd) return null;
  const end = p + m[0].length;
  return { folded: m[0], original: original(ctx, p, end), start: p, end };
}

interface UnitReading {
  unit: string;
  end: number;
}

/** The head noun at `pos`, adjectives such as "nouveaux", "autre" skipped; lower case, as written. */
function readNoun(ctx: Context, pos: number): UnitReading | null {
  let p = pos;
  const euro = /^ ?€/u.exec(ctx.f.slice(p, ctx.contentEnd));
  if (euro !== null) return { unit: "€", end: p + euro[0].length };
  for (let skipped = 0; skipped < 3; skipped++) {
    const w = wordAt(ctx, p);
    if (w === null || NOT_A_UNIT.has(w.folded)) return null;
    if (!ADJECTIVES_BEFORE_NOUN.has(w.folded)) {
      return { unit: w.original.toLowerCase(), end: w.end };
    }
    p = w.end;
  }
  return null;
}

/** A comparator written right after a share: "80% min.", "1/3 au moins des participants". */
const RIGHT_AFTER_COMPARATOR_RE = rx(
  `^ ?(?:a minima|au minimum|au moins|minimum|min\\.?|au plus|au maximum|maximum|max\\.?)(?![\\p{L}])`
);
const SHARE_LINK_RE = /^ ?(?:de la |de l'|des |du |de |d'|les |la |le |l')/u;
const SHARE_DETERMINER_RE = /^(?:ces |ses |leurs |nos |cette |cet |ce |la |le |l'|les )/u;
const MEASURED_RE = /^(?:nombre|taux) (?:de |d'|des )/u;

/**
 * Unit of a share, read after "%": "% des structures", "% du personnel", "% de ces publics",
 * "% du nombre d'enfants", "% de taux de remplissage", "1/3 au moins des participants".
 */
function readShareUnit(ctx: Context, pos: number): UnitReading | null {
  let p = pos;
  for (const re of [RIGHT_AFTER_COMPARATOR_RE, SHARE_LINK_RE, SHARE_DETERMINER_RE, MEASURED_RE]) {
    const m = re.exec(ctx.f.slice(p, ctx.contentEnd));
    if (m === null && re === SHARE_LINK_RE) return null; // "80 % chez les AMA": no unit after
    if (m !== null) p += m[0].length;
  }
  return readNoun(ctx, p);
}

const NAMED_BEFORE_RE = {
  nombre: rx(`${NB}nombre (?:de la |de l'|des |du |de |d')`, "gu"),
  taux: rx(`${NB}taux (?:de la |de l'|des |du |de |d')`, "gu"),
} as const;

/** "nombre de X" / "taux de X" written in `[from, to)`: X (the last one). */
function unitNamedBefore(
  ctx: Context,
  from: number,
  to: number,
  what: "nombre" | "taux"
): string | null {
  let found: string | null = null;
  for (const m of matchesOf(NAMED_BEFORE_RE[what], ctx.f.slice(from, to))) {
    const noun = readNoun(ctx, from + m.index + m[0].length);
    if (noun !== null && noun.end <= to) found = noun.unit;
  }
  return found;
}

const CHANGE_WORD_RE = rx(`^(?:${UP_WORDS}|${DOWN_WORDS})$`);

/**
 * "Une occupation de 80 %": the noun right before "de N %" (not "Augmentation", not "Mise en place").
 * `preStart` is where the words before the number begin ("de ", "d'au moins ").
 */
function nounRightBefore(ctx: Context, from: number, preStart: number): string | null {
  if (!/^(?:de|d')(?![\p{L}])/u.test(ctx.f.slice(preStart, preStart + 3))) return null;
  const w = wordBefore(ctx, preStart);
  if (w === null || w.start < from || !/^[\p{L}]+(?:-[\p{L}]+)*$/u.test(w.folded)) return null;
  if (NOT_A_UNIT.has(w.folded) || NOT_A_SHARE_NOUN.has(w.folded) || CHANGE_WORD_RE.test(w.folded)) {
    return null;
  }
  return w.original.toLowerCase();
}

/** A deadline: in years from the plan's start ("sous 2 ans"), a calendar year ("d'ici 2024"), or unreadable. */
type Deadline = { years: number } | { year: number } | null;

type TimeMark =
  | { pos: number; kind: "deadline"; deadline: Deadline }
  | { pos: number; kind: "period"; period: Period | "unsupported" };

const TIME_UNIT_AFTER_RE = /^ (ans?|annees?|mois)(?![\p{L}])/u;
const EVERY_BEFORE_RE = rx(`${NB}tous les\\s*$`);
const MONTHS =
  "janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|" +
  "printemps|ete|automne|hiver|rentree";
/**
 * Words before a year that make it a deadline: "d'ici 2024", "d'ici fin 2023", "fin 2022", "en 2025",
 * "au 31 décembre 2024", "d'ici le 30 juin 2023", "en septembre 2023", "au second semestre 2024",
 * "à l'horizon 2025", "au plus tard en 2023". "avant 2025" is the end of 2024.
 */
const YEAR_DEADLINE_BEFORE_RE = rx(
  `(?:${NB}(?:d'ici|au plus tard|a l'horizon|horizon|jusqu'en|jusqu'a|avant|des|pour)|(?<![\\p{L}\\p{N}'])(?:en|fin|au|a la|le|la|l'|a|mi-?))` +
    `(?:(?: |(?<=')(?=\\p{L}))(?:a|au|en|fin|la|le|l'|de|d'|\\d{1,2}(?:er)?|premier|1er|second|2nd|deuxieme|2e|troisieme|3e|` +
    `quatrieme|4e|dernier|semestre|trimestre|annee|l'annee|${MONTHS}))*\\s*$`
);
const BARE_BEFORE_RE = rx(`${NB}avant\\s*$`);
/** Characters before a number searched for the words of a deadline or a period. */
const TIME_WINDOW = 80;
/** Words that make a year a point of comparison, not a deadline: "contre 20 en 2019", "qu'en 2021". */
const YEAR_BASELINE_RE = rx(
  `(?:${NB}(?:contre|depuis|par rapport a|au lieu de|comme|que|vs)|qu')[^,;]*$`
);
/** A date "31/12/2023" (day/month/year) after a deadline word. */
const DATE_DEADLINE_RE = rx(
  `${NB}(?:au|d'ici(?: le| au)?|avant le|le|pour le|jusqu'au)\\s*\\d{1,2}\\/\\d{1,2}\\/(\\d{4})(?![\\p{N}])`,
  "gu"
);

/**
 * Numbers of years or months: "sous 2 ans" is a deadline, "tous les 2 ans" a period, "11-14 ans" (an age)
 * and "sur 4 ans" (a duration) are nothing; "d'ici 2025" is a deadline that cannot be held in years.
 * Returns null when the number is not about time.
 */
function timeMarkOf(ctx: Context, t: NumberToken): TimeMark | "nothing" | null {
  // "d'ici 2025": a deadline as a date, which the schema (years from the start) cannot hold.
  if (isYear(t, ctx.f)) {
    // The words that make a deadline stand within a few dozen characters before the year; the
    // regexes, anchored at the end, would otherwise be tried from every position of the text.
    const before = textBefore(ctx, t.start).slice(-TIME_WINDOW);
    if (YEAR_DEADLINE_BEFORE_RE.test(before) && !YEAR_BASELINE_RE.test(before.slice(-30))) {
      const year = BARE_BEFORE_RE.test(before) ? t.value - 1 : t.value;
      return { pos: t.start, kind: "deadline", deadline: { year } };
    }
  }
  const unit = TIME_UNIT_AFTER_RE.exec(ctx.f.slice(t.end, ctx.contentEnd));
  if (unit === null || t.kind === "fraction") return null;
  const months = unit[1] === "mois";
  const before = textBefore(ctx, t.start).slice(-TIME_WINDOW);
  if (DEADLINE_BEFORE_RE.test(before)) {
    const upper = t.valueMax ?? t.value; // "d'ici 2 à 3 ans": the latest acceptable
    const years = months ? upper / 12 : upper;
    return {
      pos: t.start,
      kind: "deadline",
      deadline: Number.isInteger(years) && years > 0 ? { years } : null,
    };
  }
  if (EVERY_BEFORE_RE.test(before)) {
    const period = t.value === 2 ? "biennial" : t.value === 1 ? "year" : "unsupported";
    return { pos: t.start, kind: "period", period: months ? "unsupported" : period };
  }
  return "nothing";
}

/** A figure compared with: "48 places au lieu de 36", "contre 20 en 2019". */
const BASELINE_BEFORE_RE = rx(
  `${NB}(?:au lieu de|contre|par rapport a|comparativement a|initialement|actuellement)\\s*$`
);
/** Known things referred to, not a target: "avec les 4 ACM", "autour de ces 2 projets", "aux 8 écoles". */
const REFERENCE_BEFORE_RE = rx(
  `${NB}(?:les|ces|ses|leurs|nos|vos|mes|tes|aux|des|cette|cet|ce)\\s*$`
);

function isYear(t: NumberToken, f: string): boolean {
  return (
    t.kind === "digits" &&
    Number.isInteger(t.value) &&
    t.value >= 1900 &&
    t.value <= 2100 &&
    !MONEY_AFTER_RE.test(f.slice(t.end, t.end + 12)) // "2 000 €" is money
  );
}

/** Numbers that say something else than a target: years, baselines, references, "une année sur deux", "(12)". */
function isContextNumber(ctx: Context, t: NumberToken, percent: boolean): boolean {
  const before = textBefore(ctx, t.start);
  return (
    (isYear(t, ctx.f) && !percent) ||
    BASELINE_BEFORE_RE.test(before) ||
    REFERENCE_BEFORE_RE.test(before) ||
    /annee sur $/u.test(before) ||
    (/\($/u.test(before) && ctx.f.charAt(t.end) === ")")
  );
}

/** Nouns that a number follows as a label: "Plan handicap 12", "réseau parents 12", "Axe 2", "fiche 3". */
const LABEL_NOUNS = new Set(
  words(`
  plan | handicap | reseau | parents | departement | axe | fiche | action | article | phase | etape
  volet | lot | priorite | annexe | page | tome | chapitre | numero | n°
  `)
);

/**
 * A name before the number: an acronym ("CD 12", "FOL 12 associés"), a label noun ("Plan handicap 12",
 * "Axe 2") or a capitalised word inside the sentence ("Plan Handicap 12", "Aveyron 12").
 */
function isNameBefore(ctx: Context, prev: Word): boolean {
  if (/^\p{Lu}[\p{Lu}\p{N}]+$/u.test(prev.original) || LABEL_NOUNS.has(prev.folded)) return true;
  const capitalised = /^\p{Lu}/u.test(prev.original);
  return capitalised && prev.start > ctx.contentStart && !FUNCTION_WORDS.has(prev.folded);
}

const PERCENT_AFTER_RE = /^ ?(?:%|pour ?cent(?![\p{L}])|p\. ?cent(?![\p{L}]))/u;
const TIMES_AFTER_RE = /^ fois(?![\p{L}])/u;
const UP_WORD_RE = rx(`^(?:${UP_WORDS})$`);
const FROM_TO_WORD_RE = rx(
  `${NB}(?:passage|passer|passe|passera|passant|evolution|evoluer|porter|${UP_WORDS}|${DOWN_WORDS})${NA}`
);

interface Anchor {
  /** Start of the wording of this target, comparator and increase words included. */
  start: number;
  numStart: number;
  /** End of the number, "%" included. */
  numEnd: number;
  /** End of the unit (or of the number when there is no unit). */
  end: number;
  value: number;
  valueMax: number | null;
  percent: boolean;
  /** Comparator written before the number. */
  preComparator: Comparator | null;
  /** Increase/decrease word right before the number ("Augmentation de 20 %", "baisse de 5 places"). */
  directChange: "up" | "down" | null;
  /** "+ 20 %": a sign, i.e. an increase of at least. */
  plusSign: boolean;
  /** A share given as a level to reach: "... à 80 %". */
  level: boolean;
  /** From-to wording: "passer de 36 à 48 places" (the target is the second number). */
  fromTo: boolean;
  unit: string | null;
  /** An amount of money: `value` is in euros ("40 K€" is 40 000) and `unit` is "€". */
  money: boolean;
}

/**
 * Step 4: the anchor of a target at number `t`, or null when `t` is not a target.
 * `low` is where the wording of this target may start (the end of the previous target).
 */
function anchorOf(ctx: Context, t: NumberToken, low: number): Anchor | null {
  const { f } = ctx;
  const after = f.slice(t.end, ctx.contentEnd);
  const percentSign = t.kind === "fraction" ? null : PERCENT_AFTER_RE.exec(after);
  const percent = t.kind === "fraction" || percentSign !== null;
  if (isContextNumber(ctx, t, percent)) return null;

  // What stands before a number is at most some 50 characters: the regex, anchored at the end,
  // would otherwise be tried from every position of a long wording.
  const window = Math.max(low, t.start - PRE_NUMBER_WINDOW);
  const pre = PRE_NUMBER_RE.exec(f.slice(window, t.start));
  const preStart = pre === null ? t.start : window + pre.index;
  const cmpWord = pre?.groups?.["cmp"];
  const changeWord = pre?.groups?.["change"];
  const minus = pre?.groups?.["minus"] !== undefined;
  const times = TIMES_AFTER_RE.test(after);

  // "un"/"une" are articles unless a comparator goes with them ("à minima d'un référent") or "fois" follows.
  if ((t.word === "un" || t.word === "une") && cmpWord === undefined && !times) return null;
  const prev = wordBefore(ctx, t.start);
  const bare = cmpWord === undefined && changeWord === undefined && !minus;
  if (bare && prev !== null && isNameBefore(ctx, prev)) return null;

  const money = percent ? null : MONEY_AFTER_RE.exec(after);
  if (money !== null) {
    const mult = money.groups?.["mult"] ?? money.groups?.["words"] ?? "";
    const factor =
      mult === "k" || mult.startsWith("mil")
        ? mult.startsWith("million")
          ? 1e6
          : 1e3
        : mult === "m"
          ? 1e6
          : 1;
    return {
      start: preStart,
      numStart: t.start,
      numEnd: t.end + money[0].length,
      end: t.end + money[0].length,
      value: Math.round(t.value * factor * 100) / 100,
      valueMax: t.valueMax === null ? null : Math.round(t.valueMax * factor * 100) / 100,
      percent: false,
      preComparator: cmpWord !== undefined ? comparatorOf(cmpWord) : null,
      directChange: null,
      plusSign: cmpWord === "+",
      level: false,
      fromTo: false,
      unit: "€",
      money: true,
    };
  }
  const numEnd = t.end + (percentSign?.[0].length ?? 0);
  const unit = percent
    ? readShareUnit(ctx, numEnd)
    : times
      ? { unit: "fois", end: t.end + " fois".length }
      : readNoun(ctx, t.end);
  // A bare number after a noun, with no unit: a name ("réseau parents 12", "Plan handicap 12 pour ...").
  const afterFunctionWord =
    prev === null || FUNCTION_WORDS.has(prev.folded) || prev.folded.endsWith("'");
  if (!percent && unit === null && cmpWord === undefined && !afterFunctionWord) return null;

  return {
    start: preStart,
    numStart: t.start,
    numEnd,
    end: unit?.end ?? numEnd,
    value: t.value,
    valueMax: t.valueMax,
    percent,
    // "-20 %" like "+ 20 %" is a change of at least 20 % (here down).
    preComparator: cmpWord !== undefined ? comparatorOf(cmpWord) : minus ? ">=" : null,
    directChange:
      changeWord !== undefined
        ? UP_WORD_RE.test(changeWord)
          ? "up"
          : "down"
        : minus
          ? "down"
          : null,
    plusSign: cmpWord === "+",
    level: /(?:^|[^\p{L}])a $/u.test(f.slice(low, preStart)),
    fromTo:
      t.valueMax !== null &&
      / de $/u.test(` ${f.slice(low, t.start)}`) &&
      FROM_TO_WORD_RE.test(f.slice(low, t.start)),
    unit: unit?.unit ?? null,
    money: false,
  };
}

interface Judged {
  anchors: Anchor[];
  times: TimeMark[];
}

/** Steps 3-4: sorts the numbers into target anchors and time marks (the others are dropped). */
function judgeTokens(ctx: Context, tokens: NumberToken[]): Judged {
  const anchors: Anchor[] = [];
  const times: TimeMark[] = [];
  for (const t of tokens) {
    const time = timeMarkOf(ctx, t);
    if (time !== null) {
      if (time !== "nothing") times.push(time);
      continue;
    }
    const anchor = anchorOf(ctx, t, anchors[anchors.length - 1]?.end ?? ctx.contentStart);
    if (anchor !== null) anchors.push(anchor);
  }
  return { anchors, times };
}

/* ------------------------------------------------------------------------------------------------ */
/* Step 5: clauses, periods, deadlines, targets.                                                     */
/* ------------------------------------------------------------------------------------------------ */

interface Clause {
  start: number;
  end: number;
  /** The clause starts with "dont" ("..., dont 1/3 au moins ..."): a share of the previous target. */
  afterDont: boolean;
}

/** Cuts the sentence into one clause per anchor, at the last separator between two anchors. */
function clausesOf(ctx: Context, anchors: Anchor[]): Clause[] {
  const clauses: Clause[] = [];
  let start = ctx.contentStart;
  let afterDont = false;
  anchors.forEach((a, i) => {
    const next = anchors[i + 1];
    if (next === undefined) {
      clauses.push({ start, end: ctx.contentEnd, afterDont });
      return;
    }
    let cut = next.start;
    let nextStart = next.start;
    let nextDont = false;
    for (const m of matchesOf(CLAUSE_SEPARATOR_RE, ctx.f.slice(a.end, next.start))) {
      cut = a.end + m.index;
      nextStart = cut + m[0].length;
      nextDont = /dont/.test(m[0]);
    }
    clauses.push({ start, end: cut, afterDont });
    start = nextStart;
    afterDont = nextDont;
  });
  return clauses;
}

interface TimeReading {
  periods: Set<Period | "unsupported">;
  deadlines: Deadline[];
}

/** Periods and deadlines written in `[from, to)`. */
function readTime(ctx: Context, times: TimeMark[], from: number, to: number): TimeReading {
  const zone = ctx.f.slice(from, to);
  const periods = new Set<Period | "unsupported">();
  if (YEARLY_RE.test(zone)) periods.add("year");
  if (BIENNIAL_RE.test(zone)) periods.add("biennial");
  // Cheap substring checks first: these regular expressions are tried at every position.
  if (zone.includes("semest") && SEMESTER_RE.test(zone)) periods.add("semester");
  if (zone.includes("trimest") && QUARTER_RE.test(zone)) periods.add("quarter");
  if ((zone.includes("mois") || zone.includes("mensuel")) && MONTH_RE.test(zone)) {
    periods.add("month");
  }
  if (UNSUPPORTED_HINTS.some((h) => zone.includes(h)) && UNSUPPORTED_PERIOD_RE.test(zone)) {
    periods.add("unsupported");
  }
  const deadlines: Deadline[] = [];
  for (const t of times) {
    if (t.pos < from || t.pos >= to) continue;
    if (t.kind === "period") periods.add(t.period);
    else deadlines.push(t.deadline);
  }
  return { periods, deadlines };
}

function mergeTime(a: TimeReading, b: TimeReading): TimeReading {
  return {
    periods: new Set([...a.periods, ...b.periods]),
    deadlines: [...a.deadlines, ...b.deadlines],
  };
}

interface TimeFields {
  period: Period;
  deadlineYears: number | null;
  /** An absolute deadline ("d'ici 2024"), or undefined. */
  deadlineYear: number | undefined;
  /** False when the time said cannot be held by the schema ("par mois", "sous 6 mois", two periods). */
  representable: boolean;
}

function timeFieldsOf(time: TimeReading): TimeFields {
  const periods = [...time.periods];
  const [period] = periods;
  const [deadline] = time.deadlines;
  return {
    period: period === undefined || period === "unsupported" ? "total" : period,
    deadlineYears:
      deadline !== null && deadline !== undefined && "years" in deadline ? deadline.years : null,
    deadlineYear:
      deadline !== null && deadline !== undefined && "year" in deadline ? deadline.year : undefined,
    representable:
      periods.length <= 1 &&
      period !== "unsupported" &&
      time.deadlines.length <= 1 &&
      deadline !== null,
  };
}

const SEPARATOR_CHAR_RE = /^[\s,;:]$/u;

/** Cuts a verbatim fragment: trimmed, without separators or punctuation at its end. */
function fragmentOf(ctx: Context, start: number, end: number): string {
  const text = original(ctx, start, end).trim();
  // A loop from the end, not `/[\s,;:]+$/`: that regex is tried at every space of the text.
  let last = text.length;
  while (last > 0 && SEPARATOR_CHAR_RE.test(text.charAt(last - 1))) last--;
  return text.slice(0, last);
}

/** Comparator: written before the number, else after it ("20 parents minimum"), else "=". */
function comparatorFor(a: Anchor, clauseAfter: string): Exclude<Comparator, "between"> {
  if (a.preComparator !== null && a.preComparator !== "between") return a.preComparator;
  for (const m of matchesOf(POST_COMPARATOR_RE, clauseAfter)) {
    // Not one that introduces another number ("... impliquant au moins 3 acteurs").
    if (/^\s*(?:de\s*|d')?\d/u.test(clauseAfter.slice(m.index + m[0].length))) continue;
    const cmp = comparatorOf(m.groups?.["cmp"] ?? "");
    if (cmp !== "between") return cmp;
  }
  return "=";
}

const CHANGE_WORDS_RE = rx(`${NB}(?:(${UP_WORDS})|(${DOWN_WORDS}))${NA}`, "gu");
const MORE_AFTER_RE = rx(`${NB}(?:en plus|supplementaires?)${NA}`);

/**
 * Is a share an increase (or a decrease)? Yes with an increase word right before ("Augmentation de
 * 20 %"), a "+" sign, an increase word earlier in the clause when the share has no unit after it
 * ("Augmentation du nombre d'enfants accueillis de 20 %", but not "baisse ... pour 50 % des élèves"), or
 * "en plus" after it. Never for a level ("... à 80 %") or a from-to ("passer de 60 % à 80 %").
 */
function changeOf(ctx: Context, a: Anchor, clause: Clause): "up" | "down" | null {
  if (a.directChange !== null) return a.directChange;
  if (a.plusSign) return "up";
  if (a.level || a.fromTo) return null;
  const introducedByDe = /(?:^|[^\p{L}])(?:de|d')/u.test(ctx.f.slice(a.start, a.numStart));
  if (a.unit === null && introducedByDe) {
    const words = matchesOf(CHANGE_WORDS_RE, ctx.f.slice(clause.start, a.numStart));
    const last = words[words.length - 1];
    if (last !== undefined) return last[1] !== undefined ? "up" : "down";
  }
  return MORE_AFTER_RE.test(ctx.f.slice(a.numEnd, clause.end)) ? "up" : null;
}

/**
 * The unit: read after the number; else "taux de X" / "nombre de X" / "une occupation de N %" before
 * it; else, for "..., dont 1/3 ...", the unit of the previous target.
 */
function unitFor(
  ctx: Context,
  a: Anchor,
  clause: Clause,
  isShare: boolean,
  previous: Target | null
): string | null {
  return (
    a.unit ??
    (isShare ? unitNamedBefore(ctx, clause.start, a.numStart, "taux") : null) ??
    unitNamedBefore(ctx, clause.start, a.numStart, "nombre") ??
    (isShare ? nounRightBefore(ctx, clause.start, a.start) : null) ??
    (clause.afterDont ? (previous?.unit ?? null) : null)
  );
}

/** Step 5: the target of one anchor in its clause. */
function buildTarget(
  ctx: Context,
  a: Anchor,
  clause: Clause,
  previous: Target | null,
  time: TimeReading
): Target {
  let comparator: Comparator = comparatorFor(a, ctx.f.slice(a.numEnd, clause.end));
  const change = a.percent ? changeOf(ctx, a, clause) : null;
  const isShare = a.percent && change === null;
  let value = a.value;
  let valueMax = a.valueMax;

  if (a.fromTo && valueMax !== null) {
    value = valueMax; // "passer de 36 à 48 places": 48 is the target, 36 the baseline
    valueMax = null;
  }
  // Ranges: "2-3" and "minimum 3-4" are ranges (the engine judges them reached from the lower bound,
  // and above the range too); "maximum 3-4" is at most 4.
  if (valueMax !== null) {
    if (comparator === "<=") {
      value = valueMax;
      valueMax = null;
    } else comparator = "between";
  }
  // A decrease is a negative increase: "baisse d'au moins 10 %" is "<=" -10.
  if (change === "down") {
    [value, valueMax] = valueMax === null ? [-value, null] : [-valueMax, -value];
    if (comparator === ">=") comparator = "<=";
    else if (comparator === "<=") comparator = ">=";
  }

  const unit = unitFor(ctx, a, clause, isShare, previous);
  const { period, deadlineYears, deadlineYear, representable } = timeFieldsOf(time);
  const known =
    representable &&
    (a.percent || unit !== null) && // a number of what? cannot tell
    !(!a.percent && a.directChange === "down" && !a.fromTo); // "Baisse de 5 places": no field for it
  const measure: Measure = !known
    ? "unknown"
    : a.money
      ? "amount"
      : change !== null
        ? "increase_percent"
        : a.percent
          ? "percent"
          : "count";
  return {
    measure,
    comparator,
    value,
    valueMax,
    unit,
    period: known ? period : null,
    deadlineYears,
    ...(deadlineYear === undefined ? {} : { deadlineYear }),
    fragment: fragmentOf(ctx, clause.start, clause.end),
  };
}

/* ------------------------------------------------------------------------------------------------ */
/* Step 6: phrases without any numeric target.                                                       */
/* ------------------------------------------------------------------------------------------------ */

/** Nouns of a thing done or not, at the head of the phrase ("Création de la page Facebook"). */
const ACTION_LEADS = words(`
  creation | mise en place | mise en oeuvre | mise en œuvre | installation | realisation
  definition | elaboration | formalisation | organisation | extension | arbitrage | designation
  attribution | aboutissement | instauration | etablissement | identification | reperage
  recensement | signaletique | etat des lieux | reorganisation | elargissement | lancement
  ouverture | signature | adoption | redaction | construction | embauche | recrutement
  nomination | conventionnement | actualisation | diffusion | experimentation | dimensionnement
  harmonisation | essaimage | itinerance | deploiement | proposition | co-conception
  conception | concertation | temps de concertation | communication | evaluation | reunion
  tenue | structuration | validation | edition | publication | acquisition | achat | amenagement
  renovation | rehabilitation | labellisation | obtention | mutualisation | formation
  preparation | transfert | demenagement | suivi
`);

/** Nouns of an aim that is judged, not counted ("Amélioration ...", "La satisfaction ..."). */
const QUALITATIVE_LEADS = words(`
  amelioration | meilleur | meilleure | meilleurs | meilleures | mieux | satisfaction
  diversite | diversification | maintien | augmentation | hausse | baisse | diminution
  reduction | renforcement | developpement | montee | coherence | transversalite | equite
  visibilite | connaissance | emergence | optimisation | fidelisation | attractivite | adhesion
  inclusion | acces | presence | plus | moins | dynamique | evolution | degre | participation
  implication | mobilisation | renouvellement | affirmation | accompagnement | interconnaissance
  cohesion | complementarite | equilibre | stabilisation | integration | appropriation
  prise en compte | prise en charge | valorisation | qualite | fluidite | autonomie
  epanouissement | bien-etre | sentiment | reconnaissance | confiance | mixite | perennisation
  perennite | accueil | fonctionnement | production | consolidation | continuite | frequentation
  utilisation | respect | attrait | assise | couverture | niveau | capacite | expression | lien
  liens | relations | rayonnement | ancrage | soutien | traitement | reussite | insertion
  bonne | bon | grande | large
`);

/** Things delivered, at the head of the phrase ("Un programme trimestriel ...", "Support de communication"). */
const DELIVERABLE_LEADS = words(`
  programme | programmes | support | supports | outil | outils | guide | livret | charte | page
  site | plan | repertoire | annuaire | convention | conventions | comite | commission | groupe
  reseau | forum | evenement | evenements | projet | projets | action | actions | temps
  reunion | reunions | rencontre | rencontres | diagnostic | etude | bilan | rapport
  tableau de bord | fiche | fiches | document | plaquette | newsletter | lettre | journal
  schema | cartographie | protocole | partenariat | partenariats | dispositif | service | lieu
  espace | permanence | atelier | ateliers | instance | observatoire | referent | referente
  poste | cadre | strategie | calendrier | agrement | agenda | campagne | affiche
`);

/** Evaluative wording anywhere in the phrase: "vivante et impliquée", "plus fluide", "à la mesure". */
const EVALUATIVE_RE = rx(
  `${NB}(?:meilleure?s?|mieux|plus (?:grande?s?|large?s?|fluides?|forte?s?|riches?)|plus[- ]value|riches?|` +
    `fructueu(?:x|se|ses)|vivante?s?|performante?s?|suffisante?s?|fluides?|bonne?s?|a la mesure|accrue?s?|` +
    `renforcee?s?|amelioree?s?)${NA}`
);

/** Past participles of a thing done: "Etat des lieux réalisé", "Une personne désignée", "... mis en œuvre". */
const DONE_PARTICIPLE_RE = rx(
  `${NB}(?:(?:mis|mise|mises) en (?:place|oeuvre|œuvre)|(?:realise|cree|installe|designe|signe|valide|adopte|` +
    `effectue|organise|formalise|redige|elabore|lance|recrute|nomme|defini|etabli|identifie|actualise|diffuse|` +
    `acheve|finalise|livre|publie|obtenu|ouvert|tenu)(?:e|es|s)?)${NA}`
);

/** A regular expression source matching any of the words, taken literally. */
function alternation(list: readonly string[]): string {
  return list.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
}

/** Phrases starting with one of the words (whole words: "plan" is not "planning"). */
const ACTION_LEAD_RE = rx(`^(?:${alternation(ACTION_LEADS)})${NA}`);
const QUALITATIVE_LEAD_RE = rx(`^(?:${alternation(QUALITATIVE_LEADS)})${NA}`);
const DELIVERABLE_LEAD_RE = rx(`^(?:${alternation(DELIVERABLE_LEADS)})${NA}`);

/** "à minima des Collectivités Territoriales, ...": a minimum set of things to reach, with no figure. */
const MINIMUM_WORD_RE = rx(`${NB}(?:a minima|au minimum|au moins)${NA}`);
const TRACKED_COUNT_RE = /^nombre (?:de |d'|des )/u;
const TRACKED_SHARE_RE = /^(?:taux|part|pourcentage|proportion) (?:de la |de l'|de |d'|des |du )/u;
const ARTICLE_RE = /^(?:(le|la|les|un|une|des|du|de la)\s+|(l'|de l'|d')\s*)?/u;

/**
 * The single target of a phrase without numeric target. A tracked count or share ("Nombre de ...",
 * "Taux de ...") has a unit and a period; a milestone may have a deadline ("Création de la crèche
 * d'ici 2 ans"). Time the schema cannot hold makes it `unknown`.
 */
function targetWithoutFigure(
  ctx: Context,
  measure: Measure,
  times: TimeMark[],
  unit: string | null = null
): Target {
  const time = readTime(ctx, times, ctx.contentStart, ctx.contentEnd);
  const fields = timeFieldsOf(time);
  const tracked = measure === "count" || measure === "percent";
  // Only a tracked measure has a period ("Un programme trimestriel" is a milestone all the same).
  const representable = tracked
    ? fields.representable
    : time.deadlines.length <= 1 && !time.deadlines.includes(null);
  return {
    measure: representable ? measure : "unknown",
    comparator: null,
    value: null,
    valueMax: null,
    unit,
    period: tracked && representable ? fields.period : null,
    deadlineYears: fields.deadlineYears,
    ...(fields.deadlineYear === undefined ? {} : { deadlineYear: fields.deadlineYear }),
    fragment: fragmentOf(ctx, ctx.contentStart, ctx.contentEnd),
  };
}

/** "Un programme annuel ...", "Un plan trimestriel": a document that plans, a milestone (reviewed in the seed). */
const PLANNING_LEAD_RE = rx(`^(?:programme|programmation|plan|planning|calendrier|agenda)${NA}`);

/**
 * Step 6: a phrase without numeric target. In this order:
 *  - "Nombre de X ..." is a count tracked with no value to judge against; "Taux de X" a tracked share;
 *  - a minimum word with no figure ("Mobilisation à minima des Collectivités ...") is a milestone;
 *  - an action noun at the head ("Création ...", "La mise en place ...") is a milestone, unless it
 *    follows "un/une" ("Une organisation des services à la mesure ..." describes a state);
 *  - an aim noun at the head ("Amélioration", "Satisfaction", "Maintien", "Augmentation du nombre")
 *    or evaluative wording anywhere ("meilleure", "vivante", "suffisants") is qualitative;
 *  - a done participle ("Etat des lieux réalisé", "Une personne désignée") or a thing delivered at
 *    the head ("Un programme trimestriel ...", "Support de communication") is a milestone;
 *  - otherwise it is `unknown`: nothing tells, so nothing is guessed.
 */
function classifyWithoutFigure(ctx: Context, times: TimeMark[]): Target {
  const body = ctx.f.slice(ctx.contentStart, ctx.contentEnd);
  const article = ARTICLE_RE.exec(body);
  const indefinite = article?.[1] === "un" || article?.[1] === "une";
  const leadPos = ctx.contentStart + (article?.[0].length ?? 0);
  const lead = ctx.f.slice(leadPos, ctx.contentEnd);

  // "Une réunion annuelle du comité", "Un forum ... tous les 2 ans": one per period, a count of 1.
  if (indefinite && !PLANNING_LEAD_RE.test(lead)) {
    const time = readTime(ctx, times, ctx.contentStart, ctx.contentEnd);
    if (time.periods.size > 0) {
      const noun = readNoun(ctx, leadPos);
      const fields = timeFieldsOf(time);
      const known = noun !== null && fields.representable && fields.period !== "total";
      return {
        measure: known ? "count" : "unknown",
        comparator: "=",
        value: 1,
        valueMax: null,
        unit: noun?.unit ?? null,
        period: known ? fields.period : null,
        deadlineYears: fields.deadlineYears,
        ...(fields.deadlineYear === undefined ? {} : { deadlineYear: fields.deadlineYear }),
        fragment: fragmentOf(ctx, ctx.contentStart, ctx.contentEnd),
      };
    }
  }
  const trackedCount = TRACKED_COUNT_RE.exec(lead);
  if (trackedCount !== null) {
    const unit = readNoun(ctx, leadPos + trackedCount[0].length)?.unit ?? null;
    return targetWithoutFigure(ctx, "count", times, unit);
  }
  const trackedShare = TRACKED_SHARE_RE.exec(lead);
  if (trackedShare !== null) {
    const unit = readNoun(ctx, leadPos + trackedShare[0].length)?.unit ?? null;
    return targetWithoutFigure(ctx, "percent", times, unit);
  }
  const action = ACTION_LEAD_RE.test(lead);
  if (MINIMUM_WORD_RE.test(body) || (action && !indefinite)) {
    return targetWithoutFigure(ctx, "milestone", times);
  }
  if (QUALITATIVE_LEAD_RE.test(lead) || EVALUATIVE_RE.test(body)) {
    return targetWithoutFigure(ctx, "qualitative", times);
  }
  if (action || DONE_PARTICIPLE_RE.test(body) || DELIVERABLE_LEAD_RE.test(lead)) {
    return targetWithoutFigure(ctx, "milestone", times);
  }
  return targetWithoutFigure(ctx, "unknown", times);
}

/* ------------------------------------------------------------------------------------------------ */
/* Entry point.                                                                                      */
/* ------------------------------------------------------------------------------------------------ */

/**
 * Bullets and list numbers before the wording: "- ", "• ", "1- ", "2) ", "3. " (but not "2-3 installations").
 */
const LEADING_MARKERS_RE =
  /^(?:\s|\*\*|[-•*·]\s+|\d{1,2}\s*-\s+(?=\p{L})|\d{1,2}\s*[.)]\s+(?=[\p{L}\p{N}]))*/u;

/**
 * Reads the targets stated by the French wording of an indicator.
 * Returns one target per measurable statement (several for "50 % de ..., 30 % de ..."), a single
 * milestone / qualitative / unknown target for a phrase without numeric target, and [] for blank text.
 */
export function parseTargets(text: string): Target[] {
  const folding = foldForMatching(text);
  const f = folding.folded;
  const contentStart = LEADING_MARKERS_RE.exec(f)?.[0].length ?? 0;
  // Spaces and `*` at the end (folded text: its only space is " ").
  let contentEnd = f.length;
  while (contentEnd > 0 && (f.charAt(contentEnd - 1) === " " || f.charAt(contentEnd - 1) === "*"))
    contentEnd--;
  if (contentEnd <= contentStart) return [];
  const ctx: Context = { text, f, folding, contentStart, contentEnd };

  const tokens = scanNumbers(f, contentStart, contentEnd);
  const { anchors, times } = judgeTokens(ctx, tokens);
  if (f.includes("/")) {
    for (const m of matchesOf(DATE_DEADLINE_RE, f.slice(0, contentEnd))) {
      times.push({ pos: m.index, kind: "deadline", deadline: { year: Number(m[1]) } });
    }
  }
  const outside = outsideGrammar(ctx, tokens, anchors);
  if (anchors.length === 0) {
    const target = classifyWithoutFigure(ctx, times);
    return [outside && target.measure !== "unknown" ? asUnknown(target) : target];
  }

  const clauses = clausesOf(ctx, anchors);
  // Periods and deadlines written before the first number apply to every target ("Par an au minimum 3 ...").
  const firstAnchor = anchors[0];
  const preamble = readTime(
    ctx,
    times,
    contentStart,
    firstAnchor === undefined ? contentStart : firstAnchor.start
  );
  const targets: Target[] = [];
  anchors.forEach((a, i) => {
    const clause = clauses[i];
    if (clause === undefined) return;
    const own = readTime(ctx, times, clause.start, clause.end);
    const time = i === 0 ? own : mergeTime(own, preamble);
    targets.push(buildTarget(ctx, a, clause, targets[i - 1] ?? null, time));
  });
  if (targets.length === 1 && targets[0] !== undefined) {
    targets[0] = { ...targets[0], fragment: fragmentOf(ctx, contentStart, contentEnd) };
  }
  return outside ? targets.map(asUnknown) : targets;
}

/** What was read, kept, but not given as sure. */
function asUnknown(t: Target): Target {
  return t.measure === "unknown" ? t : { ...t, measure: "unknown", period: null };
}

/**
 * Wordings whose figures the grammar does not cover, read as `unknown` (what was read is kept):
 * ratios ("un enfant sur deux", "1 animateur pour 8 enfants", "4 sur 5"), multiples ("deux fois plus",
 * "multiplié par deux", "doublement"), points ("5 points du taux"), durations in days or weeks
 * ("à 2 semaines", "6 jours par semaine"), alternatives ("vingt-cinq ou trente") and compound number
 * words it cannot read.
 */
const OUTSIDE_RE = rx(
  `${NB}(?:fois (?:plus|moins)|multiplie(?:e|s|es)? par|divise(?:e|s|es)? par|doubl(?:ement|er|e|ee|es)|` +
    `tripl(?:ement|er|e|ee|es)|quadrupl\\p{L}*)${NA}`
);
/** Substrings without which `OUTSIDE_RE` cannot match (a cheap test first). */
const OUTSIDE_HINTS = ["fois", "multipli", "divis", "doubl", "tripl", "quadru"];
const SUR_RE = /^ (?:[\p{L}'-]+ ){0,2}sur $/u;
const POUR_RE = /^ [\p{L}'-]+(?: [\p{L}'-]+)? pour $/u;
const DURATION_UNIT_RE = /^(?:jours?|semaines?|points?)$/u;

function outsideGrammar(ctx: Context, tokens: NumberToken[], anchors: Anchor[]): boolean {
  const body = ctx.f.slice(ctx.contentStart, ctx.contentEnd);
  if (OUTSIDE_HINTS.some((h) => body.includes(h)) && OUTSIDE_RE.test(body)) return true;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (t.word === "?") return true;
    const next = tokens[i + 1];
    if (next === undefined) continue;
    const between = ctx.f.slice(t.end, next.start);
    if (between === " ou ") return true; // "vingt-cinq ou trente jeunes"
    if (SUR_RE.test(between) && !/annee sur $/u.test(between)) return true; // "3 familles sur 4"
    if (POUR_RE.test(between) && t.kind !== "fraction") return true; // "1 animateur pour 8 enfants"
  }
  return anchors.some((a) => a.unit !== null && DURATION_UNIT_RE.test(a.unit));
}
