/**
 * A composition root for the bench: the Office.js adapter (src/office/) over the Excel emulator
 * (src/fake-excel/), which counts round trips and request bytes as a host would receive them.
 */
import { createFakeExcel, type FakeExcel } from "../fake-excel";
import { createOfficeWorkbookService, type OfficeServiceOptions } from "../office/service";
import type { WorkbookService } from "../app/port";
import type { ExcelApi } from "../office/excelApi";

export function officeServiceOverFake(options: OfficeServiceOptions): {
  readonly fake: FakeExcel;
  readonly service: WorkbookService;
} {
  const fake = createFakeExcel();
  return { fake, service: createOfficeWorkbookService(fake.Excel, options) };
}

/** The Office.js adapter over any Excel API (the bench gives it Microsoft's client). */
export function officeServiceOver(excel: ExcelApi, options: OfficeServiceOptions): WorkbookService {
  return createOfficeWorkbookService(excel, options);
}
