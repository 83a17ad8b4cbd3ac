import type { Plan } from "../plan/schema";
import {
  AXIS_FIRST_ROW,
  axisLayout,
  axisRows,
  axisSheetName,
  buildAxisSheet,
  planYears,
} from "./axisSheet";
import { buildDashboardSheet, DASHBOARD_SHEET } from "./dashboardSheet";
import { buildFichesSheet, FICHES_SHEET } from "./fichesSheet";
import { SheetBuilder, PROTECTED, a1, columnLetter, formula, link, num, range, text } from "./grid";
import { STATUS_TEXT } from "./labels";
import type { SheetModel, WorkbookModel } from "./model";
import { buildParamsSheet, PARAMS_SHEET } from "./paramsSheet";
import {
  buildDifferencesSheet,
  buildRecapSheet,
  buildScheduleSheet,
  DIFFERENCES_SHEET,
  legendRules,
  RECAP_COLUMNS,
  RECAP_HEADER_ROW,
  RECAP_SHEET,
  type RecapColumnKey,
  SCHEDULE_SHEET,
} from "./recapSheets";
import type { SnapshotSummary } from "./snapshotSummary";
import { STYLES } from "./styles";
import { partnerActions, restrictPlan } from "../plan/partners";
import {
  ARCHIVES_SHEET,
  buildArchivesSheet,
  buildJournalSheet,
  JOURNAL_SHEET,
  type ArchiveRecord,
  type JournalRecord,
} from "./logSheets";

export const SUMMARY_SHEET = "Sommaire";
export const GENERATOR = "ctg-classeur";

export interface BuildOptions {
  readonly generatorVersion: string;
  /** The date the workbook is generated, `YYYY-MM-DD` (shown on the Sommaire). */
  readonly generatedOn: string;
  /**
   * A partner's workbook: only the actions that partner pilots or takes part in (see
   * `partnerActions`), a Sommaire written for someone without the add-in, no Écarts sheet.
   */
  readonly partner?: string | null;
  /** The master's logs, kept from one regeneration to the next (sheets added when not empty). */
  readonly archives?: readonly ArchiveRecord[];
  readonly journal?: readonly JournalRecord[];
  /**
   * A model built by `buildWorkbook` from this very plan and partner (an opened workbook's, when a
   * merge or a refresh rebuilds it): its sheets that only the plan decides are taken as they are, and
   * only the Sommaire and the logs are built again (at ×10, a build is about 170 000 cells). Models
   * are immutable values, so sharing their sheets is safe. A model of another plan id, version or
   * partner is ignored.
   */
  readonly sameStructureAs?: WorkbookModel;
  /** A partner's workbook: the values it was sent, as JSON (see `WorkbookModel.baseJson`). */
  readonly baseJson?: string;
  /**
   * The last frozen yearly bilan: the Tableau de bord shows the change since then. Not shown in a
   * partner's workbook (a return is verified against a build without it).
   */
  readonly lastSnapshot?: SnapshotSummary | null;
}

/**
 * A fingerprint of the workbook's structure: sheet names, the header of each axis table and its row
 * ids. Two workbooks built from the same plan version have the same fingerprint; a copy whose rows or
 * columns were moved, added or deleted does not. FNV-1a on two 32-bit lanes (no crypto module in the
 * domain; this detects accidents, it is not a security measure).
 */
export function structureFingerprint(parts: readonly string[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  const input = parts.join("\u0000");
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x01000193 + 2 * i + 1) >>> 0;
  }
  return h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0");
}

export function structureParts(
  plan: Plan,
  sheetNames: readonly string[],
  partner: string | null = null
): string[] {
  const layout = axisLayout(planYears(plan));
  return [
    `plan:${plan.id}@${plan.version}`,
    ...(partner ? [`partner:${partner}`] : []),
    ...sheetNames.map((n) => `sheet:${n}`),
    `headers:${layout.headers.join("|")}`,
    ...plan.axes.flatMap((axis) => axisRows(axis).map((r) => `${axisSheetName(axis)}:${r.rowId}`)),
  ];
}

