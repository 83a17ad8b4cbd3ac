import type { QuantityParams } from "../engine/evaluate";
import type { MessageParams, MessageTemplate, Params } from "./types";
import { formatNumberFr, formatPercentFr, p } from "./format";

/**
 * French sentences for the evaluation engine (entry reading and statuses).
 * Codes are listed in src/domain/engine/codes.ts; params of quantity messages are described by
 * `QuantityParams` in src/domain/engine/evaluate.ts.
 */

// --- Helpers -------------------------------------------------------------------------------------

function num(params: MessageParams, key: string): number | null {
  const v = params[key];
  return typeof v === "number" ? v : null;
}

/** `« texte »` with French no-break spaces inside the guillemets. */
function quoted(params: MessageParams, key: string): string {
  return `«\u00a0${p(params, key)}\u00a0»`;
}

/** A value in the target's measure: `20 %` for a percentage, `14 enfants` for a count with a unit. */
function amount(params: MessageParams, key: string, withUnit = true): string {
  const v = num(params, key);
  if (v === null) return "";
  if (params.measure === "percent") return formatPercentFr(v);
  const unit = withUnit ? p(params, "unit") : "";
  return unit === "" ? formatNumberFr(v) : `${formatNumberFr(v)} ${unit}`;
}

/** `+15 %`, `−5 %` */
function signedPercent(v: number): string {
  return v > 0
    ? `+${formatPercentFr(v)}`
    : v < 0
      ? `\u2212${formatPercentFr(-v)}`
      : formatPercentFr(0);
}

function years(from: number | null, to: number | null): string {
  if (from === null || to === null || from === to) return formatYear(to ?? from);
  return `${formatYear(from)}-${formatYear(to)}`;
}

/** Years are printed without a thousands separator (2 025 would be odd). */
function formatYear(y: number | null): string {
  return y === null ? "" : String(y);
}

function isIncrease(params: MessageParams): boolean {
  return params.measure === "increase_percent";
}

/** ` (+15 % par rapport à la référence : 100)` for increases, empty otherwise. */
function increaseDetail(params: MessageParams): string {
  if (!isIncrease(params)) return "";
  const refYear = num(params, "referenceYear");
  const from = refYear === null ? "la référence" : formatYear(refYear);
  const ref = formatNumberFr(num(params, "reference") ?? 0);
  const inc = num(params, "increase");
  return inc === null
    ? ` (par rapport à ${from} : ${ref})`
    : ` (${signedPercent(inc)} par rapport à ${from} : ${ref})`;
}

/** What was measured, where: `2022 : 14 enfants`, `Cumul 2021-2023 : 45 enfants`, `Dernière valeur (2023) : 20 places`. */
function situation(params: MessageParams): string {
  const year = num(params, "year");
  const from = num(params, "fromYear");
  const value = amount(params, "value") + increaseDetail(params);
  switch (params.scope) {
    case "cumulative":
      return `Cumul ${years(from, year)} : ${value}`;
    case "latest":
      return `Dernière valeur (${formatYear(year)}) : ${value}`;
    case "window":
      return `${years(from, year)} : ${value}`;
    default:
      return `${formatYear(year)} : ${value}`;
  }
}

/** The target: `≥ 12 enfants par an`, `2 à 3 installations par an`, `augmentation d'au moins 10 %`, `≤ 5 %`. */
function objective(params: MessageParams, withDeadline = true): string {
  const cmp = params.cmp;
  const max = num(params, "targetMax");
  let text: string;
  if (isIncrease(params)) {
    const t = formatPercentFr(num(params, "target") ?? 0);
    if (cmp === ">=") {
      text = `augmentation d'au moins ${t}`;
    } else if (cmp === "<=") {
      text = `augmentation d'au plus ${t}`;
    } else if (cmp === "between" && max !== null) {
      text = `augmentation de ${formatNumberFr(num(params, "target") ?? 0)} à ${formatPercentFr(max)}`;
    } else {
      text = `augmentation de ${t}`;
    }
  } else if (cmp === ">=") {
    text = `≥ ${amount(params, "target")}`;
  } else if (cmp === "<=") {
    text = `≤ ${amount(params, "target")}`;
  } else if (cmp === "between" && max !== null) {
    text = `${amount(params, "target", false)} à ${amount(params, "targetMax")}`;
  } else {
    text = amount(params, "target"); // "=" or no comparator: the figure itself
  }
  const deadline = withDeadline ? num(params, "deadlineYear") : null;
  if (params.per === "year") text += " par an";
  else if (params.per === "biennial") text += " tous les deux ans";
  else if (params.scope === "cumulative" && deadline === null) text += " sur la période";
  if (deadline !== null) text += ` d'ici fin ${formatYear(deadline)}`;
  return text;
}

