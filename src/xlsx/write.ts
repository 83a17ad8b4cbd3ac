import type ExcelJS from "exceljs";
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
import { addWorkbookParts } from "./workbookParts";
import { ZipWriter } from "./zip";
import { renderWorkbook } from "./render";
import { sheetNamesOf } from "./read";
import {
  chartedSheets,
  chartParts,
  DRAWING_REL_TYPE,
  drawingTarget,
  withChartContentTypes,
  withDrawing,
  withRelationship,
} from "./charts";
import { unzipFiles, zipFileNames } from "./unzip";
import { zipEntries } from "./zip";
import { isoToDate } from "../domain/workbook/units";

/**
 * The `.xlsx` adapter: renders the workbook model with exceljs. No business rule here: every value,
 * formula, format, validation and protection comes from the model.
 */

export { META_SCHEMA, META_SHEET } from "../domain/workbook/meta";

function argb(rgb: string): string {
  return `FF${rgb.toUpperCase()}`;
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
      return (
        v.cached === undefined
          ? { formula: v.formula, date1904: false }
          : { formula: v.formula, result: v.cached, date1904: false }
      ) as ExcelJS.CellFormulaValue;
    case "link":
      return {
        text: v.text,
        hyperlink: `#'${v.sheet.replace(/'/g, "''")}'!${v.cell}`,
      } as ExcelJS.CellHyperlinkValue;
  }
}

/** The exceljs style of a named style (fresh objects: the caller shares and freezes them). */
function excelStyle(
  style: CellStyle | undefined,
  numFmt: string | undefined
): Partial<ExcelJS.Style> {
  const out: Partial<ExcelJS.Style> = {};
  if (style) {
    out.font = {
      name: "Calibri",
      size: style.size ?? 10,
      bold: style.bold ?? false,
      italic: style.italic ?? false,
      underline: style.underline ?? false,
      ...(style.color ? { color: { argb: argb(style.color) } } : {}),
    };
    if (style.fill)
      out.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
    if (style.border === "thin") {
      const side: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FFBFBFBF" } };
      out.border = { top: side, left: side, bottom: side, right: side };
    }
    out.alignment = {
      wrapText: style.wrap ?? false,
      vertical: style.vertical ?? "top",
      ...(style.horizontal ? { horizontal: style.horizontal } : {}),
    };
    out.protection = { locked: !style.unlocked };
  } else {
    out.protection = { locked: true };
  }
  if (numFmt) out.numFmt = numFmt;
  return out;
}

function deepFreeze<T extends object>(value: T): T {
  for (const v of Object.values(value)) if (v && typeof v === "object") deepFreeze(v as object);
  return Object.freeze(value);
}

/**
 * One shared, frozen exceljs style object per (named style, number format) for a whole write.
 * exceljs's style manager remembers the style id of a style object it has seen (by identity), so a
 * shared object is serialised once instead of once per cell; the `.xlsx` file is the same. Frozen:
 * an exceljs setter (`cell.font = ...`) on a shared style would otherwise restyle every cell of it.
 * A date cell without a number format has its own object: exceljs gives such a cell its default
 * date format, and would give the first cell's choice to every cell sharing the object.
 */
function styleSharer(model: WorkbookModel): (cell: Cell) => Partial<ExcelJS.Style> {
  const shared = new Map<string, Partial<ExcelJS.Style>>();
  return (cell) => {
    const numFmt = cell.format ? NUMBER_FORMATS[cell.format] : undefined;
    const key = `${cell.style ?? ""}\u0000${numFmt ?? (cell.value?.kind === "date" ? "\u0000date" : "")}`;
    let style = shared.get(key);
    if (!style) {
      style = deepFreeze(excelStyle(cell.style ? model.styles[cell.style] : undefined, numFmt));
      shared.set(key, style);
    }
    return style;
  };
}

