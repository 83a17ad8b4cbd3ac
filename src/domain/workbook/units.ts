/**
 * Spreadsheet units, in one place: Excel's date serials (1900 date system, as Excel and LibreOffice
 * store dates) and column widths (the model's unit, characters, as `.xlsx` files store them; Office.js
 * sets widths in points). Pure.
 */

/** Days from Excel's day 0 (1899-12-30 in practice) to 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569;
const MS_PER_DAY = 86_400_000;

/** The UTC midnight of an ISO date (`YYYY-MM-DD`; a time after it is ignored). */
export function isoToDate(iso: string): Date {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/** Excel's date serial (1900 system) of an ISO date. */
export function isoToSerial(iso: string): number {
  return isoToDate(iso).getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL;
}

/** The date of an Excel date serial (to the millisecond), in UTC. */
export function serialToDate(serial: number): Date {
  return new Date(Math.round((serial - UNIX_EPOCH_SERIAL) * MS_PER_DAY));
}

/** The ISO date (`YYYY-MM-DD`) of an Excel date serial. */
export function serialToIso(serial: number): string {
  return serialToDate(serial).toISOString().slice(0, 10);
}

/** Pixels of one character of the default font, and of a column's padding (Excel's width formula). */
const PIXELS_PER_CHARACTER = 7;
const PADDING_PIXELS = 5;
const POINTS_PER_PIXEL = 0.75;

/** A column width in characters (the model's, Excel's file unit) in points (Office.js's unit). */
export function widthToPoints(characters: number): number {
  return (
    Math.round((characters * PIXELS_PER_CHARACTER + PADDING_PIXELS) * POINTS_PER_PIXEL * 100) / 100
  );
}

/** A column width in points back in characters (two decimals). */
export function pointsToWidth(points: number): number {
  return (
    Math.round(((points / POINTS_PER_PIXEL - PADDING_PIXELS) / PIXELS_PER_CHARACTER) * 100) / 100
  );
}
