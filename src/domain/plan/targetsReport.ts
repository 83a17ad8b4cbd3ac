import type { Target } from "../targets/schema";
import type { IndicatorKind, IndicatorSource, Plan } from "./schema";

/** One line of `ctg targets --json` (an interface: field names are kept as they are). */
export interface TargetsReportEntry {
  readonly id: string;
  readonly ref: string;
  readonly kind: IndicatorKind;
  readonly text: string;
  readonly recapText: string | null;
  readonly sources: readonly IndicatorSource[];
  readonly targets: readonly Target[];
  /** Targets read from the recap wording where it differs from `text`. */
  readonly recapTargets: readonly Target[] | null;
}

export function targetsReport(plan: Plan): TargetsReportEntry[] {
  const out: TargetsReportEntry[] = [];
  for (const axis of plan.axes)
    for (const objective of axis.objectives)
      for (const action of objective.actions)
        for (const i of action.indicators)
          out.push({
            id: i.id,
            ref: action.ref,
            kind: i.kind,
            text: i.text,
            recapText: i.recapText,
            sources: i.sources,
            targets: i.targets,
            recapTargets: i.recapTargets,
          });
  return out;
}
