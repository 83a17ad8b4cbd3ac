/** Imitates Office.js's Worksheet, WorksheetProtection, PageLayout, WorksheetFreezePanes. */
import { renameSheetInFormula } from "../domain/workbook/sheetReferences";
import { MAX_COLUMNS, MAX_ROWS, parseLocal, splitSheet, type Rect } from "./address";
import {
  invalidArgument,
  invalidOperation,
  itemAlreadyExists,
  itemNotFound,
  propertyNotLoaded,
} from "./errors";
import { isDefaultCell, keyCol, keyRow, type SheetState, type WorkbookState } from "./state";
import type {
  EventHandlerResultLike,
  PageBreakCollectionLike,
  PageLayoutLike,
  RangeLike,
  WorksheetChangedLike,
  WorksheetFreezePanesLike,
  WorksheetLike,
  WorksheetProtectionLike,
  WorksheetProtectionOptionsLike,
} from "../office/excelApi";
import { bool, color, FakeObject, oneOf, positive, sheetNameProblem, type Readers } from "./core";
import type { FakeContext } from "./context";
import { findSheet, liveSheets } from "./workbook";
import { FakeRange } from "./range";
import { FakeTableCollection } from "./tables";
import { FakeChartCollection } from "./charts";

// ---------------------------------------------------------------------------------------------
// Worksheets

export function checkSheetLive(sheet: SheetState, location: string): SheetState {
  if (sheet.deleted) throw itemNotFound(location, `the sheet '${sheet.name}' was deleted`);
  return sheet;
}

export class FakeWorksheet extends FakeObject<SheetState> implements WorksheetLike {
  protected readonly typeName = "Worksheet";
  private protectionProxy: FakeWorksheetProtection | null = null;
  private freezeProxy: FakeFreezePanes | null = null;
  private pageLayoutProxy: FakePageLayout | null = null;
  private pageBreaksProxy: FakePageBreakCollection | null = null;
  private tablesProxy: FakeTableCollection | null = null;
  private chartsProxy: FakeChartCollection | null = null;

  protected readers(): Readers<SheetState> {
    const state = this.ctx.host.state;
    return {
      id: (s) => s.id,
      name: (s) => s.name,
      position: (s) => liveSheets(state).indexOf(s),
      visibility: (s) => s.visibility,
      tabColor: (s) => s.tabColor,
    };
  }
  protected override child(name: string): FakeObject<unknown> | null {
    if (name === "protection") return this.protection as FakeObject<unknown>;
    return null;
  }
  /** Loads now (inside a running sync), for collection items. */
  loadNow(names: string[] | null): void {
    const readers = this.readers();
    const target = this.resolve("Worksheet.load");
    for (const name of names ?? Object.keys(readers)) {
      const reader = readers[name];
      if (!reader) throw invalidArgument("Worksheet.load", `unknown property '${name}'`);
      this.preloaded.set(name, reader(target));
    }
  }
  private readonly preloaded = new Map<string, unknown>();
  protected override read<V>(name: string): V {
    try {
      return super.read<V>(name);
    } catch (e) {
      if (this.preloaded.has(name)) return this.preloaded.get(name) as V;
      throw e;
    }
  }

