import { z } from "zod";

/**
 * A target parsed from an indicator's French wording.
 * The JSON shape is an interface (see `ctg targets --json`): keep field names as they are.
 */
export const MeasureSchema = z.enum([
  "count",
  "percent",
  "increase_percent",
  /** An amount of money, in euros (`unit` is "€"): recorded, not judged automatically. */
  "amount",
  "milestone",
  "qualitative",
  "unknown",
]);
export type Measure = z.infer<typeof MeasureSchema>;

export const ComparatorSchema = z.enum([">=", "<=", "=", "between"]);
export type Comparator = z.infer<typeof ComparatorSchema>;

/**
 * `semester`, `quarter` and `month` are periods shorter than the year the workbook is filled by: such a
 * target is recorded, not judged automatically (see `isJudgedAutomatically`).
 */
export const PeriodSchema = z.enum(["year", "total", "biennial", "semester", "quarter", "month"]);
export type Period = z.infer<typeof PeriodSchema>;

/** Periods shorter than a year: entries are yearly, so such targets are not judged automatically. */
export const SUB_YEAR_PERIODS: ReadonlySet<Period> = new Set(["semester", "quarter", "month"]);

export const TargetSchema = z
  .object({
    measure: MeasureSchema,
    comparator: ComparatorSchema.nullable(),
    value: z.number().nullable(),
    valueMax: z.number().nullable(),
    unit: z.string().nullable(),
    period: PeriodSchema.nullable(),
    deadlineYears: z.number().int().positive().nullable(),
    /**
     * An absolute deadline, the calendar year by the end of which the target is due (`d'ici 2024`,
     * `fin 2023`, `au 31 décembre 2024`). Absent when the wording gives none (plans written before it
     * have no such field).
     */
    deadlineYear: z.number().int().min(1900).max(2100).optional(),
    /** The part of the wording this target was read from (verbatim, trimmed). */
    fragment: z.string(),
  })
  .strict();
export type Target = z.infer<typeof TargetSchema>;

/**
 * Whether the engine and the workbook's formulas judge a target by themselves: not an amount of money
 * (recorded only) nor a target per semester, quarter or month (entries are yearly). Such targets are
 * read as free entries and shown as "Qualitatif", like a qualitative aim: never misjudged.
 */
export function isJudgedAutomatically(t: Pick<Target, "measure" | "period">): boolean {
  if (t.measure === "amount") return false;
  return t.period === null || !SUB_YEAR_PERIODS.has(t.period);
}
