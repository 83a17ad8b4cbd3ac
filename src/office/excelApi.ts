/**
 * The narrow slice of the Excel JavaScript API (Office.js) that the adapter uses. Real Office.js
 * (`typeof Excel`) and the in-memory fake (src/fake-excel/) both satisfy it; the adapter is written
 * against it only, so that it runs unchanged in Excel and in the tests.
 *
 * Enum-like properties are typed `string`: Office.js types them as `Excel.X | "Literal"` unions, and
 * the fake validates the strings it is given (an unknown one throws `InvalidArgument` at sync).
 * Values read from cells are `unknown`: the adapter narrows them.
 */

export interface LoadableLike<Self> {
  load(propertyNames?: string | string[]): Self;
}

export interface ClientResultLike<T> {
  readonly value: T;
}

export interface RequestContextLike {
  readonly workbook: WorkbookLike;
  readonly application: ApplicationLike;
  sync(): Promise<unknown>;
}

export interface ExcelApi {
  run<T>(batch: (context: RequestContextLike) => Promise<T>): Promise<T>;
  /** A new batch on an existing context (Office.js: `Excel.run(context, batch)`), e.g. to remove an
   * event handler in the context that added it. */
  run<T>(context: object, batch: (context: RequestContextLike) => Promise<T>): Promise<T>;
  /** Opens an `.xlsx` (base64) as a new workbook (ExcelApi 1.8); absent where the host cannot. */
  createWorkbook?(base64: string): Promise<void>;
}

export interface ApplicationLike extends LoadableLike<ApplicationLike> {
  /** "Automatic", "AutomaticExceptTables" or "Manual". */
  calculationMode: string;
  suspendScreenUpdatingUntilNextSync(): void;
  calculate(calculationType: "Recalculate" | "Full" | "FullRebuild"): void;
}

export interface WorkbookLike {
  readonly worksheets: WorksheetCollectionLike;
  readonly names: NamedItemCollectionLike;
  readonly customXmlParts: CustomXmlPartCollectionLike;
  readonly application: ApplicationLike;
}

export interface WorksheetCollectionLike extends LoadableLike<WorksheetCollectionLike> {
  readonly items: WorksheetLike[];
  add(name?: string): WorksheetLike;
  getItem(key: string): WorksheetLike;
  getItemOrNullObject(key: string): WorksheetLike;
  getActiveWorksheet(): WorksheetLike;
}

export interface WorksheetChangedLike {
  readonly address: string;
  readonly worksheetId: string;
}

export interface EventHandlerResultLike {
  /** The request context the handler was added in: it is removed in a batch of that context. */
  readonly context: object;
  remove(): void;
}

export interface WorksheetLike extends LoadableLike<WorksheetLike> {
  readonly isNullObject: boolean;
  readonly id: string;
  name: string;
  position: number;
  /** "Visible", "Hidden" or "VeryHidden". */
  visibility: string;
  /** `#RRGGBB`, or "" for none. */
  tabColor: string;
  readonly protection: WorksheetProtectionLike;
  readonly freezePanes: WorksheetFreezePanesLike;
  /** Print setup (ExcelApi 1.9). */
  readonly pageLayout: PageLayoutLike;
  /** Manual page breaks above rows (ExcelApi 1.9). */
  readonly horizontalPageBreaks: PageBreakCollectionLike;
  readonly tables: TableCollectionLike;
  /** Charts drawn on the sheet (ExcelApi 1.1; the axis number format is 1.8). */
  readonly charts: ChartCollectionLike;
  readonly onChanged: {
    add(handler: (args: WorksheetChangedLike) => Promise<unknown>): EventHandlerResultLike;
  };
  getRange(address?: string): RangeLike;
  getRangeByIndexes(
    startRow: number,
    startColumn: number,
    rowCount: number,
    columnCount: number
  ): RangeLike;
  getUsedRange(valuesOnly?: boolean): RangeLike;
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeLike;
  delete(): void;
  activate(): void;
}

export interface PageBreakCollectionLike {
  /** Adds a page break above the top-left cell of `pageBreakRange` (an address such as `A20`). */
  add(pageBreakRange: RangeLike | string): unknown;
}

