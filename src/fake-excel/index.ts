/** The in-memory fake of Excel's JavaScript API (pure TypeScript: jest and browser pages). */
export {
  createFakeExcel,
  FakeStats,
  DEFAULT_PAYLOAD_LIMIT,
  type FakeExcel,
  type FakeExcelOptions,
} from "./fake";
export { FakeOfficeError, ErrorCodes } from "./errors";
export { snapshot, type FakeSnapshot } from "./snapshot";
export type { WorkbookState, SheetState, CellState } from "./state";
