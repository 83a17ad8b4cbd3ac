import { verifyReturn } from "../../src/domain/merge/verify";
import { partnerDirectory } from "../../src/domain/plan/partners";
import { buildWorkbook } from "../../src/domain/workbook/build";
import { DASHBOARD_SHEET, dashboardLayout } from "../../src/domain/workbook/dashboardSheet";
import { META_SCHEMA, type StoredMeta } from "../../src/domain/workbook/meta";
import type { SheetModel, WorkbookModel } from "../../src/domain/workbook/model";
import type { SnapshotSummary } from "../../src/domain/workbook/snapshotSummary";
import { seedPlan } from "../partners/helpers";

/**
 * The Tableau de bord's layout: the same cells with or without a frozen bilan (nothing read back
 * from it is ever a stray), none in a partner's workbook, the structure fingerprint unchanged by it,
 * and a partner's return made before it existed still verified.
 */

const on = { generatorVersion: "test", generatedOn: "2026-12-06" };
const snapshot: SnapshotSummary = {
  year: 2023,
  takenOn: "2024-01-10",
  byAxis: { I: { atteint: 3 }, "": { atteint: 9 } },
  reportingRate: { I: 0.5, "": 0.25 },
};
const metaOf = (m: WorkbookModel): StoredMeta => ({
  schema: META_SCHEMA,
  ...m.meta,
  partner: m.meta.partner ?? "",
});
const dashboardOf = (m: WorkbookModel): SheetModel =>
  m.sheets.find((s) => s.name === DASHBOARD_SHEET) as SheetModel;
const placed = (s: SheetModel): string[] =>
  s.cells.flatMap((line, r) => line.flatMap((c, k) => (c ? [`${r},${k}`] : [])));

describe("the Tableau de bord's layout", () => {
  const without = buildWorkbook(seedPlan, on);
  const withBilan = buildWorkbook(seedPlan, { ...on, lastSnapshot: snapshot });

  it("comes right after the Sommaire, with at least 5 charts for 4 axes", () => {
    expect(without.sheets.map((s) => s.name).slice(0, 3)).toEqual([
      "Sommaire",
      DASHBOARD_SHEET,
      "Axe I",
    ]);
    expect(dashboardOf(without).charts?.length).toBeGreaterThanOrEqual(5);
    expect(dashboardOf(without).protection?.enabled).toBe(true);
  });

  it("has the same cells with or without a bilan; the bilan's block subtracts its figures", () => {
    expect(placed(dashboardOf(withBilan))).toEqual(placed(dashboardOf(without)));
    const layout = dashboardLayout(seedPlan);
    const row = dashboardOf(withBilan).cells[layout.snapshot];
    expect(row?.[0]?.value).toEqual({
      kind: "text",
      text: "Depuis le bilan 2023 (figé le 10/01/2024)",
    });
    const atteintI = dashboardOf(withBilan).cells[layout.snapshot + 3]?.[1]?.value;
    expect(atteintI).toEqual({ kind: "formula", formula: `B${layout.byAxis + 3}-3` });
    expect(dashboardOf(without).cells[layout.snapshot + 3]?.[1]?.value).toBeNull();
  });

  it("leaves the fingerprint as it was, and is not in a partner's workbook's bilan", () => {
    const old = { ...without, sheets: without.sheets.filter((s) => s.name !== DASHBOARD_SHEET) };
    expect(withBilan.meta.fingerprint).toBe(without.meta.fingerprint);
    const partner = partnerDirectory(seedPlan)[0]?.name as string;
    const a = buildWorkbook(seedPlan, { ...on, partner });
    const b = buildWorkbook(seedPlan, { ...on, partner, lastSnapshot: snapshot });
    expect(dashboardOf(b)).toEqual(dashboardOf(a));
    // A return prepared before the dashboard: verified against today's expected model.
    const sheets = new Map(
      old.sheets.map((s) => [
        s.name,
        {
          name: s.name,
          rows: s.cells.map((line) =>
            line.map((c) => {
              const v = c?.value;
              if (!v) return null;
              if (v.kind === "text" || v.kind === "link") return v.text;
              if (v.kind === "number" || v.kind === "boolean") return v.value;
              if (v.kind === "date") return v.iso;
              return null;
            })
          ),
          formulas: new Map(
            s.cells.flatMap((line, r) =>
              line.flatMap((c, k) =>
                c?.value?.kind === "formula" ? [[`${r},${k}`, c.value.formula] as const] : []
              )
            )
          ),
          protected: true,
        },
      ])
    );
    const verified = verifyReturn(without, { meta: metaOf(old), sheets }, metaOf(without));
    expect(verified.problems).toEqual([]);
    expect(verified.ok).toBe(true);
  });
});
