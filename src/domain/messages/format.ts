import type { MessageParams } from "./types";

/** French number formatting shared by every French sentence and label (fr-FR: `1 250,5`, `20 %`). */
const integerFormat = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });

export function formatNumberFr(value: number): string {
  return (Number.isInteger(value) ? integerFormat : decimalFormat).format(value);
}

/** `20` -> `20 %` (value already in percent), with the French narrow no-break space. */
export function formatPercentFr(valueInPercent: number): string {
  return `${formatNumberFr(valueInPercent)}\u202f%`;
}

export function formatParam(value: string | number | null): string {
  if (value === null) return "";
  return typeof value === "number" ? formatNumberFr(value) : value;
}

/**
 * Reads a message param as display text (French number format for numbers). In a template, the key
 * must be one of the params the template declares.
 */
export function p<P extends MessageParams>(params: P, key: keyof P & string): string {
  return formatParam(params[key] ?? null);
}
