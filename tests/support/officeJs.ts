/**
 * Microsoft's own Office.js client (`@microsoft/office-js`, the Excel library Excel on the web
 * loads) running in jsdom, with the host emulator of src/fake-excel/host.ts behind it: the adapter
 * and the task pane's workflows are tested through the real client's request building, load/sync
 * rules, API-set checks and error objects, on the API-set profiles of real Excel versions.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { JSDOM } from "jsdom";
import {
  createFakeExcel,
  DEFAULT_PAYLOAD_LIMIT,
  type FakeExcel,
  type FakeExcelOptions,
} from "../../src/fake-excel";
import {
  clientEventDelivery,
  HostEmulator,
  type ClientEventHooks,
  type PayloadLimits,
  type RequestExecutor,
} from "../../src/fake-excel/host";
import type { ExcelApi, RequestContextLike } from "../../src/office/excelApi";

// Found through Node's resolution: this file also runs compiled, from dist/ (the bench).
const PACKAGE = dirname(require.resolve("@microsoft/office-js/package.json"));
const LIBRARY = join(PACKAGE, "dist", "excel-web-16.00.debug.js");

let librarySource: string | null = null;
function library(): string {
  librarySource ??= readFileSync(LIBRARY, "utf8");
  return librarySource;
}

/** "@microsoft/office-js 1.1.110": the client the figures and tests were made with. */
export function officeJsClientVersion(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE, "package.json"), "utf8")) as {
    name: string;
    version: string;
  };
  return `${pkg.name} ${pkg.version}`;
}

/**
 * The newest ExcelApi version the client library knows, read from its own API-set checks
 * (`_throwIfApiNotSupported("Range.group", _defaultApiSetName, "1.10", ...)`): never typed by hand.
 */
export function latestExcelApi(): string {
  let best = 0;
  for (const m of library().matchAll(
    /_throwIfApiNotSupported\("[^"]+", _defaultApiSetName, "1\.(\d+)"/g
  ))
    best = Math.max(best, Number(m[1]));
  return `1.${best}`;
}

/**
 * The requirement set of every Excel member that has one, as the client library declares it
 * (`_throwIfApiNotSupported("Range.group", _defaultApiSetName, "1.10", ...)`), by "Type.member".
 * The Excel section's default set is ExcelApi.
 */
