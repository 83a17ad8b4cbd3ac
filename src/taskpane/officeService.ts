import type { WorkbookService } from "./workbookService";
import { lazyService } from "./lazyService";
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
    return createOfficeWorkbookService(Excel, { generatorVersion: version });
  });
}