  get id(): string {
    return this.read("id");
  }
  get name(): string {
    return this.read("name");
  }
  set name(value: string) {
    const state = this.ctx.host.state;
    this.write("name", value, (s) => {
      const location = "Worksheet.name";
      checkSheetLive(s, location);
      const problem = sheetNameProblem(value);
      if (problem) throw invalidArgument(location, problem);
      const other = findSheet(state, value);
      if (other && other !== s)
        throw itemAlreadyExists(location, `a sheet named '${value}' exists`);
      // Excel follows a rename into every formula and name that refers to the sheet.
      if (s.name !== value) renameReferences(state, s.name, value);
      s.name = value;
    });
  }
  get position(): number {
    return this.read("position");
  }
  set position(value: number) {
    const state = this.ctx.host.state;
    this.write("position", value, (s) => {
      const sheets = liveSheets(state);
      if (!Number.isInteger(value) || value < 0 || value >= sheets.length)
        throw invalidArgument("Worksheet.position", `position ${value} out of range`);
      state.sheets = state.sheets.filter((x) => x !== s);
      const live = liveSheets(state);
      const before = live[value];
      const at = before ? state.sheets.indexOf(before) : state.sheets.length;
      state.sheets.splice(at, 0, s);
    });
  }
  get visibility(): string {
    return this.read("visibility");
  }
  set visibility(value: string) {
    const state = this.ctx.host.state;
    this.write("visibility", value, (s) => {
      const location = "Worksheet.visibility";
      const v = oneOf(location, value, ["Visible", "Hidden", "VeryHidden"]);
      if (
        v !== "Visible" &&
        liveSheets(state).filter((x) => x !== s && x.visibility === "Visible").length === 0
      )
        throw invalidOperation(location, "a workbook keeps at least one visible sheet");
      s.visibility = v;
      if (v !== "Visible" && state.activeSheetId === s.id) {
        state.activeSheetId = liveSheets(state).find((x) => x.visibility === "Visible")?.id ?? null;
      }
    });
  }
  get tabColor(): string {
    return this.read("tabColor");
  }
  set tabColor(value: string) {
    this.write("tabColor", value, (s) => {
      s.tabColor = value === "" ? "" : color("Worksheet.tabColor", value);
    });
  }
  get protection(): FakeWorksheetProtection {
    this.protectionProxy ??= new FakeWorksheetProtection(this.ctx, () => this.resolveNullable());
    return this.protectionProxy;
  }
  get freezePanes(): FakeFreezePanes {
    this.freezeProxy ??= new FakeFreezePanes(this.ctx, this);
    return this.freezeProxy;
  }
  get pageLayout(): FakePageLayout {
    this.pageLayoutProxy ??= new FakePageLayout(this.ctx, this);
    return this.pageLayoutProxy;
  }
  get horizontalPageBreaks(): FakePageBreakCollection {
    this.pageBreaksProxy ??= new FakePageBreakCollection(this.ctx, this);
    return this.pageBreaksProxy;
  }
  get tables(): FakeTableCollection {
    this.tablesProxy ??= new FakeTableCollection(this.ctx, this);
    return this.tablesProxy;
  }
  get charts(): FakeChartCollection {
    this.chartsProxy ??= new FakeChartCollection(this.ctx, this);
    return this.chartsProxy;
  }
  get onChanged(): {
    add(handler: (args: WorksheetChangedLike) => Promise<unknown>): EventHandlerResultLike;
  } {
    return {
      add: (handler) => {
        this.call("onChanged.add", [], (s) => {
          s.onChanged.push(handler);
        });
        return {
          context: this.ctx,
          remove: () => {
            const drop = (s: SheetState) => {
              s.onChanged = s.onChanged.filter((h) => h !== handler);
            };
            // After Excel.run, a handler is removed in a new batch (Excel.run(result.context, ...)).
            if (this.ctx.closed) {
              const s = this.resolveNullable();
              if (s) drop(s);
            } else this.call("onChanged.remove", [], drop);
          },
        };
      },
    };
  }
  rangeAt(
    location: string,
    make: (sheet: SheetState) => Rect | null,
    method: string,
    args: unknown[]
  ): FakeRange {
    return new FakeRange(
      this.ctx,
      () => {
        const sheet = checkSheetLive(this.resolve(location), location);
        const rect = make(sheet);
        return rect === null ? null : { sheet, rect };
      },
      { method, args, parent: this._id }
    );
  }
  getRange(address?: string): FakeRange {
    const location = "Worksheet.getRange";
    return this.rangeAt(
      location,
      (sheet) => {
        if (address === undefined) return { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLUMNS - 1 };
        const { sheet: named, local } = splitSheet(address);
        if (named !== null && named.toLowerCase() !== sheet.name.toLowerCase())
          throw invalidArgument(location, `'${address}' is not on the sheet '${sheet.name}'`);
        const rect = parseLocal(local);
        if (!rect) throw invalidArgument(location, `invalid address '${address}'`);
        return rect;
      },
      location,
      [address ?? null]
    );
  }
  getRangeByIndexes(
    startRow: number,
    startColumn: number,
    rowCount: number,
    columnCount: number
  ): FakeRange {
    const location = "Worksheet.getRangeByIndexes";
    return this.rangeAt(
      location,
      () => {
        const ok =
          [startRow, startColumn, rowCount, columnCount].every((n) => Number.isInteger(n)) &&
          startRow >= 0 &&
          startColumn >= 0 &&
          rowCount >= 1 &&
          columnCount >= 1 &&
          startRow + rowCount <= MAX_ROWS &&
          startColumn + columnCount <= MAX_COLUMNS;
        if (!ok) throw invalidArgument(location, "indexes out of the sheet");
        return {
          r0: startRow,
          c0: startColumn,
          r1: startRow + rowCount - 1,
          c1: startColumn + columnCount - 1,
        };
      },
      location,
      [startRow, startColumn, rowCount, columnCount]
    );
  }
  getUsedRange(valuesOnly?: boolean): FakeRange {
    return this.rangeAt(
      "Worksheet.getUsedRange",
      (sheet) => usedRect(sheet, valuesOnly ?? false) ?? { r0: 0, c0: 0, r1: 0, c1: 0 },
      "Worksheet.getUsedRange",
      [valuesOnly ?? false]
    );
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return this.rangeAt(
      "Worksheet.getUsedRangeOrNullObject",
      (sheet) => usedRect(sheet, valuesOnly ?? false),
      "Worksheet.getUsedRangeOrNullObject",
      [valuesOnly ?? false]
    );
  }
  delete(): void {
    const state = this.ctx.host.state;
    this.call("delete", [], (s) => {
      const location = "Worksheet.delete";
      checkSheetLive(s, location);
      if (state.structureProtected)
        throw invalidOperation(location, "the workbook structure is protected");
      // Office.js refuses it (typings of Worksheet.delete): the visibility must be changed first.
      if (s.visibility === "VeryHidden")
        throw invalidOperation(location, "a very hidden sheet cannot be deleted");
      if (liveSheets(state).filter((x) => x !== s && x.visibility === "Visible").length === 0)
        throw invalidOperation(location, "a workbook keeps at least one visible sheet");
      s.deleted = true;
      // References to a deleted sheet become #REF! (formulas and names are kept, broken).
      renameReferences(state, s.name, null);
      if (state.activeSheetId === s.id)
        state.activeSheetId = liveSheets(state).find((x) => x.visibility === "Visible")?.id ?? null;
    });
  }
  activate(): void {
    const state = this.ctx.host.state;
    this.call("activate", [], (s) => {
      if (s.visibility !== "Visible")
        throw invalidOperation("Worksheet.activate", "a hidden sheet cannot be activated");
      state.activeSheetId = s.id;
    });
  }
}