function buildSummarySheet(
  plan: Plan,
  options: BuildOptions,
  fingerprint: string,
  sheetNames: readonly string[]
): SheetModel {
  const s = new SheetBuilder(SUMMARY_SHEET);
  const partner = options.partner ?? null;
  s.set(0, 0, text(`${plan.title} ${plan.years.start}-${plan.years.end}`), "title");
  s.set(
    1,
    0,
    text(
      partner
        ? `Classeur préparé pour : ${partner} — à remplir et à renvoyer à la coordination CTG`
        : "Classeur de suivi des indicateurs, du récapitulatif et de l'échéancier"
    ),
    "subtitle"
  );
  let r = 3;
  if (partner) {
    s.set(r++, 0, text("À lire d'abord"), "heading");
    const refs = plan.axes.flatMap((a) => a.objectives.flatMap((o) => o.actions.map((x) => x.ref)));
    for (const line of [
      `Ce classeur ne contient que les actions de la CTG que ${partner} pilote ou auxquelles ${partner} participe (${refs.length} action${refs.length > 1 ? "s" : ""} : ${refs.join(", ")}).`,
      "Il s'ouvre dans Excel, Excel en ligne ou LibreOffice, sans aucun complément à installer.",
      "Vous ne pouvez écrire que dans les cellules jaunes ; tout le reste est protégé pour éviter les accidents.",
      "Ne renommez pas les onglets, n'insérez et ne supprimez ni ligne ni colonne, et ne retirez pas la protection : la coordination ne pourrait pas reprendre vos saisies.",
      "Une fois rempli, enregistrez le fichier au format .xlsx et renvoyez-le à la coordination CTG (par courriel par exemple).",
    ]) {
      s.set(r, 0, text("•"), "computed");
      s.set(r++, 1, text(line), "textWrap");
    }
    r++;
  }
  s.set(r++, 0, text("Axes et objectifs"), "heading");
  s.row(
    r++,
    0,
    [
      "Onglet",
      "Objectif",
      "Actions",
      "Cibles suivies",
      STATUS_TEXT.atteint,
      STATUS_TEXT.a_renseigner,
    ].map(text),
    "header"
  );
  const objectivesTable = `'${RECAP_SHEET}'`;
  const actionCount = plan.axes.reduce(
    (n, a) => n + a.objectives.reduce((m, o) => m + o.actions.length, 0),
    0
  );
  // Live counts from the recap's per-action rows, by the objective id of each.
  const recapRange = (key: RecapColumnKey) => {
    const col = columnLetter(RECAP_COLUMNS.col[key]);
    return `${objectivesTable}!$${col}$${RECAP_HEADER_ROW + 2}:$${col}$${RECAP_HEADER_ROW + 1 + actionCount}`;
  };
  for (const axis of plan.axes) {
    s.set(
      r,
      0,
      link(`Axe ${axis.id} – ${axis.title}`, axisSheetName(axis), a1(AXIS_FIRST_ROW - 1, 0)),
      "link"
    );
    r++;
    for (const objective of axis.objectives) {
      const rows = axisRows({ ...axis, objectives: [objective] }).length;
      s.set(r, 0, text(objective.id), "computed");
      s.set(r, 1, text(objective.title), "textWrap");
      s.set(r, 2, num(objective.actions.length), "computed");
      s.set(r, 3, num(rows), "computed");
      const countOf = (status: "atteint" | "a_renseigner") =>
        formula(`SUMIF(${recapRange("objective")},${a1(r, 0)},${recapRange(status)})`);
      s.set(r, 4, countOf("atteint"), "computed");
      s.set(r, 5, countOf("a_renseigner"), "computed");
      r++;
    }
  }
  r++;
  s.set(r++, 0, text("Autres onglets"), "heading");
  for (const [name, what] of [
    [
      DASHBOARD_SHEET,
      "le tableau de bord : statuts des cibles, taux de saisie et actions en retard, avec leurs graphiques",
    ],
    [
      RECAP_SHEET,
      "le récapitulatif des indicateurs, avec l'avancement par action, objectif et axe",
    ],
    [SCHEDULE_SHEET, "l'échéancier : phase, dates et avancement de chaque action, et le diagramme"],
    [DIFFERENCES_SHEET, "les écarts entre fiches action et récapitulatif, à trancher"],
    [FICHES_SHEET, "le texte complet de chaque fiche action"],
    [PARAMS_SHEET, "la date d'évaluation, les dates des phases et les listes"],
  ] as const) {
    if (!sheetNames.includes(name)) continue;
    s.set(r, 0, link(name, name), "link");
    s.set(r, 1, text(what), "textWrap");
    r++;
  }
  r++;
  s.set(r++, 0, text("Légende"), "heading");
  s.set(r, 0, text("Saisie"), "legendInput");
  s.set(
    r++,
    1,
    text("Cellule jaune : à remplir (mesures, référence, commentaire, source)."),
    "textWrap"
  );
  s.set(r, 0, text("Calcul"), "legendComputed");
  s.set(r++, 1, text("Cellule grise : calculée ou issue du plan, ne pas modifier."), "textWrap");
  const legendTop = r;
  const meanings: Record<keyof typeof STATUS_TEXT, string> = {
    atteint: "la cible est atteinte",
    non_atteint: "l'échéance est passée et la cible n'est pas atteinte",
    en_cours: "mesuré, pas encore atteint, l'échéance n'est pas passée",
    a_renseigner: "rien n'est saisi (ou la valeur de référence manque)",
    saisie_invalide:
      "une saisie ne peut pas être comparée à la cible (texte, nombre négatif, pourcentage au-delà de 100 %...)",
    qualitatif: "enregistré, non jugé automatiquement",
  };
  for (const st of Object.keys(STATUS_TEXT) as Array<keyof typeof STATUS_TEXT>) {
    s.set(r, 0, text(STATUS_TEXT[st]), "status");
    s.set(r++, 1, text(meanings[st]), "textWrap");
  }
  s.conditionalFormats.push(...legendRules(range(legendTop, 0, r - 1, 0), a1(legendTop, 0)));
  r++;
  s.set(r++, 0, text("Mode d'emploi (sans complément)"), "heading");
  for (const line of [
    "1. Ouvrez l'onglet de votre axe et repérez vos actions (colonne Réf) ; les filtres de l'en-tête aident à n'afficher que les vôtres.",
    "2. Saisissez chaque mesure dans la colonne de l'année, dans les cellules jaunes : un nombre, un pourcentage (45 %) ou, pour un jalon, Oui / Non / En cours.",
    "3. Pour une cible en hausse (« augmentation de 20 % »), saisissez aussi la valeur de départ dans la colonne Référence.",
    "4. Le statut se calcule tout seul. « Saisie invalide » signale une valeur à corriger ; le message d'aide de la cellule dit ce qui est attendu.",
    "5. Précisez d'où vient le chiffre (colonne Source) et tout commentaire utile, puis renvoyez le classeur sans le renommer ni modifier sa structure.",
  ]) {
    s.set(r, 0, text(line.slice(0, 2)), "computed");
    s.set(r++, 1, text(line.slice(3)), "textWrap");
  }
  r++;
  s.set(r++, 0, text("Informations"), "heading");
  const info: Array<[string, string]> = [
    ["Plan", `${plan.title} (${plan.id})`],
    ["Version du plan", plan.version],
    ["Source", plan.source ? plan.source.file : "fichier de plan"],
    ["Généré par", `${GENERATOR} ${options.generatorVersion}`],
    ["Généré le", options.generatedOn.split("-").reverse().join("/")],
    ["Empreinte de structure", fingerprint],
  ];
  if (partner) info.splice(2, 0, ["Partenaire", partner]);
  for (const [k, v] of info) {
    s.set(r, 0, text(k), "computed");
    s.set(r++, 1, text(v), "textWrap");
  }
  s.width(0, 40);
  s.width(1, 70);
  s.fitRowHeights(3);
  s.width(2, 9);
  s.width(3, 13);
  s.width(4, 10);
  s.width(5, 13);
  s.protection = PROTECTED;
  s.print = { orientation: "portrait", fitToWidth: true, repeatRows: null };
  s.tabColor = "1F3864";
  return s.build();
}

