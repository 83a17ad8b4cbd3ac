import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Plan } from "../../src/domain/plan/schema";
import { parsePlanJson } from "../../src/domain/plan/validate";
import { buildWorkbook } from "../../src/domain/workbook/build";
import type { WorkbookModel } from "../../src/domain/workbook/model";
import { createFakeExcel, type FakeExcel, type FakeExcelOptions } from "../../src/fake-excel";
import { createOfficeWorkbookService, type OfficeServiceOptions } from "../../src/office/service";
import type { WorkbookService } from "../../src/app/port";
import { createOfficeJsHost, type OfficeJsHost, type ProfileName } from "../support/officeJs";

export const root = join(__dirname, "..", "..");

export function defaultPlan(): Plan {
  const checked = parsePlanJson(
    readFileSync(join(root, "seeds/pays-segali-2021-2025.json"), "utf8")
  );
  if (!checked.ok) throw new Error("the embedded plan does not pass its schema");
  return checked.plan;
}

export const NOW = new Date(Date.UTC(2023, 5, 15, 12));
export const BUILD_OPTIONS = { generatorVersion: "test", generatedOn: "2023-06-15" };

export function modelOf(plan: Plan): WorkbookModel {
  return buildWorkbook(plan, BUILD_OPTIONS);
}

/** Row (0-based) of an indicator row id (`I.A.1-RES-1`) on a sheet of a model. */
export function rowOfId(model: WorkbookModel, sheetName: string, id: string): number {
  const sheet = model.sheets.find((s) => s.name === sheetName);
  const r =
    sheet?.cells.findIndex((line) => {
      const v = line[0]?.value;
      return v?.kind === "text" && v.text === id;
    }) ?? -1;
  if (r < 0) throw new Error(`${id} not found on ${sheetName}`);
  return r;
}

/**
 * A workbook in an emulated Excel and the add-in's service on it, driven by Microsoft's own
 * Office.js client (tests/support/officeJs.ts) on the given host profile; `client: "proxy"` drives
 * the fake's own proxy objects instead (kept for the fake's own tests and quick comparisons).
 */
export function setup(
  fakeOptions: FakeExcelOptions = {},
  serviceOptions: OfficeServiceOptions = {},
  client: ProfileName | "proxy" = "latest"
): { fake: FakeExcel; service: WorkbookService; host?: OfficeJsHost } {
  if (client !== "proxy") {
    const host = createOfficeJsHost(client, fakeOptions);
    const service = createOfficeWorkbookService(host.Excel, {
      generatorVersion: "test",
      now: () => NOW,
      isSetSupported: host.isSetSupported,
      ...serviceOptions,
    });
    return { fake: host.fake, service, host };
  }
  const fake = createFakeExcel(fakeOptions);
  const service = createOfficeWorkbookService(fake.Excel, {
    generatorVersion: "test",
    now: () => NOW,
    ...serviceOptions,
  });
  return { fake, service };
}

/** Silences and records console.error (the adapter logs every Office error). */
export function captureConsoleError(): { calls: unknown[][]; restore: () => void } {
  const calls: unknown[][] = [];
  const spy = jest.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    calls.push(args);
  });
  return { calls, restore: () => spy.mockRestore() };
}
