import type { RawEntry } from "../engine/types";
import { inputSheetSpec, isBlank, type Entry, type ReadBackSheet } from "./entries";
import { a1 } from "./grid";
import type { WorkbookModel } from "./model";

/**
 * Stray cells: content typed where the generator writes nothing (a note beside a table, a value
 * under it), which is only possible after removing a sheet's protection. A regeneration would
 * overwrite or drop them, so they are read as entries keyed by their address, for the Archives.
 */
export function strayEntries(
  model: WorkbookModel,
  sheets: ReadonlyMap<string, Pick<ReadBackSheet, "rows" | "formulas">>
): Entry[] {
  const out: Entry[] = [];
  for (const sheet of model.sheets) {
    const read = sheets.get(sheet.name);
    if (!read) continue;
    const spec = inputSheetSpec(sheet.name);
    read.rows.forEach((row, r) => {
      row.forEach((value: RawEntry, c) => {
        if (value === null || value === undefined || isBlank(value)) return;
        if (sheet.cells[r]?.[c]) return; // a generated cell: an input or a locked cell
        out.push({
          sheet: sheet.name,
          key: a1(r, c),
          column: "",
          label: spec?.label(row) ?? "",
          value,
        });
      });
    });
  }
  return out;
}
