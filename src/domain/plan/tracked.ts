import type { Target } from "../targets/schema";
import type { Indicator } from "./schema";

/**
 * The targets a workbook tracks for an indicator: its fiche's, unless the fiche gives no figure to
 * judge (a count without a number, a qualitative wording) and the recap table does (I.C.5-RES-3,
 * « 10 orientations de jeunes à minima par an »; I.E.4-RES-1, « au moins 20 % »): then the recap's,
 * named as such where the row shows its target. The Écarts sheet still lists the difference. Pure.
 */
export interface TrackedTargets {
  readonly targets: readonly Target[];
  readonly from: "fiche" | "recap";
}

/** A target the engine judges: a milestone, or a measure with its figure. */
function judged(t: Target): boolean {
  if (t.measure === "qualitative" || t.measure === "unknown") return false;
  return t.measure === "milestone" || t.value !== null;
}

export function trackedTargets(indicator: Indicator): TrackedTargets {
  const recap = indicator.recapTargets;
  if (!indicator.targets.some(judged) && recap && recap.some(judged))
    return { targets: recap, from: "recap" };
  return { targets: indicator.targets, from: "fiche" };
}
