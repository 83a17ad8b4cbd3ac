/**
 * A regeneration that cannot break a workbook (issue 10), through Microsoft's Office.js client:
 * the old CTG sheets are put aside until the new ones are written; a failure at any round trip
 * leaves the workbook as it was; an interrupted one is put back by the next workflow; a value a
 * co-author types meanwhile is kept; the user's own formulas keep pointing at the CTG sheets.
 */
import { AXIS_FIRST_ROW, axisLayout, planYears } from "../../src/domain/workbook/axisSheet";
import { a1 } from "../../src/domain/workbook/grid";
import type { FakeExcel } from "../../src/fake-excel";
import { cellKey } from "../../src/fake-excel/state";
import { formatMessage } from "../../src/domain/messages";
import { captureConsoleError, defaultPlan, modelOf, setup } from "./helpers";

jest.setTimeout(300_000);

const plan = defaultPlan();
const model = modelOf(plan);
const c = axisLayout(planYears(plan)).col;
const axis = model.sheets.find((s) => s.name === "Axe I");
const ids = (axis?.cells ?? [])
  .map((line, r) => ({ r, v: line[0]?.value }))
  .filter((x) => x.r >= AXIS_FIRST_ROW && x.v?.kind === "text" && /-(REA|RES|IMP)-/.test(x.v.text))
  .map((x) => x.r);
const ROW_A = ids[0] ?? AXIS_FIRST_ROW;
const ROW_B = ids[1] ?? AXIS_FIRST_ROW + 1;

function liveSheet(fake: FakeExcel, name: string) {
  return fake.state.sheets.find((s) => !s.deleted && s.name === name);
}

/** What the user sees of a cell: its formula, or its constant. */
function cell(fake: FakeExcel, sheet: string, row: number, col: number): unknown {
  const state = liveSheet(fake, sheet)?.cells.get(cellKey(row, col));
  return state?.formula ?? state?.value ?? null;
}

/**
 * A generated workbook with two entries, a text that looks like a formula, and a sheet of the
 * user's whose formula reads an entry of Axe I.
 */
async function filledWorkbook(options: Parameters<typeof setup>[0] = {}) {
  const made = setup(options);
  const { fake, service } = made;
  const ok = await service.generate(plan, () => undefined);
  if (!ok.ok) throw new Error("generate");
  await fake.userEdit("Axe I", a1(ROW_A, c.firstYear), [[12]]);
  await fake.userEdit("Axe I", a1(ROW_B, c.comment), [["Bilan à revoir"]]);
  await fake.Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.add("Mon suivi");
    ws.getRange("A1").formulas = [[`='Axe I'!${a1(ROW_A, c.firstYear)}*2`]];
    await ctx.sync();
  });
  return made;
}

function expectEntriesKept(fake: FakeExcel, n = 0): void {
  expect({ n, entry: cell(fake, "Axe I", ROW_A, c.firstYear) }).toEqual({ n, entry: 12 });
  expect({ n, comment: cell(fake, "Axe I", ROW_B, c.comment) }).toEqual({
    n,
    comment: "Bilan à revoir",
  });
  expect({ n, formula: cell(fake, "Mon suivi", 0, 0) }).toEqual({
    n,
    formula: `='Axe I'!${a1(ROW_A, c.firstYear)}*2`,
  });
  const names = fake.state.sheets.filter((s) => !s.deleted).map((s) => s.name);
  expect(names.filter((n) => n.startsWith("~"))).toEqual([]);
  for (const s of model.sheets) expect(names).toContain(s.name);
}

it("the cell helper reads the fake's cells", async () => {
  const { fake } = await filledWorkbook();
  expect(cell(fake, "Axe I", ROW_A, c.firstYear)).toBe(12);
});

it("keeps the user's formulas on the CTG sheets valid through a regeneration (no #REF!)", async () => {
  const { fake, service } = await filledWorkbook();
  const again = await service.generate(plan, () => undefined);
  expect(again.ok).toBe(true);
  expectEntriesKept(fake);
});

