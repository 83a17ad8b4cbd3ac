import type { Status } from "../../domain/engine/types";
import { STATUSES } from "../../domain/engine/types";
import type { Plan } from "../../domain/plan/schema";
import { axisLayout, axisSheetName } from "../../domain/workbook/axisSheet";
import type { CheckReport, RowReport } from "../../domain/workbook/check";
import { columnLetter } from "../../domain/workbook/grid";
import { STATUS_TEXT } from "../../domain/workbook/labels";
import { T } from "../texts";

/**
 * What the pane shows of a check (plain data, testable without a DOM): counts per status and the
 * invalid entries grouped by axis, then action, each with the cell to go to.
 *
 * Cells are given to `WorkbookService.select` as 1-based row and 1-based column, as Excel shows them
 * (row 5, column 18 = R5 = cell R5).
 */

export type StatusTone = "success" | "danger" | "warning" | "informative" | "important" | "subtle";

export interface StatusCount {
  readonly code: Status;
  readonly label: string;
  readonly count: number;
  readonly tone: StatusTone;
}

export interface ProblemCell {
  readonly sheet: string;
  /** 1-based. */
  readonly row: number;
  /** 1-based. */
  readonly column: number;
  /** A1 address, e.g. `S12`. */
  readonly address: string;
  /** `2023 : « abc »`, or « la ligne » for a problem of the row as a whole. */
  readonly label: string;
  readonly message: string;
}

export interface IndicatorProblems {
  readonly id: string;
  readonly text: string;
  readonly target: string;
  readonly cells: readonly ProblemCell[];
}

export interface ActionProblems {
  readonly ref: string;
  /** The action's title from the plan, or null when the plan is not known. */
  readonly title: string | null;
  readonly indicators: readonly IndicatorProblems[];
}

export interface AxisProblems {
  readonly sheet: string;
  readonly title: string;
  readonly count: number;
  readonly actions: readonly ActionProblems[];
}

export interface CheckView {
  readonly rows: number;
  readonly entries: number;
  readonly invalidEntries: number;
  readonly evaluationYear: number;
  /** The plan's years (to say when the statuses are evaluated after its end), or null. */
  readonly period: { readonly start: number; readonly end: number } | null;
  readonly counts: readonly StatusCount[];
  readonly problemCount: number;
  readonly axes: readonly AxisProblems[];
}

export const STATUS_TONE: Readonly<Record<Status, StatusTone>> = {
  atteint: "success",
  non_atteint: "danger",
  en_cours: "informative",
  a_renseigner: "subtle",
  saisie_invalide: "warning",
  qualitatif: "important",
};

function rawText(raw: unknown): string {
  if (raw === null || raw === undefined) return "";
  if (typeof raw === "number")
    return new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 6 }).format(raw);
  if (typeof raw === "boolean") return raw ? "VRAI" : "FAUX";
  return String(raw).trim();
}

function problemCells(report: RowReport): ProblemCell[] {
  const years = Object.keys(report.years)
    .filter((y) => /^\d{4}$/.test(y))
    .map(Number)
    .sort((a, b) => a - b);
  const layout = axisLayout(years);
  const invalidText = STATUS_TEXT.saisie_invalide;
  const cells: ProblemCell[] = [];
  years.forEach((year, j) => {
    const y = report.years[String(year)];
    if (!y || y.status !== invalidText) return;
    const column = layout.col.firstYear + j + 1;
    cells.push({
      sheet: report.sheet,
      row: report.row,
      column,
      address: `${columnLetter(column - 1)}${report.row}`,
      label: T.check.yearProblem(String(year), rawText(y.raw)),
      message: y.message,
    });
  });
  if (cells.length === 0) {
    // Invalid as a whole (a target or reference cell): go to the row's status.
    const column = layout.col.status + 1;
    cells.push({
      sheet: report.sheet,
      row: report.row,
      column,
      address: `${columnLetter(column - 1)}${report.row}`,
      label: T.check.rowProblem,
      message: report.message,
    });
  }
  return cells;
}

function isProblem(report: RowReport): boolean {
  return report.statusCode === "saisie_invalide" || report.invalid;
}

export function checkView(report: CheckReport, plan: Plan | null): CheckView {
  const axisTitles = new Map<string, string>();
  const actionTitles = new Map<string, string>();
  for (const axis of plan?.axes ?? []) {
    axisTitles.set(axisSheetName(axis), `${axisSheetName(axis)} : ${axis.title}`);
    for (const objective of axis.objectives)
      for (const action of objective.actions) actionTitles.set(action.ref, action.title);
  }

  const counts = STATUSES.map((code) => ({
    code,
    label: STATUS_TEXT[code],
    count: report.summary.byStatus[code],
    tone: STATUS_TONE[code],
  }));

  const axes = new Map<string, Map<string, IndicatorProblems[]>>();
  let problemCount = 0;
  for (const row of report.indicators) {
    if (!isProblem(row)) continue;
    const cells = problemCells(row);
    problemCount += cells.length;
    const byAction = axes.get(row.sheet) ?? new Map<string, IndicatorProblems[]>();
    axes.set(row.sheet, byAction);
    const list = byAction.get(row.ref) ?? [];
    byAction.set(row.ref, list);
    list.push({ id: row.id, text: row.text, target: row.target, cells });
  }

  return {
    rows: report.summary.rows,
    entries: report.summary.entries,
    invalidEntries: report.summary.invalidEntries,
    evaluationYear: report.summary.evaluationYear,
    period: plan ? { start: plan.years.start, end: plan.years.end } : null,
    counts,
    problemCount,
    axes: [...axes].map(([sheet, byAction]) => {
      const actions = [...byAction].map(([ref, indicators]) => ({
        ref,
        title: actionTitles.get(ref) ?? null,
        indicators,
      }));
      return {
        sheet,
        title: axisTitles.get(sheet) ?? sheet,
        count: actions.reduce(
          (n, a) => n + a.indicators.reduce((m, i) => m + i.cells.length, 0),
          0
        ),
        actions,
      };
    }),
  };
}
