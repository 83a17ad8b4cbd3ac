import type { BudgetLine, IndicatorKind, Item, Phase } from "../plan/schema";
import { AGGREGATION_TEXT, COMPARATOR_TEXT, MEASURE_TEXT, PERIOD_TEXT } from "../workbook/labels";
import { PHASE_TEXT } from "../workbook/paramsSheet";
import { columnSchema, type ColumnDef } from "../workbook/columns";

/**
 * The plan workbook's layout: its sheets, their columns (one declarative list each, shared by the
 * writer and the reader), the French words of its lists, and how a list of lines fits in one cell.
 */

export const PLANBOOK_GENERATOR = "ctg-plan";

export const SHEETS = {
  readme: "Lisez-moi",
  plan: "Plan",
  axes: "Axes",
  objectives: "Objectifs",
  actions: "Actions",
  indicators: "Indicateurs",
  targets: "Cibles",
  budget: "Budget",
  roles: "Rôles",
  partners: "Partenaires",
  differences: "Écarts",
  lists: "Listes",
} as const;

/** Rows above the header: the sheet's title and its instruction. The header is on row 3. */
export const HEADER_ROW = 2;
export const FIRST_ROW = HEADER_ROW + 1;
/** Rows below the data that take the input style and the validation, for new rows. */
export const SPARE_ROWS = 200;

const c = <K extends string>(
  key: K,
  header: string,
  width: number,
  input = true,
  folded = false
): ColumnDef<K> => ({ key, header, width, input, ...(folded ? { folded } : {}) });

export const AXIS_COLUMNS = columnSchema(
  ["id", "number", "title"],
  [c("id", "ID", 8, false), c("number", "N°", 6), c("title", "Intitulé de l'axe", 70)]
);

export const OBJECTIVE_COLUMNS = columnSchema(
  ["id", "axis", "title", "variants"],
  [
    c("id", "ID", 8, false),
    c("axis", "Axe", 8),
    c("title", "Intitulé de l'objectif", 70),
    c("variants", "Autres intitulés", 40, true, true),
  ]
);

export const ACTION_COLUMNS = columnSchema(
  [
    "id",
    "objective",
    "title",
    "pilotage",
    "pilots",
    "partners",
    "startPhase",
    "start",
    "end",
    "progress",
    "hasFiche",
    "context",
    "expectedResults",
    "method",
    "vigilance",
    "resources",
    "partnersText",
    "inhabitants",
    "other",
    "page",
    "variants",
    "sourceMarks",
    "recapTitle",
    "recapPilotage",
    "recapRealisation",
    "recapResultats",
    "recapImpacts",
  ],
  [
    c("id", "ID", 9, false),
    c("objective", "Objectif", 9),
    c("title", "Intitulé de l'action", 50),
    c("pilotage", "Pilotage", 24),
    c("pilots", "Référents-pilotes", 24),
    c("partners", "Partenaires", 30),
    c("startPhase", "Phase de démarrage", 14),
    c("start", "Début", 12),
    c("end", "Fin", 12),
    c("progress", "Avancement (%)", 11),
    c("hasFiche", "Fiche", 7),
    c("context", "Contexte", 50),
    c("expectedResults", "Résultats attendus", 50),
    c("method", "Mise en œuvre", 50),
    c("vigilance", "Points de vigilance", 40),
    c("resources", "Moyens", 40),
    c("partnersText", "Partenaires (texte de la fiche)", 40),
    c("inhabitants", "Place des habitants", 40),
    c("other", "Autres rubriques", 40),
    c("page", "Page", 6, true, true),
    c("variants", "Autres intitulés", 40, true, true),
    c("sourceMarks", "Marques de l'échéancier source", 20, true, true),
    c("recapTitle", "Récapitulatif : intitulé", 40, true, true),
    c("recapPilotage", "Récapitulatif : pilotage", 24, true, true),
    c("recapRealisation", "Récapitulatif : réalisation", 40, true, true),
    c("recapResultats", "Récapitulatif : résultats", 40, true, true),
    c("recapImpacts", "Récapitulatif : impacts", 40, true, true),
  ]
);