function writeSheet(
  wb: ExcelJS.Workbook,
  sheet: SheetModel,
  styleOf: (cell: Cell) => Partial<ExcelJS.Style>
): void {
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
      ...(sheet.print.area ? { printArea: sheet.print.area } : {}),
      ...(sheet.print.narrowMargins
        ? {
            margins: { left: 0.25, right: 0.25, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
          }
        : {}),
    },
  });
  // A page break under the row before each page's first row (exceljs: `rowBreaks`).
  for (const r of sheet.print.rowBreaks ?? []) if (r > 0) ws.getRow(r).addPageBreak();
  sheet.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.hidden) {
      col.outlineLevel = 1;
      col.hidden = true;
    }
  });

  // Tables first (exceljs writes their cells: header names, then the rows given, here empty: the
  // loop below writes every cell of the sheet, those of the tables included, as it writes the others).
  for (const t of sheet.tables) {
    ws.addTable({
      name: t.name,
      ref: `${columnLetter(t.left)}${t.top + 1}`,
      headerRow: true,
      totalsRow: false,
      style: { theme: t.style as ExcelJS.TableStyleProperties["theme"], showRowStripes: false },
      columns: t.columns.map((name) => ({ name, filterButton: true })),
      rows: Array.from({ length: t.rowCount }, () => t.columns.map(() => null)),
    });
  }
  sheet.cells.forEach((line, r) => {
    let row: ExcelJS.Row | undefined;
    line.forEach((cell, c) => {
      if (!cell) return;
      row ??= ws.getRow(r + 1);
      const target = row.getCell(c + 1);
      target.value = cellValue(cell.value);
      target.style = styleOf(cell);
    });
  });
  for (const [row, h] of Object.entries(sheet.rowHeights)) ws.getRow(Number(row) + 1).height = h;
  // A user's notes carried over (exceljs keeps no author: the text is the note).
  for (const n of sheet.notes ?? []) ws.getCell(n.row + 1, n.col + 1).note = n.text;

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
 * output, as they are: values, the user's own formulas, styles, notes, widths, heights, merged cells.
 * Returns their names.
 */
async function copyUserSheets(
  excelJs: typeof ExcelJS,
  wb: ExcelJS.Workbook,
  model: WorkbookModel,
  source: Uint8Array
): Promise<string[]> {
  const generated = new Set([...model.sheets.map((s) => s.name), META_SHEET]);
  const from = new excelJs.Workbook();
  await from.xlsx.load(source as unknown as ArrayBuffer);
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
        // The user's notes (comments) go with their cells.
        if (cell.note !== undefined) target.note = structuredClone(cell.note);
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

/**
 * Renders the model as an `.xlsx` file's bytes (a Buffer in Node, a Uint8Array in a browser).
 * The model is rendered by our own part writer (render.ts); exceljs renders the file only when a
 * user's own sheets are carried over from `keepUserSheetsFrom` (their content is not the model's).
 */
export async function writeXlsx(model: WorkbookModel, options: WriteOptions = {}): Promise<Buffer> {
  const source = options.keepUserSheetsFrom;
  let bytes: Uint8Array;
  if (source && mayHoldUserSheets(model, source)) {
    bytes = await writeWithExcelJs(model, options);
  } else {
    const zip = new ZipWriter();
    renderWorkbook(model, zip, new Date());
    bytes = await zip.finish();
    if (source) options.onUserSheets?.([]);
  }
  // A Buffer in Node, a Uint8Array in a browser (no global Buffer).
  return (
    typeof Buffer !== "undefined"
      ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      : bytes
  ) as Buffer;
}

/** Whether a workbook may hold sheets the model does not generate (unreadable names: it may). */
function mayHoldUserSheets(model: WorkbookModel, source: Uint8Array): boolean {
  const generated = new Set([...model.sheets.map((s) => s.name), META_SHEET]);
  const names = sheetNamesOf(source);
  return !names || names.some((n) => !generated.has(n));
}

/** The model and a user's sheets rendered by exceljs. */
async function writeWithExcelJs(model: WorkbookModel, options: WriteOptions): Promise<Uint8Array> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.creator = `${model.meta.generator} ${model.meta.generatorVersion}`;
  wb.title = model.sheets[0]?.name ?? "CTG";
  wb.calcProperties = { fullCalcOnLoad: true };
  const styleOf = styleSharer(model);
  for (const sheet of model.sheets) writeSheet(wb, sheet, styleOf);
  if (options.keepUserSheetsFrom) {
    const names = await copyUserSheets(ExcelJS, wb, model, options.keepUserSheetsFrom);
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
  // exceljs renders the parts, zipped here (zip.ts): exceljs's JSZip deflates in pure JavaScript,
  // several times slower than the platform's own deflate, which also runs while exceljs renders.
  const charts = excelJsCharts(wb, model);
  const zip = new ZipWriter();
  if (await addWorkbookParts(wb, zip, charts.patch)) {
    for (const [name, xml] of charts.rest()) zip.add(name, new TextEncoder().encode(xml));
    return await zip.finish();
  }
  const data = await wb.xlsx.writeBuffer();
  return withCharts(
    data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer),
    charts
  );
}

