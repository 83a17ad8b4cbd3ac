import { p } from "./format";
import type { MessageTemplate, Params } from "./types";

/** French sentences for building and checking workbooks. */
export const checkMessages = {
  "check.not_xlsx": () => "ce fichier n'est pas un classeur Excel (.xlsx) lisible",
  "check.ods": () =>
    "c'est un classeur OpenDocument (.ods, LibreOffice) : ouvrez-le dans LibreOffice ou Excel, enregistrez-le au format Excel (.xlsx) et recommencez avec ce fichier",
  "check.encrypted": () =>
    "ce classeur est protégé par un mot de passe à l'ouverture : ouvrez-le dans Excel, retirez le mot de passe (Fichier › Informations › Protéger le classeur › Chiffrer avec mot de passe), enregistrez-le et recommencez",
  "check.xls": () =>
    "c'est un classeur Excel ancien format (.xls) : ouvrez-le dans Excel ou LibreOffice, enregistrez-le au format Excel (.xlsx) et recommencez avec ce fichier",
  "check.not_ctg": () =>
    "ce classeur n'est pas un classeur CTG (il n'a pas été produit par « ctg build » ni par le complément)",
  "check.meta_invalid": () =>
    "les informations internes du classeur CTG sont illisibles ou ont été modifiées",
  "check.sheet_missing": (x: Params<"sheet">) =>
    `l'onglet « ${p(x, "sheet")} » manque (renommé ou supprimé ?)`,
  "check.header_altered": (x: Params<"column" | "expected" | "found" | "sheet">) =>
    `la structure de l'onglet « ${p(x, "sheet")} » a été modifiée : colonne ${p(x, "column")}, « ${p(x, "expected")} » attendu, « ${p(x, "found")} » trouvé`,
  "check.row_unreadable": (x: Params<"id" | "row" | "sheet">) =>
    `la ligne ${p(x, "row")} de l'onglet « ${p(x, "sheet")} » (${p(x, "id")}) est illisible : colonnes Type ou Mesure modifiées`,
  "check.unusable": (x: Params<"file" | "reason">) =>
    `Impossible de vérifier ${p(x, "file")} : ${p(x, "reason")}`,
  "check.header": (x: Params<"file" | "plan" | "version" | "year">) =>
    `Classeur ${p(x, "file")} — plan ${p(x, "plan")} version ${p(x, "version")}, statuts évalués en ${p(x, "year")}.`,
  "check.row": (x: Params<"id" | "message" | "row" | "sheet" | "status">) =>
    `${p(x, "id")} (${p(x, "sheet")}, ligne ${p(x, "row")}) — ${p(x, "status")} : ${p(x, "message")}`,
  "check.entry": (x: Params<"message" | "raw" | "status" | "value" | "year">) =>
    `    ${p(x, "year")} : « ${p(x, "raw")} » lu comme ${p(x, "value")} — ${p(x, "status")} : ${p(x, "message")}`,
  "check.entry_unread": () => "rien d'utilisable",
  "check.formula_uncomputed": (x: Params<"column">) =>
    `formule non calculée (${p(x, "column")}) : ouvrez et enregistrez le classeur dans Excel ou LibreOffice pour la calculer`,
  "check.totals": (x: Params<"entries" | "invalid" | "rows">) =>
    `Total : ${p(x, "rows")} cibles, ${p(x, "entries")} saisies dont ${p(x, "invalid")} invalide(s).`,
  "check.totals_status": (x: Params<"count" | "status">) =>
    `  ${p(x, "status")} : ${p(x, "count")}`,
  "check.totals_axis": (x: Params<"detail" | "sheet">) => `  ${p(x, "sheet")} : ${p(x, "detail")}`,
  "check.no_entries": (x: Params<"count">) =>
    `${p(x, "count")} cible(s) sans aucune saisie (À renseigner) ne sont pas détaillées.`,
  "check.ok": () => "Toutes les saisies sont valides.",
  "check.some_invalid": (x: Params<"count">) =>
    `${p(x, "count")} saisie(s) invalide(s) : à corriger dans le classeur.`,
  "build.written": (x: Params<"file" | "rows" | "sheets">) =>
    `Classeur écrit : ${p(x, "file")} (${p(x, "sheets")} onglets, ${p(x, "rows")} lignes d'indicateurs).`,
  "check.missing_string": (x: Params<"index">) =>
    `(texte perdu : le fichier renvoie au texte partagé n° ${p(x, "index")}, qu'il ne contient pas)`,
} satisfies Record<string, MessageTemplate>;