export interface PageLayoutLike {
  /** "Portrait" or "Landscape". */
  orientation: string;
  zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  /** "A4"... */
  paperSize: string;
  /** Margins, in points. */
  leftMargin: number;
  rightMargin: number;
  topMargin: number;
  bottomMargin: number;
  headerMargin: number;
  footerMargin: number;
  setPrintTitleRows(printTitleRows: RangeLike | string): void;
  setPrintArea(printArea: string): void;
}

export interface WorksheetProtectionOptionsLike {
  allowAutoFilter?: boolean;
  allowDeleteColumns?: boolean;
  allowDeleteRows?: boolean;
  allowEditObjects?: boolean;
  allowEditScenarios?: boolean;
  allowFormatCells?: boolean;
  allowFormatColumns?: boolean;
  allowFormatRows?: boolean;
  allowInsertColumns?: boolean;
  allowInsertHyperlinks?: boolean;
  allowInsertRows?: boolean;
  allowPivotTables?: boolean;
  allowSort?: boolean;
}

export interface WorksheetProtectionLike extends LoadableLike<WorksheetProtectionLike> {
  readonly protected: boolean;
  protect(options?: WorksheetProtectionOptionsLike, password?: string): void;
  unprotect(password?: string): void;
}

export interface WorksheetFreezePanesLike {
  freezeRows(count?: number): void;
  freezeColumns(count?: number): void;
  freezeAt(frozenRange: RangeLike | string): void;
  unfreeze(): void;
  getLocationOrNullObject(): RangeLike;
}

export interface TableCollectionLike extends LoadableLike<TableCollectionLike> {
  readonly items: TableLike[];
  add(address: RangeLike | string, hasHeaders: boolean): TableLike;
  getItem(key: string): TableLike;
}

export interface TableLike extends LoadableLike<TableLike> {
  name: string;
  style: string;
  showFilterButton: boolean;
  showBandedRows: boolean;
  getRange(): RangeLike;
}

export interface ChartCollectionLike extends LoadableLike<ChartCollectionLike> {
  readonly items: ChartLike[];
  /** `type`: an `Excel.ChartType` name; `seriesBy`: "Auto", "Columns" or "Rows". */
  add(type: string, sourceData: RangeLike, seriesBy?: string): ChartLike;
  getItem(name: string): ChartLike;
  getItemOrNullObject(name: string): ChartLike;
  getCount(): ClientResultLike<number>;
}

export interface ChartLike extends LoadableLike<ChartLike> {
  readonly isNullObject: boolean;
  readonly id: string;
  name: string;
  readonly chartType: string;
  /** Position and size in points. */
  top: number;
  left: number;
  width: number;
  height: number;
  readonly title: { text: string; visible: boolean };
  readonly legend: { position: string; visible: boolean };
  readonly axes: { readonly valueAxis: ChartAxisLike; readonly categoryAxis: ChartAxisLike };
  readonly series: ChartSeriesCollectionLike;
  /** The chart covers `startCell` to `endCell` (addresses or ranges). */
  setPosition(startCell: RangeLike | string, endCell?: RangeLike | string): void;
  delete(): void;
}

export interface ChartAxisLike {
  numberFormat: string;
  /** A number, or "" for automatic. */
  minimum: number | string;
  maximum: number | string;
}

export interface ChartSeriesCollectionLike extends LoadableLike<ChartSeriesCollectionLike> {
  readonly items: ChartSeriesLike[];
  getItemAt(index: number): ChartSeriesLike;
  getCount(): ClientResultLike<number>;
}

export interface ChartSeriesLike extends LoadableLike<ChartSeriesLike> {
  name: string;
  readonly format: {
    readonly fill: { setSolidColor(color: string): void; clear(): void };
    /** The line of a line chart's series (`#RRGGBB`). */
    readonly line: { color: string };
  };
}

export interface RangeHyperlinkLike {
  address?: string;
  documentReference?: string;
  screenTip?: string;
  textToDisplay?: string;
}

