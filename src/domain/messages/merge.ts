import { p } from "./format";
import type { MessageTemplate, Params } from "./types";

/** French sentences of partner workbooks, merges of returns and refreshes. */
export const mergeMessages = {
  // Verification of a return (each refuses the file, except the warnings).
  "merge.other_plan": (x: Params<"expected" | "found">) =>
    `ce classeur a été préparé pour un autre plan (« ${p(x, "found")} ») que le classeur maître (« ${p(x, "expected")} »)`,
  "merge.other_version": (x: Params<"expected" | "found">) =>
    `ce classeur a été préparé pour la version ${p(x, "found")} du plan, le classeur maître est en version ${p(x, "expected")} : préparez un nouveau classeur partenaire`,
  "merge.unknown_partner": (x: Params<"partner">) =>
    `le partenaire « ${p(x, "partner")} » n'a aucune action dans le plan du classeur maître`,
  "merge.fingerprint": (x: Params<"partner">) =>
    `l'empreinte de structure ne correspond pas à celle d'un classeur préparé pour « ${p(x, "partner")} » avec ce plan`,
  "merge.sheet_missing": (x: Params<"sheet">) => `l'onglet « ${p(x, "sheet")} » a été supprimé`,
  "workbook.name_taken": (x: Params<"sheet">) =>
    `l'onglet « ${p(x, "sheet")} » de ce classeur n'est pas celui que le classeur CTG y tient (ses en-têtes manquent) : renommez-le, par exemple « Mes ${p(x, "sheet").toLowerCase()} », pour que rien de ce qu'il contient ne soit remplacé, puis recommencez.`,
  "workbook.axis_missing": (x: Params<"sheet">) =>
    `l'onglet « ${p(x, "sheet")} » est introuvable (renommé ou supprimé) : ses saisies ne peuvent pas être lues. Redonnez-lui son nom « ${p(x, "sheet")} » puis recommencez.`,
  "workbook.partner_unknown": (x: Params<"partner">) =>
    `ce classeur se dit préparé pour le partenaire « ${p(x, "partner")} », que son plan ne cite pas (ses métadonnées ont été modifiées ?) : il ne peut pas être lu`,
  "merge.sheet_renamed": (x: Params<"found" | "sheet">) =>
    `l'onglet « ${p(x, "sheet")} » manque : a-t-il été renommé (onglets inconnus : ${p(x, "found")}) ?`,
  "merge.columns_altered": (x: Params<"cell" | "expected" | "found" | "sheet">) =>
    `onglet « ${p(x, "sheet")} », cellule ${p(x, "cell")} : colonnes insérées, supprimées ou déplacées (« ${p(x, "expected")} » attendu, « ${p(x, "found")} » trouvé)`,
  "merge.rows_altered": (x: Params<"cell" | "expected" | "found" | "sheet">) =>
    `onglet « ${p(x, "sheet")} », cellule ${p(x, "cell")} : lignes insérées, supprimées ou déplacées, ou identifiant modifié (« ${p(x, "expected")} » attendu, « ${p(x, "found")} » trouvé)`,
  "merge.rows_added": (x: Params<"row" | "sheet">) =>
    `onglet « ${p(x, "sheet")} » : des lignes ont été ajoutées sous le tableau (ligne ${p(x, "row")})`,
  "merge.locked_changed": (x: Params<"cell" | "expected" | "found" | "sheet">) =>
    `onglet « ${p(x, "sheet")} », cellule ${p(x, "cell")} : une cellule protégée a été modifiée (« ${p(x, "expected")} » attendu, « ${p(x, "found")} » trouvé)`,
  "merge.more_changes": (x: Params<"count" | "sheet">) =>
    `onglet « ${p(x, "sheet")} » : et ${p(x, "count")} autre(s) cellule(s) protégée(s) modifiée(s)`,
  "merge.unprotected": (x: Params<"sheet">) =>
    `la protection de l'onglet « ${p(x, "sheet")} » a été retirée (aucune cellule protégée n'a été modifiée)`,
  "merge.sheet_added": (x: Params<"sheet">) =>
    `un onglet « ${p(x, "sheet")} » a été ajouté (il n'est pas repris)`,
  "merge.summary": (x: Params<"added" | "conflicts" | "invalid" | "same">) =>
    `${p(x, "added")} saisie(s) ajoutée(s), ${p(x, "same")} identique(s), ${p(x, "conflicts")} conflit(s), ${p(x, "invalid")} saisie(s) invalide(s) reprise(s) telles quelles.`,
  "merge.summary_three_way": (x: Params<"cleared" | "masterNewer" | "updated">) =>
    `Valeurs envoyées au partenaire : ${p(x, "updated")} corrigée(s) par lui (reprises), ${p(x, "masterNewer")} modifiée(s) depuis dans le classeur seulement (gardées), ${p(x, "cleared")} effacée(s) par lui.`,
  "merge.no_base": () =>
    "Ce classeur ne dit pas quelles valeurs il a reçues (préparé par une version antérieure) : toute valeur différente de celle du classeur maître est un conflit.",
  "merge.no_plan": () =>
    "le classeur ne contient pas le plan dont il est issu (il a été produit par une version antérieure) : indiquez le plan avec --plan",
  "merge.plan_mismatch": (x: Params<"expected" | "found">) =>
    `le plan donné (${p(x, "found")}) n'est pas celui du classeur (${p(x, "expected")})`,
  "merge.not_master": () =>
    "ce classeur est un classeur partenaire : la fusion se fait dans le classeur maître de la coordination",

  // Command line: build --partner, merge, refresh, partners.
  "partner.none": (x: Params<"partner">) =>
    `Aucune action du plan ne cite « ${p(x, "partner")} » parmi ses pilotes ou partenaires.`,
  "partner.suggest": (x: Params<"names">) =>
    `Noms proches trouvés dans le plan : ${p(x, "names")}.`,
  "partner.list_hint": () => "Tapez « ctg partners » pour la liste des noms cités dans le plan.",
  "partner.written": (x: Params<"actions" | "entries" | "file" | "partner" | "rows">) =>
    `Classeur partenaire écrit : ${p(x, "file")} (${p(x, "partner")} : ${p(x, "actions")} action(s), ${p(x, "rows")} ligne(s) d'indicateurs, ${p(x, "entries")} saisie(s) reprises du classeur maître).`,
  "partner.header": (x: Params<"count">) =>
    `${p(x, "count")} noms cités comme pilotes ou partenaires dans le plan (nombre d'actions) :`,
  "merge.file_unusable": (x: Params<"file" | "reason">) =>
    `${p(x, "file")} : illisible (${p(x, "reason")}).`,
  "merge.report_refused": (x: Params<"file" | "partner">) =>
    `✗ ${p(x, "file")} (${p(x, "partner")}) : refusé, rien n'est repris.`,
  "merge.report_merged": (
    x: Params<"added" | "conflicts" | "file" | "invalid" | "partner" | "same">
  ) =>
    `✓ ${p(x, "file")} (${p(x, "partner")}) : ${p(x, "added")} ajoutée(s), ${p(x, "same")} identique(s), ${p(x, "conflicts")} conflit(s), ${p(x, "invalid")} invalide(s).`,
  "merge.report_three_way": (x: Params<"cleared" | "masterNewer" | "updated">) =>
    `    ${p(x, "updated")} corrigée(s) par le partenaire (reprises), ${p(x, "masterNewer")} modifiée(s) depuis l'envoi dans le classeur seulement (gardées), ${p(x, "cleared")} effacée(s) par le partenaire.`,
  "merge.report_problem": (x: Params<"text">) => `    - ${p(x, "text")}`,
  "merge.report_warning": (x: Params<"text">) => `    ! ${p(x, "text")}`,
  "merge.report_conflict": (x: Params<"column" | "id" | "master" | "outcome" | "returned">) =>
    `    conflit ${p(x, "id")} ${p(x, "column")} : classeur « ${p(x, "master")} », retour « ${p(x, "returned")} » — ${p(x, "outcome")}`,
  "merge.report_conflict3": (
    x: Params<"column" | "id" | "master" | "outcome" | "returned" | "sent">
  ) =>
    `    conflit ${p(x, "id")} ${p(x, "column")} : envoyé « ${p(x, "sent")} », classeur « ${p(x, "master")} », retour « ${p(x, "returned")} » — ${p(x, "outcome")}`,
  "merge.report_update": (x: Params<"column" | "id" | "returned" | "sent">) =>
    `    corrigée par le partenaire ${p(x, "id")} ${p(x, "column")} : envoyé « ${p(x, "sent")} », retour « ${p(x, "returned")} » — valeur renvoyée retenue`,
  "merge.report_cleared": (x: Params<"column" | "id" | "master" | "outcome" | "sent">) =>
    `    effacée par le partenaire ${p(x, "id")} ${p(x, "column")} : envoyé « ${p(x, "sent")} », classeur « ${p(x, "master")} » — ${p(x, "outcome")}`,
  "merge.report_invalid": (x: Params<"column" | "id" | "message">) =>
    `    saisie invalide reprise telle quelle, ${p(x, "id")} ${p(x, "column")} : ${p(x, "message")}`,
  "merge.written": (x: Params<"archived" | "entries" | "file" | "journal">) =>
    `Classeur fusionné écrit : ${p(x, "file")} (${p(x, "entries")} saisies ; ${p(x, "journal")} ligne(s) ajoutée(s) au journal des imports${p(x, "archived") !== "0" ? `, ${p(x, "archived")} saisie(s) archivée(s)` : ""}).`,
  "merge.some_unreadable": (x: Params<"count">) =>
    `${p(x, "count")} fichier(s) illisible(s) : demandez au partenaire de l'enregistrer au format Excel (.xlsx), sans mot de passe, et de vous le renvoyer.`,
  "merge.some_refused": (x: Params<"count">) =>
    `${p(x, "count")} retour(s) refusé(s) : demandez au partenaire de renvoyer le classeur sans en modifier la structure, ou préparez-lui un nouveau classeur.`,
  "merge.same_file": () =>
    "Le fichier de sortie ne peut pas être le classeur maître : la commande n'écrase jamais l'original (choisissez un autre nom avec --out).",
  "merge.out_is_return": () =>
    "Le fichier de sortie ne peut pas être un des classeurs renvoyés : ce sont les saisies des partenaires (choisissez un autre nom avec --out).",
  "merge.bad_prefer": (x: Params<"value">) =>
    `Valeur de --prefer inconnue : « ${p(x, "value")} » (master ou return).`,
  "decisions.bad_header": (x: Params<"columns">) =>
    `le fichier de décisions n'a pas les colonnes ${p(x, "columns")} sur sa première ligne : partez du fichier écrit par « ctg decisions »`,
  "decisions.incomplete_row": (x: Params<"line">) =>
    `fichier de décisions, ligne ${p(x, "line")} : il manque le fichier, l'onglet, l'indicateur ou la colonne`,
  "decisions.bad_choice": (x: Params<"line" | "value">) =>
    `fichier de décisions, ligne ${p(x, "line")} : choix « ${p(x, "value")} » inconnu (écrivez « classeur » ou « retour », ou laissez vide)`,
  "decisions.unreadable": (x: Params<"file" | "reason">) =>
    `Impossible de lire le fichier de décisions ${p(x, "file")} : ${p(x, "reason")}`,
  "decisions.applied": (x: Params<"applied" | "unused">) =>
    `Décisions : ${p(x, "applied")} appliquée(s)${p(x, "unused") !== "0" ? `, ${p(x, "unused")} sans conflit correspondant dans ces retours (ignorée(s))` : ""}.`,
  "decisions.written": (x: Params<"count" | "file">) =>
    `Fichier de décisions écrit : ${p(x, "file")} (${p(x, "count")} conflit(s) ou valeur(s) effacée(s)). Remplissez la colonne « Choix » (classeur ou retour), puis : ctg merge MAITRE.xlsx RETOURS... --decisions ${p(x, "file")} --out NOUVEAU.xlsx`,
  "decisions.none": () =>
    "Le journal des imports de ce classeur ne contient aucun conflit ni valeur effacée : rien à décider.",
  "update.user_sheets": (x: Params<"names">) =>
    `Onglets ajoutés par vous, repris tels quels : ${p(x, "names")}.`,
  "refresh.written": (x: Params<"added" | "archived" | "file" | "kept" | "plan" | "version">) =>
    `Classeur régénéré écrit : ${p(x, "file")} (plan ${p(x, "plan")} version ${p(x, "version")} ; ${p(x, "kept")} saisie(s) gardée(s), ${p(x, "archived")} archivée(s), ${p(x, "added")} nouvel(le)s ligne(s) d'indicateur vides).`,
  "refresh.archived": (x: Params<"column" | "id" | "reason" | "value">) =>
    `    archivée ${p(x, "id")} ${p(x, "column")} « ${p(x, "value")} » : ${p(x, "reason")}`,
  "refresh.other_plan": (x: Params<"expected" | "found">) =>
    `Le nouveau plan (${p(x, "found")}) n'est pas le plan du classeur (${p(x, "expected")}) : un classeur suit un seul plan.`,
} satisfies Record<string, MessageTemplate>;
