import type { Action, PartnerGroup, Plan } from "./schema";

/**
 * Partners of a plan: the names found in each action's pilotage, its fiche's pilots and partners and
 * its recap row, and the actions a partner pilots or takes part in. Names in a CTG are free text
 * (« CAF », « la CAF et la DDCSPP », « La Caf12 »): a partner is matched by words, without case,
 * accents or articles, so `CAF` finds every action where the CAF is named. A plan may give a
 * partner's canonical name and its variants (`plan.partners`): the directory lists the canonical
 * name, and any variant asks for the same partner.
 */

export interface PartnerName {
  /** The name as first written in the plan (leading article removed). */
  readonly name: string;
  /** Refs of the actions naming it, in plan order. */
  readonly actions: readonly string[];
  /** The other names of the same partner (its group's variants found in the plan, or given). */
  readonly variants: readonly string[];
}

const ARTICLES = new Set(["le", "la", "les", "l", "un", "une", "des", "du", "1"]);

/** Lower case, no accents, letters and digits split into words (`Caf12` -> `caf 12`). */
export function nameWords(name: string): string[] {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/([a-z])(\d)/g, "$1 $2")
    .replace(/(\d)([a-z])/g, "$1 $2")
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
}

/** The name without a leading article, trimmed (`la CAF` -> `CAF`, `l'ASAC` -> `ASAC`). */
function cleanName(name: string): string {
  let s = name
    .trim()
    .replace(/[;:.,]+$/, "")
    .trim();
  const article = /^(?:(?:le|la|les|un|une|des|du|1)\s+|l['’]\s*)(?=\S)/i;
  while (article.test(s)) s = s.replace(article, "");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function nameKey(name: string): string {
  const words = nameWords(name);
  while (words.length > 1 && ARTICLES.has(words[0] as string)) words.shift();
  return words.join(" ");
}

/** The group of the plan's canonical partners a name belongs to (by its words), if any. */
export function partnerGroup(plan: Plan, name: string): PartnerGroup | null {
  const key = nameKey(name);
  if (key === "") return null;
  return plan.partners.find((g) => [g.name, ...g.variants].some((n) => nameKey(n) === key)) ?? null;
}

/** The canonical name of a partner (the name itself when the plan gives none). */
export function canonicalPartner(plan: Plan, name: string): string {
  return partnerGroup(plan, name)?.name ?? name;
}

/** Every text of an action that names people or organisations. */
export function actionNames(action: Action): string[] {
  const names = [action.pilotage];
  if (action.fiche) names.push(...action.fiche.pilots, ...action.fiche.partners);
  if (action.recap) names.push(action.recap.pilotage);
  return names.filter((n) => n.trim() !== "");
}

function actionsOf(plan: Plan): Action[] {
  return plan.axes.flatMap((a) => a.objectives.flatMap((o) => o.actions));
}

/**
 * The distinct names of the plan, with the actions a workbook prepared for each would hold (every
 * action naming it, also inside a longer name: « CAF » holds « La Caf12 »'s actions too), the most
 * concerned first (then alphabetical).
 */
export function partnerDirectory(plan: Plan): PartnerName[] {
  const names = new Map<string, { name: string; words: string[] }>();
  const actions = actionsOf(plan).map((action) => ({
    ref: action.ref,
    texts: actionNames(action).map((text) => ({ text, words: nameWords(text) })),
  }));
  for (const action of actionsOf(plan))
    for (const raw of actionNames(action)) {
      const key = nameKey(raw);
      if (key !== "" && !names.has(key))
        names.set(key, { name: cleanName(raw), words: key.split(" ") });
    }
  // The names of a canonical partner are one entry, under its canonical name.
  const entries = new Map<string, { name: string; needles: string[][]; variants: string[] }>();
  for (const [key, { name, words }] of names) {
    const group = partnerGroup(plan, name);
    const id = group ? `=${group.name}` : key;
    let entry = entries.get(id);
    if (!entry) {
      entry = group
        ? {
            name: group.name,
            needles: [group.name, ...group.variants].map(partnerNeedle),
            variants: [],
          }
        : { name, needles: [words], variants: [] };
      entries.set(id, entry);
    }
    if (group && nameKey(name) !== nameKey(group.name)) entry.variants.push(name);
  }
  return [...entries.values()]
    .map(({ name, needles, variants }) => ({
      name,
      actions: actions
        .filter((a) => a.texts.some((t) => needles.some((n) => isNamedIn(t.text, t.words, n))))
        .map((a) => a.ref),
      variants,
    }))
    .sort((a, b) => b.actions.length - a.actions.length || a.name.localeCompare(b.name, "fr"));
}

/**
 * Small French words that are also acronyms of partners (« EN » is the Éducation nationale): alone,
 * they name a partner only where the plan writes them in capitals, not in « VP en charge de… ».
 */
const SMALL_WORDS = new Set([
  "a",
  "au",
  "aux",
  "de",
  "des",
  "du",
  "en",
  "et",
  "la",
  "le",
  "les",
  "l",
  "ou",
  "par",
  "pour",
  "sur",
  "un",
  "une",
  "avec",
  "dans",
]);

/** Whether `text` names the partner whose words are `needle` (see `partnerActions`). */
function isNamedIn(text: string, textWords: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 1 && SMALL_WORDS.has(needle[0] as string)) {
    const upper = (needle[0] as string).toUpperCase();
    return new RegExp(`(^|[^\\p{L}\\p{N}])${upper}(?![\\p{Ll}])`, "u").test(
      text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
    );
  }
  return containsWords(textWords, needle);
}

function containsWords(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0) return false;
  for (let i = 0; i + needle.length <= haystack.length; i++)
    if (needle.every((w, j) => haystack[i + j] === w)) return true;
  return false;
}

/** The words that name a partner in a text: its name's, without leading articles. */
function partnerNeedle(partner: string): string[] {
  const needle = nameWords(partner);
  // Leading articles are not the name; an article alone (`la`) names nobody.
  while (needle.length > 0 && ARTICLES.has(needle[0] as string)) needle.shift();
  return needle;
}

/**
 * Refs of the actions a partner pilots or takes part in (its words appear in one of their names);
 * for a partner of the plan's canonical names, any of its names.
 */
export function partnerActions(plan: Plan, partner: string): string[] {
  const group = partnerGroup(plan, partner);
  const needles = (group ? [group.name, ...group.variants] : [partner]).map(partnerNeedle);
  // The same names recur across a plan's actions (pilots, partners): each is split into words once.
  const words = new Map<string, string[]>();
  const wordsOf = (n: string): string[] => {
    let w = words.get(n);
    if (!w) words.set(n, (w = nameWords(n)));
    return w;
  };
  return actionsOf(plan)
    .filter((a) =>
      actionNames(a).some((n) => needles.some((needle) => isNamedIn(n, wordsOf(n), needle)))
    )
    .map((a) => a.ref);
}

/** Names of the directory sharing a word with what was asked (suggestions when nothing matched). */
export function closePartnerNames(plan: Plan, partner: string, max = 8): string[] {
  const asked = new Set(nameWords(partner).filter((w) => w.length > 2 && !ARTICLES.has(w)));
  return partnerDirectory(plan)
    .filter((p) => nameWords(p.name).some((w) => asked.has(w)))
    .slice(0, max)
    .map((p) => p.name);
}

/** The plan restricted to some actions (objectives and axes left without any are dropped). */
export function restrictPlan(plan: Plan, refs: ReadonlySet<string>): Plan {
  const axes = plan.axes
    .map((axis) => ({
      ...axis,
      objectives: axis.objectives
        .map((o) => ({ ...o, actions: o.actions.filter((a) => refs.has(a.ref)) }))
        .filter((o) => o.actions.length > 0),
    }))
    .filter((axis) => axis.objectives.length > 0);
  return {
    ...plan,
    axes,
    differences: plan.differences.filter((d) => refs.has(d.ref)),
  };
}

/** A file name for a partner's workbook: `classeur-pays-segali-2021-2025-caf.xlsx`. */
export function partnerFileName(planId: string, partner: string): string {
  const slug = nameWords(partner).join("-").slice(0, 40).replace(/-+$/, "") || "partenaire";
  return `classeur-${planId}-${slug}.xlsx`;
}
