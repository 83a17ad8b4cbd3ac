import type { ExcelApi } from "./excelApi";

/**
 * Compile-time proof that real Office.js satisfies the adapter's narrow interface (never called; kept
 * apart from excelApi.ts so that the command-line build, which has no Office.js types, can import it).
 */
export function officeJsIsExcelApi(excel: typeof Excel): ExcelApi {
  return excel;
}
