import fc from "fast-check";
import type { RawEntry } from "../../src/domain/engine/types";
import {
  mergeReturns,
  type MergeResult,
  type Preference,
  type ReturnInput,
} from "../../src/domain/merge/merge";
import { partnerDirectory } from "../../src/domain/plan/partners";
import type { Plan } from "../../src/domain/plan/schema";
import { axisRows } from "../../src/domain/workbook/axisSheet";
import { buildWorkbook } from "../../src/domain/workbook/build";
import { placeEntries, type Entry } from "../../src/domain/workbook/entries";
import type { ArchiveRecord, JournalRecord } from "../../src/domain/workbook/logSheets";
import { isoToSerial } from "../../src/domain/workbook/units";
import { META_SCHEMA, type StoredMeta } from "../../src/domain/workbook/meta";
import { serialToIso } from "../../src/domain/workbook/units";
import type { WorkbookModel } from "../../src/domain/workbook/model";
import { readState, rebuildWorkbook, type WorkbookState } from "../../src/domain/workbook/update";
import {
  AT,
  AXIS,
  GEN,
  allRefs,
  anyValue,
  clone,
  gridOf,
  isBlank,
  loc,
  locParts,
  locate,
  mergedLoc,
  same,
  seedPlan,
  smallPlan,
  typeAt,
  whereIs,
  type Grid,
} from "./helpers";

/**
 * The whole partner workflow on generated data, at the level of the models (no file: fast), as the
 * command line runs it: build -> partner workbooks (with the master's entries) -> partners type ->
 * merge -> the merged master written and read back -> refresh with a new plan version (indicators
 * removed, reworded, added; years added or removed; an action removed) -> new partner workbooks ->
 * merge again (with a return left over from the old version).
 *
 * Proves that every entry ends up in the master, or the journal, or the archives, and that no value
 * of the master changes without being reported (added, or a conflict where the returned value was
 * taken, with the master's value in the journal).
 */

jest.setTimeout(120_000);

type Values = Map<string, RawEntry>;

const storedMeta = (m: WorkbookModel): StoredMeta => ({
  schema: META_SCHEMA,
  ...m.meta,
  partner: m.meta.partner ?? "",
});

/** Unlocked cells of a model, on the given sheets. */
function inputPositions(model: WorkbookModel, sheets: (name: string) => boolean) {
  const out: Array<{ sheet: string; r: number; c: number }> = [];
  for (const sheet of model.sheets) {
    if (!sheets(sheet.name)) continue;
    sheet.cells.forEach((line, r) =>
      line.forEach((cell, c) => {
        if (cell?.style && model.styles[cell.style].unlocked === true)
          out.push({ sheet: sheet.name, r, c });
      })
    );
  }
  return out;
}

const modelDefault = (model: WorkbookModel, sheet: string, r: number, c: number) => {
  const v = model.sheets.find((s) => s.name === sheet)?.cells[r]?.[c]?.value ?? null;
  if (!v) return { value: null as RawEntry, formula: false };
  if (v.kind === "formula") return { value: null, formula: true };
  return {
    value: (v.kind === "text" || v.kind === "link"
      ? v.text
      : v.kind === "date"
        ? v.iso
        : v.value) as RawEntry,
    formula: false,
  };
};

/** Whether a typed value makes an entry (not blank, not what the generator wrote there). */
function isEntry(model: WorkbookModel, sheet: string, r: number, c: number, v: RawEntry): boolean {
  if (isBlank(v)) return false;
  const d = modelDefault(model, sheet, r, c);
  if (d.formula) return true;
  if (typeof d.value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d.value) && typeof v === "number") {
    const [y, m, day] = d.value.split("-").map(Number);
    return !same(v, Date.UTC(y!, m! - 1, day!) / 86_400_000 + 25_569);
  }
  return d.value === null || !same(v, d.value);
}

/** A value as a reader gives it back: a whole number in a date cell is that date (ISO). */
function asRead(
  model: WorkbookModel,
  p: { sheet: string; r: number; c: number },
  v: RawEntry
): RawEntry {
  const format = model.sheets.find((s) => s.name === p.sheet)?.cells[p.r]?.[p.c]?.format;
  const date = format === "date" || format === "shortDate";
  return date && typeof v === "number" && Number.isInteger(v) && v > 0 ? serialToIso(v) : v;
}

