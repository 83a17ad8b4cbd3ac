import type { Plan } from "../domain/plan/schema";
import { formatNumberFr } from "../domain/messages/format";

export interface PlanSummary {
  readonly title: string;
  readonly period: string;
  readonly axes: string;
  readonly actions: string;
  readonly indicators: string;
}

/** What the task pane shows of a plan, in French (counted here: the validation module loads lazily). */
export function planSummary(plan: Plan): PlanSummary {
  let actions = 0;
  let indicators = 0;
  for (const axis of plan.axes)
    for (const objective of axis.objectives) {
      actions += objective.actions.length;
      for (const action of objective.actions) indicators += action.indicators.length;
    }
  return {
    title: plan.title,
    period: `${plan.years.start}-${plan.years.end}`,
    axes: formatNumberFr(plan.axes.length),
    actions: formatNumberFr(actions),
    indicators: formatNumberFr(indicators),
  };
}
