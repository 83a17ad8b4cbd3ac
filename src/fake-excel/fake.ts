/**
 * A strict in-memory fake of the part of the Excel JavaScript API the add-in uses. Pure TypeScript
 * (no Node import): it runs in jest and could be bundled into a browser page.
 *
 * Like Office.js: calls on proxy objects are queued and run at `context.sync()`, in order; setting a
 * property queues a write (the proxy remembers the value it was given, as Office.js does, but the
 * workbook changes only at sync); `load()` marks properties to fetch at the next sync, and reading a
 * property that was neither loaded nor set throws `PropertyNotLoaded`; invalid arguments throw at sync
 * (`InvalidArgument`, `ItemNotFound`, `ItemAlreadyExists`, `InvalidOperation`, `AccessDenied` on a
 * protected sheet), and a request larger than the payload limit throws
 * `RequestPayloadSizeLimitExceeded` before anything of it runs.
 *
 * Formulas are stored, not computed: `values` of a formula cell reads `""` (or what the
 * `formulaValue` option returns); `formulas` reads the formula with its `=`.
 */
import { renameSheetInFormula } from "../domain/workbook/sheetReferences";
import {
  fullAddress,
  MAX_COLUMNS,
  MAX_ROWS,
  parseLocal,
  rectSize,
  splitSheet,
  type Rect,
} from "./address";
import {
  accessDenied,
  ErrorCodes,
  FakeOfficeError,
  invalidArgument,
  invalidOperation,
  itemAlreadyExists,
  itemNotFound,
  notImplemented,
  propertyNotLoaded,
} from "./errors";
import {
  cellKey,
  DEFAULT_FORMAT,
  emptyCell,
  isDefaultCell,
  keyCol,
  keyRow,
  newSheet,
  parseInput,
  type BorderSide,
  type CellFormat,
  type CellState,
  type ChangedArgs,
  type ConditionalFormatState,
  type ScalarValue,
  type SheetState,
  type TableState,
  type ValidationState,
  type WorkbookState,
} from "./state";
import type {
  BorderIndexLike,
  ClientResultLike,
  ConditionalDataBarRuleLike,
  ConditionalFormatCollectionLike,
  ConditionalFormatLike,
  CustomXmlPartCollectionLike,
  CustomXmlPartLike,
  DataValidationLike,
  DataValidationRuleLike,
  EventHandlerResultLike,
  ExcelApi,
  NamedItemCollectionLike,
  NamedItemLike,
  RangeBorderLike,
  RangeFormatLike,
  RangeHyperlinkLike,
  RangeLike,
  RequestContextLike,
  TableCollectionLike,
  TableLike,
  WorkbookLike,
  WorksheetChangedLike,
  WorksheetCollectionLike,
  WorksheetFreezePanesLike,
  WorksheetLike,
  PageLayoutLike,
  WorksheetProtectionLike,
  WorksheetProtectionOptionsLike,
  ApplicationLike,
} from "../office/excelApi";

export const DEFAULT_PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** Excel's default column width (8.43 characters) and row height, in points. */
export const DEFAULT_COLUMN_WIDTH = 48;
export const DEFAULT_ROW_HEIGHT = 15;

export interface FakeExcelOptions {
  /** Largest request accepted, in bytes (default 5 MB, like Excel on the web). */
  readonly payloadLimitBytes?: number;
  /** Sheets of the new workbook (default one empty `Feuil1`). */
  readonly initialSheets?: readonly string[];
  /**
   * Requests (1-based, counted over the host's life) that fail before any of their operations runs,
   * as a lost connection or a host error would: failure injection for tests.
   */
  readonly failRequests?: readonly number[];
  /**
   * Called before each request (1-based, counted over the host's life) runs: a co-author's edit
   * between two of the add-in's requests, for tests.
   */
  readonly beforeRequest?: (request: number) => void;
  /** What `values` reads for a formula cell (default `""`: the fake does not compute). */
  readonly formulaValue?: (
    sheet: string,
    row: number,
    column: number,
    formula: string
  ) => ScalarValue;
}

export interface RequestStat {
  readonly bytes: number;
  readonly operations: number;
}

export class FakeStats {
  readonly requests: RequestStat[] = [];
  /** Round trips: every `context.sync()` (and the implicit one at the end of `Excel.run`). */
  get syncs(): number {
    return this.requests.length;
  }
  get maxRequestBytes(): number {
    return this.requests.reduce((m, r) => Math.max(m, r.bytes), 0);
  }
  get totalRequestBytes(): number {
    return this.requests.reduce((m, r) => m + r.bytes, 0);
  }
  get operations(): number {
    return this.requests.reduce((m, r) => m + r.operations, 0);
  }
  reset(): void {
    this.requests.length = 0;
  }
}

interface Op {
  readonly json: unknown;
  readonly location: string;
  readonly run: () => void;
}

interface Host {
  readonly state: WorkbookState;
  readonly stats: FakeStats;
  readonly limit: number;
  readonly formulaValue: FakeExcelOptions["formulaValue"];
  /** The requests (1-based, counted over the host's life) that fail as a lost connection would. */
  readonly failRequests: ReadonlySet<number>;
  readonly beforeRequest: FakeExcelOptions["beforeRequest"];
}

const encoder = new TextEncoder();

// ---------------------------------------------------------------------------------------------
// The request context

export class FakeContext implements RequestContextLike {
  private queue: Op[] = [];
  private nextId = 1;
  private suspendScreen = false;
  closed = false;
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;

  constructor(readonly host: Host) {
    this.workbook = new FakeWorkbook(this);
    this.application = this.workbook.application;
  }

  newId(): number {
    return this.nextId++;
  }

  enqueue(json: unknown, location: string, run: () => void): void {
    if (this.closed) {
      throw new FakeOfficeError(
        ErrorCodes.invalidObjectPath,
        "The object path isn't working for what you're trying to do. (request context already closed: the object was used outside its Excel.run)",
        location
      );
    }
    this.queue.push({ json, location, run });
  }

  suspendScreenUpdating(): void {
    this.suspendScreen = true;
  }

  get pending(): number {
    return this.queue.length;
  }

  /**
   * Runs the queued operations as one request. `measured` is the real request's size, when a real
   * client (Microsoft's, through the host emulator of host.ts) sent it; else the queue's estimate.
   */
  async sync(measured?: RequestStat): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    const suspended = this.suspendScreen;
    this.suspendScreen = false;
    const bytes = measured?.bytes ?? encoder.encode(JSON.stringify(ops.map((o) => o.json))).length;
    this.host.stats.requests.push({ bytes, operations: measured?.operations ?? ops.length });
    if (this.host.failRequests.has(this.host.stats.requests.length)) {
      throw new FakeOfficeError(
        ErrorCodes.generalException,
        "An internal error has occurred. (failure injected by the test)",
        "RequestContext.sync"
      );
    }
    if (bytes > this.host.limit) {
      throw new FakeOfficeError(
        ErrorCodes.requestPayloadSizeLimitExceeded,
        `The request payload size has exceeded the limit. (${bytes} bytes > ${this.host.limit})`,
        "RequestContext.sync"
      );
    }
    if (suspended) this.host.state.screenUpdatingSuspendedSyncs++;
    this.host.beforeRequest?.(this.host.stats.requests.length);
    for (const op of ops) {
      try {
        op.run();
      } catch (e) {
        if (e instanceof FakeOfficeError) {
          throw new FakeOfficeError(
            e.code,
            e.message,
            e.debugInfo.errorLocation ?? op.location,
            JSON.stringify(op.json).slice(0, 200)
          );
        }
        throw new FakeOfficeError(
          ErrorCodes.generalException,
          `An internal error has occurred. (${String(e)})`,
          op.location
        );
      }
    }
    await Promise.resolve();
  }
}

// ---------------------------------------------------------------------------------------------
// Proxy objects

type Readers<T> = Record<string, (target: T) => unknown>;

type LoadSpec =
  string | string[] | { select?: string | string[] } | Record<string, unknown> | undefined;

function loadNames(spec: LoadSpec): string[] | null {
  if (spec === undefined) return null;
  const split = (s: string | string[]) =>
    (Array.isArray(s) ? s : s.split(",")).map((x) => x.trim()).filter((x) => x !== "");
  if (typeof spec === "string" || Array.isArray(spec)) return split(spec);
  if ("select" in spec && spec.select !== undefined) {
    const sel = spec.select;
    if (typeof sel === "string" || Array.isArray(sel)) return split(sel);
  }
  return Object.keys(spec).filter((k) => spec[k as keyof typeof spec] === true);
}

abstract class FakeObject<T> {
  readonly _id: number;
  private target: { value: T | null } | null = null;
  private readonly local = new Map<string, unknown>();
  private readonly loaded = new Map<string, unknown>();
  protected abstract readonly typeName: string;

  constructor(
    protected readonly ctx: FakeContext,
    private readonly resolver: () => T | null,
    creation?: { method: string; args: unknown[]; parent: number }
  ) {
    this._id = ctx.newId();
    if (creation) {
      ctx.enqueue(
        { m: creation.method, o: creation.parent, a: creation.args, r: this._id },
        creation.method,
        () => {
          this.resolveNullable();
        }
      );
    }
  }

  protected abstract readers(): Readers<T>;

  /** The scalar properties a `load()` without names loads (for the host emulator's queries). */
  scalarNames(): string[] {
    return Object.keys(this.readers());
  }

  /** Child objects reachable by a load path `child/prop`. */
  protected child(name: string): FakeObject<unknown> | null {
    void name;
    return null;
  }

  /** The object's state, resolved at sync time (once). */
  resolveNullable(): T | null {
    if (!this.target) this.target = { value: this.resolver() };
    return this.target.value;
  }

  resolve(location: string): T {
    const t = this.resolveNullable();
    if (t === null) throw itemNotFound(location, `${this.typeName} is a null object`);
    return t;
  }

  get isNullObject(): boolean {
    if (!this.target) throw propertyNotLoaded("isNullObject");
    return this.target.value === null;
  }

  protected read<V>(name: string): V {
    if (this.local.has(name)) return this.local.get(name) as V;
    if (this.loaded.has(name)) return this.loaded.get(name) as V;
    throw propertyNotLoaded(name);
  }

