import type { Difference, Indicator, IndicatorKind } from "../plan/schema";
import { parseTargets } from "../targets/parse";
import type { Target } from "../targets/schema";
import { comparable, similarity } from "./clean";
import type { LinkCorrection } from "./corrections";

/**
 * Links the recap table's indicators to the fiche's indicators of the same action.
 *
 * - Same indicator, same or reworded text: one indicator, with both wordings (`ficheText`, `recapText`).
 * - Listed in another recap column than the fiche's heading: one indicator, `recapKind` says where.
 * - Only in the recap: its own indicator (`-R<n>` id). Only in the fiche: its own indicator.
 * - Recap cells are `<ul>` lists flattened to ` - ` separated text: an item that was split on a
 *   hyphen inside its own text (`Collectivités Territoriales - CCAS`) is joined back, and two items
 *   merged by a missing separator are split again — each only when the fiche confirms it.
 */

export const KIND_CODES: Readonly<Record<IndicatorKind, string>> = {
  realisation: "REA",
  resultat: "RES",
  impact: "IMP",
};
const KIND_ORDER: readonly IndicatorKind[] = ["realisation", "resultat", "impact"];

/** Two wordings at or above this similarity are the same indicator. */
export const SAME_INDICATOR = 0.6;
/** A split or join of recap items is accepted only when each part matches a fiche indicator this well. */
const CONFIDENT = 0.8;

export interface FicheIndicator {
  readonly kind: IndicatorKind;
  readonly text: string;
}
export interface RecapItem {
  readonly kind: IndicatorKind;
  readonly text: string;
}

function best(text: string, fiche: readonly FicheIndicator[]): number {
  let score = 0;
  for (const f of fiche) score = Math.max(score, similarity(text, f.text));
  return score;
}

