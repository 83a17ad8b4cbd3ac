/**
 * Imitates Office.js's ChartCollection, Chart, ChartTitle, ChartLegend, ChartAxes, ChartAxis,
 * ChartSeriesCollection, ChartSeries and ChartFill, as far as the adapter draws charts: a chart is
 * added from a block of cells of its own sheet, named, titled, placed over cells, its series filled
 * with solid colours, its value axis formatted, its legend placed.
 */
import { parseLocal, splitSheet, type Rect } from "./address";
import {
  accessDenied,
  invalidArgument,
  itemNotFound,
  notImplemented,
  propertyNotLoaded,
} from "./errors";
import {
  DEFAULT_COLUMN_WIDTH,
  DEFAULT_ROW_HEIGHT,
  FakeClientResult,
  FakeObject,
  bool,
  color,
  oneOf,
  type Readers,
} from "./core";
import type { ChartAxisState, ChartSeriesState, ChartState, SheetState } from "./state";
import type {
  ChartAxisLike,
  ChartCollectionLike,
  ChartLike,
  ChartSeriesCollectionLike,
  ChartSeriesLike,
  RangeLike,
} from "../office/excelApi";
import type { FakeContext } from "./context";
import { checkSheetLive, type FakeWorksheet } from "./worksheet";
import { cellAt, FakeRange } from "./range";
import { FakeItems } from "./items";

/** `Excel.ChartType` names (@types/office-js); an unknown one is refused (`InvalidArgument`). */
export const FAKE_CHART_TYPES = [
  "ColumnClustered",
  "ColumnStacked",
  "ColumnStacked100",
  "BarClustered",
  "BarStacked",
  "BarStacked100",
  "LineStacked",
  "LineStacked100",
  "LineMarkers",
  "LineMarkersStacked",
  "LineMarkersStacked100",
  "PieOfPie",
  "PieExploded",
  "BarOfPie",
  "XYScatterSmooth",
  "XYScatterSmoothNoMarkers",
  "XYScatterLines",
  "XYScatterLinesNoMarkers",
  "AreaStacked",
  "AreaStacked100",
  "DoughnutExploded",
  "RadarMarkers",
  "RadarFilled",
  "Line",
  "Pie",
  "XYScatter",
  "Area",
  "Doughnut",
  "Radar",
] as const;

const SERIES_BY = ["Auto", "Columns", "Rows"] as const;
const LEGEND_POSITIONS = ["Top", "Bottom", "Left", "Right", "Corner", "Custom"] as const;

/** Excel's size of a new chart: 5 × 3 inches, in points. */
const DEFAULT_WIDTH = 360;
const DEFAULT_HEIGHT = 216;

function newAxis(): ChartAxisState {
  return { numberFormat: "General", minimum: null, maximum: null };
}

/** The text of a cell as a series name (a formula's name is not computed by the fake). */
function cellText(sheet: SheetState, r: number, c: number): string {
  const cell = cellAt(sheet, r, c);
  if (!cell) return "";
  if (cell.value !== null) return String(cell.value);
  return cell.formula ?? "";
}

/**
 * The series Excel reads from a block: by columns, the first row holds the names and the first
 * column the categories, each other column one series (by rows, the same turned). "Auto" takes
 * columns when the block is at least as tall as it is wide. Assumed: Excel's own guess of headers
 * (text in the first row and column) agrees with this for the blocks the adapter charts.
 */
function seriesOf(
  sheet: SheetState,
  rect: Rect,
  by: "Auto" | "Columns" | "Rows"
): ChartSeriesState[] {
  const columns = by === "Columns" || (by === "Auto" && rect.r1 - rect.r0 >= rect.c1 - rect.c0);
  const out: ChartSeriesState[] = [];
  if (columns) {
    for (let c = rect.c0 + 1; c <= rect.c1; c++)
      out.push({
        name: cellText(sheet, rect.r0, c) || `Series${out.length + 1}`,
        values: { r0: rect.r0 + 1, c0: c, r1: rect.r1, c1: c },
        fill: null,
        line: null,
      });
  } else {
    for (let r = rect.r0 + 1; r <= rect.r1; r++)
      out.push({
        name: cellText(sheet, r, rect.c0) || `Series${out.length + 1}`,
        values: { r0: r, c0: rect.c0 + 1, r1: r, c1: rect.c1 },
        fill: null,
        line: null,
      });
  }
  return out;
}