/** `Cumul 2021-2023 : 45 sur 100 enfants` for cumulative "at least" targets, else null. */
function cumulativeHead(params: MessageParams): string | null {
  if (params.scope !== "cumulative" || params.cmp === "<=" || params.cmp === "between") return null;
  const unit = p(params, "unit");
  const of = `${formatNumberFr(num(params, "value") ?? 0)} sur ${formatNumberFr(num(params, "target") ?? 0)}`;
  return `Cumul ${years(num(params, "fromYear"), num(params, "year"))} : ${unit === "" ? of : `${of} ${unit}`}`;
}

function endOf(params: MessageParams, key = "endYear"): string {
  return `fin ${formatYear(num(params, key))}`;
}

const REASON_TEXT: Readonly<Record<string, string>> = {
  qualitative: "objectif qualitatif, non évalué automatiquement",
  no_target_value: "pas de valeur cible chiffrée, non évalué automatiquement",
  amount: "montant en euros, non évalué automatiquement",
  sub_year_period: "objectif par mois, trimestre ou semestre, non évalué automatiquement",
};

const reasonText = (params: MessageParams): string =>
  REASON_TEXT[String(params.reason)] ?? REASON_TEXT["no_target_value"] ?? "";

// --- Catalogue -----------------------------------------------------------------------------------

