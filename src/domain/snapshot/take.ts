import type { RawEntry, Status } from "../engine/types";
import { STATUSES } from "../engine/types";
import { formatNumberFr } from "../messages/format";
import { AXIS_HEADER_ROW, axisLayout } from "../workbook/axisSheet";
import type { CheckReport, PlainSheet } from "../workbook/check";
import { MEASURE_TEXT, STATUS_TEXT } from "../workbook/labels";
import type { SnapshotSummary } from "../workbook/snapshotSummary";
import type { SnapshotData, SnapshotRow } from "./sheet";

/**
 * Freezing a year's bilan from `ctg check`'s report of the workbook (the same engine, the same
 * statuses), and the summary of the latest frozen bilan that the Tableau de bord compares with.
 */

const STATUS_OF = new Map<string, Status>(STATUSES.map((st) => [STATUS_TEXT[st], st]));

const cellText = (v: RawEntry): string =>
  v === null || v === undefined ? "" : typeof v === "boolean" ? (v ? "VRAI" : "FAUX") : String(v);

/** The year's value as read, in French: `45 %` for a share, `12,5`, `Oui`, a text. */
function shownValue(value: number | string | null, percent: boolean): string {
  if (value === null) return "";
  if (typeof value === "number") return `${formatNumberFr(value)}${percent ? " %" : ""}`;
  return value;
}

/**
 * The rows of a year's bilan: every indicator target of the report, with the year's entry and status,
 * the target's status, and the comment and source read from its axis sheet.
 */
export function snapshotRows(
  report: CheckReport,
  sheets: ReadonlyMap<string, PlainSheet>,
  year: number
): SnapshotRow[] {
  const layouts = new Map<string, ReturnType<typeof axisLayout>>();
  const layoutOf = (name: string) => {
    let layout = layouts.get(name);
    if (!layout) {
      const header = (sheets.get(name)?.rows[AXIS_HEADER_ROW] ?? []).map((v) => cellText(v));
      layout = axisLayout(header.filter((h) => /^\d{4}$/.test(h)).map(Number));
      layouts.set(name, layout);
    }
    return layout;
  };
  return report.indicators.map((r) => {
    const c = layoutOf(r.sheet).col;
    const row = sheets.get(r.sheet)?.rows[r.row - 1] ?? [];
    const y = r.years[String(year)];
    const raw = y?.raw;
    return {
      sheet: r.sheet,
      ref: r.ref,
      action: cellText(row[c.action]).trim(),
      id: r.id,
      kind: cellText(row[c.kind]).trim(),
      indicator: r.text,
      target: r.target,
      raw: raw === null || raw === undefined || raw === "" ? null : raw,
      value: y ? shownValue(y.value, cellText(row[c.measure]).trim() === MEASURE_TEXT.percent) : "",
      yearStatus: y ? (STATUS_OF.get(y.status) ?? "a_renseigner") : "a_renseigner",
      status: r.statusCode,
      comment: cellText(row[c.comment]),
      source: cellText(row[c.source]),
    };
  });
}

/** The axis id of an axis sheet's name (`Axe II` -> `II`). */
export const axisIdOfSheet = (sheet: string): string => sheet.replace(/^Axe /, "");

/** Counts per status and the reporting rate of rows, per axis id and `""` for all of them. */
export function countRows(
  rows: ReadonlyArray<{
    readonly sheet: string;
    readonly status: Status;
    readonly entered: boolean;
  }>
): Pick<SnapshotSummary, "byAxis" | "reportingRate"> {
  const byAxis: Record<string, Partial<Record<Status, number>>> = { "": {} };
  const made: Record<string, number> = { "": 0 };
  const expected: Record<string, number> = { "": 0 };
  for (const r of rows) {
    const axis = axisIdOfSheet(r.sheet);
    for (const key of ["", axis]) {
      const counts = (byAxis[key] ??= {});
      counts[r.status] = (counts[r.status] ?? 0) + 1;
      expected[key] = (expected[key] ?? 0) + 1;
      made[key] = (made[key] ?? 0) + (r.entered ? 1 : 0);
    }
  }
  const reportingRate: Record<string, number | null> = {};
  for (const key of Object.keys(expected)) {
    const n = expected[key] ?? 0;
    reportingRate[key] = n === 0 ? null : (made[key] ?? 0) / n;
  }
  return { byAxis, reportingRate };
}

/**
 * The summary of the latest frozen bilan (the latest year, then the latest day), or null when the
 * workbook has none. `byAxis` counts the targets by their status on the day the bilan was frozen;
 * `reportingRate` is the share of targets with an entry for the bilan's year (every target expects one).
 */
export function latestSnapshotSummary(snapshots: readonly SnapshotData[]): SnapshotSummary | null {
  const latest = [...snapshots].sort(
    (a, b) => a.year - b.year || a.takenOn.localeCompare(b.takenOn)
  )[snapshots.length - 1];
  if (!latest) return null;
  const counted = countRows(
    latest.rows.map((r) => ({ sheet: r.sheet, status: r.status, entered: r.raw !== null }))
  );
  return { year: latest.year, takenOn: latest.takenOn, ...counted };
}
