import type { RawEntry } from "../engine/types";
import {
  inputSheetSpec,
  isBlank,
  isDefault,
  type Entry,
  type EntryValue,
  type ReadBackSheet,
} from "./entries";
import { a1 } from "./grid";
import type { WorkbookModel } from "./model";

/** What a user changed outside the input cells, found in one pass over the sheets read back. */
export interface OutsideEdits {
  /**
   * Stray cells: content typed where the generator writes nothing (a note beside a table, a value
   * under it), which is only possible after removing a sheet's protection.
   */
  readonly strays: Entry[];
  /**
   * Locked cells changed: a generated cell of a sheet with entries (a wording, a target, a header)
   * whose content is no longer what the generator wrote there, or a computed cell (a status, a total)
   * typed over. Input cells are entries; links are not compared.
   */
  readonly locked: Entry[];
}

/**
 * Both are read as entries keyed by their address, for the Archives: a regeneration writes the
 * plan's content again, and what the user had typed is archived instead of being dropped or
 * reverted silently.
 */
export function outsideEdits(
  model: WorkbookModel,
  sheets: ReadonlyMap<string, Pick<ReadBackSheet, "rows" | "formulas">>
): OutsideEdits {
  const strays: Entry[] = [];
  const locked: Entry[] = [];
  for (const sheet of model.sheets) {
    const read = sheets.get(sheet.name);
    if (!read) continue;
    const spec = inputSheetSpec(sheet.name);
    // Formulas are compared only where the reader read them (a file; not the add-in's reader).
    const formulasRead = read.formulas.size > 0;
    read.rows.forEach((row, r) => {
      row.forEach((raw: RawEntry, c) => {
        // Nothing in the cell for a reader (empty, or spaces only) is null here.
        const value: EntryValue | null = raw === undefined || isBlank(raw) ? null : raw;
        const cell = sheet.cells[r]?.[c];
        const at = (v: EntryValue): Entry => ({
          sheet: sheet.name,
          key: a1(r, c),
          column: "",
          label: spec?.label(row) ?? "",
          value: v,
        });
        if (!cell) {
          // Where the generator writes nothing at all.
          if (value !== null) strays.push(at(value));
          return;
        }
        if (!cell.value || !spec || cell.style === "input" || cell.style === "inputWrap") return;
        if (cell.value.kind === "link") return;
        const hasFormula = read.formulas.has(`${r},${c}`);
        if (cell.value.kind === "formula") {
          // A computed cell typed over: its formula is gone.
          if (formulasRead && !hasFormula && value !== null) locked.push(at(value));
          return;
        }
        if (hasFormula || (value !== null && isDefault(value, cell.value))) return;
        // A cleared cell is archived too: what the user did is kept, even an erasure.
        locked.push(at(value ?? ""));
      });
    });
  }
  return { strays, locked };
}
