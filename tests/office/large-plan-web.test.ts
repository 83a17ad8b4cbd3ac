import { syntheticPlan } from "../../tools/syntheticPlan";
import { a1 } from "../../src/domain/workbook/grid";
import { axisLayout, planYears } from "../../src/domain/workbook/axisSheet";
import { buildWorkbook } from "../../src/domain/workbook/build";
import { snapshot } from "../../src/fake-excel";
import { BUILD_OPTIONS, defaultPlan, rowOfId, setup } from "./helpers";

/**
 * Excel on the web answers at most 5 MB per request and per response. A plan twenty times the Pays
 * Ségali one stores about 8 MB of JSON in `CTG_meta`: read whole, its regeneration failed there. The
 * stored plan is read in blocks; every request and response of a regeneration stays under the limit.
 */
jest.setTimeout(600_000);

test("a plan twenty times larger is regenerated in Excel on the web, its entries kept", async () => {
  const plan = syntheticPlan(defaultPlan(), 20, 20);
  const { fake, service, host } = setup({}, {}, "web");
  expect((await service.generate(plan, () => undefined)).ok).toBe(true);
  const model = buildWorkbook(plan, BUILD_OPTIONS);
  const id = plan.axes[0]?.objectives[0]?.actions[0]?.indicators[1]?.id ?? "";
  const row = rowOfId(model, "Axe I", id);
  const col = axisLayout(planYears(plan)).col.firstYear;
  await fake.userEdit("Axe I", a1(row, col), [[12]]);
  const before = host?.emulator.requests.length ?? 0;

  const again = await service.generate(plan, () => undefined);
  expect(again.ok).toBe(true);
  expect(again.ok && again.value.keptEntries).toBe(1);
  const axis = snapshot(fake.state).sheets.find((s) => s.name === "Axe I");
  expect(axis?.cells[row]?.[col]?.value).toBe(12);
  const responses = (host?.emulator.requests ?? []).slice(before).map((r) => r.response);
  expect(Math.max(...responses)).toBeLessThan(5 * 1024 * 1024);
  // The stored plan took more than one response.
  expect(responses.filter((b) => b > 2_000_000).length).toBeGreaterThan(1);
});