  protected write(name: string, value: unknown, apply: (target: T) => void): void {
    this.local.set(name, value);
    const location = `${this.typeName}.${name}`;
    this.ctx.enqueue({ s: name, o: this._id, v: value }, location, () =>
      apply(this.resolve(location))
    );
  }

  protected call(method: string, args: unknown[], run: (target: T) => void): void {
    const location = `${this.typeName}.${method}`;
    this.ctx.enqueue({ m: method, o: this._id, a: args }, location, () =>
      run(this.resolve(location))
    );
  }

  /** Loads now, inside a running sync (the items of a collection being loaded). */
  loadNowFrom(names: string[] | null): void {
    const location = `${this.typeName}.load`;
    const readers = this.readers();
    const t = this.resolveNullable();
    if (t === null) return;
    for (const name of names ?? Object.keys(readers)) {
      const reader = readers[name];
      if (!reader)
        throw invalidArgument(location, `unknown property '${name}' of ${this.typeName}`);
      this.loaded.set(name, reader(t));
      this.local.delete(name);
    }
  }

  loadInto(names: string[] | null): void {
    const location = `${this.typeName}.load`;
    const readers = this.readers();
    this.ctx.enqueue({ l: names, o: this._id }, location, () => {
      const t = this.resolveNullable();
      if (t === null) return;
      const own = names ?? Object.keys(readers);
      for (const name of own) {
        const reader = readers[name];
        if (!reader)
          throw invalidArgument(location, `unknown property '${name}' of ${this.typeName}`);
        this.loaded.set(name, reader(t));
        this.local.delete(name);
      }
    });
  }

  load(spec?: LoadSpec): this {
    const names = loadNames(spec);
    if (names === null) {
      this.loadInto(null);
      return this;
    }
    const own: string[] = [];
    for (const name of names) {
      const slash = name.indexOf("/");
      if (slash < 0) own.push(name);
      else {
        const child = this.child(name.slice(0, slash));
        if (!child) throw invalidArgument(`${this.typeName}.load`, `unknown path '${name}'`);
        child.load(name.slice(slash + 1));
      }
    }
    if (own.length > 0) this.loadInto(own);
    return this;
  }
}

class FakeClientResult<T> implements ClientResultLike<T> {
  private result: { value: T } | null = null;
  set(value: T): void {
    this.result = { value };
  }
  get value(): T {
    if (!this.result) {
      throw new FakeOfficeError(
        ErrorCodes.valueNotLoaded,
        'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.'
      );
    }
    return this.result.value;
  }
}

// ---------------------------------------------------------------------------------------------
// Validation helpers

const COLOR_NAMES: Readonly<Record<string, string>> = {
  black: "#000000",
  white: "#FFFFFF",
  red: "#FF0000",
  green: "#008000",
  blue: "#0000FF",
  yellow: "#FFFF00",
};

function color(location: string, value: unknown): string {
  if (typeof value !== "string") throw invalidArgument(location, "a colour is a string");
  if (/^#[0-9A-Fa-f]{6}$/.test(value)) return value.toUpperCase();
  const named = COLOR_NAMES[value.toLowerCase()];
  if (named) return named;
  throw invalidArgument(location, `invalid colour '${value}'`);
}

function oneOf<V extends string>(location: string, value: unknown, allowed: readonly V[]): V {
  if (typeof value === "string" && (allowed as readonly string[]).includes(value))
    return value as V;
  throw invalidArgument(location, `'${String(value)}' is not one of ${allowed.join(", ")}`);
}

function bool(location: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw invalidArgument(location, "a boolean is expected");
  return value;
}

function positive(location: string, value: unknown, max: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > max)
    throw invalidArgument(location, `a number between 0 and ${max} is expected`);
  return value;
}

function sheetNameProblem(name: string): string | null {
  if (name.length === 0 || name.length > 31) return "a sheet name has 1 to 31 characters";
  if (/[[\]:*?/\\]/.test(name)) return "a sheet name may not contain [ ] : * ? / \\";
  if (name.startsWith("'") || name.endsWith("'")) return "a sheet name may not start or end with '";
  if (name.toLowerCase() === "history") return "History is reserved";
  return null;
}

function identifierProblem(name: string): string | null {
  if (!/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(name) || name.length > 255) return "invalid name";
  if (/^[A-Za-z]{1,3}\d+$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name))
    return "a name may not look like a cell reference";
  return null;
}

// ---------------------------------------------------------------------------------------------
// Application and workbook

class FakeApplication extends FakeObject<WorkbookState> implements ApplicationLike {
  protected readonly typeName = "Application";
  constructor(ctx: FakeContext) {
    super(ctx, () => ctx.host.state);
  }
  protected readers(): Readers<WorkbookState> {
    return { calculationMode: (s) => s.calculationMode };
  }
  get calculationMode(): string {
    return this.read("calculationMode");
  }
  set calculationMode(value: string) {
    this.write("calculationMode", value, (s) => {
      s.calculationMode = oneOf("Application.calculationMode", value, [
        "Automatic",
        "AutomaticExceptTables",
        "Manual",
      ]);
    });
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.ctx.suspendScreenUpdating();
    this.call("suspendScreenUpdatingUntilNextSync", [], () => undefined);
  }
  calculate(calculationType: "Recalculate" | "Full" | "FullRebuild"): void {
    this.call("calculate", [calculationType], (s) => {
      oneOf("Application.calculate", calculationType, ["Recalculate", "Full", "FullRebuild"]);
      s.calculations++;
    });
  }
}

/** `workbook.tables`: every table of the workbook, by id or name (Office.js finds a table this way). */
class FakeWorkbookTables {
  constructor(private readonly ctx: FakeContext) {}
  getItem(key: string): FakeTable {
    const state = this.ctx.host.state;
    return new FakeTable(
      this.ctx,
      () => {
        const lower = key.toLowerCase();
        const t = allTables(state).find((x) => x.id === key || x.name.toLowerCase() === lower);
        if (!t) throw itemNotFound("TableCollection.getItem", `no table '${key}'`);
        return t;
      },
      { method: "TableCollection.getItem", args: [key], parent: 0 }
    );
  }
}

class FakeWorkbook implements WorkbookLike {
  readonly tables: FakeWorkbookTables;
  readonly worksheets: FakeWorksheetCollection;
  readonly names: FakeNamedItemCollection;
  readonly customXmlParts: FakeCustomXmlPartCollection;
  readonly application: FakeApplication;
  constructor(ctx: FakeContext) {
    this.application = new FakeApplication(ctx);
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.names = new FakeNamedItemCollection(ctx);
    this.customXmlParts = new FakeCustomXmlPartCollection(ctx);
    this.tables = new FakeWorkbookTables(ctx);
  }
}

function liveSheets(state: WorkbookState): SheetState[] {
  return state.sheets.filter((s) => !s.deleted);
}

function findSheet(state: WorkbookState, name: string): SheetState | null {
  const lower = name.toLowerCase();
  return liveSheets(state).find((s) => s.name.toLowerCase() === lower) ?? null;
}

