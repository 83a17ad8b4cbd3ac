import { formatNumberFr } from "./format";

/**
 * The task pane's own French labels, part of the one catalogue (buttons, headings, hints). Problems and explanations that come
 * from the domain or the workbook service are `Message`s, worded by the catalogue (formatMessage).
 */

/** `1` -> `1 saisie`, `124` -> `124 saisies` (French numbers). */
export function plural(count: number, singular: string, pluralForm: string): string {
  return `${formatNumberFr(count)} ${count === 1 || count === 0 ? singular : pluralForm}`;
}

export const T = {
  title: "Classeur CTG",
  intro: "Suivi des indicateurs de la Convention Territoriale Globale, directement dans Excel.",
  noHost: "Office n'est pas disponible : ouvrez ce complément dans Excel.",
  notExcel: "Ouvrez ce complément dans Excel pour travailler sur un classeur.",
  unexpected:
    "L'opération a échoué de façon inattendue. Réessayez ; si le problème persiste, signalez-le.",
  unknownMessage: (code: string) =>
    `Un problème inattendu est survenu (référence interne : ${code}). Signalez-le s'il persiste.`,
  close: "Fermer",

  plan: {
    heading: "Plan",
    choice: "Plan à utiliser",
    embedded: "Plan intégré : Pays Ségali Communauté 2021-2025",
    file: "Fichier de plan (JSON ou classeur de plan .xlsx)",
    chooseFile: "Choisir un fichier de plan…",
    fileInputLabel: "Fichier de plan : JSON ou classeur de plan (.xlsx)",
    loading: "Chargement du plan…",
    loaded: "Plan chargé",
    fromFile: (name: string) => `Lu depuis le fichier « ${name} ».`,
    counts: (axes: string, actions: string, indicators: string) =>
      `${axes} axes, ${actions} actions, ${indicators} indicateurs.`,
    invalidTitle: (name: string, count: number) =>
      `Le fichier « ${name} » n'est pas un plan valide (${plural(count, "problème", "problèmes")}) :`,
    unreadable: (name: string) => `Impossible de lire le fichier « ${name} ».`,
    noFileYet: "Aucun fichier choisi : choisissez un fichier de plan au format JSON.",
    path: "emplacement",
    root: "(racine)",
  },

  generate: {
    heading: "Classeur",
    generate: "Générer le classeur",
    regenerate: "Régénérer le classeur",
    regenerateHint:
      "Ce classeur contient déjà une CTG : la régénération conserve toutes les saisies.",
    current: (planId: string, version: string) =>
      `Classeur actuel : plan ${planId}, version ${version}.`,
    progressLabel: "Avancement de la génération",
    starting: "Préparation…",
    step: (label: string, done: number, total: number) =>
      `${label} (${formatNumberFr(done)} sur ${formatNumberFr(total)})`,
    /** The label of a generation step (`ProgressStep`). */
    steps: {
      prepare: "Préparation du classeur",
      sheet: (sheet: string) => `Onglet ${sheet}`,
      finish: "Finalisation",
      ready: "Classeur prêt",
    },
    done: (sheets: number, rows: number) =>
      `Classeur généré : ${plural(sheets, "onglet", "onglets")}, ${plural(rows, "ligne d'indicateur", "lignes d'indicateurs")}.`,
    regenerated: (sheets: number, rows: number) =>
      `Classeur régénéré : ${plural(sheets, "onglet", "onglets")}, ${plural(rows, "ligne d'indicateur", "lignes d'indicateurs")}.`,
    kept: (count: number) => `${plural(count, "saisie conservée", "saisies conservées")}.`,
    archived: (count: number) =>
      `${plural(count, "saisie déplacée", "saisies déplacées")} dans l'onglet Archives (indicateurs retirés du plan).`,
    needPlan: "Choisissez d'abord un plan valide.",
  },

  refresh: {
    button: "Actualiser le récapitulatif et l'échéancier",
    hint: "Recalcule le récapitulatif et le calendrier de l'échéancier à partir des saisies ; aucune saisie n'est modifiée.",
    done: (sheets: number) => `${plural(sheets, "onglet actualisé", "onglets actualisés")}.`,
  },

  check: {
    heading: "Vérification des saisies",
    button: "Vérifier les saisies",
    running: "Vérification en cours…",
    autoHint:
      "Les saisies sont revérifiées automatiquement peu après chaque modification ; le bouton « Vérifier les saisies » reste la référence.",
    summary: (rows: number, entries: number, invalid: number, year: number) =>
      `${plural(rows, "cible", "cibles")}, ${plural(entries, "saisie", "saisies")} dont ${plural(invalid, "invalide", "invalides")} ; statuts évalués en ${year}.`,
    countsCaption: "Nombre de cibles par statut",
    statusColumn: "Statut",
    countColumn: "Cibles",
    allValid: "Toutes les saisies sont valides.",
    problemsHeading: (count: number) => `Saisies à corriger (${formatNumberFr(count)})`,
    axisHeader: (title: string, count: number) =>
      `${title} — ${plural(count, "problème", "problèmes")}`,
    goTo: (sheet: string, cell: string) => `Aller à la cellule ${cell} de l'onglet ${sheet}`,
    rowProblem: "la ligne",
    yearProblem: (year: string, raw: string) => (raw === "" ? year : `${year} : « ${raw} »`),
  },

  schedule: {
    heading: "Échéancier",
    load: "Charger l'échéancier",
    reload: "Recharger l'échéancier",
    save: "Enregistrer",
    saved: "Échéancier enregistré dans le classeur.",
    hint: "Les mêmes cellules peuvent être modifiées directement dans l'onglet Échéancier.",
    caption: "Planification des actions",
    action: "Action",
    phase: "Phase",
    start: "Début",
    end: "Fin",
    progress: "Avancement (%)",
    noPhase: "Aucune",
    phaseOf: (ref: string) => `Phase de l'action ${ref}`,
    startOf: (ref: string) => `Date de début de l'action ${ref}`,
    endOf: (ref: string) => `Date de fin de l'action ${ref}`,
    progressOf: (ref: string) => `Avancement en pourcentage de l'action ${ref}`,
    badDate: (ref: string, which: string) =>
      `${ref} : la date de ${which} n'est pas une date valide (AAAA-MM-JJ).`,
    endBeforeStart: (ref: string) => `${ref} : la date de fin précède la date de début.`,
    badProgress: (ref: string) => `${ref} : l'avancement doit être un nombre entre 0 et 100.`,
    invalidTitle: "L'échéancier n'a pas été enregistré :",
    empty: "Aucune action dans l'échéancier.",
  },

  partners: {
    heading: "Classeurs partenaires",
    intro:
      "Chaque partenaire reçoit un classeur limité à ses actions, le remplit (sans le complément) et vous le renvoie ; vous importez ensuite ses saisies dans ce classeur.",
    needPlan:
      "Choisissez d'abord un plan valide pour préparer ou importer des classeurs partenaires.",
    loading: "Chargement…",
  },

  exportPartner: {
    heading: "Préparer un classeur partenaire",
    hint: "Le classeur préparé ne contient que les actions du ou des partenaires choisis, avec les saisies déjà présentes dans ce classeur, protégé contre les modifications accidentelles.",
    search: "Rechercher un partenaire",
    searchPlaceholder: "Par exemple : CAF, commune, centre social",
    clearSearch: "Effacer la recherche",
    list: "Partenaires cités dans le plan",
    actions: (count: number) => plural(count, "action", "actions"),
    shown: (shown: number, total: number) =>
      `${plural(shown, "partenaire affiché", "partenaires affichés")} sur ${formatNumberFr(total)}.`,
    noMatch: (query: string) => `Aucun partenaire ne correspond à « ${query} ».`,
    more: (hidden: number) =>
      `Et ${plural(hidden, "autre", "autres")}, moins souvent cités : précisez la recherche ou affichez-les tous.`,
    showAll: (count: number) => `Afficher les ${formatNumberFr(count)} partenaires`,
    noneSelected: "Aucun partenaire choisi : cochez un ou plusieurs noms.",
    selected: (names: readonly string[]) =>
      `${plural(names.length, "partenaire choisi", "partenaires choisis")} : ${names.join(", ")}.`,
    clear: "Tout désélectionner",
    prepare: "Préparer",
    preparing: "Préparation des classeurs…",
    prepared: (count: number) => `${plural(count, "classeur préparé", "classeurs préparés")} :`,
    fileSummary: (actions: number, entries: number) =>
      `${plural(actions, "action", "actions")}, ${plural(entries, "saisie reprise", "saisies reprises")} de ce classeur.`,
    download: (fileName: string) => `Télécharger « ${fileName} »`,
    open: "Ouvrir dans Excel",
    opening: "Ouverture dans Excel…",
    opened: (fileName: string) => `« ${fileName} » est ouvert dans une nouvelle fenêtre d'Excel.`,
    cannotOpen:
      "Cette version d'Excel ne peut pas ouvrir un nouveau classeur depuis le complément : téléchargez le fichier, puis ouvrez-le.",
    sendHint:
      "Envoyez le fichier au partenaire : la feuille Sommaire lui explique quoi remplir. Il n'a pas besoin du complément.",
  },

  importReturns: {
    heading: "Importer des retours",
    hint: "« Analyser » vérifie les classeurs renvoyés et montre ce que l'import changera, sans rien écrire. « Importer » écrit ensuite les saisies dans ce classeur ; chaque conflit est noté dans l'onglet Journal des imports.",
    choose: "Choisir les classeurs renvoyés…",
    inputLabel: "Classeurs renvoyés par les partenaires (fichiers .xlsx)",
    noFiles: "Aucun fichier choisi.",
    chosen: (names: readonly string[]) =>
      `${plural(names.length, "fichier choisi", "fichiers choisis")} : ${names.join(", ")}.`,
    notWorkbook: (name: string) =>
      `« ${name} » n'est pas un classeur Excel (.xlsx) : il est ignoré.`,
    unreadable: (name: string) => `Impossible de lire le fichier « ${name} ».`,
    reading: "Lecture des fichiers…",
    analyse: "Analyser",
    analysing: "Analyse des fichiers…",
    filesHeading: "Fichiers analysés",
    fileTitle: (file: string, partner: string) => (partner === "" ? file : `${file} — ${partner}`),
    willMerge: "À importer",
    merged: "Importé",
    refused: "Refusé",
    refusedTitle: "Fichier refusé : rien n'en sera importé.",
    refusedTitleDone: "Fichier refusé : rien n'en a été importé.",
    warningsTitle: "À savoir :",
    counts: (added: number, same: number, conflicts: number) =>
      `${plural(added, "saisie à ajouter", "saisies à ajouter")}, ${plural(same, "identique", "identiques")}, ${plural(conflicts, "conflit", "conflits")}.`,
    countsDone: (added: number, same: number, conflicts: number) =>
      `${plural(added, "saisie ajoutée", "saisies ajoutées")}, ${plural(same, "identique", "identiques")}, ${plural(conflicts, "conflit", "conflits")}.`,
    threeWay: (updated: number, masterNewer: number, cleared: number) =>
      `${plural(updated, "valeur corrigée par le partenaire (reprise)", "valeurs corrigées par le partenaire (reprises)")}, ${plural(masterNewer, "valeur modifiée depuis l'envoi dans le classeur seulement (gardée)", "valeurs modifiées depuis l'envoi dans le classeur seulement (gardées)")}, ${plural(cleared, "valeur effacée par le partenaire", "valeurs effacées par le partenaire")}.`,
    noBase:
      "Ce fichier ne dit pas quelles valeurs il a reçues (préparé par une version antérieure) : toute valeur différente de celle du classeur est un conflit.",
    invalidTitle: (count: number) =>
      `${plural(count, "saisie invalide reprise telle quelle", "saisies invalides reprises telles quelles")} (les statuts ${count === 1 ? "la" : "les"} signaleront) :`,
    conflictsHeading: (count: number) => `Conflits (${formatNumberFr(count)})`,
    conflictsHint:
      "Le classeur et le partenaire ont tous deux changé la valeur envoyée, ou le partenaire l'a effacée. Par défaut la valeur du classeur est gardée ; choisissez pour chaque conflit.",
    conflictsCaption: "Conflits entre le classeur et les retours",
    source: "Fichier / partenaire",
    indicator: "Indicateur",
    column: "Année ou colonne",
    sentValue: "Valeur envoyée",
    masterValue: "Valeur du classeur",
    returnedValue: "Valeur renvoyée",
    cleared: "(effacée)",
    choice: "Choix",
    keep: "Garder la valeur du classeur",
    take: "Prendre la valeur renvoyée",
    choiceOf: (key: string, column: string, file: string) =>
      `Choix pour ${key}, ${column} (${file})`,
    keepAll: "Tout garder",
    takeAll: "Tout prendre",
    taken: (taken: number, total: number) =>
      `Valeur renvoyée retenue : ${plural(taken, "conflit", "conflits")} sur ${formatNumberFr(total)}.`,
    empty: "(vide)",
    yes: "VRAI",
    no: "FAUX",
    import: "Importer",
    importing: "Importation…",
    nothingToImport:
      "Aucun fichier ne peut être importé : faites corriger ou remplacez les fichiers refusés.",
    done: (written: number, journalRows: number) =>
      `Importation terminée : ${plural(written, "saisie écrite", "saisies écrites")} dans le classeur, ${plural(journalRows, "ligne ajoutée", "lignes ajoutées")} au Journal des imports.`,
    refusedFiles: (names: readonly string[]) =>
      `${plural(names.length, "fichier refusé", "fichiers refusés")}, rien n'en a été importé : ${names.join(", ")}.`,
    doneHint: "Pour importer d'autres retours, choisissez de nouveaux fichiers.",
  },
  bilan: {
    heading: "Bilan annuel",
    hint: "Avant le comité de pilotage : figez le bilan de l'année (un onglet protégé « Bilan AAAA » garde les valeurs, statuts et commentaires tels qu'ils sont ce jour-là, et le Tableau de bord montre les évolutions depuis), puis téléchargez le document du bilan.",
    year: "Année du bilan",
    freezeHeading: "Figer le bilan",
    replace: "Remplacer le bilan déjà figé",
    replaceHint:
      "Le bilan de cette année est refusé s'il est déjà figé, sauf si vous cochez cette case : il est alors figé de nouveau avec les valeurs d'aujourd'hui.",
    freeze: (year: number) => `Figer le bilan ${year}`,
    freezing: "Le bilan est figé dans le classeur…",
    frozen: (year: number, sheet: string, takenOn: string, targets: number, entered: number) =>
      `Bilan ${year} figé le ${takenOn} : onglet « ${sheet} », protégé ; ${plural(targets, "cible", "cibles")}, dont ${formatNumberFr(entered)} avec une saisie pour ${year}.`,
    replaced: (year: number, previous: string) =>
      `Il remplace le bilan ${year} figé le ${previous}.`,
    documentHeading: "Document du bilan",
    documentHint:
      "Le document reprend la synthèse (graphiques) puis, par axe et par action, les cibles, valeurs, statuts, commentaires et évolutions depuis le dernier bilan figé d'une année antérieure.",
    word: "Bilan Word (.docx)",
    html: "Bilan HTML (à imprimer)",
    making: "Préparation du document…",
    made: (fileName: string) => `Document prêt : « ${fileName} ».`,
    counts: (axes: number, actions: number, targets: number) =>
      `${plural(axes, "axe", "axes")}, ${plural(actions, "action", "actions")}, ${plural(targets, "cible", "cibles")}.`,
    compared: (year: number, takenOn: string) =>
      `Évolutions comparées au bilan ${year} figé le ${takenOn}.`,
    noPrevious:
      "Aucun bilan d'une année antérieure n'est figé : le document ne montre pas d'évolution.",
    download: (fileName: string) => `Télécharger « ${fileName} »`,
    wordHint:
      "Ouvrez le document dans Word pour le compléter avant le comité ; « Fichier > Enregistrer sous > PDF » en fait un PDF.",
    htmlHint:
      "Ouvrez le fichier dans votre navigateur et imprimez-le en PDF (Ctrl+P, puis « Enregistrer au format PDF »).",
    cannotDownload:
      "Ce navigateur ne permet pas de télécharger le fichier depuis le volet : utilisez la commande « ctg bilan ».",
  },
} as const;
