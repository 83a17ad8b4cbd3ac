import { z } from "zod";

/**
 * A target parsed from an indicator's French wording.
 * The JSON shape is an interface (see `ctg targets --json`): keep field names as they are.
 */
export const MeasureSchema = z.enum([
  "count",
  "percent",
  "increase_percent",
  "milestone",
  "qualitative",
  "unknown",
]);
export type Measure = z.infer<typeof MeasureSchema>;

export const ComparatorSchema = z.enum([">=", "<=", "=", "between"]);
export type Comparator = z.infer<typeof ComparatorSchema>;

export const PeriodSchema = z.enum(["year", "total", "biennial"]);
export type Period = z.infer<typeof PeriodSchema>;

export const TargetSchema = z
  .object({
    measure: MeasureSchema,
    comparator: ComparatorSchema.nullable(),
    value: z.number().nullable(),
    valueMax: z.number().nullable(),
    unit: z.string().nullable(),
    period: PeriodSchema.nullable(),
    deadlineYears: z.number().int().positive().nullable(),
    /** The part of the wording this target was read from (verbatim, trimmed). */
    fragment: z.string(),
  })
  .strict();
export type Target = z.infer<typeof TargetSchema>;
