import type { Plan } from "../../domain/plan/schema";

/** The years a bilan can be made of: the plan's years, latest first (the one usually wanted). */
export function bilanYears(plan: Pick<Plan, "years">): number[] {
  const years: number[] = [];
  for (let y = plan.years.end; y >= plan.years.start; y--) years.push(y);
  return years;
}

/**
 * The year offered first: the last year completed by `today` (a committee early in 2024 reviews
 * 2023), kept within the plan's years.
 */
export function defaultBilanYear(plan: Pick<Plan, "years">, today: Date): number {
  const last = today.getFullYear() - 1;
  return Math.min(plan.years.end, Math.max(plan.years.start, last));
}

/** `2023-03-15` -> `15/03/2023`, as the bilan sheets show dates. */
export function isoToFrench(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
