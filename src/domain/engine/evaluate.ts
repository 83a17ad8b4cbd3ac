import {
  isJudgedAutomatically,
  SUB_YEAR_PERIODS,
  type Comparator,
  type Target,
} from "../targets/schema";
import type { Message } from "../messages/types";
import { STATUS_MESSAGE, type RecordedReason, type StatusMessageCode } from "./codes";
import { entryKindOf, isFiniteNumber, readEntry, type ReadOptions } from "./read";
import type {
  Aggregation,
  BaselineResult,
  EntryKind,
  EntryReading,
  EvaluationContext,
  RawEntry,
  Status,
  TargetEvaluation,
  YearResult,
} from "./types";

/**
 * The evaluation engine: from the raw yearly entries of one target to statuses and explanations.
 * Pure functions; user mistakes become `saisie_invalide` statuses with coded messages, never exceptions.
 *
 * Vocabulary
 * - "period over": `today.year > endYear`, where endYear is the deadline year when the target has one
 *   ("sous 2 ans" from 2021 -> end of 2022), else the last plan year. Years strictly before
 *   `today.year` are over; `today.month` is not used (a year is in progress until 31 December).
 * - "valid entry": an entry read as a number (or a milestone word, or free text), not blank, not invalid.
 * - Blanks are never zero: they are skipped in sums and give "À renseigner" rows.
 *
 * Messages are `{code, params}` data built with plain object literals (no formatting here): French
 * sentences are produced later by `formatMessage`.
 */

export interface EvaluationInput {
  /** How a whole-period target is judged; see `defaultAggregation`. */
  readonly aggregation: Aggregation;
  /** Raw entries by year; years not in `ctx.years` are ignored. */
  readonly entries: Readonly<Record<number, RawEntry>>;
  /** The reference value of an `increase_percent` target (ignored for other measures). */
  readonly baseline?: RawEntry;
  readonly readOptions?: ReadOptions;
  /**
   * Where the entries and the baseline come from: "typed" (default, text as people type it) or
   * "cell" (workbook cells, read exactly as the workbook's status formulas read them; see `readEntry`).
   */
  readonly source?: "typed" | "cell";
  /**
   * The deadline as an absolute year (the workbook's Échéance cell, which a coordinator may edit),
   * or null for none. When given (even null), it replaces `target.deadlineYears`.
   */
  readonly deadlineYear?: number | null;
}

// ---------------------------------------------------------------------------------------------
// Default aggregation

/**
 * Words of a count that describe a stock / level (a capacity that exists at a date) rather than a
 * flow of events: such a target is judged on the latest value, not on a sum over the years
 * ("20 places en crèche": 20 places in 2022 and 20 in 2023 are still 20 places, not 40).
 * "place" counts only as a noun: "mise en place", "sur place" are not stocks.
 */
const STOCK_WORDS: ReadonlySet<string> = new Set([
  "place",
  "places",
  "lit",
  "lits",
  "capacite",
  "capacites",
  "etp",
  "poste",
  "postes",
  "taux",
]);
const NOT_A_STOCK_BEFORE_PLACE: ReadonlySet<string> = new Set(["en", "sur"]);

/**
 * The default way to judge a target from its yearly entries:
 * - period "year" or "biennial" -> "per_year" (each year, or each two-year window, judged on its own);
 * - count over the whole period (period "total" or none) -> "cumulative" (sum of the yearly entries),
 *   unless its unit / wording names a stock or level (places, lits, capacité, ETP, postes, taux)
 *   -> "latest" (judged on the latest value entered);
 * - percent and increase_percent -> "latest" (a share or a level is never summed);
 * - milestone, qualitative, unknown -> "latest" (the aggregation is not used for them).
 * Staff can override the aggregation per target; this is only the default.
 */
export function defaultAggregation(target: Target): Aggregation {
  if (target.period === "year" || target.period === "biennial") return "per_year";
  if (!isJudgedAutomatically(target)) return "latest"; // recorded, not judged: not used
  if (target.measure !== "count") return "latest";
  return looksLikeStock(target) ? "latest" : "cumulative";
}

