import { STATUSES, type Status } from "../engine/types";
import { isExcelBlank } from "../engine/read";
import type { Plan } from "../plan/schema";
import { axisSheetName } from "../workbook/axisSheet";
import { zeroPerStatus, type CheckReport } from "../workbook/check";

/**
 * The figures of one territory's workbook for the CAF's consolidation (`ctg consolidate`), per axis
 * and for the whole plan, from `ctg check`'s report (the same engine and statuses):
 * - targets by overall status (the workbook's Statut column);
 * - the reporting rate as the Tableau de bord computes it: entries made over entries expected, one
 *   entry expected per target and plan year up to the evaluation year (a cell with anything but
 *   spaces is an entry, a bad one included);
 * - the progress (« avancement »): targets reached over targets judged, the judged ones being all
 *   targets that are not qualitative, whether or not entered.
 * Pure: the shell reads the files.
 */

export interface Figures {
  readonly targets: number;
  readonly byStatus: Readonly<Record<Status, number>>;
  readonly made: number;
  readonly expected: number;
  /** `made / expected`, from 0 to 1; null when nothing is expected yet. */
  readonly rate: number | null;
  /** Targets reached over targets that are not qualitative, from 0 to 1; null when all are. */
  readonly progress: number | null;
}

export interface AxisFigures extends Figures {
  readonly axisId: string;
  readonly title: string;
}

export interface TerritoryFigures {
  /** The file as named on the command line. */
  readonly file: string;
  readonly territory: string;
  readonly planId: string;
  readonly planVersion: string;
  /** A partner's workbook: the partner's name (`""` for a master). */
  readonly partner: string;
  readonly years: { readonly start: number; readonly end: number };
  readonly evaluationYear: number;
  readonly axes: readonly AxisFigures[];
  readonly total: Figures;
}

interface Tally {
  targets: number;
  byStatus: Record<Status, number>;
  made: number;
  expected: number;
}

const newTally = (): Tally => ({ targets: 0, byStatus: zeroPerStatus(), made: 0, expected: 0 });

function figures(t: Tally): Figures {
  const judged = t.targets - t.byStatus.qualitatif;
  return {
    targets: t.targets,
    byStatus: t.byStatus,
    made: t.made,
    expected: t.expected,
    rate: t.expected > 0 ? t.made / t.expected : null,
    progress: judged > 0 ? t.byStatus.atteint / judged : null,
  };
}

const isEntry = (raw: unknown): boolean =>
  raw !== null && raw !== undefined && !(typeof raw === "string" && isExcelBlank(raw));

/** The figures of a checked workbook, per axis of its plan (in the plan's order) and in total. */
export function territoryFigures(
  file: string,
  plan: Plan,
  meta: { readonly planId: string; readonly planVersion: string; readonly partner: string },
  report: CheckReport
): TerritoryFigures {
  const evaluationYear = report.summary.evaluationYear;
  const bySheet = new Map<string, Tally>();
  const total = newTally();
  for (const r of report.indicators) {
    let tally = bySheet.get(r.sheet);
    if (!tally) bySheet.set(r.sheet, (tally = newTally()));
    const years = Object.keys(r.years).map(Number);
    const due = years.filter((y) => y <= evaluationYear);
    const made = due.filter((y) => isEntry(r.years[String(y)]?.raw)).length;
    for (const t of [tally, total]) {
      t.targets++;
      t.byStatus[r.statusCode]++;
      t.expected += due.length;
      t.made += made;
    }
  }
  return {
    file,
    territory: plan.territory,
    planId: meta.planId,
    planVersion: meta.planVersion,
    partner: meta.partner,
    years: { start: plan.years.start, end: plan.years.end },
    evaluationYear,
    axes: plan.axes.map((axis) => ({
      axisId: axis.id,
      title: axis.title,
      ...figures(bySheet.get(axisSheetName(axis)) ?? newTally()),
    })),
    total: figures(total),
  };
}

/** The sum of several territories' totals (the « Ensemble » row of the consolidation). */
export function sumFigures(all: readonly Figures[]): Figures {
  const t = newTally();
  for (const f of all) {
    t.targets += f.targets;
    t.made += f.made;
    t.expected += f.expected;
    for (const st of STATUSES) t.byStatus[st] += f.byStatus[st];
  }
  return figures(t);
}
