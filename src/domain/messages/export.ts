import { p } from "./format";
import type { MessageTemplate, Params } from "./types";

/** French sentences of the tidy export (`ctg export`) and of the consolidation (`ctg consolidate`). */
export const exportMessages = {
  "export.bad_format": (x: Params<"value">) =>
    `Format d'export inconnu : « ${p(x, "value")} ». Choisissez --format csv ou --format json.`,
  "export.unusable": (x: Params<"file" | "reason">) =>
    `Impossible d'exporter ${p(x, "file")} : ${p(x, "reason")}`,
  "export.out_is_input": (x: Params<"file">) =>
    `Le fichier de sortie ${p(x, "file")} est un des classeurs lus : choisissez un autre nom avec --out (il n'est jamais remplacé, même avec --force).`,
  "export.written": (x: Params<"file" | "format" | "rows" | "targets" | "years">) =>
    `Export ${p(x, "format")} écrit : ${p(x, "file")} (${p(x, "rows")} lignes : ${p(x, "targets")} cibles × ${p(x, "years")} années du plan).`,
  "consolidate.left_out": (x: Params<"file" | "reason">) =>
    `${p(x, "file")} est écarté de la consolidation : ${p(x, "reason")}`,
  "consolidate.is_consolidation": () =>
    "c'est un classeur de consolidation (produit par « ctg consolidate »), pas le classeur CTG d'un territoire",
  "consolidate.read_failed": (x: Params<"reason">) =>
    `le fichier ne peut pas être lu (${p(x, "reason")})`,
  "consolidate.duplicate": (x: Params<"first">) =>
    `c'est le même fichier que ${p(x, "first")}, déjà lu : il n'est compté qu'une fois`,
  "consolidate.none": (x: Params<"count">) =>
    `Aucun des ${p(x, "count")} fichier(s) donné(s) n'est un classeur CTG lisible : rien n'est écrit.`,
  "consolidate.written": (x: Params<"file" | "territories">) =>
    `Consolidation écrite : ${p(x, "file")} (${p(x, "territories")} classeur(s) de territoire).`,
  "consolidate.territory": (
    x: Params<"file" | "made" | "expected" | "progress" | "rate" | "targets" | "territory">
  ) =>
    `  ${p(x, "territory")} (${p(x, "file")}) : ${p(x, "targets")} cibles, ${p(x, "made")} saisies sur ${p(x, "expected")} attendues (taux de saisie ${p(x, "rate")}), avancement ${p(x, "progress")}`,
  "consolidate.some_left_out": (x: Params<"count">) =>
    `${p(x, "count")} fichier(s) écarté(s) de la consolidation (raisons ci-dessus, et dans l'onglet « Fichiers ») : statut 1.`,
} satisfies Record<string, MessageTemplate>;
