/**
 * How model cells become Office.js inputs, and how read cells become plain values. Pure.
 *
 * Office.js's `values` and `formulas` setters read a string like typed input: `=x` (and `+x`, `-x`,
 * `@x`) becomes a formula, `12` or `45%` a number, `TRUE` a boolean, `2023-03-01` a date. Text that
 * could be read so is written with Excel's quote prefix (`'=x`): the apostrophe is not part of the
 * value (`values` reads `=x` back), the number format stays the model's, and the cell is text.
 */
import type { RawEntry } from "../domain/engine/types";
import { isoToSerial } from "../domain/workbook/units";
import type { CellValue } from "../domain/workbook/model";

/** A value Office.js accepts in a `values`/`formulas` 2-D array. */
export type OfficeInput = string | number | boolean;

const NUMBER_LIKE = /^[\s\d.,:/%€$()+\-eE]*$/;

export function needsQuotePrefix(text: string): boolean {
  if (text === "") return false;
  if (/^[=+\-@']/.test(text)) return true;
  const t = text.trim();
  if (/^(true|false|vrai|faux)$/i.test(t)) return true;
  if (/^#/.test(t)) return true; // error-like (#N/A, #REF!)
  return NUMBER_LIKE.test(t) && /\d/.test(t);
}

/** Text as an input that stays text. */
export function textInput(text: string): string {
  return needsQuotePrefix(text) ? `'${text}` : text;
}

export { isoToSerial, serialToIso } from "../domain/workbook/units";

/** The input of a model cell for the `formulas` setter (`""` for an empty cell). */
export function modelInput(value: CellValue | null): OfficeInput {
  if (value === null) return "";
  switch (value.kind) {
    case "text":
      return textInput(value.text);
    case "number":
    case "boolean":
      return value.value;
    case "date":
      return isoToSerial(value.iso);
    case "formula":
      return `=${value.formula}`;
    case "link":
      return textInput(value.text);
  }
}

/** A cell read through `values`, as the domain sees it (`""` is blank). */
export function plainValue(v: unknown): RawEntry {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return null;
}

/** Column widths: characters (the model's, Excel's file unit) to points (Office.js's unit), and back. */
export { pointsToWidth, widthToPoints } from "../domain/workbook/units";
