import { fr } from "zod/locales";
import type { RawEntry } from "../engine/types";
import { message, type Message } from "../messages/types";
import { jsonPath } from "../plan/validate";
import {
  AggregationSchema,
  DifferenceSchema,
  PLAN_SCHEMA_VERSION,
  PlanSchema,
  PhaseSchema,
  type Action,
  type BudgetLine,
  type Fiche,
  type Indicator,
  type IndicatorKind,
  type Item,
  type Plan,
} from "../plan/schema";
import { parseTargets } from "../targets/parse";
import { ComparatorSchema, MeasureSchema, PeriodSchema, type Target } from "../targets/schema";
import type { ColumnSchema } from "../workbook/columns";
import type { ReadBackSheet } from "../workbook/entries";
import { a1 } from "../workbook/grid";
import { isoToSerial } from "../workbook/units";
import { derivedRecapTargets } from "./export";
import {
  ACTION_COLUMNS,
  AGGREGATION_TEXT,
  AXIS_COLUMNS,
  BUDGET_COLUMNS,
  BUDGET_KIND_TEXT,
  BUDGET_PERIOD_TEXT,
  COMPARATOR_TEXT,
  DIFFERENCE_COLUMNS,
  INDICATOR_COLUMNS,
  KIND_TEXT,
  MEASURE_TEXT,
  NO,
  NO_TARGET,
  OBJECTIVE_COLUMNS,
  PARTNER_COLUMNS,
  PERIOD_TEXT,
  PHASE_TEXT,
  PLAN_FIELDS,
  ROLE_COLUMNS,
  SHEETS,
  TARGET_COLUMNS,
  WHERE_TEXT,
  WORDING_TEXT,
  YES,
  cellToItems,
  cellToLines,
  cellToPairs,
  codeOf,
  splitLines,
  type PlanField,
  type TargetKey,
} from "./layout";

/**
 * Reads a plan workbook's sheets back into a plan, checked by the plan schema. Every problem is a
 * message naming its sheet and cell; ids the coordinator left blank are given, the others kept.
 */

export type PlanbookRead =
  | { readonly ok: true; readonly plan: Plan; readonly newIds: readonly string[] }
  | { readonly ok: false; readonly problems: readonly Message[] };

/** One data row of a table sheet: its 0-based row and its cells by column key. */
interface TableRow<K extends string> {
  readonly row: number;
  readonly cells: Readonly<Record<K, RawEntry>>;
  readonly cell: (key: K) => string;
}

interface Table<K extends string> {
  readonly sheet: string;
  readonly rows: ReadonlyArray<TableRow<K>>;
}

const blank = (v: RawEntry): boolean =>
  v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/** A cell as text, verbatim (line breaks normalised). */
const asText = (v: RawEntry): string =>
  v === null || v === undefined
    ? ""
    : typeof v === "boolean"
      ? v
        ? "VRAI"
        : "FAUX"
      : String(v).replace(/\r\n?/g, "\n");

const foldedText = (labels: Readonly<Record<string, string>>) => Object.values(labels).join(", ");

class Reader {
  readonly problems: Message[] = [];

  constructor(private readonly sheets: ReadonlyMap<string, ReadBackSheet>) {}

  /** The data rows of a table sheet, by the headers of its header row; null when unusable. */
  table<K extends string>(
    name: string,
    schema: ColumnSchema<K>,
    computed: readonly K[] = []
  ): Table<K> | null {
    const sheet = this.sheets.get(name);
    if (!sheet) {
      this.problems.push(message("planbook.not_planbook", { sheet: name }));
      return null;
    }
    const first = schema.columns[0]?.header ?? "";
    const headerRow = sheet.rows.findIndex(
      (r, i) => i < 20 && r.some((v) => asText(v).trim() === first)
    );
    if (headerRow < 0) {
      this.problems.push(message("planbook.missing_column", { sheet: name, column: first }));
      return null;
    }
    const header = sheet.rows[headerRow] ?? [];
    const at = new Map<K, number>();
    let missing = false;
    for (const col of schema.columns) {
      const i = header.findIndex((v) => asText(v).trim() === col.header);
      if (i >= 0) at.set(col.key, i);
      else if (!col.folded && col.input) {
        this.problems.push(message("planbook.missing_column", { sheet: name, column: col.header }));
        missing = true;
      }
    }
    if (missing) return null;
    const rows: TableRow<K>[] = [];
    for (let r = headerRow + 1; r < sheet.rows.length; r++) {
      const line = sheet.rows[r] ?? [];
      const cells = {} as Record<K, RawEntry>;
      let empty = true;
      for (const col of schema.columns) {
        const i = at.get(col.key);
        const v = i === undefined ? null : (line[i] ?? null);
        cells[col.key] = v;
        if (!blank(v) && !computed.includes(col.key)) empty = false;
      }
      if (empty) continue;
      rows.push({
        row: r,
        cells,
        cell: (key: K) => a1(r, at.get(key) ?? schema.col[key]),
      });
    }
    return { sheet: name, rows };
  }

