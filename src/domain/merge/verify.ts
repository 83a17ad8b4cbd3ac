import type { RawEntry } from "../engine/types";
import { message, type Message } from "../messages/types";
import { AXIS_HEADER_ROW, isAxisSheetName } from "../workbook/axisSheet";
import { SUMMARY_SHEET } from "../workbook/build";
import { DASHBOARD_SHEET } from "../workbook/dashboardSheet";
import {
  formulaRows,
  isBlank,
  isDefault,
  normalizeFormula,
  type ReadBackSheet,
} from "../workbook/entries";
import { a1 } from "../workbook/grid";
import type { StoredMeta } from "../workbook/meta";
import type { Cell, SheetModel, WorkbookModel } from "../workbook/model";
import { SCHEDULE_HEADER_ROW, SCHEDULE_SHEET } from "../workbook/recapSheets";

/**
 * Checks that a returned workbook still has the structure it was prepared with, before anything of
 * it is merged: plan and version, sheets, header rows, row ids, every locked cell, protection.
 * Problems refuse the file; warnings (protection removed without harm, a sheet added) are reported.
 */

export interface ReturnedWorkbook {
  readonly meta: StoredMeta;
  readonly sheets: ReadonlyMap<string, ReadBackSheet>;
  /** The values the partner's workbook was sent, as JSON (null or absent when not recorded). */
  readonly baseJson?: string | null;
}

export interface Verification {
  readonly ok: boolean;
  readonly problems: readonly Message[];
  readonly warnings: readonly Message[];
}

/** Details listed per sheet before « and N other cells ». */
const MAX_DETAILS = 3;

function shown(v: RawEntry): string {
  if (v === null || v === undefined || v === "") return "(vide)";
  const t = String(v);
  return t.length > 40 ? `${t.slice(0, 39)}…` : t;
}

function expectedShown(cell: Cell): string {
  const v = cell.value;
  if (!v) return "(vide)";
  switch (v.kind) {
    case "text":
    case "link":
      return shown(v.text);
    case "number":
    case "boolean":
      return shown(v.value);
    case "date":
      return v.iso.split("-").reverse().join("/");
    case "formula":
      return "une formule";
  }
}

/** Whether a locked cell of the return still holds what the generator wrote there. */
function sameLockedCell(cell: Cell, raw: RawEntry, formula: string | undefined): boolean {
  const v = cell.value;
  // An empty locked cell stays empty: typing there needs the protection removed first.
  if (!v) return formula === undefined && isBlank(raw);
  // Byte-identical formulas (nearly all of them) need no normalising: its regexes are the cost here.
  if (v.kind === "formula")
    return (
      formula !== undefined &&
      (formula === v.formula || normalizeFormula(formula) === normalizeFormula(v.formula))
    );
  return formula === undefined && isDefault(raw, v);
}

function headerRowOf(name: string): number | null {
  if (isAxisSheetName(name)) return AXIS_HEADER_ROW;
  if (name === SCHEDULE_SHEET) return SCHEDULE_HEADER_ROW;
  return null;
}

/**
 * The differences between a sheet of a return and the sheet it should be. `generated: false` checks
 * only the cells the generator left empty (the Sommaire's text says when and by which version the
 * file was made, which a merge cannot rebuild).
 */
