import { PHASE_TEXT } from "../../domain/workbook/paramsSheet";
import type { ScheduleRow } from "../../app/port";
import { T } from "../texts";

/** The schedule as the pane edits it: strings for the inputs, checked before writing. */

export const PHASE_LABELS: readonly string[] = Object.values(PHASE_TEXT);

export interface ScheduleDraft {
  readonly ref: string;
  readonly title: string;
  /** A phase label, or "" for none. */
  readonly phase: string;
  /** `YYYY-MM-DD` or "". */
  readonly start: string;
  readonly end: string;
  /** The progress as typed ("" for none). */
  readonly progress: string;
}

export function toDrafts(rows: readonly ScheduleRow[]): ScheduleDraft[] {
  return rows.map((r) => ({
    ref: r.ref,
    title: r.title,
    phase: r.phase ?? "",
    start: r.start ?? "",
    end: r.end ?? "",
    progress: r.progress === null ? "" : String(r.progress),
  }));
}

export function updateDraft(
  drafts: readonly ScheduleDraft[],
  ref: string,
  change: Partial<Omit<ScheduleDraft, "ref" | "title">>
): ScheduleDraft[] {
  return drafts.map((d) => (d.ref === ref ? { ...d, ...change } : d));
}

function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** `"45"`, `"45,5"`, `"45 %"` -> 45 / 45.5; null for blank; NaN for anything else. */
export function parseProgress(text: string): number | null {
  const t = text.replace(/[\s\u00a0\u202f%]/g, "").replace(",", ".");
  if (t === "") return null;
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

export type ScheduleValidation =
  | { readonly ok: true; readonly rows: ScheduleRow[] }
  | { readonly ok: false; readonly problems: string[] };

/** Checks every draft; the rows to write, or French problems (one per mistake, with the action's ref). */
export function validateDrafts(drafts: readonly ScheduleDraft[]): ScheduleValidation {
  const problems: string[] = [];
  const rows: ScheduleRow[] = [];
  for (const d of drafts) {
    const start = d.start.trim();
    const end = d.end.trim();
    if (start !== "" && !isIsoDate(start)) problems.push(T.schedule.badDate(d.ref, "début"));
    if (end !== "" && !isIsoDate(end)) problems.push(T.schedule.badDate(d.ref, "fin"));
    if (isIsoDate(start) && isIsoDate(end) && end < start)
      problems.push(T.schedule.endBeforeStart(d.ref));
    const progress = parseProgress(d.progress);
    if (progress !== null && (Number.isNaN(progress) || progress < 0 || progress > 100))
      problems.push(T.schedule.badProgress(d.ref));
    rows.push({
      ref: d.ref,
      title: d.title,
      phase: PHASE_LABELS.includes(d.phase) ? d.phase : null,
      start: start === "" ? null : start,
      end: end === "" ? null : end,
      progress,
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

/** What is wrong with one action's fields (French, shown next to each field), empty when nothing. */
export interface DraftProblems {
  readonly start?: string;
  readonly end?: string;
  readonly progress?: string;
}

export function draftProblems(d: ScheduleDraft): DraftProblems {
  const start = d.start.trim();
  const end = d.end.trim();
  const progress = parseProgress(d.progress);
  const problems: { start?: string; end?: string; progress?: string } = {};
  if (start !== "" && !isIsoDate(start)) problems.start = T.schedule.badDateField;
  if (end !== "" && !isIsoDate(end)) problems.end = T.schedule.badDateField;
  else if (isIsoDate(start) && isIsoDate(end) && end < start)
    problems.end = T.schedule.endBeforeStartField;
  if (progress !== null && (Number.isNaN(progress) || progress < 0 || progress > 100))
    problems.progress = T.schedule.badProgressField;
  return problems;
}

export function hasProblems(p: DraftProblems): boolean {
  return p.start !== undefined || p.end !== undefined || p.progress !== undefined;
}
