import type { Status } from "../engine/types";
import { STATUSES } from "../engine/types";
import { formatNumberFr } from "../messages/format";
import type { Plan } from "../plan/schema";
import { axisSheetName, planYears } from "../workbook/axisSheet";
import type { CheckReport } from "../workbook/check";
import { STATUS_TEXT } from "../workbook/labels";
import { frenchDate, type SnapshotData, type SnapshotRow } from "../snapshot/sheet";

/**
 * What the yearly bilan document says (`ctg bilan`, the task pane's « Bilan »): plain data, in
 * French, that the HTML and Word renderers lay out. A summary (counts of targets by status and the
 * reporting rate, per axis and for the whole plan, the rate per year), then per axis and action each
 * target's value and status for the year, its comment, and how it changed since the last frozen bilan
 * of an earlier year.
 */

/** How a target changed since the previous frozen bilan. */
export type BilanChange =
  | { readonly kind: "no_previous" }
  | { readonly kind: "new" }
  | { readonly kind: "same"; readonly status: Status }
  | { readonly kind: "changed"; readonly from: Status; readonly to: Status };

export interface BilanTarget {
  readonly id: string;
  readonly kind: string;
  readonly indicator: string;
  readonly target: string;
  /** The year's value as read, in French (`""` when nothing was entered). */
  readonly value: string;
  readonly yearStatus: Status;
  readonly status: Status;
  readonly comment: string;
  readonly source: string;
  readonly change: BilanChange;
  /** The previous bilan's value (of its own year), `""` when none. */
  readonly previousValue: string;
}

export interface BilanAction {
  readonly ref: string;
  readonly title: string;
  readonly targets: readonly BilanTarget[];
}

export interface Tally {
  /** Targets per status (every status, 0 included). */
  readonly counts: Readonly<Record<Status, number>>;
  readonly total: number;
  /** Targets with an entry for the year over all targets (null without targets). */
  readonly reportingRate: number | null;
  /** Targets whose status changed since the previous bilan. */
  readonly changed: number;
}

export interface BilanAxis extends Tally {
  readonly id: string;
  readonly title: string;
  readonly actions: readonly BilanAction[];
}

export interface BilanDocument {
  readonly year: number;
  /** `JJ/MM/AAAA`. */
  readonly madeOn: string;
  readonly planTitle: string;
  readonly territory: string;
  readonly planVersion: string;
  /** The year the statuses of the targets are judged at (the workbook's evaluation date). */
  readonly evaluationYear: number;
  readonly overall: Tally;
  readonly axes: readonly BilanAxis[];
  /** The share of targets with an entry, for each plan year up to the bilan's. */
  readonly ratesByYear: ReadonlyArray<{ readonly year: number; readonly rate: number | null }>;
  /** The frozen bilan compared with, or null. */
  readonly previous: { readonly year: number; readonly takenOn: string } | null;
}

/** Status colours shared by the renderers (`RRGGBB`), in the order of `STATUSES`. */
export const STATUS_COLORS: Readonly<Record<Status, string>> = {
  atteint: "2E7D32",
  non_atteint: "C62828",
  en_cours: "F9A825",
  a_renseigner: "BDBDBD",
  saisie_invalide: "6A1B9A",
  qualitatif: "1565C0",
};

/** The statuses in the order the charts stack them. */
export const STATUS_ORDER: readonly Status[] = STATUSES;

/** The words of the document (French). */
export const BILAN_TEXT = {
  title: (year: number) => `Bilan ${year}`,
  subtitle: "Convention Territoriale Globale : bilan annuel des indicateurs",
  summary: "Synthèse",
  madeOn: (d: string) => `Document établi le ${d}`,
  /**
   * How the statuses were judged: a bilan made during its own year judges at that year; a bilan of
   * 2023 made in 2026 says its « Statut de la cible » column uses what is known in 2026.
   */
  evaluation: (year: number, evaluationYear: number, madeOn: string) =>
    evaluationYear === year
      ? `Statuts des cibles évalués pour l'année ${year}.`
      : `Valeurs et statuts de l'année ${year} ; « Statut de la cible » évalué pour l'année ${evaluationYear}, avec les saisies connues le ${madeOn}.`,
  statusesPerAxis: "Cibles par statut et par axe",
  reportingPerAxis: (year: number) => `Taux de renseignement ${year} par axe`,
  reportingPerYear: "Taux de renseignement par année",
  reportingHint:
    "Taux de renseignement : part des cibles qui ont une valeur saisie pour l'année (chaque cible en attend une).",
  whole: "Ensemble du plan",
  targets: "cibles",
  keyFigures: (total: number, rate: string, reached: number) =>
    `${formatNumberFr(total)} cibles suivies ; taux de renseignement ${rate} ; ${formatNumberFr(reached)} cibles atteintes.`,
  compared: (year: number, taken: string) =>
    `Évolutions : comparées au bilan ${year} figé le ${taken}.`,
  noPrevious:
    "Évolutions : aucun bilan d'une année antérieure n'est figé dans le classeur (figez chaque bilan avec « ctg snapshot » ou « Figer le bilan » pour suivre les évolutions).",
  changedCount: (n: number) => `${formatNumberFr(n)} cible(s) ont changé de statut depuis.`,
  axis: (id: string, title: string) => `Axe ${id} : ${title}`,
  action: (ref: string, title: string) => `${ref} ${title}`,
  columns: (year: number) => [
    "Indicateur",
    "Cible",
    `Valeur ${year}`,
    `Statut ${year}`,
    "Statut de la cible",
    "Évolution",
    "Commentaire",
  ],
  noTarget: "Aucune cible suivie pour cette action.",
  empty: "—",
  na: "n.d.",
} as const;

