import { openStored, planOfStored, type StoredWorkbook } from "../../src/app/workbooks";
import { regenerate } from "../../src/app/regenerate";
import { importReturns } from "../../src/app/returns";
import type { Plan } from "../../src/domain/plan/schema";
import { buildWorkbook } from "../../src/domain/workbook/build";
import { metaEntries, type StoredMeta } from "../../src/domain/workbook/meta";
import type { WorkbookModel } from "../../src/domain/workbook/model";
import { writeXlsx } from "../../src/xlsx/write";
import { GEN, gridOf, locate, SMALL_REFS, smallPlan, typeAt } from "../partners/helpers";

/**
 * The workflows the command line and the add-in share (src/app/): one rule for the plan a workbook
 * was built from, one state read, one import of returns. Stored workbooks are made from the model
 * (the readers' own tests prove that files read back the same).
 */

const OPENING = { generatorVersion: "test", on: "2026-11-29" };
const MOMENT = { at: "2026-11-29T14:03", on: "2026-11-29" };

function stored(
  model: WorkbookModel,
  withPlan = true
): StoredWorkbook & { sheets: ReturnType<typeof gridOf> } {
  const meta = Object.fromEntries(metaEntries(model.meta)) as StoredMeta;
  return { meta, planJson: withPlan ? model.planJson : null, sheets: gridOf(model) };
}

const plan = smallPlan(SMALL_REFS);
const nextVersion: Plan = { ...plan, version: `${plan.version}-bis` };

describe("the plan of a stored workbook: one rule for the command line and the add-in", () => {
  test("the plan stored in the workbook wins over any other", () => {
    const wb = stored(buildWorkbook(plan, GEN));
    const other = smallPlan(["I.A.1"]);
    expect(planOfStored(wb, other)).toEqual(plan);
  });

  test("the fallback is not even loaded when the workbook holds its plan", () => {
    const wb = stored(buildWorkbook(plan, GEN));
    const fallback = jest.fn(() => nextVersion);
    expect(planOfStored(wb, fallback)).toEqual(plan);
    expect(fallback).not.toHaveBeenCalled();
  });

  test("without a stored plan, a fallback of the same id and version is taken", () => {
    const wb = stored(buildWorkbook(plan, GEN), false);
    expect(planOfStored(wb, plan)).toEqual(plan);
  });

  test("without a stored plan, another version or another plan is refused: it would misread entries", () => {
    const wb = stored(buildWorkbook(plan, GEN), false);
    expect(planOfStored(wb, nextVersion)).toBeNull();
    expect(planOfStored(wb, { ...plan, id: "autre-plan" })).toBeNull();
    expect(planOfStored(wb, null)).toBeNull();
    const opened = openStored(wb, nextVersion, OPENING);
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.problems.map((p) => p.code)).toEqual(["merge.no_plan"]);
  });

  test("a partner's workbook without its plan takes the fallback restricted to the partner's actions", () => {
    const model = buildWorkbook(plan, { ...GEN, partner: "CAF" });
    const wb = stored(model, false);
    const found = planOfStored(wb, plan);
    expect(found).not.toBeNull();
    expect(JSON.stringify(found)).toBe(model.planJson);
  });
});

describe("opening, regenerating and importing", () => {
  test("an entry typed in a stored workbook is read, then kept by a regeneration to a new version", () => {
    const model = buildWorkbook(plan, GEN);
    const wb = stored(model);
    const id = "I.A.1-RES-1";
    const at = locate(wb.sheets, "Axe I", id, "2023");
    expect(at).not.toBeNull();
    typeAt(wb.sheets, "Axe I", at?.r ?? 0, at?.c ?? 0, 17);
    const opened = openStored(wb, null, OPENING);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.state.entries).toContainEqual(
      expect.objectContaining({ key: id, column: "2023", value: 17 })
    );
    const made = regenerate(opened.value, nextVersion, OPENING);
    expect(made.regenerated).toBe(true);
    expect(made.placed).toContainEqual(
      expect.objectContaining({ key: id, column: "2023", value: 17 })
    );
    expect(made.archived).toEqual([]);
    expect(made.newRows).toBe(0);
    expect(made.model.meta.planVersion).toBe(nextVersion.version);
  });

  test("a new workbook: nothing kept, every row new", () => {
    const made = regenerate(null, plan, OPENING);
    expect(made.regenerated).toBe(false);
    expect(made.placed).toEqual([]);
    expect(made.newRows).toBe(made.rows);
    expect(made.rows).toBeGreaterThan(0);
  });

  test("importing a partner's return: { merged, rebuilt, journal }; a file that is not a workbook is refused, never thrown", async () => {
    const master = openStored(stored(buildWorkbook(plan, GEN)), null, OPENING);
    expect(master.ok).toBe(true);
    if (!master.ok) return;
    const caf = stored(buildWorkbook(plan, { ...GEN, partner: "CAF" }));
    const cafRow = [...caf.sheets.values()]
      .filter((s) => /^Axe /.test(s.name))
      .flatMap((s) => {
        const at = locate(caf.sheets, s.name, "I.A.1-RES-1", "2023");
        return at ? [{ sheet: s.name, ...at }] : [];
      })[0];
    expect(cafRow).toBeDefined();
    if (!cafRow) return;
    typeAt(caf.sheets, cafRow.sheet, cafRow.r, cafRow.c, 42);
    const imported = await importReturns(
      master.value,
      [
        { name: "retour-caf.xlsx", workbook: caf },
        { name: "notes.xlsx", bytes: new Uint8Array([1, 2, 3]) },
      ],
      { moment: MOMENT, generatorVersion: "test" }
    );
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    const { merged, rebuilt, journal, unreadable } = imported.value;
    expect(merged.returns.map((r) => [r.file, r.merged, r.added])).toEqual([
      ["retour-caf.xlsx", true, 1],
    ]);
    expect(unreadable.map((r) => [r.file, r.merged, r.problems[0]?.code])).toEqual([
      ["notes.xlsx", false, "check.unusable"],
    ]);
    expect(rebuilt.placed).toContainEqual(
      expect.objectContaining({ key: "I.A.1-RES-1", column: "2023", value: 42 })
    );
    // One row per change and one per file (merged or refused).
    expect(journal.length).toBeGreaterThanOrEqual(3);
    expect(journal.some((j) => j.file === "notes.xlsx")).toBe(true);
    // The rebuilt master is a real workbook.
    expect((await writeXlsx(rebuilt.model)).byteLength).toBeGreaterThan(1000);
  });

  test("a partner's workbook takes no returns", async () => {
    const partner = openStored(
      stored(buildWorkbook(plan, { ...GEN, partner: "CAF" })),
      null,
      OPENING
    );
    expect(partner.ok).toBe(true);
    if (!partner.ok) return;
    const imported = await importReturns(partner.value, [], {
      moment: MOMENT,
      generatorVersion: "test",
    });
    expect(imported.ok).toBe(false);
    if (!imported.ok) expect(imported.problems.map((p) => p.code)).toEqual(["merge.not_master"]);
  });
});
