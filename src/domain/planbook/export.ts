import type { Action, Indicator, Plan } from "../plan/schema";
import { comparable } from "../importer/clean";
import { formatTargets } from "../targets/format";
import { parseTargets } from "../targets/parse";
import { MeasureSchema, PeriodSchema, type Target } from "../targets/schema";
import { AggregationSchema, DifferenceSchema, PhaseSchema } from "../plan/schema";
import { structureFingerprint } from "../workbook/build";
import type { ColumnSchema } from "../workbook/columns";
import { setColumnWidths, writeHeaderRow } from "../workbook/columns";
import { SheetBuilder, date, num, range, sheetRef, text } from "../workbook/grid";
import type {
  CellValue,
  DataValidation,
  SheetModel,
  StyleName,
  WorkbookModel,
} from "../workbook/model";
import { STYLES } from "../workbook/styles";
import {
  ACTION_COLUMNS,
  AGGREGATION_TEXT,
  AXIS_COLUMNS,
  BUDGET_COLUMNS,
  BUDGET_KIND_TEXT,
  BUDGET_PERIOD_TEXT,
  COMPARATOR_TEXT,
  DIFFERENCE_COLUMNS,
  FIRST_ROW,
  HEADER_ROW,
  INDICATOR_COLUMNS,
  KIND_TEXT,
  MEASURE_TEXT,
  NO,
  NO_TARGET,
  OBJECTIVE_COLUMNS,
  PARTNER_COLUMNS,
  PERIOD_TEXT,
  PHASE_TEXT,
  PLANBOOK_GENERATOR,
  PLAN_FIELDS,
  ROLE_COLUMNS,
  SHEETS,
  SPARE_ROWS,
  TARGET_COLUMNS,
  WHERE_TEXT,
  WORDING_TEXT,
  YES,
  itemsToCell,
  otherToCell,
  pairsToCell,
  type PlanField,
  type TargetKey,
} from "./layout";

/**
 * The plan workbook: a plan laid out for a coordinator to read and edit in Excel, one sheet per
 * level, with the parser's reading of each wording beside it. Pure: `readPlanWorkbook` reads it back.
 */

export interface PlanbookOptions {
  readonly generatorVersion: string;
}

type Row<K extends string> = Partial<Record<K, CellValue | null>>;

const WRAP_KEYS = new Set([
  "title",
  "variants",
  "pilotage",
  "pilots",
  "partners",
  "context",
  "expectedResults",
  "method",
  "vigilance",
  "resources",
  "partnersText",
  "inhabitants",
  "other",
  "sourceMarks",
  "recapTitle",
  "recapRealisation",
  "recapResultats",
  "recapImpacts",
  "text",
  "recapText",
  "subtitle",
  "summary",
  "missions",
  "links",
  "fiche",
  "recap",
  "raw",
  "label",
]);

const t = (s: string | null | undefined): CellValue | null =>
  s === null || s === undefined || s === "" ? null : text(s);
const n = (v: number | null | undefined): CellValue | null =>
  v === null || v === undefined ? null : num(v);
const lines = (xs: readonly string[]): CellValue | null => t(xs.join("\n"));

// ---------------------------------------------------------------------------------------------
// Lists

interface ListSpec {
  readonly header: string;
  readonly values: readonly string[];
}

const label = <K extends string>(labels: Readonly<Record<K, string>>, k: K): string =>
  labels[k] ?? k;

