import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { STATUSES, type RawEntry } from "../../src/domain/engine/types";
import { checkSheets } from "../../src/app/check";
import { axisRows, axisSheetName } from "../../src/domain/workbook/axisSheet";
import { buildWorkbook } from "../../src/domain/workbook/build";
import {
  DASHBOARD_ACTION_COL,
  DASHBOARD_COL,
  DASHBOARD_SHEET,
  dashboardLayout,
} from "../../src/domain/workbook/dashboardSheet";
import { STATUS_TEXT } from "../../src/domain/workbook/labels";
import {
  SCHEDULE_COL,
  SCHEDULE_HEADER_ROW,
  SCHEDULE_SHEET,
} from "../../src/domain/workbook/recapSheets";
import type { SnapshotSummary } from "../../src/domain/workbook/snapshotSummary";
import { isoToSerial } from "../../src/domain/workbook/units";
import { readXlsx } from "../../src/xlsx/read";
import { writeXlsx } from "../../src/xlsx/write";
import { fillSample } from "../../tools/sampleFill";
import { seedPlan as plan } from "../partners/helpers";
import { recalculateWithLibreOffice, requireSoffice, tempDir } from "../support/libreoffice";

/**
 * The Tableau de bord's formulas, recalculated by LibreOffice on a filled workbook evaluated on
 * 30/06/2023, give the counts the engine gives for the same entries (`ctg check`): targets per
 * status (overall and per year), entries made and expected, the reporting rates, the actions of the
 * Échéancier not planned, not started or late, and the change since a frozen bilan.
 */

jest.setTimeout(600_000);

const EVALUATION = "2023-06-30";
const snapshot: SnapshotSummary = {
  year: 2022,
  takenOn: "2023-01-15",
  byAxis: { I: { atteint: 2, a_renseigner: 100 }, "": { atteint: 5, non_atteint: 1 } },
  reportingRate: { I: 0.1, "": 0.2 },
};

const blank = (v: RawEntry): boolean => v === null || v === undefined || String(v).trim() === "";
const serial = (v: RawEntry): number | null =>
  typeof v === "number"
    ? v
    : typeof v === "string" && /^\d{4}-\d\d-\d\d/.test(v)
      ? isoToSerial(v.slice(0, 10))
      : null;

