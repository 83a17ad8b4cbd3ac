/**
 * The Office.js adapter: renders the workbook model in the open workbook, like src/xlsx/write.ts does
 * in a file. No business rule here: values, formulas, formats, validations and protection come from
 * the model.
 *
 * Round trips: one to look at the workbook, one to prepare it (calculation manual, old CTG sheets
 * removed, every new sheet added so that cross-sheet formulas and lists resolve), one per sheet
 * (values and formulas as one 2-D array, formats on rectangles of cells sharing a style, validations,
 * conditional formats, table, frozen panes, protection) and one to finish (names, metadata,
 * calculation restored). A sheet whose requests would exceed the payload budget is split into
 * several requests (bands of rows).
 */
import { columnLetter } from "../domain/workbook/grid";
import { inputSheetSpec, type ReadBackSheet } from "../domain/workbook/entries";
import { renameSheetInFormula } from "../domain/workbook/sheetReferences";
import type {
  Cell,
  CellStyle,
  ChartModel,
  ConditionalFormat,
  DataValidation,
  SheetModel,
  WorkbookModel,
} from "../domain/workbook/model";
import { NUMBER_FORMATS } from "../domain/workbook/model";
import type { Progress } from "../app/port";
import { modelInput, textInput, widthToPoints, type OfficeInput } from "./cells";
import type { BorderIndexLike, RangeLike, RequestContextLike, WorksheetLike } from "./excelApi";
import { ASIDE_MARK, deleteSheet, TABLE_ASIDE_SUFFIX } from "./aside";
import { metaSheetRows, metaXml, META_NAMESPACE, META_SHEET } from "./meta";

/** Excel on the web refuses requests above 5 MB; the adapter keeps a margin. */
export const DEFAULT_PAYLOAD_BUDGET = 3_700_000;

export interface RenderOptions {
  /** Largest request the adapter builds, in bytes (default 3.7 MB: real bodies stay under 4 MB). */
  readonly payloadBudget?: number;
  /** The host has ExcelApi 1.9: print setup is rendered and screen updating suspended (default true). */
  readonly printSetup?: boolean;
  /**
   * The host has ExcelApi 1.10: the detail columns are grouped under `+` (`Range.group`); else they
   * are only hidden (default true).
   */
  readonly outline?: boolean;
  /**
   * Co-authoring: the sheets holding entries are read again in the request that puts them aside;
   * `revise` gets what was read and returns the model to write instead (null: no change since the
   * workflow read the workbook).
   */
  readonly reread?: {
    readonly queue: (sheets: readonly string[]) => () => ReadonlyMap<string, ReadBackSheet>;
    readonly revise: (sheets: ReadonlyMap<string, ReadBackSheet>) => WorkbookModel | null;
  };
}

export interface RenderReport {
  readonly syncs: number;
  readonly sheets: number;
}

const encoder = new TextEncoder();
function bytesOf(value: unknown): number {
  return encoder.encode(JSON.stringify(value)).length + 48;
}

/**
 * What each kind of operation adds to a request body, in bytes, beyond its values: object paths,
 * instantiate and keep-reference actions, property names, as Microsoft's client writes them
 * (measured with `@microsoft/office-js` 1.1.110 through tests/support/officeJs.ts, rounded up;
 * tests/office/adapter.test.ts and profiles.test.ts fail if a real request reaches 4 MB, or the
 * 5 MB limit of Excel on the web).
 */
const COST = {
  /** Each request: the global object, the sheet and the screen-updating call. */
  request: 1_000,
  tabColor: 150,
  /** A 2-D array set on a range: the client sends it in chunks of 1 500 cells, each with 3 paths. */
  band: 600,
  chunk: 700,
  link: 600,
  /** A style: fill, font, alignment, borders, number format, protection of one rectangle. */
  style: 5_400,
  size: 650,
  group: 650,
  table: 1_400,
  validation: 1_000,
  conditionalFormat: 1_900,
  dataBar: 1_700,
  freeze: 650,
  print: 550,
  protect: 450,
  /**
   * A chart: add, name, title, position, legend, percent axis; and each series' fill colour
   * (measured: two charts of four series add 6.4 KB, tests/office/charts.test.ts).
   */
  chart: 4_000,
  chartSeries: 800,
} as const;