/** The lists of the Listes sheet, by key; built from the schemas, so a new kind is listed. */
function lists(): Record<string, ListSpec> {
  return {
    kind: { header: "Types d'indicateur", values: Object.values(KIND_TEXT) },
    measure: {
      header: "Mesures",
      values: MeasureSchema.options.map((m) => label(MEASURE_TEXT, m)),
    },
    comparator: { header: "Comparateurs", values: Object.values(COMPARATOR_TEXT) },
    period: {
      header: "Périodes",
      values: PeriodSchema.options.map((p) => label(PERIOD_TEXT, p)),
    },
    aggregation: {
      header: "Agrégations",
      values: AggregationSchema.options.map((a) => label(AGGREGATION_TEXT, a)),
    },
    phase: { header: "Phases", values: PhaseSchema.options.map((p) => label(PHASE_TEXT, p)) },
    yesNo: { header: "Oui / Non", values: [YES, NO] },
    budgetKind: { header: "Types de ligne de budget", values: Object.values(BUDGET_KIND_TEXT) },
    budgetPeriod: { header: "Périodes de budget", values: Object.values(BUDGET_PERIOD_TEXT) },
    wording: { header: "Libellés", values: Object.values(WORDING_TEXT) },
    targetMeasure: {
      header: "Mesures (onglet Cibles)",
      values: [...MeasureSchema.options.map((m) => label(MEASURE_TEXT, m)), NO_TARGET],
    },
    differenceCode: { header: "Écarts", values: DifferenceSchema.shape.code.options },
    differenceWhere: {
      header: "Où (écarts)",
      values: DifferenceSchema.shape.where.unwrap().options,
    },
  };
}

function listsSheet(specs: Record<string, ListSpec>): {
  sheet: SheetModel;
  refs: Record<string, string>;
} {
  const s = new SheetBuilder(SHEETS.lists);
  const refs: Record<string, string> = {};
  Object.entries(specs).forEach(([key, spec], col) => {
    s.set(0, col, text(spec.header), "header");
    spec.values.forEach((v, i) => s.set(1 + i, col, text(v), "computed"));
    refs[key] = `${sheetRef(SHEETS.lists)}!${range(1, col, spec.values.length, col, true)}`;
    s.width(col, 22);
  });
  s.tabColor = "7F7F7F";
  return { sheet: s.build(), refs };
}

// ---------------------------------------------------------------------------------------------
// Tabular sheets

interface TableSpec<K extends string> {
  readonly name: string;
  readonly title: string;
  readonly instruction: string;
  readonly schema: ColumnSchema<K>;
  readonly rows: ReadonlyArray<Row<K>>;
  /** A list validation by column key: a source and the prompt. */
  readonly lists?: Partial<Record<K, { source: string; prompt: string; stop?: boolean }>>;
  readonly numbers?: Partial<
    Record<K, { min: number; max?: number; whole?: boolean; prompt: string }>
  >;
  readonly dates?: readonly K[];
  readonly tabColor?: string;
}

