/**
 * Every add-in workflow through Microsoft's Office.js client, on the requirement-set profiles of
 * real Excel versions: Excel 2019 (ExcelApi 1.8), ExcelApi 1.9 builds, Microsoft 365 (the newest
 * set the client library knows) and Excel on the web (5 MB request and response limits).
 */
import { snapshot } from "../../src/fake-excel";
import { PROFILES } from "../support/officeJs";
import { runWorkflows } from "../support/officeWorkflows";
import { defaultPlan, modelOf, setup } from "./helpers";

jest.setTimeout(300_000);

const plan = defaultPlan();
const model = modelOf(plan);

describe.each(PROFILES)("on the %s profile, through Microsoft's client", (profile) => {
  it("generates, regenerates, checks, refreshes, schedules, prepares and imports partner files", async () => {
    const { fake, service, host } = setup({}, {}, profile);
    await runWorkflows(service, fake, plan);

    // The workbook has every sheet, cell and rule of the model.
    const axis = model.sheets.find((s) => s.name === "Axe I");
    const stored = snapshot(fake.state).sheets.find((s) => s.name === "Axe I");
    expect(stored?.cells.length).toBe(axis?.cells.length);
    expect(stored?.validations.length).toBe(axis?.validations.length);
    // Column groups need ExcelApi 1.10, print setup 1.9: left out where the host lacks them.
    const live = fake.state.sheets.find((s) => s.name === "Axe I" && !s.deleted);
    const grouped = [...(live?.columns.values() ?? [])].some((col) => (col.outlineLevel ?? 0) > 0);
    expect(grouped).toBe(profile === "latest" || profile === "web");
    const print = snapshot(fake.state).sheets.find((s) => s.name === "Axe I")?.print.orientation;
    expect(print).toBe(profile === "ExcelApi 1.8" ? null : "Landscape");

    // Every request fitted the host's limits (the real bodies, as the emulator received them).
    const limit = host?.profile.limits.request ?? null;
    expect(host?.emulator.requests.length).toBeGreaterThan(10);
    for (const r of host?.emulator.requests ?? [])
      if (limit !== null) expect(r.request).toBeLessThan(limit);
    host?.close();
  });
});