/** A 2-D array of values or formulas, as the client sends it. */
function bandBytes(rows: readonly (readonly unknown[])[]): number {
  const cells = rows.length * (rows[0]?.length ?? 0);
  return bytesOf(rows) + COST.band + Math.ceil(cells / 1500) * COST.chunk;
}

/** Queues operations and syncs before a request would exceed the budget. */
class Batcher {
  private bytes = 0;
  syncs = 0;
  constructor(
    private readonly context: RequestContextLike,
    readonly budget: number,
    /** suspendScreenUpdatingUntilNextSync needs ExcelApi 1.9. */
    private readonly suspendScreen: boolean
  ) {}
  async add(estimate: number, queue: () => void): Promise<void> {
    if (this.bytes > 0 && this.bytes + estimate > this.budget - COST.request) await this.sync();
    queue();
    this.bytes += estimate;
  }
  async sync(): Promise<void> {
    if (this.suspendScreen) this.context.application.suspendScreenUpdatingUntilNextSync();
    await this.context.sync();
    this.syncs++;
    this.bytes = 0;
  }
}

function hex(rgb: string): string {
  return `#${rgb.toUpperCase()}`;
}

interface StyledRect {
  readonly style: CellStyle | null;
  readonly format: string | null;
  r0: number;
  readonly c0: number;
  r1: number;
  readonly c1: number;
}

/**
 * Groups the cells of a sheet into rectangles of the same style and number format: runs along each
 * row, merged with the same run of the rows below.
 */
export function styleRects(sheet: SheetModel, model: WorkbookModel): StyledRect[] {
  const done: StyledRect[] = [];
  let open = new Map<string, StyledRect>();
  const keyOf = (cell: Cell | null) =>
    cell && (cell.style || cell.format) ? `${cell.style ?? ""}|${cell.format ?? ""}` : null;
  sheet.cells.forEach((line, r) => {
    const next = new Map<string, StyledRect>();
    let c = 0;
    while (c < line.length) {
      const key = keyOf(line[c] ?? null);
      if (key === null) {
        c++;
        continue;
      }
      let end = c;
      while (end + 1 < line.length && keyOf(line[end + 1] ?? null) === key) end++;
      const id = `${key}|${c}|${end}`;
      const previous = open.get(id);
      if (previous && previous.r1 === r - 1) {
        previous.r1 = r;
        next.set(id, previous);
        open.delete(id);
      } else {
        const cell = line[c] ?? null;
        next.set(id, {
          style: cell?.style ? model.styles[cell.style] : null,
          format: cell?.format ? NUMBER_FORMATS[cell.format] : null,
          r0: r,
          c0: c,
          r1: r,
          c1: end,
        });
      }
      c = end + 1;
    }
    for (const rect of open.values()) done.push(rect);
    open = next;
  });
  for (const rect of open.values()) done.push(rect);
  return done;
}

const EDGES: readonly BorderIndexLike[] = [
  "EdgeTop",
  "EdgeBottom",
  "EdgeLeft",
  "EdgeRight",
  "InsideHorizontal",
  "InsideVertical",
];

function applyStyle(range: RangeLike, rect: StyledRect): void {
  const s = rect.style;
  if (s) {
    const font = range.format.font;
    font.name = "Calibri";
    font.size = s.size ?? 10;
    font.bold = s.bold ?? false;
    font.italic = s.italic ?? false;
    font.underline = s.underline ? "Single" : "None";
    if (s.color) font.color = hex(s.color);
    if (s.fill) range.format.fill.color = hex(s.fill);
    if (s.border === "thin") {
      const single = rect.r0 === rect.r1;
      const narrow = rect.c0 === rect.c1;
      for (const edge of EDGES) {
        if ((edge === "InsideHorizontal" && single) || (edge === "InsideVertical" && narrow))
          continue;
        const border = range.format.borders.getItem(edge);
        border.style = "Continuous";
        border.weight = "Thin";
        border.color = "#BFBFBF";
      }
    }
    range.format.wrapText = s.wrap ?? false;
    range.format.verticalAlignment = (s.vertical ?? "top") === "middle" ? "Center" : "Top";
    if (s.horizontal) {
      range.format.horizontalAlignment =
        s.horizontal === "center" ? "Center" : s.horizontal === "right" ? "Right" : "Left";
    }
    if (s.unlocked) range.format.protection.locked = false;
  }
  if (rect.format) {
    const rows = rect.r1 - rect.r0 + 1;
    const cols = rect.c1 - rect.c0 + 1;
    const line: string[] = new Array<string>(cols).fill(rect.format);
    range.numberFormat = Array.from({ length: rows }, () => line);
  }
}

