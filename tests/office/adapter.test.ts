import type { RawEntry } from "../../src/domain/engine/types";
import { a1 } from "../../src/domain/workbook/grid";
import {
  AXIS_FIRST_ROW,
  AXIS_HEADER_ROW,
  axisLayout,
  planYears,
} from "../../src/domain/workbook/axisSheet";
import { checkWorkbook, type PlainSheet } from "../../src/domain/workbook/check";
import { NUMBER_FORMATS, type WorkbookModel } from "../../src/domain/workbook/model";
import { SCHEDULE_COL, SCHEDULE_SHEET } from "../../src/domain/workbook/recapSheets";
import { snapshot, type FakeSnapshot } from "../../src/fake-excel";
import { FakeOfficeError } from "../../src/fake-excel/errors";
import { isoToSerial, widthToPoints } from "../../src/office/cells";
import { officeErrorMessage } from "../../src/office/errors";
import { META_NAMESPACE, parseMetaXml } from "../../src/office/meta";
import { formatMessage } from "../../src/domain/messages";
import { syntheticPlan } from "../../tools/syntheticPlan";
import { captureConsoleError, defaultPlan, modelOf, NOW, setup, rowOfId } from "./helpers";

jest.setTimeout(120_000);

const FIVE_MB = 5 * 1024 * 1024;
const plan = defaultPlan();
const model = modelOf(plan);

function expectSameAsModel(snap: FakeSnapshot, m: WorkbookModel): void {
  expect(snap.sheets.map((s) => s.name)).toEqual([...m.sheets.map((s) => s.name), "CTG_meta"]);
  for (const sheet of m.sheets) {
    const got = snap.sheets.find((s) => s.name === sheet.name);
    if (!got) throw new Error(sheet.name);
    sheet.cells.forEach((line, r) =>
      line.forEach((cell, c) => {
        const at = `${sheet.name}!${r},${c}`;
        const g = got.cells[r]?.[c] ?? null;
        const v = cell?.value ?? null;
        const actual = { at, value: g?.value ?? null, formula: g?.formula ?? null };
        if (v === null) expect(actual).toEqual({ at, value: null, formula: null });
        // An empty text is an empty cell in Excel ("" clears a cell through the API).
        else if (v.kind === "text" || v.kind === "link")
          expect(actual).toEqual({ at, value: v.text === "" ? null : v.text, formula: null });
        else if (v.kind === "number") expect(actual).toEqual({ at, value: v.value, formula: null });
        else if (v.kind === "date")
          expect(actual).toEqual({ at, value: isoToSerial(v.iso), formula: null });
        else if (v.kind === "boolean")
          expect(actual).toEqual({ at, value: v.value, formula: null });
        else expect(actual).toEqual({ at, value: null, formula: `=${v.formula}` });
        if (v?.kind === "link")
          expect(g?.hyperlink?.documentReference).toBe(`'${v.sheet}'!${v.cell}`);
        const style = cell?.style ? m.styles[cell.style] : undefined;
        expect({ at, locked: g?.format.locked ?? true }).toEqual({ at, locked: !style?.unlocked });
        if (style?.fill)
          expect({ at, fill: g?.format.fill }).toEqual({ at, fill: `#${style.fill}` });
        if (style) expect({ at, bold: g?.format.bold }).toEqual({ at, bold: style.bold ?? false });
        if (style?.border === "thin") expect(g?.format.borderBottom?.style).toBe("Continuous");
        expect({ at, nf: g?.numberFormat ?? "General" }).toEqual({
          at,
          nf: cell?.format ? NUMBER_FORMATS[cell.format] : "General",
        });
      })
    );
    sheet.columns.forEach((col, i) => {
      const g = got.columns.find((x) => x.index === i);
      expect(g?.width).toBe(widthToPoints(col.width));
      expect(g?.hidden ?? false).toBe(col.hidden ?? false);
    });
    for (const [row, h] of Object.entries(sheet.rowHeights))
      expect(got.rowHeights[Number(row)]).toBe(h);
    expect(got.tables.map((t) => [t.name, t.style, t.headers])).toEqual(
      sheet.tables.map((t) => [t.name, t.style, [...t.columns]])
    );
    expect(got.validations.map((v) => v.address)).toEqual(sheet.validations.map((v) => v.range));
    expect(
      got.conditionalFormats
        .filter((c) => c.type === "Custom")
        .map((c) => [c.address, c.formula, c.fill])
    ).toEqual(sheet.conditionalFormats.map((c) => [c.range, `=${c.formula}`, `#${c.fill}`]));
    expect(
      got.conditionalFormats.filter((c) => c.type === "DataBar").map((c) => c.address)
    ).toEqual(sheet.dataBars.map((b) => b.range));
    expect(got.frozen).toEqual(sheet.frozen);
    expect(got.protection.protected).toBe(sheet.protection?.enabled ?? false);
    expect(got.tabColor).toBe(sheet.tabColor ? `#${sheet.tabColor}` : "");
  }
  expect(snap.names).toEqual(m.names.map((n) => ({ name: n.name, formula: `=${n.ref}` })));
  const parts = snap.customXmlParts.filter((p) => p.namespaceUri === META_NAMESPACE);
  expect(parts).toHaveLength(1);
  expect(parseMetaXml(parts[0]?.xml ?? "")).toMatchObject({
    planId: m.meta.planId,
    planVersion: m.meta.planVersion,
    fingerprint: m.meta.fingerprint,
    generatorVersion: m.meta.generatorVersion,
  });
  expect(snap.sheets.find((s) => s.name === "CTG_meta")?.visibility).toBe("VeryHidden");
  expect(snap.calculationMode).toBe("Automatic");
}

