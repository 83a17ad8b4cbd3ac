import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parsePlanJson } from "../../src/domain/plan/validate";
import { axisRows } from "../../src/domain/workbook/axisSheet";
import { buildWorkbook } from "../../src/domain/workbook/build";
import { DIFFERENCES_SHEET } from "../../src/domain/workbook/recapSheets";

/**
 * Recap figures tracked (issue 12): where the fiche gives no figure and the recap table does, the
 * row's target is the recap's, named as such; the Écarts sheet still lists the difference.
 */
const parsed = parsePlanJson(
  readFileSync(join(__dirname, "..", "..", "seeds", "pays-segali-2021-2025.json"), "utf8")
);
if (!parsed.ok) throw new Error("seed");
const plan = parsed.plan;
const rows = plan.axes.flatMap((a) => axisRows(a));
const row = (id: string) => rows.find((r) => r.rowId === id)!;

it("takes the recap's figure where the fiche has none", () => {
  expect(row("I.C.5-RES-3")).toMatchObject({
    targetFrom: "recap",
    target: { measure: "count", comparator: ">=", value: 10, period: "year" },
  });
  expect(row("I.E.4-RES-1")).toMatchObject({
    targetFrom: "recap",
    target: { measure: "increase_percent", comparator: ">=", value: 20 },
  });
});

it("keeps the fiche's target wherever it has a figure of its own", () => {
  const fromRecap = rows.filter((r) => r.targetFrom === "recap");
  for (const r of fromRecap) {
    const fiche = r.indicator.targets;
    expect(
      fiche.every(
        (t) =>
          t.measure !== "milestone" &&
          (t.value === null || t.measure === "qualitative" || t.measure === "unknown")
      )
    ).toBe(true);
  }
  expect(row("I.A.1-RES-1").targetFrom).toBe("fiche");
});

it("shows where the target comes from, and Écarts still lists the difference", () => {
  const model = buildWorkbook(plan, { generatorVersion: "t", generatedOn: "2026-01-01" });
  const axis = model.sheets.find((s) => s.name === "Axe I")!;
  const texts = axis.cells.flat().map((c) => (c?.value?.kind === "text" ? c.value.text : ""));
  expect(texts.some((t) => /orientations.*\(cible du récapitulatif\)/.test(t))).toBe(true);
  const ecarts = model.sheets.find((s) => s.name === DIFFERENCES_SHEET)!;
  const ecartTexts = ecarts.cells
    .flat()
    .map((c) => (c?.value?.kind === "text" ? c.value.text : ""));
  expect(ecartTexts.some((t) => t.includes("I.C.5"))).toBe(true);
});
