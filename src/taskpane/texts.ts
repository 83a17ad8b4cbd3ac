/**
 * The task pane's labels: the catalogue's (src/domain/messages/taskpane.ts), plus the words of the
 * narrow-pane layout (sections, conflict cards, the schedule editor, focus announcements).
 */
import { T as base, plural } from "../domain/messages/taskpane";
import { formatNumberFr } from "../domain/messages/format";

export { plural };

export const T = {
  ...base,
  nav: {
    label: "Sections du volet",
    workbook: "Classeur",
    check: "Vérification",
    schedule: "Échéancier",
    partners: "Partenaires",
    bilan: "Bilan",
  },
  needCtg:
    "Ce classeur ne contient pas encore de classeur CTG : générez-le d'abord dans la section « Classeur ».",
  check: {
    ...base.check,
    summary: (rows: number, entries: number, invalid: number, year: number) =>
      `${plural(rows, "cible", "cibles")} ; ${plural(entries, "saisie", "saisies")}, dont ${plural(invalid, "saisie invalide", "saisies invalides")} ; statuts évalués en ${year}.`,
    periodOver: (start: number, end: number, year: number) =>
      `La convention ${start}–${end} est terminée : les statuts sont évalués en ${year}, après sa fin.`,
    countsHint: "Le tableau compte des cibles (une cible peut avoir plusieurs saisies).",
    selected: (cell: string, sheet: string) => `Cellule ${cell} de l'onglet ${sheet} sélectionnée.`,
  },
  schedule: {
    ...base.schedule,
    actions: "Actions de l'échéancier",
    close: "Fermer l'échéancier",
    editing: (ref: string) => `Action ${ref}`,
    noDates: "non planifiée",
    dates: (start: string | null, end: string | null) => `${start ?? "…"} → ${end ?? "…"}`,
    badDateField: "Date invalide.",
    endBeforeStartField: "La fin précède le début.",
    badProgressField: "Un nombre entre 0 et 100.",
    back: "Retour à la liste des actions",
  },
  exportPartner: {
    ...base.exportPartner,
    searchPlaceholder: "Ex. : CAF, commune",
  },
  importReturns: {
    ...base.importReturns,
    conflictTitle: (key: string, column: string) => `${key} — ${column}`,
    summary: (count: number, taken: number) =>
      `${plural(count, "conflit", "conflits")} : ${formatNumberFr(count - taken)} ${count - taken > 1 ? "valeurs gardées" : "valeur gardée"}, ${formatNumberFr(taken)} ${taken > 1 ? "valeurs prises" : "valeur prise"}.`,
    keepShort: "Garder",
    takeShort: "Prendre",
  },
};