describe("the Office.js adapter against the fake", () => {
  it("renders the default plan as the model holds it, in few small requests", async () => {
    const { fake, service } = setup();
    const progress: number[] = [];
    const result = await service.generate(plan, (p) => progress.push(p.done));
    expect(result).toEqual({
      ok: true,
      value: {
        sheets: model.sheets.length,
        rows: 296,
        keptEntries: 0,
        archivedEntries: 0,
        regenerated: false,
      },
    });
    expectSameAsModel(snapshot(fake.state), model);
    // Requests as large as the budget allows, not one per sheet (issue 10: at most 12 round trips),
    // each a real body of Microsoft's client under 4 MB; the screen is not redrawn between them.
    expect(fake.stats.syncs).toBeLessThanOrEqual(12);
    expect(fake.stats.syncs).toBeLessThan(model.sheets.length);
    expect(fake.stats.maxRequestBytes).toBeLessThan(4_000_000);
    expect(fake.state.screenUpdatingSuspendedSyncs).toBeGreaterThanOrEqual(2);
    expect(progress[progress.length - 1]).toBe(model.sheets.length + 2);
    expect(snapshot(fake.state).activeSheet).toBe("Sommaire");
    // Print setup as the model says: landscape axis sheets on A4, one page wide, header row
    // repeated, the key columns only (to the comment), narrow margins.
    const snap = snapshot(fake.state);
    const axisPrint = model.sheets.find((s) => s.name === "Axe I")?.print;
    expect(snap.sheets.find((s) => s.name === "Axe I")?.print).toEqual({
      orientation: "Landscape",
      fitToWidth: true,
      titleRows: "$4:$4",
      paperSize: "A4",
      area: axisPrint?.area,
      margins: {
        leftMargin: 18,
        rightMargin: 18,
        topMargin: 54,
        bottomMargin: 54,
        headerMargin: 21.6,
        footerMargin: 21.6,
      },
    });
    expect(snap.sheets.find((s) => s.name === "Sommaire")?.print.orientation).toBe("Portrait");
  });

  it("generates on an ExcelApi 1.8 host (Excel 2019) without the 1.9 and 1.10 features", async () => {
    // Microsoft's client refuses members above the host's requirement sets (ApiNotFound): the
    // service asks the host what it supports and leaves out print setup, screen suspension (1.9)
    // and column groups (Range.group, 1.10).
    const { fake, service } = setup({}, {}, "ExcelApi 1.8");
    expect((await service.generate(plan, () => undefined)).ok).toBe(true);
    const axis = fake.state.sheets.find((s) => s.name === "Axe I" && !s.deleted);
    const columns = [...(axis?.columns.values() ?? [])];
    expect(columns.some((col) => col.hidden)).toBe(true);
    expect(columns.some((col) => (col.outlineLevel ?? 0) > 0)).toBe(false);
    expect(fake.state.screenUpdatingSuspendedSyncs).toBe(0);
    expect(
      snapshot(fake.state).sheets.find((s) => s.name === "Axe I")?.print.orientation
    ).toBeNull();
    expectSameAsModel(snapshot(fake.state), model);
  });

  it("fails on Excel 2019 if it groups columns anyway: Range.group is ExcelApi 1.10 (defect 2)", async () => {
    const { service } = setup({}, { render: { outline: true } }, "ExcelApi 1.8");
    const log = captureConsoleError();
    try {
      const result = await service.generate(plan, () => undefined);
      expect(result.ok).toBe(false);
      expect(JSON.stringify(log.calls)).toContain("ApiNotFound");
    } finally {
      log.restore();
    }
  });

  it("splits a ten times larger plan into requests under 5 MB", async () => {
    const big = syntheticPlan(plan, 10, 10);
    const { fake, service } = setup();
    const result = await service.generate(big, () => undefined);
    expect(result.ok).toBe(true);
    const m = modelOf(big);
    expect(fake.stats.maxRequestBytes).toBeLessThan(FIVE_MB);
    expect(fake.stats.syncs).toBeGreaterThan(m.sheets.length + 5);
    const snap = snapshot(fake.state);
    const axis = m.sheets[1];
    const got = snap.sheets.find((s) => s.name === axis?.name);
    expect(got?.cells.length).toBe(axis?.cells.length);
    expect(got?.validations.length).toBe(axis?.validations.length);
  });

  it("fails with a French message when a request is too large, and logs the debug info", async () => {
    const { service } = setup({ payloadLimitBytes: 50_000 });
    const log = captureConsoleError();
    try {
      const result = await service.generate(plan, () => undefined);
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(formatMessage(result.problems[0] ?? { code: "office.general", params: {} })).toMatch(
          /trop volumineuse/
        );
      expect(log.calls.length).toBeGreaterThan(0);
      expect(JSON.stringify(log.calls[0])).toContain("RequestPayloadSizeLimitExceeded");
    } finally {
      log.restore();
    }
  });

  it("maps Office error codes to French messages", () => {
    const log = captureConsoleError();
    try {
      const m = (code: string) =>
        formatMessage(officeErrorMessage(new FakeOfficeError(code, "x"), "test"));
      expect(m("AccessDenied")).toMatch(/protégé/);
      expect(m("ItemNotFound")).toMatch(/introuvable/);
      expect(m("InvalidOperationInCellEditMode")).toMatch(/en cours de saisie/);
      expect(m("ResponsePayloadSizeLimitExceeded")).toMatch(/réponse d'Excel dépasse/);
      expect(m("InactiveWorkbook")).toMatch(/n'est plus actif/);
      expect(m("FormulaLengthExceedsLimit")).toMatch(/8 192 caractères/);
      expect(m("Strange")).toMatch(/Strange/);
      expect(formatMessage(officeErrorMessage(new Error("bug"), "test"))).toMatch(/Erreur interne/);
      expect(log.calls).toHaveLength(8);
    } finally {
      log.restore();
    }
  });
});

const years = planYears(plan);
const c = axisLayout(years).col;

/** Row of an id on an axis sheet of the model. */
function rowOf(m: WorkbookModel, sheet: string, id: string): number {
  const r = rowOfId(m, sheet, id);
  if (r < AXIS_FIRST_ROW) throw new Error(`${id} not found`);
  return r;
}

/** Entries typed by a user: sheet, row id, column, typed input, and the value Excel then holds. */
const TYPED: Array<{ sheet: string; id: string; col: number; input: unknown; value: RawEntry }> =
  [];
function axisIds(m: WorkbookModel, sheet: string): string[] {
  const s = m.sheets.find((x) => x.name === sheet);
  return (s?.cells ?? [])
    .slice(AXIS_FIRST_ROW)
    .map((line) => (line[0]?.value?.kind === "text" ? line[0].value.text : ""))
    .filter((x) => x !== "");
}
const ids = axisIds(model, "Axe I");
TYPED.push(
  { sheet: "Axe I", id: ids[0] ?? "", col: c.firstYear, input: 12, value: 12 },
  {
    sheet: "Axe I",
    id: ids[0] ?? "",
    col: c.firstYear + 1,
    input: "'=Très bien",
    value: "=Très bien",
  },
  { sheet: "Axe I", id: ids[1] ?? "", col: c.firstYear + 2, input: "beaucoup", value: "beaucoup" },
  {
    sheet: "Axe I",
    id: ids[2] ?? "",
    col: c.comment,
    input: "'+ de partenaires",
    value: "+ de partenaires",
  },
  {
    sheet: "Axe I",
    id: ids[3] ?? "",
    col: c.source,
    input: "Bilan d'activité",
    value: "Bilan d'activité",
  },
  { sheet: "Axe I", id: ids[4] ?? "", col: c.firstYear + 4, input: "Oui", value: "Oui" },
  { sheet: "Axe I", id: ids[5] ?? "", col: c.firstYear, input: 0.45, value: 0.45 }
);

describe("regeneration, check and schedule", () => {
  it("moves the entries of an indicator gone from the plan to the Archives sheet", async () => {
    const { fake, service } = setup();
    expect((await service.generate(plan, () => undefined)).ok).toBe(true);
    const id = ids[0] ?? "";
    await fake.userEdit("Axe I", a1(rowOf(model, "Axe I", id), c.firstYear), [[17]]);
    const shrunk = structuredClone(plan);
    shrunk.version = "9.9.9";
    const action = shrunk.axes[0]?.objectives[0]?.actions[0];
    const text = action?.indicators.find((i) => i.id === id)?.text;
    if (action) action.indicators = action.indicators.filter((i) => i.id !== id);
    const result = await service.generate(shrunk, () => undefined);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ keptEntries: 0, archivedEntries: 1, regenerated: true });
    const archives = snapshot(fake.state).sheets.find((s) => s.name === "Archives");
    expect(archives).toBeDefined();
    const rows = (archives?.cells ?? []).map((line) => line.map((cell) => cell?.value ?? null));
    const row = rows.find((line) => line.includes(id));
    // Archived with the plan version it was typed against, its id, its wording, its year and value.
    expect(row?.slice(1, 7)).toEqual([
      plan.version,
      "Axe I",
      id,
      text,
      String(plan.years.start),
      17,
    ]);
    // A second regeneration keeps the archives.
    expect((await service.generate(shrunk, () => undefined)).ok).toBe(true);
    const again = snapshot(fake.state).sheets.find((s) => s.name === "Archives");
    expect(again?.cells.some((line) => line.some((cell) => cell?.value === id))).toBe(true);
  });

  it("keeps every entry at its row id when the workbook is regenerated (text stays text)", async () => {
    const { fake, service } = setup();
    expect((await service.generate(plan, () => undefined)).ok).toBe(true);
    for (const t of TYPED)
      await fake.userEdit(t.sheet, a1(rowOf(model, t.sheet, t.id), t.col), [[t.input]]);
    await fake.userEdit(SCHEDULE_SHEET, a1(5, SCHEDULE_COL.phase), [["Moyen terme"]]);
    // The plan changes: one indicator fewer in front of the others, rows move.
    const changed = structuredClone(plan);
    const firstAction = changed.axes[0]?.objectives[0]?.actions[0];
    const removed = firstAction?.indicators.pop();
    expect(removed).toBeDefined();
    const before = fake.stats.syncs;
    const result = await service.generate(changed, () => undefined);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.regenerated).toBe(true);
    const newModel = modelOf(changed);
    const keptIds = new Set(axisIds(newModel, "Axe I"));
    const expectedKept = TYPED.filter((t) => keptIds.has(t.id)).length + 1;
    expect(result.value.keptEntries).toBe(expectedKept);
    expect(result.value.archivedEntries).toBe(TYPED.length + 1 - expectedKept);
    // One request per sheet (the new Archives sheet too), plus reading the workbook and finishing.
    expect(fake.stats.syncs - before).toBeLessThanOrEqual(newModel.sheets.length + 1 + 8);
    const snap = snapshot(fake.state);
    const sheet = snap.sheets.find((s) => s.name === "Axe I");
    for (const t of TYPED.filter((x) => keptIds.has(x.id))) {
      const cell = sheet?.cells[rowOf(newModel, "Axe I", t.id)]?.[t.col];
      expect({ id: t.id, value: cell?.value, formula: cell?.formula }).toEqual({
        id: t.id,
        value: t.value,
        formula: null,
      });
    }
    expect(snap.sheets.filter((s) => s.name === "Axe I")).toHaveLength(1);
    expect(snap.customXmlParts).toHaveLength(1);
    const schedule = snap.sheets.find((s) => s.name === SCHEDULE_SHEET);
    expect(schedule?.cells[5]?.[SCHEDULE_COL.phase]?.value).toBe("Moyen terme");
  });

  it("checks the workbook exactly as ctg check does on the model filled the same way", async () => {
    const { fake, service } = setup();
    await service.generate(plan, () => undefined);
    for (const t of TYPED)
      await fake.userEdit(t.sheet, a1(rowOf(model, t.sheet, t.id), t.col), [[t.input]]);
    const result = await service.check();
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    // The same entries on the model's cells, read as plain values (formulas not computed: blank).
    const sheets = new Map<string, PlainSheet>();
    for (const s of model.sheets) {
      const rows: RawEntry[][] = s.cells.map((line) =>
        line.map((cell) => {
          const v = cell?.value ?? null;
          if (v === null || v.kind === "formula") return null;
          if (v.kind === "number" || v.kind === "boolean") return v.value;
          if (v.kind === "date") return isoToSerial(v.iso);
          return v.text;
        })
      );
      for (const t of TYPED.filter((x) => x.sheet === s.name)) {
        const line = rows[rowOf(model, t.sheet, t.id)];
        if (line) line[t.col] = t.value;
      }
      sheets.set(s.name, { name: s.name, rows });
    }
    const axisNames = model.sheets.map((s) => s.name).filter((n) => /^Axe /.test(n));
    const expected = checkWorkbook(sheets, axisNames, {
      year: NOW.getFullYear(),
      month: NOW.getMonth() + 1,
    });
    if (!expected.ok) throw new Error("model not checkable");
    expect(result.value).toEqual(expected.report);
    expect(result.value.summary.entries).toBe(TYPED.filter((t) => t.col < c.status).length);
    expect(result.value.summary.invalidEntries).toBeGreaterThan(0);
  });

  it("refuses to check a workbook without CTG", async () => {
    const { service } = setup();
    const result = await service.check();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.code).toBe("office.not_ctg");
    expect(await service.current()).toEqual({ ok: true, value: null });
  });

  it("reads and writes the échéancier", async () => {
    const { fake, service } = setup();
    await service.generate(plan, () => undefined);
    expect(await service.current()).toEqual({
      ok: true,
      value: { planId: plan.id, planVersion: plan.version },
    });
    const read = await service.readSchedule();
    if (!read.ok) throw new Error("schedule");
    expect(read.value).toHaveLength(
      plan.axes.reduce((n, a) => n + a.objectives.reduce((m, o) => m + o.actions.length, 0), 0)
    );
    const first = read.value[0];
    if (!first) throw new Error("no row");
    const written = await service.writeSchedule([
      { ...first, phase: "Long terme", start: "2022-03-01", end: "2023-12-31", progress: 40 },
    ]);
    expect(written.ok).toBe(true);
    const again = await service.readSchedule();
    if (!again.ok) throw new Error("schedule");
    expect(again.value[0]).toEqual({
      ...first,
      phase: "Long terme",
      start: "2022-03-01",
      end: "2023-12-31",
      progress: 40,
    });
    expect(again.value[1]).toEqual(read.value[1]);
    // The schedule sheet stays protected; only its input cells were written.
    expect(
      snapshot(fake.state).sheets.find((s) => s.name === SCHEDULE_SHEET)?.protection.protected
    ).toBe(true);
  });

  it("selects a cell, refreshes, and reports edits of the axis sheets", async () => {
    const { fake, service, host } = setup();
    await service.generate(plan, () => undefined);
    expect(await service.select("Axe II", 6, 18)).toEqual({ ok: true, value: undefined });
    expect(fake.state.selection?.rect).toEqual({ r0: 5, c0: 17, r1: 5, c1: 17 });
    expect(await service.refresh()).toEqual({
      ok: true,
      value: { sheets: model.sheets.length + 1 },
    });
    expect(fake.state.calculations).toBe(1);
    let calls = 0;
    const stop = await service.onEntriesChanged(() => calls++);
    await fake.userEdit("Axe I", a1(AXIS_FIRST_ROW, c.firstYear), [[3]]);
    expect(calls).toBe(1);
    // A regeneration replaces the axis sheets: the subscription follows them.
    expect((await service.generate(plan, () => undefined)).ok).toBe(true);
    await fake.userEdit("Axe I", a1(AXIS_FIRST_ROW, c.firstYear), [[5]]);
    expect(calls).toBe(2);
    // The handlers were registered with Excel by Microsoft's client, one per axis sheet; stopping
    // removes them in their own context, so that Excel forgets them too (defect 3).
    expect(host?.emulator.registeredEvents).toBeGreaterThan(0);
    stop();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await fake.userEdit("Axe I", a1(AXIS_FIRST_ROW, c.firstYear), [[4]]);
    expect(calls).toBe(2);
    for (let i = 0; i < 20 && host?.emulator.registeredEvents; i++)
      await new Promise((resolve) => setTimeout(resolve, 0));
    expect(host?.emulator.registeredEvents).toBe(0);
    expect(AXIS_HEADER_ROW).toBe(3);
  });
});