function columnWidth(sheet: SheetState, c: number): number {
  const col = sheet.columns.get(c);
  return col?.hidden ? 0 : (col?.width ?? DEFAULT_COLUMN_WIDTH);
}

function rowHeight(sheet: SheetState, r: number): number {
  const row = sheet.rows.get(r);
  return row?.hidden ? 0 : (row?.height ?? DEFAULT_ROW_HEIGHT);
}

function sum(from: number, to: number, size: (i: number) => number): number {
  let total = 0;
  for (let i = from; i < to; i++) total += size(i);
  return total;
}

function liveChart(sheet: SheetState, chart: ChartState, location: string): ChartState {
  checkSheetLive(sheet, location);
  if (!sheet.charts.includes(chart)) throw itemNotFound(location, "the chart was deleted");
  return chart;
}

/** A cell argument of `setPosition`: an address on the chart's sheet, or a range of it. */
function cellRect(sheet: SheetState, at: unknown, location: string): Rect {
  if (at instanceof FakeRange) {
    const ref = at.resolve(location);
    if (ref.sheet !== sheet) throw invalidArgument(location, "the cell is on another sheet");
    return ref.rect;
  }
  if (typeof at !== "string")
    throw invalidArgument(location, "a cell address or a range is expected");
  const { sheet: named, local } = splitSheet(at);
  if (named !== null && named.toLowerCase() !== sheet.name.toLowerCase())
    throw invalidArgument(location, `'${at}' is not on the sheet '${sheet.name}'`);
  const rect = parseLocal(local);
  if (!rect) throw invalidArgument(location, `invalid address '${at}'`);
  return rect;
}

// ---------------------------------------------------------------------------------------------
// Charts of a sheet

export class FakeChartCollection extends FakeItems<FakeChart> implements ChartCollectionLike {
  protected readonly collectionType = "ChartCollection";
  constructor(
    ctx: FakeContext,
    private readonly sheet: FakeWorksheet
  ) {
    super(ctx);
  }
  protected target(): Record<string, unknown> {
    return { t: "charts" };
  }
  protected liveItems(location: string): FakeChart[] {
    const sheet = checkSheetLive(this.sheet.resolve(location), location);
    return sheet.charts.map((c) => new FakeChart(this.ctx, () => c, sheet));
  }
  getCount(): FakeClientResult<number> {
    const result = new FakeClientResult<number>();
    const location = "ChartCollection.getCount";
    this.ctx.enqueue({ m: "getCount", o: this.sheet._id, t: "charts" }, location, () => {
      result.set(checkSheetLive(this.sheet.resolve(location), location).charts.length);
    });
    return result;
  }
  private find(key: string, location: string, nullable: boolean): FakeChart {
    let sheetState: SheetState | null = null;
    const proxy = new FakeChart(
      this.ctx,
      () => {
        const sheet = checkSheetLive(this.sheet.resolve(location), location);
        sheetState = sheet;
        const lower = key.toLowerCase();
        const chart =
          sheet.charts.find((c) => c.id === key) ??
          sheet.charts.find((c) => c.name.toLowerCase() === lower) ??
          null;
        if (!chart && !nullable) throw itemNotFound(location, `no chart '${key}'`);
        return chart;
      },
      () => sheetState,
      { method: location, args: [key], parent: this.sheet._id }
    );
    return proxy;
  }
  getItem(name: string): FakeChart {
    return this.find(name, "ChartCollection.getItem", false);
  }
  getItemOrNullObject(name: string): FakeChart {
    return this.find(name, "ChartCollection.getItemOrNullObject", true);
  }
  getItemAt(index: number): FakeChart {
    const location = "ChartCollection.getItemAt";
    let sheetState: SheetState | null = null;
    return new FakeChart(
      this.ctx,
      () => {
        const sheet = checkSheetLive(this.sheet.resolve(location), location);
        sheetState = sheet;
        const chart = Number.isInteger(index) ? sheet.charts[index] : undefined;
        if (!chart) throw itemNotFound(location, `no chart at ${index}`);
        return chart;
      },
      () => sheetState,
      { method: location, args: [index], parent: this.sheet._id }
    );
  }
  add(type: string, sourceData: RangeLike, seriesBy?: string): FakeChart {
    const location = "ChartCollection.add";
    if (!(sourceData instanceof FakeRange))
      throw invalidArgument(location, "the source data is a range");
    const state = this.ctx.host.state;
    let sheetState: SheetState | null = null;
    return new FakeChart(
      this.ctx,
      () => {
        const sheet = checkSheetLive(this.sheet.resolve(location), location);
        sheetState = sheet;
        const chartType = oneOf(location, type, FAKE_CHART_TYPES);
        const by = oneOf(location, seriesBy ?? "Auto", SERIES_BY);
        const ref = sourceData.resolve(location);
        if (ref.sheet !== sheet)
          throw notImplemented(location, "the emulator draws a chart from cells of its own sheet");
        // Objects on a protected sheet are locked unless the protection allows editing them.
        if (sheet.protection.protected && sheet.protection.options.allowEditObjects !== true)
          throw accessDenied(location, "the sheet is protected");
        const taken = new Set(sheet.charts.map((c) => c.name.toLowerCase()));
        let n = sheet.charts.length + 1;
        while (taken.has(`chart ${n}`)) n++;
        const chart: ChartState = {
          id: `{${(state.nextId++).toString(16).padStart(8, "0")}-0000-4000-8000-00000000c4a7}`,
          name: `Chart ${n}`,
          type: chartType,
          source: ref.rect,
          seriesBy: by,
          title: { text: "", visible: false },
          top: 0,
          left: 0,
          width: DEFAULT_WIDTH,
          height: DEFAULT_HEIGHT,
          anchor: null,
          series: seriesOf(sheet, ref.rect, by),
          valueAxis: newAxis(),
          categoryAxis: newAxis(),
          legend: { position: "Right", visible: true },
        };
        sheet.charts.push(chart);
        return chart;
      },
      () => sheetState,
      {
        method: location,
        args: [type, { range: sourceData._id }, seriesBy ?? null],
        parent: this.sheet._id,
      }
    );
  }
}

