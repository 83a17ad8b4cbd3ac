/**
 * `ctg check` and the add-in's « Vérifier les saisies »: every entry of the axis sheets evaluated
 * against its target, the same engine and rules whoever read the cells.
 */
import { checkWorkbook, type CheckResult, type PlainSheet } from "../domain/workbook/check";
import { isAxisSheetName } from "../domain/workbook/axisSheet";

/** Checks the axis sheets of a workbook (in the workbook's order), evaluated on `now`'s month. */
export function checkSheets(sheets: ReadonlyMap<string, PlainSheet>, now: Date): CheckResult {
  const axisNames = [...sheets.keys()].filter((n) => isAxisSheetName(n));
  return checkWorkbook(sheets, axisNames, { year: now.getFullYear(), month: now.getMonth() + 1 });
}
