import { p } from "./format";
import type { MessageTemplate, Params } from "./types";

/** French sentences of the command line. */
/** The general help's text (also the source of each command's own help). */
function generalHelp(): string {
  return [
    "ctg — classeur de suivi d'une Convention Territoriale Globale (CTG)",
    "",
    "Utilisation : ctg <commande> [options]",
    "",
    "Commandes :",
    "  build [--plan FICHIER] [--out FICHIER]  écrit le classeur CTG (.xlsx) du plan",
    "  build --partner NOM [--from MAITRE.xlsx] [--plan FICHIER] [--out FICHIER]",
    "                                          prépare le classeur d'un partenaire (ses actions seulement ;",
    "                                          --partner peut être répété, --out est alors un dossier)",
    "  partners [--plan FICHIER] [--json]      liste les pilotes et partenaires cités dans le plan",
    "  check CLASSEUR [--json]                 vérifie chaque saisie d'un classeur rempli ; statut 1 si une saisie est invalide",
    "  merge MAITRE.xlsx RETOUR.xlsx... --out FICHIER [--json] [--prefer master|return] [--decisions F.csv]",
    "                                          fusionne les retours des partenaires dans une copie du classeur maître",
    "                                          (les corrections d'un partenaire sont reprises, les conflits tranchés par",
    "                                          --prefer ou par le fichier de décisions) ; statut 1 si un retour est refusé",
    "  decisions MAITRE.xlsx --out F.csv       écrit les conflits du journal des imports, avec une colonne « Choix »",
    "                                          (classeur ou retour) à remplir pour « merge --decisions »",
    "  refresh CLASSEUR [--plan NOUVEAU_PLAN] --out FICHIER [--json]",
    "                                          régénère le classeur (nouvelle version du plan) en gardant chaque saisie ;",
    "                                          les saisies d'indicateurs retirés vont dans l'onglet Archives",
    "  snapshot CLASSEUR --annee AAAA --out FICHIER [--force]",
    "                                          fige le bilan de l'année dans un onglet protégé « Bilan AAAA » (valeurs,",
    "                                          statuts, commentaires du jour) ; une année déjà figée est refusée sans --force",
    "  bilan CLASSEUR --annee AAAA --out BILAN.docx|.pdf|.html [--force]",
    "                                          écrit le document du bilan annuel (Word, PDF ou HTML selon l'extension) ;",
    "                                          le PDF est imprimé par Chrome, Chromium ou Edge (variable CTG_CHROME) :",
    "                                          sans navigateur, le bilan est écrit en HTML à imprimer en PDF, statut 2",
    "  export CLASSEUR --format csv|json --out FICHIER [--force]",
    "                                          une ligne par cible et par année du plan (territoire, axe, action, indicateur,",
    "                                          valeur saisie et lue, statut, commentaire, source) ; CSV pour Excel en français",
    "                                          (« ; », UTF-8 avec BOM), à charger dans Power BI ou DuckDB (docs/export.md)",
    "  consolidate A.xlsx B.xlsx... --out CONSOLIDATION.xlsx [--force] [--json]",
    "                                          classeur de la CAF : une ligne par territoire et par axe (cibles par statut,",
    "                                          taux de saisie, avancement), graphiques ; un fichier qui n'est pas un classeur",
    "                                          CTG est écarté avec la raison (les autres sont consolidés, statut 1)",
    "  targets [--plan FICHIER] [--json]       liste chaque indicateur du plan et ses cibles lues",
    "  plan check FICHIER                      vérifie un fichier de plan (JSON) ; statut 2 s'il est invalide",
    "  plan diff [--plan FICHIER]              écarts entre les fiches action et le récapitulatif des indicateurs",
    "  plan schema [--out FICHIER]             écrit le schéma JSON des fichiers de plan",
    "  plan export-xlsx [--plan FICHIER] --out FICHIER.xlsx",
    "                                          écrit le plan en classeur de plan (Excel), à modifier par le coordinateur",
    "  plan import-xlsx CLASSEUR.xlsx --out PLAN.json",
    "                                          relit un classeur de plan ; chaque problème avec son onglet et sa cellule,",
    "                                          statut 2 et rien d'écrit s'il en reste",
    "  plan new --out FICHIER.xlsx             écrit un classeur de plan vide, avec un exemple par onglet",
    "  import-text FICHIER [--corrections F] [--out FICHIER] [--plan-version X.Y.Z]",
    "                                          importe un plan CTG au format texte et produit son JSON",
    "",
    "Options communes :",
    "  --plan FICHIER   un autre plan que le plan intégré (Pays Ségali 2021-2025) : JSON, ou classeur de plan",
    "                   .xlsx pour build, refresh et plan export-xlsx",
    "  --force          remplace un fichier de sortie qui existe déjà (sans --force, jamais)",
    "  -h, --help       cette aide (« ctg build --help » : l'aide d'une commande, sans rien faire)",
    "  -v, --version    la version de l'outil",
    "",
    "Statuts de sortie : 0 réussite ; 1 saisies invalides (ctg check) ou retour refusé (ctg merge) ;",
    "2 fichier illisible, invalide ou commande mal formée.",
  ].join("\n");
}