/** A sheet renamed (`to`) or deleted (null): every formula and name that refers to it follows. */
function renameReferences(state: WorkbookState, from: string, to: string | null): void {
  const lower = from.toLowerCase();
  const mentions = (f: string) => f.toLowerCase().includes(lower);
  for (const sheet of liveSheets(state))
    for (const cell of sheet.cells.values())
      if (cell.formula !== null && mentions(cell.formula))
        cell.formula = renameSheetInFormula(cell.formula, from, to);
  for (const name of state.names)
    if (mentions(name.formula)) name.formula = renameSheetInFormula(name.formula, from, to);
}

function usedRect(sheet: SheetState, valuesOnly: boolean): Rect | null {
  let r0 = Infinity;
  let c0 = Infinity;
  let r1 = -1;
  let c1 = -1;
  for (const [key, cell] of sheet.cells) {
    const used = valuesOnly ? cell.value !== null || cell.formula !== null : !isDefaultCell(cell);
    if (!used) continue;
    const r = keyRow(key);
    const c = keyCol(key);
    r0 = Math.min(r0, r);
    c0 = Math.min(c0, c);
    r1 = Math.max(r1, r);
    c1 = Math.max(c1, c);
  }
  return r1 < 0 ? null : { r0, c0, r1, c1 };
}

class FakeWorksheetProtection extends FakeObject<SheetState> implements WorksheetProtectionLike {
  protected readonly typeName = "WorksheetProtection";
  protected readers(): Readers<SheetState> {
    return {
      protected: (s) => s.protection.protected,
      options: (s) => ({ ...s.protection.options }),
    };
  }
  get protected(): boolean {
    return this.read("protected");
  }
  protect(options?: WorksheetProtectionOptionsLike, password?: string): void {
    this.call("protect", [options ?? null, password === undefined ? null : "***"], (s) => {
      const location = "WorksheetProtection.protect";
      if (s.protection.protected)
        throw invalidOperation(location, "the sheet is already protected");
      const opts: Record<string, boolean> = {};
      for (const [k, v] of Object.entries(options ?? {})) {
        if (!/^allow[A-Z]\w+$/.test(k)) throw invalidArgument(location, `unknown option ${k}`);
        opts[k] = bool(location, v);
      }
      s.protection = { protected: true, options: opts, password: password ?? null };
    });
  }
  unprotect(password?: string): void {
    this.call("unprotect", [password === undefined ? null : "***"], (s) => {
      if (
        s.protection.protected &&
        s.protection.password !== null &&
        s.protection.password !== (password ?? null)
      )
        throw invalidArgument("WorksheetProtection.unprotect", "wrong password");
      s.protection = { protected: false, options: {}, password: null };
    });
  }
}