  required<K extends string>(
    t: Table<K>,
    row: TableRow<K>,
    key: K,
    schema: ColumnSchema<K>
  ): string | null {
    const v = row.cells[key];
    if (blank(v)) {
      this.problems.push(
        message("planbook.required", {
          sheet: t.sheet,
          cell: row.cell(key),
          column: schema.columns[schema.col[key]]?.header ?? key,
        })
      );
      return null;
    }
    return asText(v);
  }

  choice<K extends string, C extends string>(
    t: Table<K>,
    row: TableRow<K>,
    key: K,
    labels: Readonly<Record<C, string>>,
    codes: readonly C[] = Object.keys(labels) as C[]
  ): C | null | undefined {
    const v = row.cells[key];
    if (blank(v)) return null;
    const all = Object.fromEntries(codes.map((c) => [c, labels[c] ?? c])) as Record<C, string>;
    const code = codeOf(all, asText(v));
    if (code === null) {
      this.problems.push(
        message("planbook.unknown_choice", {
          sheet: t.sheet,
          cell: row.cell(key),
          value: asText(v),
          choices: foldedText(all),
        })
      );
      return undefined;
    }
    return code;
  }

  number<K extends string>(t: Table<K>, row: TableRow<K>, key: K): number | null | undefined {
    const v = row.cells[key];
    if (blank(v)) return null;
    if (typeof v === "number") return v;
    const s = asText(v)
      .replace(/[\s\u00a0\u202f]/g, "")
      .replace(",", ".")
      .replace(/%$/, "");
    const x = Number(s);
    if (s === "" || !Number.isFinite(x)) {
      this.problems.push(
        message("planbook.not_number", { sheet: t.sheet, cell: row.cell(key), value: asText(v) })
      );
      return undefined;
    }
    return x;
  }

  date<K extends string>(t: Table<K>, row: TableRow<K>, key: K): string | null | undefined {
    const v = row.cells[key];
    if (blank(v)) return null;
    if (typeof v === "number" && Number.isFinite(v)) {
      const ms = Math.round((v - isoToSerial("1970-01-01")) * 86_400_000);
      return new Date(ms).toISOString().slice(0, 10);
    }
    const s = asText(v).trim();
    const iso = /^(\d{4}-\d{2}-\d{2})/.exec(s);
    if (iso?.[1]) return iso[1];
    const frDate = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
    if (frDate) return `${frDate[3]}-${frDate[2]?.padStart(2, "0")}-${frDate[1]?.padStart(2, "0")}`;
    this.problems.push(
      message("planbook.not_date", { sheet: t.sheet, cell: row.cell(key), value: s })
    );
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Ids

const ROMAN: ReadonlyArray<readonly [number, string]> = [
  [1000, "M"],
  [900, "CM"],
  [500, "D"],
  [400, "CD"],
  [100, "C"],
  [90, "XC"],
  [50, "L"],
  [40, "XL"],
  [10, "X"],
  [9, "IX"],
  [5, "V"],
  [4, "IV"],
  [1, "I"],
];
export function toRoman(n: number): string {
  let out = "";
  let rest = n;
  for (const [v, s] of ROMAN) while (rest >= v) ((out += s), (rest -= v));
  return out;
}
export function fromRoman(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const v = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 }[s[i] as "I"] ?? 0;
    const next = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 }[s[i + 1] as "I"] ?? 0;
    n += v < next ? -v : v;
  }
  return n;
}

const KIND_CODE: Readonly<Record<IndicatorKind, string>> = {
  realisation: "REA",
  resultat: "RES",
  impact: "IMP",
};

const slug = (s: string): string =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40) || "role";

/** Typed ids of a sheet: each checked against its pattern and for duplicates. */
function typedIds<K extends string>(
  reader: Reader,
  t: Table<K>,
  key: K,
  pattern: RegExp,
  example: string
): Map<TableRow<K>, string> {
  const ids = new Map<TableRow<K>, string>();
  const seen = new Map<string, number>();
  for (const row of t.rows) {
    const v = row.cells[key];
    if (blank(v)) continue;
    const id = asText(v).trim();
    if (!pattern.test(id)) {
      reader.problems.push(
        message("planbook.bad_id", { sheet: t.sheet, cell: row.cell(key), id, example })
      );
      continue;
    }
    const other = seen.get(id);
    if (other !== undefined) {
      reader.problems.push(
        message("planbook.duplicate_id", {
          sheet: t.sheet,
          cell: row.cell(key),
          id,
          other: other + 1,
        })
      );
      continue;
    }
    seen.set(id, row.row);
    ids.set(row, id);
  }
  return ids;
}