interface Typing {
  readonly cell: number;
  readonly value: RawEntry;
}

/**
 * Types into a grid; returns the entries the grid then holds at the typed places (by location), and
 * records in `label` the row's wording of each location.
 */
function typeInto(
  grid: Grid,
  model: WorkbookModel,
  positions: ReadonlyArray<{ sheet: string; r: number; c: number }>,
  typing: readonly Typing[],
  values: Values,
  labels: Map<string, string>
): void {
  if (positions.length === 0) return;
  for (const t of typing) {
    const p = positions[t.cell % positions.length]!;
    typeAt(grid, p.sheet, p.r, p.c, t.value);
    const where = whereIs(grid, p.sheet, p.r, p.c);
    const l = loc({ sheet: p.sheet, ...where });
    labels.set(l, where.label);
    if (isEntry(model, p.sheet, p.r, p.c, t.value)) values.set(l, asRead(model, p, t.value));
    else values.delete(l);
  }
}

const entriesMap = (entries: readonly Entry[]): Values =>
  new Map(entries.map((e) => [loc(e), e.value]));

/** Where a location is in a grid (axis locations: in whichever axis sheet has the row). */
function find(grid: Grid, l: string): { sheet: string; r: number; c: number } | null {
  const [group, key, column] = locParts(l);
  const sheets = group === "Axes" ? [...grid.keys()].filter((n) => AXIS.test(n)) : [group];
  for (const sheet of sheets) {
    const at = locate(grid, sheet, key, column);
    if (at) return { sheet, ...at };
  }
  return null;
}

const wording = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");

interface ReturnSpec {
  readonly partner: number;
  readonly fromMaster: boolean;
  readonly typing: readonly Typing[];
  /** Values typed over the master's entries (conflicts). */
  readonly over: readonly Typing[];
}

interface Mutation {
  readonly remove: readonly number[];
  readonly reword: readonly number[];
  readonly add: number;
  readonly addYears: number;
  readonly dropFirstYear: boolean;
  readonly removeAction: number | null;
}

interface Scenario {
  readonly refs: readonly string[];
  readonly master: readonly Typing[];
  readonly round1: readonly ReturnSpec[];
  readonly prefer1: Preference;
  readonly choices1: readonly boolean[];
  readonly mutation: Mutation;
  readonly round2: readonly ReturnSpec[];
  readonly prefer2: Preference;
}

/** The new plan version, made independently of the code under test. */
function nextVersion(v1: Plan, m: Mutation): { plan: Plan; reworded: Set<string> } {
  const plan = clone(v1);
  plan.version = "1.1.0";
  const indicators = plan.axes.flatMap((a) =>
    a.objectives.flatMap((o) => o.actions.flatMap((x) => x.indicators))
  );
  const removed = new Set(m.remove.map((i) => indicators[i % indicators.length]!.id));
  const reworded = new Set<string>();
  for (const i of m.reword) {
    const ind = indicators[i % indicators.length]!;
    if (removed.has(ind.id) || reworded.has(ind.id)) continue;
    ind.text = `${ind.text} — nouvelle formulation ${i}`;
    reworded.add(ind.id);
  }
  const actions = plan.axes.flatMap((a) => a.objectives.flatMap((o) => o.actions));
  for (const a of actions) a.indicators = a.indicators.filter((i) => !removed.has(i.id));
  for (let k = 0; k < m.add; k++) {
    const a = actions[k % actions.length]!;
    const model = indicators[k % indicators.length]!;
    a.indicators.push({
      ...clone(model),
      id: `${a.ref}-RES-N${k + 1}`,
      text: `Nouvel indicateur ${k + 1} : au moins ${k + 3} familles par an`,
    });
  }
  if (m.removeAction !== null && actions.length > 1) {
    const gone = actions[m.removeAction % actions.length]!.ref;
    for (const axis of plan.axes)
      for (const o of axis.objectives) o.actions = o.actions.filter((a) => a.ref !== gone);
    for (const axis of plan.axes) axis.objectives = axis.objectives.filter((o) => o.actions.length);
    plan.axes = plan.axes.filter((a) => a.objectives.length);
    plan.differences = plan.differences.filter((d) => d.ref !== gone);
  }
  plan.years = {
    start: plan.years.start + (m.dropFirstYear ? 1 : 0),
    end: plan.years.end + m.addYears,
  };
  return { plan, reworded };
}