function tableSheet<K extends string>(spec: TableSpec<K>): SheetModel {
  const s = new SheetBuilder(spec.name);
  const { schema } = spec;
  s.set(0, 0, text(spec.title), "title");
  s.set(1, 0, text(spec.instruction), "subtitle");
  writeHeaderRow(s, HEADER_ROW, schema);
  setColumnWidths(s, schema.columns);
  const styleOf = (key: K, input: boolean): StyleName =>
    !input ? "computed" : WRAP_KEYS.has(key) ? "inputWrap" : "input";
  spec.rows.forEach((row, i) => {
    schema.columns.forEach((col, ci) => {
      const v = row[col.key] ?? null;
      const format =
        spec.dates?.includes(col.key) && v ? "date" : col.key === "version" ? "text" : undefined;
      s.set(FIRST_ROW + i, ci, v, styleOf(col.key, col.input), format);
    });
  });
  const last = FIRST_ROW + spec.rows.length + SPARE_ROWS - 1;
  for (let r = FIRST_ROW + spec.rows.length; r <= last; r++)
    schema.columns.forEach((col, ci) => s.set(r, ci, null, styleOf(col.key, col.input)));
  const validations: DataValidation[] = [];
  const colRange = (key: K) => range(FIRST_ROW, schema.col[key], last, schema.col[key]);
  for (const [key, v] of Object.entries(spec.lists ?? {}) as Array<
    [K, { source: string; prompt: string; stop?: boolean }]
  >)
    validations.push({
      range: colRange(key),
      rule: { kind: "list", source: v.source },
      promptTitle: schema.columns[schema.col[key]]?.header ?? "",
      prompt: v.prompt,
      errorTitle: "Valeur hors liste",
      error: "Choisissez une valeur de la liste.",
      alert: v.stop === false ? "warning" : "stop",
      allowBlank: true,
    });
  for (const [key, v] of Object.entries(spec.numbers ?? {}) as Array<
    [K, { min: number; max?: number; whole?: boolean; prompt: string }]
  >)
    validations.push({
      range: colRange(key),
      rule: {
        kind: v.whole ? "whole" : "decimal",
        min: v.min,
        ...(v.max === undefined ? {} : { max: v.max }),
      },
      promptTitle: schema.columns[schema.col[key]]?.header ?? "",
      prompt: v.prompt,
      errorTitle: "Nombre attendu",
      error: v.prompt,
      alert: "stop",
      allowBlank: true,
    });
  for (const key of spec.dates ?? [])
    validations.push({
      range: colRange(key),
      rule: { kind: "date" },
      promptTitle: schema.columns[schema.col[key]]?.header ?? "",
      prompt: "Une date (jj/mm/aaaa).",
      errorTitle: "Date attendue",
      error: "Saisissez une date, par exemple 01/09/2022.",
      alert: "stop",
      allowBlank: true,
    });
  s.validations.push(...validations);
  s.frozen = { rows: FIRST_ROW, columns: 1 };
  s.print = {
    orientation: "landscape",
    fitToWidth: true,
    repeatRows: `${HEADER_ROW + 1}:${HEADER_ROW + 1}`,
  };
  if (spec.tabColor) s.tabColor = spec.tabColor;
  // Not protected: a coordinator inserts, moves and deletes rows (Excel refuses that on a protected
  // sheet). The ID column is grey; the reader checks it.
  s.fitRowHeights(FIRST_ROW, 13, 8);
  return s.build();
}

// ---------------------------------------------------------------------------------------------
// Targets: the parser's reading, and what overrides it

/** The recap targets a plan workbook derives when none are given: as the importer does. */
export function derivedRecapTargets(i: Pick<Indicator, "text" | "recapText">): Target[] | null {
  if (i.recapText === null || comparable(i.recapText) === comparable(i.text)) return null;
  return parseTargets(i.recapText);
}

const sameTargets = (a: readonly Target[] | null, b: readonly Target[] | null): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

function targetCells(tg: Target): Row<TargetKey> {
  return {
    measure: text(label(MEASURE_TEXT, tg.measure)),
    comparator: tg.comparator === null ? null : text(label(COMPARATOR_TEXT, tg.comparator)),
    value: n(tg.value),
    valueMax: n(tg.valueMax),
    unit: t(tg.unit),
    period: tg.period === null ? null : text(label(PERIOD_TEXT, tg.period)),
    deadlineYears: n(tg.deadlineYears),
    deadlineYear: n(tg.deadlineYear),
    fragment: t(tg.fragment),
  };
}

interface TargetRow {
  readonly indicator: string;
  readonly wording: string;
  readonly cells: Row<TargetKey>;
}

