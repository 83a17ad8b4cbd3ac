import type { Target } from "../../src/domain/targets/schema";
import type {
  Aggregation,
  EvaluationContext,
  RawEntry,
  TargetEvaluation,
} from "../../src/domain/engine/types";
import { defaultAggregation, evaluateTarget } from "../../src/domain/engine/evaluate";
import { formatMessage, type Message } from "../../src/domain/messages";

/** The plan used by most tests: 2021-2025. */
export const PLAN = [2021, 2022, 2023, 2024, 2025] as const;

export function makeTarget(partial: Partial<Target> = {}): Target {
  return {
    measure: "count",
    comparator: ">=",
    value: 10,
    valueMax: null,
    unit: null,
    period: "total",
    deadlineYears: null,
    fragment: "",
    ...partial,
  };
}

export function ctxAt(todayYear: number, years: readonly number[] = PLAN): EvaluationContext {
  return { years, today: { year: todayYear, month: 6 } };
}

export interface Run {
  readonly today: number;
  readonly aggregation?: Aggregation;
  readonly baseline?: RawEntry;
  readonly years?: readonly number[];
}

/** Evaluates with the target's default aggregation unless one is given. */
export function run(
  target: Target,
  entries: Record<number, RawEntry>,
  opts: Run
): TargetEvaluation {
  return evaluateTarget(
    target,
    {
      aggregation: opts.aggregation ?? defaultAggregation(target),
      entries,
      ...(opts.baseline !== undefined ? { baseline: opts.baseline } : {}),
    },
    ctxAt(opts.today, opts.years)
  );
}

/** Status of each plan year, by year. */
export function yearStatuses(e: TargetEvaluation): Record<number, string> {
  const out: Record<number, string> = {};
  for (const y of e.years) out[y.year] = y.status;
  return out;
}

export function yearOf(e: TargetEvaluation, year: number) {
  const y = e.years.find((r) => r.year === year);
  if (!y) throw new Error(`no year ${year}`);
  return y;
}

/**
 * The French sentence of a message, with its no-break spaces (U+00A0 in « », U+202F before %)
 * shown as plain spaces so that expectations stay readable. Exact typography is tested in messages.test.ts.
 */
export function fr(m: Message): string {
  return formatMessage(m).replace(/[\u00a0\u202f]/g, " ");
}
