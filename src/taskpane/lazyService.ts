import type { WorkbookService } from "../app/port";

/**
 * A WorkbookService whose implementation is loaded on first use (a dynamic import, its own chunk):
 * the pane shows at once, the Office.js adapter and the workbook model load when a command needs them.
 */
export function lazyService(load: () => Promise<WorkbookService>): WorkbookService {
  let loading: Promise<WorkbookService> | null = null;
  let loaded: WorkbookService | null = null;
  const get = (): Promise<WorkbookService> => {
    loading ??= load().then(
      (service) => (loaded = service),
      (e: unknown) => {
        loading = null;
        throw e;
      }
    );
    return loading;
  };
  return {
    current: async () => (await get()).current(),
    generate: async (plan, onProgress) => (await get()).generate(plan, onProgress),
    check: async () => (await get()).check(),
    refresh: async () => (await get()).refresh(),
    select: async (sheet, row, column) => (await get()).select(sheet, row, column),
    readSchedule: async () => (await get()).readSchedule(),
    writeSchedule: async (rows) => (await get()).writeSchedule(rows),
    preparePartners: async (plan, partners) => (await get()).preparePartners(plan, partners),
    // Synchronous: known once the implementation is loaded (the pane asks after preparing a file).
    canOpenWorkbooks: () => loaded?.canOpenWorkbooks() ?? false,
    openPartnerFile: async (file) => (await get()).openPartnerFile(file),
    previewImport: async (plan, files) => (await get()).previewImport(plan, files),
    applyImport: async (plan, files, choices) => (await get()).applyImport(plan, files, choices),
    freezeBilan: async (plan, year, replace) => (await get()).freezeBilan(plan, year, replace),
    makeBilan: async (plan, year, format) => (await get()).makeBilan(plan, year, format),
    onEntriesChanged: async (callback) => (await get()).onEntriesChanged(callback),
  };
}