/** Splits a flattened recap cell into items, using the fiche to repair the list's separators. */
export function splitRecapCell(
  cell: string,
  kind: IndicatorKind,
  fiche: readonly FicheIndicator[],
  ref: string,
  differences: Difference[]
): RecapItem[] {
  const body = cell.trim().replace(/^-\s*/, "");
  if (body === "") return [];
  const parts = body
    .split(/\s+-\s+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
  // Join fragments that belong together (a hyphen inside an item).
  const joined: string[] = [];
  for (const part of parts) {
    const previous = joined[joined.length - 1];
    if (previous !== undefined) {
      const together = `${previous} - ${part}`;
      const gain = best(together, fiche);
      if (gain >= CONFIDENT && gain > best(previous, fiche) && gain > best(part, fiche)) {
        joined[joined.length - 1] = together;
        continue;
      }
    }
    joined.push(part);
  }
  // Split items that hold two fiche indicators (a missing separator), at the capitalised word that
  // gives the best pair of matches.
  const items: string[] = [];
  for (const text of joined) {
    let split: { left: string; right: string; score: number } | null = null;
    if (best(text, fiche) < CONFIDENT) {
      const words = text.split(" ");
      for (let i = 1; i < words.length; i++) {
        if (!/^[A-ZÀ-Ý]/.test(words[i] ?? "")) continue;
        const left = words.slice(0, i).join(" ");
        const right = words.slice(i).join(" ");
        const l = best(left, fiche);
        const r = best(right, fiche);
        if (l >= CONFIDENT && r >= CONFIDENT && (split === null || l + r > split.score))
          split = { left, right, score: l + r };
      }
    }
    if (split) {
      items.push(split.left, split.right);
      differences.push({
        ref,
        code: "recap_items_merged",
        indicatorId: null,
        fiche: null,
        recap: text,
        where: "recap",
      });
    } else items.push(text);
  }
  return items.map((text) => ({ kind, text }));
}

function targetsDiffer(a: readonly Target[], b: readonly Target[]): boolean {
  const key = (ts: readonly Target[]): string =>
    JSON.stringify(
      ts.map((t) => [t.measure, t.comparator, t.value, t.valueMax, t.period, t.deadlineYears])
    );
  return key(a) !== key(b);
}

function matchesCorrection(text: string, prefix: string): boolean {
  return comparable(text).startsWith(comparable(prefix));
}

/**
 * Builds the indicators of one action from its fiche and recap lists, and the differences found.
 * Deterministic: pairs are taken by decreasing similarity, ties broken by kind and position.
 */
export function linkIndicators(
  ref: string,
  fiche: readonly FicheIndicator[],
  recap: readonly RecapItem[],
  corrections: readonly LinkCorrection[],
  differences: Difference[]
): Indicator[] {
  const recapOf = new Map<number, number>(); // fiche index -> recap index
  const takenRecap = new Set<number>();

  // Hand corrections first: each says which two wordings are the same indicator, and why.
  for (const c of corrections) {
    if (c.ref !== ref) continue;
    const fi = fiche.findIndex((f, i) => !recapOf.has(i) && matchesCorrection(f.text, c.fiche));
    const ri = recap.findIndex((r, i) => !takenRecap.has(i) && matchesCorrection(r.text, c.recap));
    if (fi >= 0 && ri >= 0) {
      recapOf.set(fi, ri);
      takenRecap.add(ri);
    }
  }

  const pairs: Array<{ fi: number; ri: number; score: number }> = [];
  fiche.forEach((f, fi) => {
    recap.forEach((r, ri) => {
      const score = similarity(f.text, r.text);
      if (score >= SAME_INDICATOR)
        pairs.push({ fi, ri, score: score + (f.kind === r.kind ? 0.05 : 0) });
    });
  });
  pairs.sort((a, b) => b.score - a.score || a.fi - b.fi || a.ri - b.ri);
  for (const { fi, ri } of pairs) {
    if (recapOf.has(fi) || takenRecap.has(ri)) continue;
    recapOf.set(fi, ri);
    takenRecap.add(ri);
  }

  const indicators: Indicator[] = [];
  for (const kind of KIND_ORDER) {
    let n = 0;
    fiche.forEach((f, fi) => {
      if (f.kind !== kind) return;
      n++;
      const id = `${ref}-${KIND_CODES[kind]}-${n}`;
      const ri = recapOf.get(fi);
      const r = ri === undefined ? undefined : recap[ri];
      const targets = parseTargets(f.text);
      const sameWording = r !== undefined && comparable(r.text) === comparable(f.text);
      const recapTargets = r === undefined || sameWording ? null : parseTargets(r.text);
      indicators.push({
        id,
        kind,
        text: f.text,
        ficheText: f.text,
        recapText: r?.text ?? null,
        recapKind: r !== undefined && r.kind !== kind ? r.kind : null,
        sources: r ? ["fiche", "recap"] : ["fiche"],
        targets,
        recapTargets,
        aggregation: null,
      });
      if (!r) {
        if (recap.length > 0) {
          differences.push({
            ref,
            code: "indicator_fiche_only",
            indicatorId: id,
            fiche: f.text,
            recap: null,
            where: null,
          });
        }
        return;
      }
      if (r.kind !== kind) {
        differences.push({
          ref,
          code: "indicator_kind",
          indicatorId: id,
          fiche: kind,
          recap: r.kind,
          where: "recap",
        });
      }
      if (recapTargets && targetsDiffer(targets, recapTargets)) {
        differences.push({
          ref,
          code: "indicator_target",
          indicatorId: id,
          fiche: f.text,
          recap: r.text,
          where: "recap",
        });
      } else if (!sameWording) {
        differences.push({
          ref,
          code: "indicator_wording",
          indicatorId: id,
          fiche: f.text,
          recap: r.text,
          where: "recap",
        });
      }
    });
    let m = 0;
    recap.forEach((r, ri) => {
      if (r.kind !== kind || takenRecap.has(ri)) return;
      m++;
      const id = `${ref}-${KIND_CODES[kind]}-R${m}`;
      indicators.push({
        id,
        kind,
        text: r.text,
        ficheText: null,
        recapText: r.text,
        recapKind: null,
        sources: ["recap"],
        targets: parseTargets(r.text),
        recapTargets: null,
        aggregation: null,
      });
      differences.push({
        ref,
        code: "indicator_recap_only",
        indicatorId: id,
        fiche: null,
        recap: r.text,
        where: null,
      });
    });
  }
  return indicators;
}
