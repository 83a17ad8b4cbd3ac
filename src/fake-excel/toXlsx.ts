/**
 * Saves the fake's workbook as an `.xlsx` file (exceljs; Node tests only), so that what the add-in
 * generated can be opened in LibreOffice and compared with `ctg build`'s file. Column widths go back
 * from points to characters; custom XML parts are not written (exceljs cannot), the `CTG_meta` sheet is.
 */
import ExcelJS from "exceljs";
import { columnName } from "./address";
import { snapshot, type SnapshotSheet } from "./snapshot";
import type { BorderSide, CellState, WorkbookState } from "./state";
import { pointsToWidth, serialToDate } from "../domain/workbook/units";

const argb = (hex: string) => `FF${hex.replace(/^#/, "").toUpperCase()}`;

const DATE_FORMAT = /(^|[^"\\])(d|m|y)/i;

function cellValue(cell: CellState): ExcelJS.CellValue {
  if (cell.formula !== null)
    return { formula: cell.formula.slice(1), date1904: false } as ExcelJS.CellFormulaValue;
  if (cell.hyperlink?.documentReference && typeof cell.value === "string")
    return {
      text: cell.value,
      hyperlink: `#${cell.hyperlink.documentReference}`,
    } as ExcelJS.CellHyperlinkValue;
  if (
    typeof cell.value === "number" &&
    cell.numberFormat !== "General" &&
    DATE_FORMAT.test(cell.numberFormat) &&
    !cell.numberFormat.includes("0")
  )
    return serialToDate(cell.value);
  return cell.value;
}

function border(side: BorderSide | null): Partial<ExcelJS.Border> | undefined {
  if (!side || side.style === "None") return undefined;
  return {
    style: side.weight === "Medium" ? "medium" : side.weight === "Thick" ? "thick" : "thin",
    color: { argb: argb(side.color) },
  };
}

function writeCell(target: ExcelJS.Cell, cell: CellState): void {
  target.value = cellValue(cell);
  const f = cell.format;
  target.font = {
    name: f.fontName,
    size: f.fontSize,
    bold: f.bold,
    italic: f.italic,
    underline: f.underline !== "None",
    color: { argb: argb(f.fontColor) },
  };
  if (f.fill) target.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(f.fill) } };
  const b: Partial<ExcelJS.Borders> = {};
  const top = border(f.borderTop);
  const bottom = border(f.borderBottom);
  const left = border(f.borderLeft);
  const right = border(f.borderRight);
  if (top) b.top = top;
  if (bottom) b.bottom = bottom;
  if (left) b.left = left;
  if (right) b.right = right;
  if (Object.keys(b).length > 0) target.border = b;
  const vertical = { Top: "top", Center: "middle", Bottom: "bottom" } as const;
  const horizontal = { Left: "left", Center: "center", Right: "right" } as const;
  target.alignment = {
    wrapText: f.wrapText,
    ...(f.vertical in vertical ? { vertical: vertical[f.vertical as keyof typeof vertical] } : {}),
    ...(f.horizontal in horizontal
      ? { horizontal: horizontal[f.horizontal as keyof typeof horizontal] }
      : {}),
  };
  target.protection = { locked: f.locked };
  if (cell.numberFormat !== "General") target.numFmt = cell.numberFormat;
}

function operand(v: unknown): number | string | Date {
  if (typeof v === "number") return v;
  const s = String(v);
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) return new Date(`${s.slice(0, 10)}T00:00:00Z`);
  return s.replace(/^=/, "");
}

