import { p } from "./format";
import type { MessageTemplate, Params } from "./types";

/** French sentences for the add-in's work in Excel (Office.js errors, mapped by their code). */
export const officeMessages = {
  "office.payload_too_large": () =>
    "Excel a refusé une demande trop volumineuse. Réessayez ; si le problème persiste, signalez-le.",
  "office.response_too_large": () =>
    "La réponse d'Excel dépasse la taille qu'il accepte de transmettre (classeur très volumineux). Réessayez ; si le problème persiste, utilisez la ligne de commande sur le fichier.",
  "office.inactive_workbook": () =>
    "Le classeur n'est plus actif (une autre fenêtre a pris la main) : revenez dans ce classeur, puis réessayez.",
  "office.formula_too_long": () =>
    "Une formule dépasse la longueur qu'Excel accepte (8 192 caractères). C'est une erreur du complément : signalez-la.",
  "office.access_denied": () =>
    "Excel a refusé la modification : une feuille ou le classeur est protégé. Retirez la protection ajoutée à la main, puis réessayez.",
  "office.item_not_found": () =>
    "Un onglet ou un élément attendu du classeur est introuvable (renommé ou supprimé ?).",
  "office.item_exists": () =>
    "Un onglet, un tableau ou un nom porte déjà ce nom dans le classeur : renommez-le, puis réessayez.",
  "office.invalid_argument": () =>
    "Excel a refusé une valeur transmise par le complément. C'est une erreur du complément : signalez-la.",
  "office.invalid_operation": () =>
    "Excel a refusé l'opération dans l'état actuel du classeur (onglet masqué, dernière feuille visible...).",
  "office.cell_edit_mode": () =>
    "Une cellule est en cours de saisie : validez-la (Entrée) ou quittez-la, puis réessayez.",
  "office.api_unsupported": () =>
    "Cette version d'Excel ne permet pas cette opération : mettez Excel à jour ou utilisez Excel sur le web.",
  "office.busy": () => "Excel est occupé : patientez quelques secondes, puis réessayez.",
  "office.general": () => "Excel a rencontré une erreur interne. Réessayez dans un instant.",
  "office.unknown": (x: Params<"code" | "reason">) =>
    `Excel a signalé une erreur (${p(x, "code")}) : ${p(x, "reason")}`,
  "office.internal": (x: Params<"reason">) =>
    `Erreur interne du complément : ${p(x, "reason")}. Signalez-la avec le journal de la console.`,
  "office.not_ctg": () =>
    "Ce classeur ne contient pas de classeur CTG : générez-le d'abord depuis le volet.",
  "office.schedule_missing": () =>
    "L'onglet « Échéancier » est introuvable : régénérez le classeur depuis le volet.",
  "office.cannot_open": () =>
    "Cette version d'Excel ne peut pas ouvrir un nouveau classeur depuis le complément : téléchargez le fichier puis ouvrez-le.",
} satisfies Record<string, MessageTemplate>;
