import { parseString } from "@fast-csv/parse";
import { writeToString } from "@fast-csv/format";

/**
 * CSV files as a French Excel opens them directly: `;` between cells, UTF-8 with a byte order mark.
 * fast-csv does the quoting and the parsing (quotes, `;` and line breaks inside cells).
 */

/** The text of a CSV file of `rows` (every cell quoted where it needs to be). */
export async function csvText(rows: readonly (readonly string[])[]): Promise<string> {
  return writeToString(
    rows.map((r) => [...r]),
    { delimiter: ";", writeBOM: true, rowDelimiter: "\r\n" }
  );
}

/**
 * The rows of a CSV text, its separator found on the first line (`;` as written here, or `,` and tab
 * from a file saved by another tool). A byte order mark is dropped.
 */
export function csvRows(text: string): Promise<string[][]> {
  const body = text.replace(/^\uFEFF/, "");
  const first = body.split(/\r?\n/, 1)[0] ?? "";
  const count = (c: string) => first.split(c).length - 1;
  const delimiter = [";", ",", "\t"].reduce((best, c) => (count(c) > count(best) ? c : best), ";");
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseString<string[], string[]>(body, { delimiter, ignoreEmpty: true })
      .on("error", reject)
      .on("data", (row: string[]) => rows.push(row))
      .on("end", () => resolve(rows));
  });
}