/** An indicator's row and the Cibles rows that keep its targets where the parser reads otherwise. */
function indicatorRows(
  ref: string,
  i: Indicator
): { row: Row<(typeof INDICATOR_COLUMNS.columns)[number]["key"]>; targets: TargetRow[] } {
  const parsed = parseTargets(i.text);
  const extra: TargetRow[] = [];
  let own: Row<TargetKey> = {};
  if (!sameTargets(parsed, i.targets)) {
    const only = i.targets[0];
    if (i.targets.length === 1 && only) own = targetCells(only);
    else if (i.targets.length === 0)
      extra.push({
        indicator: i.id,
        wording: WORDING_TEXT.text,
        cells: { measure: text(NO_TARGET) },
      });
    else
      for (const tg of i.targets)
        extra.push({ indicator: i.id, wording: WORDING_TEXT.text, cells: targetCells(tg) });
  }
  if (!sameTargets(derivedRecapTargets(i), i.recapTargets)) {
    if (i.recapTargets === null || i.recapTargets.length === 0)
      extra.push({
        indicator: i.id,
        wording: WORDING_TEXT.recap,
        cells: { measure: text(NO_TARGET) },
      });
    else
      for (const tg of i.recapTargets)
        extra.push({ indicator: i.id, wording: WORDING_TEXT.recap, cells: targetCells(tg) });
  }
  const inFiche = i.ficheText !== null;
  return {
    row: {
      id: text(i.id),
      action: text(ref),
      kind: text(KIND_TEXT[i.kind]),
      text: text(i.text),
      parsed: text(formatTargets(parsed)),
      ...own,
      inFiche: text(inFiche ? YES : NO),
      recapText: t(i.recapText),
      recapKind: i.recapKind === null ? null : text(KIND_TEXT[i.recapKind]),
      aggregation: i.aggregation === null ? null : text(AGGREGATION_TEXT[i.aggregation]),
    },
    targets: extra,
  };
}

// ---------------------------------------------------------------------------------------------

function actionRow(
  objectiveId: string,
  a: Action
): Row<(typeof ACTION_COLUMNS.columns)[number]["key"]> {
  const f = a.fiche;
  return {
    id: text(a.ref),
    objective: text(objectiveId),
    title: text(a.title),
    pilotage: t(a.pilotage),
    pilots: f ? lines(f.pilots) : null,
    partners: f ? lines(f.partners) : null,
    startPhase: a.schedule.startPhase === null ? null : text(PHASE_TEXT[a.schedule.startPhase]),
    start: a.schedule.start === null ? null : date(a.schedule.start),
    end: a.schedule.end === null ? null : date(a.schedule.end),
    progress: n(a.schedule.progress),
    hasFiche: text(f ? YES : NO),
    context: f ? t(itemsToCell(f.context)) : null,
    expectedResults: f ? t(itemsToCell(f.expectedResults)) : null,
    method: f ? t(itemsToCell(f.method)) : null,
    vigilance: f ? lines(f.vigilance) : null,
    resources: f ? t(itemsToCell(f.resources)) : null,
    partnersText: f ? t(itemsToCell(f.partnersText)) : null,
    // Blank: the fiche has no such section; `/`: the section says there is none.
    inhabitants: !f || f.inhabitants === null ? null : text(itemsToCell(f.inhabitants) || "/"),
    other: f ? t(otherToCell(f.other)) : null,
    page: n(a.page),
    variants: t(pairsToCell(a.titleVariants.map((v) => [WHERE_TEXT[v.where], v.title] as const))),
    sourceMarks: t(pairsToCell(a.schedule.sourceMarks.map((m) => [m.column, m.mark] as const))),
    recapTitle: a.recap ? text(a.recap.title) : null,
    recapPilotage: a.recap ? t(a.recap.pilotage) : null,
    recapRealisation: a.recap ? lines(a.recap.realisation) : null,
    recapResultats: a.recap ? lines(a.recap.resultats) : null,
    recapImpacts: a.recap ? lines(a.recap.impacts) : null,
  };
}

