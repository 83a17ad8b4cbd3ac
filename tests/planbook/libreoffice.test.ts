/**
 * The plan workbook opened and saved by a real spreadsheet (LibreOffice Calc) still reads back as the
 * same plan: a coordinator who edits it in Calc, or in an Excel that rewrites every part, loses nothing.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { formatMessage } from "../../src/domain/messages";
import type { Plan } from "../../src/domain/plan/schema";
import { validatePlan } from "../../src/domain/plan/validate";
import { examplePlan } from "../../src/domain/planbook/example";
import { buildPlanWorkbook } from "../../src/domain/planbook/export";
import { SHEETS } from "../../src/domain/planbook/layout";
import { readPlanWorkbook } from "../../src/domain/planbook/read";
import { readXlsx } from "../../src/xlsx/read";
import { writeXlsx } from "../../src/xlsx/write";
import { convertWithLibreOffice, tempDir } from "../support/libreoffice";

const seed = (): Plan => {
  const checked = validatePlan(
    JSON.parse(readFileSync(join(__dirname, "../../seeds/pays-segali-2021-2025.json"), "utf8"))
  );
  if (!checked.ok) throw new Error("seed invalid");
  return checked.plan;
};

async function readBack(bytes: Buffer) {
  const read = await readXlsx(bytes);
  if (!read.ok) throw new Error(formatMessage(read.problem));
  return readPlanWorkbook(read.workbook.sheets);
}

describe("the plan workbook in LibreOffice Calc", () => {
  const dir = tempDir("ctg-planbook-lo-");
  let saved: { seed: string; example: string; edited: string };

  beforeAll(async () => {
    const files = {
      seed: join(dir, "plan-seed.xlsx"),
      example: join(dir, "plan-exemple.xlsx"),
    };
    writeFileSync(
      files.seed,
      await writeXlsx(buildPlanWorkbook(seed(), { generatorVersion: "t" }))
    );
    writeFileSync(
      files.example,
      await writeXlsx(buildPlanWorkbook(examplePlan(), { generatorVersion: "t" }))
    );
    // A coordinator's edit, made with another tool: a new action typed on the first free row of
    // Actions, with no ID (it gets one on import).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(files.example) as unknown as ArrayBuffer);
    const actions = wb.getWorksheet(SHEETS.actions);
    if (!actions) throw new Error("no Actions sheet");
    const header = actions.getRow(3);
    const col = (name: string): number => {
      let found = 0;
      header.eachCell((c, n) => {
        if (String(c.value).startsWith(name)) found = found || n;
      });
      if (!found) throw new Error(`no column ${name}`);
      return found;
    };
    let row = 4;
    while (actions.getCell(row, col("Objectif")).value !== null) row++;
    const objective = String(actions.getCell(4, col("Objectif")).value);
    actions.getCell(row, col("Objectif")).value = objective;
    actions.getCell(row, col("Intitulé de l")).value = "Ouvrir un lieu d'accueil parents-enfants";
    const edited = join(dir, "plan-modifie.xlsx");
    await wb.xlsx.writeFile(edited);
    const out = await convertWithLibreOffice([files.seed, files.example, edited], {
      outDir: join(dir, "out"),
    });
    saved = { seed: out[0] as string, example: out[1] as string, edited: out[2] as string };
  }, 600_000);

  it("reads back the embedded plan exactly once Calc has saved it", async () => {
    const back = await readBack(readFileSync(saved.seed));
    if (!back.ok) throw new Error(back.problems.slice(0, 5).map(formatMessage).join("\n"));
    expect(back.plan).toEqual(seed());
    expect(back.newIds).toEqual([]);
  });

  it("reads back the worked example of `ctg plan new` once Calc has saved it", async () => {
    const back = await readBack(readFileSync(saved.example));
    if (!back.ok) throw new Error(back.problems.slice(0, 5).map(formatMessage).join("\n"));
    expect(back.plan).toEqual(examplePlan());
  });

  it("gives a new action typed in another tool, then saved by Calc, its own id", async () => {
    const back = await readBack(readFileSync(saved.edited));
    if (!back.ok) throw new Error(back.problems.slice(0, 5).map(formatMessage).join("\n"));
    const actions = back.plan.axes.flatMap((a) => a.objectives.flatMap((o) => o.actions));
    const added = actions.find((a) => a.title === "Ouvrir un lieu d'accueil parents-enfants");
    expect(added).toBeDefined();
    expect(back.newIds.length).toBe(1);
    const before = examplePlan().axes.flatMap((a) => a.objectives.flatMap((o) => o.actions));
    expect(before.map((a) => a.ref)).not.toContain(added?.ref);
  });
});
