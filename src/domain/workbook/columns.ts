import { text, type SheetBuilder } from "./grid";

/**
 * Column schemas: one declarative list per sheet, from which the header row, the column indexes, the
 * widths and the input columns are all derived (the builders, the readers and the merge use it).
 * Code names a column by its stable `key`; the `header` is what the file shows, and what identifies
 * an entry's column in a file (`Entry.column`). A key may repeat in a contiguous run (one column per
 * plan year, per timeline period...).
 */
export interface ColumnDef<K extends string> {
  readonly key: K;
  /** The header row's text, in French. */
  readonly header: string;
  /** Width in characters (Excel's file unit). */
  readonly width: number;
  /** People type in this column, on the rows that take an entry there; the rest is generated. */
  readonly input: boolean;
  /** Folded in an outline group: hidden until the user clicks `+` above the columns. */
  readonly folded?: boolean;
}

export interface ColumnSchema<K extends string> {
  readonly columns: readonly ColumnDef<K>[];
  readonly headers: readonly string[];
  /**
   * The first column (0-based) of each key; for a key without any column (a plan without years),
   * where its run would start.
   */
  readonly col: Readonly<Record<K, number>>;
  /** The number of columns of each key. */
  readonly count: Readonly<Record<K, number>>;
}

/**
 * The schema of `columns`, whose keys follow the order of `keys` (every key's columns together).
 * Throws on a list out of that order: a schema is the generator's own data, so that is a bug.
 */
export function columnSchema<K extends string>(
  keys: readonly K[],
  columns: readonly ColumnDef<K>[]
): ColumnSchema<K> {
  const col = {} as Record<K, number>;
  const count = {} as Record<K, number>;
  let i = 0;
  for (const key of keys) {
    col[key] = i;
    while (columns[i]?.key === key) i++;
    count[key] = i - col[key];
  }
  if (i !== columns.length)
    throw new Error(`column "${columns[i]?.key ?? ""}" out of the order of its schema`);
  return { columns, headers: columns.map((c) => c.header), col, count };
}

/** The key of the column with this header, or null. */
export function columnKeyOf<K extends string>(schema: ColumnSchema<K>, header: string): K | null {
  return schema.columns.find((c) => c.header === header)?.key ?? null;
}

/** Writes a schema's header row at `row`, from column A. */
export function writeHeaderRow<K extends string>(
  sheet: SheetBuilder,
  row: number,
  schema: Pick<ColumnSchema<K>, "headers">
): void {
  sheet.row(row, 0, schema.headers.map(text), "header");
}

/** Sets the width (and the folding) of each column of a schema, from column A. */
export function setColumnWidths<K extends string>(
  sheet: SheetBuilder,
  columns: readonly ColumnDef<K>[]
): void {
  columns.forEach((c, i) => sheet.width(i, c.width, c.folded === true));
}
