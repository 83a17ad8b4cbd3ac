import { p } from "./format";
import type { MessageTemplate, Params } from "./types";

/** French sentences of the frozen yearly bilans (`ctg snapshot`, « Figer le bilan »). */
export const snapshotMessages = {
  "snapshot.year_outside": (x: Params<"end" | "start" | "year">) =>
    `L'année ${p(x, "year")} n'est pas une année du plan (${p(x, "start")} à ${p(x, "end")}) : choisissez une de ces années.`,
  "snapshot.bad_year": (x: Params<"value">) =>
    `Année invalide : « ${p(x, "value")} ». Donnez une année sur quatre chiffres, par ex. --annee 2023.`,
  "snapshot.exists": (x: Params<"sheet" | "taken" | "year">) =>
    `Le bilan ${p(x, "year")} est déjà figé (onglet « ${p(x, "sheet")} », figé le ${p(x, "taken")}) : il n'est pas remplacé. Pour le figer de nouveau avec les valeurs d'aujourd'hui : dans le volet, cochez « Remplacer le bilan déjà figé » ; en ligne de commande, ajoutez --force.`,
  "snapshot.name_taken": (x: Params<"sheet">) =>
    `Le classeur a déjà un onglet « ${p(x, "sheet")} » qui n'est pas un bilan figé par l'outil : renommez cet onglet, puis figez le bilan.`,
  "snapshot.partner": () =>
    "Ce classeur est celui d'un partenaire : le bilan se fige dans le classeur maître du coordinateur (après la fusion des retours).",
  "snapshot.written": (x: Params<"entered" | "file" | "rows" | "taken" | "year">) =>
    `Bilan ${p(x, "year")} figé le ${p(x, "taken")} (onglet « Bilan ${p(x, "year")} », protégé) : ${p(x, "rows")} cibles, dont ${p(x, "entered")} avec une saisie pour ${p(x, "year")}. Classeur écrit : ${p(x, "file")}`,
  "snapshot.replaced": (x: Params<"previous" | "year">) =>
    `Le bilan ${p(x, "year")} figé le ${p(x, "previous")} a été remplacé (--force).`,
} satisfies Record<string, MessageTemplate>;