export const engineMessages = {
  // Reading entries
  "entry.text_not_number": (x: Params<"text">) =>
    `${quoted(x, "text")} n'est pas un nombre : saisissez seulement un nombre, sans texte ni unité (par exemple 12).`,
  "entry.text_not_percent": (x: Params<"text">) =>
    `${quoted(x, "text")} n'est pas un pourcentage : saisissez un nombre, par exemple 20 % (ou 0,2).`,
  "entry.negative": (x: Params<"value">) =>
    `${formatNumberFr(num(x, "value") ?? 0)} : un nombre ne peut pas être négatif ici.`,
  "entry.decimal_count": (x: Params<"value">) =>
    `${formatNumberFr(num(x, "value") ?? 0)} : saisissez un nombre entier (sans décimale), il s'agit d'un effectif.`,
  "entry.ambiguous_thousands": (x: Params<"text" | "whole">) =>
    `${quoted(x, "text")} : saisissez un nombre entier sans point ni virgule. Pour ${formatNumberFr(num(x, "whole") ?? 0)}, tapez ${String(num(x, "whole") ?? "")} ou ${formatNumberFr(num(x, "whole") ?? 0)}.`,
  "entry.percent_in_count": (x: Params<"text">) =>
    `${quoted(x, "text")} : saisissez un nombre, pas un pourcentage (pour une augmentation, saisissez la valeur mesurée : le pourcentage est calculé).`,
  "entry.percent_above_100": (x: Params<"value">) =>
    `${formatPercentFr(num(x, "value") ?? 0)} : un pourcentage ne peut pas dépasser 100 %.`,
  "entry.negative_percent": (x: Params<"value">) =>
    `${formatPercentFr(num(x, "value") ?? 0)} : un pourcentage ne peut pas être négatif.`,
  "entry.unknown_yes_no": (x: Params<"text">) =>
    `${quoted(x, "text")} : répondez Oui, Non ou En cours.`,
  "entry.boolean_not_number": (x: Params<"text">) =>
    `${quoted(x, "text")} : saisissez un nombre, pas une case à cocher.`,
  "entry.excel_error": (x: Params<"text">) =>
    `La cellule contient une erreur Excel (${p(x, "text")}) : corrigez la formule ou saisissez une valeur.`,
  "entry.not_finite": () => "Valeur numérique invalide : saisissez un nombre.",
  "entry.number_as_text": (x: Params<"text">) =>
    `${quoted(x, "text")} : nombre saisi comme du texte : retapez-le pour qu'il soit compté.`,

  // Quantities
  "status.reached": (x: QuantityParams) => {
    const head = cumulativeHead(x);
    return head !== null
      ? `${head} — objectif atteint`
      : `${situation(x)}, objectif ${objective(x)} atteint`;
  },
  "status.above_range": (x: QuantityParams) =>
    `${situation(x)}, au-dessus de la fourchette (objectif ${objective(x)}) : objectif atteint`,
  "status.not_reached": (x: QuantityParams) => {
    const head = cumulativeHead(x);
    if (head !== null) return `${head} — objectif non atteint à l'échéance (${endOf(x)})`;
    const over = x.scope === "year" || x.scope === "window" ? "" : ` à l'échéance (${endOf(x)})`;
    return `${situation(x)}, objectif ${objective(x)} non atteint${over}`;
  },
  "status.in_progress": (x: QuantityParams) => {
    const head = cumulativeHead(x);
    if (head !== null) return `${head} — en cours jusqu'à ${endOf(x)}`;
    return `${situation(x)}, objectif ${objective(x)} pas encore atteint — en cours jusqu'à ${endOf(x)}`;
  },
  "status.reached_after_deadline": (x: QuantityParams) => {
    const late = `atteint seulement en ${formatYear(num(x, "reachedYear"))}, après l'échéance (${endOf(x, "deadlineYear")}) : non atteint`;
    const head = cumulativeHead(x);
    return head !== null
      ? `${head} — ${late}`
      : `${situation(x)}, objectif ${objective(x, false)} ${late}`;
  },
  "status.max_exceeded": (x: QuantityParams) =>
    `${situation(x)}, au-delà de l'objectif ${objective(x)} : non atteint`,
  "status.max_respected_so_far": (x: QuantityParams) =>
    `${situation(x)}, objectif ${objective(x)} respecté à ce jour — en cours jusqu'à ${endOf(x)}`,
  "status.max_incomplete": (x: QuantityParams) =>
    `${situation(x)}, objectif ${objective(x)} respecté sur les années saisies, mais des années restent à renseigner`,

  // Missing entries, invalid entries, baseline
  "status.year_blank": (x: Params<"year">) => `${formatYear(num(x, "year"))} : à renseigner`,
  "status.no_entry": () => "Aucune saisie pour l'instant : renseignez les valeurs annuelles",
  "status.invalid_entries": (x: Params<"count" | "years">) =>
    num(x, "count") === 1
      ? `Saisie invalide (${p(x, "years")}) : corrigez-la pour que l'objectif soit évalué`
      : `${formatNumberFr(num(x, "count") ?? 0)} saisies invalides (${p(x, "years")}) : corrigez-les pour que l'objectif soit évalué`,
  "status.baseline_missing": () =>
    "Référence manquante : saisissez la valeur de référence pour mesurer l'augmentation",
  "status.baseline_invalid": (x: Params<"text">) =>
    `Valeur de référence invalide (${quoted(x, "text")}) : saisissez un nombre entier positif pour mesurer l'augmentation`,
  "status.baseline_zero": () =>
    "La valeur de référence est 0 : une augmentation en pourcentage ne se calcule pas à partir de 0. Saisissez une valeur de référence non nulle",

  // Milestones
  "status.milestone_reached": (x: Params<"reachedYear" | "year">) =>
    num(x, "year") === num(x, "reachedYear")
      ? `${formatYear(num(x, "year"))} : réalisé, objectif atteint`
      : `${formatYear(num(x, "year"))} : déjà réalisé en ${formatYear(num(x, "reachedYear"))}, objectif atteint`,
  "status.milestone_reached_after_deadline": (x: Params<"deadlineYear" | "reachedYear">) =>
    `Réalisé en ${formatYear(num(x, "reachedYear"))}, après l'échéance (${endOf(x, "deadlineYear")}) : objectif non atteint`,
  "status.milestone_in_progress": (x: Params<"endYear" | "year">) =>
    `${formatYear(num(x, "year"))} : en cours — échéance ${endOf(x)}`,
  "status.milestone_not_yet": (x: Params<"endYear" | "year">) =>
    `${formatYear(num(x, "year"))} : pas encore réalisé — en cours jusqu'à ${endOf(x)}`,
  "status.milestone_not_reached": (x: Params<"endYear" | "year">) =>
    `${formatYear(num(x, "year"))} : non réalisé à l'échéance (${endOf(x)}), objectif non atteint`,

  // Recorded, not judged
  "status.recorded": (x: Params<"reason" | "year">) =>
    `${formatYear(num(x, "year"))} : saisie enregistrée (${reasonText(x)})`,
  "status.recorded_overall": (x: Params<"count" | "reason" | "year">) =>
    num(x, "count") === 1
      ? `1 saisie enregistrée, en ${formatYear(num(x, "year"))} (${reasonText(x)})`
      : `${formatNumberFr(num(x, "count") ?? 0)} saisies enregistrées, la dernière en ${formatYear(num(x, "year"))} (${reasonText(x)})`,
} satisfies Record<string, MessageTemplate>;