/** The target columns, on an indicator's row (one target) and on the Cibles sheet (any number). */
const TARGET_KEYS = [
  "measure",
  "comparator",
  "value",
  "valueMax",
  "unit",
  "period",
  "deadlineYears",
  "deadlineYear",
  "fragment",
] as const;
export type TargetKey = (typeof TARGET_KEYS)[number];
const targetColumns = (): ColumnDef<TargetKey>[] => [
  c("measure", "Mesure", 13),
  c("comparator", "Comparateur", 11),
  c("value", "Valeur", 8),
  c("valueMax", "Max", 8),
  c("unit", "Unité", 14),
  c("period", "Période", 14),
  c("deadlineYears", "Échéance (années)", 10),
  c("deadlineYear", "Année d'échéance", 10),
  c("fragment", "Extrait lu", 30, true, true),
];

export const INDICATOR_COLUMNS = columnSchema(
  [
    "id",
    "action",
    "kind",
    "text",
    "parsed",
    ...TARGET_KEYS,
    "inFiche",
    "recapText",
    "recapKind",
    "aggregation",
  ],
  [
    c("id", "ID", 16, false),
    c("action", "Action", 9),
    c("kind", "Type", 12),
    c("text", "Libellé de l'indicateur", 55),
    c("parsed", "Cible lue", 28, false),
    ...targetColumns(),
    c("inFiche", "Dans la fiche", 8),
    c("recapText", "Libellé du récapitulatif", 45),
    c("recapKind", "Type au récapitulatif", 12, true, true),
    c("aggregation", "Agrégation", 14),
  ]
);

export const TARGET_COLUMNS = columnSchema(
  ["indicator", "wording", ...TARGET_KEYS],
  [c("indicator", "Indicateur", 16), c("wording", "Libellé", 14), ...targetColumns()]
);

export const BUDGET_COLUMNS = columnSchema(
  ["action", "label", "kind", "amount", "period", "uncertain", "raw"],
  [
    c("action", "Action", 9),
    c("label", "Libellé", 40),
    c("kind", "Type", 12),
    c("amount", "Montant (€)", 12),
    c("period", "Période", 10),
    c("uncertain", "Incertain", 9),
    c("raw", "Texte d'origine", 45),
  ]
);

export const ROLE_COLUMNS = columnSchema(
  ["id", "title", "subtitle", "summary", "missions", "links"],
  [
    c("id", "ID", 18, false),
    c("title", "Intitulé de la fiche mission", 40),
    c("subtitle", "Sous-titre", 30),
    c("summary", "Résumé", 45),
    c("missions", "Missions", 55),
    c("links", "Liens", 40),
  ]
);

export const PARTNER_COLUMNS = columnSchema(
  ["name", "variants"],
  [c("name", "Nom retenu", 30), c("variants", "Autres noms (un par ligne)", 50)]
);

export const DIFFERENCE_COLUMNS = columnSchema(
  ["ref", "code", "indicator", "fiche", "recap", "where"],
  [
    c("ref", "Action", 9),
    c("code", "Écart", 22),
    c("indicator", "Indicateur", 16),
    c("fiche", "Fiche", 45),
    c("recap", "Récapitulatif", 45),
    c("where", "Où", 12),
  ]
);

/** The Plan sheet: one labelled value per row (column A the label, B the value). */
export const PLAN_FIELDS = [
  { key: "id", label: "Identifiant du plan" },
  { key: "version", label: "Version" },
  { key: "title", label: "Titre" },
  { key: "territory", label: "Territoire" },
  { key: "start", label: "Première année" },
  { key: "end", label: "Dernière année" },
  { key: "dateLabel", label: "Date du document" },
  { key: "sourceFile", label: "Fichier source" },
  { key: "sourceSha256", label: "Empreinte du fichier source" },
] as const;
export type PlanField = (typeof PLAN_FIELDS)[number]["key"];

