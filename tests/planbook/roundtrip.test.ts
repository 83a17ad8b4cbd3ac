import { readFileSync } from "node:fs";
import { join } from "node:path";
import { validatePlan } from "../../src/domain/plan/validate";
import type { Plan } from "../../src/domain/plan/schema";
import { buildPlanWorkbook } from "../../src/domain/planbook/export";
import { readPlanWorkbook } from "../../src/domain/planbook/read";
import { formatMessage } from "../../src/domain/messages";
import { readXlsx } from "../../src/xlsx/read";
import { writeXlsx } from "../../src/xlsx/write";
import { syntheticPlan } from "../../tools/syntheticPlan";

const seed = (): Plan => {
  const checked = validatePlan(
    JSON.parse(readFileSync(join(__dirname, "../../seeds/pays-segali-2021-2025.json"), "utf8"))
  );
  if (!checked.ok) throw new Error("seed invalid");
  return checked.plan;
};

async function roundTrip(plan: Plan): Promise<Plan> {
  const bytes = await writeXlsx(buildPlanWorkbook(plan, { generatorVersion: "test" }));
  const read = await readXlsx(bytes);
  if (!read.ok) throw new Error(formatMessage(read.problem));
  const back = readPlanWorkbook(read.workbook.sheets);
  if (!back.ok) throw new Error(back.problems.slice(0, 10).map(formatMessage).join("\n"));
  expect(back.newIds).toEqual([]);
  return back.plan;
}

describe("the plan workbook round trip", () => {
  it("gives back the embedded plan exactly (ids, wordings, targets, fiches)", async () => {
    const plan = seed();
    expect(await roundTrip(plan)).toEqual(plan);
  });

  it("gives back the ×10 synthetic plan exactly", async () => {
    const plan = syntheticPlan(seed(), 10, 10);
    expect(await roundTrip(plan)).toEqual(plan);
  }, 120_000);
});