function planSheet(plan: Plan): SheetModel {
  const s = new SheetBuilder(SHEETS.plan);
  s.set(0, 0, text("Le plan"), "title");
  s.set(
    1,
    0,
    text(
      "Saisissez les cellules jaunes. L'identifiant : minuscules, chiffres et tirets (par ex. ctg-mon-territoire-2024-2028) ; la version : 1.0.0, à augmenter à chaque nouvelle version du plan."
    ),
    "subtitle"
  );
  s.row(HEADER_ROW, 0, [text("Champ"), text("Valeur"), text("Aide")], "header");
  const values: Record<PlanField, CellValue | null> = {
    id: text(plan.id),
    version: text(plan.version),
    title: text(plan.title),
    territory: text(plan.territory),
    start: num(plan.years.start),
    end: num(plan.years.end),
    dateLabel: t(plan.dateLabel),
    sourceFile: t(plan.source?.file),
    sourceSha256: t(plan.source?.sha256),
  };
  const help: Record<PlanField, string> = {
    id: "minuscules, chiffres et tirets ; ne change pas d'une version à l'autre",
    version: "format 1.0.0",
    title: "le titre de la convention",
    territory: "la collectivité signataire",
    start: "par ex. 2021",
    end: "par ex. 2025 (au plus 20 ans)",
    dateLabel: "facultatif, tel qu'écrit (par ex. Avril 2021)",
    sourceFile: "facultatif : le document importé (rempli par ctg import-text)",
    sourceSha256: "facultatif : son empreinte SHA-256 (64 caractères)",
  };
  PLAN_FIELDS.forEach((f, i) => {
    s.set(FIRST_ROW + i, 0, text(f.label), "computed");
    s.set(
      FIRST_ROW + i,
      1,
      values[f.key],
      f.key === "title" ? "inputWrap" : "input",
      f.key === "version" || f.key === "id" ? "text" : undefined
    );
    s.set(FIRST_ROW + i, 2, text(help[f.key]), "note");
  });
  const years = (r: number) => ({
    range: range(r, 1, r, 1),
    rule: { kind: "whole" as const, min: 2000, max: 2100 },
    promptTitle: "Année",
    prompt: "Une année entre 2000 et 2100.",
    errorTitle: "Année attendue",
    error: "Saisissez une année entre 2000 et 2100.",
    alert: "stop" as const,
    allowBlank: false,
  });
  s.validations.push(years(FIRST_ROW + 4), years(FIRST_ROW + 5));
  s.width(0, 28);
  s.width(1, 60);
  s.width(2, 60);
  s.tabColor = "1F5C99";
  s.print = { orientation: "portrait", fitToWidth: true, repeatRows: null };
  return s.build();
}

const README: ReadonlyArray<readonly [StyleName, string]> = [
  ["title", "Classeur de plan CTG — mode d'emploi"],
  [
    "subtitle",
    "Ce classeur décrit une Convention Territoriale Globale : ses axes, objectifs, actions, indicateurs, fiches mission et budgets. L'outil en fait le classeur de suivi (ctg build --plan ce-fichier.xlsx).",
  ],
  ["heading", "Les règles"],
  [
    "text",
    "1. Saisissez dans les cellules jaunes seulement. Les cellules grises sont calculées ou gérées par l'outil.",
  ],
  [
    "text",
    "2. La colonne ID (grise) est l'identifiant de chaque ligne : ne la modifiez pas. Les saisies du classeur de suivi y sont rattachées, elles suivent une ligne déplacée ou reformulée.",
  ],
  [
    "text",
    "3. Pour ajouter une ligne, insérez-la où vous voulez (ou utilisez les lignes vides du bas) et laissez son ID vide : un nouvel identifiant lui est attribué à l'import. Vous pouvez aussi saisir l'ID d'une nouvelle ligne vous-même (par ex. V pour un nouvel axe, I.F pour un objectif, I.A.7 pour une action) pour y rattacher aussitôt ses lignes filles.",
  ],
  [
    "text",
    "4. Pour supprimer une ligne, supprimez-la (ou videz toutes ses cellules). Ne copiez pas une ligne avec son ID : videz l'ID de la copie.",
  ],
  [
    "text",
    "5. L'ordre des lignes est l'ordre du plan. Une action est rattachée à un objectif par la colonne « Objectif », un indicateur à une action par la colonne « Action ». Pour changer une action d'objectif, videz aussi son ID (sa référence porte celle de l'objectif).",
  ],
  [
    "text",
    "6. Plusieurs éléments dans une cellule : un par ligne (Alt+Entrée dans Excel, Ctrl+Entrée dans LibreOffice). Dans les textes de fiche, « - » en début de ligne fait une puce, deux espaces avant « - » une sous-puce.",
  ],
  ["heading", "Les cibles des indicateurs"],
  [
    "text",
    "La colonne « Cible lue » montre ce que l'outil comprend du libellé (par ex. « ≥ 12 enfants / an ») au moment de l'export. Si elle est fausse ou « À préciser », remplissez les colonnes Mesure, Comparateur, Valeur, Max, Unité, Période, Échéance : elles remplacent la lecture du libellé (la Mesure est obligatoire, les colonnes vides valent « aucun »).",
  ],
  [
    "text",
    "Un indicateur à plusieurs cibles s'écrit dans l'onglet « Cibles » : une ligne par cible (elles remplacent alors toutes ses cibles lues). « Aucune » comme mesure : pas de cible.",
  ],
  ["heading", "Les onglets"],
  [
    "text",
    "Plan : identifiant, version, titre, territoire, années. Axes, Objectifs, Actions (avec pilotage, partenaires, échéancier et textes de la fiche), Indicateurs, Cibles, Budget (lignes de coût et de financement des fiches), Rôles (fiches mission), Partenaires (un nom retenu et ses variantes), Écarts (différences entre fiches et récapitulatif, pour information). Listes : les valeurs des listes déroulantes.",
  ],
  [
    "text",
    "Les colonnes repliées (+ au-dessus des colonnes) gardent ce que l'import du document d'origine a relevé (autres intitulés, récapitulatif, page) : vous pouvez les laisser telles quelles.",
  ],
  ["heading", "Ensuite"],
  [
    "text",
    "ctg plan import-xlsx ce-fichier.xlsx --out plan.json : vérifie le classeur et écrit le plan ; chaque problème est signalé avec son onglet et sa cellule, et rien n'est écrit tant qu'il en reste.",
  ],
  [
    "text",
    "ctg build --plan ce-fichier.xlsx : écrit directement le classeur de suivi ; ctg refresh classeur.xlsx --plan ce-fichier.xlsx --out nouveau.xlsx : le régénère avec ce plan en gardant les saisies.",
  ],
];