/** Print setup: writes are queued like any other; reading them needs a load this fake does not offer. */
class FakePageLayout implements PageLayoutLike {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: FakeWorksheet
  ) {}
  private queue(method: string, args: unknown[], run: (s: SheetState) => void): void {
    const location = `PageLayout.${method}`;
    this.ctx.enqueue({ m: method, o: this.sheet._id, a: args }, location, () =>
      run(checkSheetLive(this.sheet.resolve(location), location))
    );
  }
  get orientation(): string {
    throw propertyNotLoaded("orientation");
  }
  set orientation(value: string) {
    this.queue("orientation", [value], (s) => {
      if (value !== "Portrait" && value !== "Landscape")
        throw invalidArgument("PageLayout.orientation", `unknown orientation ${value}`);
      s.print.orientation = value;
    });
  }
  get zoom(): { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number } {
    throw propertyNotLoaded("zoom");
  }
  set zoom(value: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }) {
    this.queue("zoom", [value], (s) => {
      const h = value.horizontalFitToPages;
      if (h !== undefined && (!Number.isInteger(h) || h < 0))
        throw invalidArgument("PageLayout.zoom", "horizontalFitToPages must be a whole number");
      s.print.fitToWidth = h === 1;
    });
  }
  get paperSize(): string {
    throw propertyNotLoaded("paperSize");
  }
  set paperSize(value: string) {
    this.queue("paperSize", [value], (s) => {
      if (!/^(A[345]|Letter|Legal)$/.test(value))
        throw invalidArgument("PageLayout.paperSize", `paper this fake does not know: ${value}`);
      s.print.paperSize = value;
    });
  }
  /** A margin, in points. */
  private margin(name: string, value: number): void {
    this.queue(name, [value], (s) => {
      if (!Number.isFinite(value) || value < 0)
        throw invalidArgument(`PageLayout.${name}`, "a margin is a number of points, 0 or more");
      s.print.margins = { ...s.print.margins, [name]: value };
    });
  }
  get leftMargin(): number {
    throw propertyNotLoaded("leftMargin");
  }
  set leftMargin(value: number) {
    this.margin("leftMargin", value);
  }
  get rightMargin(): number {
    throw propertyNotLoaded("rightMargin");
  }
  set rightMargin(value: number) {
    this.margin("rightMargin", value);
  }
  get topMargin(): number {
    throw propertyNotLoaded("topMargin");
  }
  set topMargin(value: number) {
    this.margin("topMargin", value);
  }
  get bottomMargin(): number {
    throw propertyNotLoaded("bottomMargin");
  }
  set bottomMargin(value: number) {
    this.margin("bottomMargin", value);
  }
  get headerMargin(): number {
    throw propertyNotLoaded("headerMargin");
  }
  set headerMargin(value: number) {
    this.margin("headerMargin", value);
  }
  get footerMargin(): number {
    throw propertyNotLoaded("footerMargin");
  }
  set footerMargin(value: number) {
    this.margin("footerMargin", value);
  }
  setPrintArea(printArea: string): void {
    this.queue("setPrintArea", [printArea], (s) => {
      if (!/^\$?[A-Z]+\$?\d+(:\$?[A-Z]+\$?\d+)?$/.test(printArea))
        throw invalidArgument("PageLayout.setPrintArea", `not a range address: ${printArea}`);
      s.print.area = printArea;
    });
  }
  setPrintTitleRows(printTitleRows: RangeLike | string): void {
    if (typeof printTitleRows !== "string")
      throw invalidArgument(
        "PageLayout.setPrintTitleRows",
        "this fake takes an address such as $4:$4"
      );
    this.queue("setPrintTitleRows", [printTitleRows], (s) => {
      if (!/^\$?\d+:\$?\d+$/.test(printTitleRows))
        throw invalidArgument("PageLayout.setPrintTitleRows", `not a row range: ${printTitleRows}`);
      s.print.titleRows = printTitleRows;
    });
  }
}