function styleBytes(rect: StyledRect): number {
  const cells = (rect.r1 - rect.r0 + 1) * (rect.c1 - rect.c0 + 1);
  return COST.style + (rect.format ? cells * (rect.format.length + 3) : 0);
}

function setValidation(range: RangeLike, v: DataValidation): void {
  const dv = range.dataValidation;
  switch (v.rule.kind) {
    case "whole":
    case "decimal": {
      const basic =
        v.rule.max === undefined
          ? { formula1: v.rule.min, operator: "GreaterThanOrEqualTo" }
          : { formula1: v.rule.min, formula2: v.rule.max, operator: "Between" };
      dv.rule = v.rule.kind === "whole" ? { wholeNumber: basic } : { decimal: basic };
      break;
    }
    case "list":
      dv.rule = { list: { inCellDropDown: true, source: `=${v.rule.source}` } };
      break;
    case "date":
      dv.rule = { date: { formula1: "1990-01-01", operator: "GreaterThan" } };
      break;
  }
  dv.ignoreBlanks = v.allowBlank;
  dv.prompt = {
    showPrompt: true,
    title: v.promptTitle.slice(0, 32),
    message: v.prompt.slice(0, 255),
  };
  dv.errorAlert = {
    showAlert: true,
    style: v.alert === "stop" ? "Stop" : v.alert === "warning" ? "Warning" : "Information",
    title: v.errorTitle.slice(0, 32),
    message: v.error.slice(0, 255),
  };
}

function setConditionalFormat(range: RangeLike, cf: ConditionalFormat): void {
  const f = range.conditionalFormats.add("Custom");
  f.custom.rule.formula = `=${cf.formula}`;
  f.custom.format.fill.color = hex(cf.fill);
  if (cf.color) f.custom.format.font.color = hex(cf.color);
  if (cf.bold) f.custom.format.font.bold = true;
}

/**
 * A chart of the model (ExcelApi 1.1, the axis number format 1.8): drawn from its block of the same
 * sheet, series in columns (names in the first row, categories in the first column), named, titled,
 * over its frame of cells, one colour per series (its fill, or its line in a line chart), legend at the bottom, and a value axis from
 * 0 to 100 % when the model says so. Queued in the request of the sheet's other objects.
 */
function addChart(ws: WorksheetLike, model: ChartModel): void {
  const chart = ws.charts.add(model.type, ws.getRange(model.source), "Columns");
  chart.name = model.name;
  chart.title.text = model.title;
  chart.title.visible = true;
  // The model's `to` is the cell just past the frame; setPosition's end cell is covered.
  const last = (to: number, from: number) => Math.max(from, to - 1);
  chart.setPosition(
    `${columnLetter(model.from.col)}${model.from.row + 1}`,
    `${columnLetter(last(model.to.col, model.from.col))}${last(model.to.row, model.from.row) + 1}`
  );
  // A line chart's series is its line; the others' are filled.
  const line = model.type === "Line";
  model.colors.forEach((color, i) => {
    const format = chart.series.getItemAt(i).format;
    if (line) format.line.color = hex(color);
    else format.fill.setSolidColor(hex(color));
  });
  chart.legend.position = "Bottom";
  chart.legend.visible = true;
  if (model.percent) {
    const axis = chart.axes.valueAxis;
    axis.numberFormat = NUMBER_FORMATS.percent;
    axis.minimum = 0;
    axis.maximum = 1;
  }
}

