/**
 * Readable French for targets: `≥ 12 enfants / an`, `≥ 80 % des structures`, `+20 % min. (hausse des
 * utilisateurs)`, `2 à 3 installations / an`, `10 places sous 2 ans`, `Réalisé (oui / non)`, `Qualitatif`,
 * `À préciser`. Pure functions.
 */
import { formatNumberFr, formatPercentFr } from "../messages/format";
import type { Comparator, Period, Target } from "./schema";

const COMPARATOR_PREFIX: Readonly<Record<Exclude<Comparator, "between">, string>> = {
  ">=": "≥ ",
  "<=": "≤ ",
  "=": "",
};

/** A plural unit reads "des structures"; a singular one is shown in brackets ("(personnel)"). */
function isPlural(unit: string): boolean {
  return /[sx]$/u.test(unit);
}

/** "de formations" / "d'enfants". */
function deUnit(unit: string): string {
  return /^[aeiouyhàâäéèêëîïôöûüœ]/iu.test(unit) ? `d'${unit}` : `de ${unit}`;
}

const PERIOD_SUFFIX: Readonly<Record<Period, string>> = {
  year: " / an",
  biennial: " / 2 ans",
  semester: " / semestre",
  quarter: " / trimestre",
  month: " / mois",
  total: "",
};

function periodSuffix(period: Period | null): string {
  return period === null ? "" : PERIOD_SUFFIX[period];
}

/** " sous 2 ans" (years from the plan's start) or " d'ici fin 2024" (an absolute year). */
function deadlineSuffix(t: Pick<Target, "deadlineYears" | "deadlineYear">): string {
  if (t.deadlineYear !== undefined) return ` d'ici fin ${t.deadlineYear}`;
  if (t.deadlineYears === null) return "";
  return ` sous ${formatNumberFr(t.deadlineYears)} ${t.deadlineYears > 1 ? "ans" : "an"}`;
}

/** `≥ 12`, `2 à 3`, `12` (numbers only). */
function amount(
  comparator: Comparator | null,
  value: number,
  valueMax: number | null,
  render: (n: number) => string
): string {
  if (comparator === "between" && valueMax !== null) {
    return `${formatNumberFr(value)} à ${render(valueMax)}`;
  }
  const prefix =
    comparator === null || comparator === "between" ? "" : COMPARATOR_PREFIX[comparator];
  return `${prefix}${render(value)}`;
}

function formatCount(t: Target): string {
  const time = `${periodSuffix(t.period)}${deadlineSuffix(t)}`;
  if (t.value === null) {
    return `${t.unit === null ? "Nombre" : `Nombre ${deUnit(t.unit)}`}${time} (à suivre)`;
  }
  const unit = t.unit === null ? "" : ` ${t.unit}`;
  return `${amount(t.comparator, t.value, t.valueMax, formatNumberFr)}${unit}${time}`;
}

/** `≥ 2 000 € / an`, `1 500 000 €`, `Montant (à suivre)`. */
function formatAmount(t: Target): string {
  const time = `${periodSuffix(t.period)}${deadlineSuffix(t)}`;
  if (t.value === null) return `Montant${time} (à suivre)`;
  return `${amount(t.comparator, t.value, t.valueMax, formatNumberFr)} €${time}`;
}

function shareOf(unit: string | null): string {
  if (unit === null) return "";
  return isPlural(unit) ? ` des ${unit}` : ` (${unit})`;
}

function formatPercent(t: Target): string {
  const time = `${periodSuffix(t.period)}${deadlineSuffix(t)}`;
  if (t.value === null) {
    return `${t.unit === null ? "Taux" : `Taux ${deUnit(t.unit)}`}${time} (à suivre)`;
  }
  return `${amount(t.comparator, t.value, t.valueMax, formatPercentFr)}${shareOf(t.unit)}${time}`;
}

/**
 * `+20 % min. (hausse des utilisateurs)`, `+20 % (hausse)`, `-10 % min. (baisse des absences)`.
 * A decrease is stored as a negative increase: "<=" -10 is a decrease of at least 10 %.
 */
function formatIncrease(t: Target): string {
  const time = `${periodSuffix(t.period)}${deadlineSuffix(t)}`;
  if (t.value === null) return `Évolution${shareOf(t.unit)}${time} (à suivre)`;
  const down = t.value < 0 || (t.valueMax !== null && t.valueMax < 0);
  const sign = down ? "-" : "+";
  const abs = (n: number): number => Math.abs(n);
  let figure: string;
  if (t.comparator === "between" && t.valueMax !== null) {
    const [low, high] = [abs(t.value), abs(t.valueMax)].sort((a, b) => a - b);
    figure = `${sign}${formatNumberFr(low ?? 0)} à ${formatPercentFr(high ?? 0)}`;
  } else {
    // The figure is a minimum when the change must be at least that big in its own direction.
    const atLeast = (t.comparator === ">=" && !down) || (t.comparator === "<=" && down);
    const atMost = (t.comparator === "<=" && !down) || (t.comparator === ">=" && down);
    figure = `${sign}${formatPercentFr(abs(t.value))}${atLeast ? " min." : atMost ? " max." : ""}`;
  }
  const what = t.unit === null ? "" : isPlural(t.unit) ? ` des ${t.unit}` : ` : ${t.unit}`;
  return `${figure}${time} (${down ? "baisse" : "hausse"}${what})`;
}

/** Readable French for one target. */
export function formatTarget(t: Target): string {
  switch (t.measure) {
    case "count":
      return formatCount(t);
    case "percent":
      return formatPercent(t);
    case "increase_percent":
      return formatIncrease(t);
    case "amount":
      return formatAmount(t);
    case "milestone":
      return `Réalisé${deadlineSuffix(t)} (oui / non)`;
    case "qualitative":
      return "Qualitatif";
    case "unknown":
      // What was read may be incomplete or misleading (a share or a count?): the fragment tells the reader.
      return "À préciser";
  }
}

/** Several targets joined with " ; " ("" for none). */
export function formatTargets(ts: readonly Target[]): string {
  return ts.map(formatTarget).join(" ; ");
}