export class FakeChart extends FakeObject<ChartState> implements ChartLike {
  protected readonly typeName = "Chart";
  private titleProxy: FakeChartTitle | null = null;
  private legendProxy: FakeChartLegend | null = null;
  private axesProxy: FakeChartAxes | null = null;
  private seriesProxy: FakeChartSeriesCollection | null = null;
  private readonly sheetOf: () => SheetState | null;

  constructor(
    ctx: FakeContext,
    resolver: () => ChartState | null,
    sheet: SheetState | (() => SheetState | null),
    creation?: { method: string; args: unknown[]; parent: number }
  ) {
    super(ctx, resolver, creation);
    this.sheetOf = typeof sheet === "function" ? sheet : () => sheet;
  }

  /** The chart's state, checked to be still on a live sheet. */
  live(location: string): { sheet: SheetState; chart: ChartState } {
    const chart = this.resolve(location);
    const sheet = this.sheetOf();
    if (!sheet) throw itemNotFound(location, "the chart's sheet is unknown");
    return { sheet, chart: liveChart(sheet, chart, location) };
  }

  protected readers(): Readers<ChartState> {
    return {
      id: (c) => c.id,
      name: (c) => c.name,
      chartType: (c) => c.type,
      top: (c) => c.top,
      left: (c) => c.left,
      width: (c) => c.width,
      height: (c) => c.height,
    };
  }
  protected override child(name: string): FakeObject<unknown> | null {
    if (name === "title") return this.title as FakeObject<unknown>;
    if (name === "legend") return this.legend as FakeObject<unknown>;
    if (name === "axes") return this.axes as FakeObject<unknown>;
    return null;
  }
  private edit(name: string, value: unknown, apply: (c: ChartState) => void): void {
    const location = `Chart.${name}`;
    this.write(name, value, () => apply(this.live(location).chart));
  }
  get id(): string {
    return this.read("id");
  }
  get chartType(): string {
    return this.read("chartType");
  }
  get name(): string {
    return this.read("name");
  }
  set name(value: string) {
    this.edit("name", value, (c) => {
      if (typeof value !== "string" || value.length === 0 || value.length > 255)
        throw invalidArgument("Chart.name", "a chart name has 1 to 255 characters");
      c.name = value;
    });
  }
  private points(name: "top" | "left" | "width" | "height", value: number): void {
    this.edit(name, value, (c) => {
      if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
        throw invalidArgument(`Chart.${name}`, "a size in points is a number of at least 0");
      c[name] = value;
      c.anchor = null;
    });
  }
  get top(): number {
    return this.read("top");
  }
  set top(value: number) {
    this.points("top", value);
  }
  get left(): number {
    return this.read("left");
  }
  set left(value: number) {
    this.points("left", value);
  }
  get width(): number {
    return this.read("width");
  }
  set width(value: number) {
    this.points("width", value);
  }
  get height(): number {
    return this.read("height");
  }
  set height(value: number) {
    this.points("height", value);
  }
  get title(): FakeChartTitle {
    this.titleProxy ??= new FakeChartTitle(this.ctx, this);
    return this.titleProxy;
  }
  get legend(): FakeChartLegend {
    this.legendProxy ??= new FakeChartLegend(this.ctx, this);
    return this.legendProxy;
  }
  get axes(): FakeChartAxes {
    this.axesProxy ??= new FakeChartAxes(this.ctx, this);
    return this.axesProxy;
  }
  get series(): FakeChartSeriesCollection {
    this.seriesProxy ??= new FakeChartSeriesCollection(this.ctx, this);
    return this.seriesProxy;
  }
  /**
   * Places the chart over cells: its top-left corner at `startCell`'s, and, with `endCell`, its
   * bottom-right corner at `endCell`'s (Microsoft: "the chart's width and height will be set to
   * fully cover up this cell/range"). Points come from the sheet's column widths and row heights.
   */
  setPosition(startCell: RangeLike | string, endCell?: RangeLike | string): void {
    const location = "Chart.setPosition";
    const args = [startCell, endCell].map((a) =>
      a instanceof FakeRange ? { range: a._id } : (a ?? null)
    );
    this.call("setPosition", args, () => {
      const { sheet, chart } = this.live(location);
      const start = cellRect(sheet, startCell, location);
      const end = endCell === undefined ? null : cellRect(sheet, endCell, location);
      if (end && (end.r1 < start.r0 || end.c1 < start.c0))
        throw invalidArgument(location, "the end cell is above or left of the start cell");
      chart.left = sum(0, start.c0, (c) => columnWidth(sheet, c));
      chart.top = sum(0, start.r0, (r) => rowHeight(sheet, r));
      if (end) {
        chart.width = sum(start.c0, end.c1 + 1, (c) => columnWidth(sheet, c));
        chart.height = sum(start.r0, end.r1 + 1, (r) => rowHeight(sheet, r));
      }
      chart.anchor = {
        from: { row: start.r0, col: start.c0 },
        to: end ? { row: end.r1 + 1, col: end.c1 + 1 } : null,
      };
    });
  }
  delete(): void {
    const location = "Chart.delete";
    this.call("delete", [], () => {
      const { sheet, chart } = this.live(location);
      if (sheet.protection.protected && sheet.protection.options.allowEditObjects !== true)
        throw accessDenied(location, "the sheet is protected");
      sheet.charts = sheet.charts.filter((c) => c !== chart);
    });
  }
}

