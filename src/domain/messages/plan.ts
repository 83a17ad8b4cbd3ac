import { p } from "./format";
import type { MessageTemplate, Params } from "./types";
import { planbookMessages } from "./planbook";

const KIND_LABELS: Readonly<Record<string, string>> = {
  realisation: "réalisation",
  resultat: "résultat",
  impact: "impact",
};
const WHERE_LABELS: Readonly<Record<string, string>> = {
  recap: "le récapitulatif",
  schedule: "l'échéancier",
  section: "la liste des actions de l'axe",
  fiche: "la fiche",
  summary: "le sommaire",
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

/** French sentences for plan files: schema problems, import notes, fiche/recap differences. */
export const planMessages = {
  // The plan workbook (its own file)
  ...planbookMessages,
  // Plan files
  "plan.schema_problem": (x: Params<"detail" | "path">) => `${p(x, "path")} : ${p(x, "detail")}`,
  "plan.json_invalid": (x: Params<"column" | "excerpt" | "line">) =>
    `le fichier n'est pas du JSON valide (ligne ${p(x, "line")}, colonne ${p(x, "column")}, près de « ${p(x, "excerpt")} »)`,
  "plan.json_truncated": () => "le fichier n'est pas du JSON valide (il semble incomplet ou vide)",
  "plan.file_unreadable": (x: Params<"file" | "reason">) =>
    `impossible de lire le fichier ${p(x, "file")} (${p(x, "reason")})`,
  "plan.valid": (
    x: Params<"actions" | "axes" | "id" | "indicators" | "objectives" | "title" | "version">
  ) =>
    `Plan valide : ${p(x, "title")} (${p(x, "id")}, version ${p(x, "version")}) — ${p(x, "axes")} axes, ${p(x, "objectives")} objectifs, ${p(x, "actions")} actions, ${p(x, "indicators")} indicateurs.`,
  "plan.invalid_header": (x: Params<"count" | "file">) =>
    `Le plan ${p(x, "file")} n'est pas valide (${p(x, "count")} problème(s)) :`,

  // Import notes (problems found in a source document)
  "import.years_missing": () =>
    "années du plan introuvables (une ligne « 2021-2025 » est attendue en page de titre)",
  "import.action_outside_objective": (x: Params<"ref">) =>
    `l'action ${p(x, "ref")} n'est rattachée à aucun objectif du sommaire`,
  "import.duplicate_ref": (x: Params<"ref">) =>
    `la référence ${p(x, "ref")} apparaît deux fois dans le sommaire ; la seconde est ignorée`,
  "import.fiche_without_action": (x: Params<"axis" | "line">) =>
    `une fiche action de l'axe ${p(x, "axis")} (ligne ${p(x, "line")}) ne correspond à aucune action du sommaire`,
  "import.action_without_fiche": (x: Params<"ref">) =>
    `l'action ${p(x, "ref")} n'a pas de fiche action dans le document`,
  "import.unknown_ref": (x: Params<"part" | "ref">) =>
    `la référence ${p(x, "ref")} du ${p(x, "part")} n'existe pas dans le sommaire`,

  // Differences between the fiches and the recap table (and the other lists of titles)
  "diff.title": (x: Params<"fiche" | "recap" | "where">) =>
    `intitulé différent dans ${WHERE_LABELS[String(x.where)] ?? p(x, "where")} : « ${p(x, "recap")} » (fiche : « ${p(x, "fiche")} »)`,
  "diff.pilotage": (x: Params<"fiche" | "recap">) =>
    `pilotage différent dans le récapitulatif : « ${p(x, "recap")} » (sommaire : « ${p(x, "fiche")} »)`,
  "diff.indicator_wording": (x: Params<"fiche" | "indicatorId" | "recap">) =>
    `indicateur ${p(x, "indicatorId")} formulé autrement dans le récapitulatif : « ${p(x, "recap")} » (fiche : « ${p(x, "fiche")} »)`,
  "diff.indicator_target": (x: Params<"fiche" | "indicatorId" | "recap">) =>
    `cible de l'indicateur ${p(x, "indicatorId")} différente dans le récapitulatif : « ${p(x, "recap")} » (fiche : « ${p(x, "fiche")} »)`,
  "diff.indicator_kind": (x: Params<"fiche" | "indicatorId" | "recap">) =>
    `indicateur ${p(x, "indicatorId")} classé en ${kindLabel(String(x.recap))} dans le récapitulatif, en ${kindLabel(String(x.fiche))} dans la fiche (colonnes décalées)`,
  "diff.indicator_fiche_only": (x: Params<"fiche" | "indicatorId">) =>
    `indicateur ${p(x, "indicatorId")} absent du récapitulatif : « ${p(x, "fiche")} »`,
  "diff.indicator_recap_only": (x: Params<"indicatorId" | "recap">) =>
    `indicateur ${p(x, "indicatorId")} présent seulement dans le récapitulatif : « ${p(x, "recap")} »`,
  "diff.recap_missing": () => "action absente du récapitulatif des indicateurs",
  "diff.fiche_missing": () => "action sans fiche action",
  "diff.recap_items_merged": (x: Params<"recap">) =>
    `deux indicateurs collés dans une même ligne du récapitulatif (séparés à l'import) : « ${p(x, "recap")} »`,
  "diff.recap_items_split": (x: Params<"recap">) =>
    `un indicateur du récapitulatif coupé en deux (recollé à l'import) : « ${p(x, "recap")} »`,
} satisfies Record<string, MessageTemplate>;
