import ExcelJS from "exceljs";
import { a1 } from "../../src/domain/workbook/grid";
import { formatMessage } from "../../src/domain/messages";
import { AXIS_FIRST_ROW, axisLayout, planYears } from "../../src/domain/workbook/axisSheet";
import { JOURNAL_SHEET } from "../../src/domain/workbook/logSheets";
import { snapshot } from "../../src/fake-excel";
import { readXlsx } from "../../src/xlsx/read";
import type { ReturnFile } from "../../src/app/port";
import { defaultPlan, modelOf, setup, rowOfId } from "./helpers";

jest.setTimeout(180_000);

const plan = defaultPlan();
const model = modelOf(plan);
const c = axisLayout(planYears(plan)).col;

const rowOf = (sheetName: string, id: string): number => rowOfId(model, sheetName, id);

/** The rows of the CAF's first action in Axe I (I.A.1 names the CAF among its partners). */
const cafId = plan.axes[0]?.objectives[0]?.actions[0]?.indicators[1]?.id ?? "";
const otherId = plan.axes[0]?.objectives[0]?.actions[0]?.indicators[2]?.id ?? "";

/** Fills a prepared file as a partner would (exceljs stands for Excel), by indicator id and year. */
async function fill(
  bytes: Uint8Array,
  values: Array<{ id: string; col: number; value: string | number | null }>,
  alter?: (wb: ExcelJS.Workbook) => void
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("Axe I");
  if (!ws) throw new Error("Axe I");
  for (const v of values) {
    let row = -1;
    ws.eachRow((r, n) => {
      if (r.getCell(1).value === v.id) row = n;
    });
    ws.getCell(row, v.col + 1).value = v.value;
  }
  alter?.(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("partners in the add-in", () => {
  it("prepares a partner's workbook with the open workbook's entries, to download or open", async () => {
    const { fake, service } = setup();
    expect((await service.generate(plan, () => undefined)).ok).toBe(true);
    await fake.userEdit("Axe I", a1(rowOf("Axe I", cafId), c.firstYear + 1), [[7]]);
    const prepared = await service.preparePartners(plan, ["CAF", "PMI"]);
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    expect(prepared.value.map((f) => f.fileName)).toEqual([
      `classeur-${plan.id}-caf.xlsx`,
      `classeur-${plan.id}-pmi.xlsx`,
    ]);
    const caf = prepared.value[0];
    expect(caf?.entries).toBe(1);
    const read = await readXlsx(Buffer.from(caf?.bytes ?? new Uint8Array()));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.workbook.meta.partner).toBe("CAF");
    expect(read.workbook.sheets.has("Écarts")).toBe(false);
    const axis = read.workbook.sheets.get("Axe I");
    const line = axis?.rows.find((r) => r[0] === cafId);
    expect(line?.[c.firstYear + 1]).toBe(7);

    expect(service.canOpenWorkbooks()).toBe(true);
    expect((await service.openPartnerFile(caf!)).ok).toBe(true);
    expect(fake.createdWorkbooks).toHaveLength(1);
    expect(
      Buffer.from(fake.createdWorkbooks[0] ?? "", "base64").equals(Buffer.from(caf!.bytes))
    ).toBe(true);
  });

  it("imports returns: previews conflicts, applies the choices, journals, refuses altered files", async () => {
    const { fake, service } = setup();
    expect((await service.generate(plan, () => undefined)).ok).toBe(true);
    const prepared = await service.preparePartners(plan, ["CAF"]);
    if (!prepared.ok) throw new Error("prepare");
    const blank = prepared.value[0]?.bytes ?? new Uint8Array();
    // Meanwhile the coordinator typed a value the partner will contradict.
    await fake.userEdit("Axe I", a1(rowOf("Axe I", cafId), c.firstYear), [[4]]);
    const good: ReturnFile = {
      name: "retour-caf.xlsx",
      bytes: await fill(blank, [
        { id: cafId, col: c.firstYear, value: 5 },
        { id: otherId, col: c.firstYear, value: "=1+1" },
        { id: otherId, col: c.comment, value: "Chiffres du bilan" },
      ]),
    };
    const altered: ReturnFile = {
      name: "retour-abime.xlsx",
      bytes: await fill(blank, [{ id: cafId, col: c.firstYear + 2, value: 9 }], (wb) => {
        const ws = wb.getWorksheet("Axe I");
        ws?.spliceRows(AXIS_FIRST_ROW + 2, 1);
      }),
    };
    const preview = await service.previewImport(plan, [good, altered]);
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    const [ok, refused] = preview.value.files;
    expect(ok).toMatchObject({ merged: true, added: 2, conflicts: 1 });
    expect(ok?.invalid.map((i) => formatMessage(i.problem)).join("\n")).toMatch(/=1\+1/);
    expect(refused?.merged).toBe(false);
    expect(refused?.problems.map((m) => formatMessage(m)).join(" ")).toMatch(
      /lignes insérées, supprimées ou déplacées/
    );
    expect(preview.value.conflicts).toHaveLength(1);
    const conflict = preview.value.conflicts[0]!;
    expect(conflict).toMatchObject({ key: cafId, masterValue: 4, returnedValue: 5 });
    // The preview writes nothing.
    const before = snapshot(fake.state).sheets.map((s) => s.name);
    expect(before).not.toContain(JOURNAL_SHEET);

    const applied = await service.applyImport(
      plan,
      [good, altered],
      new Map([[conflict.id, "return" as const]])
    );
    expect(applied.ok).toBe(true);
    if (!applied.ok) return;
    expect(applied.value.written).toBe(3);
    const snap = snapshot(fake.state);
    const axis = snap.sheets.find((s) => s.name === "Axe I");
    const cafRow = axis?.cells[rowOf("Axe I", cafId)];
    expect(cafRow?.[c.firstYear]?.value).toBe(5);
    const otherRow = axis?.cells[rowOf("Axe I", otherId)];
    // Text that looks like a formula stays text.
    expect(otherRow?.[c.firstYear]).toMatchObject({ value: "=1+1", formula: null });
    expect(otherRow?.[c.comment]?.value).toBe("Chiffres du bilan");
    const journal = snap.sheets.find((s) => s.name === JOURNAL_SHEET);
    const texts = (journal?.cells ?? []).flat().map((cell) => cell?.value);
    expect(texts).toContain("Conflit : valeur renvoyée retenue");
    expect(texts).toContain("Retour refusé");
    expect(texts).toContain(4); // the master's old value is kept in the journal
    expect(applied.value.journalRows).toBe(
      texts.filter((t) => t === "retour-caf.xlsx" || t === "retour-abime.xlsx").length
    );
  });

  it("takes a partner's correction of a value it was sent, and offers a choice for a value it cleared", async () => {
    const { fake, service } = setup();
    expect((await service.generate(plan, () => undefined)).ok).toBe(true);
    await fake.userEdit("Axe I", a1(rowOf("Axe I", cafId), c.firstYear), [[10]]);
    await fake.userEdit("Axe I", a1(rowOf("Axe I", otherId), c.comment), [["à revoir"]]);
    const prepared = await service.preparePartners(plan, ["CAF"]);
    if (!prepared.ok) throw new Error("prepare");
    const sent = prepared.value[0]?.bytes ?? new Uint8Array();
    const back: ReturnFile = {
      name: "retour-caf.xlsx",
      bytes: await fill(sent, [
        { id: cafId, col: c.firstYear, value: 11 },
        { id: otherId, col: c.comment, value: null },
      ]),
    };
    const preview = await service.previewImport(plan, [back]);
    if (!preview.ok) throw new Error("preview");
    expect(preview.value.files[0]).toMatchObject({
      merged: true,
      baseRecorded: true,
      updated: 1,
      cleared: 1,
      conflicts: 0,
    });
    expect(preview.value.conflicts).toEqual([
      expect.objectContaining({
        key: otherId,
        kind: "cleared",
        sentValue: "à revoir",
        masterValue: "à revoir",
        returnedValue: null,
      }),
    ]);
    const applied = await service.applyImport(plan, [back], new Map());
    if (!applied.ok) throw new Error("apply");
    const axis = snapshot(fake.state).sheets.find((s) => s.name === "Axe I");
    expect(axis?.cells[rowOf("Axe I", cafId)]?.[c.firstYear]?.value).toBe(11);
    // Cleared by the partner, kept unless chosen: nothing typed in the master is lost by default.
    expect(axis?.cells[rowOf("Axe I", otherId)]?.[c.comment]?.value).toBe("à revoir");
  });

  it("keeps what a co-author types at any moment of an import, with what the import brings", async () => {
    const cafRow = rowOf("Axe I", cafId);
    const otherRow = rowOf("Axe I", otherId);
    const prepare = async (beforeRequest?: (k: number) => void) => {
      const made = setup(beforeRequest ? { beforeRequest } : {});
      expect((await made.service.generate(plan, () => undefined)).ok).toBe(true);
      const prepared = await made.service.preparePartners(plan, ["CAF"]);
      if (!prepared.ok) throw new Error("prepare");
      const bytes = await fill(prepared.value[0]?.bytes ?? new Uint8Array(), [
        { id: cafId, col: c.firstYear, value: 5 },
      ]);
      return { ...made, file: { name: "retour-caf.xlsx", bytes } };
    };
    const probe = await prepare();
    const first = probe.fake.stats.requests.length;
    expect((await probe.service.applyImport(plan, [probe.file], new Map())).ok).toBe(true);
    const count = probe.fake.stats.requests.length - first;
    for (let n = 1; n <= count; n++) {
      let fake: ReturnType<typeof setup>["fake"] | null = null;
      let start = Number.POSITIVE_INFINITY;
      const made = await prepare((k) => {
        // Another person's Excel, between two of the add-in's requests.
        if (k === start + n && fake)
          void fake.userEdit("Axe I", a1(otherRow, c.firstYear + 3), [[8]]);
      });
      fake = made.fake;
      start = made.fake.stats.requests.length;
      const result = await made.service.applyImport(plan, [made.file], new Map());
      expect(result.ok && result.value.written).toBe(1);
      const axis = snapshot(made.fake.state).sheets.find((s) => s.name === "Axe I");
      expect({
        n,
        imported: axis?.cells[cafRow]?.[c.firstYear]?.value,
        typed: axis?.cells[otherRow]?.[c.firstYear + 3]?.value,
      }).toEqual({ n, imported: 5, typed: 8 });
    }
  });

  it("says so when the open workbook is not a CTG workbook", async () => {
    const { service } = setup();
    const preview = await service.previewImport(plan, []);
    expect(preview.ok).toBe(false);
    if (!preview.ok) expect(preview.problems[0]?.code).toBe("office.not_ctg");
  });
});