let memberSets: Map<string, { set: string; version: string }> | null = null;
export function excelMemberSets(): Map<string, { set: string; version: string }> {
  if (memberSets) return memberSets;
  memberSets = new Map();
  const re =
    /_throwIfApiNotSupported\("([A-Za-z]+)\.([A-Za-z_]+)", (_defaultApiSetName|"[A-Za-z]+"), "([0-9.]+)"/g;
  for (const m of library().matchAll(re)) {
    const [, type = "", name = "", set = "", version = ""] = m;
    const key = `${type}.${name}`;
    if (!memberSets.has(key))
      memberSets.set(key, {
        set: set === "_defaultApiSetName" ? "ExcelApi" : set.slice(1, -1),
        version,
      });
  }
  return memberSets;
}

export type ProfileName = "ExcelApi 1.8" | "ExcelApi 1.9" | "latest" | "web";
export const PROFILES: readonly ProfileName[] = ["ExcelApi 1.8", "ExcelApi 1.9", "latest", "web"];

export interface HostProfile {
  readonly name: ProfileName;
  /** Highest ExcelApi requirement set the host supports. */
  readonly excelApi: string;
  readonly online: boolean;
  readonly limits: PayloadLimits;
}

export function profile(name: ProfileName): HostProfile {
  switch (name) {
    case "ExcelApi 1.8":
      return { name, excelApi: "1.8", online: false, limits: { request: null, response: null } };
    case "ExcelApi 1.9":
      return { name, excelApi: "1.9", online: false, limits: { request: null, response: null } };
    case "latest":
      return {
        name,
        excelApi: latestExcelApi(),
        online: false,
        limits: { request: null, response: null },
      };
    case "web":
      return {
        name,
        excelApi: latestExcelApi(),
        online: true,
        // Excel on the web: 5 MB per request and per response (Microsoft: "Resource limits and
        // performance optimization for Office Add-ins", Excel section). Desktop: no such limit.
        limits: { request: DEFAULT_PAYLOAD_LIMIT, response: DEFAULT_PAYLOAD_LIMIT },
      };
  }
}

function versionAtMost(version: string, max: string): boolean {
  const [a = 0, b = 0] = version.split(".").map(Number);
  const [c = 0, d = 0] = max.split(".").map(Number);
  return a < c || (a === c && b <= d);
}

/** `Office.context.requirements.isSetSupported` of a host with this profile. */
export function requirementCheck(p: HostProfile): (name: string, version?: string) => boolean {
  return (name, version = "1.1") => {
    switch (name) {
      case "ExcelApi":
        return versionAtMost(version, p.excelApi);
      case "ExcelApiOnline":
        return p.online && versionAtMost(version, "1.1");
      case "ExcelApiUndo":
        return false;
      case "RichApiRuntime":
      case "RichApiRuntimeFlag":
        return true;
      default:
        return false;
    }
  };
}

interface ClientWindow {
  eval(source: string): unknown;
  close(): void;
  Excel: {
    RequestContext: new () => RequestContextLike & { _requestExecutor?: RequestExecutor };
    run<T>(context: unknown, batch: (ctx: RequestContextLike) => Promise<T>): Promise<T>;
  };
  OfficeExtension: ClientEventHooks & { config: { extendedErrorLogging: boolean } };
  OSF: { _OfficeAppFactory?: { getContext(): unknown; getHostInfo(): unknown } };
}

export interface OfficeJsHost {
  /** The adapter's Excel: Microsoft's `Excel.run` and `Excel.RequestContext`, over the emulator. */
  readonly Excel: ExcelApi;
  readonly fake: FakeExcel;
  readonly emulator: HostEmulator;
  readonly profile: HostProfile;
  readonly isSetSupported: (name: string, version?: string) => boolean;
  /** Frees the jsdom window. */
  close(): void;
}

/** A new workbook in an emulated Excel host of the given profile, driven by Microsoft's client. */
export function createOfficeJsHost(
  profileName: ProfileName = "latest",
  fakeOptions: FakeExcelOptions = {}
): OfficeJsHost {
  const p = profile(profileName);
  const fake = createFakeExcel(fakeOptions);
  const dom = new JSDOM("<!doctype html><html><head></head><body></body></html>", {
    runScripts: "outside-only",
    url: "https://localhost/",
  });
  const w = dom.window as unknown as ClientWindow;
  w.eval(library());
  const isSetSupported = requirementCheck(p);
  // What Office.initialize sets up in Excel (`Office.context` reads the app factory's context):
  // here only the host's requirement sets.
  const context = { requirements: { isSetSupported } };
  // (office.js, the loader, defines the factory; the Excel library alone does not).
  w.OSF._OfficeAppFactory = {
    getContext: () => context,
    getHostInfo: () => ({ hostType: "excel", hostPlatform: p.online ? "web" : "win" }),
  };
  const sets = excelMemberSets();
  const emulator = new HostEmulator(fake, {
    limits: p.limits,
    // The host, not the client, refuses what it does not know (the client library's own check is
    // switched off in this build: `CommonUtility._doApiNotSupportedCheck` stays false).
    supports: (type, member) => {
      const need = sets.get(`${type}.${member}`);
      return need === undefined || isSetSupported(need.set, need.version);
    },
    deliver: clientEventDelivery(w.OfficeExtension),
  });
  const Excel: ExcelApi = {
    run<T>(
      first: object | ((context: RequestContextLike) => Promise<T>),
      second?: (context: RequestContextLike) => Promise<T>
    ): Promise<T> {
      if (typeof first !== "function") {
        // Excel.run(context, batch): a new batch on a context that exists.
        if (!second) throw new Error("Excel.run(context, batch) without a batch");
        return w.Excel.run(first, second);
      }
      const ctx = new w.Excel.RequestContext();
      ctx._requestExecutor = emulator.executor();
      return w.Excel.run(ctx, first as (context: RequestContextLike) => Promise<T>);
    },
    async createWorkbook(base64: string): Promise<void> {
      if (!isSetSupported("ExcelApi", "1.8"))
        throw new Error("Excel.createWorkbook needs ExcelApi 1.8");
      await fake.Excel.createWorkbook?.(base64);
    },
  };
  return { Excel, fake, emulator, profile: p, isSetSupported, close: () => w.close() };
}
