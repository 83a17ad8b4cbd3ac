import { formatNumberFr } from "../../domain/messages/format";

/** `2024-03-15` -> `15/03/2024` (as the workbook shows a date); anything else as it is. */
export function frenchDate(text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  return m ? `${m[3]}/${m[2]}/${m[1]}` : text;
}

/** A number in French (`1 234,5`); kept for values the pane shows as the workbook shows them. */
export function frenchNumber(value: number): string {
  return formatNumberFr(value);
}
