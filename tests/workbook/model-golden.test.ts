import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Plan } from "../../src/domain/plan/schema";
import { parsePlanJson } from "../../src/domain/plan/validate";
import { buildWorkbook, type BuildOptions } from "../../src/domain/workbook/build";
import { inputCells } from "../../src/domain/workbook/entries";
import type { WorkbookModel } from "../../src/domain/workbook/model";
import { readableJson, sha256, stableJson } from "../support/golden";

/**
 * The workbook model of the embedded plan, pinned: a refactoring of the sheet builders must give a
 * deep-equal model. The whole model is compared through a sha256 of a stable JSON (keys sorted); a
 * readable sample (each sheet's tables with their headers, and its column widths) is kept in
 * tests/golden/workbook-model.json so that a deliberate change shows in a reviewable diff.
 * To accept a deliberate change: `UPDATE_GOLDEN=1 npx jest tests/workbook/model-golden`, then update
 * the hashes below from the failure message and read the diff of the sample.
 */

const root = join(__dirname, "..", "..");
const sampleFile = join(root, "tests", "golden", "workbook-model.json");

function loadSeed(): Plan {
  const parsed = parsePlanJson(
    readFileSync(join(root, "seeds", "pays-segali-2021-2025.json"), "utf8")
  );
  if (!parsed.ok) throw new Error("the seed plan does not load");
  return parsed.plan;
}

const plan = loadSeed();
const options: BuildOptions = { generatorVersion: "test", generatedOn: "2026-01-01" };

/** The input cells of a model, as the entries see them: location -> sheet, row, column, label. */
function inputCellsJson(model: WorkbookModel): string {
  return stableJson(
    [...inputCells(model)].map(([location, c]) => [
      location.split("\u0000").join(" | "),
      model.sheets[c.sheet]?.name,
      c.row,
      c.col,
      c.label,
    ])
  );
}

function sample(model: WorkbookModel): unknown {
  return model.sheets.map((s) => ({
    name: s.name,
    tables: s.tables.map((t) => ({ name: t.name, top: t.top, columns: t.columns })),
    widths: s.columns.map((c) => (c.hidden ? `${c.width} (plié)` : c.width)),
    frozen: s.frozen,
  }));
}

const EXPECTED = {
  model: "dc79fb4d0aee668a670933a0c878dc199fdbfa25325da80d255243ae53d07c96",
  partnerModel: "6473074dfb51d5aff58d4a820595d239f93ec1924050c8b66a93236f9fbadb1b",
  inputCells: "669241171a8edaf7ff251a1b1c75149eb36a3dddc80e59093ecf54532e9420cc",
};

describe("the workbook model of the embedded plan", () => {
  const model = buildWorkbook(plan, options);
  const partnerModel = buildWorkbook(plan, { ...options, partner: "CAF" });

  it("is pure: two builds are deep-equal", () => {
    expect(buildWorkbook(plan, options)).toEqual(model);
  });

  it("has the reviewed headers and widths (tests/golden/workbook-model.json)", () => {
    const actual = `${readableJson({ master: sample(model), partner: sample(partnerModel) })}\n`;
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(sampleFile, actual);
    expect(actual).toBe(readFileSync(sampleFile, "utf8"));
  });

  it("is exactly the pinned model (sha256 of its stable JSON)", () => {
    expect({
      model: sha256(stableJson(model)),
      partnerModel: sha256(stableJson(partnerModel)),
      inputCells: sha256(inputCellsJson(model)),
    }).toEqual(EXPECTED);
  });
});