/** The plan a workbook shows: the whole plan, or only a partner's actions. */
export function workbookPlan(plan: Plan, partner: string | null | undefined): Plan {
  return partner ? restrictPlan(plan, new Set(partnerActions(plan, partner))) : plan;
}

/** What the plan alone decides in a workbook: its sheets but the Sommaire and the logs. */
interface PlanSheets {
  /** The plan the workbook shows (see `workbookPlan`). */
  readonly plan: Plan;
  readonly sheets: readonly SheetModel[];
  readonly fingerprint: string;
  readonly planJson: string;
}

function planSheets(fullPlan: Plan, partner: string | null): PlanSheets {
  const plan = workbookPlan(fullPlan, partner);
  const axisSheets = plan.axes.map((axis) => buildAxisSheet(axis, plan));
  const sheets = [
    ...axisSheets,
    buildRecapSheet(plan),
    buildScheduleSheet(plan),
    ...(partner ? [] : [buildDifferencesSheet(plan)]),
    buildFichesSheet(plan),
    buildParamsSheet(plan),
  ];
  const names = [SUMMARY_SHEET, ...sheets.map((s) => s.name)];
  // The logs and the Tableau de bord (no entry, rebuilt each time) are not part of the structure: a
  // master with archives, or built before the dashboard existed, still takes the same returns.
  const fingerprint = structureFingerprint(structureParts(plan, names, partner));
  return { plan, sheets, fingerprint, planJson: JSON.stringify(plan) };
}