/** Manual page breaks above rows (`Worksheet.horizontalPageBreaks`, ExcelApi 1.9). */
class FakePageBreakCollection implements PageBreakCollectionLike {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: FakeWorksheet
  ) {}
  add(pageBreakRange: RangeLike | string): void {
    const location = "PageBreakCollection.add";
    if (typeof pageBreakRange !== "string")
      throw invalidArgument(location, "this fake takes an address such as A20");
    this.ctx.enqueue({ m: "add", o: this.sheet._id, a: [pageBreakRange] }, location, () => {
      const s = checkSheetLive(this.sheet.resolve(location), location);
      const rect = parseLocal(splitSheet(pageBreakRange).local);
      if (!rect) throw invalidArgument(location, `not a range address: ${pageBreakRange}`);
      // Excel refuses a break above the first row (there is no page before it).
      if (rect.r0 === 0) throw invalidArgument(location, "no page break above the first row");
      const breaks = new Set(s.print.rowBreaks ?? []);
      breaks.add(rect.r0);
      s.print.rowBreaks = [...breaks].sort((a, b) => a - b);
    });
  }
}

class FakeFreezePanes implements WorksheetFreezePanesLike {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: FakeWorksheet
  ) {}
  private queue(method: string, args: unknown[], run: (s: SheetState) => void): void {
    const location = `WorksheetFreezePanes.${method}`;
    this.ctx.enqueue({ m: method, o: this.sheet._id, a: args }, location, () =>
      run(checkSheetLive(this.sheet.resolve(location), location))
    );
  }
  freezeRows(count = 1): void {
    this.queue("freezeRows", [count], (s) => {
      s.frozen = {
        rows: positive("WorksheetFreezePanes.freezeRows", count, MAX_ROWS - 1),
        columns: 0,
      };
    });
  }
  freezeColumns(count = 1): void {
    this.queue("freezeColumns", [count], (s) => {
      s.frozen = {
        rows: 0,
        columns: positive("WorksheetFreezePanes.freezeColumns", count, MAX_COLUMNS - 1),
      };
    });
  }
  freezeAt(frozenRange: RangeLike | string): void {
    const proxy = frozenRange instanceof FakeRange ? frozenRange : null;
    if (typeof frozenRange !== "string" && !proxy)
      throw invalidArgument(
        "WorksheetFreezePanes.freezeAt",
        "a fake range or an address is expected"
      );
    this.queue(
      "freezeAt",
      [typeof frozenRange === "string" ? frozenRange : { range: proxy?._id }],
      (s) => {
        const location = "WorksheetFreezePanes.freezeAt";
        let rect: Rect | null;
        if (proxy) {
          const ref = proxy.resolve(location);
          if (ref.sheet !== s) throw invalidArgument(location, "the range is on another sheet");
          rect = ref.rect;
        } else rect = parseLocal(splitSheet(frozenRange as string).local);
        if (!rect) throw invalidArgument(location, "invalid range");
        if (rect.r0 !== 0 && rect.c0 !== 0)
          throw invalidArgument(location, "the frozen range starts on the first row or column");
        const rows = rect.r0 === 0 && rect.r1 < MAX_ROWS - 1 ? rect.r1 + 1 : 0;
        const columns = rect.c0 === 0 && rect.c1 < MAX_COLUMNS - 1 ? rect.c1 + 1 : 0;
        s.frozen = { rows, columns };
      }
    );
  }
  unfreeze(): void {
    this.queue("unfreeze", [], (s) => {
      s.frozen = null;
    });
  }
  getLocationOrNullObject(): FakeRange {
    return this.sheet.rangeAt(
      "WorksheetFreezePanes.getLocationOrNullObject",
      (s) => {
        if (!s.frozen || (s.frozen.rows === 0 && s.frozen.columns === 0)) return null;
        return {
          r0: 0,
          c0: 0,
          r1: s.frozen.rows > 0 ? s.frozen.rows - 1 : MAX_ROWS - 1,
          c1: s.frozen.columns > 0 ? s.frozen.columns - 1 : MAX_COLUMNS - 1,
        };
      },
      "WorksheetFreezePanes.getLocationOrNullObject",
      []
    );
  }
}
