import ExcelJS from "exceljs";
import type {
  Cell,
  CellStyle,
  CellValue,
  SheetModel,
  WorkbookModel,
} from "../domain/workbook/model";
import { NUMBER_FORMATS } from "../domain/workbook/model";
import { columnLetter } from "../domain/workbook/grid";
import { META_SHEET, metaSheetRows } from "../domain/workbook/meta";

/**
 * The `.xlsx` adapter: renders the workbook model with exceljs. No business rule here: every value,
 * formula, format, validation and protection comes from the model.
 */

export { META_SCHEMA, META_SHEET } from "../domain/workbook/meta";

function argb(rgb: string): string {
  return `FF${rgb.toUpperCase()}`;
}

function isoToDate(iso: string): Date {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/** The exceljs value of a model cell. Text stays text: exceljs stores strings as strings, never formulas. */
export function cellValue(v: CellValue | null): ExcelJS.CellValue {
  if (v === null) return null;
  switch (v.kind) {
    case "text":
      return v.text;
    case "number":
    case "boolean":
      return v.value;
    case "date":
      return isoToDate(v.iso);
    case "formula":
      return { formula: v.formula, date1904: false } as ExcelJS.CellFormulaValue;
    case "link":
      return {
        text: v.text,
        hyperlink: `#'${v.sheet.replace(/'/g, "''")}'!${v.cell}`,
      } as ExcelJS.CellHyperlinkValue;
  }
}

function applyStyle(cell: ExcelJS.Cell, style: CellStyle | undefined, model: Cell): void {
  if (style) {
    cell.font = {
      name: "Calibri",
      size: style.size ?? 10,
      bold: style.bold ?? false,
      italic: style.italic ?? false,
      underline: style.underline ?? false,
      ...(style.color ? { color: { argb: argb(style.color) } } : {}),
    };
    if (style.fill)
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
    if (style.border === "thin") {
      const side: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FFBFBFBF" } };
      cell.border = { top: side, left: side, bottom: side, right: side };
    }
    cell.alignment = {
      wrapText: style.wrap ?? false,
      vertical: style.vertical ?? "top",
      ...(style.horizontal ? { horizontal: style.horizontal } : {}),
    };
    cell.protection = { locked: !style.unlocked };
  } else {
    cell.protection = { locked: true };
  }
  if (model.format) cell.numFmt = NUMBER_FORMATS[model.format];
}

function writeSheet(wb: ExcelJS.Workbook, sheet: SheetModel, model: WorkbookModel): void {
  const ws = wb.addWorksheet(sheet.name, {
    properties: sheet.tabColor ? { tabColor: { argb: argb(sheet.tabColor) } } : {},
    views: sheet.frozen
      ? [
          {
            state: "frozen",
            xSplit: sheet.frozen.columns,
            ySplit: sheet.frozen.rows,
            topLeftCell: `${columnLetter(sheet.frozen.columns)}${sheet.frozen.rows + 1}`,
          },
        ]
      : [{ state: "normal" }],
    pageSetup: {
      orientation: sheet.print.orientation,
      fitToPage: sheet.print.fitToWidth,
      fitToWidth: 1,
      fitToHeight: 0,
      paperSize: 9,
      ...(sheet.print.repeatRows ? { printTitlesRow: sheet.print.repeatRows } : {}),
    },
  });
  sheet.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.hidden) {
      col.outlineLevel = 1;
      col.hidden = true;
    }
  });

  // Tables first (exceljs writes their cells), then every cell with its value and style.
  for (const t of sheet.tables) {
    const rows: ExcelJS.CellValue[][] = [];
    for (let r = 0; r < t.rowCount; r++) {
      const line = sheet.cells[t.top + 1 + r] ?? [];
      rows.push(t.columns.map((_, c) => cellValue(line[t.left + c]?.value ?? null)));
    }
    ws.addTable({
      name: t.name,
      ref: `${columnLetter(t.left)}${t.top + 1}`,
      headerRow: true,
      totalsRow: false,
      style: { theme: t.style as ExcelJS.TableStyleProperties["theme"], showRowStripes: false },
      columns: t.columns.map((name) => ({ name, filterButton: true })),
      rows,
    });
  }
  sheet.cells.forEach((line, r) => {
    line.forEach((cell, c) => {
      if (!cell) return;
      const target = ws.getCell(r + 1, c + 1);
      target.value = cellValue(cell.value);
      applyStyle(target, cell.style ? model.styles[cell.style] : undefined, cell);
    });
  });
  for (const [row, h] of Object.entries(sheet.rowHeights)) ws.getRow(Number(row) + 1).height = h;

  for (const v of sheet.validations) {
    const base = {
      allowBlank: v.allowBlank,
      showInputMessage: true,
      promptTitle: v.promptTitle.slice(0, 32),
      prompt: v.prompt.slice(0, 255),
      showErrorMessage: true,
      errorStyle: v.alert,
      errorTitle: v.errorTitle.slice(0, 32),
      error: v.error.slice(0, 255),
    };
    let rule: ExcelJS.DataValidation;
    switch (v.rule.kind) {
      case "whole":
      case "decimal":
        rule =
          v.rule.max === undefined
            ? { ...base, type: v.rule.kind, operator: "greaterThanOrEqual", formulae: [v.rule.min] }
            : {
                ...base,
                type: v.rule.kind,
                operator: "between",
                formulae: [v.rule.min, v.rule.max],
              };
        break;
      case "list":
        rule = { ...base, type: "list", formulae: [v.rule.source] };
        break;
      case "date":
        rule = {
          ...base,
          type: "date",
          operator: "greaterThan",
          formulae: [new Date(Date.UTC(1990, 0, 1))],
        };
        break;
    }
    // exceljs keeps one rule per address range.
    (
      ws as unknown as {
        dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void };
      }
    ).dataValidations.add(v.range, rule);
  }

  for (const cf of sheet.conditionalFormats) {
    ws.addConditionalFormatting({
      ref: cf.range,
      rules: [
        {
          type: "expression",
          priority: cf.priority,
          formulae: [cf.formula],
          style: {
            fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(cf.fill) } },
            ...(cf.color || cf.bold
              ? {
                  font: {
                    ...(cf.color ? { color: { argb: argb(cf.color) } } : {}),
                    ...(cf.bold ? { bold: true } : {}),
                  },
                }
              : {}),
          },
        },
      ],
    });
  }
  for (const bar of sheet.dataBars) {
    ws.addConditionalFormatting({
      ref: bar.range,
      rules: [
        {
          type: "dataBar",
          priority: 100,
          gradient: false,
          cfvo: [
            { type: "num", value: 0 },
            { type: "num", value: 1 },
          ],
          color: { argb: argb(bar.color) },
        } as unknown as ExcelJS.ConditionalFormattingRule,
      ],
    });
  }
}