// ---------------------------------------------------------------------------------------------

interface Location {
  readonly sheet: string;
  readonly cell: (field: string) => string;
}

type ActionKey = (typeof ACTION_COLUMNS.columns)[number]["key"];
type IndicatorKey = (typeof INDICATOR_COLUMNS.columns)[number]["key"];

const FIELD_COLUMN: Readonly<Record<string, string>> = {
  ref: "id",
  letter: "id",
  startPhase: "startPhase",
  start: "start",
  end: "end",
  progress: "progress",
  subtitle: "subtitle",
  recap: "recapTitle",
  fiche: "hasFiche",
  schedule: "startPhase",
  titleVariants: "variants",
  variants: "variants",
  recapText: "recapText",
  ficheText: "text",
  targets: "measure",
  recapTargets: "recapText",
  sources: "inFiche",
};

/** Reads a plan workbook's sheets back into a plan. */
export function readPlanWorkbook(sheets: ReadonlyMap<string, ReadBackSheet>): PlanbookRead {
  const reader = new Reader(sheets);
  const locations = new Map<string, Location>();
  const at = <K extends string>(path: string, t: Table<K>, row: TableRow<K>, fallback: K) =>
    locations.set(path, {
      sheet: t.sheet,
      cell: (field) =>
        row.cell((field in row.cells ? field : (FIELD_COLUMN[field] ?? fallback)) as K),
    });
  const newIds: string[] = [];

  // The Plan sheet: labelled values.
  const planSheet = sheets.get(SHEETS.plan);
  const fields = {} as Record<PlanField, RawEntry>;
  const fieldCell = {} as Record<PlanField, string>;
  if (!planSheet) reader.problems.push(message("planbook.not_planbook", { sheet: SHEETS.plan }));
  else
    for (const f of PLAN_FIELDS) {
      const r = planSheet.rows.findIndex((row) => asText(row[0]).trim() === f.label);
      fields[f.key] = r < 0 ? null : (planSheet.rows[r]?.[1] ?? null);
      fieldCell[f.key] = r < 0 ? "B?" : a1(r, 1);
    }
  const tables = {
    axes: reader.table(SHEETS.axes, AXIS_COLUMNS),
    objectives: reader.table(SHEETS.objectives, OBJECTIVE_COLUMNS),
    actions: reader.table(SHEETS.actions, ACTION_COLUMNS),
    indicators: reader.table(SHEETS.indicators, INDICATOR_COLUMNS, ["parsed"]),
    targets: reader.table(SHEETS.targets, TARGET_COLUMNS),
    budget: reader.table(SHEETS.budget, BUDGET_COLUMNS),
    roles: reader.table(SHEETS.roles, ROLE_COLUMNS),
    partners: reader.table(SHEETS.partners, PARTNER_COLUMNS),
    differences: reader.table(SHEETS.differences, DIFFERENCE_COLUMNS),
  };
  const {
    axes: axT,
    objectives: obT,
    actions: acT,
    indicators: inT,
    targets: tgT,
    budget: buT,
    roles: roT,
    partners: paT,
    differences: diT,
  } = tables;
  if (!planSheet || !axT || !obT || !acT || !inT || !tgT || !buT || !roT || !paT || !diT)
    return { ok: false, problems: reader.problems };

  // --- Axes
  const axisIds = typedIds(reader, axT, "id", /^[IVX]+$/, "II");
  let maxAxis = Math.max(0, ...[...axisIds.values()].map(fromRoman));
  const axes: Array<{
    id: string;
    number: number;
    title: string;
    objectives: Plan["axes"][number]["objectives"];
  }> = [];
  const axisById = new Map<string, (typeof axes)[number]>();
  axT.rows.forEach((row) => {
    let id = axisIds.get(row);
    if (id === undefined && !blank(row.cells.id)) return;
    if (id === undefined) newIds.push((id = toRoman(++maxAxis)));
    const number = reader.number(axT, row, "number");
    const title = reader.required(axT, row, "title", AXIS_COLUMNS);
    const axis = { id, number: number ?? fromRoman(id), title: title ?? "", objectives: [] };
    at(`axes.${axes.length}`, axT, row, "id");
    axes.push(axis);
    axisById.set(id, axis);
  });
  if (axT.rows.length === 0)
    reader.problems.push(message("planbook.empty_level", { sheet: SHEETS.axes }));

  // --- Objectives
  const objectiveIds = typedIds(reader, obT, "id", /^[IVX]+\.[A-Z]$/, "I.A");
  const objectiveById = new Map<string, Plan["axes"][number]["objectives"][number]>();
  const objectiveRow = new Map<
    string,
    TableRow<(typeof OBJECTIVE_COLUMNS.columns)[number]["key"]>
  >();
  for (const row of obT.rows) {
    let id = objectiveIds.get(row);
    if (id === undefined && !blank(row.cells.id)) continue;
    const axisId = reader.required(obT, row, "axis", OBJECTIVE_COLUMNS)?.trim();
    const title = reader.required(obT, row, "title", OBJECTIVE_COLUMNS);
    if (axisId === undefined) continue;
    const axis = axisById.get(axisId);
    if (!axis) {
      reader.problems.push(
        message("planbook.unknown_parent", {
          sheet: obT.sheet,
          cell: row.cell("axis"),
          level: "l'axe",
          value: axisId,
        })
      );
      continue;
    }
    if (id !== undefined && !id.startsWith(`${axis.id}.`)) {
      reader.problems.push(
        message("planbook.id_mismatch", {
          sheet: obT.sheet,
          cell: row.cell("axis"),
          id,
          parent: `l'axe ${axis.id}`,
        })
      );
      continue;
    }
    if (id === undefined) {
      const used = new Set([...objectiveIds.values(), ...objectiveById.keys()]);
      let letter = 0;
      while (used.has(`${axis.id}.${String.fromCharCode(65 + letter)}`)) letter++;
      newIds.push((id = `${axis.id}.${String.fromCharCode(65 + letter)}`));
    }
    const variants = titleVariants(reader, obT, row, "variants");
    const objective = {
      id,
      letter: id.slice(id.lastIndexOf(".") + 1),
      title: title ?? "",
      titleVariants: variants,
      actions: [],
    };
    at(`axes.${axes.indexOf(axis)}.objectives.${axis.objectives.length}`, obT, row, "id");
    axis.objectives.push(objective);
    objectiveById.set(id, objective);
    objectiveRow.set(id, row);
  }

  // --- Actions
  const actionIds = typedIds(reader, acT, "id", /^[IVX]+\.[A-Z]\.\d+$/, "I.A.1");
  const actionByRef = new Map<
    string,
    { action: Action; fiche: "yes" | "no" | "auto"; row: TableRow<ActionKey> }
  >();
  const actionPath = new Map<string, string>();
  const pendingActions: Array<{ objectiveId: string; action: Action }> = [];
  for (const row of acT.rows) {
    let ref = actionIds.get(row);
    if (ref === undefined && !blank(row.cells.id)) continue;
    const objectiveId = reader.required(acT, row, "objective", ACTION_COLUMNS)?.trim();
    const title = reader.required(acT, row, "title", ACTION_COLUMNS);
    if (objectiveId === undefined) continue;
    const objective = objectiveById.get(objectiveId);
    if (!objective) {
      reader.problems.push(
        message("planbook.unknown_parent", {
          sheet: acT.sheet,
          cell: row.cell("objective"),
          level: "l'objectif",
          value: objectiveId,
        })
      );
      continue;
    }
    if (ref !== undefined && !ref.startsWith(`${objective.id}.`)) {
      reader.problems.push(
        message("planbook.id_mismatch", {
          sheet: acT.sheet,
          cell: row.cell("objective"),
          id: ref,
          parent: `l'objectif ${objective.id}`,
        })
      );
      continue;
    }
    if (ref === undefined) {
      const prefix = `${objective.id}.`;
      const used = [...actionIds.values(), ...actionByRef.keys()]
        .filter((r) => r.startsWith(prefix))
        .map((r) => Number(r.slice(prefix.length)));
      newIds.push((ref = `${prefix}${Math.max(0, ...used) + 1}`));
    }
    const has = reader.choice(acT, row, "hasFiche", { yes: YES, no: NO });
    const action = readAction(reader, acT, row, ref, title ?? "");
    const fiche = has === "yes" ? "yes" : has === "no" ? "no" : "auto";
    actionByRef.set(ref, { action, fiche, row });
    pendingActions.push({ objectiveId: objective.id, action });
  }

  // --- Budget lines (into their action's fiche)
  const budgets = new Map<string, BudgetLine[]>();
  for (const row of buT.rows) {
    const ref = reader.required(buT, row, "action", BUDGET_COLUMNS)?.trim();
    const labelText = reader.required(buT, row, "label", BUDGET_COLUMNS);
    const kind = reader.choice(buT, row, "kind", BUDGET_KIND_TEXT);
    const amount = reader.number(buT, row, "amount");
    const period = reader.choice(buT, row, "period", BUDGET_PERIOD_TEXT);
    const uncertain = reader.choice(buT, row, "uncertain", { yes: YES, no: NO });
    if (ref === undefined || labelText === null) continue;
    const owner = actionByRef.get(ref);
    if (!owner) {
      reader.problems.push(
        message("planbook.unknown_parent", {
          sheet: buT.sheet,
          cell: row.cell("action"),
          level: "l'action",
          value: ref,
        })
      );
      continue;
    }
    if (owner.fiche === "no") {
      reader.problems.push(
        message("planbook.no_fiche", { sheet: buT.sheet, cell: row.cell("action"), ref })
      );
      continue;
    }
    const raw = asText(row.cells.raw).trim();
    const line: BudgetLine = {
      label: labelText,
      kind: kind ?? "cost",
      amount: amount ?? null,
      period: period ?? "total",
      uncertain: uncertain === "yes",
      raw:
        raw ||
        `${labelText.trim()}${amount === null || amount === undefined ? "" : ` : ${amount} €`}`,
    };
    const list = budgets.get(ref) ?? [];
    list.push(line);
    budgets.set(ref, list);
  }

  // Fiches: given, refused, or made for what the row gives.
  for (const { objectiveId, action } of pendingActions) {
    const owner = actionByRef.get(action.ref);
    const objective = objectiveById.get(objectiveId);
    if (!owner || !objective) continue;
    const budget = budgets.get(action.ref) ?? [];
    const filled = ficheCellsFilled(owner.row);
    if (owner.fiche === "no") {
      const first = filled[0];
      if (first)
        reader.problems.push(
          message("planbook.no_fiche", {
            sheet: acT.sheet,
            cell: owner.row.cell(first),
            ref: action.ref,
          })
        );
      action.fiche = null;
    } else if (owner.fiche === "yes" || filled.length > 0 || budget.length > 0) {
      action.fiche = readFiche(reader, acT, owner.row, budget);
    } else action.fiche = null;
    const axis = axes.find((a) => a.objectives.includes(objective));
    const path = `axes.${axis ? axes.indexOf(axis) : 0}.objectives.${axis ? axis.objectives.indexOf(objective) : 0}.actions.${objective.actions.length}`;
    at(path, acT, owner.row, "id");
    actionPath.set(action.ref, path);
    objective.actions.push(action);
  }

  // --- Targets given on the Cibles sheet
  const given = new Map<
    string,
    {
      text?: Target[] | null;
      recap?: Target[] | null;
      row: TableRow<(typeof TARGET_COLUMNS.columns)[number]["key"]>;
    }
  >();
  for (const row of tgT.rows) {
    const id = reader.required(tgT, row, "indicator", TARGET_COLUMNS)?.trim();
    const wording = reader.choice(tgT, row, "wording", WORDING_TEXT);
    if (wording === null) reader.required(tgT, row, "wording", TARGET_COLUMNS);
    if (id === undefined || !wording) continue;
    const entry = given.get(id) ?? { row };
    const none = codeOf({ none: NO_TARGET }, asText(row.cells.measure)) === "none";
    const target = none ? null : readTarget(reader, tgT, row, null);
    const key = wording === "text" ? "text" : "recap";
    if (none) entry[key] = wording === "text" ? [] : null;
    else if (target) entry[key] = [...(entry[key] ?? []), target];
    given.set(id, entry);
  }

  // --- Indicators
  const indicatorIds = typedIds(reader, inT, "id", /^[A-Za-z0-9._-]+$/, "I.A.1-RES-1");
  const allIds = new Set(indicatorIds.values());
  const seenIndicators = new Set<string>();
  for (const row of inT.rows) {
    let id = indicatorIds.get(row);
    if (id === undefined && !blank(row.cells.id)) continue;
    const ref = reader.required(inT, row, "action", INDICATOR_COLUMNS)?.trim();
    const kind = reader.choice(inT, row, "kind", KIND_TEXT);
    if (kind === null) reader.required(inT, row, "kind", INDICATOR_COLUMNS);
    const wording = reader.required(inT, row, "text", INDICATOR_COLUMNS);
    const inFiche = reader.choice(inT, row, "inFiche", { yes: YES, no: NO });
    const recapKind = reader.choice(inT, row, "recapKind", KIND_TEXT);
    const aggregation = reader.choice(
      inT,
      row,
      "aggregation",
      AGGREGATION_TEXT,
      AggregationSchema.options
    );
    const recapText = blank(row.cells.recapText) ? null : asText(row.cells.recapText);
    if (ref === undefined) continue;
    const owner = actionByRef.get(ref);
    if (!owner) {
      reader.problems.push(
        message("planbook.unknown_parent", {
          sheet: inT.sheet,
          cell: row.cell("action"),
          level: "l'action",
          value: ref,
        })
      );
      continue;
    }
    if (!kind || wording === null) continue;
    if (inFiche === "no" && recapText === null) {
      reader.required(inT, row, "recapText", INDICATOR_COLUMNS);
      continue;
    }
    if (id === undefined) {
      const prefix = `${ref}-${KIND_CODE[kind]}-`;
      let k = 1;
      for (const other of allIds)
        if (other.startsWith(prefix)) {
          const x = Number(other.slice(prefix.length));
          if (Number.isInteger(x)) k = Math.max(k, x + 1);
        }
      newIds.push((id = `${prefix}${k}`));
      allIds.add(id);
    }
    seenIndicators.add(id);
    const own = readRowTarget(reader, inT, row, wording);
    const extra = given.get(id);
    if (own && extra?.text !== undefined)
      reader.problems.push(
        message("planbook.targets_twice", { sheet: inT.sheet, cell: row.cell("measure"), id })
      );
    const fiche = inFiche !== "no";
    const base = { text: wording, recapText };
    const indicator: Indicator = {
      id,
      kind,
      text: wording,
      ficheText: fiche ? wording : null,
      recapText,
      recapKind: recapKind ?? null,
      sources: [
        ...(fiche ? (["fiche"] as const) : []),
        ...(recapText !== null ? (["recap"] as const) : []),
      ],
      targets: extra?.text !== undefined ? (extra.text ?? []) : own ? [own] : parseTargets(wording),
      recapTargets: extra?.recap !== undefined ? extra.recap : derivedRecapTargets(base),
      aggregation: aggregation ?? null,
    };
    at(
      `${actionPath.get(ref) ?? "axes"}.indicators.${owner.action.indicators.length}`,
      inT,
      row,
      "id"
    );
    owner.action.indicators.push(indicator);
  }
  for (const [id, g] of given)
    if (!seenIndicators.has(id))
      reader.problems.push(
        message("planbook.unknown_parent", {
          sheet: tgT.sheet,
          cell: g.row.cell("indicator"),
          level: "l'indicateur",
          value: id,
        })
      );

  // --- Roles
  const roleIds = typedIds(reader, roT, "id", /^[a-z0-9-]+$/, "coordinateur-ctg");
  const usedRoles = new Set(roleIds.values());
  const roles: Plan["roles"] = [];
  for (const row of roT.rows) {
    let id = roleIds.get(row);
    if (id === undefined && !blank(row.cells.id)) continue;
    const title = reader.required(roT, row, "title", ROLE_COLUMNS);
    if (title === null) continue;
    if (id === undefined) {
      const base = slug(title);
      id = base;
      for (let k = 2; usedRoles.has(id); k++) id = `${base}-${k}`;
      usedRoles.add(id);
      newIds.push(id);
    }
    at(`roles.${roles.length}`, roT, row, "id");
    roles.push({
      id,
      title,
      subtitle: cellToLines(asText(row.cells.subtitle)),
      summary: cellToLines(asText(row.cells.summary)),
      missions: cellToLines(asText(row.cells.missions)),
      links: cellToLines(asText(row.cells.links)),
    });
  }

  // --- Partners
  const partners: Plan["partners"] = [];
  for (const row of paT.rows) {
    const name = reader.required(paT, row, "name", PARTNER_COLUMNS);
    if (name === null) continue;
    at(`partners.${partners.length}`, paT, row, "name");
    partners.push({ name, variants: cellToLines(asText(row.cells.variants)) });
  }

  // --- Differences
  const differences: Plan["differences"] = [];
  for (const row of diT.rows) {
    const ref = reader.required(diT, row, "ref", DIFFERENCE_COLUMNS);
    const code = reader.choice(
      diT,
      row,
      "code",
      Object.fromEntries(DifferenceSchema.shape.code.options.map((c) => [c, c])) as Record<
        Plan["differences"][number]["code"],
        string
      >
    );
    if (code === null) reader.required(diT, row, "code", DIFFERENCE_COLUMNS);
    const whereOptions = DifferenceSchema.shape.where.unwrap().options;
    const where = reader.choice(
      diT,
      row,
      "where",
      Object.fromEntries(whereOptions.map((c) => [c, c])) as Record<
        (typeof whereOptions)[number],
        string
      >
    );
    if (ref === null || !code || where === undefined) continue;
    at(`differences.${differences.length}`, diT, row, "ref");
    differences.push({
      ref,
      code,
      indicatorId: blank(row.cells.indicator) ? null : asText(row.cells.indicator).trim(),
      fiche: blank(row.cells.fiche) ? null : asText(row.cells.fiche),
      recap: blank(row.cells.recap) ? null : asText(row.cells.recap),
      where,
    });
  }

  // Levels without children: the schema wants one at least.
  for (const axis of axes)
    if (axis.objectives.length === 0) {
      const row = axT.rows.find((r) => axisIds.get(r) === axis.id);
      reader.problems.push(
        message("planbook.childless", {
          sheet: axT.sheet,
          cell: row ? row.cell("id") : "A?",
          id: `l'axe ${axis.id}`,
          what: "objectif (onglet Objectifs)",
        })
      );
    }
  for (const [id, objective] of objectiveById)
    if (objective.actions.length === 0) {
      const row = objectiveRow.get(id);
      reader.problems.push(
        message("planbook.childless", {
          sheet: obT.sheet,
          cell: row ? row.cell("id") : "A?",
          id: `l'objectif ${id}`,
          what: "action (onglet Actions)",
        })
      );
    }

  if (reader.problems.length > 0) return { ok: false, problems: reader.problems };

  const str = (k: PlanField): string | null => (blank(fields[k]) ? null : asText(fields[k]).trim());
  const year = (k: PlanField): number => {
    const v = fields[k];
    return typeof v === "number" ? v : Number(asText(v).trim());
  };
  const sourceFile = str("sourceFile");
  const sourceSha = str("sourceSha256");
  const data = {
    schemaVersion: PLAN_SCHEMA_VERSION,
    id: str("id") ?? "",
    version: str("version") ?? "",
    title: str("title") ?? "",
    territory: str("territory") ?? "",
    years: { start: year("start"), end: year("end") },
    dateLabel: str("dateLabel"),
    source:
      sourceFile !== null || sourceSha !== null
        ? { file: sourceFile ?? "", sha256: sourceSha ?? "" }
        : null,
    axes,
    roles,
    partners,
    differences,
  };
  const result = PlanSchema.safeParse(data, { error: fr().localeError });
  if (result.success) return { ok: true, plan: result.data, newIds };
  const planFieldOf: Readonly<Record<string, PlanField>> = {
    id: "id",
    version: "version",
    title: "title",
    territory: "territory",
    years: "start",
    dateLabel: "dateLabel",
    source: "sourceFile",
  };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => {
      const path = issue.path.map(String);
      for (let k = path.length; k > 0; k--) {
        const loc = locations.get(path.slice(0, k).join("."));
        if (loc) {
          const field = path[k] ?? "id";
          return message("planbook.schema", {
            sheet: loc.sheet,
            cell: loc.cell(field),
            detail: issue.message,
          });
        }
      }
      const head = path[0] ?? "";
      const f =
        planFieldOf[head === "years" && path[1] === "end" ? "" : head] ??
        (head === "years" ? "end" : undefined);
      if (f)
        return message("planbook.schema", {
          sheet: SHEETS.plan,
          cell: fieldCell[f] ?? "B?",
          detail: issue.message,
        });
      return message("planbook.schema_plan", { path: jsonPath(issue.path), detail: issue.message });
    }),
  };
}

