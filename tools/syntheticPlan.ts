import type { Plan } from "../src/domain/plan/schema";

/**
 * A synthetic plan `factor` times larger than `plan` (actions repeated with new refs and ids) over
 * `years` years: for benchmarks of larger territories (ten times the Pays Ségali plan: 500 actions).
 */
export function syntheticPlan(plan: Plan, factor: number, years: number): Plan {
  return {
    ...plan,
    id: `${plan.id}-x${factor}`,
    years: { start: plan.years.start, end: plan.years.start + years - 1 },
    differences: [],
    axes: plan.axes.map((axis) => ({
      ...axis,
      objectives: axis.objectives.map((objective) => {
        let n = 0;
        const actions = [];
        for (let k = 0; k < factor; k++) {
          for (const action of objective.actions) {
            n++;
            const ref = `${objective.id}.${n}`;
            actions.push({
              ...action,
              ref,
              indicators: action.indicators.map((i) => ({
                ...i,
                id: i.id.replace(action.ref, ref),
              })),
            });
          }
        }
        return { ...objective, actions };
      }),
    })),
  };
}
