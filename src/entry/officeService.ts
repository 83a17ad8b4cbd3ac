import type { WorkbookService } from "../app/port";
import { lazyService } from "../taskpane/lazyService";
import { officeRequirementCheck } from "../taskpane/requirements";
import { version } from "../../package.json";

/**
 * The real WorkbookService (the Office.js adapter of src/office/), loaded in its own chunk on first
 * use: the pane shows before the adapter, the workbook model and the engine are downloaded.
 */
export function officeWorkbookService(): WorkbookService {
  return lazyService(async () => {
    const { createOfficeWorkbookService } = await import(
      /* webpackChunkName: "office-service" */ "../office/service"
    );
    // Generation leaves out what the host lacks (print setup 1.9, column groups 1.10).
    return createOfficeWorkbookService(Excel, {
      generatorVersion: version,
      isSetSupported: officeRequirementCheck(),
    });
  });
}