/** Row bands of a sheet's values, each below `budget` bytes once serialised. */
function valueBands(
  rows: OfficeInput[][],
  budget: number
): Array<{ top: number; rows: OfficeInput[][] }> {
  const bands: Array<{ top: number; rows: OfficeInput[][] }> = [];
  let current: OfficeInput[][] = [];
  let top = 0;
  let bytes = 0;
  rows.forEach((row, r) => {
    const size = bytesOf(row);
    if (current.length > 0 && bytes + size > budget) {
      bands.push({ top, rows: current });
      current = [];
      top = r;
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  });
  if (current.length > 0) bands.push({ top, rows: current });
  return bands;
}

/** The sheet's inputs (values and formulas); kept entries are already in the model's cells. */
function sheetInputs(sheet: SheetModel): OfficeInput[][] {
  // A loop, not `Math.max(...lengths)`: a sheet of 130 000 rows would be as many arguments.
  let width = 1;
  for (const line of sheet.cells) width = Math.max(width, line.length);
  return sheet.cells.map((line) => {
    const out: OfficeInput[] = [];
    for (let c = 0; c < width; c++) out.push(modelInput(line[c]?.value ?? null));
    return out;
  });
}

async function renderSheet(
  batch: Batcher,
  ws: WorksheetLike,
  sheet: SheetModel,
  model: WorkbookModel,
  features: {
    readonly printSetup: boolean;
    readonly outline: boolean;
    /** Where to note what the cells held just before they were written (co-authoring), or null. */
    readonly watch: Watched[] | null;
  }
): Promise<void> {
  const printSetup = features.printSetup;
  if (sheet.tabColor) {
    const color = hex(sheet.tabColor);
    await batch.add(COST.tabColor, () => (ws.tabColor = color));
  }
  // Values and formulas, as few 2-D arrays as the budget allows.
  const inputs = sheetInputs(sheet);
  const width = inputs[0]?.length ?? 1;
  if (inputs.length > 0) {
    for (const band of valueBands(inputs, Math.floor(batch.budget * 0.9))) {
      await batch.add(bandBytes(band.rows), () => {
        const range = ws.getRangeByIndexes(band.top, 0, band.rows.length, width);
        // Loaded before it is written, in the same request: a co-author's entry typed into the
        // new sheet since it was added is seen, and written again after.
        if (features.watch)
          features.watch.push({ ws, sheet, top: band.top, seen: range.load("values") });
        range.formulas = band.rows;
      });
    }
  }
  // Internal links.
  for (const [r, line] of sheet.cells.entries())
    for (const [c, cell] of line.entries()) {
      const v = cell?.value;
      if (v?.kind !== "link") continue;
      const link = {
        documentReference: `'${v.sheet.replace(/'/g, "''")}'!${v.cell}`,
        textToDisplay: v.text,
      };
      await batch.add(bytesOf(link) + COST.link, () => {
        ws.getRangeByIndexes(r, c, 1, 1).hyperlink = link;
      });
    }
  // Formats on rectangles.
  for (const rect of styleRects(sheet, model)) {
    await batch.add(styleBytes(rect), () => {
      const range = ws.getRangeByIndexes(
        rect.r0,
        rect.c0,
        rect.r1 - rect.r0 + 1,
        rect.c1 - rect.c0 + 1
      );
      applyStyle(range, rect);
    });
  }
  // Column widths (points) and folded columns, by runs of equal columns.
  let c = 0;
  while (c < sheet.columns.length) {
    const width = sheet.columns[c]?.width ?? 10;
    let end = c;
    while (end + 1 < sheet.columns.length && sheet.columns[end + 1]?.width === width) end++;
    const address = `${columnLetter(c)}:${columnLetter(end)}`;
    await batch.add(
      COST.size,
      () => (ws.getRange(address).format.columnWidth = widthToPoints(width))
    );
    c = end + 1;
  }
  c = 0;
  while (c < sheet.columns.length) {
    if (!sheet.columns[c]?.hidden) {
      c++;
      continue;
    }
    let end = c;
    while (end + 1 < sheet.columns.length && sheet.columns[end + 1]?.hidden) end++;
    const address = `${columnLetter(c)}:${columnLetter(end)}`;
    await batch.add(COST.group, () => {
      const range = ws.getRange(address);
      // Range.group is ExcelApi 1.10: Excel 2019 (1.8) gets the columns hidden, without the `+`.
      if (features.outline) range.group("ByColumns");
      range.columnHidden = true;
    });
    c = end + 1;
  }
  // Row heights, by runs of equal heights.
  const heights = Object.entries(sheet.rowHeights)
    .map(([row, h]) => [Number(row), h] as const)
    .sort((a, b) => a[0] - b[0]);
  let i = 0;
  while (i < heights.length) {
    const [top, h] = heights[i] as readonly [number, number];
    let j = i;
    while (
      j + 1 < heights.length &&
      heights[j + 1]?.[0] === top + (j + 1 - i) &&
      heights[j + 1]?.[1] === h
    )
      j++;
    const address = `${top + 1}:${top + 1 + (j - i)}`;
    await batch.add(COST.size, () => (ws.getRange(address).format.rowHeight = h));
    i = j + 1;
  }
  for (const t of sheet.tables) {
    await batch.add(COST.table, () => {
      const table = ws.tables.add(
        ws.getRangeByIndexes(t.top, t.left, t.rowCount + 1, t.columns.length),
        true
      );
      table.name = t.name;
      table.style = t.style;
      table.showBandedRows = false;
      table.showFilterButton = true;
    });
  }
  for (const v of sheet.validations) {
    await batch.add(bytesOf(v) + COST.validation, () => setValidation(ws.getRange(v.range), v));
  }
  for (const cf of sheet.conditionalFormats) {
    await batch.add(bytesOf(cf) + COST.conditionalFormat, () =>
      setConditionalFormat(ws.getRange(cf.range), cf)
    );
  }
  for (const bar of sheet.dataBars) {
    await batch.add(COST.dataBar, () => {
      const f = ws.getRange(bar.range).conditionalFormats.add("DataBar");
      f.dataBar.positiveFormat.fillColor = hex(bar.color);
      f.dataBar.positiveFormat.gradientFill = false;
      f.dataBar.lowerBoundRule = { type: "Number", formula: "0" };
      f.dataBar.upperBoundRule = { type: "Number", formula: "1" };
    });
  }
  const frozen = sheet.frozen;
  if (frozen && (frozen.rows > 0 || frozen.columns > 0)) {
    await batch.add(COST.freeze, () => {
      if (frozen.rows > 0 && frozen.columns > 0)
        ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, frozen.rows, frozen.columns));
      else if (frozen.rows > 0) ws.freezePanes.freezeRows(frozen.rows);
      else ws.freezePanes.freezeColumns(frozen.columns);
    });
  }
  if (printSetup) {
    const print = sheet.print;
    await batch.add(COST.print, () => {
      ws.pageLayout.orientation = print.orientation === "landscape" ? "Landscape" : "Portrait";
      ws.pageLayout.paperSize = "A4";
      if (print.narrowMargins) {
        // Excel's « Étroites » margins, in points (0,25" and 0,75"; header and footer 0,3").
        ws.pageLayout.leftMargin = ws.pageLayout.rightMargin = 18;
        ws.pageLayout.topMargin = ws.pageLayout.bottomMargin = 54;
        ws.pageLayout.headerMargin = ws.pageLayout.footerMargin = 21.6;
      }
      if (print.fitToWidth) ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      if (print.area) ws.pageLayout.setPrintArea(print.area);
      if (print.repeatRows)
        ws.pageLayout.setPrintTitleRows(print.repeatRows.replace(/(\d+)/g, "$$$1"));
      for (const r of print.rowBreaks ?? []) ws.horizontalPageBreaks.add(`A${r + 1}`);
    });
  }
  // Charts before protection: a protected sheet's objects are locked.
  for (const chart of sheet.charts ?? [])
    await batch.add(COST.chart + chart.colors.length * COST.chartSeries, () => addChart(ws, chart));
  const protection = sheet.protection;
  if (protection?.enabled) {
    await batch.add(COST.protect, () =>
      ws.protection.protect({
        allowFormatColumns: protection.allowFormatColumns,
        allowSort: protection.allowSort,
        allowAutoFilter: protection.allowAutoFilter,
      })
    );
  }
}

