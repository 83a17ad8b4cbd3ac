import { a1 } from "../../src/domain/workbook/grid";
import { axisLayout, planYears } from "../../src/domain/workbook/axisSheet";
import {
  SCHEDULE_COL,
  SCHEDULE_HEADER_ROW,
  SCHEDULE_SHEET,
} from "../../src/domain/workbook/recapSheets";
import { snapshot } from "../../src/fake-excel";
import { defaultPlan, modelOf, rowOfId, setup } from "./helpers";

/**
 * A formula a user types in an input cell is an entry like any other: the add-in's regeneration (and
 * « Figer le bilan », which regenerates) writes it back as the formula, not as its result, and a text
 * that merely starts with « = » stays a text.
 */
jest.setTimeout(180_000);

const plan = defaultPlan();
const model = modelOf(plan);
const c = axisLayout(planYears(plan)).col;
const id = plan.axes[0]?.objectives[0]?.actions[0]?.indicators[1]?.id ?? "";

function cellOf(fake: ReturnType<typeof setup>["fake"], sheet: string, row: number, col: number) {
  return snapshot(fake.state).sheets.find((s) => s.name === sheet)?.cells[row]?.[col] ?? null;
}

describe("formulas typed in input cells, in the add-in", () => {
  it.each(["latest", "ExcelApi 1.8"] as const)(
    "are kept as formulas by a regeneration and by freezing a bilan (%s)",
    async (profile) => {
      const { fake, service } = setup({}, {}, profile);
      expect((await service.generate(plan, () => undefined)).ok).toBe(true);
      const row = rowOfId(model, "Axe I", id);
      const year = c.firstYear + 1;
      await fake.userEdit("Axe I", a1(row, year), [["=3+4"]]);
      await fake.userEdit("Axe I", a1(row, c.comment), [["'=pas une formule"]]);
      const scheduleRow = SCHEDULE_HEADER_ROW + 1;
      await fake.userEdit(SCHEDULE_SHEET, a1(scheduleRow, SCHEDULE_COL.progress), [["=10*5"]]);

      const again = await service.generate(plan, () => undefined);
      expect(again.ok && again.value.keptEntries).toBeGreaterThanOrEqual(3);
      expect(cellOf(fake, "Axe I", row, year)?.formula).toBe("=3+4");
      expect(cellOf(fake, SCHEDULE_SHEET, scheduleRow, SCHEDULE_COL.progress)?.formula).toBe(
        "=10*5"
      );
      const comment = cellOf(fake, "Axe I", row, c.comment);
      expect(comment?.value).toBe("=pas une formule");
      expect(comment?.formula ?? "").not.toMatch(/^=pas/);

      expect((await service.freezeBilan(plan, 2022, false)).ok).toBe(true);
      expect(cellOf(fake, "Axe I", row, year)?.formula).toBe("=3+4");
    }
  );

  it.each(["generate", "freezeBilan"] as const)(
    "are kept by %s whenever a co-author types during it",
    async (workflow) => {
      const row = rowOfId(model, "Axe I", id);
      const year = c.firstYear + 1;
      const other = c.firstYear + 2;
      const prepare = async (beforeRequest?: (k: number) => void) => {
        const made = setup(beforeRequest ? { beforeRequest } : {});
        expect((await made.service.generate(plan, () => undefined)).ok).toBe(true);
        await made.fake.userEdit("Axe I", a1(row, year), [["=3+4"]]);
        return made;
      };
      const run = (made: Awaited<ReturnType<typeof prepare>>) =>
        workflow === "generate"
          ? made.service.generate(plan, () => undefined)
          : made.service.freezeBilan(plan, 2022, false);
      const probe = await prepare();
      const first = probe.fake.stats.requests.length;
      expect((await run(probe)).ok).toBe(true);
      const count = probe.fake.stats.requests.length - first;
      for (let n = 1; n <= count; n++) {
        let fake: ReturnType<typeof setup>["fake"] | null = null;
        let start = Number.POSITIVE_INFINITY;
        const made = await prepare((k) => {
          // Another person's Excel, between two of the add-in's requests.
          if (k === start + n && fake) void fake.userEdit("Axe I", a1(row, other), [[5]]);
        });
        fake = made.fake;
        start = made.fake.stats.requests.length;
        expect((await run(made)).ok).toBe(true);
        expect({ n, formula: cellOf(made.fake, "Axe I", row, year)?.formula }).toEqual({
          n,
          formula: "=3+4",
        });
        expect({ n, typed: cellOf(made.fake, "Axe I", row, other)?.value }).toEqual({
          n,
          typed: 5,
        });
      }
    }
  );
});
