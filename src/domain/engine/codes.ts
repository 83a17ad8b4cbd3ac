import type { MessageCode } from "../messages/types";

/**
 * Message codes the evaluation engine produces. They are stable identifiers (stored, tested,
 * looked up in the French catalogue `src/domain/messages/engine.ts`): never rename one.
 */

/** Problems found while reading one typed entry (an `invalid` reading). */
export const ENTRY_PROBLEM = {
  /** Text where a number is due. params: text */
  textNotNumber: "entry.text_not_number",
  /** Text where a percentage is due. params: text */
  textNotPercent: "entry.text_not_percent",
  /** A negative count. params: value */
  negative: "entry.negative",
  /** A count with decimals (counts are whole numbers). params: value */
  decimalCount: "entry.decimal_count",
  /** `1.250` / `1,250` in a count cell: most likely a thousands separator. params: text, whole */
  ambiguousThousands: "entry.ambiguous_thousands",
  /** `20 %` typed where a count is due. params: text */
  percentInCount: "entry.percent_in_count",
  /** A percentage above 100 %. params: value (in percent) */
  percentAbove100: "entry.percent_above_100",
  /** A negative percentage. params: value (in percent) */
  negativePercent: "entry.negative_percent",
  /** A word that is not Oui / Non / En cours in a milestone cell. params: text */
  unknownYesNo: "entry.unknown_yes_no",
  /** A TRUE/FALSE (checkbox) value where a number is due. params: text */
  booleanNotNumber: "entry.boolean_not_number",
  /** An Excel error value such as `#DIV/0!` or `#N/A`. params: text */
  excelError: "entry.excel_error",
  /** NaN or an infinite JS number (a bug upstream or a broken formula). no params */
  notFinite: "entry.not_finite",
  /** A workbook cell holding a number stored as text (`'12`): formulas do not count it. params: text */
  numberAsText: "entry.number_as_text",
} as const satisfies Record<string, MessageCode>;

/** Explanations attached to statuses (per year and overall). */
export const STATUS_MESSAGE = {
  /** Quantity judged and reached. params: see `QuantityParams` in evaluate.ts */
  reached: "status.reached",
  /** "between" target, value above the range: counted as reached. */
  aboveRange: "status.above_range",
  /** Quantity not reached and its year / window / period is over. */
  notReached: "status.not_reached",
  /** Quantity not reached yet, still time. */
  inProgress: "status.in_progress",
  /** Reached, but only after the deadline ("sous 2 ans"). */
  reachedAfterDeadline: "status.reached_after_deadline",
  /** Cumulative maximum ("au plus N sur la période") exceeded. */
  maxExceeded: "status.max_exceeded",
  /** Cumulative maximum respected so far, period not over. */
  maxRespectedSoFar: "status.max_respected_so_far",
  /** Cumulative maximum respected on the years entered, period over but years are blank. */
  maxIncomplete: "status.max_incomplete",
  /** A blank year. params: year */
  yearBlank: "status.year_blank",
  /** No entry at all. */
  noEntry: "status.no_entry",
  /** Overall: some entries are invalid. params: count, years */
  invalidEntries: "status.invalid_entries",
  /** Increase target without baseline. */
  baselineMissing: "status.baseline_missing",
  /** Increase target with an invalid baseline. params: text */
  baselineInvalid: "status.baseline_invalid",
  /** Increase target with a baseline of 0. */
  baselineZero: "status.baseline_zero",
  /** Milestone reached ("Oui"). params: year, reachedYear */
  milestoneReached: "status.milestone_reached",
  /** Milestone reached after its deadline. params: year, reachedYear, deadlineYear */
  milestoneReachedAfterDeadline: "status.milestone_reached_after_deadline",
  /** Milestone "En cours" typed. params: year, endYear */
  milestoneInProgress: "status.milestone_in_progress",
  /** Milestone "Non" typed, still time. params: year, endYear */
  milestoneNotYet: "status.milestone_not_yet",
  /** Milestone not reached and the period (or deadline) is over. params: year, endYear */
  milestoneNotReached: "status.milestone_not_reached",
  /** An entry recorded but not judged (qualitative target or no target value). params: year, reason */
  recorded: "status.recorded",
  /** Overall for recorded entries. params: count, year, reason */
  recordedOverall: "status.recorded_overall",
} as const satisfies Record<string, MessageCode>;

/** A problem found while reading an entry. */
export type EntryProblemCode = (typeof ENTRY_PROBLEM)[keyof typeof ENTRY_PROBLEM];
/** An explanation attached to a status. */
export type StatusMessageCode = (typeof STATUS_MESSAGE)[keyof typeof STATUS_MESSAGE];

/** Why an entry is recorded and not judged (`reason` param of `status.recorded*`). */
/** Why an entry is recorded, not judged: a qualitative aim, no target value, an amount of money, a period shorter than a year. */
export type RecordedReason = "qualitative" | "no_target_value" | "amount" | "sub_year_period";

/** Every code the engine can produce (each is a catalogue code: `MessageCode`). */
export const ENGINE_MESSAGE_CODES: readonly (EntryProblemCode | StatusMessageCode)[] = [
  ...Object.values(ENTRY_PROBLEM),
  ...Object.values(STATUS_MESSAGE),
];