const changeOf = (c: { sheet: string; key: string; column: string }) => loc(c);

/**
 * One merge round: partner workbooks prepared from the master's state (with `--from` or empty),
 * typed into, merged; checks the merge against a sequential model of the rules and returns what the
 * master holds after it, with every value that was handed in.
 */
function mergeRound(
  plan: Plan,
  structure: WorkbookModel,
  state: WorkbookState,
  specs: readonly ReturnSpec[],
  prefer: Preference,
  choiceBits: readonly boolean[],
  extra: readonly ReturnInput[],
  round: number
): { result: MergeResult; handedIn: Array<[string, RawEntry]>; returns: ReturnInput[] } {
  const names = partnerDirectory(plan)
    .slice(0, 6)
    .map((p) => p.name);
  const masterValues = entriesMap(state.entries);
  const inputs: ReturnInput[] = [];
  const returned: Values[] = [];
  specs.forEach((spec, i) => {
    const partner = names[spec.partner % names.length]!;
    const blank = buildWorkbook(plan, { ...GEN, partner });
    const model = spec.fromMaster
      ? placeEntries(
          blank,
          state.entries.filter((e) => AXIS.test(e.sheet) || e.sheet === "Échéancier")
        ).model
      : blank;
    const grid = gridOf(model);
    // What the file holds before the partner types: the master's entries of its rows.
    const values: Values = new Map();
    const labels = new Map<string, string>();
    if (spec.fromMaster)
      for (const [l, v] of masterValues) {
        if (!mergedLoc(l)) continue;
        if (find(grid, l)) values.set(l, v);
      }
    const positions = inputPositions(blank, (n) => AXIS.test(n) || n === "Échéancier");
    // Over the master's values (where the partner has the row): conflicts.
    const overPositions = [...masterValues.keys()]
      .filter(mergedLoc)
      .map((l) => find(grid, l))
      .filter((p): p is { sheet: string; r: number; c: number } => p !== null);
    typeInto(grid, blank, overPositions, spec.over, values, labels);
    typeInto(grid, blank, positions, spec.typing, values, labels);
    inputs.push({
      file: `retour-${round}-${i + 1}.xlsx`,
      workbook: { meta: storedMeta(model), sheets: grid },
    });
    returned.push(values);
  });
  const allInputs = [...inputs, ...extra];
  const master = {
    planId: structure.meta.planId,
    planVersion: structure.meta.planVersion,
    entries: state.entries,
  };
  const options = { at: AT, prefer, generatorVersion: GEN.generatorVersion };
  // A first pass finds the conflicts; the coordinator then chooses for some of them.
  const first = mergeReturns(plan, master, allInputs, options);
  const ids = first.returns.flatMap((r) =>
    r.changes.filter((c) => c.outcome !== "added").map((c) => c.id)
  );
  const choices = new Map<string, Preference>();
  ids.forEach((id, k) => {
    if (k < choiceBits.length) choices.set(id, choiceBits[k] ? "return" : "master");
  });
  const result = mergeReturns(plan, master, allInputs, { ...options, choices });

  // The rules, one return after the other.
  const M: Values = new Map(masterValues);
  const handedIn: Array<[string, RawEntry]> = [];
  inputs.forEach((input, i) => {
    const report = result.returns[i]!;
    expect(report).toMatchObject({ file: input.file, merged: true, problems: [] });
    const byLoc = new Map(report.changes.map((c) => [changeOf(c), c]));
    expect(byLoc.size).toBe(report.changes.length);
    let expectedChanges = 0;
    for (const [l, v] of returned[i]!) {
      handedIn.push([l, v]);
      const change = byLoc.get(l);
      if (!M.has(l)) {
        expectedChanges++;
        expect(change).toMatchObject({ outcome: "added", masterValue: null });
        expect(same(change!.returnedValue, v)).toBe(true);
        M.set(l, v);
      } else if (same(M.get(l), v)) {
        expect(change).toBeUndefined();
      } else {
        expectedChanges++;
        const choice = choices.get(change?.id ?? "") ?? prefer;
        expect(change).toMatchObject({
          outcome: choice === "return" ? "conflict_took_return" : "conflict_kept_master",
        });
        expect(same(change!.masterValue, M.get(l))).toBe(true);
        expect(same(change!.returnedValue, v)).toBe(true);
        if (choice === "return") M.set(l, v);
      }
    }
    expect(report.changes).toHaveLength(expectedChanges);
    expect(report.added).toBe(report.changes.filter((c) => c.outcome === "added").length);
    expect(report.conflicts).toBe(expectedChanges - report.added);
    expect(report.invalid).toBe(report.changes.filter((c) => c.problem !== null).length);
    for (const c of report.changes) if (c.problem) expect(c.problem.code).toMatch(/^entry\./);
  });
  // The master after the merge is exactly the rules' result: nothing else changed.
  const after = entriesMap(result.entries);
  expect(new Set(after.keys())).toEqual(new Set(M.keys()));
  for (const [l, v] of M) expect(same(after.get(l), v)).toBe(true);
  for (const [l, before] of masterValues) {
    const now = after.get(l);
    if (same(now, before)) continue;
    const reported = result.returns
      .flatMap((r) => r.changes)
      .filter((c) => changeOf(c) === l && c.outcome === "conflict_took_return");
    expect(reported.length).toBeGreaterThan(0);
  }
  // The journal: one line per return, then one per change (both values written).
  const lines = result.journal;
  for (const report of result.returns) {
    const header = lines.filter((j) => j.file === report.file && j.id === "");
    expect(header).toHaveLength(1);
    expect(header[0]!.outcome).toBe(report.merged ? "Retour fusionné" : "Retour refusé");
    for (const c of report.changes)
      expect(
        lines.some(
          (j) =>
            j.file === c.file &&
            j.id === c.key &&
            j.column === c.column &&
            same(j.masterValue, c.masterValue) &&
            same(j.returnedValue, c.returnedValue)
        )
      ).toBe(true);
  }
  return { result, handedIn, returns: inputs };
}