describe("a generation that fails at any round trip", () => {
  /** A fake whose user works in manual calculation, and the generation's requests on it. */
  async function manualWorkbook(failRequests: number[] = []) {
    const { fake, service, host } = setup({ failRequests });
    await fake.Excel.run(async (ctx) => {
      ctx.workbook.application.calculationMode = "Manual";
      await ctx.sync();
    });
    return { fake, service, host };
  }

  it("leaves the user's manual calculation as it was, whether it succeeds or fails", async () => {
    const plan = defaultPlan();
    const ok = await manualWorkbook();
    const before = ok.fake.stats.requests.length;
    expect((await ok.service.generate(plan, () => undefined)).ok).toBe(true);
    expect(snapshot(ok.fake.state).calculationMode).toBe("Manual");
    // Excel.run's last request only releases references: its failure is ignored by Office.js.
    const requests = (ok.host?.emulator.requests ?? []).filter((r) => !r.cleanup).length;
    expect(requests).toBeGreaterThan(3);
    const errors = captureConsoleError();
    try {
      for (let n = 1; n <= requests; n++) {
        const { fake, service } = await manualWorkbook([before + n]);
        const result = await service.generate(plan, () => undefined);
        // The failure is reported in French, and the user's calculation mode is back.
        expect({ n, ok: result.ok }).toEqual({ n, ok: false });
        if (!result.ok)
          expect(result.problems.map((m) => formatMessage(m)).join(" ")).toMatch(/[a-zé]/);
        expect({ n, mode: snapshot(fake.state).calculationMode }).toEqual({ n, mode: "Manual" });
      }
    } finally {
      errors.restore();
    }
  });
});