it("a regeneration that fails at any round trip leaves the workbook as it was, entries included", async () => {
  // The requests of a regeneration that succeeds.
  const probe = await filledWorkbook();
  const before = probe.fake.stats.requests.length;
  const firstReal = probe.host?.emulator.requests.length ?? 0;
  expect((await probe.service.generate(plan, () => undefined)).ok).toBe(true);
  const own = (probe.host?.emulator.requests ?? []).slice(firstReal).filter((r) => !r.cleanup);
  expect(own.length).toBeGreaterThan(3);
  const errors = captureConsoleError();
  try {
    for (let n = 1; n <= own.length; n++) {
      const { fake, service } = await filledWorkbook({ failRequests: [before + n] });
      expect(fake.stats.requests.length).toBe(before);
      const result = await service.generate(plan, () => undefined);
      expect({ n, ok: result.ok }).toEqual({ n, ok: false });
      expectEntriesKept(fake, n);
    }
  } finally {
    errors.restore();
  }
});

it("an interrupted regeneration that could not undo itself is put back by the next workflow", async () => {
  const probe = await filledWorkbook();
  const before = probe.fake.stats.requests.length;
  const firstReal = probe.host?.emulator.requests.length ?? 0;
  expect((await probe.service.generate(plan, () => undefined)).ok).toBe(true);
  const own = (probe.host?.emulator.requests ?? []).slice(firstReal).filter((r) => !r.cleanup);
  // The last request (which deletes the old sheets) fails, and so does every request of the undoing.
  const failing = Array.from({ length: 8 }, (_, i) => before + own.length + i);
  const { fake, service } = await filledWorkbook({ failRequests: failing });
  const errors = captureConsoleError();
  try {
    expect((await service.generate(plan, () => undefined)).ok).toBe(false);
    // Excel closed meanwhile: the requests that were to fail are spent elsewhere.
    while (fake.stats.requests.length < before + own.length + failing.length)
      await fake.Excel.run(async (ctx) => {
        ctx.workbook.application.load("calculationMode");
        await ctx.sync();
      }).catch(() => undefined);
  } finally {
    errors.restore();
  }
  const names = fake.state.sheets.filter((s) => !s.deleted).map((s) => s.name);
  expect(names).toContain("~Axe I");
  // The next workflow puts them back before it reads anything.
  const checked = await service.check();
  expect(checked.ok).toBe(true);
  if (checked.ok) expect(checked.value.summary.entries).toBeGreaterThanOrEqual(1);
  expect(cell(fake, "Axe I", ROW_A, c.firstYear)).toBe(12);
  expect(liveSheet(fake, "CTG_meta")?.visibility).toBe("VeryHidden");
  // And a regeneration then works.
  expect((await service.generate(plan, () => undefined)).ok).toBe(true);
  expectEntriesKept(fake);
});

it("keeps what a co-author types into Axe I at any moment of a regeneration", async () => {
  const probe = await filledWorkbook();
  const before = probe.fake.stats.requests.length;
  const firstReal = probe.host?.emulator.requests.length ?? 0;
  expect((await probe.service.generate(plan, () => undefined)).ok).toBe(true);
  const count = (probe.host?.emulator.requests ?? []).slice(firstReal).length;
  for (let n = 1; n <= count; n++) {
    let fake: FakeExcel | null = null;
    const typed = a1(ROW_B, c.firstYear + 1);
    const made = await filledWorkbook({
      beforeRequest: (k) => {
        // Another person's Excel, between two of the add-in's requests.
        if (k === before + n && fake) void fake.userEdit("Axe I", typed, [[7]]);
      },
    });
    fake = made.fake;
    expect((await made.service.generate(plan, () => undefined)).ok).toBe(true);
    expect({ n, value: cell(fake, "Axe I", ROW_B, c.firstYear + 1) }).toEqual({ n, value: 7 });
    expectEntriesKept(fake);
  }
});

it("refuses to regenerate over a sheet of the user's named « Archives », and leaves it as it is", async () => {
  const { fake, service } = await filledWorkbook();
  await fake.Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.add("Archives");
    ws.getRange("A1:B1").values = [["Mes archives à moi", 42]];
    await ctx.sync();
  });
  const result = await service.generate(plan, () => undefined);
  expect(result.ok).toBe(false);
  if (!result.ok)
    expect(result.problems.map((m) => formatMessage(m)).join(" ")).toMatch(
      /« Archives » de ce classeur n'est pas celui que le classeur CTG y tient/
    );
  expect(cell(fake, "Archives", 0, 0)).toBe("Mes archives à moi");
  expectEntriesKept(fake);
});
