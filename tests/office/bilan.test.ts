import mammoth from "mammoth";
import { a1 } from "../../src/domain/workbook/grid";
import { formatMessage } from "../../src/domain/messages";
import { axisLayout, planYears } from "../../src/domain/workbook/axisSheet";
import { snapshot } from "../../src/fake-excel";
import { defaultPlan, modelOf, NOW, setup, rowOfId } from "./helpers";

/**
 * The task pane's « Figer le bilan » and « Bilan (Word / HTML) » through Microsoft's Office.js client
 * on the emulated host: the frozen sheet is written, protected and kept; the document is made from the
 * open workbook and compared with the latest earlier frozen bilan.
 */
jest.setTimeout(180_000);

const plan = defaultPlan();
const model = modelOf(plan);
const c = axisLayout(planYears(plan)).col;
const firstId = plan.axes[0]?.objectives[0]?.actions[0]?.indicators[1]?.id ?? "";

const rowOf = (sheetName: string, id: string): number => rowOfId(model, sheetName, id);

const text = (cell: { value?: unknown } | null | undefined): string =>
  cell && cell.value !== undefined && cell.value !== null ? String(cell.value) : "";

describe("the bilan in the add-in", () => {
  it("freezes a year's bilan in a protected sheet, refuses the same year unless replaced, keeps entries", async () => {
    // The replacement is made a week later: the bilan replaced is the one of NOW.
    let today = NOW;
    const { fake, service } = setup({}, { now: () => today });
    expect((await service.generate(plan, () => undefined)).ok).toBe(true);
    const row = rowOf("Axe I", firstId);
    const col2022 = c.firstYear + (2022 - plan.years.start);
    await fake.userEdit("Axe I", a1(row, col2022), [[7]]);

    const frozen = await service.freezeBilan(plan, 2022, false);
    expect(frozen.ok).toBe(true);
    if (!frozen.ok) return;
    expect(frozen.value).toMatchObject({
      year: 2022,
      sheet: "Bilan 2022",
      takenOn: NOW.toISOString().slice(0, 10),
      entered: 1,
      replacedOn: null,
    });
    expect(frozen.value.targets).toBeGreaterThan(100);
    const sheets = snapshot(fake.state).sheets;
    const bilan = sheets.find((s) => s.name === "Bilan 2022");
    expect(bilan?.protection.protected).toBe(true);
    // The frozen sheet holds the value typed, as a value (not a formula).
    const line = bilan?.cells.find((r) => r.some((cell) => text(cell) === firstId));
    expect(line?.some((cell) => cell?.value === 7 && !cell.formula?.startsWith("="))).toBe(true);
    // The entry is still in its axis sheet.
    const axis = sheets.find((s) => s.name === "Axe I");
    expect(axis?.cells[row]?.[col2022]?.value).toBe(7);

    const again = await service.freezeBilan(plan, 2022, false);
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.problems.map((m) => m.code)).toEqual(["snapshot.exists"]);
    expect(formatMessage(again.problems[0]!)).toMatch(/Remplacer le bilan déjà figé/);

    await fake.userEdit("Axe I", a1(row, col2022), [[9]]);
    today = new Date(NOW.getTime() + 7 * 24 * 3600 * 1000);
    const replaced = await service.freezeBilan(plan, 2022, true);
    expect(replaced.ok && [replaced.value.replacedOn, replaced.value.takenOn]).toEqual([
      NOW.toISOString().slice(0, 10),
      today.toISOString().slice(0, 10),
    ]);
    const after = snapshot(fake.state).sheets;
    expect(after.filter((s) => s.name === "Bilan 2022")).toHaveLength(1);
    const newLine = after
      .find((s) => s.name === "Bilan 2022")
      ?.cells.find((r) => r.some((cell) => text(cell) === firstId));
    expect(newLine?.some((cell) => cell?.value === 9)).toBe(true);

    const outside = await service.freezeBilan(plan, plan.years.end + 1, false);
    expect(!outside.ok && outside.problems.map((m) => m.code)).toEqual(["snapshot.year_outside"]);
  });

  it("makes the bilan document (Word read back, HTML) compared with the earlier frozen bilan", async () => {
    const { fake, service } = setup();
    expect((await service.generate(plan, () => undefined)).ok).toBe(true);
    const alone = await service.makeBilan(plan, 2023, "html");
    expect(alone.ok && alone.value.comparedWith).toBeNull();

    const row = rowOf("Axe I", firstId);
    await fake.userEdit("Axe I", a1(row, c.firstYear + (2022 - plan.years.start)), [[3]]);
    expect((await service.freezeBilan(plan, 2022, false)).ok).toBe(true);
    await fake.userEdit("Axe I", a1(row, c.firstYear + (2023 - plan.years.start)), [[8]]);

    const word = await service.makeBilan(plan, 2023, "docx");
    expect(word.ok).toBe(true);
    if (!word.ok) return;
    expect(word.value).toMatchObject({
      year: 2023,
      format: "docx",
      fileName: `bilan-${plan.id}-2023.docx`,
      axes: plan.axes.length,
      comparedWith: { year: 2022, takenOn: NOW.toISOString().slice(0, 10) },
    });
    expect(word.value.mimeType).toMatch(/wordprocessingml/);
    const read = (await mammoth.extractRawText({ buffer: Buffer.from(word.value.bytes) })).value;
    expect(read).toContain("Bilan 2023");
    for (const axis of plan.axes) expect(read).toContain(axis.title);
    expect(read).toContain("comparées au bilan 2022 figé le 15/06/2023");

    const html = await service.makeBilan(plan, 2023, "html");
    expect(html.ok).toBe(true);
    if (!html.ok) return;
    const page = new TextDecoder().decode(html.value.bytes);
    expect(page).toMatch(/^<!DOCTYPE html>/i);
    expect(page).toContain("Bilan 2023");
    expect(page).toContain("<svg");
    // Making the document writes nothing in the workbook.
    expect(snapshot(fake.state).sheets.some((s) => s.name === "Bilan 2023")).toBe(false);
  });

  it("refuses a workbook without a CTG in French", async () => {
    const { service } = setup();
    const made = await service.makeBilan(plan, 2023, "docx");
    expect(!made.ok && made.problems.map((m) => m.code)).toEqual(["office.not_ctg"]);
    expect(!made.ok && formatMessage(made.problems[0]!)).toMatch(/classeur CTG/);
    const frozen = await service.freezeBilan(plan, 2023, false);
    expect(!frozen.ok && frozen.problems.map((m) => m.code)).toEqual(["office.not_ctg"]);
  });
});
