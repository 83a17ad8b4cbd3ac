import { STATUSES, type MilestoneValue, type RawEntry, type Status } from "../engine/types";
import type { IndicatorKind, Plan } from "../plan/schema";
import type { Measure } from "../targets/schema";
import { AXIS_HEADER_ROW, axisLayout, axisRows, axisSheetName } from "../workbook/axisSheet";
import type { CheckReport, PlainSheet } from "../workbook/check";
import { MEASURE_TEXT, MILESTONE_TEXT, STATUS_TEXT } from "../workbook/labels";

/**
 * The tidy export (`ctg export`): one row per indicator target and plan year of a filled workbook,
 * with where it belongs in the plan, the value as typed and as read, and its statuses: the statuses
 * are `ctg check`'s (the same report), so an export never disagrees with a check. Pure: the shell
 * reads the workbook and writes the file. The keys are an interface (CSV headers, JSON keys):
 * documented in docs/export.md, never renamed, new ones only added at the end.
 */

/** The columns of an export, in order: CSV headers and JSON keys. */
export const EXPORT_COLUMNS = [
  "territory",
  "plan_id",
  "plan_version",
  "partner",
  "axis_id",
  "axis",
  "objective_id",
  "objective",
  "action_ref",
  "action",
  "indicator_id",
  "target_id",
  "kind",
  "wording",
  "target",
  "measure",
  "unit",
  "year",
  "value_typed",
  "value_read",
  "milestone",
  "status",
  "status_label",
  "message",
  "target_status",
  "target_status_label",
  "evaluation_year",
  "comment",
  "source",
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** The columns holding a number (JSON numbers; in CSV, written with a decimal comma). */
export const NUMBER_COLUMNS: ReadonlySet<ExportColumn> = new Set([
  "year",
  "value_read",
  "evaluation_year",
]);

/** The columns that may be null (no entry, not a number, not a milestone). */
export type NullableColumn = "value_typed" | "value_read" | "milestone";

/** One row of the export: an indicator target in a plan year. */
export type ExportRow = {
  readonly [K in ExportColumn]: K extends "year" | "evaluation_year"
    ? number
    : K extends "value_read"
      ? number | null
      : K extends "value_typed" | "milestone"
        ? string | null
        : string;
};

/** Measures by their code, as the `measure` column writes them (read back from the sheet's text). */
const MEASURE_OF = new Map<string, Measure>(
  (Object.entries(MEASURE_TEXT) as Array<[Measure, string]>).map(([k, v]) => [v, k])
);
const STATUS_OF = new Map<string, Status>(STATUSES.map((st) => [STATUS_TEXT[st], st]));
const MILESTONE_OF = new Map<string, MilestoneValue>(
  (Object.entries(MILESTONE_TEXT) as Array<[MilestoneValue, string]>).map(([k, v]) => [v, k])
);

/** Where a target row belongs in the plan. */
interface Place {
  readonly axisId: string;
  readonly axis: string;
  readonly objectiveId: string;
  readonly objective: string;
  readonly actionRef: string;
  readonly action: string;
  readonly indicatorId: string;
}

function places(plan: Plan): Map<string, Place> {
  const out = new Map<string, Place>();
  for (const axis of plan.axes) {
    const objectives = new Map<string, { id: string; title: string }>();
    for (const o of axis.objectives)
      for (const a of o.actions) objectives.set(a.ref, { id: o.id, title: o.title });
    for (const r of axisRows(axis)) {
      const objective = objectives.get(r.ref);
      out.set(`${axisSheetName(axis)}\u0000${r.rowId}`, {
        axisId: axis.id,
        axis: axis.title,
        objectiveId: objective?.id ?? "",
        objective: objective?.title ?? r.objective,
        actionRef: r.ref,
        action: r.action,
        indicatorId: r.indicator.id,
      });
    }
  }
  return out;
}

/** A plain number as text without exponent where it can (`0.1`, `12.5`, `-3`). */
export function plainNumber(value: number): string {
  return String(value);
}

/** A number the French way without thousands separator, for a cell Excel reads back as a number. */
export function frenchNumber(value: number): string {
  return plainNumber(value).replace(".", ",");
}

/** Rounds away binary noise (`0.45 * 100` is `45.00000000000001`). */
const roundTiny = (v: number): number => Math.round(v * 1e9) / 1e9;

/**
 * The cell as a French spreadsheet shows it: a text as typed, a number with a decimal comma (a share
 * of a percent cell, stored as a fraction, in percent: `45 %`), a boolean as `VRAI` or `FAUX`.
 * Null when the cell is empty.
 */
export function typedText(raw: RawEntry, percentCell: boolean): string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === "boolean") return raw ? "VRAI" : "FAUX";
  if (typeof raw === "number")
    return percentCell ? `${frenchNumber(roundTiny(raw * 100))} %` : frenchNumber(raw);
  return raw === "" ? null : raw;
}