function looksLikeStock(target: Target): boolean {
  const words = `${target.unit ?? ""} ${target.fragment}`
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^a-z0-9]+/);
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (!STOCK_WORDS.has(w)) continue;
    const isPlace = w === "place" || w === "places";
    if (isPlace && NOT_A_STOCK_BEFORE_PLACE.has(words[i - 1] ?? "")) continue;
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Combining several targets of one indicator

/**
 * Precedence, first match wins (expressible in Excel with COUNTIF):
 * 1. any Saisie invalide -> Saisie invalide (something must be corrected first);
 * 2. any Non atteint -> Non atteint (a failed target fails the indicator);
 * 3. any À renseigner -> À renseigner (the indicator cannot be judged while data is missing);
 * 4. any En cours -> En cours;
 * 5. any Atteint -> Atteint (all judged targets reached; qualitative ones do not prevent it);
 * 6. otherwise (only Qualitatif) -> Qualitatif. An empty list -> À renseigner.
 */
const COMBINE_PRECEDENCE: readonly Status[] = [
  "saisie_invalide",
  "non_atteint",
  "a_renseigner",
  "en_cours",
  "atteint",
  "qualitatif",
];

export function combineStatuses(statuses: readonly Status[]): Status {
  for (const candidate of COMBINE_PRECEDENCE) {
    if (statuses.includes(candidate)) return candidate;
  }
  return "a_renseigner";
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** Situation described in a quantity message (`scope` param). */
export type Scope = "year" | "window" | "cumulative" | "latest";

/**
 * Params of quantity messages (`status.reached`, `status.in_progress`...). The catalogue composes
 * the sentence from them: "2022 : 14 enfants, objectif ≥ 12 enfants par an atteint".
 */
export interface QuantityParams {
  readonly [key: string]: string | number | null;
  readonly scope: Scope;
  /** The year of the situation (last year of a cumulative sum or window). */
  readonly year: number;
  /** First year of a cumulative sum or window (= year for a single year). */
  readonly fromYear: number;
  /** Measured value: a count, a percentage (in percent) or the measured quantity of an increase. */
  readonly value: number;
  readonly unit: string | null;
  readonly measure: string;
  readonly cmp: Comparator | null;
  readonly target: number | null;
  readonly targetMax: number | null;
  /** Target period: "year" | "biennial" | "total" | null. */
  readonly per: string | null;
  /** End of the year / window / period judged: "en cours jusqu'à fin {endYear}". */
  readonly endYear: number;
  readonly deadlineYear: number | null;
  /** First year the target was reached (reached_after_deadline). */
  readonly reachedYear: number | null;
  /** Increase in percent (null when not an increase, or measured from 0). */
  readonly increase: number | null;
  /** The value the increase is measured from. */
  readonly reference: number | null;
  /** The year of that reference, or null for the baseline entered by the user. */
  readonly referenceYear: number | null;
}

const EPS = 1e-9;
// Module-level aliases: global lookups (Math, Infinity) are slow in `vm` contexts such as jest.
const round = Math.round;
const UNBOUNDED = Number.POSITIVE_INFINITY;

/** Internal state of one evaluation (one object per call; rows are filled in place). */
interface Job {
  readonly target: Target;
  readonly years: readonly number[];
  readonly readings: EntryReading[];
  readonly statuses: Status[];
  readonly messages: Message[];
  readonly todayYear: number;
  readonly firstYear: number;
  readonly lastYear: number;
  /** Deadline year ("sous N ans"), null for none (and for per-year judgement, which ignores it). */
  readonly deadlineYear: number | null;
  /** Deadline year or last plan year. */
  readonly endYear: number;
  /**
   * The first row that can show the outcome of a whole-period target: the end year, or the last plan
   * year when the deadline lies beyond the plan. Rows before it show the situation of their year
   * ("en cours" then), whatever today is.
   */
  readonly rowEndYear: number;
  readonly periodOver: boolean;
  /** The measure's baseline, when it is an increase with a valid non-zero baseline. */
  readonly baseline: number | null;
}

type BaselineState = "none" | "ok" | "missing" | "invalid" | "zero";

/**
 * Whether a target is judged (can be Atteint or Non atteint): a milestone, or a count, share or
 * increase with a target figure, over a year or more. The others are only recorded (Qualitatif).
 * Decided by the plan alone, whatever is entered: the Récapitulatif's Avancement divides by these.
 */
export function isJudged(target: Target): boolean {
  const kind = entryKindOf(target);
  return kind !== "free" && (kind === "milestone" || target.value !== null);
}

export function evaluateTarget(
  target: Target,
  input: EvaluationInput,
  ctx: EvaluationContext
): TargetEvaluation {
  const years = ctx.years;
  const n = years.length;
  const kind = entryKindOf(target);
  const readOptions: ReadOptions | undefined =
    input.source === undefined ? input.readOptions : { ...input.readOptions, source: input.source };
  const entries = input.entries;

  const raws: RawEntry[] = [];
  const readings: EntryReading[] = [];
  const statuses: Status[] = [];
  const messages: Message[] = [];
  let invalidCount = 0;
  for (let i = 0; i < n; i++) {
    const raw = entries[at(years, i)];
    raws[i] = raw;
    const r = readEntry(raw, kind, readOptions);
    readings[i] = r;
    if (r.kind === "invalid") {
      invalidCount++;
      statuses[i] = "saisie_invalide";
      messages[i] = r.problem;
    }
  }

  // What is judged and how.
  const judged = isJudged(target);
  const isIncrease = judged && target.measure === "increase_percent";
  let aggregation = input.aggregation;
  if (aggregation === "cumulative" && target.measure !== "count") aggregation = "latest"; // never sum shares or levels

  // Baseline of an increase.
  let baselineState: BaselineState = "none";
  let baselineResult: BaselineResult | undefined;
  let baseline: number | null = null;
  if (isIncrease) {
    let reading = readEntry(input.baseline, "count", readOptions);
    if (reading.kind === "number" && reading.value === 0) {
      reading = { kind: "invalid", problem: { code: STATUS_MESSAGE.baselineZero, params: {} } };
      baselineState = "zero";
    } else if (reading.kind === "number") {
      baselineState = "ok";
      baseline = reading.value;
    } else {
      baselineState = reading.kind === "blank" ? "missing" : "invalid";
    }
    baselineResult = { raw: input.baseline, reading };
  }

  const firstYear = n > 0 ? at(years, 0) : ctx.today.year;
  const lastYear = n > 0 ? at(years, n - 1) : ctx.today.year;
  // "sous 2 ans" from 2021 -> end of 2022 (or the absolute year of the workbook's cell). Per-year
  // quantity targets are judged year by year and ignore the deadline.
  const perYearQuantity = judged && kind !== "milestone" && aggregation === "per_year";
  const givenDeadline =
    input.deadlineYear !== undefined
      ? input.deadlineYear
      : target.deadlineYear !== undefined
        ? target.deadlineYear // "d'ici 2024": an absolute year
        : target.deadlineYears !== null
          ? firstYear + target.deadlineYears - 1
          : null;
  const deadlineYear = perYearQuantity ? null : givenDeadline;
  const endYear = deadlineYear ?? lastYear;
  const job: Job = {
    target,
    years,
    readings,
    statuses,
    messages,
    todayYear: ctx.today.year,
    firstYear,
    lastYear,
    deadlineYear,
    endYear,
    rowEndYear: endYear < lastYear ? endYear : lastYear,
    periodOver: ctx.today.year > endYear,
    baseline,
  };

  let overall: Overall;
  if (!judged) {
    overall = evaluateRecorded(job, recordedReason(target, kind));
  } else if (kind === "milestone") {
    overall = evaluateMilestone(job);
  } else if (isIncrease && baselineState !== "ok") {
    overall = evaluateWithoutBaseline(job, baselineState, input.baseline);
  } else if (aggregation === "per_year") {
    overall = evaluatePerYear(job);
  } else if (aggregation === "cumulative" && target.comparator === "<=") {
    overall = evaluateCumulativeMax(job);
  } else {
    overall = evaluateWholePeriod(job, aggregation === "cumulative");
  }

  // Any invalid entry makes the whole target "Saisie invalide" (an invalid baseline already did).
  if (invalidCount > 0 && overall.status !== "saisie_invalide") {
    overall = { status: "saisie_invalide", message: invalidEntriesMessage(job) };
  }

  const results: YearResult[] = [];
  for (let i = 0; i < n; i++) {
    results[i] = {
      year: at(years, i),
      raw: raws[i],
      reading: at(readings, i),
      status: at(statuses, i),
      message: at(messages, i),
    };
  }
  const evaluation: TargetEvaluation = {
    status: overall.status,
    message: overall.message,
    years: results,
  };
  return baselineResult === undefined ? evaluation : { ...evaluation, baseline: baselineResult };
}

interface Overall {
  readonly status: Status;
  readonly message: Message;
}

/** Array access for indexes known to be in range (the compiler cannot see it). */
function at<T>(array: readonly T[], i: number): T {
  return array[i] as T;
}

function blankRow(job: Job, i: number): void {
  job.statuses[i] = "a_renseigner";
  job.messages[i] = { code: STATUS_MESSAGE.yearBlank, params: { year: at(job.years, i) } };
}

const NO_ENTRY: Overall = {
  status: "a_renseigner",
  message: { code: STATUS_MESSAGE.noEntry, params: {} },
};

function invalidEntriesMessage(job: Job): Message {
  let count = 0;
  let years = "";
  for (let i = 0; i < job.readings.length; i++) {
    if (at(job.readings, i).kind !== "invalid") continue;
    count++;
    years += years === "" ? `${at(job.years, i)}` : `, ${at(job.years, i)}`;
  }
  return { code: STATUS_MESSAGE.invalidEntries, params: { count, years } };
}

// --- Qualitative targets and counts without a target value: recorded, not judged -------------

/** Why a target that is not judged is only recorded. */
function recordedReason(target: Target, kind: EntryKind): RecordedReason {
  if (target.measure === "amount") return "amount";
  if (target.period !== null && SUB_YEAR_PERIODS.has(target.period)) return "sub_year_period";
  return kind === "free" ? "qualitative" : "no_target_value";
}

function evaluateRecorded(job: Job, reason: RecordedReason): Overall {
  let count = 0;
  let last = -1;
  for (let i = 0; i < job.readings.length; i++) {
    const kind = at(job.readings, i).kind;
    if (kind === "invalid") continue;
    if (kind === "blank") {
      blankRow(job, i);
      continue;
    }
    count++;
    last = i;
    job.statuses[i] = "qualitatif";
    job.messages[i] = { code: STATUS_MESSAGE.recorded, params: { year: at(job.years, i), reason } };
  }
  if (count === 0) return NO_ENTRY;
  return {
    status: "qualitatif",
    message: {
      code: STATUS_MESSAGE.recordedOverall,
      params: { count, year: at(job.years, last), reason },
    },
  };
}

// --- Milestones ---------------------------------------------------------------------------------

/**
 * Reached ("Oui") in any year: that year and every later year are Atteint (reaching is final; a later
 * "Non" or blank does not undo it), unless it was after the deadline (then Non atteint).
 * Before that: "En cours" and "Non" are En cours while the period (or deadline) is not over, then
 * Non atteint; blank is À renseigner.
 */
function evaluateMilestone(job: Job): Overall {
  const { readings, years, statuses, messages } = job;
  const n = readings.length;
  let reached = -1;
  for (let i = 0; i < n; i++) {
    const r = at(readings, i);
    if (r.kind === "milestone" && r.value === "oui") {
      reached = i;
      break;
    }
  }
  const reachedYear = reached >= 0 ? at(years, reached) : null;
  const late = reachedYear !== null && job.deadlineYear !== null && reachedYear > job.deadlineYear;
  let lastAnswered = -1;
  for (let i = 0; i < n; i++) {
    const r = at(readings, i);
    if (r.kind === "invalid") continue;
    const year = at(years, i);
    if (reachedYear !== null && i >= reached) {
      statuses[i] = late ? "non_atteint" : "atteint";
      messages[i] = late
        ? {
            code: STATUS_MESSAGE.milestoneReachedAfterDeadline,
            params: { year, reachedYear, deadlineYear: job.deadlineYear },
          }
        : { code: STATUS_MESSAGE.milestoneReached, params: { year, reachedYear } };
      continue;
    }
    if (r.kind !== "milestone") {
      blankRow(job, i);
      continue;
    }
    lastAnswered = i;
    if (job.periodOver) {
      statuses[i] = "non_atteint";
      messages[i] = {
        code: STATUS_MESSAGE.milestoneNotReached,
        params: { year, endYear: job.endYear },
      };
    } else {
      statuses[i] = "en_cours";
      messages[i] = {
        code:
          r.value === "en_cours"
            ? STATUS_MESSAGE.milestoneInProgress
            : STATUS_MESSAGE.milestoneNotYet,
        params: { year, endYear: job.endYear },
      };
    }
  }
  if (reached >= 0) return { status: at(statuses, reached), message: at(messages, reached) };
  if (lastAnswered < 0) return NO_ENTRY;
  return { status: at(statuses, lastAnswered), message: at(messages, lastAnswered) };
}

// --- Increases without a usable baseline ------------------------------------------------------

/**
 * No baseline: valid rows and the target are À renseigner ("Référence manquante"), even when yearly
 * values exist. Invalid or zero baseline: valid rows and the target are Saisie invalide (the
 * baseline must be corrected; an increase in percent cannot be measured from 0).
 */
function evaluateWithoutBaseline(job: Job, state: BaselineState, rawBaseline: RawEntry): Overall {
  let message: Message;
  let status: Status;
  if (state === "missing") {
    status = "a_renseigner";
    message = { code: STATUS_MESSAGE.baselineMissing, params: {} };
  } else if (state === "zero") {
    status = "saisie_invalide";
    message = { code: STATUS_MESSAGE.baselineZero, params: {} };
  } else {
    status = "saisie_invalide";
    message = { code: STATUS_MESSAGE.baselineInvalid, params: { text: baselineText(rawBaseline) } };
  }
  for (let i = 0; i < job.readings.length; i++) {
    const kind = at(job.readings, i).kind;
    if (kind === "invalid") continue;
    if (kind === "blank") {
      blankRow(job, i);
      continue;
    }
    job.statuses[i] = status;
    job.messages[i] = message;
  }
  return { status, message };
}

function baselineText(raw: RawEntry): string | number {
  if (typeof raw === "number") return raw;
  if (typeof raw === "boolean") return raw ? "VRAI" : "FAUX";
  const text = (raw ?? "").trim();
  return text.length <= 40 ? text : `${text.slice(0, 39)}…`;
}

// --- Quantities ---------------------------------------------------------------------------------

/**
 * Whether a judged value meets the target. ">=" and "=" (reaching the figure is the aim: going
 * beyond is not a failure), "between" (reached from the minimum; above the maximum is reached too,
 * the message says so) and a missing comparator are all "at least"; "<=" is "at most".
 */
function meets(judgedValue: number, target: Target): boolean {
  const goal = target.value as number;
  return target.comparator === "<=" ? judgedValue <= goal + EPS : judgedValue >= goal - EPS;
}

function reachedCode(judgedValue: number, target: Target): StatusMessageCode {
  return target.comparator === "between" &&
    target.valueMax !== null &&
    judgedValue > target.valueMax + EPS
    ? STATUS_MESSAGE.aboveRange
    : STATUS_MESSAGE.reached;
}

/**
 * Whether a measured value meets the target. For an increase, the value is compared with
 * `reference × (1 + target %)` ("+10 %" from 100: at least 110), which is the increase in percent
 * compared with the target without a division: a reference of 0 (a previous year's 0 for per-year
 * increases; a baseline of 0 is refused earlier) gives a threshold of 0, met by any value for
 * "at least" and by 0 only for "at most". The workbook's formulas compute it the same way.
 */
function reaches(job: Job, value: number, reference: number | null): boolean {
  const target = job.target;
  if (reference === null) return meets(value, target);
  const threshold = reference * (1 + (target.value as number) / 100);
  return target.comparator === "<=" ? value <= threshold + EPS : value >= threshold - EPS;
}

/**
 * Increase in percent from `reference` to `value`, for messages (the judgement is `reaches`). A
 * previous year's 0 (per-year increases) makes any positive value an unbounded increase (null in
 * messages) and 0 -> 0 no increase.
 */
function increaseOf(value: number, reference: number): number {
  if (reference === 0) return value > 0 ? UNBOUNDED : 0;
  return ((value - reference) * 100) / reference;
}

function quantityMessage(
  code: StatusMessageCode,
  job: Job,
  scope: Scope,
  year: number,
  fromYear: number,
  value: number,
  endYear: number,
  reachedYear: number | null,
  increase: number | null,
  reference: number | null,
  referenceYear: number | null
): Message {
  const t = job.target;
  const params: QuantityParams = {
    scope,
    year,
    fromYear,
    value,
    unit: t.unit,
    measure: t.measure,
    cmp: t.comparator,
    target: t.value,
    targetMax: t.valueMax,
    per: t.period,
    endYear,
    deadlineYear: job.deadlineYear,
    reachedYear,
    increase: increase === null || !isFiniteNumber(increase) ? null : round(increase * 1e9) / 1e9,
    reference,
    referenceYear,
  };
  return { code, params };
}

/**
 * Per-year targets ("par an"; also "tous les deux ans"). Each year is judged on its own value:
 * reached -> Atteint; not reached and the year is over (year < today.year) -> Non atteint; not
 * reached in the current or a future year -> En cours; blank -> À renseigner.
 * Biennial targets are judged on two-year windows aligned on the first plan year (2021-2022,
 * 2023-2024, 2025 alone when the plan has 5 years): a count is summed within the window, up to the
 * row's year; a percentage or increase is the row's own value; the window is over after its last year.
 * A first-year row not reached in a window reached by its second year is En cours (it was in progress).
 * Increases per year are measured from the previous valid value before the year (or window), or
 * from the baseline for the first one ("+5 % par an" = each year 5 % more than the year before).
 * Overall: the status of the most recent year with a valid entry, À renseigner when there is none.
 */
function evaluatePerYear(job: Job): Overall {
  const { target, readings, years, statuses, messages } = job;
  const n = readings.length;
  const windowLength = target.period === "biennial" ? 2 : 1;
  const scope: Scope = windowLength === 2 ? "window" : "year";
  const sums = target.measure === "count";
  const isIncrease = target.measure === "increase_percent";

  let windowStartYear = job.firstYear;
  let windowSum = 0;
  let previousValue: number | null = null; // last valid value so far
  let previousYear: number | null = null;
  let reference: number | null = job.baseline; // what the window's increase is measured from
  let referenceYear: number | null = null;
  let lastValid = -1;
  let windowNotReached = -1; // row of the current window judged not reached (biennial only)

  for (let i = 0; i < n; i++) {
    const year = at(years, i);
    if (i % windowLength === 0) {
      windowStartYear = year;
      windowSum = 0;
      windowNotReached = -1;
      if (previousValue !== null) {
        reference = previousValue;
        referenceYear = previousYear;
      }
    }
    const r = at(readings, i);
    if (r.kind === "invalid") continue;
    if (r.kind !== "number") {
      blankRow(job, i);
      continue;
    }
    lastValid = i;
    windowSum += r.value;
    previousValue = r.value;
    previousYear = year;

    const value = sums ? windowSum : r.value;
    const increase = isIncrease ? increaseOf(value, reference as number) : null;
    const judgedValue = increase ?? value;
    const windowLast = windowStartYear + windowLength - 1;
    const windowEnd = windowLast < job.lastYear ? windowLast : job.lastYear;
    let code: StatusMessageCode;
    if (reaches(job, value, isIncrease ? reference : null)) {
      statuses[i] = "atteint";
      code = reachedCode(judgedValue, target);
      // An earlier row of the same window was not reached yet: it was in progress, not failed.
      if (windowNotReached >= 0) {
        statuses[windowNotReached] = "en_cours";
        messages[windowNotReached] = {
          code: STATUS_MESSAGE.inProgress,
          params: at(messages, windowNotReached).params,
        };
        windowNotReached = -1;
      }
    } else if (windowEnd < job.todayYear) {
      statuses[i] = "non_atteint";
      code = STATUS_MESSAGE.notReached;
    } else {
      statuses[i] = "en_cours";
      code = STATUS_MESSAGE.inProgress;
    }
    if (statuses[i] !== "atteint") windowNotReached = i;
    messages[i] = quantityMessage(
      code,
      job,
      scope,
      year,
      windowStartYear,
      value,
      windowEnd,
      null,
      increase,
      isIncrease ? reference : null,
      isIncrease ? referenceYear : null
    );
  }
  if (lastValid < 0) return NO_ENTRY;
  return { status: at(statuses, lastValid), message: at(messages, lastValid) };
}

/**
 * Whole-period targets judged on the cumulative sum (counts, "cumulative") or on the latest value
 * entered ("latest"; always for percentages and increases, measured from the baseline).
 * Rows show the situation at their year: the sum up to that year, or that year's own value.
 * - Reached -> Atteint, unless first reached after the deadline -> Non atteint ("atteint après
 *   l'échéance").
 * - Not reached: each row tells where the target stood in its year. A row before the end year (the
 *   deadline, or the last plan year) is En cours: the period was running then, whatever happened
 *   next. A row of the end year or later is Non atteint once the period is over, else En cours.
 *   (No look-ahead: a row never depends on later years, so the workbook's formula of a year reads
 *   only that year and the years before.)
 * - Blank rows are À renseigner, except in a cumulative sum already reached (a sum of counts
 *   cannot go back down), where they show the reached situation.
 * Overall: the latest situation judged today: reached -> Atteint (or Non atteint if reached late);
 * not reached -> Non atteint when the period is over, else En cours.
 */
function evaluateWholePeriod(job: Job, cumulative: boolean): Overall {
  const { target, readings, years, statuses, messages } = job;
  const n = readings.length;
  const isIncrease = target.measure === "increase_percent";
  const baseline = job.baseline;

  // Pass 1: the situation at each year and the first year it meets the target.
  const situation: number[] = [];
  let running = 0;
  let reached = -1;
  let lastValid = -1;
  for (let i = 0; i < n; i++) {
    const r = at(readings, i);
    if (r.kind !== "number") {
      situation[i] = running;
      continue;
    }
    running = cumulative ? running + r.value : r.value;
    situation[i] = running;
    lastValid = i;
    if (reached < 0 && reaches(job, running, baseline)) reached = i;
  }
  const reachedYear = reached >= 0 ? at(years, reached) : null;
  const late = reachedYear !== null && reachedYear > job.endYear;
  const scope: Scope = cumulative ? "cumulative" : "year";

  // Pass 2: rows.
  for (let i = 0; i < n; i++) {
    const kind = at(readings, i).kind;
    if (kind === "invalid") continue;
    const afterReachedSum = cumulative && reached >= 0 && i > reached;
    if (kind !== "number" && !afterReachedSum) {
      blankRow(job, i);
      continue;
    }
    const year = at(years, i);
    const value = at(situation, i);
    const increase = isIncrease ? increaseOf(value, baseline as number) : null;
    const result = judgeWholePeriod(
      job,
      value,
      increase,
      reachedYear,
      late,
      year >= job.rowEndYear && job.periodOver
    );
    statuses[i] = result.status;
    messages[i] = quantityMessage(
      result.code,
      job,
      scope,
      year,
      cumulative ? job.firstYear : year,
      value,
      job.endYear,
      result.code === STATUS_MESSAGE.reachedAfterDeadline ? reachedYear : null,
      increase,
      isIncrease ? baseline : null,
      null
    );
  }

  if (lastValid < 0) return NO_ENTRY;
  const value = at(situation, lastValid);
  const increase = isIncrease ? increaseOf(value, baseline as number) : null;
  const result = judgeWholePeriod(job, value, increase, reachedYear, late, job.periodOver);
  const message = quantityMessage(
    result.code,
    job,
    cumulative ? "cumulative" : "latest",
    at(years, lastValid),
    cumulative ? job.firstYear : at(years, lastValid),
    value,
    job.endYear,
    result.code === STATUS_MESSAGE.reachedAfterDeadline ? reachedYear : null,
    increase,
    isIncrease ? baseline : null,
    null
  );
  return { status: result.status, message };
}

/** `over`: a value that does not meet the target is Non atteint (else En cours). */
function judgeWholePeriod(
  job: Job,
  value: number,
  increase: number | null,
  reachedYear: number | null,
  late: boolean,
  over: boolean
): { status: Status; code: StatusMessageCode } {
  if (reaches(job, value, job.baseline)) {
    // A value meeting the target implies reachedYear is set (it is the first such year).
    if (late && reachedYear !== null) {
      return { status: "non_atteint", code: STATUS_MESSAGE.reachedAfterDeadline };
    }
    return { status: "atteint", code: reachedCode(increase ?? value, job.target) };
  }
  return over
    ? { status: "non_atteint", code: STATUS_MESSAGE.notReached }
    : { status: "en_cours", code: STATUS_MESSAGE.inProgress };
}

/**
 * Cumulative maximum ("au plus 10 sur la période", comparator "<=" with a cumulative sum). A sum of
 * counts only grows, so:
 * - exceeded -> Non atteint at once (even before the end of the period);
 * - not exceeded: a row before the end year is En cours ("respecté à ce jour"); a row of the end
 *   year or later is En cours while the period runs, and once it is over Atteint when every year up
 *   to that row has a valid entry, else À renseigner (blanks are not zeros: the maximum cannot be
 *   confirmed).
 * Overall: the row of the latest valid entry; En cours once the period is over means years are
 * missing after it -> À renseigner.
 */
function evaluateCumulativeMax(job: Job): Overall {
  const { readings, years, statuses, messages } = job;
  const n = readings.length;
  let running = 0;
  let lastValid = -1;
  let complete = true; // every row so far is a valid number
  for (let i = 0; i < n; i++) {
    const r = at(readings, i);
    if (r.kind !== "number") complete = false;
    if (r.kind === "invalid") continue;
    if (r.kind !== "number") {
      blankRow(job, i);
      continue;
    }
    running += r.value;
    lastValid = i;
    const year = at(years, i);
    const code = cumulativeMaxCode(
      running,
      job,
      year >= job.rowEndYear && job.periodOver,
      complete
    );
    statuses[i] = cumulativeMaxStatus(code);
    messages[i] = cumulativeMessage(code, job, year, running);
  }
  if (lastValid < 0) return NO_ENTRY;
  let status = at(statuses, lastValid);
  let message = at(messages, lastValid);
  if (status === "en_cours" && job.periodOver) {
    status = "a_renseigner";
    message = cumulativeMessage(STATUS_MESSAGE.maxIncomplete, job, at(years, lastValid), running);
  }
  return { status, message };
}

function cumulativeMessage(code: StatusMessageCode, job: Job, year: number, sum: number): Message {
  return quantityMessage(
    code,
    job,
    "cumulative",
    year,
    job.firstYear,
    sum,
    job.endYear,
    null,
    null,
    null,
    null
  );
}

function cumulativeMaxCode(
  sum: number,
  job: Job,
  over: boolean,
  complete: boolean
): StatusMessageCode {
  if (!meets(sum, job.target)) return STATUS_MESSAGE.maxExceeded;
  if (!over) return STATUS_MESSAGE.maxRespectedSoFar;
  return complete ? STATUS_MESSAGE.reached : STATUS_MESSAGE.maxIncomplete;
}

function cumulativeMaxStatus(code: StatusMessageCode): Status {
  switch (code) {
    case STATUS_MESSAGE.maxExceeded:
      return "non_atteint";
    case STATUS_MESSAGE.reached:
      return "atteint";
    case STATUS_MESSAGE.maxIncomplete:
      return "a_renseigner";
    default:
      return "en_cours";
  }
}