function readmeSheet(): SheetModel {
  const s = new SheetBuilder(SHEETS.readme);
  README.forEach(([style, line], i) => s.set(i, 0, text(line), style === "text" ? "note" : style));
  s.width(0, 120);
  s.fitRowHeights(0, 15, 6);
  s.tabColor = "FFC000";
  s.print = { orientation: "portrait", fitToWidth: true, repeatRows: null };
  return s.build();
}

/** The plan as a plan workbook. */
export function buildPlanWorkbook(plan: Plan, options: PlanbookOptions): WorkbookModel {
  const listSpecs = lists();
  const { sheet: listSheet, refs } = listsSheet(listSpecs);
  const idList = (sheet: string) => `${sheetRef(sheet)}!$A$${FIRST_ROW + 1}:$A$5000`;
  const objectives = plan.axes.flatMap((a) => a.objectives.map((o) => ({ axis: a, o })));
  const actions = objectives.flatMap(({ o }) => o.actions.map((a) => ({ o, a })));
  const indicators = actions.flatMap(({ a }) => a.indicators.map((i) => indicatorRows(a.ref, i)));
  const sheets: SheetModel[] = [
    readmeSheet(),
    planSheet(plan),
    tableSheet({
      name: SHEETS.axes,
      title: "Axes",
      instruction: "Un axe par ligne, dans l'ordre du plan. ID : chiffres romains (I, II...).",
      schema: AXIS_COLUMNS,
      rows: plan.axes.map((a) => ({ id: text(a.id), number: num(a.number), title: text(a.title) })),
      numbers: { number: { min: 1, whole: true, prompt: "Le numéro de l'axe (1, 2...)." } },
      tabColor: "2E75B6",
    }),
    tableSheet({
      name: SHEETS.objectives,
      title: "Objectifs",
      instruction:
        "Un objectif par ligne, rattaché à son axe (colonne Axe). ID : axe et lettre (I.A).",
      schema: OBJECTIVE_COLUMNS,
      rows: objectives.map(({ axis, o }) => ({
        id: text(o.id),
        axis: text(axis.id),
        title: text(o.title),
        variants: t(
          pairsToCell(o.titleVariants.map((v) => [WHERE_TEXT[v.where], v.title] as const))
        ),
      })),
      lists: {
        axis: { source: idList(SHEETS.axes), prompt: "L'ID de l'axe (onglet Axes).", stop: false },
      },
      tabColor: "2E75B6",
    }),
    tableSheet({
      name: SHEETS.actions,
      title: "Actions",
      instruction:
        "Une action par ligne, rattachée à son objectif. Plusieurs éléments par cellule : un par ligne. « Fiche » à Non : l'action n'a pas de fiche.",
      schema: ACTION_COLUMNS,
      rows: actions.map(({ o, a }) => actionRow(o.id, a)),
      lists: {
        objective: {
          source: idList(SHEETS.objectives),
          prompt: "L'ID de l'objectif (onglet Objectifs).",
          stop: false,
        },
        startPhase: { source: refs.phase ?? "", prompt: "La phase où l'action démarre." },
        hasFiche: {
          source: refs.yesNo ?? "",
          prompt: "Oui : l'action a une fiche (ses textes à droite).",
        },
      },
      numbers: {
        progress: { min: 0, max: 100, prompt: "Avancement en pourcentage, de 0 à 100." },
        page: { min: 1, whole: true, prompt: "La page de la fiche dans le document." },
      },
      dates: ["start", "end"],
      tabColor: "2E75B6",
    }),
    tableSheet({
      name: SHEETS.indicators,
      title: "Indicateurs",
      instruction:
        "Un indicateur par ligne, rattaché à son action. « Cible lue » : ce que l'outil lit du libellé ; les colonnes Mesure à Année d'échéance la remplacent si elle est fausse.",
      schema: INDICATOR_COLUMNS,
      rows: indicators.map((r) => r.row),
      lists: {
        action: {
          source: idList(SHEETS.actions),
          prompt: "L'ID de l'action (onglet Actions).",
          stop: false,
        },
        kind: { source: refs.kind ?? "", prompt: "Réalisation, Résultat ou Impact." },
        measure: {
          source: refs.measure ?? "",
          prompt: "Remplace la cible lue : ce qui est mesuré.",
        },
        comparator: {
          source: refs.comparator ?? "",
          prompt: "≥ au moins, ≤ au plus, = exactement, entre Valeur et Max.",
        },
        period: { source: refs.period ?? "", prompt: "La période de la cible." },
        inFiche: {
          source: refs.yesNo ?? "",
          prompt: "Oui : l'indicateur est dans la fiche action.",
        },
        recapKind: {
          source: refs.kind ?? "",
          prompt: "Le type sous lequel le récapitulatif le range, s'il diffère.",
        },
        aggregation: {
          source: refs.aggregation ?? "",
          prompt: "Comment les années se cumulent (vide : selon la cible).",
        },
      },
      numbers: {
        deadlineYears: {
          min: 1,
          whole: true,
          prompt: "Échéance en années après le début du plan.",
        },
        deadlineYear: {
          min: 1900,
          max: 2100,
          whole: true,
          prompt: "L'année à la fin de laquelle la cible est due.",
        },
      },
      tabColor: "70AD47",
    }),
    tableSheet({
      name: SHEETS.targets,
      title: "Cibles",
      instruction:
        "Pour un indicateur à plusieurs cibles : une ligne par cible. Elles remplacent les cibles lues du libellé (ou du libellé du récapitulatif).",
      schema: TARGET_COLUMNS,
      rows: indicators.flatMap((r) =>
        r.targets.map((x) => ({
          indicator: text(x.indicator),
          wording: text(x.wording),
          ...x.cells,
        }))
      ),
      lists: {
        indicator: {
          source: idList(SHEETS.indicators),
          prompt: "L'ID de l'indicateur.",
          stop: false,
        },
        wording: { source: refs.wording ?? "", prompt: "Le libellé dont ce sont les cibles." },
        measure: {
          source: refs.targetMeasure ?? "",
          prompt: "Ce qui est mesuré (Aucune : pas de cible).",
        },
        comparator: { source: refs.comparator ?? "", prompt: "≥, ≤, = ou entre." },
        period: { source: refs.period ?? "", prompt: "La période de la cible." },
      },
      tabColor: "70AD47",
    }),
    tableSheet({
      name: SHEETS.budget,
      title: "Budget",
      instruction:
        "Les lignes de budget des fiches action, dans l'ordre : une par ligne, rattachée à son action.",
      schema: BUDGET_COLUMNS,
      rows: actions.flatMap(({ a }) =>
        (a.fiche?.budget ?? []).map((b) => ({
          action: text(a.ref),
          label: text(b.label),
          kind: text(BUDGET_KIND_TEXT[b.kind]),
          amount: n(b.amount),
          period: text(BUDGET_PERIOD_TEXT[b.period]),
          uncertain: text(b.uncertain ? YES : NO),
          raw: text(b.raw),
        }))
      ),
      lists: {
        action: { source: idList(SHEETS.actions), prompt: "L'ID de l'action.", stop: false },
        kind: { source: refs.budgetKind ?? "", prompt: "Coût ou Financement." },
        period: { source: refs.budgetPeriod ?? "", prompt: "Par an ou Total." },
        uncertain: {
          source: refs.yesNo ?? "",
          prompt: "Oui : montant incertain (« ? » dans la fiche).",
        },
      },
      numbers: { amount: { min: 0, prompt: "Montant en euros." } },
      tabColor: "ED7D31",
    }),
    tableSheet({
      name: SHEETS.roles,
      title: "Rôles (fiches mission)",
      instruction: "Une fiche mission par ligne. Plusieurs éléments par cellule : un par ligne.",
      schema: ROLE_COLUMNS,
      rows: plan.roles.map((r) => ({
        id: text(r.id),
        title: text(r.title),
        subtitle: lines(r.subtitle),
        summary: lines(r.summary),
        missions: lines(r.missions),
        links: lines(r.links),
      })),
      tabColor: "ED7D31",
    }),
    tableSheet({
      name: SHEETS.partners,
      title: "Partenaires",
      instruction:
        "Un partenaire par ligne : le nom retenu, et les autres façons dont le plan l'écrit (une par ligne).",
      schema: PARTNER_COLUMNS,
      rows: plan.partners.map((g) => ({ name: text(g.name), variants: lines(g.variants) })),
      tabColor: "ED7D31",
    }),
    tableSheet({
      name: SHEETS.differences,
      title: "Écarts entre fiches et récapitulatif",
      instruction:
        "Relevés à l'import du document d'origine, pour information (repris tels quels dans le plan).",
      schema: DIFFERENCE_COLUMNS,
      rows: plan.differences.map((d) => ({
        ref: text(d.ref),
        code: text(d.code),
        indicator: t(d.indicatorId),
        fiche: t(d.fiche),
        recap: t(d.recap),
        where: t(d.where),
      })),
      lists: {
        code: { source: refs.differenceCode ?? "", prompt: "Le type d'écart." },
        where: { source: refs.differenceWhere ?? "", prompt: "Où l'écart a été relevé." },
      },
      tabColor: "7F7F7F",
    }),
    listSheet,
  ];
  const names = sheets.map((s) => s.name);
  return {
    meta: {
      planId: plan.id,
      planVersion: plan.version,
      generator: PLANBOOK_GENERATOR,
      generatorVersion: options.generatorVersion,
      fingerprint: structureFingerprint([PLANBOOK_GENERATOR, ...names]),
      partner: null,
    },
    styles: STYLES,
    sheets,
    names: [],
    // The plan workbook's sheets are the plan: no copy of it is stored beside them.
    planJson: "",
  };
}
