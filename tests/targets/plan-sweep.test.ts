import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseTargets } from "../../src/domain/targets/parse";
import { TargetSchema } from "../../src/domain/targets/schema";
import { MILESTONE_ROWS, NUMERIC_ROWS, QUALITATIVE_ROWS } from "./plan-phrases";

/**
 * Reads every indicator phrase of the seed plan, the way a person would: bullets under the
 * "Indicateurs ..." headings of each fiche, and items (separated by " - ") of the cells of the final
 * "RÉCAPITULATIF INDICATEURS D'ÉVALUATION" table.
 */
function indicatorPhrases(source: string): string[] {
  const lines = source.split(/\r?\n/);
  const phrases = new Set<string>();
  const recapLine = lines.findIndex((l) => l.includes("RÉCAPITULATIF INDICATEURS"));

  let inside = false;
  lines.slice(0, recapLine).forEach((line) => {
    const l = line.trim();
    if (l.startsWith("Les Indicateurs d'évaluation")) {
      inside = true;
      return;
    }
    if (!inside || l === "") return;
    const bullet = /^-\s+(.*)$/.exec(l);
    if (bullet === null) {
      if (!/^\**Indicateurs/.test(l)) inside = false; // "Éléments de contexte :", a new heading...
      return;
    }
    const phrase = (bullet[1] ?? "").trim();
    if (!phrase.includes("Indicateurs")) phrases.add(phrase);
  });

  for (const line of lines.slice(recapLine)) {
    for (const cell of line.matchAll(/<ul[^>]*>([^\t]*)/g)) {
      for (const item of ` ${cell[1] ?? ""}`.split(/\s-\s/)) {
        if (item.trim() !== "") phrases.add(item.trim());
      }
    }
  }
  return [...phrases];
}

const source = readFileSync(
  join(__dirname, "..", "..", "seeds/source/pays-segali-ctg-2021-2025.txt"),
  "utf8"
);
const phrases = indicatorPhrases(source);

/** Pieces of the recap table cut at a " - " that was inside an item ("Enfance - Jeunesse"). */
const SPLIT_PIECES = ["Jeunesse", "CCAS, des associations caritatives et du CD12"];

describe("every indicator phrase of the seed plan", () => {
  test("about 250 phrases are read", () => {
    expect(phrases.length).toBeGreaterThan(250);
  });

  test("each one is in the expectation tables", () => {
    const known = new Set(
      [...NUMERIC_ROWS, ...MILESTONE_ROWS, ...QUALITATIVE_ROWS].map(([phrase]) => phrase)
    );
    const missing = phrases.filter((p) => !known.has(p) && !SPLIT_PIECES.includes(p));
    expect(missing).toEqual([]);
  });

  test.each(phrases)("%s: valid targets, none left unknown", (phrase) => {
    const targets = parseTargets(phrase);
    expect(targets.length).toBeGreaterThan(0);
    for (const t of targets) expect(TargetSchema.parse(t)).toEqual(t);
    if (!SPLIT_PIECES.includes(phrase)) {
      expect(targets.map((t) => t.measure)).not.toContain("unknown");
    }
  });
});