// ---------------------------------------------------------------------------------------------

const FICHE_KEYS: readonly ActionKey[] = [
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
];

function ficheCellsFilled(row: TableRow<ActionKey>): ActionKey[] {
  return FICHE_KEYS.filter((k) => !blank(row.cells[k]));
}

function titleVariants<K extends string>(
  reader: Reader,
  t: Table<K>,
  row: TableRow<K>,
  key: K
): Action["titleVariants"] {
  const out: Action["titleVariants"] = [];
  for (const { line, pair } of cellToPairs(asText(row.cells[key]))) {
    const where = pair ? codeOf(WHERE_TEXT, pair[0]) : null;
    if (!pair || !where || pair[1] === "") {
      reader.problems.push(
        message("planbook.bad_line", {
          sheet: t.sheet,
          cell: row.cell(key),
          line,
          expected:
            "« Section : intitulé », « Échéancier : intitulé » ou « Récapitulatif : intitulé »",
        })
      );
      continue;
    }
    out.push({ where, title: pair[1] });
  }
  return out;
}

function readAction(
  reader: Reader,
  t: Table<ActionKey>,
  row: TableRow<ActionKey>,
  ref: string,
  title: string
): Action {
  const cell = (k: ActionKey) => asText(row.cells[k]);
  const marks: Action["schedule"]["sourceMarks"] = [];
  for (const { line, pair } of cellToPairs(cell("sourceMarks"))) {
    if (!pair || pair[0] === "" || pair[1] === "")
      reader.problems.push(
        message("planbook.bad_line", {
          sheet: t.sheet,
          cell: row.cell("sourceMarks"),
          line,
          expected: "« colonne : marque »",
        })
      );
    else marks.push({ column: pair[0], mark: pair[1] });
  }
  const recapKeys: ActionKey[] = [
    "recapTitle",
    "recapPilotage",
    "recapRealisation",
    "recapResultats",
    "recapImpacts",
  ];
  let recap: Action["recap"] = null;
  if (recapKeys.some((k) => !blank(row.cells[k]))) {
    const recapTitle = reader.required(t, row, "recapTitle", ACTION_COLUMNS);
    recap = {
      title: recapTitle ?? "",
      pilotage: cell("recapPilotage"),
      realisation: cellToLines(cell("recapRealisation")),
      resultats: cellToLines(cell("recapResultats")),
      impacts: cellToLines(cell("recapImpacts")),
    };
  }
  const page = reader.number(t, row, "page");
  return {
    ref,
    title,
    pilotage: cell("pilotage"),
    page: page ?? null,
    titleVariants: titleVariants(reader, t, row, "variants"),
    fiche: null,
    recap,
    indicators: [],
    schedule: {
      startPhase: reader.choice(t, row, "startPhase", PHASE_TEXT, PhaseSchema.options) ?? null,
      start: reader.date(t, row, "start") ?? null,
      end: reader.date(t, row, "end") ?? null,
      progress: reader.number(t, row, "progress") ?? null,
      sourceMarks: marks,
    },
  };
}