function writeSheet(wb: ExcelJS.Workbook, s: SnapshotSheet): void {
  const ws = wb.addWorksheet(s.name, {
    state:
      s.visibility === "VeryHidden"
        ? "veryHidden"
        : s.visibility === "Hidden"
          ? "hidden"
          : "visible",
    properties: s.tabColor ? { tabColor: { argb: argb(s.tabColor) } } : {},
    pageSetup: {
      orientation: s.print.orientation === "Landscape" ? "landscape" : "portrait",
      fitToPage: s.print.fitToWidth,
      fitToWidth: 1,
      fitToHeight: 0,
      paperSize: 9,
      ...(s.print.titleRows ? { printTitlesRow: s.print.titleRows.replace(/\$/g, "") } : {}),
      ...(s.print.area ? { printArea: s.print.area } : {}),
    },
    views:
      s.frozen && (s.frozen.rows > 0 || s.frozen.columns > 0)
        ? [
            {
              state: "frozen",
              xSplit: s.frozen.columns,
              ySplit: s.frozen.rows,
              topLeftCell: `${columnName(s.frozen.columns)}${s.frozen.rows + 1}`,
            },
          ]
        : [{ state: "normal" }],
  });
  for (const r of s.print.rowBreaks ?? []) ws.getRow(r).addPageBreak();
  for (const col of s.columns) {
    const c = ws.getColumn(col.index + 1);
    if (col.width !== undefined) c.width = pointsToWidth(col.width);
    if (col.outlineLevel) c.outlineLevel = col.outlineLevel;
    if (col.hidden) c.hidden = true;
  }
  for (const t of s.tables) {
    const rows: ExcelJS.CellValue[][] = [];
    for (let r = t.rect.r0 + 1; r <= t.rect.r1; r++)
      rows.push(
        t.headers.map((_, k) => {
          const cell = s.cells[r]?.[t.rect.c0 + k];
          return cell ? cellValue(cell) : null;
        })
      );
    ws.addTable({
      name: t.name,
      ref: `${columnName(t.rect.c0)}${t.rect.r0 + 1}`,
      headerRow: true,
      totalsRow: false,
      style: {
        theme: t.style as ExcelJS.TableStyleProperties["theme"],
        showRowStripes: t.showBandedRows,
      },
      columns: t.headers.map((name) => ({ name, filterButton: t.showFilterButton })),
      rows,
    });
  }
  s.cells.forEach((line, r) =>
    line.forEach((cell, c) => {
      if (cell) writeCell(ws.getCell(r + 1, c + 1), cell);
    })
  );
  for (const [row, h] of Object.entries(s.rowHeights)) ws.getRow(Number(row) + 1).height = h;
  for (const v of s.validations) {
    const rule = v.rule ?? {};
    const [kind, body] = (Object.entries(rule)[0] ?? ["", {}]) as [string, Record<string, unknown>];
    const operator =
      typeof body.operator === "string"
        ? body.operator.charAt(0).toLowerCase() + body.operator.slice(1).replace("To", "")
        : undefined;
    const ops: Record<string, ExcelJS.DataValidationOperator> = {
      between: "between",
      notBetween: "notBetween",
      equal: "equal",
      notEqual: "notEqual",
      greaterThan: "greaterThan",
      lessThan: "lessThan",
      greaterThanOrEqual: "greaterThanOrEqual",
      lessThanOrEqual: "lessThanOrEqual",
    };
    const type =
      kind === "wholeNumber"
        ? "whole"
        : kind === "decimal"
          ? "decimal"
          : kind === "list"
            ? "list"
            : "date";
    const formulae =
      kind === "list"
        ? [String(body.source ?? "").replace(/^=/, "")]
        : [
            operand(body.formula1),
            ...(body.formula2 !== undefined ? [operand(body.formula2)] : []),
          ];
    const dv: ExcelJS.DataValidation = {
      type,
      allowBlank: v.ignoreBlanks,
      formulae,
      ...(type !== "list" && operator ? { operator: ops[operator] ?? "between" } : {}),
      showInputMessage: v.prompt?.showPrompt ?? false,
      promptTitle: v.prompt?.title ?? "",
      prompt: v.prompt?.message ?? "",
      showErrorMessage: v.errorAlert?.showAlert ?? true,
      errorStyle: (v.errorAlert?.style ?? "Stop").toLowerCase(),
      errorTitle: v.errorAlert?.title ?? "",
      error: v.errorAlert?.message ?? "",
    };
    (
      ws as unknown as {
        dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void };
      }
    ).dataValidations.add(v.address, dv);
  }
  for (const cf of s.conditionalFormats) {
    if (cf.type === "Custom") {
      ws.addConditionalFormatting({
        ref: cf.address,
        rules: [
          {
            type: "expression",
            priority: cf.priority + 1,
            formulae: [(cf.formula ?? "").replace(/^=/, "")],
            style: {
              ...(cf.fill
                ? { fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(cf.fill) } } }
                : {}),
              ...(cf.fontColor || cf.bold
                ? {
                    font: {
                      ...(cf.fontColor ? { color: { argb: argb(cf.fontColor) } } : {}),
                      ...(cf.bold ? { bold: true } : {}),
                    },
                  }
                : {}),
            },
          },
        ],
      });
    } else {
      ws.addConditionalFormatting({
        ref: cf.address,
        rules: [
          {
            type: "dataBar",
            priority: cf.priority + 1,
            gradient: cf.gradientFill ?? false,
            cfvo: [
              { type: "num", value: Number(cf.lowerBound?.formula ?? 0) },
              { type: "num", value: Number(cf.upperBound?.formula ?? 1) },
            ],
            color: { argb: argb(cf.barColor ?? "#638EC6") },
          } as unknown as ExcelJS.ConditionalFormattingRule,
        ],
      });
    }
  }
}

/** The fake's workbook as `.xlsx` bytes. */
export async function fakeToXlsx(state: WorkbookState): Promise<Buffer> {
  const snap = snapshot(state);
  const wb = new ExcelJS.Workbook();
  wb.calcProperties = { fullCalcOnLoad: true };
  for (const s of snap.sheets) writeSheet(wb, s);
  for (const n of snap.names) wb.definedNames.add(n.formula.replace(/^=/, ""), n.name);
  for (const s of snap.sheets) {
    if (!s.protection.protected) continue;
    const o = s.protection.options;
    await wb.getWorksheet(s.name)?.protect("", {
      formatColumns: o.allowFormatColumns ?? false,
      sort: o.allowSort ?? false,
      autoFilter: o.allowAutoFilter ?? false,
      selectLockedCells: true,
      selectUnlockedCells: true,
    });
  }
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
