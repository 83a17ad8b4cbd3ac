/**
 * A return nobody edited imports with no conflict (issue 14): a start date saved from the Échéancier
 * pane is an Excel serial in the open workbook and an ISO date in the prepared file read back; both
 * are the same date, and a number is the same number whether typed as a number or as text.
 */
import type { ReturnFile } from "../../src/app/port";
import { defaultPlan, setup } from "./helpers";

jest.setTimeout(180_000);

const plan = defaultPlan();

describe("a partner's return sent back unchanged", () => {
  it("gives 0 conflicts after dates were saved from the Échéancier", async () => {
    const { service } = setup();
    expect((await service.generate(plan, () => undefined)).ok).toBe(true);
    const schedule = await service.readSchedule();
    if (!schedule.ok) throw new Error("schedule");
    const rows = schedule.value.map((r, i) =>
      i % 2 === 0 ? { ...r, start: "2024-03-15", end: "2025-06-30", progress: 40 } : r
    );
    expect((await service.writeSchedule(rows)).ok).toBe(true);
    const prepared = await service.preparePartners(plan, ["CAF"]);
    if (!prepared.ok) throw new Error("prepare");
    const file = prepared.value[0];
    if (!file) throw new Error("no file");
    const back: ReturnFile = { name: file.fileName, bytes: file.bytes };
    const preview = await service.previewImport(plan, [back]);
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(
      preview.value.conflicts.map((c) => [c.key, c.column, c.masterValue, c.returnedValue])
    ).toEqual([]);
    expect(preview.value.files[0]).toMatchObject({
      merged: true,
      conflicts: 0,
      added: 0,
      updated: 0,
      cleared: 0,
    });
    expect(preview.value.files[0]?.same).toBeGreaterThan(0);
  });
});
