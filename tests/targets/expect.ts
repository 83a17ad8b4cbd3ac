/**
 * Builders for expected targets in table-driven tests. They build a target without its `fragment`
 * (the verbatim wording is checked by dedicated tests).
 */
import type { Comparator, Period, Target } from "../../src/domain/targets/schema";

export type Expected = Omit<Target, "fragment">;

function target(partial: Partial<Expected> & Pick<Expected, "measure">): Expected {
  return {
    comparator: null,
    value: null,
    valueMax: null,
    unit: null,
    period: null,
    deadlineYears: null,
    ...partial,
  };
}

/** A count: `count(">=", 12, "enfants", "year")`. */
export function count(
  comparator: Exclude<Comparator, "between">,
  value: number,
  unit: string | null,
  period: Period = "total",
  deadlineYears: number | null = null
): Expected {
  return target({ measure: "count", comparator, value, unit, period, deadlineYears });
}

/** A count range: `between(2, 3, "installations", "year")`. */
export function between(
  value: number,
  valueMax: number,
  unit: string | null,
  period: Period = "total"
): Expected {
  return target({ measure: "count", comparator: "between", value, valueMax, unit, period });
}

/** A share: `share(">=", 80, "structures")`. */
export function share(
  comparator: Exclude<Comparator, "between">,
  value: number,
  unit: string | null,
  period: Period = "total"
): Expected {
  return target({ measure: "percent", comparator, value, unit, period });
}

/** An increase in percent (a decrease is negative): `increase(">=", 20, "utilisateurs")`. */
export function increase(
  comparator: Exclude<Comparator, "between">,
  value: number,
  unit: string | null,
  period: Period = "total"
): Expected {
  return target({ measure: "increase_percent", comparator, value, unit, period });
}

/** "Nombre de formations réalisées": a count tracked with no target value. */
export function tracked(unit: string | null, period: Period = "total"): Expected {
  return target({ measure: "count", unit, period });
}

/** "Taux de remplissage des EAJE": a share tracked with no target value. */
export function trackedShare(unit: string | null): Expected {
  return target({ measure: "percent", unit, period: "total" });
}

export function milestone(deadlineYears: number | null = null): Expected {
  return target({ measure: "milestone", deadlineYears });
}

export function qualitative(): Expected {
  return target({ measure: "qualitative" });
}

/** `unknown()` or, when a number was read, `unknown({ comparator: ">=", value: 4, unit: "réunions" })`. */
export function unknown(read: Partial<Omit<Expected, "measure">> = {}): Expected {
  return target({ measure: "unknown", ...read });
}

/** The targets without their fragments, for comparisons. */
export function withoutFragments(targets: readonly Target[]): Expected[] {
  return targets.map((t) => ({
    measure: t.measure,
    comparator: t.comparator,
    value: t.value,
    valueMax: t.valueMax,
    unit: t.unit,
    period: t.period,
    deadlineYears: t.deadlineYears,
    ...(t.deadlineYear === undefined ? {} : { deadlineYear: t.deadlineYear }),
  }));
}