/** `0.625` -> `63 %` (`n.d.` for null). */
export function percentText(rate: number | null): string {
  return rate === null ? BILAN_TEXT.na : `${formatNumberFr(Math.round(rate * 100))} %`;
}

/** A change in French: `En cours → Atteint`, `inchangé`, `nouvelle cible`, `—`. */
export function changeText(change: BilanChange): string {
  switch (change.kind) {
    case "no_previous":
      return BILAN_TEXT.empty;
    case "new":
      return "nouvelle cible";
    case "same":
      return "inchangé";
    case "changed":
      return `${STATUS_TEXT[change.from]} → ${STATUS_TEXT[change.to]}`;
  }
}

function zero(): Record<Status, number> {
  const out = {} as Record<Status, number>;
  for (const s of STATUSES) out[s] = 0;
  return out;
}

function tally(targets: readonly BilanTarget[], entered: (t: BilanTarget) => boolean): Tally {
  const counts = zero();
  let made = 0;
  let changed = 0;
  for (const t of targets) {
    counts[t.status]++;
    if (entered(t)) made++;
    if (t.change.kind === "changed") changed++;
  }
  return {
    counts,
    total: targets.length,
    reportingRate: targets.length === 0 ? null : made / targets.length,
    changed,
  };
}

/** The share of targets with an entry, per plan year up to `year`. */
export function ratesByYear(
  report: CheckReport,
  years: readonly number[]
): Array<{ year: number; rate: number | null }> {
  const n = report.indicators.length;
  return years.map((y) => {
    const made = report.indicators.filter((r) => {
      const raw = r.years[String(y)]?.raw;
      return raw !== null && raw !== undefined && String(raw).trim() !== "";
    }).length;
    return { year: y, rate: n === 0 ? null : made / n };
  });
}

/**
 * The frozen bilan to compare the year's with: the latest one of an earlier year (the previous
 * committee's), or null.
 */
export function previousSnapshot(
  snapshots: readonly SnapshotData[],
  year: number
): SnapshotData | null {
  const earlier = snapshots
    .filter((s) => s.year < year)
    .sort((a, b) => a.year - b.year || a.takenOn.localeCompare(b.takenOn));
  return earlier[earlier.length - 1] ?? null;
}

/**
 * The bilan of `year`: `rows` are the targets as they are today (`snapshotRows` of the check
 * report), `previous` the frozen bilan to compare with.
 */
export function bilanDocument(
  plan: Plan,
  rows: readonly SnapshotRow[],
  context: {
    readonly year: number;
    readonly madeOn: string;
    readonly evaluationYear: number;
    readonly ratesByYear: ReadonlyArray<{ readonly year: number; readonly rate: number | null }>;
    readonly previous: SnapshotData | null;
  }
): BilanDocument {
  const before = new Map((context.previous?.rows ?? []).map((r) => [r.id, r]));
  const entered = new Set(rows.filter((r) => r.raw !== null).map((r) => r.id));
  const target = (r: SnapshotRow): BilanTarget => {
    const old = before.get(r.id);
    const change: BilanChange = !context.previous
      ? { kind: "no_previous" }
      : !old
        ? { kind: "new" }
        : old.status === r.status
          ? { kind: "same", status: r.status }
          : { kind: "changed", from: old.status, to: r.status };
    return {
      id: r.id,
      kind: r.kind,
      indicator: r.indicator,
      target: r.target,
      value: r.value,
      yearStatus: r.yearStatus,
      status: r.status,
      comment: r.comment,
      source: r.source,
      change,
      previousValue: old?.value ?? "",
    };
  };
  const isEntered = (t: BilanTarget) => entered.has(t.id);
  const bySheet = new Map<string, SnapshotRow[]>();
  for (const r of rows) {
    const list = bySheet.get(r.sheet) ?? [];
    list.push(r);
    bySheet.set(r.sheet, list);
  }
  const axes: BilanAxis[] = plan.axes.map((axis) => {
    const axisRows = bySheet.get(axisSheetName(axis)) ?? [];
    const actions: BilanAction[] = axis.objectives.flatMap((o) =>
      o.actions.map((a) => ({
        ref: a.ref,
        title: a.title,
        targets: axisRows.filter((r) => r.ref === a.ref).map(target),
      }))
    );
    const all = actions.flatMap((a) => a.targets);
    return { id: axis.id, title: axis.title, actions, ...tally(all, isEntered) };
  });
  const years = new Set(planYears(plan).filter((y) => y <= context.year));
  return {
    year: context.year,
    madeOn: frenchDate(context.madeOn),
    planTitle: plan.title,
    territory: plan.territory,
    planVersion: plan.version,
    evaluationYear: context.evaluationYear,
    overall: tally(
      axes.flatMap((a) => a.actions.flatMap((x) => x.targets)),
      isEntered
    ),
    axes,
    ratesByYear: context.ratesByYear.filter((r) => years.has(r.year)),
    previous: context.previous
      ? { year: context.previous.year, takenOn: frenchDate(context.previous.takenOn) }
      : null,
  };
}
