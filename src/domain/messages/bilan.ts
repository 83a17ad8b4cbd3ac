import { p } from "./format";
import type { MessageTemplate, Params } from "./types";

/** French sentences of the bilan document (`ctg bilan`, « Bilan (Word / HTML) »). */
export const bilanMessages = {
  "bilan.unknown_format": (x: Params<"file">) =>
    `Format de sortie inconnu pour « ${p(x, "file")} » : donnez un fichier .docx (Word), .pdf ou .html, par ex. --out bilan-2023.docx.`,
  "bilan.written": (x: Params<"actions" | "axes" | "file" | "targets" | "year">) =>
    `Bilan ${p(x, "year")} écrit : ${p(x, "file")} (${p(x, "axes")} axes, ${p(x, "actions")} actions, ${p(x, "targets")} cibles).`,
  "bilan.compared": (x: Params<"taken" | "year">) =>
    `Évolutions comparées au bilan ${p(x, "year")} figé le ${p(x, "taken")}.`,
  "bilan.no_snapshot": () =>
    "Aucun bilan d'une année antérieure n'est figé dans le classeur : le document ne montre pas d'évolution (figez un bilan avec « ctg snapshot »).",
  "bilan.no_browser": (x: Params<"html">) =>
    `Aucun navigateur Chrome, Chromium ou Edge n'a été trouvé pour imprimer le PDF : le PDF n'est pas écrit. Le bilan a été écrit en HTML : ${p(x, "html")}. Ouvrez ce fichier dans votre navigateur et imprimez-le en PDF (Ctrl+P, puis « Enregistrer au format PDF »). Ou indiquez le chemin de votre navigateur dans la variable d'environnement CTG_CHROME, ou installez Chromium, puis relancez la commande.`,
  "bilan.no_browser_no_html": () =>
    "Aucun navigateur Chrome, Chromium ou Edge n'a été trouvé pour imprimer le PDF : le PDF n'est pas écrit. Écrivez le bilan en HTML (--out bilan.html), ouvrez-le dans votre navigateur et imprimez-le en PDF (Ctrl+P, puis « Enregistrer au format PDF ») ; ou indiquez le chemin de votre navigateur dans la variable d'environnement CTG_CHROME.",
  "bilan.pdf_failed": (x: Params<"browser" | "reason">) =>
    `Le navigateur ${p(x, "browser")} n'a pas pu imprimer le PDF : ${p(x, "reason")}. Écrivez le bilan en HTML (--out bilan.html) et imprimez-le en PDF depuis votre navigateur, ou indiquez un autre navigateur dans CTG_CHROME.`,
} satisfies Record<string, MessageTemplate>;