/** A part of a chart that reads and writes the chart's own state (its title, legend, axes). */
abstract class FakeChartPart extends FakeObject<ChartState> {
  constructor(
    ctx: FakeContext,
    protected readonly owner: FakeChart
  ) {
    super(ctx, () => owner.resolveNullable());
  }
  /** The chart's state, failing as Office.js does when the chart or its sheet is gone. */
  protected chart(location: string): ChartState {
    return this.owner.live(location).chart;
  }
}

class FakeChartTitle extends FakeChartPart {
  protected readonly typeName = "ChartTitle";
  protected readers(): Readers<ChartState> {
    return { text: (c) => c.title.text, visible: (c) => c.title.visible };
  }
  get text(): string {
    return this.read("text");
  }
  set text(value: string) {
    this.write("text", value, () => {
      if (typeof value !== "string") throw invalidArgument("ChartTitle.text", "a title is text");
      this.chart("ChartTitle.text").title.text = value;
    });
  }
  get visible(): boolean {
    return this.read("visible");
  }
  set visible(value: boolean) {
    this.write("visible", value, () => {
      this.chart("ChartTitle.visible").title.visible = bool("ChartTitle.visible", value);
    });
  }
}

class FakeChartLegend extends FakeChartPart {
  protected readonly typeName = "ChartLegend";
  protected readers(): Readers<ChartState> {
    return { position: (c) => c.legend.position, visible: (c) => c.legend.visible };
  }
  get position(): string {
    return this.read("position");
  }
  set position(value: string) {
    this.write("position", value, () => {
      const location = "ChartLegend.position";
      this.chart(location).legend.position = oneOf(location, value, LEGEND_POSITIONS);
    });
  }
  get visible(): boolean {
    return this.read("visible");
  }
  set visible(value: boolean) {
    this.write("visible", value, () => {
      this.chart("ChartLegend.visible").legend.visible = bool("ChartLegend.visible", value);
    });
  }
}

