import type { BudgetLine, Fiche, IndicatorKind, Item } from "../plan/schema";
import { cleanMarkup, headingKey, type Line } from "./clean";

/**
 * Reads the lines of one fiche action into its sections.
 *
 * The source is irregular, and each irregularity is handled here on purpose:
 * - headings with or without accents or a colon (`Eléments` / `Éléments`, `Indicateurs de résultat` without `:`);
 * - a heading glued to bold text (`... Etapes de réalisation :**Dans le cadre ... :**`,
 *   `Les Indicateurs d'évaluation**Indicateurs de réalisation**`): the glued text is read as what follows;
 * - headings written as bullets (`- **Indicateurs de résultat :**`, `- Les partenaires techniques ...`);
 * - singular or plural (`Indicateur d'impact`, `Indicateurs d'impacts`);
 * - a heading with its content on the same line (`La place des habitants : /`);
 * - `Point de vigilance` remarks inside the method;
 * - a fiche without indicators (kept with none: nothing is invented).
 */

export type SectionKey =
  | "context"
  | "expectedResults"
  | "method"
  | "resources"
  | "pilots"
  | "partners"
  | "inhabitants"
  | "indicators"
  | "realisation"
  | "resultat"
  | "impact"
  | "other";

interface HeadingMatch {
  readonly key: SectionKey;
  /** Text after the heading on the same line (glued or after the colon). */
  readonly rest: string;
  /** The heading as written, for `other` blocks. */
  readonly heading: string;
}

