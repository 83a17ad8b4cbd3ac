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
  model: "3970aa35e8175c80f50a86f60dba42176e51b6dfcbdc72f969dc05e06ef48022",
  partnerModel: "47170cd05b1645d6bb2fdb527878a8e1fa236e98d231f059c888905d8dd0796c",
  inputCells: "a8fa4b2e6d93d9f826df5a131faed8b0f9fce7c2e1c7891cd4c992029cf28307",
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
