import { EXPORT_COLUMNS, frenchNumber, type ExportRow } from "./rows";

/**
 * The export's two forms. The CSV is for a French spreadsheet first (`;` between cells, UTF-8 with a
 * byte order mark, numbers with a decimal comma: the shell's csv writer adds the separator, quoting
 * and mark), and loads as typed columns into Power BI (culture fr-FR) or DuckDB
 * (`decimal_separator=','`). The JSON keeps JSON numbers and nulls: the form for a program or a
 * data warehouse. Both have the same rows and keys (docs/export.md).
 */

/**
 * A text a spreadsheet would take for a formula when it opens a CSV (`=`, `+`, `-`, `@`, a tab or a
 * carriage return first) is written after an apostrophe, so that it stays a text and never runs
 * (« CSV injection »). A number written in French (`-3`, `12,5`, `-10 %`) is left as it is. Only
 * the CSV does this: the JSON keeps every text as it is.
 */
export function csvSafeText(text: string): string {
  if (!/^[=+\-@\t\r]/.test(text)) return text;
  if (/^[+-]?\d+(,\d+)?( ?%)?$/.test(text)) return text;
  return `'${text}`;
}

/** The rows of the CSV: the header (the keys), then one line per row. */
export function exportCsvRows(rows: readonly ExportRow[]): string[][] {
  const lines: string[][] = [[...EXPORT_COLUMNS]];
  for (const row of rows)
    lines.push(
      EXPORT_COLUMNS.map((key) => {
        const v = row[key];
        if (v === null) return "";
        return typeof v === "number" ? frenchNumber(v) : csvSafeText(v);
      })
    );
  return lines;
}

/** The JSON text: an array of objects with the keys in column order, two-space indent. */
export function exportJsonText(rows: readonly ExportRow[]): string {
  const objects = rows.map((row) =>
    Object.fromEntries(EXPORT_COLUMNS.map((key) => [key, row[key]]))
  );
  return `${JSON.stringify(objects, null, 2)}\n`;
}