function readFiche(
  reader: Reader,
  t: Table<ActionKey>,
  row: TableRow<ActionKey>,
  budget: BudgetLine[]
): Fiche {
  const cell = (k: ActionKey) => asText(row.cells[k]);
  const inhabitants = cell("inhabitants").trim();
  const other: Fiche["other"] = [];
  for (const line of splitLines(cell("other"))) {
    if (line.trim() === "") continue;
    const heading = /^#\s+(.*)$/.exec(line.trim());
    const last = other[other.length - 1];
    if (heading?.[1]) other.push({ heading: heading[1].trim(), items: [] });
    else if (last) last.items.push(...cellToItems(line));
    else
      reader.problems.push(
        message("planbook.bad_line", {
          sheet: t.sheet,
          cell: row.cell("other"),
          line,
          expected: "chaque rubrique commence par « # titre »",
        })
      );
  }
  const items = (k: ActionKey): Item[] => cellToItems(cell(k));
  return {
    context: items("context"),
    expectedResults: items("expectedResults"),
    method: items("method"),
    vigilance: cellToLines(cell("vigilance")),
    resources: items("resources"),
    budget,
    pilots: cellToLines(cell("pilots")),
    partners: cellToLines(cell("partners")),
    partnersText: items("partnersText"),
    inhabitants: inhabitants === "" ? null : inhabitants === "/" ? [] : items("inhabitants"),
    other,
  };
}

