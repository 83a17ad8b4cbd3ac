import type { Aggregation, Status } from "../engine/types";
import type { Comparator, Measure, Period } from "../targets/schema";

/**
 * The French words written in the workbook's cells and read back from them. They are data the
 * formulas compare against, so they live here (one place) and in the Paramètres sheet's lists.
 */
export const STATUS_TEXT: Readonly<Record<Status, string>> = {
  atteint: "Atteint",
  non_atteint: "Non atteint",
  en_cours: "En cours",
  a_renseigner: "À renseigner",
  saisie_invalide: "Saisie invalide",
  qualitatif: "Qualitatif",
};

export const COMPARATOR_TEXT: Readonly<Record<Comparator, string>> = {
  ">=": "≥",
  "<=": "≤",
  "=": "=",
  between: "entre",
};

export const AGGREGATION_TEXT: Readonly<Record<Aggregation, string>> = {
  per_year: "Par an",
  cumulative: "Cumul",
  latest: "Dernière valeur",
};

export const MEASURE_TEXT: Readonly<Record<Measure, string>> = {
  count: "Nombre",
  percent: "Part (%)",
  increase_percent: "Hausse (%)",
  amount: "Montant (€)",
  milestone: "Jalon",
  qualitative: "Qualitatif",
  unknown: "À préciser",
};

export const PERIOD_TEXT: Readonly<Record<Period, string>> = {
  year: "par an",
  total: "sur la période",
  biennial: "tous les 2 ans",
  semester: "par semestre",
  quarter: "par trimestre",
  month: "par mois",
};

export const MILESTONE_TEXT = { oui: "Oui", non: "Non", en_cours: "En cours" } as const;