function compareSheet(
  sheet: SheetModel,
  model: WorkbookModel,
  read: ReadBackSheet,
  generated = true
): Message[] {
  const header = headerRowOf(sheet.name);
  const formulas = formulaRows(read.formulas);
  const found: Message[] = [];
  let count = 0;
  if (generated)
    sheet.cells.forEach((line, r) => {
      line.forEach((cell, c) => {
        if (!cell || (cell.style && model.styles[cell.style].unlocked)) return;
        const raw = read.rows[r]?.[c] ?? null;
        const formula = formulas[r]?.[c];
        if (sameLockedCell(cell, raw, formula)) return;
        count++;
        if (found.length >= MAX_DETAILS) return;
        const params = {
          sheet: sheet.name,
          cell: a1(r, c),
          expected: expectedShown(cell),
          found: formula !== undefined ? `=${formula}` : shown(raw),
        };
        if (header !== null && r === header) found.push(message("merge.columns_altered", params));
        else if (header !== null && r > header && c === 0)
          found.push(message("merge.rows_altered", params));
        else found.push(message("merge.locked_changed", params));
      });
    });
  // Content where the generator wrote nothing (beside a table, below a sheet without header row):
  // a locked cell changed too (cells are locked unless the generator unlocked them).
  read.rows.forEach((row, r) => {
    if (header !== null && r >= sheet.cells.length) return; // rows added below: reported next
    row.forEach((raw, c) => {
      if (sheet.cells[r]?.[c]) return; // compared above
      const formula = formulas[r]?.[c];
      if (formula === undefined && isBlank(raw)) return;
      count++;
      if (found.length < MAX_DETAILS)
        found.push(
          message("merge.locked_changed", {
            sheet: sheet.name,
            cell: a1(r, c),
            expected: "(vide)",
            found: formula !== undefined ? `=${formula}` : shown(raw),
          })
        );
    });
  });
  // Rows added below the table (where nothing was generated) are a change of structure too.
  if (header !== null) {
    for (let r = sheet.cells.length; r < read.rows.length; r++) {
      const row = read.rows[r] ?? [];
      if (row.some((v) => v !== null && v !== undefined && String(v).trim() !== "")) {
        count++;
        if (found.length < MAX_DETAILS)
          found.push(message("merge.rows_added", { sheet: sheet.name, row: r + 1 }));
        break;
      }
    }
  }
  if (count > found.length)
    found.push(message("merge.more_changes", { sheet: sheet.name, count: count - found.length }));
  return found;
}

/** Why a return was not prepared from the master's plan and version (checked before anything else). */
export function planProblems(
  meta: Pick<StoredMeta, "planId" | "planVersion">,
  master: Pick<StoredMeta, "planId" | "planVersion">
): Message[] {
  if (meta.planId !== master.planId)
    return [message("merge.other_plan", { found: meta.planId, expected: master.planId })];
  if (meta.planVersion !== master.planVersion)
    return [
      message("merge.other_version", { found: meta.planVersion, expected: master.planVersion }),
    ];
  return [];
}

/**
 * Verifies a return against the model it should have (the master's plan, built for the return's
 * partner). `master` is the master's metadata.
 */
export function verifyReturn(
  expected: WorkbookModel,
  returned: ReturnedWorkbook,
  master: Pick<StoredMeta, "planId" | "planVersion">
): Verification {
  const problems: Message[] = [];
  const warnings: Message[] = [];
  const meta = returned.meta;
  problems.push(...planProblems(meta, master));
  if (problems.length > 0) return { ok: false, problems, warnings };
  if (meta.fingerprint !== expected.meta.fingerprint)
    problems.push(message("merge.fingerprint", { partner: meta.partner || "classeur complet" }));

  const expectedNames = new Set(expected.sheets.map((s) => s.name));
  const extra = [...returned.sheets.keys()].filter((n) => !expectedNames.has(n));
  for (const sheet of expected.sheets) {
    const read = returned.sheets.get(sheet.name);
    // A return prepared before the Tableau de bord existed: it holds no entry, the merge rebuilds it.
    if (!read && sheet.name === DASHBOARD_SHEET) continue;
    if (!read) {
      problems.push(
        extra.length > 0
          ? message("merge.sheet_renamed", { sheet: sheet.name, found: extra.join(", ") })
          : message("merge.sheet_missing", { sheet: sheet.name })
      );
      continue;
    }
    if (sheet.protection?.enabled && read.protected === false)
      warnings.push(message("merge.unprotected", { sheet: sheet.name }));
    // The Sommaire says when and by which version the file was made: only what was added is checked.
    // One by one: an altered sheet of 130 000 rows gives as many problems (too many arguments).
    for (const p of compareSheet(sheet, expected, read, sheet.name !== SUMMARY_SHEET))
      problems.push(p);
  }
  if (problems.length === 0)
    for (const name of extra) warnings.push(message("merge.sheet_added", { sheet: name }));
  return { ok: problems.length === 0, problems, warnings };
}
