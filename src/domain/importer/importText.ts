import { message, type Message } from "../messages/types";
import {
  PLAN_SCHEMA_VERSION,
  type Action,
  type Axis,
  type Difference,
  type IndicatorKind,
  type Objective,
  type Phase,
  type Plan,
  type RecapRow,
  type Role,
} from "../plan/schema";
import { cleanMarkup, comparable, headingKey, toLine, type Line } from "./clean";
import { NO_CORRECTIONS, type Corrections } from "./corrections";
import { parseFiche, type ParsedFiche } from "./fiche";
import { linkIndicators, splitRecapCell, type FicheIndicator, type RecapItem } from "./link";

/**
 * Imports a CTG document exported as text (the shape of the Pays Ségali plan: summary tables,
 * fiches action in order, échéancier, récapitulatif des indicateurs, fiches mission) into a plan.
 * Pure and deterministic: the same text and corrections always give the same plan.
 */

export interface ImportOptions {
  readonly corrections?: Corrections;
  readonly source?: { readonly file: string; readonly sha256: string } | null;
}

export interface ImportResult {
  readonly plan: Plan;
  /** Problems found in the document, as data (French in the catalogue). */
  readonly notes: readonly Message[];
}

const ROMAN = "(IV|V?I{0,3}|IX|X)";
const AXIS_HEADING = new RegExp(`^${ROMAN}\\s*[-–—]\\s*(.+?)\\s*$`);
const OBJECTIVE_TABLE = /^([A-Z])\s*[-–]\s*(.+?)\t+Pilotage\t(?:Page|Evaluation|Évaluation)\b/;
const ACTION_ROW = /^([IVX]+)\.([A-Z])\.(\d+)\t/;
const SECTION_OBJECTIVE = /^(?:-\s*)?([A-Z])\s*[-–]\s*(\S.*)$/;
const SECTION_ACTION = /^(?:-\s*)?(\d+)\s*[-–]\s*(\S.*)$/;

const PHASES: readonly Phase[] = ["court_terme", "moyen_terme", "long_terme", "prochaine_ctg"];
/** Schedule cell contents that clearly mark a phase; anything else (`?`) is kept as a mark, not a phase. */
const PHASE_MARK = /^(x|●|•|✓|✔|→|oui)$/i;