export interface RangeLike extends LoadableLike<RangeLike> {
  readonly isNullObject: boolean;
  readonly address: string;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly rowIndex: number;
  readonly columnIndex: number;
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
  readonly text: string[][];
  columnHidden: boolean;
  hyperlink: RangeHyperlinkLike;
  readonly format: RangeFormatLike;
  readonly dataValidation: DataValidationLike;
  readonly conditionalFormats: ConditionalFormatCollectionLike;
  getCell(row: number, column: number): RangeLike;
  getResizedRange(deltaRows: number, deltaColumns: number): RangeLike;
  getOffsetRange(rowOffset: number, columnOffset: number): RangeLike;
  group(groupOption: "ByRows" | "ByColumns"): void;
  select(): void;
}

export type BorderIndexLike =
  | "EdgeTop"
  | "EdgeBottom"
  | "EdgeLeft"
  | "EdgeRight"
  | "InsideVertical"
  | "InsideHorizontal"
  | "DiagonalDown"
  | "DiagonalUp";

export interface RangeBorderLike {
  style: string;
  color: string;
  weight: string;
}

export interface RangeFormatLike {
  readonly fill: { color: string };
  readonly font: {
    bold: boolean;
    italic: boolean;
    color: string;
    size: number;
    /** "None", "Single", "Double"... */
    underline: string;
    name: string;
  };
  readonly borders: { getItem(index: BorderIndexLike): RangeBorderLike };
  readonly protection: { locked: boolean };
  wrapText: boolean;
  /** Points (not characters). */
  columnWidth: number;
  rowHeight: number;
  horizontalAlignment: string;
  verticalAlignment: string;
}

export interface BasicValidationRuleLike {
  formula1: string | number | RangeLike;
  formula2?: string | number | RangeLike;
  operator: string;
}

export interface DataValidationRuleLike {
  wholeNumber?: BasicValidationRuleLike;
  decimal?: BasicValidationRuleLike;
  list?: { inCellDropDown: boolean; source: string | RangeLike };
  date?: {
    formula1: string | Date | RangeLike;
    formula2?: string | Date | RangeLike;
    operator: string;
  };
}

export interface DataValidationLike {
  rule: DataValidationRuleLike;
  prompt: { showPrompt: boolean; title: string; message: string };
  errorAlert: { showAlert: boolean; style: string; title: string; message: string };
  ignoreBlanks: boolean;
  clear(): void;
}

export interface ConditionalDataBarRuleLike {
  formula?: string;
  type: string;
}

export interface ConditionalFormatLike {
  readonly custom: {
    readonly rule: { formula: string };
    readonly format: {
      readonly fill: { color: string };
      readonly font: { color: string; bold: boolean };
    };
  };
  readonly dataBar: {
    readonly positiveFormat: { fillColor: string; gradientFill: boolean };
    lowerBoundRule: ConditionalDataBarRuleLike;
    upperBoundRule: ConditionalDataBarRuleLike;
  };
}

export interface ConditionalFormatCollectionLike {
  add(type: "Custom" | "DataBar"): ConditionalFormatLike;
}

export interface NamedItemLike extends LoadableLike<NamedItemLike> {
  readonly isNullObject: boolean;
  readonly name: string;
  readonly formula: unknown;
  delete(): void;
}

export interface NamedItemCollectionLike extends LoadableLike<NamedItemCollectionLike> {
  readonly items: NamedItemLike[];
  add(name: string, reference: RangeLike | string, comment?: string): NamedItemLike;
  getItemOrNullObject(name: string): NamedItemLike;
  getItem(name: string): NamedItemLike;
}

export interface CustomXmlPartLike extends LoadableLike<CustomXmlPartLike> {
  readonly isNullObject: boolean;
  readonly id: string;
  readonly namespaceUri: string;
  getXml(): ClientResultLike<string>;
  setXml(xml: string): void;
  delete(): void;
}

export interface CustomXmlPartCollectionLike {
  add(xml: string): CustomXmlPartLike;
  getItem(id: string): CustomXmlPartLike;
  getByNamespace(namespaceUri: string): {
    getOnlyItemOrNullObject(): CustomXmlPartLike;
  };
}