class FakeChartAxes extends FakeChartPart {
  protected readonly typeName = "ChartAxes";
  private valueProxy: FakeChartAxis | null = null;
  private categoryProxy: FakeChartAxis | null = null;
  protected readers(): Readers<ChartState> {
    return {};
  }
  protected override child(name: string): FakeObject<unknown> | null {
    if (name === "valueAxis") return this.valueAxis as FakeObject<unknown>;
    if (name === "categoryAxis") return this.categoryAxis as FakeObject<unknown>;
    return null;
  }
  get valueAxis(): FakeChartAxis {
    this.valueProxy ??= new FakeChartAxis(
      this.ctx,
      () => this.resolveNullable()?.valueAxis ?? null,
      this.owner,
      (c) => c.valueAxis
    );
    return this.valueProxy;
  }
  get categoryAxis(): FakeChartAxis {
    this.categoryProxy ??= new FakeChartAxis(
      this.ctx,
      () => this.resolveNullable()?.categoryAxis ?? null,
      this.owner,
      (c) => c.categoryAxis
    );
    return this.categoryProxy;
  }
}

/** A bound of an axis: a number, or "" (or null) for automatic. */
function bound(location: string, value: unknown): number | null {
  if (value === "" || value === null || value === undefined) return null;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  throw invalidArgument(location, "an axis bound is a number, or empty for automatic");
}