/** Writes the master as `ctg merge` does (entries, archives, journal) and reads it back. */
function writeMaster(
  plan: Plan,
  structure: WorkbookModel,
  state: WorkbookState,
  merged: MergeResult
): { state: WorkbookState; grid: Grid } {
  const journal = [...state.journal, ...merged.journal];
  const rebuilt = rebuildWorkbook(
    plan,
    GEN,
    { entries: merged.entries, archives: state.archives, journal },
    { previousVersion: plan.version, on: "2026-11-29" }
  );
  expect(rebuilt.archived).toEqual([]);
  const grid = gridOf(rebuilt.model);
  const back = readState(structure, grid);
  const expected = entriesMap(merged.entries);
  const got = entriesMap(back.entries);
  expect(new Set(got.keys())).toEqual(new Set(expected.keys()));
  for (const [l, v] of expected) expect(same(got.get(l), v)).toBe(true);
  expect(back.journal).toEqual(journal);
  expect(back.archives).toEqual(state.archives);
  return { state: back, grid };
}

function found(
  l: string,
  v: RawEntry,
  grid: Grid,
  journal: readonly JournalRecord[],
  archives: readonly ArchiveRecord[]
): boolean {
  const [group, key, column] = locParts(l);
  const at = find(grid, l);
  if (at && same(grid.get(at.sheet)!.rows[at.r]?.[at.c] ?? null, v)) return true;
  const sheetOk = (s: string) => (group === "Axes" ? AXIS.test(s) : s === group);
  if (
    journal.some(
      (j) =>
        j.id === key &&
        j.column === column &&
        sheetOk(j.sheet) &&
        (same(j.masterValue, v) || same(j.returnedValue, v))
    )
  )
    return true;
  return archives.some(
    (a) => a.id === key && a.column === column && sheetOk(a.sheet) && same(a.value, v)
  );
}

