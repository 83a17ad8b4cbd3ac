/**
 * Which workbook commands this Excel can run, from its Office.js requirement sets. The check is a
 * plain function (injected), so the pane is testable without Office.
 */

/** `Office.context.requirements.isSetSupported`, or a stub in tests. */
export type RequirementCheck = (name: string, version: string) => boolean;

export type Feature = "workbook" | "autoCheck" | "outline";

export interface FeatureState {
  readonly available: boolean;
  /** French explanation when not available, else null. */
  readonly reason: string | null;
}

export type Features = Readonly<Record<Feature, FeatureState>>;

/**
 * What needs what (the manifest requires ExcelApi 1.8):
 * - `workbook` (generate, check, refresh, go to a cell, schedule): ExcelApi 1.8 — tables, data
 *   validation (1.8), conditional formatting and data bars (1.6), protection (1.2), hyperlinks (1.7).
 * - `autoCheck` (check again after an edit): ExcelApi 1.9 — the change event of the whole worksheet
 *   collection, with its details.
 * - `outline` (fold the detail columns under `+`): ExcelApi 1.10 — column groups.
 */
export const FEATURE_REQUIREMENTS: Readonly<
  Record<Feature, { readonly set: string; readonly version: string }>
> = {
  workbook: { set: "ExcelApi", version: "1.8" },
  autoCheck: { set: "ExcelApi", version: "1.9" },
  outline: { set: "ExcelApi", version: "1.10" },
};

const REASONS: Readonly<Record<Feature, string>> = {
  workbook:
    "Cette version d'Excel est trop ancienne pour le complément (ensemble ExcelApi 1.8 requis) : les commandes du classeur sont désactivées. Mettez Excel à jour, ou utilisez la ligne de commande « ctg build ».",
  autoCheck:
    "Cette version d'Excel ne signale pas les modifications du classeur (ensemble ExcelApi 1.9) : les saisies ne sont pas revérifiées automatiquement. Utilisez le bouton « Vérifier les saisies ».",
  outline:
    "Cette version d'Excel ne sait pas grouper les colonnes (ensemble ExcelApi 1.10) : les colonnes de détail des cibles ne seront pas repliables.",
};

function safeCheck(check: RequirementCheck, name: string, version: string): boolean {
  try {
    return check(name, version);
  } catch {
    return false;
  }
}

/** Each feature, available or not with its French reason. A feature needs the workbook feature too. */
export function features(check: RequirementCheck): Features {
  const state = (feature: Feature): FeatureState => {
    const { set, version } = FEATURE_REQUIREMENTS[feature];
    const ok = safeCheck(check, set, version);
    return { available: ok, reason: ok ? null : REASONS[feature] };
  };
  const workbook = state("workbook");
  if (!workbook.available) {
    const off: FeatureState = { available: false, reason: null };
    return { workbook, autoCheck: off, outline: off };
  }
  return { workbook, autoCheck: state("autoCheck"), outline: state("outline") };
}

/** Every feature off, with one reason (the page is not running inside Excel). */
export function noHost(reason: string): Features {
  const off: FeatureState = { available: false, reason: null };
  return { workbook: { available: false, reason }, autoCheck: off, outline: off };
}

/** The real check, where Office.js is loaded; false everywhere else. */
export function officeRequirementCheck(): RequirementCheck {
  return (name, version) =>
    typeof Office !== "undefined" &&
    typeof Office.context?.requirements?.isSetSupported === "function" &&
    Office.context.requirements.isSetSupported(name, version);
}
