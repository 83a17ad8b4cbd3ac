import type { Plan } from "../domain/plan/schema";
import { planCounts } from "../domain/plan/validate";
import { formatNumberFr } from "../domain/messages/format";

export interface PlanSummary {
  readonly title: string;
  readonly period: string;
  readonly axes: string;
  readonly actions: string;
  readonly indicators: string;
}

/** What the task pane shows of a plan, in French. */
export function planSummary(plan: Plan): PlanSummary {
  const counts = planCounts(plan);
  return {
    title: plan.title,
    period: `${plan.years.start}-${plan.years.end}`,
    axes: formatNumberFr(counts.axes),
    actions: formatNumberFr(counts.actions),
    indicators: formatNumberFr(counts.indicators),
  };
}