const cellText = (v: RawEntry): string =>
  v === null || v === undefined ? "" : typeof v === "boolean" ? (v ? "VRAI" : "FAUX") : String(v);

const KIND_CODE: Readonly<Record<IndicatorKind, string>> = {
  realisation: "realisation",
  resultat: "resultat",
  impact: "impact",
};

/**
 * The export rows of a checked workbook: for each target of the report (in the workbook's order) one
 * row per plan year, in year order. `sheets` are the sheets the report was made from (its comment and
 * source cells are read from them); `plan` is the workbook's own plan.
 */
export function exportRows(
  plan: Plan,
  meta: { readonly planId: string; readonly planVersion: string; readonly partner: string },
  report: CheckReport,
  sheets: ReadonlyMap<string, PlainSheet>
): ExportRow[] {
  const placeOf = places(plan);
  const layouts = new Map<string, ReturnType<typeof axisLayout>>();
  const layoutOf = (name: string) => {
    let layout = layouts.get(name);
    if (!layout) {
      const header = (sheets.get(name)?.rows[AXIS_HEADER_ROW] ?? []).map(cellText);
      layout = axisLayout(header.filter((h) => /^\d{4}$/.test(h.trim())).map(Number));
      layouts.set(name, layout);
    }
    return layout;
  };
  const out: ExportRow[] = [];
  const evaluationYear = report.summary.evaluationYear;
  for (const r of report.indicators) {
    const layout = layoutOf(r.sheet);
    const c = layout.col;
    const cells = sheets.get(r.sheet)?.rows[r.row - 1] ?? [];
    const measureText = cellText(cells[c.measure]).trim();
    const measure = MEASURE_OF.get(measureText) ?? "unknown";
    const place = placeOf.get(`${r.sheet}\u0000${r.id}`);
    const base = {
      territory: plan.territory,
      plan_id: meta.planId,
      plan_version: meta.planVersion,
      partner: meta.partner,
      axis_id: place?.axisId ?? r.sheet.replace(/^Axe /, ""),
      axis: place?.axis ?? "",
      objective_id: place?.objectiveId ?? "",
      objective: place?.objective ?? cellText(cells[c.objective]).trim(),
      action_ref: r.ref,
      action: place?.action ?? cellText(cells[c.action]).trim(),
      indicator_id: place?.indicatorId ?? r.id.replace(/#\d+$/, ""),
      target_id: r.id,
      kind: KIND_CODE[r.kind],
      wording: r.text,
      target: r.target,
      measure,
      unit: cellText(cells[c.unit]).trim(),
      target_status: r.statusCode,
      target_status_label: STATUS_TEXT[r.statusCode],
      evaluation_year: evaluationYear,
      comment: cellText(cells[c.comment]),
      source: cellText(cells[c.source]),
    };
    layout.years.forEach((year, j) => {
      const y = r.years[String(year)];
      const status = (y && STATUS_OF.get(y.status)) ?? "a_renseigner";
      const raw = cells[c.firstYear + j];
      // An uncomputed formula is reported by the check as its text (`=A1+1`): shown as such.
      const typed =
        y && y.value === null && cellText(y.raw).startsWith("=") ? cellText(y.raw) : null;
      out.push({
        ...base,
        year,
        value_typed: typed ?? typedText(raw, measure === "percent"),
        value_read: y && typeof y.value === "number" ? y.value : null,
        milestone:
          measure === "milestone" && y && typeof y.value === "string"
            ? (MILESTONE_OF.get(y.value) ?? null)
            : null,
        status,
        status_label: STATUS_TEXT[status],
        message: y?.message ?? "",
      });
    });
  }
  return out;
}