/** Sheets a build makes besides the plan's: their content depends on the options. */
const OPTION_SHEETS: ReadonlySet<string> = new Set([
  SUMMARY_SHEET,
  DASHBOARD_SHEET,
  ARCHIVES_SHEET,
  JOURNAL_SHEET,
]);

/** The plan's sheets of a model built from `fullPlan` for `partner`, or null for another model. */
function reusedPlanSheets(
  model: WorkbookModel,
  fullPlan: Plan,
  partner: string | null
): PlanSheets | null {
  const { meta } = model;
  if (meta.planId !== fullPlan.id || meta.planVersion !== fullPlan.version) return null;
  if (meta.partner !== partner) return null;
  return {
    plan: workbookPlan(fullPlan, partner),
    sheets: model.sheets.filter((s) => !OPTION_SHEETS.has(s.name)),
    fingerprint: meta.fingerprint,
    planJson: model.planJson,
  };
}

/**
 * Builds the whole workbook model from a plan. Pure: the same plan and options give the same model.
 * With `partner`, the workbook holds only that partner's actions (the plan's JSON stored in it too).
 */
export function buildWorkbook(fullPlan: Plan, options: BuildOptions): WorkbookModel {
  const partner = options.partner ?? null;
  const reused = options.sameStructureAs
    ? reusedPlanSheets(options.sameStructureAs, fullPlan, partner)
    : null;
  const { plan, sheets, fingerprint, planJson } = reused ?? planSheets(fullPlan, partner);
  const names = [SUMMARY_SHEET, DASHBOARD_SHEET, ...sheets.map((s) => s.name)];
  const summary = buildSummarySheet(plan, options, fingerprint, names);
  const dashboard = buildDashboardSheet(plan, partner ? null : (options.lastSnapshot ?? null));
  const logs = [
    ...(options.archives?.length ? [buildArchivesSheet(options.archives)] : []),
    ...(options.journal?.length ? [buildJournalSheet(options.journal)] : []),
  ];
  return {
    meta: {
      planId: plan.id,
      planVersion: plan.version,
      generator: GENERATOR,
      generatorVersion: options.generatorVersion,
      fingerprint,
      partner,
    },
    styles: STYLES,
    sheets: [summary, dashboard, ...sheets, ...logs],
    names: [
      { name: "CTG_DateEvaluation", ref: "'Paramètres'!$B$3" },
      { name: "CTG_AnneeEvaluation", ref: "'Paramètres'!$B$4" },
    ],
    planJson,
    ...(options.baseJson === undefined ? {} : { baseJson: options.baseJson }),
  };
}