function writeMeta(wb: ExcelJS.Workbook, model: WorkbookModel): void {
  const ws = wb.addWorksheet(META_SHEET);
  const rows = metaSheetRows(model);
  rows.forEach(([k, v], i) => {
    ws.getCell(i + 1, 1).value = k;
    ws.getCell(i + 1, 2).value = v;
  });
  ws.state = "veryHidden";
}

/**
 * Copies the sheets a user added to a workbook (any sheet the model does not generate) into the
 * output, as they are: values, the user's own formulas, styles, widths, heights, merged cells.
 * Returns their names.
 */
async function copyUserSheets(
  wb: ExcelJS.Workbook,
  model: WorkbookModel,
  source: Uint8Array
): Promise<string[]> {
  const from = new ExcelJS.Workbook();
  await from.xlsx.load(source as unknown as ArrayBuffer);
  const generated = new Set([...model.sheets.map((s) => s.name), META_SHEET]);
  const copied: string[] = [];
  for (const ws of from.worksheets) {
    if (generated.has(ws.name)) continue;
    const to = wb.addWorksheet(ws.name, { properties: { ...ws.properties } });
    to.state = ws.state;
    ws.columns?.forEach((col, i) => {
      if (col.width) to.getColumn(i + 1).width = col.width;
    });
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      if (row.height) to.getRow(r).height = row.height;
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const target = to.getCell(r, c);
        const v = cell.value;
        // A shared formula is written as its own text (the master cell may not be copied first).
        target.value =
          v && typeof v === "object" && "sharedFormula" in v
            ? ({ formula: cell.formula, result: v.result } as ExcelJS.CellFormulaValue)
            : v;
        target.style = structuredClone(cell.style);
      });
    });
    for (const range of (ws.model as { merges?: string[] }).merges ?? []) to.mergeCells(range);
    copied.push(ws.name);
  }
  return copied;
}

export interface WriteOptions {
  /** The workbook being replaced: the sheets a user added to it are carried over. */
  readonly keepUserSheetsFrom?: Uint8Array;
  /** Told the names of the sheets carried over. */
  readonly onUserSheets?: (names: readonly string[]) => void;
}

/** Renders the model as an `.xlsx` file's bytes (a Buffer in Node, a Uint8Array in a browser). */
export async function writeXlsx(model: WorkbookModel, options: WriteOptions = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = `${model.meta.generator} ${model.meta.generatorVersion}`;
  wb.title = model.sheets[0]?.name ?? "CTG";
  wb.calcProperties = { fullCalcOnLoad: true };
  for (const sheet of model.sheets) writeSheet(wb, sheet, model);
  if (options.keepUserSheetsFrom) {
    const names = await copyUserSheets(wb, model, options.keepUserSheetsFrom);
    options.onUserSheets?.(names);
  }
  writeMeta(wb, model);
  for (const n of model.names) wb.definedNames.add(n.ref, n.name);
  for (const sheet of model.sheets) {
    if (sheet.protection?.enabled) {
      await wb.getWorksheet(sheet.name)?.protect("", {
        formatColumns: sheet.protection.allowFormatColumns,
        sort: sheet.protection.allowSort,
        autoFilter: sheet.protection.allowAutoFilter,
        selectLockedCells: true,
        selectUnlockedCells: true,
      });
    }
  }
  const data = await wb.xlsx.writeBuffer();
  // exceljs gives a Buffer in Node and an ArrayBuffer-backed array in a browser (no global Buffer).
  return (
    typeof Buffer !== "undefined"
      ? Buffer.from(data as ArrayBuffer)
      : new Uint8Array(data as ArrayBuffer)
  ) as Buffer;
}
