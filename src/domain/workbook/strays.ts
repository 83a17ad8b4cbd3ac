import type { RawEntry } from "../engine/types";
import { inputSheetSpec, isBlank, isDefault, type Entry, type ReadBackSheet } from "./entries";
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

/**
 * Locked cells changed: a generated cell of a sheet with entries (a wording, a target, a header)
 * whose content is no longer what the generator wrote there, which is only possible after removing
 * the sheet's protection. A regeneration writes the plan's content again: what the user had typed
 * is archived, keyed by its address, instead of being reverted silently. Input cells are entries;
 * formula cells (statuses, totals) show what they computed and are not compared.
 */
export function lockedEdits(
  model: WorkbookModel,
  sheets: ReadonlyMap<string, Pick<ReadBackSheet, "rows" | "formulas">>
): Entry[] {
  const out: Entry[] = [];
  for (const sheet of model.sheets) {
    const spec = inputSheetSpec(sheet.name);
    const read = sheets.get(sheet.name);
    if (!spec || !read) continue;
    // Formulas are compared only where the reader read them (a file; not the add-in's reader).
    const formulasRead = read.formulas.size > 0;
    read.rows.forEach((row, r) => {
      row.forEach((value: RawEntry, c) => {
        const cell = sheet.cells[r]?.[c];
        if (!cell?.value) return;
        if (cell.style === "input" || cell.style === "inputWrap") return;
        if (cell.value.kind === "link") return;
        const hasFormula = read.formulas.has(`${r},${c}`);
        if (cell.value.kind === "formula") {
          // A computed cell (a status, a total) typed over: its formula is gone.
          if (!formulasRead || hasFormula) return;
          if (value === null || value === undefined || isBlank(value)) return;
          out.push({ sheet: sheet.name, key: a1(r, c), column: "", label: spec.label(row), value });
          return;
        }
        if (hasFormula) return;
        const blank = value === null || value === undefined || isBlank(value);
        if (!blank && isDefault(value, cell.value)) return;
        out.push({
          sheet: sheet.name,
          key: a1(r, c),
          column: "",
          label: spec.label(row),
          // A cleared cell is archived too: what the user did is kept, even an erasure.
          value: blank ? "" : value,
        });
      });
    });
  }
  return out;
}