class FakeWorksheetCollection extends FakeObject<WorkbookState> implements WorksheetCollectionLike {
  protected readonly typeName = "WorksheetCollection";
  private itemProxies: FakeWorksheet[] | null = null;
  constructor(ctx: FakeContext) {
    super(ctx, () => ctx.host.state);
  }
  protected readers(): Readers<WorkbookState> {
    return {};
  }
  get items(): FakeWorksheet[] {
    if (!this.itemProxies) throw propertyNotLoaded("items");
    return this.itemProxies;
  }
  override load(spec?: LoadSpec): this {
    const names = loadNames(spec);
    const itemNames =
      names === null ? null : names.map((n) => n.replace(/^items\/?/, "")).filter((n) => n !== "");
    this.ctx.enqueue({ l: names, o: this._id }, "WorksheetCollection.load", () => {
      const state = this.ctx.host.state;
      this.itemProxies = liveSheets(state).map((sheet) => {
        const ws = new FakeWorksheet(this.ctx, () => sheet);
        ws.resolveNullable();
        ws.loadNow(itemNames === null || itemNames.length === 0 ? null : itemNames);
        return ws;
      });
    });
    return this;
  }
  add(name?: string): FakeWorksheet {
    const state = this.ctx.host.state;
    return new FakeWorksheet(
      this.ctx,
      () => {
        const location = "WorksheetCollection.add";
        if (state.structureProtected)
          throw invalidOperation(location, "the workbook structure is protected");
        let n = liveSheets(state).length + 1;
        let chosen = name;
        if (chosen === undefined) {
          while (findSheet(state, `Sheet${n}`)) n++;
          chosen = `Sheet${n}`;
        }
        const problem = sheetNameProblem(chosen);
        if (problem) throw invalidArgument(location, problem);
        if (findSheet(state, chosen))
          throw itemAlreadyExists(location, `a sheet named '${chosen}' exists`);
        const sheet = newSheet(state, chosen);
        state.sheets.push(sheet);
        return sheet;
      },
      { method: "WorksheetCollection.add", args: [name ?? null], parent: this._id }
    );
  }
  getItem(key: string): FakeWorksheet {
    const state = this.ctx.host.state;
    return new FakeWorksheet(
      this.ctx,
      () => {
        const sheet = findSheet(state, key) ?? liveSheets(state).find((s) => s.id === key);
        if (!sheet) throw itemNotFound("WorksheetCollection.getItem", `no sheet '${key}'`);
        return sheet;
      },
      { method: "WorksheetCollection.getItem", args: [key], parent: this._id }
    );
  }
  getItemOrNullObject(key: string): FakeWorksheet {
    const state = this.ctx.host.state;
    return new FakeWorksheet(
      this.ctx,
      () => findSheet(state, key) ?? liveSheets(state).find((s) => s.id === key) ?? null,
      { method: "WorksheetCollection.getItemOrNullObject", args: [key], parent: this._id }
    );
  }
  getActiveWorksheet(): FakeWorksheet {
    const state = this.ctx.host.state;
    return new FakeWorksheet(
      this.ctx,
      () => {
        const sheets = liveSheets(state);
        return (
          sheets.find((s) => s.id === state.activeSheetId) ??
          sheets.find((s) => s.visibility === "Visible") ??
          null
        );
      },
      { method: "WorksheetCollection.getActiveWorksheet", args: [], parent: this._id }
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Worksheets

function checkSheetLive(sheet: SheetState, location: string): SheetState {
  if (sheet.deleted) throw itemNotFound(location, `the sheet '${sheet.name}' was deleted`);
  return sheet;
}

class FakeWorksheet extends FakeObject<SheetState> implements WorksheetLike {
  protected readonly typeName = "Worksheet";
  private protectionProxy: FakeWorksheetProtection | null = null;
  private freezeProxy: FakeFreezePanes | null = null;
  private pageLayoutProxy: FakePageLayout | null = null;
  private tablesProxy: FakeTableCollection | null = null;

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
  get tables(): FakeTableCollection {
    this.tablesProxy ??= new FakeTableCollection(this.ctx, this);
    return this.tablesProxy;
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

// ---------------------------------------------------------------------------------------------
// Ranges

interface RangeRef {
  readonly sheet: SheetState;
  readonly rect: Rect;
}

const MAX_CELL_WRITES = 2_000_000;

function* cellsIn(
  sheet: SheetState,
  rect: Rect,
  location: string,
  create: boolean
): Generator<[number, number, CellState]> {
  const { rows, columns } = rectSize(rect);
  if (create && rows * columns > MAX_CELL_WRITES)
    throw notImplemented(
      location,
      "cell-by-cell writes on more than 2 000 000 cells (whole rows or columns)"
    );
  if (!create && rows * columns > MAX_CELL_WRITES) {
    for (const [key, cell] of sheet.cells) {
      const r = keyRow(key);
      const c = keyCol(key);
      if (r >= rect.r0 && r <= rect.r1 && c >= rect.c0 && c <= rect.c1) yield [r, c, cell];
    }
    return;
  }
  for (let r = rect.r0; r <= rect.r1; r++)
    for (let c = rect.c0; c <= rect.c1; c++) {
      const key = cellKey(r, c);
      let cell = sheet.cells.get(key);
      if (!cell) {
        if (!create) continue;
        cell = emptyCell();
        sheet.cells.set(key, cell);
      }
      yield [r, c, cell];
    }
}

function cellAt(sheet: SheetState, r: number, c: number): CellState | undefined {
  return sheet.cells.get(cellKey(r, c));
}

/** A uniform property of a range's cells, or null when they differ (as Office.js reads them). */
function uniform<V>(ref: RangeRef, pick: (cell: CellState | undefined) => V): V | null {
  const { rows, columns } = rectSize(ref.rect);
  let first: { v: V } | null = null;
  if (rows * columns > MAX_CELL_WRITES) {
    first = { v: pick(undefined) };
    for (const [, , cell] of cellsIn(ref.sheet, ref.rect, "uniform", false)) {
      if (JSON.stringify(pick(cell)) !== JSON.stringify(first.v)) return null;
    }
    return first.v;
  }
  for (let r = ref.rect.r0; r <= ref.rect.r1; r++)
    for (let c = ref.rect.c0; c <= ref.rect.c1; c++) {
      const v = pick(cellAt(ref.sheet, r, c));
      if (!first) first = { v };
      else if (JSON.stringify(v) !== JSON.stringify(first.v)) return null;
    }
  return first ? first.v : null;
}

function assertContentEditable(ref: RangeRef, location: string): void {
  if (!ref.sheet.protection.protected) return;
  for (let r = ref.rect.r0; r <= Math.min(ref.rect.r1, ref.rect.r0 + 1_048_575); r++)
    for (let c = ref.rect.c0; c <= ref.rect.c1; c++) {
      const locked = cellAt(ref.sheet, r, c)?.format.locked ?? true;
      if (locked)
        throw accessDenied(
          location,
          `${fullAddress(ref.sheet.name, { r0: r, c0: c, r1: r, c1: c })} is locked`
        );
    }
}

function assertFormatEditable(ref: RangeRef, location: string, allow: string): void {
  const p = ref.sheet.protection;
  if (p.protected && p.options[allow] !== true)
    throw accessDenied(location, `the sheet is protected (${allow} not allowed)`);
}

function assertMatrix(location: string, value: unknown, rect: Rect): unknown[][] {
  const { rows, columns } = rectSize(rect);
  if (!Array.isArray(value) || !value.every((row) => Array.isArray(row)))
    throw invalidArgument(location, "a 2-D array is expected");
  const matrix = value as unknown[][];
  if (matrix.some((row) => row.length !== (matrix[0]?.length ?? 0)))
    throw invalidArgument(location, "the 2-D array is not rectangular");
  if (matrix.length !== rows || (matrix[0]?.length ?? 0) !== columns)
    throw invalidArgument(
      location,
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${matrix.length}×${matrix[0]?.length ?? 0} for ${rows}×${columns})`
    );
  return matrix;
}

/** Writes inputs through `values` or `formulas`, interpreted as Excel interprets typed input. */
export function writeInputs(ref: RangeRef, matrix: unknown[][], location: string): void {
  matrix.forEach((line, i) =>
    line.forEach((input, j) => {
      const r = ref.rect.r0 + i;
      const c = ref.rect.c0 + j;
      const existing = cellAt(ref.sheet, r, c);
      const parsed = parseInput(input, existing?.numberFormat ?? "General");
      if (parsed.kind === "unchanged") return;
      if (parsed.kind === "invalid")
        throw invalidArgument(location, `${parsed.reason} at row ${i + 1}, column ${j + 1}`);
      const cell = existing ?? emptyCell();
      if (!existing) ref.sheet.cells.set(cellKey(r, c), cell);
      cell.quotePrefix = false;
      if (parsed.kind === "clear") {
        cell.value = null;
        cell.formula = null;
      } else if (parsed.kind === "formula") {
        cell.value = null;
        cell.formula = parsed.formula;
      } else {
        cell.value = parsed.value;
        cell.formula = null;
        cell.quotePrefix = parsed.quotePrefix;
      }
    })
  );
}

function updateFormat(
  ref: RangeRef,
  location: string,
  patch: (f: CellFormat, r: number, c: number) => CellFormat
): void {
  for (const [r, c, cell] of cellsIn(ref.sheet, ref.rect, location, true))
    cell.format = patch(cell.format, r, c);
}

class FakeRange extends FakeObject<RangeRef> implements RangeLike {
  protected readonly typeName = "Range";
  private formatProxy: FakeRangeFormat | null = null;
  private validationProxy: FakeDataValidation | null = null;
  private cfProxy: FakeConditionalFormatCollection | null = null;

  private get host(): Host {
    return this.ctx.host;
  }
  protected readers(): Readers<RangeRef> {
    const fv = this.host.formulaValue;
    return {
      address: (x) => fullAddress(x.sheet.name, x.rect),
      rowCount: (x) => rectSize(x.rect).rows,
      columnCount: (x) => rectSize(x.rect).columns,
      rowIndex: (x) => x.rect.r0,
      columnIndex: (x) => x.rect.c0,
      values: (x) =>
        this.matrix(x, (cell, r, c) => {
          if (!cell) return "";
          if (cell.formula !== null) return fv ? fv(x.sheet.name, r, c, cell.formula) : "";
          return cell.value ?? "";
        }),
      formulas: (x) => this.matrix(x, (cell) => (cell ? (cell.formula ?? cell.value ?? "") : "")),
      numberFormat: (x) => this.matrix(x, (cell) => cell?.numberFormat ?? "General"),
      text: (x) =>
        this.matrix(x, (cell) => {
          if (!cell || cell.formula !== null || cell.value === null) return "";
          if (typeof cell.value === "boolean") return cell.value ? "TRUE" : "FALSE";
          return String(cell.value);
        }),
      columnHidden: (x) => {
        for (let c = x.rect.c0; c <= Math.min(x.rect.c1, x.rect.c0 + 16383); c++)
          if (!x.sheet.columns.get(c)?.hidden) return false;
        return true;
      },
      hyperlink: (x) => {
        const h = cellAt(x.sheet, x.rect.r0, x.rect.c0)?.hyperlink;
        return h ? { ...h } : {};
      },
    };
  }
  private matrix<V>(
    x: RangeRef,
    pick: (cell: CellState | undefined, r: number, c: number) => V
  ): V[][] {
    const { rows, columns } = rectSize(x.rect);
    if (rows * columns > MAX_CELL_WRITES)
      throw invalidArgument("Range.load", "the range is too large to load");
    const out: V[][] = [];
    for (let r = x.rect.r0; r <= x.rect.r1; r++) {
      const line: V[] = [];
      for (let c = x.rect.c0; c <= x.rect.c1; c++) line.push(pick(cellAt(x.sheet, r, c), r, c));
      out.push(line);
    }
    return out;
  }
  protected override child(name: string): FakeObject<unknown> | null {
    if (name === "format") return this.format as FakeObject<unknown>;
    return null;
  }
  private live(location: string): RangeRef {
    const ref = this.resolve(location);
    checkSheetLive(ref.sheet, location);
    return ref;
  }

  get address(): string {
    return this.read("address");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get text(): string[][] {
    return this.read("text");
  }
  get values(): unknown[][] {
    return this.read("values");
  }
  set values(value: unknown[][]) {
    this.write("values", value, () => {
      const location = "Range.values";
      const ref = this.live(location);
      const matrix = assertMatrix(location, value, ref.rect);
      assertContentEditable(ref, location);
      writeInputs(ref, matrix, location);
    });
  }
  get formulas(): unknown[][] {
    return this.read("formulas");
  }
  set formulas(value: unknown[][]) {
    this.write("formulas", value, () => {
      const location = "Range.formulas";
      const ref = this.live(location);
      const matrix = assertMatrix(location, value, ref.rect);
      assertContentEditable(ref, location);
      writeInputs(ref, matrix, location);
    });
  }
  get numberFormat(): unknown[][] {
    return this.read("numberFormat");
  }
  set numberFormat(value: unknown[][]) {
    this.write("numberFormat", value, () => {
      const location = "Range.numberFormat";
      const ref = this.live(location);
      const matrix = assertMatrix(location, value, ref.rect);
      assertFormatEditable(ref, location, "allowFormatCells");
      matrix.forEach((line, i) =>
        line.forEach((f, j) => {
          if (f === null || f === undefined) return;
          if (typeof f !== "string" || f === "")
            throw invalidArgument(location, "a number format is a non-empty string");
          const key = cellKey(ref.rect.r0 + i, ref.rect.c0 + j);
          let cell = ref.sheet.cells.get(key);
          if (!cell) {
            cell = emptyCell();
            ref.sheet.cells.set(key, cell);
          }
          cell.numberFormat = f;
        })
      );
    });
  }
  get columnHidden(): boolean {
    return this.read("columnHidden");
  }
  set columnHidden(value: boolean) {
    this.write("columnHidden", value, () => {
      const location = "Range.columnHidden";
      const ref = this.live(location);
      bool(location, value);
      assertFormatEditable(ref, location, "allowFormatColumns");
      for (let c = ref.rect.c0; c <= ref.rect.c1; c++) {
        const col = ref.sheet.columns.get(c) ?? {};
        col.hidden = value;
        ref.sheet.columns.set(c, col);
      }
    });
  }
  get hyperlink(): RangeHyperlinkLike {
    return this.read("hyperlink");
  }
  set hyperlink(value: RangeHyperlinkLike) {
    this.write("hyperlink", value, () => {
      const location = "Range.hyperlink";
      const ref = this.live(location);
      if (typeof value !== "object" || value === null)
        throw invalidArgument(location, "a hyperlink object is expected");
      if (!value.address && !value.documentReference)
        throw invalidArgument(location, "address or documentReference is required");
      if (value.documentReference) {
        const { sheet, local } = splitSheet(value.documentReference);
        if (sheet === null || !findSheet(this.host.state, sheet) || !parseLocal(local))
          throw invalidArgument(
            location,
            `invalid document reference '${value.documentReference}'`
          );
      }
      assertContentEditable(ref, location);
      for (const [, , cell] of cellsIn(ref.sheet, ref.rect, location, true)) {
        cell.hyperlink = {
          documentReference: value.documentReference ?? null,
          address: value.address ?? null,
          textToDisplay: value.textToDisplay ?? null,
        };
        if (value.textToDisplay !== undefined) {
          cell.value = value.textToDisplay;
          cell.formula = null;
        }
      }
    });
  }
  get format(): FakeRangeFormat {
    this.formatProxy ??= new FakeRangeFormat(this.ctx, () => this.live("Range.format"));
    return this.formatProxy;
  }
  get dataValidation(): FakeDataValidation {
    this.validationProxy ??= new FakeDataValidation(this.ctx, () =>
      this.live("Range.dataValidation")
    );
    return this.validationProxy;
  }
  get conditionalFormats(): FakeConditionalFormatCollection {
    this.cfProxy ??= new FakeConditionalFormatCollection(this.ctx, this);
    return this.cfProxy;
  }
  private derived(method: string, args: unknown[], make: (ref: RangeRef) => Rect): FakeRange {
    return new FakeRange(
      this.ctx,
      () => {
        const location = `Range.${method}`;
        const ref = this.live(location);
        const rect = make(ref);
        if (
          rect.r0 < 0 ||
          rect.c0 < 0 ||
          rect.r1 >= MAX_ROWS ||
          rect.c1 >= MAX_COLUMNS ||
          rect.r1 < rect.r0 ||
          rect.c1 < rect.c0
        )
          throw invalidArgument(location, "the resulting range is outside the sheet");
        return { sheet: ref.sheet, rect };
      },
      { method: `Range.${method}`, args, parent: this._id }
    );
  }
  getCell(row: number, column: number): FakeRange {
    return this.derived("getCell", [row, column], (ref) => ({
      r0: ref.rect.r0 + row,
      c0: ref.rect.c0 + column,
      r1: ref.rect.r0 + row,
      c1: ref.rect.c0 + column,
    }));
  }
  getRow(row: number): FakeRange {
    return this.derived("getRow", [row], (ref) => ({
      ...ref.rect,
      r0: ref.rect.r0 + row,
      r1: ref.rect.r0 + row,
    }));
  }
  /** The smallest range holding this one and `other` (the real client uses it to send large arrays in chunks). */
  getBoundingRect(other: FakeRange | string): FakeRange {
    return this.derived("getBoundingRect", [typeof other === "string" ? other : null], (ref) => {
      const location = "Range.getBoundingRect";
      let rect: Rect;
      if (typeof other === "string") {
        const parsed = parseLocal(splitSheet(other).local);
        if (!parsed) throw invalidArgument(location, `invalid address '${other}'`);
        rect = parsed;
      } else {
        const o = other.live(location);
        if (o.sheet !== ref.sheet)
          throw invalidArgument(location, "the ranges are on different sheets");
        rect = o.rect;
      }
      return {
        r0: Math.min(ref.rect.r0, rect.r0),
        c0: Math.min(ref.rect.c0, rect.c0),
        r1: Math.max(ref.rect.r1, rect.r1),
        c1: Math.max(ref.rect.c1, rect.c1),
      };
    });
  }
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derived("getResizedRange", [deltaRows, deltaColumns], (ref) => ({
      ...ref.rect,
      r1: ref.rect.r1 + deltaRows,
      c1: ref.rect.c1 + deltaColumns,
    }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.derived("getOffsetRange", [rowOffset, columnOffset], (ref) => ({
      r0: ref.rect.r0 + rowOffset,
      c0: ref.rect.c0 + columnOffset,
      r1: ref.rect.r1 + rowOffset,
      c1: ref.rect.c1 + columnOffset,
    }));
  }
  group(groupOption: "ByRows" | "ByColumns"): void {
    this.call("group", [groupOption], () => {
      const location = "Range.group";
      const ref = this.live(location);
      const option = oneOf(location, groupOption, ["ByRows", "ByColumns"]);
      if (ref.sheet.protection.protected) throw accessDenied(location, "the sheet is protected");
      if (option === "ByColumns") {
        for (let c = ref.rect.c0; c <= ref.rect.c1; c++) {
          const col = ref.sheet.columns.get(c) ?? {};
          col.outlineLevel = (col.outlineLevel ?? 0) + 1;
          if (col.outlineLevel > 8) throw invalidOperation(location, "at most 8 outline levels");
          ref.sheet.columns.set(c, col);
        }
      } else {
        for (let r = ref.rect.r0; r <= ref.rect.r1; r++) {
          const row = ref.sheet.rows.get(r) ?? {};
          row.outlineLevel = (row.outlineLevel ?? 0) + 1;
          if (row.outlineLevel > 8) throw invalidOperation(location, "at most 8 outline levels");
          ref.sheet.rows.set(r, row);
        }
      }
    });
  }
  select(): void {
    const state = this.host.state;
    this.call("select", [], () => {
      const ref = this.live("Range.select");
      if (ref.sheet.visibility !== "Visible")
        throw invalidOperation("Range.select", "the sheet is hidden");
      state.activeSheetId = ref.sheet.id;
      state.selection = { sheetId: ref.sheet.id, rect: ref.rect };
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Range formats

const H_ALIGN = [
  "General",
  "Left",
  "Center",
  "Right",
  "Fill",
  "Justify",
  "CenterAcrossSelection",
  "Distributed",
] as const;
const V_ALIGN = ["Top", "Center", "Bottom", "Justify", "Distributed"] as const;
const UNDERLINE = ["None", "Single", "Double", "SingleAccountant", "DoubleAccountant"] as const;
const BORDER_STYLE = [
  "None",
  "Continuous",
  "Dash",
  "DashDot",
  "DashDotDot",
  "Dot",
  "Double",
  "SlantDashDot",
] as const;
const BORDER_WEIGHT = ["Hairline", "Thin", "Medium", "Thick"] as const;

class FakeRangeFormat extends FakeObject<RangeRef> implements RangeFormatLike {
  protected readonly typeName = "RangeFormat";
  private fillProxy: FakeFormatPart<{ color: string }> | null = null;
  private fontProxy: FakeFont | null = null;
  private protectionProxy: FakeFormatProtection | null = null;

  protected readers(): Readers<RangeRef> {
    return {
      wrapText: (x) => uniform(x, (c) => (c ?? emptyCell()).format.wrapText),
      horizontalAlignment: (x) => uniform(x, (c) => (c ?? emptyCell()).format.horizontal),
      verticalAlignment: (x) => uniform(x, (c) => (c ?? emptyCell()).format.vertical),
      columnWidth: (x) => {
        const widths = new Set<number>();
        for (let c = x.rect.c0; c <= Math.min(x.rect.c1, x.rect.c0 + 16383); c++)
          widths.add(x.sheet.columns.get(c)?.width ?? DEFAULT_COLUMN_WIDTH);
        return widths.size === 1 ? [...widths][0] : null;
      },
      rowHeight: (x) => {
        const heights = new Set<number>();
        for (let r = x.rect.r0; r <= Math.min(x.rect.r1, x.rect.r0 + 100_000); r++)
          heights.add(x.sheet.rows.get(r)?.height ?? DEFAULT_ROW_HEIGHT);
        return heights.size === 1 ? [...heights][0] : null;
      },
    };
  }
  protected override child(name: string): FakeObject<unknown> | null {
    if (name === "font") return this.font as FakeObject<unknown>;
    if (name === "fill") {
      void this.fill;
      return this.fillProxy as FakeObject<unknown> | null;
    }
    if (name === "protection") return this.protection as FakeObject<unknown>;
    return null;
  }
  private setFormat(
    name: string,
    value: unknown,
    patch: (f: CellFormat, v: unknown) => CellFormat
  ): void {
    this.write(name, value, (ref) => {
      const location = `RangeFormat.${name}`;
      assertFormatEditable(ref, location, "allowFormatCells");
      const checked = patch(DEFAULT_FORMAT, value);
      void checked;
      updateFormat(ref, location, (f) => patch(f, value));
    });
  }
  get fill(): { color: string } {
    this.fillProxy ??= new FakeFormatPart(this.ctx, () => this.resolveNullable(), "RangeFill", {
      color: {
        read: (c) => c.format.fill ?? "#FFFFFF",
        patch: (f, v) => ({ ...f, fill: color("RangeFill.color", v) }),
      },
    });
    return this.fillProxy.as();
  }
  get font(): FakeFont {
    this.fontProxy ??= new FakeFont(this.ctx, () => this.resolveNullable());
    return this.fontProxy;
  }
  get protection(): FakeFormatProtection {
    this.protectionProxy ??= new FakeFormatProtection(this.ctx, () => this.resolveNullable());
    return this.protectionProxy;
  }
  get borders(): { getItem(index: BorderIndexLike): RangeBorderLike } {
    return { getItem: (index) => new FakeBorder(this.ctx, () => this.resolveNullable(), index) };
  }
  get wrapText(): boolean {
    return this.read("wrapText");
  }
  set wrapText(value: boolean) {
    this.setFormat("wrapText", value, (f, v) => ({
      ...f,
      wrapText: bool("RangeFormat.wrapText", v),
    }));
  }
  get horizontalAlignment(): string {
    return this.read("horizontalAlignment");
  }
  set horizontalAlignment(value: string) {
    this.setFormat("horizontalAlignment", value, (f, v) => ({
      ...f,
      horizontal: oneOf("RangeFormat.horizontalAlignment", v, H_ALIGN),
    }));
  }
  get verticalAlignment(): string {
    return this.read("verticalAlignment");
  }
  set verticalAlignment(value: string) {
    this.setFormat("verticalAlignment", value, (f, v) => ({
      ...f,
      vertical: oneOf("RangeFormat.verticalAlignment", v, V_ALIGN),
    }));
  }
  get columnWidth(): number {
    return this.read("columnWidth");
  }
  set columnWidth(value: number) {
    this.write("columnWidth", value, (ref) => {
      const location = "RangeFormat.columnWidth";
      assertFormatEditable(ref, location, "allowFormatColumns");
      const w = positive(location, value, 255 * 7.5);
      for (let c = ref.rect.c0; c <= ref.rect.c1; c++) {
        const col = ref.sheet.columns.get(c) ?? {};
        col.width = w;
        ref.sheet.columns.set(c, col);
      }
    });
  }
  get rowHeight(): number {
    return this.read("rowHeight");
  }
  set rowHeight(value: number) {
    this.write("rowHeight", value, (ref) => {
      const location = "RangeFormat.rowHeight";
      assertFormatEditable(ref, location, "allowFormatRows");
      const h = positive(location, value, 409);
      if (ref.rect.r1 - ref.rect.r0 > 100_000)
        throw notImplemented(location, "row heights of more than 100 000 rows");
      for (let r = ref.rect.r0; r <= ref.rect.r1; r++) {
        const row = ref.sheet.rows.get(r) ?? {};
        row.height = h;
        ref.sheet.rows.set(r, row);
      }
    });
  }
}

interface PartProp {
  read(cell: CellState): unknown;
  patch(f: CellFormat, v: unknown): CellFormat;
}

class FakeFormatPart<Shape extends object> extends FakeObject<RangeRef> {
  constructor(
    ctx: FakeContext,
    resolver: () => RangeRef | null,
    protected readonly typeName: string,
    private readonly props: Readonly<Record<string, PartProp>>
  ) {
    super(ctx, resolver);
    for (const name of Object.keys(props)) {
      Object.defineProperty(this, name, {
        get: () => this.read(name),
        set: (v: unknown) => {
          this.setPart(name, v);
        },
        enumerable: true,
      });
    }
  }
  protected readers(): Readers<RangeRef> {
    const out: Readers<RangeRef> = {};
    for (const [name, p] of Object.entries(this.props))
      out[name] = (x) => uniform(x, (c) => p.read(c ?? emptyCell()));
    return out;
  }
  protected setPart(name: string, value: unknown): void {
    const prop = this.props[name];
    if (!prop) return;
    this.write(name, value, (ref) => {
      const location = `${this.typeName}.${name}`;
      assertFormatEditable(ref, location, "allowFormatCells");
      prop.patch(DEFAULT_FORMAT, value); // validates before touching any cell
      updateFormat(ref, location, (f) => prop.patch(f, value));
    });
  }
  /** Typed view of the dynamic properties. */
  as(): Shape & this {
    return this as Shape & this;
  }
}

class FakeFont extends FakeFormatPart<object> {
  constructor(ctx: FakeContext, resolver: () => RangeRef | null) {
    super(ctx, resolver, "RangeFont", {
      bold: {
        read: (c) => c.format.bold,
        patch: (f, v) => ({ ...f, bold: bool("RangeFont.bold", v) }),
      },
      italic: {
        read: (c) => c.format.italic,
        patch: (f, v) => ({ ...f, italic: bool("RangeFont.italic", v) }),
      },
      color: {
        read: (c) => c.format.fontColor,
        patch: (f, v) => ({ ...f, fontColor: color("RangeFont.color", v) }),
      },
      size: {
        read: (c) => c.format.fontSize,
        patch: (f, v) => ({ ...f, fontSize: positive("RangeFont.size", v, 409) }),
      },
      name: {
        read: (c) => c.format.fontName,
        patch: (f, v) => {
          if (typeof v !== "string" || v === "")
            throw invalidArgument("RangeFont.name", "a font name is expected");
          return { ...f, fontName: v };
        },
      },
      underline: {
        read: (c) => c.format.underline,
        patch: (f, v) => ({ ...f, underline: oneOf("RangeFont.underline", v, UNDERLINE) }),
      },
    });
  }
  declare bold: boolean;
  declare italic: boolean;
  declare color: string;
  declare size: number;
  declare name: string;
  declare underline: string;
}

class FakeFormatProtection extends FakeFormatPart<object> {
  constructor(ctx: FakeContext, resolver: () => RangeRef | null) {
    super(ctx, resolver, "FormatProtection", {
      locked: {
        read: (c) => c.format.locked,
        patch: (f, v) => ({ ...f, locked: bool("FormatProtection.locked", v) }),
      },
    });
  }
  declare locked: boolean;
  protected override setPart(name: string, value: unknown): void {
    // Locking cells is a format change: refused on a protected sheet.
    super.setPart(name, value);
  }
}

type Side = "borderTop" | "borderBottom" | "borderLeft" | "borderRight";

/** Which sides of the cell at (r, c) of `rect` an edge of the range sets. */
function sidesOf(index: BorderIndexLike, rect: Rect, r: number, c: number): Side[] {
  switch (index) {
    case "EdgeTop":
      return r === rect.r0 ? ["borderTop"] : [];
    case "EdgeBottom":
      return r === rect.r1 ? ["borderBottom"] : [];
    case "EdgeLeft":
      return c === rect.c0 ? ["borderLeft"] : [];
    case "EdgeRight":
      return c === rect.c1 ? ["borderRight"] : [];
    case "InsideHorizontal":
      return [
        ...(r > rect.r0 ? (["borderTop"] as Side[]) : []),
        ...(r < rect.r1 ? (["borderBottom"] as Side[]) : []),
      ];
    case "InsideVertical":
      return [
        ...(c > rect.c0 ? (["borderLeft"] as Side[]) : []),
        ...(c < rect.c1 ? (["borderRight"] as Side[]) : []),
      ];
    default:
      return [];
  }
}

class FakeBorder extends FakeObject<RangeRef> implements RangeBorderLike {
  protected readonly typeName = "RangeBorder";
  constructor(
    ctx: FakeContext,
    resolver: () => RangeRef | null,
    private readonly index: BorderIndexLike
  ) {
    super(ctx, resolver);
  }
  protected readers(): Readers<RangeRef> {
    const side = (x: RangeRef, pick: (b: BorderSide | null) => unknown) => {
      const values = new Set<string>();
      for (let r = x.rect.r0; r <= x.rect.r1; r++)
        for (let c = x.rect.c0; c <= x.rect.c1; c++)
          for (const s of sidesOf(this.index, x.rect, r, c))
            values.add(JSON.stringify(pick((cellAt(x.sheet, r, c)?.format ?? DEFAULT_FORMAT)[s])));
      return values.size === 1 ? (JSON.parse([...values][0] ?? "null") as unknown) : null;
    };
    return {
      style: (x) => side(x, (b) => b?.style ?? "None"),
      color: (x) => side(x, (b) => b?.color ?? "#000000"),
      weight: (x) => side(x, (b) => b?.weight ?? "Thin"),
    };
  }
  private setSide(name: "style" | "color" | "weight", value: unknown): void {
    this.write(name, value, (ref) => {
      const location = `RangeBorder.${name}`;
      assertFormatEditable(ref, location, "allowFormatCells");
      const v =
        name === "style"
          ? oneOf(location, value, BORDER_STYLE)
          : name === "weight"
            ? oneOf(location, value, BORDER_WEIGHT)
            : color(location, value);
      const { rows, columns } = rectSize(ref.rect);
      if (rows * columns > MAX_CELL_WRITES)
        throw notImplemented(location, "borders on whole rows or columns");
      for (let r = ref.rect.r0; r <= ref.rect.r1; r++)
        for (let c = ref.rect.c0; c <= ref.rect.c1; c++) {
          const sides = sidesOf(this.index, ref.rect, r, c);
          if (sides.length === 0) continue;
          const key = cellKey(r, c);
          let cell = ref.sheet.cells.get(key);
          if (!cell) {
            cell = emptyCell();
            ref.sheet.cells.set(key, cell);
          }
          const f: { -readonly [K in keyof CellFormat]: CellFormat[K] } = { ...cell.format };
          for (const s of sides) {
            const current = f[s] ?? { style: "Continuous", color: "#000000", weight: "Thin" };
            if (name === "style" && v === "None") f[s] = null;
            else f[s] = { ...current, [name]: v };
          }
          cell.format = f;
        }
    });
  }
  get style(): string {
    return this.read("style");
  }
  set style(value: string) {
    this.setSide("style", value);
  }
  get color(): string {
    return this.read("color");
  }
  set color(value: string) {
    this.setSide("color", value);
  }
  get weight(): string {
    return this.read("weight");
  }
  set weight(value: string) {
    this.setSide("weight", value);
  }
}

// ---------------------------------------------------------------------------------------------
// Data validation

const OPERATORS = [
  "Between",
  "NotBetween",
  "EqualTo",
  "NotEqualTo",
  "GreaterThan",
  "LessThan",
  "GreaterThanOrEqualTo",
  "LessThanOrEqualTo",
] as const;

function sameRect(a: Rect, b: Rect): boolean {
  return a.r0 === b.r0 && a.c0 === b.c0 && a.r1 === b.r1 && a.c1 === b.c1;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}

function checkRule(location: string, rule: unknown, state: WorkbookState): Record<string, unknown> {
  if (typeof rule !== "object" || rule === null)
    throw invalidArgument(location, "a rule object is expected");
  const entries = Object.entries(rule as Record<string, unknown>).filter(
    ([, v]) => v !== undefined
  );
  if (entries.length !== 1) throw invalidArgument(location, "a rule has exactly one kind");
  const [kind, body] = entries[0] as [string, unknown];
  if (typeof body !== "object" || body === null)
    throw invalidArgument(location, `${kind} needs its settings`);
  const b = body as Record<string, unknown>;
  const operand = (v: unknown, what: string) => {
    if (typeof v === "number" && Number.isFinite(v)) return;
    if (typeof v === "string" && v !== "") return;
    throw invalidArgument(location, `${kind}.${what} is missing or invalid`);
  };
  switch (kind) {
    case "wholeNumber":
    case "decimal":
    case "date": {
      const op = oneOf(location, b.operator, OPERATORS);
      operand(b.formula1, "formula1");
      if (op === "Between" || op === "NotBetween") operand(b.formula2, "formula2");
      if (
        kind === "date" &&
        typeof b.formula1 === "string" &&
        !/^(=|\d{4}-\d{2}-\d{2})/.test(b.formula1)
      )
        throw invalidArgument(location, "date.formula1 is an ISO date or a formula");
      break;
    }
    case "list": {
      if (typeof b.source !== "string" || b.source === "")
        throw invalidArgument(location, "list.source is required");
      if (b.source.startsWith("=")) {
        const { sheet, local } = splitSheet(b.source.slice(1));
        if ((sheet !== null && !findSheet(state, sheet)) || !parseLocal(local))
          throw invalidArgument(location, `list.source '${b.source}' does not refer to a range`);
      }
      bool(location, b.inCellDropDown);
      break;
    }
    default:
      throw notImplemented(location, `validation kind ${kind}`);
  }
  return JSON.parse(JSON.stringify(rule)) as Record<string, unknown>;
}

class FakeDataValidation extends FakeObject<RangeRef> implements DataValidationLike {
  protected readonly typeName = "DataValidation";
  private entry(ref: RangeRef, create: boolean): ValidationState | null {
    let e = ref.sheet.validations.find((v) => sameRect(v.rect, ref.rect)) ?? null;
    if (!e && create) {
      if (ref.sheet.validations.some((v) => overlaps(v.rect, ref.rect)))
        throw invalidOperation(
          "DataValidation",
          "the range overlaps another validation: clear it first"
        );
      e = { rect: ref.rect, rule: null, prompt: null, errorAlert: null, ignoreBlanks: true };
      ref.sheet.validations.push(e);
    }
    return e;
  }
  private edit(name: string, value: unknown, apply: (e: ValidationState) => void): void {
    this.write(name, value, (ref) => {
      if (ref.sheet.protection.protected)
        throw accessDenied(`DataValidation.${name}`, "the sheet is protected");
      const e = this.entry(ref, true);
      if (e) apply(e);
    });
  }
  protected readers(): Readers<RangeRef> {
    return {
      rule: (x) => this.entry(x, false)?.rule ?? {},
      prompt: (x) => this.entry(x, false)?.prompt ?? { showPrompt: false, title: "", message: "" },
      errorAlert: (x) =>
        this.entry(x, false)?.errorAlert ?? {
          showAlert: true,
          style: "Stop",
          title: "",
          message: "",
        },
      ignoreBlanks: (x) => this.entry(x, false)?.ignoreBlanks ?? true,
    };
  }
  get rule(): DataValidationRuleLike {
    return this.read("rule");
  }
  set rule(value: DataValidationRuleLike) {
    const state = this.ctx.host.state;
    this.edit("rule", value, (e) => {
      e.rule = checkRule("DataValidation.rule", value, state);
    });
  }
  get prompt(): { showPrompt: boolean; title: string; message: string } {
    return this.read("prompt");
  }
  set prompt(value: { showPrompt: boolean; title: string; message: string }) {
    this.edit("prompt", value, (e) => {
      const location = "DataValidation.prompt";
      if (value.title.length > 32)
        throw invalidArgument(location, "a prompt title has at most 32 characters");
      if (value.message.length > 255)
        throw invalidArgument(location, "a prompt message has at most 255 characters");
      e.prompt = {
        showPrompt: bool(location, value.showPrompt),
        title: value.title,
        message: value.message,
      };
    });
  }
  get errorAlert(): { showAlert: boolean; style: string; title: string; message: string } {
    return this.read("errorAlert");
  }
  set errorAlert(value: { showAlert: boolean; style: string; title: string; message: string }) {
    this.edit("errorAlert", value, (e) => {
      const location = "DataValidation.errorAlert";
      if (value.title.length > 32)
        throw invalidArgument(location, "an alert title has at most 32 characters");
      if (value.message.length > 255)
        throw invalidArgument(location, "an alert message has at most 255 characters");
      e.errorAlert = {
        showAlert: bool(location, value.showAlert),
        style: oneOf(location, value.style, ["Stop", "Warning", "Information"]),
        title: value.title,
        message: value.message,
      };
    });
  }
  get ignoreBlanks(): boolean {
    return this.read("ignoreBlanks");
  }
  set ignoreBlanks(value: boolean) {
    this.edit("ignoreBlanks", value, (e) => {
      e.ignoreBlanks = bool("DataValidation.ignoreBlanks", value);
    });
  }
  clear(): void {
    this.call("clear", [], (ref) => {
      ref.sheet.validations = ref.sheet.validations.filter((v) => !overlaps(v.rect, ref.rect));
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Conditional formats

class FakeConditionalFormatCollection implements ConditionalFormatCollectionLike {
  constructor(
    private readonly ctx: FakeContext,
    private readonly range: FakeRange
  ) {}
  add(type: "Custom" | "DataBar"): FakeConditionalFormat {
    let counter = 0;
    return new FakeConditionalFormat(
      this.ctx,
      () => {
        const location = "ConditionalFormatCollection.add";
        const ref = this.range.resolve(location);
        checkSheetLive(ref.sheet, location);
        const t = oneOf(location, type, ["Custom", "DataBar"]);
        if (ref.sheet.protection.protected) throw accessDenied(location, "the sheet is protected");
        counter = ref.sheet.conditionalFormats.length;
        const cf: ConditionalFormatState = {
          id: `cf${this.ctx.host.state.nextId++}`,
          type: t,
          rect: ref.rect,
          priority: counter,
          formula: null,
          fill: null,
          fontColor: null,
          bold: null,
          barColor: null,
          gradientFill: null,
          lowerBound: null,
          upperBound: null,
        };
        ref.sheet.conditionalFormats.push(cf);
        return cf;
      },
      { method: "ConditionalFormatCollection.add", args: [type], parent: this.range._id }
    );
  }
}

class FakeCfPart extends FakeObject<ConditionalFormatState> {
  constructor(
    ctx: FakeContext,
    resolver: () => ConditionalFormatState | null,
    protected readonly typeName: string,
    private readonly props: Readonly<
      Record<string, (cf: ConditionalFormatState, v: unknown) => void>
    >,
    private readonly reads: Readers<ConditionalFormatState>,
    private readonly kind: "Custom" | "DataBar"
  ) {
    super(ctx, resolver);
    for (const name of Object.keys(props)) {
      Object.defineProperty(this, name, {
        get: () => this.read(name),
        set: (v: unknown) => {
          this.write(name, v, (cf) => {
            if (cf.type !== this.kind)
              throw invalidOperation(
                `${this.typeName}.${name}`,
                `a ${cf.type} conditional format has no ${this.typeName}`
              );
            props[name]?.(cf, v);
          });
        },
        enumerable: true,
      });
    }
  }
  protected readers(): Readers<ConditionalFormatState> {
    return this.reads;
  }
}

class FakeConditionalFormat
  extends FakeObject<ConditionalFormatState>
  implements ConditionalFormatLike
{
  protected readonly typeName = "ConditionalFormat";
  private customProxy: ConditionalFormatLike["custom"] | null = null;
  private barProxy: ConditionalFormatLike["dataBar"] | null = null;
  protected readers(): Readers<ConditionalFormatState> {
    return { type: (cf) => cf.type, priority: (cf) => cf.priority };
  }
  get custom(): ConditionalFormatLike["custom"] {
    if (!this.customProxy) {
      const r = () => this.resolveNullable();
      const rule = new FakeCfPart(
        this.ctx,
        r,
        "ConditionalFormatRule",
        {
          formula: (cf, v) => {
            if (typeof v !== "string" || !v.startsWith("=") || v.length < 2)
              throw invalidArgument(
                "ConditionalFormatRule.formula",
                "a formula starting with = is expected"
              );
            cf.formula = v;
          },
        },
        { formula: (cf) => cf.formula ?? "" },
        "Custom"
      ) as unknown as { formula: string };
      const fill = new FakeCfPart(
        this.ctx,
        r,
        "ConditionalRangeFill",
        { color: (cf, v) => (cf.fill = color("ConditionalRangeFill.color", v)) },
        { color: (cf) => cf.fill },
        "Custom"
      ) as unknown as { color: string };
      const font = new FakeCfPart(
        this.ctx,
        r,
        "ConditionalRangeFont",
        {
          color: (cf, v) => (cf.fontColor = color("ConditionalRangeFont.color", v)),
          bold: (cf, v) => (cf.bold = bool("ConditionalRangeFont.bold", v)),
        },
        { color: (cf) => cf.fontColor, bold: (cf) => cf.bold },
        "Custom"
      ) as unknown as { color: string; bold: boolean };
      this.customProxy = { rule, format: { fill, font } };
    }
    return this.customProxy;
  }
  get dataBar(): ConditionalFormatLike["dataBar"] {
    if (!this.barProxy) {
      const r = () => this.resolveNullable();
      const positiveFormat = new FakeCfPart(
        this.ctx,
        r,
        "ConditionalDataBarPositiveFormat",
        {
          fillColor: (cf, v) =>
            (cf.barColor = color("ConditionalDataBarPositiveFormat.fillColor", v)),
          gradientFill: (cf, v) =>
            (cf.gradientFill = bool("ConditionalDataBarPositiveFormat.gradientFill", v)),
        },
        { fillColor: (cf) => cf.barColor, gradientFill: (cf) => cf.gradientFill },
        "DataBar"
      ) as unknown as { fillColor: string; gradientFill: boolean };
      const checkBound = (v: unknown): { type: string; formula?: string } => {
        const location = "DataBarConditionalFormat.bound";
        if (typeof v !== "object" || v === null)
          throw invalidArgument(location, "a rule object is expected");
        const b = v as ConditionalDataBarRuleLike;
        const type = oneOf(location, b.type, [
          "Automatic",
          "LowestValue",
          "HighestValue",
          "Number",
          "Percent",
          "Formula",
          "Percentile",
        ]);
        if (
          ["Number", "Percent", "Formula", "Percentile"].includes(type) &&
          (typeof b.formula !== "string" || b.formula === "")
        )
          throw invalidArgument(location, `${type} needs a formula`);
        return b.formula === undefined ? { type } : { type, formula: b.formula };
      };
      const bounds = new FakeCfPart(
        this.ctx,
        r,
        "DataBarConditionalFormat",
        {
          lowerBoundRule: (cf, v) => (cf.lowerBound = checkBound(v)),
          upperBoundRule: (cf, v) => (cf.upperBound = checkBound(v)),
        },
        { lowerBoundRule: (cf) => cf.lowerBound, upperBoundRule: (cf) => cf.upperBound },
        "DataBar"
      ) as unknown as {
        lowerBoundRule: ConditionalDataBarRuleLike;
        upperBoundRule: ConditionalDataBarRuleLike;
      };
      this.barProxy = {
        positiveFormat,
        get lowerBoundRule() {
          return bounds.lowerBoundRule;
        },
        set lowerBoundRule(v) {
          bounds.lowerBoundRule = v;
        },
        get upperBoundRule() {
          return bounds.upperBoundRule;
        },
        set upperBoundRule(v) {
          bounds.upperBoundRule = v;
        },
      };
    }
    return this.barProxy;
  }
}

// ---------------------------------------------------------------------------------------------
// Tables

function allTables(state: WorkbookState): TableState[] {
  return liveSheets(state).flatMap((s) => s.tables);
}

const TABLE_STYLE =
  /^TableStyle(Light([1-9]|1\d|2[0-1])|Medium([1-9]|1\d|2[0-8])|Dark([1-9]|1[01]))$/;

class FakeTableCollection implements TableCollectionLike {
  private itemProxies: FakeTable[] | null = null;
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: FakeWorksheet
  ) {}
  get items(): FakeTable[] {
    if (!this.itemProxies) throw propertyNotLoaded("items");
    return this.itemProxies;
  }
  load(spec?: LoadSpec): this {
    const names = loadNames(spec);
    const itemNames =
      names === null ? null : names.map((n) => n.replace(/^items\/?/, "")).filter((n) => n !== "");
    this.ctx.enqueue({ l: names, t: "tables" }, "TableCollection.load", () => {
      const sheet = checkSheetLive(
        this.sheet.resolve("TableCollection.load"),
        "TableCollection.load"
      );
      this.itemProxies = sheet.tables.map((t) => {
        const table = new FakeTable(this.ctx, () => t);
        table.loadNowFrom(itemNames === null || itemNames.length === 0 ? null : itemNames);
        return table;
      });
    });
    return this;
  }
  getItem(key: string): FakeTable {
    return new FakeTable(
      this.ctx,
      () => {
        const location = "TableCollection.getItem";
        const sheet = checkSheetLive(this.sheet.resolve(location), location);
        const lower = key.toLowerCase();
        const t = sheet.tables.find((x) => x.id === key || x.name.toLowerCase() === lower);
        if (!t) throw itemNotFound(location, `no table '${key}'`);
        return t;
      },
      { method: "TableCollection.getItem", args: [key], parent: 0 }
    );
  }
  add(address: RangeLike | string, hasHeaders: boolean): FakeTable {
    const proxy = address instanceof FakeRange ? address : null;
    if (typeof address !== "string" && !proxy)
      throw invalidArgument("TableCollection.add", "a fake range or an address is expected");
    const state = this.ctx.host.state;
    return new FakeTable(
      this.ctx,
      () => {
        const location = "TableCollection.add";
        const sheet = checkSheetLive(this.sheet.resolve(location), location);
        let rect: Rect | null;
        if (proxy) {
          const ref = proxy.resolve(location);
          if (ref.sheet !== sheet) throw invalidArgument(location, "the range is on another sheet");
          rect = ref.rect;
        } else {
          const { sheet: named, local } = splitSheet(address as string);
          if (named !== null && named.toLowerCase() !== sheet.name.toLowerCase())
            throw invalidArgument(location, "the address is on another sheet");
          rect = parseLocal(local);
        }
        if (!rect || rect.r1 - rect.r0 > 1_048_574)
          throw invalidArgument(location, "invalid table range");
        if (sheet.protection.protected) throw accessDenied(location, "the sheet is protected");
        if (sheet.tables.some((t) => overlaps(t.rect, rect as Rect)))
          throw invalidArgument(location, "tables cannot overlap");
        bool(location, hasHeaders);
        const headerRect: Rect = hasHeaders ? rect : rect;
        const headers: string[] = [];
        const seen = new Set<string>();
        for (let c = headerRect.c0; c <= headerRect.c1; c++) {
          const cell = cellAt(sheet, headerRect.r0, c);
          let h =
            hasHeaders && cell && cell.value !== null && cell.formula === null
              ? String(cell.value)
              : "";
          if (h === "") h = `Column${c - headerRect.c0 + 1}`;
          let unique = h;
          for (let k = 2; seen.has(unique.toLowerCase()); k++) unique = `${h}${k}`;
          seen.add(unique.toLowerCase());
          headers.push(unique);
          // Excel keeps table headers as text.
          if (hasHeaders) {
            const target = cell ?? emptyCell();
            if (!cell) sheet.cells.set(cellKey(headerRect.r0, c), target);
            target.value = unique;
            target.formula = null;
          }
        }
        const table: TableState = {
          id: `${state.nextId++}`,
          name: "",
          rect: hasHeaders ? rect : { ...rect, r1: rect.r1 + 1 },
          style: "TableStyleMedium2",
          showFilterButton: true,
          showBandedRows: true,
          headers,
        };
        let n = 1;
        const taken = () =>
          new Set([
            ...allTables(state).map((t) => t.name.toLowerCase()),
            ...state.names.map((x) => x.name.toLowerCase()),
          ]);
        while (taken().has(`table${n}`)) n++;
        table.name = `Table${n}`;
        sheet.tables.push(table);
        return table;
      },
      {
        method: "TableCollection.add",
        args: [typeof address === "string" ? address : { range: proxy?._id }, hasHeaders],
        parent: this.sheet._id,
      }
    );
  }
}

class FakeTable extends FakeObject<TableState> implements TableLike {
  protected readonly typeName = "Table";
  protected readers(): Readers<TableState> {
    return {
      name: (t) => t.name,
      style: (t) => t.style,
      showFilterButton: (t) => t.showFilterButton,
      showBandedRows: (t) => t.showBandedRows,
    };
  }
  get name(): string {
    return this.read("name");
  }
  set name(value: string) {
    const state = this.ctx.host.state;
    this.write("name", value, (t) => {
      const location = "Table.name";
      const problem = identifierProblem(value);
      if (problem) throw invalidArgument(location, problem);
      const lower = value.toLowerCase();
      if (
        allTables(state).some((x) => x !== t && x.name.toLowerCase() === lower) ||
        state.names.some((x) => x.name.toLowerCase() === lower)
      )
        throw itemAlreadyExists(location, `the name '${value}' is taken`);
      t.name = value;
    });
  }
  get style(): string {
    return this.read("style");
  }
  set style(value: string) {
    this.write("style", value, (t) => {
      if (typeof value !== "string" || (value !== "" && !TABLE_STYLE.test(value)))
        throw invalidArgument("Table.style", `unknown table style '${String(value)}'`);
      t.style = value;
    });
  }
  get showFilterButton(): boolean {
    return this.read("showFilterButton");
  }
  set showFilterButton(value: boolean) {
    this.write("showFilterButton", value, (t) => {
      t.showFilterButton = bool("Table.showFilterButton", value);
    });
  }
  get showBandedRows(): boolean {
    return this.read("showBandedRows");
  }
  set showBandedRows(value: boolean) {
    this.write("showBandedRows", value, (t) => {
      t.showBandedRows = bool("Table.showBandedRows", value);
    });
  }
  getRange(): FakeRange {
    const state = this.ctx.host.state;
    return new FakeRange(
      this.ctx,
      () => {
        const t = this.resolve("Table.getRange");
        const sheet = liveSheets(state).find((s) => s.tables.includes(t));
        if (!sheet) throw itemNotFound("Table.getRange", "the table was deleted");
        return { sheet, rect: t.rect };
      },
      { method: "Table.getRange", args: [], parent: this._id }
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Names

class FakeNamedItemCollection extends FakeObject<WorkbookState> implements NamedItemCollectionLike {
  protected readonly typeName = "NamedItemCollection";
  private itemProxies: FakeNamedItem[] | null = null;
  constructor(ctx: FakeContext) {
    super(ctx, () => ctx.host.state);
  }
  protected readers(): Readers<WorkbookState> {
    return {};
  }
  get items(): FakeNamedItem[] {
    if (!this.itemProxies) throw propertyNotLoaded("items");
    return this.itemProxies;
  }
  override load(): this {
    this.ctx.enqueue({ l: "items", o: this._id }, "NamedItemCollection.load", () => {
      this.itemProxies = this.ctx.host.state.names.map((n) => {
        const item = new FakeNamedItem(this.ctx, () => n);
        item.resolveNullable();
        item.preload();
        return item;
      });
    });
    return this;
  }
  add(name: string, reference: RangeLike | string, comment?: string): FakeNamedItem {
    const state = this.ctx.host.state;
    const proxy = reference instanceof FakeRange ? reference : null;
    if (typeof reference !== "string" && !proxy)
      throw invalidArgument("NamedItemCollection.add", "a fake range or a formula is expected");
    return new FakeNamedItem(
      this.ctx,
      () => {
        const location = "NamedItemCollection.add";
        const problem = identifierProblem(name);
        if (problem) throw invalidArgument(location, problem);
        const lower = name.toLowerCase();
        if (
          state.names.some((n) => n.name.toLowerCase() === lower) ||
          allTables(state).some((t) => t.name.toLowerCase() === lower)
        )
          throw itemAlreadyExists(location, `the name '${name}' exists`);
        let formula: string;
        if (proxy) {
          const ref = proxy.resolve(location);
          formula = `=${fullAddress(ref.sheet.name, ref.rect)}`;
        } else {
          formula = (reference as string).startsWith("=")
            ? (reference as string)
            : `=${reference as string}`;
          const { sheet, local } = splitSheet(formula.slice(1));
          if (sheet !== null && (!findSheet(state, sheet) || !parseLocal(local)))
            throw invalidArgument(location, `the reference '${formula}' does not exist`);
        }
        const item = { name, formula, comment: comment ?? "" };
        state.names.push(item);
        return item;
      },
      {
        method: "NamedItemCollection.add",
        args: [
          name,
          typeof reference === "string" ? reference : { range: proxy?._id },
          comment ?? null,
        ],
        parent: this._id,
      }
    );
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    const state = this.ctx.host.state;
    return new FakeNamedItem(
      this.ctx,
      () => state.names.find((n) => n.name.toLowerCase() === name.toLowerCase()) ?? null,
      { method: "NamedItemCollection.getItemOrNullObject", args: [name], parent: this._id }
    );
  }
  getItem(name: string): FakeNamedItem {
    const state = this.ctx.host.state;
    return new FakeNamedItem(
      this.ctx,
      () => {
        const item = state.names.find((n) => n.name.toLowerCase() === name.toLowerCase());
        if (!item) throw itemNotFound("NamedItemCollection.getItem", `no name '${name}'`);
        return item;
      },
      { method: "NamedItemCollection.getItem", args: [name], parent: this._id }
    );
  }
}

class FakeNamedItem
  extends FakeObject<{ name: string; formula: string; comment: string }>
  implements NamedItemLike
{
  protected readonly typeName = "NamedItem";
  private readonly pre = new Map<string, unknown>();
  protected readers(): Readers<{ name: string; formula: string; comment: string }> {
    return { name: (n) => n.name, formula: (n) => n.formula, comment: (n) => n.comment };
  }
  preload(): void {
    const t = this.resolveNullable();
    if (t) for (const [k, r] of Object.entries(this.readers())) this.pre.set(k, r(t));
  }
  protected override read<V>(name: string): V {
    if (this.pre.has(name)) return this.pre.get(name) as V;
    return super.read<V>(name);
  }
  get name(): string {
    return this.read("name");
  }
  get formula(): unknown {
    return this.read("formula");
  }
  delete(): void {
    const state = this.ctx.host.state;
    this.call("delete", [], (n) => {
      state.names = state.names.filter((x) => x !== n);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Custom XML parts

function rootNamespace(xml: string): string | null {
  const m = /^\s*(?:<\?xml[^>]*\?>\s*)?<([A-Za-z_][\w.:-]*)([^>]*)>/.exec(xml);
  if (!m) return null;
  const name = m[1] ?? "";
  if (!xml.trimEnd().endsWith(`</${name}>`) && !(m[2] ?? "").trimEnd().endsWith("/")) return null;
  const prefix = name.includes(":") ? name.split(":")[0] : null;
  const attr = prefix ? new RegExp(`xmlns:${prefix}="([^"]*)"`) : /xmlns="([^"]*)"/;
  return attr.exec(m[2] ?? "")?.[1] ?? "";
}

class FakeCustomXmlPartCollection implements CustomXmlPartCollectionLike {
  constructor(private readonly ctx: FakeContext) {}
  add(xml: string): FakeCustomXmlPart {
    const state = this.ctx.host.state;
    return new FakeCustomXmlPart(
      this.ctx,
      () => {
        const ns = typeof xml === "string" ? rootNamespace(xml) : null;
        if (ns === null)
          throw invalidArgument("CustomXmlPartCollection.add", "the XML is not well formed");
        const part = {
          id: `{${(state.nextId++).toString(16).padStart(8, "0")}-0000-4000-8000-00000000C0DE}`,
          namespaceUri: ns,
          xml,
        };
        state.customXmlParts.push(part);
        return part;
      },
      { method: "CustomXmlPartCollection.add", args: [xml], parent: 0 }
    );
  }
  /** A part by its id (Office.js finds a part again this way after a request: ExcelApi 1.5). */
  getItem(id: string): FakeCustomXmlPart {
    return this.scoped(null).getItem(id);
  }
  getByNamespace(namespaceUri: string): {
    getOnlyItemOrNullObject(): FakeCustomXmlPart;
    getItem(id: string): FakeCustomXmlPart;
  } {
    return this.scoped(namespaceUri);
  }
  private scoped(namespaceUri: string | null): {
    getOnlyItemOrNullObject(): FakeCustomXmlPart;
    getItem(id: string): FakeCustomXmlPart;
  } {
    const state = this.ctx.host.state;
    return {
      getItem: (id: string) =>
        new FakeCustomXmlPart(
          this.ctx,
          () => {
            const part = state.customXmlParts.find(
              (p) => p.id === id && (namespaceUri === null || p.namespaceUri === namespaceUri)
            );
            if (!part) throw itemNotFound("CustomXmlPartCollection.getItem", `no part '${id}'`);
            return part;
          },
          { method: "CustomXmlPartCollection.getItem", args: [id], parent: 0 }
        ),
      getOnlyItemOrNullObject: () =>
        new FakeCustomXmlPart(
          this.ctx,
          () => {
            const parts = state.customXmlParts.filter((p) => p.namespaceUri === namespaceUri);
            return parts.length === 1 ? (parts[0] ?? null) : null;
          },
          {
            method: "CustomXmlPartScopedCollection.getOnlyItemOrNullObject",
            args: [namespaceUri],
            parent: 0,
          }
        ),
    };
  }
}

class FakeCustomXmlPart
  extends FakeObject<{ id: string; namespaceUri: string; xml: string }>
  implements CustomXmlPartLike
{
  protected readonly typeName = "CustomXmlPart";
  protected readers(): Readers<{ id: string; namespaceUri: string; xml: string }> {
    return { id: (p) => p.id, namespaceUri: (p) => p.namespaceUri };
  }
  get id(): string {
    return this.read("id");
  }
  get namespaceUri(): string {
    return this.read("namespaceUri");
  }
  getXml(): ClientResultLike<string> {
    const result = new FakeClientResult<string>();
    this.call("getXml", [], (p) => result.set(p.xml));
    return result;
  }
  setXml(xml: string): void {
    this.call("setXml", [xml], (p) => {
      const ns = rootNamespace(xml);
      if (ns === null) throw invalidArgument("CustomXmlPart.setXml", "the XML is not well formed");
      p.xml = xml;
      p.namespaceUri = ns;
    });
  }
  delete(): void {
    const state = this.ctx.host.state;
    this.call("delete", [], (p) => {
      state.customXmlParts = state.customXmlParts.filter((x) => x !== p);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// The fake's entry point

export interface FakeExcel {
  readonly Excel: ExcelApi;
  /** The few members of `Office` the adapter may look at. */
  readonly Office: {
    readonly context: {
      readonly requirements: { isSetSupported(name: string, version?: string): boolean };
    };
  };
  readonly stats: FakeStats;
  readonly state: WorkbookState;
  /** Workbooks opened by `Excel.createWorkbook` (their base64), in order. */
  readonly createdWorkbooks: string[];
  /** A request context on this workbook, for the host emulator (host.ts) that replays real requests. */
  newContext(): FakeContext;
  /** A user typing `values` into `address` of a sheet: Excel's input rules, then the onChanged events. */
  userEdit(sheet: string, address: string, values: unknown[][]): Promise<void>;
}

export function createFakeExcel(options: FakeExcelOptions = {}): FakeExcel {
  const state: WorkbookState = {
    sheets: [],
    names: [],
    customXmlParts: [],
    calculationMode: "Automatic",
    screenUpdatingSuspendedSyncs: 0,
    calculations: 0,
    activeSheetId: null,
    selection: null,
    structureProtected: false,
    nextId: 1,
  };
  for (const name of options.initialSheets ?? ["Feuil1"]) state.sheets.push(newSheet(state, name));
  state.activeSheetId = state.sheets[0]?.id ?? null;
  const stats = new FakeStats();
  const createdWorkbooks: string[] = [];
  const host: Host = {
    state,
    stats,
    limit: options.payloadLimitBytes ?? DEFAULT_PAYLOAD_LIMIT,
    failRequests: new Set(options.failRequests ?? []),
    beforeRequest: options.beforeRequest,
    formulaValue: options.formulaValue,
  };
  const Excel: ExcelApi = {
    async run<T>(
      first: object | ((context: RequestContextLike) => Promise<T>),
      second?: (context: RequestContextLike) => Promise<T>
    ): Promise<T> {
      // Excel.run(batch) opens a new context; Excel.run(context, batch) a new batch on that one.
      const ctx = first instanceof FakeContext ? first : new FakeContext(host);
      const batch = typeof first === "function" ? first : second;
      if (!batch) throw invalidArgument("Excel.run", "no batch function");
      ctx.closed = false;
      try {
        const result = await batch(ctx);
        if (ctx.pending > 0) await ctx.sync();
        return result;
      } finally {
        ctx.closed = true;
      }
    },
    // Office.js opens the workbook in a new window; the fake keeps it. Excel refuses what is not
    // an .xlsx (base64 of a zip file, which starts with `PK`).
    async createWorkbook(base64: string): Promise<void> {
      if (typeof base64 !== "string" || !base64.startsWith("UEs"))
        throw invalidArgument("Excel.createWorkbook", "the base64 string is not an .xlsx file");
      createdWorkbooks.push(base64);
    },
  };
  return {
    Excel,
    createdWorkbooks,
    Office: { context: { requirements: { isSetSupported: () => true } } },
    stats,
    state,
    newContext: () => new FakeContext(host),
    async userEdit(sheetName, address, values) {
      const sheet = findSheet(state, sheetName);
      if (!sheet) throw itemNotFound("userEdit", `no sheet '${sheetName}'`);
      const rect = parseLocal(splitSheet(address).local);
      if (!rect) throw invalidArgument("userEdit", `invalid address '${address}'`);
      const ref = { sheet, rect };
      assertContentEditable(ref, "userEdit");
      writeInputs(ref, assertMatrix("userEdit", values, rect), "userEdit");
      const args: ChangedArgs = {
        address: fullAddress(sheet.name, rect).split("!")[1] ?? "",
        worksheetId: sheet.id,
        changeType: "RangeEdited",
        source: "Local",
        type: "WorksheetChanged",
      };
      await Promise.all(sheet.onChanged.map((h) => h(args)));
    },
  };
}