// ---------------------------------------------------------------------------------------------
// The French words of the lists

export const KIND_TEXT: Readonly<Record<IndicatorKind, string>> = {
  realisation: "Réalisation",
  resultat: "Résultat",
  impact: "Impact",
};
export const BUDGET_KIND_TEXT: Readonly<Record<BudgetLine["kind"], string>> = {
  cost: "Coût",
  funding: "Financement",
};
export const BUDGET_PERIOD_TEXT: Readonly<Record<BudgetLine["period"], string>> = {
  year: "Par an",
  total: "Total",
};
export const YES = "Oui";
export const NO = "Non";
export const WORDING_TEXT = { text: "Indicateur", recap: "Récapitulatif" } as const;
/** A Cibles row with this measure: the wording has no target at all. */
export const NO_TARGET = "Aucune";
export const WHERE_TEXT = {
  section: "Section",
  schedule: "Échéancier",
  recap: "Récapitulatif",
} as const;

export { AGGREGATION_TEXT, COMPARATOR_TEXT, MEASURE_TEXT, PERIOD_TEXT, PHASE_TEXT };
export type { Phase };

/**
 * The code of a French word of a list (or the code itself, typed by someone who knows it),
 * ignoring case, accents and surrounding spaces; null when it is none of them.
 */
export function codeOf<K extends string>(
  labels: Readonly<Record<K, string>>,
  typed: string
): K | null {
  const fold = (s: string) =>
    s
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();
  const t = fold(typed);
  for (const [code, label] of Object.entries(labels) as Array<[K, string]>)
    if (fold(label) === t || fold(code) === t) return code;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Lists of lines in one cell

/**
 * Fiche items as the lines of one cell: `- text` a bullet, `  - text` a sub-bullet, `text` a
 * paragraph, `  text` an indented paragraph; a paragraph that would read as a bullet is written
 * after a `\`.
 */
export function itemsToCell(items: readonly Item[]): string {
  return items
    .map((it) => {
      const indent = it.level === 1 ? "  " : "";
      if (it.bullet) return `${indent}- ${it.text}`;
      return /^([-•] |[-•]$|\\|# )/.test(it.text) ? `${indent}\\${it.text}` : `${indent}${it.text}`;
    })
    .join("\n");
}

export function cellToItems(cell: string): Item[] {
  const items: Item[] = [];
  for (const line of splitLines(cell)) {
    if (line.trim() === "") continue;
    const level = /^(\s{2,}|\t)/.test(line) ? 1 : 0;
    const rest = line.trim();
    if (rest.startsWith("\\")) items.push({ text: rest.slice(1).trim(), level, bullet: false });
    else if (/^[-•]\s/.test(rest)) items.push({ text: rest.slice(2).trim(), level, bullet: true });
    else items.push({ text: rest, level, bullet: false });
  }
  return items.filter((it) => it.text !== "");
}

/** The non-empty lines of a cell, trimmed. */
export function cellToLines(cell: string): string[] {
  return splitLines(cell)
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

export function splitLines(cell: string): string[] {
  return cell.replace(/\r\n?/g, "\n").split("\n");
}

/** Other titled blocks: `# heading` then its items. */
export function otherToCell(
  blocks: ReadonlyArray<{ heading: string; items: readonly Item[] }>
): string {
  return blocks
    .map((b) => [`# ${b.heading}`, ...(b.items.length ? [itemsToCell(b.items)] : [])].join("\n"))
    .join("\n");
}

/** `label : value` lines (title variants, source marks). */
export function pairsToCell(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([a, b]) => `${a} : ${b}`).join("\n");
}

export function cellToPairs(cell: string): Array<{ line: string; pair: [string, string] | null }> {
  return cellToLines(cell).map((line) => {
    const at = line.indexOf(" : ");
    return {
      line,
      pair: at < 0 ? null : [line.slice(0, at).trim(), line.slice(at + 3).trim()],
    };
  });
}