function run(sc: Scenario): void {
  // 1. The master, with the coordinator's entries.
  const v1 = smallPlan(sc.refs);
  const structure1 = buildWorkbook(v1, GEN);
  const grid0 = gridOf(structure1);
  const typed0: Values = new Map();
  typeInto(
    grid0,
    structure1,
    inputPositions(structure1, () => true),
    sc.master,
    typed0,
    new Map()
  );
  const state0 = readState(structure1, grid0);
  expect(entriesMap(state0.entries)).toEqual(typed0);

  // 2. Partner workbooks, typed, merged; the master written and read back.
  const round1 = mergeRound(v1, structure1, state0, sc.round1, sc.prefer1, sc.choices1, [], 1);
  const written1 = writeMaster(v1, structure1, state0, round1.result);

  // 3. Refresh with the new plan version.
  const { plan: v2, reworded } = nextVersion(v1, sc.mutation);
  const structure2 = buildWorkbook(v2, GEN);
  const refreshed = rebuildWorkbook(v2, GEN, written1.state, {
    previousVersion: v1.version,
    on: "2026-11-30",
  });
  const grid2 = gridOf(refreshed.model);
  const v2Rows = new Map(v2.axes.flatMap((a) => axisRows(a)).map((r) => [r.rowId, r]));
  for (const e of written1.state.entries) {
    const l = loc(e);
    const at = find(grid2, l);
    const row = AXIS.test(e.sheet) ? v2Rows.get(e.key) : undefined;
    const keeps =
      at !== null &&
      (!AXIS.test(e.sheet) ||
        (row !== undefined &&
          !reworded.has(row.indicator.id) &&
          wording(row.indicator.text) === wording(e.label)));
    const archived = refreshed.archived.filter(
      (a) => a.id === e.key && a.column === e.column && a.sheet === e.sheet
    );
    if (keeps) {
      expect(same(grid2.get(at.sheet)!.rows[at.r]?.[at.c] ?? null, e.value)).toBe(true);
      expect(archived).toEqual([]);
    } else {
      expect(archived).toEqual([
        expect.objectContaining({ label: e.label, planVersion: v1.version, value: e.value }),
      ]);
    }
  }
  const state2 = readState(structure2, grid2);
  expect(state2.archives).toEqual([...written1.state.archives, ...refreshed.archived]);
  expect(state2.journal).toEqual(written1.state.journal);

  // 4. A second round on the new version, with a return left over from the old one.
  const stale = round1.returns[0]!;
  const round2 = mergeRound(v2, structure2, state2, sc.round2, sc.prefer2, [], [stale], 2);
  const staleReport = round2.result.returns[round2.result.returns.length - 1]!;
  expect(staleReport.merged).toBe(false);
  expect(staleReport.problems.map((p) => p.code)).toEqual(["merge.other_version"]);
  const written2 = writeMaster(v2, structure2, state2, round2.result);

  // 5. Every value ever handed in is in the master, the journal or the archives.
  const journal = written2.state.journal;
  const archives = written2.state.archives;
  const everything: Array<[string, RawEntry]> = [...typed0, ...round1.handedIn, ...round2.handedIn];
  const lost = everything.filter(([l, v]) => !found(l, v, written2.grid, journal, archives));
  expect(lost).toEqual([]);
}

const typing = (max: number) =>
  fc.array(fc.record({ cell: fc.nat(), value: anyValue }), { maxLength: max });
const returnSpec: fc.Arbitrary<ReturnSpec> = fc.record({
  partner: fc.nat(),
  fromMaster: fc.boolean(),
  typing: typing(20),
  over: typing(6),
});
const scenario: fc.Arbitrary<Scenario> = fc.record({
  refs: fc.subarray(allRefs(seedPlan), { minLength: 3, maxLength: 7 }),
  master: typing(30),
  round1: fc.array(returnSpec, { minLength: 1, maxLength: 3 }),
  prefer1: fc.constantFrom<Preference>("master", "return"),
  choices1: fc.array(fc.boolean(), { maxLength: 4 }),
  mutation: fc.record({
    remove: fc.array(fc.nat(), { maxLength: 3 }),
    reword: fc.array(fc.nat(), { maxLength: 3 }),
    add: fc.nat({ max: 3 }),
    addYears: fc.nat({ max: 2 }),
    dropFirstYear: fc.boolean(),
    removeAction: fc.option(fc.nat(), { nil: null }),
  }),
  round2: fc.array(returnSpec, { minLength: 1, maxLength: 2 }),
  prefer2: fc.constantFrom<Preference>("master", "return"),
});

