/**
 * Cleaning of the text export of a CTG document: markup left by the conversion
 * (`**bold**`, `<i>`, `^{ème}`, `<ul ...>`) is removed; words are kept verbatim.
 */

/** Removes conversion markup and trims; keeps every word and punctuation of the source. */
export function cleanMarkup(s: string): string {
  return s
    .replace(/<ul[^>]*>|<\/ul>|<\/?li>/g, " ")
    .replace(/<\/?i>/g, "")
    .replace(/\^\{([^}]*)\}/g, "$1")
    .replace(/\*\*/g, "")
    .replace(/[ \t]+/g, " ")
    .trim();
}

/** Accent-, case- and punctuation-insensitive form of a heading, for matching only. */
export function headingKey(s: string): string {
  return (
    cleanMarkup(s)
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[’']/g, "'")
      .replace(/[–—]/g, "-")
      // Spaced dashes separate words ("Descriptif – Méthode"); a dash inside a word ("référents-pilotes") stays.
      .replace(/\s+-\s*|\s*-\s+/g, " - ")
      .replace(/[:.\s]+$/g, "")
      .replace(/\s+/g, " ")
      .trim()
  );
}

/** Normalised text for comparing two wordings of the same indicator or title. */
export function comparable(s: string): string {
  return cleanMarkup(s)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/(\d)\s+(eme|ere|er|e)\b/g, "$1$2")
    .replace(/\s*\/\s*an\b/g, " par an")
    .replace(/[^a-z0-9%]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function trigrams(s: string): Map<string, number> {
  const padded = `  ${s} `;
  const grams = new Map<string, number>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    const g = padded.slice(i, i + 3);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/**
 * Dice coefficient on character trigrams of the comparable forms: 1 for the same wording,
 * about 0.8 for a reworded indicator, below 0.4 for different ones.
 * Written here because no maintained package of the stack offers string similarity.
 */
export function similarity(a: string, b: string): number {
  const ca = comparable(a);
  const cb = comparable(b);
  if (ca === cb) return 1;
  const ta = trigrams(ca);
  const tb = trigrams(cb);
  let common = 0;
  let total = 0;
  for (const [g, n] of ta) {
    common += Math.min(n, tb.get(g) ?? 0);
    total += n;
  }
  for (const n of tb.values()) total += n;
  return total === 0 ? 0 : (2 * common) / total;
}

/** A line's bullet (`- `, `• `, `→ `), its depth (a leading space marks a sub-bullet) and its text. */
export interface Line {
  readonly no: number;
  readonly raw: string;
  readonly text: string;
  readonly bullet: boolean;
  readonly level: 0 | 1;
}

export function toLine(raw: string, no: number): Line {
  const indented = /^[ \t]+\S/.test(raw);
  const m = /^\s*([-•]\s+|[-•](?=\*\*)|→\s*)(.*)$/.exec(raw);
  const body = m ? (m[2] ?? "") : raw;
  // An arrow line continues the bullet above it: kept as a sub-item.
  const arrow = m !== null && (m[1] ?? "").startsWith("→");
  return {
    no,
    raw,
    text: cleanMarkup(body),
    bullet: m !== null,
    level: m && (indented || arrow) ? 1 : 0,
  };
}
