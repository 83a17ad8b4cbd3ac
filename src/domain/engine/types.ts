import type { Message } from "../messages/types";

/**
 * Statuses a user sees. Their French labels (Atteint, Non atteint, En cours, À renseigner, Saisie
 * invalide, Qualitatif) are written in the workbook: `STATUS_TEXT` in src/domain/workbook/labels.ts.
 */
export const STATUSES = [
  "atteint",
  "non_atteint",
  "en_cours",
  "a_renseigner",
  "saisie_invalide",
  "qualitatif",
] as const;
export type Status = (typeof STATUSES)[number];

/** How a whole-period target is judged from the yearly entries. */
export const AGGREGATIONS = ["per_year", "cumulative", "latest"] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** A cell's content as a person typed it or as a workbook stores it. */
export type RawEntry = string | number | boolean | null | undefined;

/** What kind of input a target expects, derived from its measure. */
export type EntryKind = "count" | "percent" | "milestone" | "free";

export type MilestoneValue = "oui" | "non" | "en_cours";

export type EntryReading =
  | { readonly kind: "blank" }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "milestone"; readonly value: MilestoneValue }
  | { readonly kind: "text"; readonly value: string }
  | { readonly kind: "invalid"; readonly problem: Message };

/** When the evaluation happens: years strictly before `today.year` are over. */
export interface EvaluationContext {
  /** The plan's years in order, e.g. [2021, 2022, 2023, 2024, 2025]. */
  readonly years: readonly number[];
  readonly today: { readonly year: number; readonly month: number };
}

export interface YearResult {
  readonly year: number;
  readonly raw: RawEntry;
  readonly reading: EntryReading;
  readonly status: Status;
  readonly message: Message;
}

/** The reference value of an increase target, as entered and as read. */
export interface BaselineResult {
  readonly raw: RawEntry;
  /** `invalid` with `status.baseline_zero` when the baseline is 0 (an increase cannot be measured from 0). */
  readonly reading: EntryReading;
}

export interface TargetEvaluation {
  readonly status: Status;
  readonly message: Message;
  readonly years: readonly YearResult[];
  /** Present for increase_percent targets (judged against a baseline). */
  readonly baseline?: BaselineResult;
}