/** Sheets the add-in owns in a workbook: the model's, and the metadata sheet. */
function ownedSheets(model: WorkbookModel): Set<string> {
  return new Set([...model.sheets.map((s) => s.name.toLowerCase()), META_SHEET.toLowerCase()]);
}

const DEFAULT_SHEET = /^(Feuil|Sheet|Hoja|Foglio|Tabelle|Blad)\d+$/i;

/** A CTG sheet of the previous generation, put aside while the new one is written. */
interface AsideSheet {
  readonly ws: WorksheetLike;
  readonly id: string;
  readonly name: string;
  readonly visibility: string;
  readonly asideName: string;
}

/**
 * The name a CTG sheet takes while it is put aside: `~` and its name (hidden, so that an
 * interrupted generation can be recognised and undone by `recoverAside`), else `~ctg` and a number.
 */
function asideName(name: string, taken: Set<string>): string {
  let candidate = `${ASIDE_MARK}${name}`;
  for (let n = 1; candidate.length > 31 || taken.has(candidate.toLowerCase()); n++)
    candidate = `${ASIDE_MARK}ctg${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

function sameSheetNames(a: WorkbookModel, b: WorkbookModel): boolean {
  return (
    a.sheets.length === b.sheets.length && a.sheets.every((s, i) => s.name === b.sheets[i]?.name)
  );
}

/**
 * Puts the workbook back as it was after a failed generation: the sheets it added removed (found by
 * id: any sheet that was not there before and has a CTG name), the old ones under their names and
 * visibility, their tables renamed back. Works whichever request failed, the first included.
 */
async function restoreAside(
  context: RequestContextLike,
  aside: readonly AsideSheet[],
  model: WorkbookModel,
  tables: readonly { sheet: AsideSheet; name: string; asideName: string }[],
  existingIds: ReadonlySet<string>
): Promise<void> {
  const sheets = context.workbook.worksheets.load("items/name,items/visibility,items/id");
  await context.sync();
  const byId = new Map(sheets.items.map((s) => [s.id, s]));
  const owned = ownedSheets(model);
  const added = sheets.items.filter(
    (s) => !existingIds.has(s.id) && owned.has(s.name.toLowerCase())
  );
  // The old sheets are shown first: a workbook keeps one visible sheet at least.
  for (const s of aside) {
    const ws = byId.get(s.id);
    if (ws && s.visibility === "Visible" && ws.visibility !== "Visible") ws.visibility = "Visible";
  }
  for (const ws of added) deleteSheet(ws, ws.visibility);
  for (const s of aside) {
    const ws = byId.get(s.id);
    if (!ws) continue;
    if (ws.name !== s.name) ws.name = s.name;
    if (s.visibility !== "Visible" && ws.visibility !== s.visibility) ws.visibility = s.visibility;
  }
  await context.sync();
  // The tables take their names back once the new sheets (and their tables) are gone.
  const renamed = tables.filter((t) => byId.get(t.sheet.id)?.name === t.sheet.asideName);
  if (renamed.length === 0) return;
  for (const t of renamed)
    context.workbook.worksheets.getItem(t.sheet.name).tables.getItem(t.asideName).name = t.name;
  await context.sync();
}

/** The cells of a band of a sheet with entries, as they were just before the add-in wrote them. */
interface Watched {
  readonly ws: WorksheetLike;
  readonly sheet: SheetModel;
  readonly top: number;
  readonly seen: RangeLike;
}

/** What a co-author typed into input cells of the new sheets before the add-in wrote them. */
function coauthorEntries(
  watched: readonly Watched[]
): { ws: WorksheetLike; row: number; column: number; value: OfficeInput }[] {
  const out: { ws: WorksheetLike; row: number; column: number; value: OfficeInput }[] = [];
  for (const w of watched)
    w.seen.values.forEach((line, i) =>
      line.forEach((v, j) => {
        if (v === "" || v === null || v === undefined) return;
        const style = w.sheet.cells[w.top + i]?.[j]?.style;
        if (style !== "input" && style !== "inputWrap") return;
        const value: OfficeInput =
          typeof v === "string"
            ? textInput(v)
            : typeof v === "number" || typeof v === "boolean"
              ? v
              : String(v);
        out.push({ ws: w.ws, row: w.top + i, column: j, value });
      })
    );
  return out;
}

/** A user's formula to write again, naming the new sheet instead of the one put aside. */
interface FormulaRepair {
  readonly ws: WorksheetLike;
  readonly row: number;
  readonly column: number;
  readonly formula: string;
}

function formulaRepairs(
  read: readonly { ws: WorksheetLike; range: RangeLike; protection: { protected: boolean } }[],
  aside: readonly AsideSheet[]
): FormulaRepair[] {
  const out: FormulaRepair[] = [];
  if (aside.length === 0) return out;
  for (const { ws, range, protection } of read) {
    // A protected sheet of the user's cannot be written: its formulas are left as they are.
    if (range.isNullObject || protection.protected) continue;
    range.formulas.forEach((line, i) =>
      line.forEach((f, j) => {
        if (typeof f !== "string" || !f.startsWith("=")) return;
        let formula = f;
        for (const s of aside)
          if (formula.toLowerCase().includes(s.asideName.toLowerCase()))
            formula = renameSheetInFormula(formula, s.asideName, s.name);
        if (formula !== f)
          out.push({ ws, row: range.rowIndex + i, column: range.columnIndex + j, formula });
      })
    );
  }
  return out;
}

export async function renderWorkbook(
  context: RequestContextLike,
  model: WorkbookModel,
  onProgress: (p: Progress) => void,
  options: RenderOptions = {}
): Promise<RenderReport> {
  const total = model.sheets.length + 2;
  // The 1.9 features (print setup, suspended screen updating) follow the same host capability.
  const batch = new Batcher(
    context,
    options.payloadBudget ?? DEFAULT_PAYLOAD_BUDGET,
    options.printSetup !== false
  );
  const wb = context.workbook;
  onProgress({ done: 0, total, step: { kind: "prepare" } });

  // 1. Look at the workbook.
  const sheets = wb.worksheets.load("items/name,items/visibility,items/id");
  const app = wb.application.load("calculationMode");
  const oldPart = wb.customXmlParts
    .getByNamespace(META_NAMESPACE)
    .getOnlyItemOrNullObject()
    .load("id");
  const oldNames = model.names.map((n) => wb.names.getItemOrNullObject(n.name));
  await batch.sync();
  const calculationMode = app.calculationMode;
  const owned = ownedSheets(model);
  const existing = sheets.items.map((s) => ({
    ws: s,
    id: s.id,
    name: s.name,
    visibility: s.visibility,
  }));
  const existingIds = new Set(existing.map((s) => s.id));
  const taken = new Set(existing.map((s) => s.name.toLowerCase()));
  // The CTG sheets of the previous generation are put aside (renamed, hidden), not deleted: their
  // entries stay in the workbook until the new sheets are written.
  const aside: AsideSheet[] = existing
    .filter((s) => owned.has(s.name.toLowerCase()))
    .map((s) => ({ ...s, asideName: asideName(s.name, taken) }));
  const kept = existing.filter((s) => !owned.has(s.name.toLowerCase()));
  // Table names are the workbook's: the old sheets' tables are renamed aside with their sheets.
  const asideTables = aside.map((s) => s.ws.tables.load("items/name"));
  if (aside.length > 0) await batch.sync();
  const tableRenames = aside.flatMap((s, i) =>
    (asideTables[i]?.items ?? []).map((table) => ({
      sheet: s,
      table,
      name: table.name,
      asideName: `${table.name}${TABLE_ASIDE_SUFFIX}`,
    }))
  );
  // The CTG names there now: deleted in the last request, just before they are added again.
  const namesThere = model.names.filter((_, i) => oldNames[i]?.isNullObject === false);
  const oldPartId = oldPart.isNullObject ? null : oldPart.id;

  try {
    // 2. Prepare: manual calculation, the old CTG sheets aside, every new sheet added (one request).
    wb.application.calculationMode = "Manual";
    // What a co-author typed since the add-in read the workbook: the old sheets as they are put aside.
    const reread = options.reread ? options.reread.queue(aside.map((s) => s.name)) : null;
    for (const s of aside) s.ws.name = s.asideName;
    for (const t of tableRenames) t.table.name = t.asideName;
    const added = model.sheets.map((s) => wb.worksheets.add(s.name));
    const metaSheet = wb.worksheets.add(META_SHEET);
    for (const s of aside) if (s.visibility === "Visible") s.ws.visibility = "Hidden";
    // The user's formulas that named a CTG sheet now name the sheet put aside: read them, to point
    // them at the new sheet of the same name before the old one goes (else they would be #REF!).
    const userFormulas =
      aside.length === 0
        ? []
        : kept.map((s) => ({
            ws: s.ws,
            range: s.ws.getUsedRangeOrNullObject().load("formulas,rowIndex,columnIndex"),
            protection: s.ws.protection.load("protected"),
          }));
    const defaults = kept
      .filter((s) => DEFAULT_SHEET.test(s.name))
      .map((s) => ({ ws: s.ws, used: s.ws.getUsedRangeOrNullObject() }));
    await batch.sync();
    onProgress({ done: 1, total, step: { kind: "prepare" } });
    const revised = reread ? options.reread?.revise(reread()) : null;
    const content = revised && sameSheetNames(revised, model) ? revised : model;

    // 3. The sheets, in requests as large as the budget allows (a request may span sheets).
    // Co-authoring: in a regeneration, the sheets with entries are watched as they are written.
    const watched: Watched[] = [];
    for (const [k, sheet] of content.sheets.entries()) {
      onProgress({ done: 1 + k, total, step: { kind: "sheet", sheet: sheet.name } });
      const ws = added[k] as WorksheetLike;
      await renderSheet(batch, ws, sheet, content, {
        printSetup: options.printSetup !== false,
        outline: options.outline !== false,
        watch: aside.length > 0 && inputSheetSpec(sheet.name) !== null ? watched : null,
      });
    }
    if (watched.length > 0) await batch.sync();
    for (const e of coauthorEntries(watched))
      await batch.add(bytesOf(e.value) + COST.size, () => {
        e.ws.getRangeByIndexes(e.row, e.column, 1, 1).values = [[e.value]];
      });

    // 4. Finish: names, metadata, the user's formulas, the old sheets deleted, calculation restored.
    onProgress({ done: total - 1, total, step: { kind: "finish" } });
    // The metadata and the plan's JSON (30 000 characters a row): a large plan takes several requests.
    const rows = metaSheetRows(content).map(([k, v]) => [textInput(k), textInput(v)]);
    for (const band of valueBands(rows, Math.floor(batch.budget * 0.9)))
      await batch.add(bandBytes(band.rows), () => {
        metaSheet.getRangeByIndexes(band.top, 0, band.rows.length, 2).values = band.rows;
      });
    const repairs = formulaRepairs(userFormulas, aside);
    for (const r of repairs)
      await batch.add(bytesOf(r.formula) + COST.size, () => {
        r.ws.getRangeByIndexes(r.row, r.column, 1, 1).formulas = [[r.formula]];
      });
    // The rest goes in the last request: the old sheets are deleted only with everything written.
    for (const n of namesThere) wb.names.getItem(n.name).delete();
    if (oldPartId !== null) wb.customXmlParts.getItem(oldPartId).delete();
    for (const n of content.names) wb.names.add(n.name, `=${n.ref}`);
    wb.customXmlParts.add(metaXml(content.meta));
    metaSheet.visibility = "VeryHidden";
    // CTG_meta is very hidden: deleteSheet makes it hidden first, as Excel requires.
    for (const s of aside) deleteSheet(s.ws, s.visibility);
    for (const d of defaults) if (d.used.isNullObject) d.ws.delete();
    added[0]?.activate();
    added[0]?.getRange("A1").select();
    wb.application.calculationMode = calculationMode;
    await batch.sync();
  } catch (e) {
    // Put the workbook back as it was: the new sheets removed, the old ones under their names,
    // and the user's calculation mode (Manual for some), even when generation failed.
    try {
      await restoreAside(context, aside, model, tableRenames, existingIds);
      wb.application.calculationMode = calculationMode;
      await context.sync();
    } catch (restoreError) {
      // The old sheets are still in the workbook (put aside): the next generation puts them back.
      console.error("[ctg] generate: workbook not put back as it was", restoreError);
    }
    throw e;
  }
  onProgress({ done: total, total, step: { kind: "ready" } });
  return { syncs: batch.syncs, sheets: model.sheets.length };
}