/**
 * The help of one command (`build`, `plan check`…): its lines of the general help, the common
 * options and the exit statuses. An unknown command gets the general help.
 */
function commandHelp(command: string): string {
  const lines = generalHelp().split("\n");
  const start = lines.indexOf("Commandes :");
  const end = lines.indexOf("Options communes :");
  const entries: string[][] = [];
  for (const line of lines.slice(start + 1, end)) {
    if (/^ {2}\S/.test(line)) entries.push([line]);
    else if (/^ {3,}\S/.test(line)) entries[entries.length - 1]?.push(line);
  }
  const mine = entries.filter((e) => {
    const words = (e[0] ?? "").trim().split(/\s+/);
    const name = words[0] === "plan" ? `plan ${words[1] ?? ""}` : (words[0] ?? "");
    return name === command;
  });
  if (mine.length === 0) return generalHelp();
  return [`ctg ${command} — aide de la commande`, "", ...mine.flat(), "", ...lines.slice(end)].join(
    "\n"
  );
}

export const cliMessages = {
  "cli.help": () => generalHelp(),
  "cli.help_command": (x: Params<"command">) => commandHelp(p(x, "command")),
  "cli.unknown_command": (x: Params<"command">) =>
    `Commande inconnue : « ${p(x, "command")} ». Tapez « ctg --help » pour la liste des commandes.`,
  "cli.bad_option": (x: Params<"detail">) =>
    `Option non reconnue ou mal formée : ${p(x, "detail")}. Tapez « ctg --help ».`,
  "cli.missing_argument": (x: Params<"example" | "what">) =>
    `Il manque ${p(x, "what")}. Exemple : ${p(x, "example")}`,
  "io.not_found": () => "fichier introuvable",
  "io.denied": () => "accès refusé",
  "io.is_directory": () => "c'est un dossier, pas un fichier",
  "io.exists": () =>
    "le fichier existe déjà ; ajoutez --force pour le remplacer, ou choisissez un autre nom avec --out",
  "io.other": (x: Params<"code">) => `erreur d'entrée-sortie (${p(x, "code")})`,
  "cli.file_missing": (x: Params<"file">) => `Fichier introuvable : ${p(x, "file")}`,
  "cli.file_unreadable": (x: Params<"file" | "reason">) =>
    `Impossible de lire ${p(x, "file")} : ${p(x, "reason")}`,
  "cli.write_failed": (x: Params<"file" | "reason">) =>
    `Impossible d'écrire ${p(x, "file")} : ${p(x, "reason")}`,
  "cli.written": (x: Params<"file">) => `Fichier écrit : ${p(x, "file")}`,
  "partner.out_not_folder": (x: Params<"file">) =>
    `Avec plusieurs --partner, --out est un dossier : ${p(x, "file")} est un fichier. Donnez un dossier (il sera créé au besoin).`,
  "cli.internal_error": (x: Params<"detail">) =>
    `Erreur interne de l'outil (ce n'est pas votre faute) : ${p(x, "detail")}. Merci de la signaler avec la commande utilisée.`,
  "import.not_ctg": (x: Params<"file">) =>
    `${p(x, "file")} : aucun axe reconnu (« AXE I – … ») : ce texte n'est pas celui d'une Convention Territoriale Globale, ou sa mise en forme est trop différente. Voir docs/plan-format.md pour écrire le plan directement en JSON.`,
  "cli.import_notes": (x: Params<"count">) =>
    `${p(x, "count")} remarque(s) sur le document importé :`,
  "cli.diff_header": (x: Params<"actions" | "count">) =>
    `${p(x, "count")} écart(s) entre les fiches action et le récapitulatif, sur ${p(x, "actions")} action(s) :`,
  "cli.diff_none": () => "Aucun écart entre les fiches action et le récapitulatif.",
  "cli.targets_header": (x: Params<"count" | "targets" | "unknown">) =>
    `${p(x, "count")} indicateurs, ${p(x, "targets")} cibles lues (dont ${p(x, "unknown")} à préciser).`,
} satisfies Record<string, MessageTemplate>;