/** The model's charts added to exceljs's parts (exceljs writes none): see charts.ts. */
interface ExcelJsCharts {
  /** A part exceljs writes, with what the charts need (content types, drawing, relationship). */
  patch(name: string, xml: string): string;
  /** The parts to add once exceljs's are written: drawings, charts, relationships not patched. */
  rest(): Array<[string, string]>;
}

function excelJsCharts(wb: ExcelJS.Workbook, model: WorkbookModel): ExcelJsCharts {
  const charted = chartedSheets(
    model.sheets.flatMap((sheet) => {
      const ws = wb.getWorksheet(sheet.name);
      // exceljs names a sheet's part after its id.
      return ws && sheet.charts?.length ? [{ sheet, file: ws.id }] : [];
    })
  );
  const rId = "rIdCtgCharts";
  const sheetPart = new Map(charted.map((p) => [`xl/worksheets/sheet${p.file}.xml`, p]));
  const relsPart = new Map(charted.map((p) => [`xl/worksheets/_rels/sheet${p.file}.xml.rels`, p]));
  const related = new Set<number>();
  return {
    patch(name, xml) {
      if (charted.length === 0) return xml;
      if (name === "[Content_Types].xml") return withChartContentTypes(xml, charted);
      if (sheetPart.has(name)) return withDrawing(xml, rId);
      const p = relsPart.get(name);
      if (!p) return xml;
      related.add(p.file);
      return withRelationship(xml, rId, DRAWING_REL_TYPE, drawingTarget(p));
    },
    rest: () =>
      charted.flatMap((p): Array<[string, string]> => [
        ...(related.has(p.file)
          ? []
          : [
              [
                `xl/worksheets/_rels/sheet${p.file}.xml.rels`,
                withRelationship(null, rId, DRAWING_REL_TYPE, drawingTarget(p)),
              ] as [string, string],
            ]),
        ...chartParts(p),
      ]),
  };
}

/** A file exceljs zipped itself, its parts patched and the charts' added. */
async function withCharts(bytes: Uint8Array, charts: ExcelJsCharts): Promise<Uint8Array> {
  const names = zipFileNames(bytes);
  const files = await unzipFiles(bytes, new Set(names));
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const entries = names.map((name) => {
    const data = files.get(name) ?? new Uint8Array();
    const patched =
      name.endsWith(".xml") || name.endsWith(".rels")
        ? charts.patch(name, decoder.decode(data))
        : null;
    return { name, data: patched === null ? data : encoder.encode(patched) };
  });
  for (const [name, xml] of charts.rest()) entries.push({ name, data: encoder.encode(xml) });
  return zipEntries(entries);
}