describe("the sheets these tests use instead of files", () => {
  it("are what a real file gives back: same entries, archives and journal through writeXlsx and readXlsx", async () => {
    const plan = smallPlan(["I.A.1", "I.A.4", "I.C.5", "II.A.1"]);
    const structure = buildWorkbook(plan, GEN);
    const positions = inputPositions(structure, () => true);
    const record = fc.record({
      at: fc.constantFrom("29/11/2026 14:03", "01/12/2026 09:00"),
      file: fc.constantFrom("retour-caf.xlsx", "=retour.xlsx"),
      partner: fc.constantFrom("CAF", "CSC", ""),
      sheet: fc.constantFrom("Axe I", "Échéancier", ""),
      id: fc.constantFrom("I.A.1-RES-1", "I.A.1", ""),
      label: fc.string({ maxLength: 30 }),
      column: fc.constantFrom("2022", "Commentaire", ""),
      sentValue: fc.oneof(
        fc.constant(null),
        anyValue.filter((v) => !isBlank(v))
      ),
      masterValue: fc.oneof(
        fc.constant(null),
        anyValue.filter((v) => !isBlank(v))
      ),
      returnedValue: fc.oneof(
        fc.constant(null),
        anyValue.filter((v) => !isBlank(v))
      ),
      outcome: fc.constantFrom("Ajoutée", "Conflit : valeur du classeur gardée"),
      detail: fc.string({ maxLength: 30 }),
    }) as fc.Arbitrary<JournalRecord>;
    const { writeXlsx } = await import("../../src/xlsx/write");
    const { readXlsx } = await import("../../src/xlsx/read");
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ cell: fc.nat(), value: anyValue }), { maxLength: 30 }),
        fc.array(record, { maxLength: 4 }),
        async (typing, journal) => {
          const grid = gridOf(structure);
          typeInto(grid, structure, positions, typing, new Map(), new Map());
          const state = { ...readState(structure, grid), journal };
          const model = rebuildWorkbook(plan, GEN, state, {
            previousVersion: "1.0.0",
            on: "2026-11-29",
          }).model;
          const read = await readXlsx(await writeXlsx(model));
          if (!read.ok) throw new Error("unreadable");
          const fromFile = readState(structure, read.workbook.sheets);
          const fromGrid = readState(structure, gridOf(model));
          // A number in a date cell is that day for Excel and for the file's reader (`1` is
          // 1899-12-31); the grid keeps the number: both are compared as serial numbers.
          const asSerial = (v: unknown) =>
            typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? isoToSerial(v) : v;
          const serials = (entries: readonly { value: unknown }[]) =>
            entries.map((e) => ({ ...e, value: asSerial(e.value) }));
          expect(serials(fromFile.entries)).toEqual(serials(fromGrid.entries));
          expect(serials(fromFile.entries).map((e) => e.value)).toEqual(
            serials(state.entries).map((e) => e.value)
          );
          expect(fromFile.journal).toEqual(journal);
          expect(fromFile.archives).toEqual(fromGrid.archives);
          for (const sheet of model.sheets)
            expect([sheet.name, read.workbook.sheets.get(sheet.name)?.protected]).toEqual([
              sheet.name,
              true,
            ]);
        }
      ),
      { numRuns: 4, seed: 17 }
    );
  });
});

describe("build -> partner workbooks -> merge -> refresh -> merge again (generated)", () => {
  it("keeps every entry in the master, the journal or the archives, and changes nothing unreported", () => {
    fc.assert(fc.property(scenario, run), { numRuns: 25, seed: 2026 });
  });
});