const HEADINGS: ReadonlyArray<readonly [RegExp, SectionKey]> = [
  [/^elements? de contexte/, "context"],
  [/^resultats? attendus?/, "expectedResults"],
  [/^descriptif - methode - etapes de realisation/, "method"],
  [/^ressources mobilisables/, "resources"],
  [/^les referents?(-e)?[- ]+pilotes? de l'action/, "pilots"],
  [/^les partenaires techniques et institutionnels associes/, "partners"],
  [/^la place des habitants/, "inhabitants"],
  [/^les indicateurs d'evaluation/, "indicators"],
  [/^indicateurs? de realisation/, "realisation"],
  [/^indicateurs? de resultats?/, "resultat"],
  [/^indicateurs? d'impacts?/, "impact"],
  [/^moyens financiers$/, "resources"],
  [/^principales missions$/, "other"],
  [/^liens hierarchiques/, "other"],
];

/** Splits the raw line where the heading ends, so that glued text is kept. */
function splitHeading(raw: string, key: SectionKey): { heading: string; rest: string } {
  const text = raw.replace(/^\s*[-•]\s*/, "");
  // A heading ends at its colon, or where bold markup starts or ends (glued headings).
  const boldHeading = /^\*\*([^*]+)\*\*(.*)$/.exec(text);
  if (boldHeading)
    return { heading: cleanMarkup(boldHeading[1] ?? ""), rest: boldHeading[2] ?? "" };
  const colon = text.indexOf(":");
  const bold = text.indexOf("**");
  let cut = -1;
  if (colon >= 0 && (bold < 0 || colon < bold)) cut = colon + 1;
  else if (bold >= 0) cut = bold;
  if (key === "other" || cut < 0) return { heading: cleanMarkup(text), rest: "" };
  return { heading: cleanMarkup(text.slice(0, cut)), rest: text.slice(cut) };
}

export function matchHeading(line: Line): HeadingMatch | null {
  const key = headingKey(line.raw.replace(/^\s*[-•]\s*/, ""));
  for (const [re, section] of HEADINGS) {
    if (re.test(key)) {
      // A bullet whose text merely starts like a heading is content, unless it is bold or is the whole line.
      const { heading, rest } = splitHeading(line.raw, section);
      if (
        line.bullet &&
        !/\*\*/.test(line.raw) &&
        section !== "partners" &&
        cleanMarkup(rest) !== ""
      )
        return null;
      return { key: section, rest, heading: heading.replace(/\s*:$/, "") };
    }
  }
  return null;
}

export interface ParsedFiche {
  readonly fiche: Fiche;
  readonly indicators: ReadonlyArray<{ kind: IndicatorKind; text: string }>;
}

function item(line: Line): Item {
  return { text: line.text, level: line.level, bullet: line.bullet };
}

/** `CAF, MSA, PMI (Jeunesse et Sports), communes.` -> names; commas inside parentheses do not split. */
export function splitNames(text: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of text) {
    if (ch === "(") depth++;
    if (ch === ")") depth = Math.max(0, depth - 1);
    if ((ch === "," || ch === ";") && depth === 0) {
      names.push(current);
      current = "";
    } else current += ch;
  }
  names.push(current);
  return names
    .map((n) =>
      n
        .trim()
        .replace(/^et\s+/i, "")
        .replace(/(\s*\.{2,}|\s*…|\s*\.)$/, "")
        .trim()
    )
    .filter((n) => n !== "" && !/^<?https?:\/\//.test(n));
}

const AMOUNT = /(\d[\d\s\u00a0\u202f]*(?:[,.]\d+)?)\s*(k€|K€|€)/;

/** Budget lines: resource lines that carry an amount in euros, or an amount marked unknown (`?`). */
export function budgetLine(text: string): BudgetLine | null {
  const m = /^(.*?)\s*:\s*(.*)$/.exec(text);
  if (!m) return null;
  const label = (m[1] ?? "").trim();
  const value = (m[2] ?? "").trim();
  const costLike = /(co[uû]t|budget|estimation|financement|service civique|subvention)/i.test(
    label
  );
  const amount = AMOUNT.exec(value);
  if (!amount && !(costLike && /^\?$/.test(value))) return null;
  if (!amount && !costLike) return null;
  let euros: number | null = null;
  if (amount) {
    const n = Number((amount[1] ?? "").replace(/[\s\u00a0\u202f]/g, "").replace(",", "."));
    euros = /k€/i.test(amount[2] ?? "") ? n * 1000 : n;
  }
  return {
    label,
    kind: /financement|subvention/i.test(label) ? "funding" : "cost",
    amount: euros,
    period: /\/\s*an\b|par an|annuel/i.test(value) ? "year" : "total",
    uncertain: /\?/.test(value),
    raw: text,
  };
}

/** Reads one fiche from its lines (the first line is its `Eléments de contexte` heading). */
export function parseFiche(lines: readonly Line[]): ParsedFiche {
  const fiche: Fiche = {
    context: [],
    expectedResults: [],
    method: [],
    vigilance: [],
    resources: [],
    budget: [],
    pilots: [],
    partners: [],
    partnersText: [],
    inhabitants: null,
    other: [],
  };
  const indicators: Array<{ kind: IndicatorKind; text: string }> = [];
  let section: SectionKey = "context";
  let other: { heading: string; items: Item[] } | null = null;

  const add = (line: Line): void => {
    if (line.text === "") return;
    // "Point(s) de vigilance : ..." remarks are kept apart, wherever they appear.
    const vigilance = /^points? de vigilance\s*:\s*(.*)$/i.exec(line.text);
    if (vigilance && !line.bullet) {
      fiche.vigilance.push((vigilance[1] ?? "").trim() || line.text);
      return;
    }
    switch (section) {
      case "context":
      case "expectedResults":
      case "method":
        fiche[section].push(item(line));
        return;
      case "resources": {
        fiche.resources.push(item(line));
        const budget = budgetLine(line.text);
        if (budget) fiche.budget.push(budget);
        return;
      }
      case "pilots":
        fiche.pilots.push(line.text);
        return;
      case "partners":
        fiche.partnersText.push(item(line));
        fiche.partners.push(...splitNames(line.text));
        return;
      case "inhabitants":
        // `/` says "none": an empty section, not a missing one.
        if (line.text !== "/") (fiche.inhabitants ??= []).push(item(line));
        else fiche.inhabitants ??= [];
        return;
      case "indicators":
        // Text under "Les indicateurs d'évaluation" before any kind heading: kept, not guessed.
        (other ??= { heading: "Les Indicateurs d'évaluation", items: [] }).items.push(item(line));
        if (!fiche.other.includes(other)) fiche.other.push(other);
        return;
      case "realisation":
      case "resultat":
      case "impact":
        indicators.push({ kind: section, text: line.text });
        return;
      case "other":
        other?.items.push(item(line));
        return;
    }
  };

  for (const line of lines) {
    const heading = matchHeading(line);
    if (heading) {
      section = heading.key;
      other = null;
      if (section === "inhabitants") fiche.inhabitants ??= [];
      if (section === "other") {
        other = { heading: heading.heading, items: [] };
        fiche.other.push(other);
      }
      const rest = heading.rest.trim();
      if (rest !== "") {
        // Glued text after a heading is either another heading or the first line of the section.
        const restLine: Line = {
          no: line.no,
          raw: rest,
          text: cleanMarkup(rest),
          bullet: false,
          level: 0,
        };
        const nested = matchHeading(restLine);
        if (nested) section = nested.key;
        else add(restLine);
      }
      continue;
    }
    add(line);
  }
  // An `other` block may stay empty: IV.A.1's mission headings come after their content in the source.
  return { fiche, indicators };
}