class FakeChartAxis extends FakeObject<ChartAxisState> implements ChartAxisLike {
  protected readonly typeName = "ChartAxis";
  constructor(
    ctx: FakeContext,
    resolver: () => ChartAxisState | null,
    private readonly owner: FakeChart,
    private readonly pick: (c: ChartState) => ChartAxisState
  ) {
    super(ctx, resolver);
  }
  protected readers(): Readers<ChartAxisState> {
    return {
      numberFormat: (a) => a.numberFormat,
      minimum: (a) => a.minimum ?? 0,
      maximum: (a) => a.maximum ?? 0,
    };
  }
  private edit(name: string, value: unknown, apply: (a: ChartAxisState) => void): void {
    const location = `ChartAxis.${name}`;
    this.write(name, value, () => apply(this.pick(this.owner.live(location).chart)));
  }
  get numberFormat(): string {
    return this.read("numberFormat");
  }
  set numberFormat(value: string) {
    this.edit("numberFormat", value, (a) => {
      if (typeof value !== "string" || value.length > 255)
        throw invalidArgument("ChartAxis.numberFormat", "a number format is a format code");
      a.numberFormat = value;
    });
  }
  get minimum(): number | string {
    return this.read("minimum");
  }
  set minimum(value: number | string) {
    this.edit("minimum", value, (a) => {
      a.minimum = bound("ChartAxis.minimum", value);
    });
  }
  get maximum(): number | string {
    return this.read("maximum");
  }
  set maximum(value: number | string) {
    this.edit("maximum", value, (a) => {
      a.maximum = bound("ChartAxis.maximum", value);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Series

export class FakeChartSeriesCollection
  extends FakeItems<FakeChartSeries>
  implements ChartSeriesCollectionLike
{
  protected readonly collectionType = "ChartSeriesCollection";
  constructor(
    ctx: FakeContext,
    private readonly chart: FakeChart
  ) {
    super(ctx);
  }
  protected target(): Record<string, unknown> {
    return { o: this.chart._id, t: "series" };
  }
  protected liveItems(location: string): FakeChartSeries[] {
    const { chart } = this.chart.live(location);
    return chart.series.map((s) => new FakeChartSeries(this.ctx, () => s, this.chart));
  }
  getCount(): FakeClientResult<number> {
    const result = new FakeClientResult<number>();
    const location = "ChartSeriesCollection.getCount";
    this.ctx.enqueue({ m: "getCount", o: this.chart._id, t: "series" }, location, () => {
      result.set(this.chart.live(location).chart.series.length);
    });
    return result;
  }
  getItemAt(index: number): FakeChartSeries {
    const location = "ChartSeriesCollection.getItemAt";
    return new FakeChartSeries(
      this.ctx,
      () => {
        const { chart } = this.chart.live(location);
        const series = Number.isInteger(index) ? chart.series[index] : undefined;
        if (!series) throw itemNotFound(location, `no series at ${index}`);
        return series;
      },
      this.chart,
      { method: location, args: [index], parent: this.chart._id }
    );
  }
}

export class FakeChartSeries extends FakeObject<ChartSeriesState> implements ChartSeriesLike {
  protected readonly typeName = "ChartSeries";
  private formatProxy: FakeChartSeriesFormat | null = null;
  constructor(
    ctx: FakeContext,
    resolver: () => ChartSeriesState | null,
    readonly chart: FakeChart,
    creation?: { method: string; args: unknown[]; parent: number }
  ) {
    super(ctx, resolver, creation);
  }
  protected readers(): Readers<ChartSeriesState> {
    return { name: (s) => s.name };
  }
  get name(): string {
    return this.read("name");
  }
  set name(value: string) {
    this.write("name", value, (s) => {
      this.chart.live("ChartSeries.name");
      if (typeof value !== "string") throw invalidArgument("ChartSeries.name", "a name is text");
      s.name = value;
    });
  }
  get format(): FakeChartSeriesFormat {
    this.formatProxy ??= new FakeChartSeriesFormat(this.ctx, this);
    return this.formatProxy;
  }
}

class FakeChartSeriesFormat {
  private fillProxy: FakeChartFill | null = null;
  private lineProxy: FakeChartLineFormat | null = null;
  constructor(
    private readonly ctx: FakeContext,
    private readonly series: FakeChartSeries
  ) {}
  get fill(): FakeChartFill {
    this.fillProxy ??= new FakeChartFill(this.ctx, this.series);
    return this.fillProxy;
  }
  get line(): FakeChartLineFormat {
    this.lineProxy ??= new FakeChartLineFormat(this.ctx, this.series);
    return this.lineProxy;
  }
}

/** A series' line: its colour (writes only: reading it needs a load this fake does not offer). */
class FakeChartLineFormat {
  constructor(
    private readonly ctx: FakeContext,
    private readonly series: FakeChartSeries
  ) {}
  get color(): string {
    throw propertyNotLoaded("color");
  }
  set color(value: string) {
    const location = "ChartLineFormat.color";
    this.ctx.enqueue({ s: "color", o: this.series._id, v: value }, location, () => {
      this.series.chart.live(location);
      this.series.resolve(location).line = color(location, value);
    });
  }
}

class FakeChartFill {
  constructor(
    private readonly ctx: FakeContext,
    private readonly series: FakeChartSeries
  ) {}
  private queue(method: string, args: unknown[], run: (s: ChartSeriesState) => void): void {
    const location = `ChartFill.${method}`;
    this.ctx.enqueue({ m: method, o: this.series._id, a: args }, location, () => {
      this.series.chart.live(location);
      run(this.series.resolve(location));
    });
  }
  setSolidColor(value: string): void {
    this.queue("setSolidColor", [value], (s) => {
      s.fill = color("ChartFill.setSolidColor", value);
    });
  }
  clear(): void {
    this.queue("clear", [], (s) => {
      s.fill = null;
    });
  }
}