const TARGET_FIELDS: readonly TargetKey[] = [
  "measure",
  "comparator",
  "value",
  "valueMax",
  "unit",
  "period",
  "deadlineYears",
  "deadlineYear",
];

/** A target from the target columns of a row; null when the measure is missing or a cell is wrong. */
function readTarget<K extends string>(
  reader: Reader,
  t: Table<K>,
  row: TableRow<K>,
  wording: string | null
): Target | null {
  const k = (key: TargetKey) => key as unknown as K;
  const r = row as unknown as TableRow<K>;
  const measure = reader.choice(t, r, k("measure"), MEASURE_TEXT, MeasureSchema.options);
  if (measure === null) {
    reader.problems.push(
      message("planbook.required", {
        sheet: t.sheet,
        cell: row.cell(k("measure")),
        column: "Mesure",
      })
    );
    return null;
  }
  const comparator = reader.choice(
    t,
    r,
    k("comparator"),
    COMPARATOR_TEXT,
    ComparatorSchema.options
  );
  const value = reader.number(t, r, k("value"));
  const valueMax = reader.number(t, r, k("valueMax"));
  const period = reader.choice(t, r, k("period"), PERIOD_TEXT, PeriodSchema.options);
  const deadlineYears = reader.number(t, r, k("deadlineYears"));
  const deadlineYear = reader.number(t, r, k("deadlineYear"));
  if (
    measure === undefined ||
    comparator === undefined ||
    value === undefined ||
    valueMax === undefined ||
    period === undefined ||
    deadlineYears === undefined ||
    deadlineYear === undefined
  )
    return null;
  const unit = row.cells[k("unit")];
  const fragment = row.cells[k("fragment")];
  return {
    measure,
    comparator,
    value,
    valueMax,
    unit: blank(unit) ? null : asText(unit),
    period,
    deadlineYears,
    ...(deadlineYear === null ? {} : { deadlineYear }),
    fragment: blank(fragment) ? (wording ?? "") : asText(fragment),
  };
}

/** The target an indicator's own target columns give, or null when they are all blank. */
function readRowTarget(
  reader: Reader,
  t: Table<IndicatorKey>,
  row: TableRow<IndicatorKey>,
  wording: string
): Target | null {
  if (TARGET_FIELDS.every((key) => blank(row.cells[key]))) return null;
  return readTarget(reader, t, row, wording);
}