describe("the Tableau de bord recalculated by LibreOffice", () => {
  const dir = tempDir("ctg-dashboard-");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("counts what the engine counts", async () => {
    requireSoffice();
    const model = buildWorkbook(plan, {
      generatorVersion: "test",
      generatedOn: "2026-12-06",
      lastSnapshot: snapshot,
    });
    const filled = await fillSample(await writeXlsx(model), {
      seed: 13,
      density: 0.6,
      badShare: 0.15,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(filled as unknown as ArrayBuffer);
    wb.getWorksheet("Paramètres")!.getCell("B3").value = new Date(Date.UTC(2023, 5, 30));
    const input = join(dir, "rempli.xlsx");
    writeFileSync(input, Buffer.from(await wb.xlsx.writeBuffer()));
    const out = await recalculateWithLibreOffice(input, { outDir: join(dir, "out") });
    const read = await readXlsx(readFileSync(out));
    if (!read.ok) throw new Error("unreadable");
    const sheets = read.workbook.sheets;
    const dash = sheets.get(DASHBOARD_SHEET)!.rows;
    const at = (r: number, c: number): RawEntry => dash[r]?.[c] ?? null;
    const check = checkSheets(sheets, new Date());
    if (!check.ok) throw new Error("check failed");
    const rows = check.report.indicators;
    expect(check.report.summary.evaluationYear).toBe(2023);

    const layout = dashboardLayout(plan);
    const C = DASHBOARD_COL;
    const years = [2021, 2022, 2023, 2024, 2025];
    const sums = { made: 0, expected: 0 };
    plan.axes.forEach((axis, i) => {
      const mine = rows.filter((r) => r.sheet === axisSheetName(axis));
      expect(mine).toHaveLength(axisRows(axis).length);
      // Overall statuses per axis.
      const r = layout.byAxis + 2 + i;
      STATUSES.forEach((st, k) =>
        expect([axis.id, st, at(r, C.firstStatus + k)]).toEqual([
          axis.id,
          st,
          mine.filter((x) => x.statusCode === st).length,
        ])
      );
      // Per year: statuses, entries made and expected.
      let made = 0;
      let expected = 0;
      years.forEach((y, j) => {
        const yr = layout.axisYears[i]! + 2 + j;
        STATUSES.forEach((st, k) =>
          expect([axis.id, y, st, at(yr, C.firstStatus + k)]).toEqual([
            axis.id,
            y,
            st,
            mine.filter((x) => x.years[String(y)]?.status === STATUS_TEXT[st]).length,
          ])
        );
        const m = mine.filter((x) => !blank(x.years[String(y)]?.raw)).length;
        expect([axis.id, y, at(yr, C.made)]).toEqual([axis.id, y, m]);
        const e = y <= 2023 ? mine.length : 0;
        expect(at(yr, C.expected)).toBe(e);
        expect(at(yr, C.rate) as number).toBeCloseTo(m / mine.length, 9);
        expect(at(layout.rates + 2 + j, 1 + i) as number).toBeCloseTo(m / mine.length, 9);
        if (e > 0) made += m;
        expected += e;
      });
      expect(at(r, C.made)).toBe(made);
      expect(at(r, C.expected)).toBe(expected);
      expect(at(r, C.rate) as number).toBeCloseTo(made / expected, 9);
      sums.made += made;
      sums.expected += expected;
    });
    const total = layout.byAxis + 2 + plan.axes.length;
    STATUSES.forEach((st, k) =>
      expect(at(total, C.firstStatus + k)).toBe(check.report.summary.byStatus[st])
    );
    expect(at(total, C.rate) as number).toBeCloseTo(sums.made / sums.expected, 9);

    // The change since the bilan: live minus the bilan's figures, blank where the bilan has none.
    const snap = layout.snapshot + 3;
    expect(at(snap, C.firstStatus)).toBe((at(layout.byAxis + 2, C.firstStatus) as number) - 2);
    expect(at(snap, C.firstStatus + 3)).toBe(
      (at(layout.byAxis + 2, C.firstStatus + 3) as number) - 100
    );
    expect(at(snap, C.firstStatus + 1)).toBe(at(layout.byAxis + 2, C.firstStatus + 1));
    // The reporting rate is not compared (the bilan holds its own year's entries only).
    expect(at(snap, C.rate)).toBeNull();
    expect(at(snap + 1, C.firstStatus)).toBeNull(); // Axe II: not in the bilan
    const snapTotal = snap + plan.axes.length;
    expect(at(snapTotal, C.firstStatus)).toBe(check.report.summary.byStatus.atteint - 5);
    expect(at(snapTotal, C.rate)).toBeNull();

    // Actions: not planned (no start), not started (no progress or 0 %), late (end passed, < 100 %).
    const schedule = sheets.get(SCHEDULE_SHEET)!.rows;
    const today = isoToSerial(EVALUATION);
    let first = SCHEDULE_HEADER_ROW + 1;
    let lateSeen = 0;
    plan.axes.forEach((axis, i) => {
      const n = axis.objectives.reduce((k, o) => k + o.actions.length, 0);
      const actions = schedule.slice(first, first + n);
      first += n;
      const progress = (row: readonly RawEntry[]) => row[SCHEDULE_COL.progress];
      const expected = {
        unplanned: actions.filter((row) => serial(row[SCHEDULE_COL.start] ?? null) === null).length,
        notStarted: actions.filter((row) => blank(progress(row)) || progress(row) === 0).length,
        late: actions.filter((row) => {
          const end = serial(row[SCHEDULE_COL.end] ?? null);
          return end !== null && end < today && Number(progress(row) ?? 0) < 1;
        }).length,
      };
      lateSeen += expected.late;
      const r = layout.actions + 2 + i;
      expect([
        axis.id,
        at(r, DASHBOARD_ACTION_COL.unplanned),
        at(r, DASHBOARD_ACTION_COL.notStarted),
        at(r, DASHBOARD_ACTION_COL.late),
        at(r, DASHBOARD_ACTION_COL.total),
      ]).toEqual([axis.id, expected.unplanned, expected.notStarted, expected.late, n]);
    });
    // The sample plans some actions in the short term (ended by 30/06/2023 for 2021-2022 phases).
    expect(lateSeen).toBeGreaterThan(0);
  });
});
