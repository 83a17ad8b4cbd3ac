import { p } from "./format";
import type { MessageTemplate, Params } from "./types";

/**
 * French sentences of the plan workbook (`ctg plan export-xlsx`, `ctg plan import-xlsx`): each
 * problem names its sheet and cell and says what to do.
 */
export const planbookMessages = {
  "planbook.not_planbook": (x: Params<"sheet">) =>
    `ce classeur n'est pas un classeur de plan : l'onglet « ${p(x, "sheet")} » est introuvable. Partez d'un classeur écrit par « ctg plan new » ou « ctg plan export-xlsx », sans renommer ses onglets.`,
  "planbook.missing_column": (x: Params<"column" | "sheet">) =>
    `onglet « ${p(x, "sheet")} » : la colonne « ${p(x, "column")} » est introuvable dans la ligne d'en-tête. Remettez-la (le titre exact de la colonne) sans renommer les autres.`,
  "planbook.required": (x: Params<"cell" | "column" | "sheet">) =>
    `onglet « ${p(x, "sheet")} », cellule ${p(x, "cell")} : « ${p(x, "column")} » est vide. Saisissez-la, ou videz toute la ligne pour la supprimer.`,
  "planbook.duplicate_id": (x: Params<"cell" | "id" | "other" | "sheet">) =>
    `onglet « ${p(x, "sheet")} », cellule ${p(x, "cell")} : l'identifiant ${p(x, "id")} est déjà celui de la ligne ${p(x, "other")}. Une ligne copiée garde l'identifiant de l'original : videz la cellule de la copie, un nouvel identifiant lui sera donné.`,
  "planbook.bad_id": (x: Params<"cell" | "example" | "id" | "sheet">) =>
    `onglet « ${p(x, "sheet")} », cellule ${p(x, "cell")} : « ${p(x, "id")} » n'est pas un identifiant valide (par exemple ${p(x, "example")}). Ne modifiez pas la colonne ID : videz la cellule pour qu'un identifiant soit attribué.`,
  "planbook.id_mismatch": (x: Params<"cell" | "id" | "parent" | "sheet">) =>
    `onglet « ${p(x, "sheet")} », cellule ${p(x, "cell")} : ${p(x, "id")} ne peut pas être rattaché à ${p(x, "parent")} (son identifiant porte celui de son parent). Pour le déplacer, videz sa cellule ID : il recevra un nouvel identifiant sous ${p(x, "parent")}.`,
  "planbook.unknown_parent": (x: Params<"cell" | "level" | "sheet" | "value">) =>
    `onglet « ${p(x, "sheet")} », cellule ${p(x, "cell")} : ${p(x, "level")} « ${p(x, "value")} » n'existe pas. Choisissez un identifiant de la colonne ID de son onglet.`,
  "planbook.unknown_choice": (x: Params<"cell" | "choices" | "sheet" | "value">) =>
    `onglet « ${p(x, "sheet")} », cellule ${p(x, "cell")} : « ${p(x, "value")} » n'est pas une valeur possible. Choisissez dans la liste : ${p(x, "choices")}.`,
  "planbook.not_number": (x: Params<"cell" | "sheet" | "value">) =>
    `onglet « ${p(x, "sheet")} », cellule ${p(x, "cell")} : « ${p(x, "value")} » n'est pas un nombre. Saisissez un nombre (par exemple 12 ou 12,5).`,
  "planbook.not_date": (x: Params<"cell" | "sheet" | "value">) =>
    `onglet « ${p(x, "sheet")} », cellule ${p(x, "cell")} : « ${p(x, "value")} » n'est pas une date. Saisissez une date (par exemple 01/09/2022).`,
  "planbook.bad_line": (x: Params<"cell" | "expected" | "line" | "sheet">) =>
    `onglet « ${p(x, "sheet")} », cellule ${p(x, "cell")} : la ligne « ${p(x, "line")} » n'a pas la forme attendue (${p(x, "expected")}).`,
  "planbook.no_fiche": (x: Params<"cell" | "ref" | "sheet">) =>
    `onglet « ${p(x, "sheet")} », cellule ${p(x, "cell")} : l'action ${p(x, "ref")} n'a pas de fiche (colonne « Fiche » à Non) mais cette ligne lui en donne un élément. Mettez « Fiche » à Oui, ou videz la cellule.`,
  "planbook.targets_twice": (x: Params<"cell" | "id" | "sheet">) =>
    `onglet « ${p(x, "sheet")} », cellule ${p(x, "cell")} : l'indicateur ${p(x, "id")} a des cibles dans l'onglet « Cibles » et aussi dans ses colonnes de cible. Gardez l'un ou l'autre.`,
  "planbook.empty_level": (x: Params<"sheet">) =>
    `onglet « ${p(x, "sheet")} » : aucune ligne. Un plan a au moins un axe, un objectif par axe et une action par objectif.`,
  "planbook.childless": (x: Params<"cell" | "id" | "sheet" | "what">) =>
    `onglet « ${p(x, "sheet")} », cellule ${p(x, "cell")} : ${p(x, "id")} n'a aucun(e) ${p(x, "what")}. Ajoutez-en un(e) ou supprimez la ligne.`,
  "planbook.schema": (x: Params<"cell" | "detail" | "sheet">) =>
    `onglet « ${p(x, "sheet")} », cellule ${p(x, "cell")} : ${p(x, "detail")}.`,
  "planbook.schema_plan": (x: Params<"detail" | "path">) =>
    `plan (${p(x, "path")}) : ${p(x, "detail")}.`,
  "planbook.invalid_header": (x: Params<"count" | "file">) =>
    `Le classeur de plan ${p(x, "file")} n'est pas valide (${p(x, "count")} problème(s)) ; rien n'a été écrit :`,
  "planbook.read": (
    x: Params<"actions" | "axes" | "file" | "indicators" | "newIds" | "objectives">
  ) =>
    `Classeur de plan lu : ${p(x, "file")} — ${p(x, "axes")} axes, ${p(x, "objectives")} objectifs, ${p(x, "actions")} actions, ${p(x, "indicators")} indicateurs ; ${p(x, "newIds")} nouvel(s) identifiant(s) attribué(s).`,
  "planbook.written": (x: Params<"file" | "rows">) =>
    `Classeur de plan écrit : ${p(x, "file")} (${p(x, "rows")} lignes d'indicateurs). Remplissez les cellules jaunes, puis « ctg plan import-xlsx ».`,
} satisfies Record<string, MessageTemplate>;
