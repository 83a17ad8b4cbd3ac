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
import { fullAddress, parseLocal, splitSheet } from "./address";
import { invalidArgument, itemNotFound } from "./errors";
import { newSheet, type ChangedArgs, type WorkbookState } from "./state";
import type { ExcelApi, RequestContextLike } from "../office/excelApi";
import { DEFAULT_PAYLOAD_LIMIT, FakeStats, type FakeExcelOptions, type Host } from "./core";
import { FakeContext } from "./context";
import { findSheet } from "./workbook";
import { assertContentEditable, assertMatrix, writeInputs } from "./range";

// What other files import from this module, defined now in the modules of each object family.
export {
  DEFAULT_COLUMN_WIDTH,
  DEFAULT_PAYLOAD_LIMIT,
  DEFAULT_ROW_HEIGHT,
  FakeStats,
  type FakeExcelOptions,
  type RequestStat,
} from "./core";
export { FakeContext } from "./context";
export { writeInputs } from "./range";

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