const ROMAN_VALUES: Readonly<Record<string, number>> = { I: 1, V: 5, X: 10 };
function romanToNumber(r: string): number {
  let total = 0;
  for (let i = 0; i < r.length; i++) {
    const v = ROMAN_VALUES[r[i] ?? ""] ?? 0;
    const next = ROMAN_VALUES[r[i + 1] ?? ""] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

function slug(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** An action title without the list number some tables put before it (`1- Mise en place ...`). */
function actionTitleText(raw: string): string {
  return cleanMarkup(raw).replace(/^\d+\s*[-–]\s*/, "");
}

function cells(raw: string): string[] {
  return raw.split("\t").map((c) => c.trim());
}

interface Draft {
  axes: Array<{ id: string; title: string; objectives: Array<ObjectiveDraft> }>;
}
interface ObjectiveDraft {
  id: string;
  letter: string;
  title: string;
  titleVariants: Objective["titleVariants"];
  actions: Action[];
}

/** Splits the document into its parts by their titles. */
function parts(lines: readonly Line[]): {
  main: Line[];
  schedule: Line[];
  recap: Line[];
  roles: Line[];
} {
  let part: "front" | "main" | "schedule" | "recap" | "roles" = "front";
  const out = {
    main: [] as Line[],
    schedule: [] as Line[],
    recap: [] as Line[],
    roles: [] as Line[],
  };
  for (const line of lines) {
    const key = headingKey(line.raw);
    if (key === "fiches action") part = "main";
    else if (key.startsWith("echeancier des actions")) part = "schedule";
    else if (key.startsWith("recapitulatif indicateurs")) part = "recap";
    else if (key.startsWith("annexes pilotage")) part = "roles";
    else if (part !== "front") out[part].push(line);
  }
  return out;
}

function addVariant(
  variants: Array<{ where: "section" | "schedule" | "recap"; title: string }>,
  main: string,
  where: "section" | "schedule" | "recap",
  title: string
): void {
  const t = cleanMarkup(title);
  if (t === "" || comparable(t) === comparable(main)) return;
  if (variants.some((v) => v.where === where && v.title === t)) return;
  variants.push({ where, title: t });
}

export function importPlanFromText(text: string, options: ImportOptions = {}): ImportResult {
  const corrections = options.corrections ?? NO_CORRECTIONS;
  const notes: Message[] = [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n").map(toLine);

  // Metadata from the title page.
  const front = lines.filter((l) => l.text !== "");
  const title = front[0]?.text ?? "";
  const territory = title.replace(/^convention territoriale globale\s*/i, "").trim() || title;
  const yearsLine = front.find((l) => /^\d{4}\s*[-–]\s*\d{4}$/.test(l.text));
  const [start, end] = (yearsLine?.text.split(/\s*[-–]\s*/) ?? []).map(Number);
  const dateLabel =
    front.find((l) =>
      /^(janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)\s+\d{4}$/i.test(
        l.text
      )
    )?.text ?? null;
  if (!yearsLine) notes.push(message("import.years_missing"));
  // The title and years are repeated at the top of each part: page headers, not content.
  const pageHeader = (l: Line): boolean =>
    l.text === title || (yearsLine !== undefined && l.text === yearsLine.text);
  const { main, schedule, recap, roles } = parts(lines.filter((l) => !pageHeader(l)));

  // 1. Summary tables and fiches, in document order.
  const draft: Draft = { axes: [] };
  const axisById = new Map<string, Draft["axes"][number]>();
  const actionByRef = new Map<string, Action>();
  const pendingFiches = new Map<string, Action[]>(); // axis id -> actions still waiting for their fiche
  const ficheLines = new Map<Action, Line[]>();
  let axis: Draft["axes"][number] | null = null;
  let objective: ObjectiveDraft | null = null;
  let inFiche: Line[] | null = null;
  let sectionObjective: string | null = null;

  for (const line of main) {
    const axisMatch = line.bullet ? null : AXIS_HEADING.exec(line.raw.split("\t")[0]?.trim() ?? "");
    if (axisMatch && axisMatch[1] && !line.raw.includes("\t")) {
      const id = axisMatch[1];
      inFiche = null;
      sectionObjective = null;
      axis = axisById.get(id) ?? null;
      if (!axis) {
        axis = { id, title: cleanMarkup(axisMatch[2] ?? ""), objectives: [] };
        axisById.set(id, axis);
        draft.axes.push(axis);
      }
      continue;
    }
    const objectiveMatch = OBJECTIVE_TABLE.exec(line.raw);
    if (objectiveMatch && axis) {
      const letter = objectiveMatch[1] ?? "";
      const id = `${axis.id}.${letter}`;
      objective = axis.objectives.find((o) => o.id === id) ?? null;
      if (!objective) {
        objective = {
          id,
          letter,
          title: cleanMarkup(objectiveMatch[2] ?? ""),
          titleVariants: [],
          actions: [],
        };
        axis.objectives.push(objective);
      }
      continue;
    }
    if (ACTION_ROW.test(line.raw) && axis) {
      const [ref = "", actionTitle = "", pilotage = "", page = ""] = cells(line.raw);
      const parentId = ref.split(".").slice(0, 2).join(".");
      const parent = axis.objectives.find((o) => o.id === parentId) ?? objective;
      if (!parent || !ref.startsWith(`${axis.id}.`)) {
        notes.push(message("import.action_outside_objective", { ref }));
        continue;
      }
      if (actionByRef.has(ref)) {
        notes.push(message("import.duplicate_ref", { ref }));
        continue;
      }
      const action: Action = {
        ref,
        title: actionTitleText(actionTitle),
        pilotage: cleanMarkup(pilotage),
        page: /^\d+$/.test(page) ? Number(page) : null,
        titleVariants: [],
        fiche: null,
        recap: null,
        indicators: [],
        schedule: { startPhase: null, start: null, end: null, progress: null, sourceMarks: [] },
      };
      parent.actions.push(action);
      actionByRef.set(ref, action);
      const queue = pendingFiches.get(axis.id) ?? [];
      queue.push(action);
      pendingFiches.set(axis.id, queue);
      continue;
    }
    if (/^ref\s*\t/i.test(line.raw)) continue;
    if (/^elements? de contexte/.test(headingKey(line.raw))) {
      if (!axis) continue;
      const next = pendingFiches.get(axis.id)?.shift();
      if (!next) {
        notes.push(message("import.fiche_without_action", { axis: axis.id, line: line.no + 1 }));
        inFiche = null;
        continue;
      }
      inFiche = [line];
      ficheLines.set(next, inFiche);
      continue;
    }
    if (inFiche) {
      inFiche.push(line);
      continue;
    }
    // Between fiches: the axis's list of objectives and actions (a third wording of their titles).
    if (axis && line.text !== "") {
      const o = SECTION_OBJECTIVE.exec(line.text);
      const a = SECTION_ACTION.exec(line.text);
      if (o && !a && /^(?:-\s*)?[A-Z]\s*[-–]/.test(line.raw.trim())) {
        sectionObjective = `${axis.id}.${o[1] ?? ""}`;
        const obj = axis.objectives.find((x) => x.id === sectionObjective);
        if (obj) addVariant(obj.titleVariants, obj.title, "section", o[2] ?? "");
      } else if (a && sectionObjective) {
        const target = actionByRef.get(`${sectionObjective}.${a[1] ?? ""}`);
        if (target) addVariant(target.titleVariants, target.title, "section", a[2] ?? "");
      }
    }
  }

  const parsedFiches = new Map<Action, ParsedFiche>();
  for (const [action, fl] of ficheLines) {
    const parsed = parseFiche(fl);
    action.fiche = parsed.fiche;
    parsedFiches.set(action, parsed);
  }
  for (const [axisId, queue] of pendingFiches) {
    for (const action of queue)
      notes.push(message("import.action_without_fiche", { ref: action.ref, axis: axisId }));
  }

  // 2. Échéancier: titles, and marks (kept, never turned into an invented phase).
  let phaseColumns: string[] = ["Courts termes", "Moyens termes", "Longs termes", "Prochaine CTG"];
  for (const line of schedule) {
    const c = cells(line.raw);
    if (c.length >= 4 && AXIS_HEADING.test(c[0] ?? "")) {
      const headers = c.slice(2).filter((h) => h !== "");
      if (headers.length === 4) phaseColumns = headers;
      continue;
    }
    const obj = /^([A-Z])\s*[-–]\s*(.+)$/.exec(c[0] ?? "");
    if (obj && c.length > 1) {
      // Objective row: which axis comes from the action rows below; titles are matched by letter later.
      continue;
    }
    if (!ACTION_ROW.test(line.raw)) continue;
    const ref = c[0] ?? "";
    const action = actionByRef.get(ref);
    if (!action) {
      notes.push(message("import.unknown_ref", { ref, part: "échéancier" }));
      continue;
    }
    addVariant(action.titleVariants, action.title, "schedule", actionTitleText(c[1] ?? ""));
    c.slice(2, 6).forEach((mark, i) => {
      if (mark === "") return;
      const column = phaseColumns[i] ?? `colonne ${i + 1}`;
      const phase = PHASES[i];
      if (PHASE_MARK.test(mark) && phase && action.schedule.startPhase === null)
        action.schedule.startPhase = phase;
      else action.schedule.sourceMarks.push({ column, mark: cleanMarkup(mark) });
    });
  }
  // Objective titles of the échéancier, matched by their position among the rows of each axis.
  scheduleObjectiveTitles(schedule, axisById);

  // 3. Récapitulatif des indicateurs.
  const differences: Difference[] = [];
  const recapCells = new Map<Action, string[]>();
  // The recap's objective header row applies to the next action row.
  let pendingRecapObjective: { letter: string; title: string } | null = null;
  for (const line of recap) {
    const c = cells(line.raw);
    const objMatch = OBJECTIVE_TABLE.exec(line.raw);
    if (objMatch) {
      pendingRecapObjective = { letter: objMatch[1] ?? "", title: cleanMarkup(objMatch[2] ?? "") };
      continue;
    }
    if (!ACTION_ROW.test(line.raw)) continue;
    const ref = c[0] ?? "";
    const action = actionByRef.get(ref);
    if (!action) {
      notes.push(message("import.unknown_ref", { ref, part: "récapitulatif" }));
      continue;
    }
    if (pendingRecapObjective) {
      const objId = ref.split(".").slice(0, 2).join(".");
      const obj = axisById.get(ref.split(".")[0] ?? "")?.objectives.find((o) => o.id === objId);
      if (obj && obj.letter === pendingRecapObjective.letter) {
        addVariant(obj.titleVariants, obj.title, "recap", pendingRecapObjective.title);
      }
      pendingRecapObjective = null;
    }
    recapCells.set(action, c);
  }

  // 4. Indicators: fiche and recap linked, and the differences between them.
  for (const action of actionByRef.values()) {
    const parsed = parsedFiches.get(action);
    const ficheIndicators: FicheIndicator[] = parsed ? [...parsed.indicators] : [];
    const c = recapCells.get(action);
    let recapItems: RecapItem[] = [];
    if (c) {
      const [, recapTitle = "", pilotage = "", real = "", res = "", imp = ""] = c;
      const columns: Array<[IndicatorKind, string]> = [
        ["realisation", real],
        ["resultat", res],
        ["impact", imp],
      ];
      const rowDiffs: Difference[] = [];
      recapItems = columns.flatMap(([kind, cell]) =>
        splitRecapCell(cleanMarkup(cell), kind, ficheIndicators, action.ref, rowDiffs)
      );
      const row: RecapRow = {
        title: actionTitleText(recapTitle) || action.title,
        pilotage: cleanMarkup(pilotage).replace(/^-\s*/, ""),
        realisation: recapItems.filter((i) => i.kind === "realisation").map((i) => i.text),
        resultats: recapItems.filter((i) => i.kind === "resultat").map((i) => i.text),
        impacts: recapItems.filter((i) => i.kind === "impact").map((i) => i.text),
      };
      action.recap = row;
      addVariant(action.titleVariants, action.title, "recap", row.title);
      if (comparable(row.pilotage) !== comparable(action.pilotage)) {
        differences.push({
          ref: action.ref,
          code: "pilotage",
          indicatorId: null,
          fiche: action.pilotage,
          recap: row.pilotage,
          where: "recap",
        });
      }
      differences.push(...rowDiffs);
    } else if (recap.length > 0) {
      differences.push({
        ref: action.ref,
        code: "recap_missing",
        indicatorId: null,
        fiche: null,
        recap: null,
        where: null,
      });
    }
    if (!parsed) {
      differences.push({
        ref: action.ref,
        code: "fiche_missing",
        indicatorId: null,
        fiche: null,
        recap: null,
        where: null,
      });
    }
    action.indicators = linkIndicators(
      action.ref,
      ficheIndicators,
      recapItems,
      corrections.links,
      differences
    );
    for (const v of action.titleVariants) {
      differences.push({
        ref: action.ref,
        code: "title",
        indicatorId: null,
        fiche: action.title,
        recap: v.title,
        where: v.where,
      });
    }
  }

  const axes: Axis[] = draft.axes.map((a) => ({
    id: a.id,
    number: romanToNumber(a.id),
    title: a.title,
    objectives: a.objectives.filter((o) => o.actions.length > 0),
  }));

  const plan: Plan = {
    schemaVersion: PLAN_SCHEMA_VERSION,
    id: corrections.plan.id ?? slug(`${territory} ${start ?? ""} ${end ?? ""}`),
    version: corrections.plan.version ?? "1.0.0",
    title,
    territory,
    years: { start: start ?? 0, end: end ?? 0 },
    dateLabel,
    source: options.source ?? null,
    axes,
    roles: parseRoles(roles),
    partners: corrections.partners,
    differences: sortDifferences(differences, actionByRef),
  };
  return { plan, notes };
}

function scheduleObjectiveTitles(
  schedule: readonly Line[],
  axisById: ReadonlyMap<string, Draft["axes"][number]>
): void {
  let pending: { letter: string; title: string } | null = null;
  for (const line of schedule) {
    const c = cells(line.raw);
    const obj = /^([A-Z])\s*[-–]\s*(.+)$/.exec(c[0] ?? "");
    if (obj && !ACTION_ROW.test(line.raw) && !AXIS_HEADING.test(c[0] ?? "")) {
      pending = { letter: obj[1] ?? "", title: obj[2] ?? "" };
      continue;
    }
    if (ACTION_ROW.test(line.raw) && pending) {
      const ref = c[0] ?? "";
      const o = axisById
        .get(ref.split(".")[0] ?? "")
        ?.objectives.find((x) => x.id === ref.split(".").slice(0, 2).join("."));
      if (o && o.letter === pending.letter)
        addVariant(o.titleVariants, o.title, "schedule", pending.title);
      pending = null;
    }
  }
}

const CODE_ORDER: readonly Difference["code"][] = [
  "title",
  "pilotage",
  "fiche_missing",
  "recap_missing",
  "recap_items_merged",
  "recap_items_split",
  "indicator_kind",
  "indicator_target",
  "indicator_wording",
  "indicator_fiche_only",
  "indicator_recap_only",
];

function sortDifferences(diffs: Difference[], actions: ReadonlyMap<string, Action>): Difference[] {
  const order = [...actions.keys()];
  return diffs
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        order.indexOf(a.d.ref) - order.indexOf(b.d.ref) ||
        CODE_ORDER.indexOf(a.d.code) - CODE_ORDER.indexOf(b.d.code) ||
        a.i - b.i
    )
    .map(({ d }) => d);
}

/** A role title starts a line with the name of a post, and is followed shortly by "Principales missions". */
const ROLE_TITLE =
  /^(référent|referent|chargé|charge|coordinat|responsable|animat(eur|rice)|directeur|directrice)/i;

export function parseRoles(lines: readonly Line[]): Role[] {
  const text = lines.map((l) => l.text);
  const isMissions = (s: string): boolean => headingKey(s) === "principales missions";
  const isLinks = (s: string): boolean => /^liens\b/.test(headingKey(s));
  const starts: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const t = text[i] ?? "";
    if (!ROLE_TITLE.test(t) || (i > 0 && (text[i - 1] ?? "") !== "")) continue;
    // The next "Principales missions" must come before any other role title.
    const window = text.slice(i + 1, i + 12);
    const mi = window.findIndex(isMissions);
    if (
      mi >= 0 &&
      !window
        .slice(0, mi)
        .some((w, k) => k > 0 && ROLE_TITLE.test(w) && (window[k - 1] ?? "") === "")
    ) {
      starts.push(i);
    }
  }
  const roles: Role[] = [];
  starts.forEach((s, k) => {
    const block = text.slice(s, starts[k + 1] ?? text.length);
    const title = (block[0] ?? "").replace(/\s*:$/, "");
    const subtitle: string[] = [];
    let i = 1;
    while (i < block.length && (block[i] ?? "") !== "") subtitle.push(block[i++] ?? "");
    const missionsAt = block.findIndex(isMissions);
    const linksAt = block.findIndex(isLinks);
    const paragraphs = (from: number, to: number): string[] => {
      const out: string[] = [];
      for (const t of block.slice(from, to)) {
        if (t === "") continue;
        const last = out.length - 1;
        // A line starting in lower case continues the previous one (a wrapped line of the source).
        if (last >= 0 && /^[a-zà-ÿ]/.test(t)) out[last] = `${out[last]} ${t}`;
        else out.push(t);
      }
      return out;
    };
    roles.push({
      id: slug(title).slice(0, 60).replace(/-$/, ""),
      title,
      subtitle,
      summary: paragraphs(i, missionsAt),
      missions: paragraphs(missionsAt + 1, linksAt > missionsAt ? linksAt : block.length),
      links: linksAt > missionsAt ? paragraphs(linksAt + 1, block.length) : [],
    });
  });
  return roles;
}
