/**
 * The host side of Office.js, emulated: answers the request messages that Microsoft's own client
 * library (`@microsoft/office-js`, `Excel.RequestContext`) sends, by replaying each one on the
 * in-memory workbook of fake.ts. The client builds the messages (object paths, actions, queries),
 * checks the API sets and the load/sync rules, and turns our answers into its own objects and
 * errors; this file only plays Excel's part of the protocol.
 *
 * Written here because no library answers Office.js's wire protocol (Microsoft's own test host is not
 * published). The protocol's shape is read from the client library (docs/office.md lists what is
 * taken from it and what is assumed).
 */
import { ErrorCodes, FakeOfficeError } from "./errors";
import type { FakeContext, FakeExcel, RequestStat } from "./fake";
import type { SheetState } from "./state";

// ---------------------------------------------------------------------------------------------
// The wire format (as the client library writes and reads it)

export interface ArgumentInfo {
  readonly Arguments?: readonly unknown[];
  /** Per argument: the id of the object path passed there, or 0 for a plain value. */
  readonly ReferencedObjectPathIds?: readonly number[];
}

export interface ObjectPathInfo {
  readonly Id: number;
  /** 1 global object, 2 new object, 3 method, 4 property, 5 indexer, 6 reference id, 7 null. */
  readonly ObjectPathType: number;
  readonly Name: string;
  readonly ParentObjectPathId?: number;
  readonly ArgumentInfo?: ArgumentInfo;
}

export interface QueryInfo {
  readonly Select?: readonly string[] | null;
  readonly Expand?: readonly string[] | null;
  readonly Top?: number;
  readonly Skip?: number;
}

export interface ActionInfo {
  readonly Id: number;
  /** 1 instantiate, 2 query, 3 method, 4 set property, 5 trace. */
  readonly ActionType: number;
  readonly Name: string;
  readonly ObjectPathId: number;
  readonly ArgumentInfo?: ArgumentInfo;
  readonly QueryInfo?: QueryInfo;
}

export interface RequestBody {
  readonly Actions: readonly ActionInfo[];
  readonly ObjectPaths: Readonly<Record<string, ObjectPathInfo>>;
}

export interface RequestMessage {
  readonly Url: string;
  readonly Headers: Readonly<Record<string, string>>;
  readonly Body: RequestBody | string;
}

export interface ActionResult {
  readonly ActionId: number;
  readonly Value: unknown;
}

export interface ResponseMessage {
  readonly ErrorCode: string;
  readonly ErrorMessage?: string;
  readonly HttpStatusCode: number;
  readonly Headers: Record<string, string>;
  readonly Body: {
    readonly Results?: ActionResult[];
    readonly Error?: {
      readonly Code: string;
      readonly Message: string;
      readonly Location: string;
      readonly ActionIndex: number;
      readonly HttpStatusCode: number;
    };
  } | null;
}

/** What `Excel.RequestContext` calls to send a batch (`context._requestExecutor`). */
export interface RequestExecutor {
  executeAsync(
    customData: string,
    requestFlags: number,
    message: RequestMessage
  ): Promise<ResponseMessage>;
}

/** A host's limits on one request or response body, in bytes (Excel on the web: 5 MB each). */
export interface PayloadLimits {
  readonly request: number | null;
  readonly response: number | null;
}

/** A change event sent to the client: its event type (10: Worksheet.onChanged), target and data. */
export interface HostEvent {
  readonly eventType: number;
  readonly targetId: string;
  readonly message: unknown;
}

/** The test hooks of Microsoft's client (`OfficeExtension`) through which a host sends events. */
export interface ClientEventHooks {
  _testSetRichApiMessageReadyImpl(impl: () => Promise<void>): void;
  _testTriggerRichApiMessageEvent(message: unknown): void;
}

/**
 * Events delivered to Microsoft's client as Excel sends them (a RichApi message of the event
 * category, 65536); the client's event channel is declared ready at once.
 */
export function clientEventDelivery(client: ClientEventHooks): (event: HostEvent) => void {
  client._testSetRichApiMessageReadyImpl(() => Promise.resolve());
  return (event) =>
    client._testTriggerRichApiMessageEvent({
      entries: [
        {
          messageCategory: 65536,
          messageType: event.eventType,
          targetId: event.targetId,
          message: JSON.stringify(event.message),
        },
      ],
    });
}

export interface HostEmulatorOptions {
  readonly limits: PayloadLimits;
  /**
   * Whether the host knows a member (`"Range"`, `"group"`): a host without the member's requirement
   * set answers `ApiNotFound`, as Excel does. Default: every member is known.
   */
  readonly supports?: (type: string, member: string) => boolean;
  /** Delivers an event to the client (the client's `_testTriggerRichApiMessageEvent`). */
  readonly deliver: (event: HostEvent) => void;
}

// ---------------------------------------------------------------------------------------------
// The emulator

const encoder = new TextEncoder();

/** Wire names are PascalCase, the object model's are camelCase. */
function member(wireName: string): string {
  return wireName.charAt(0).toLowerCase() + wireName.slice(1);
}

function wire(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

interface Dynamic {
  [key: string]: unknown;
}

function isObject(x: unknown): x is Dynamic {
  return typeof x === "object" && x !== null;
}

function hostError(code: string, message: string, location: string): FakeOfficeError {
  return new FakeOfficeError(code, message, location);
}

/** The object model's state behind a proxy object, or undefined when it has none (workbook, ...). */
function targetOf(obj: unknown): { value: unknown } | undefined {
  if (isObject(obj) && typeof obj.resolveNullable === "function") {
    return { value: (obj.resolveNullable as () => unknown).call(obj) };
  }
  return undefined;
}

/** Worksheet change events registered by the client, by sheet id (shared by all contexts). */
class EventRegistry {
  private readonly bySheet = new Map<
    string,
    { count: number; handler: (args: unknown) => Promise<unknown>; sheet: SheetState }
  >();
  constructor(private readonly deliver: (event: HostEvent) => void) {}

  register(sheet: SheetState): void {
    const known = this.bySheet.get(sheet.id);
    if (known && known.sheet === sheet) {
      known.count++;
      return;
    }
    const handler = async (args: unknown): Promise<unknown> => {
      this.deliver({ eventType: 10, targetId: sheet.id, message: args });
      return undefined;
    };
    sheet.onChanged.push(handler);
    this.bySheet.set(sheet.id, { count: 1, handler, sheet });
  }

  unregister(sheet: SheetState): void {
    const known = this.bySheet.get(sheet.id);
    if (!known) return;
    known.count--;
    if (known.count > 0) return;
    sheet.onChanged = sheet.onChanged.filter((h) => h !== known.handler);
    this.bySheet.delete(sheet.id);
  }

  /** Registrations on sheets that exist (a deleted sheet's go with it, as in Excel). */
  get registered(): number {
    for (const [id, known] of this.bySheet) if (known.sheet.deleted) this.bySheet.delete(id);
    return this.bySheet.size;
  }
}

/**
 * One emulated Excel host behind any number of client contexts: each context gets its own executor
 * (`executorFor`), and so its own object-path and reference tables, as a real session does.
 */
export class HostEmulator {
  private readonly events: EventRegistry;
  private nextReference = 1;
  /** Real request and response bodies, in bytes, in order. */
  readonly requests: {
    request: number;
    response: number;
    actions: number;
    /** Excel.run's last request, which only releases references (its failure is ignored). */
    cleanup: boolean;
  }[] = [];

  constructor(
    private readonly fake: FakeExcel,
    private readonly options: HostEmulatorOptions
  ) {
    this.events = new EventRegistry(options.deliver);
  }

  /** Event handlers the client has registered with the host. */
  get registeredEvents(): number {
    return this.events.registered;
  }

  executor(): RequestExecutor {
    const session = new Session(this.fake.newContext(), this);
    return {
      executeAsync: (_customData, _flags, message) => session.execute(message),
    };
  }

  /** @internal */
  reference(): string {
    return `{ref:${this.nextReference++}}`;
  }

  /** @internal */
  registerEvent(sheet: SheetState, on: boolean): void {
    if (on) this.events.register(sheet);
    else this.events.unregister(sheet);
  }

  /** @internal */
  get limits(): PayloadLimits {
    return this.options.limits;
  }

  /** @internal Throws ApiNotFound when the host's requirement sets lack the member. */
  check(obj: unknown, member: string): void {
    const supports = this.options.supports;
    if (!supports || member.startsWith("_KeepReference") || member === "_ValidateArraySize") return;
    const type = officeType(obj);
    if (type !== null && !supports(type, member))
      throw hostError(
        "ApiNotFound",
        "The API you are trying to use could not be found. It may be available in a newer version of Excel. See the Excel JavaScript API requirement sets article for more information.",
        `${type}.${member}`
      );
  }
}

const EVENT_METHODS: Readonly<Record<string, boolean>> = {
  _RegisterDataChangedEvent: true,
  _UnregisterDataChangedEvent: false,
};

class Session {
  /** Objects kept by `_KeepReference`, by reference id. */
  private readonly references = new Map<string, unknown>();

  constructor(
    private readonly ctx: FakeContext,
    private readonly host: HostEmulator
  ) {}

  async execute(message: RequestMessage): Promise<ResponseMessage> {
    const bodyText = typeof message.Body === "string" ? message.Body : JSON.stringify(message.Body);
    const body: RequestBody =
      typeof message.Body === "string" ? (JSON.parse(message.Body) as RequestBody) : message.Body;
    const requestBytes = encoder.encode(bodyText).length;
    const stat: RequestStat = { bytes: requestBytes, operations: body.Actions.length };
    const limit = this.host.limits;
    try {
      if (limit.request !== null && requestBytes > limit.request) {
        // Counted as a request, refused before any action runs (Excel on the web's 5 MB limit).
        this.ctx.host.stats.requests.push(stat);
        throw hostError(
          ErrorCodes.requestPayloadSizeLimitExceeded,
          `The request payload size has exceeded the limit. (${requestBytes} bytes > ${limit.request})`,
          "RequestContext.sync"
        );
      }
      const results = this.replay(body);
      await this.ctx.sync(stat);
      const values: ActionResult[] = results.map((r) => ({ ActionId: r.id, Value: r.value() }));
      const response: ResponseMessage = {
        ErrorCode: "",
        HttpStatusCode: 200,
        Headers: {},
        Body: { Results: values },
      };
      const responseBytes = encoder.encode(JSON.stringify(response.Body)).length;
      this.host.requests.push({
        request: requestBytes,
        response: responseBytes,
        actions: body.Actions.length,
        cleanup:
          body.Actions.some((x) => x.Name === "_RemoveReference") &&
          body.Actions.every((x) => x.ActionType === 1 || x.Name === "_RemoveReference"),
      });
      if (limit.response !== null && responseBytes > limit.response) {
        throw hostError(
          "ResponsePayloadSizeLimitExceeded",
          `The response payload size has exceeded the limit. (${responseBytes} bytes > ${limit.response})`,
          "RequestContext.sync"
        );
      }
      return response;
    } catch (e) {
      if (!(e instanceof FakeOfficeError)) throw e;
      return {
        ErrorCode: "",
        HttpStatusCode: 200,
        Headers: {},
        Body: {
          Error: {
            Code: e.code,
            Message: e.message,
            Location: e.debugInfo.errorLocation ?? "",
            ActionIndex: -1,
            HttpStatusCode: e.code === ErrorCodes.itemNotFound ? 404 : 400,
          },
        },
      };
    }
  }

  /** Queues every action of the request on the fake context; returns the result readers. */
  private replay(body: RequestBody): { id: number; value: () => unknown }[] {
    const resolved = new Map<number, unknown>();
    const resolve = (id: number): unknown => {
      if (resolved.has(id)) return resolved.get(id);
      const info = body.ObjectPaths[String(id)];
      if (!info) throw hostError(ErrorCodes.invalidObjectPath, `unknown object path ${id}`, "");
      const obj = this.path(info, resolve);
      resolved.set(id, obj);
      return obj;
    };
    const results: { id: number; value: () => unknown }[] = [];
    const kept = new Map<number, string>();
    for (const action of body.Actions) {
      if (action.ActionType === 5) {
        // Trace: the client runs its callbacks (event registrations) when it sees the result.
        results.push({ id: action.Id, value: () => null });
        continue;
      }
      try {
        this.action(action, resolve, results, kept);
      } catch (e) {
        if (!(e instanceof FakeOfficeError)) throw e;
        // The host runs the actions before this one, then stops here (requests are not rolled back).
        this.ctx.enqueue({ a: action.Id }, e.debugInfo.errorLocation ?? action.Name, () => {
          throw e;
        });
        break;
      }
    }
    return results;
  }

  private action(
    action: ActionInfo,
    resolve: (id: number) => unknown,
    results: { id: number; value: () => unknown }[],
    kept: Map<number, string>
  ): void {
    {
      const obj = resolve(action.ObjectPathId);
      switch (action.ActionType) {
        case 1: {
          // Instantiate: the object exists (or is null), with its id or its kept reference.
          let state: { value: unknown } | undefined;
          this.ctx.enqueue({ i: action.ObjectPathId }, "Instantiate", () => {
            state = targetOf(obj);
          });
          const pathId = action.ObjectPathId;
          results.push({
            id: action.Id,
            value: () => {
              if (obj === null || (state && state.value === null)) return null;
              const out: Dynamic = {};
              const ref = kept.get(pathId);
              if (ref !== undefined) out._ReferenceId = ref;
              const key = state ? keyOf(state.value) : undefined;
              if (key !== undefined) out._Id = key;
              return out;
            },
          });
          break;
        }
        case 2: {
          if (obj === null) {
            results.push({ id: action.Id, value: () => null });
            break;
          }
          results.push({ id: action.Id, value: this.query(obj, action.QueryInfo ?? {}) });
          break;
        }
        case 3: {
          if (action.Name === "_KeepReference") {
            const ref = this.host.reference();
            this.references.set(ref, obj);
            kept.set(action.ObjectPathId, ref);
            results.push({ id: action.Id, value: () => null });
            break;
          }
          if (action.Name === "_RemoveReference") {
            // Excel.run's last request releases the references it kept.
            const [ref] = this.args(action.ArgumentInfo, resolve);
            if (typeof ref === "string") this.references.delete(ref);
            results.push({ id: action.Id, value: () => null });
            return;
          }
          if (action.Name === "_ValidateArraySize") {
            // The client asks the host to check that the range has the size of the array it sets.
            const [rows, columns] = this.args(action.ArgumentInfo, resolve);
            this.ctx.enqueue({ v: action.ObjectPathId }, "Range._ValidateArraySize", () => {
              const ref = targetOf(obj)?.value;
              const rect = isObject(ref) && isObject(ref.rect) ? ref.rect : null;
              if (!rect) return;
              const height = Number(rect.r1) - Number(rect.r0) + 1;
              const width = Number(rect.c1) - Number(rect.c0) + 1;
              if (height !== rows || width !== columns)
                throw hostError(
                  ErrorCodes.invalidArgument,
                  `The argument is invalid or missing or has an incorrect format. (${String(rows)}×${String(columns)} values for ${height}×${width} cells)`,
                  "Range._ValidateArraySize"
                );
            });
            results.push({ id: action.Id, value: () => null });
            break;
          }
          const event = EVENT_METHODS[action.Name];
          if (event !== undefined) {
            this.host.check(obj, action.Name);
            this.ctx.enqueue({ e: action.Name }, `Worksheet.${action.Name}`, () => {
              const sheet = targetOf(obj)?.value;
              if (isObject(sheet)) this.host.registerEvent(sheet as unknown as SheetState, event);
            });
            results.push({ id: action.Id, value: () => null });
            break;
          }
          this.host.check(obj, member(action.Name));
          const value = this.call(obj, action.Name, this.args(action.ArgumentInfo, resolve));
          results.push({ id: action.Id, value });
          break;
        }
        case 4: {
          if (!isObject(obj)) throw hostError(ErrorCodes.invalidObjectPath, "null object", "");
          this.host.check(obj, member(action.Name));
          const args = this.args(action.ArgumentInfo, resolve);
          obj[member(action.Name)] = args[0];
          break;
        }
        default:
          throw hostError(
            ErrorCodes.notImplemented,
            `the emulator does not answer action type ${action.ActionType}`,
            action.Name
          );
      }
    }
  }

  private args(info: ArgumentInfo | undefined, resolve: (id: number) => unknown): unknown[] {
    const args = [...(info?.Arguments ?? [])];
    const refs = info?.ReferencedObjectPathIds ?? [];
    refs.forEach((ref, i) => {
      if (ref) args[i] = resolve(ref);
    });
    // Office.js sends an omitted optional argument as null: the object model wants undefined.
    while (
      args.length > 0 &&
      (args[args.length - 1] === null || args[args.length - 1] === undefined)
    )
      args.pop();
    return args.map((a) => (a === null ? undefined : a));
  }

  private path(info: ObjectPathInfo, resolve: (id: number) => unknown): unknown {
    const parent = () => {
      if (info.ParentObjectPathId === undefined)
        throw hostError(ErrorCodes.invalidObjectPath, "no parent", info.Name);
      const p = resolve(info.ParentObjectPathId);
      if (!isObject(p)) throw hostError(ErrorCodes.invalidObjectPath, "null parent", info.Name);
      return p;
    };
    switch (info.ObjectPathType) {
      case 1:
        return this.ctx.workbook;
      case 4: {
        const p = parent();
        const name = member(info.Name);
        this.host.check(p, name);
        if (!(name in p))
          throw hostError(ErrorCodes.invalidArgument, `no property ${info.Name}`, info.Name);
        return p[name];
      }
      case 3: {
        const p = parent();
        this.host.check(p, member(info.Name));
        const method = p[member(info.Name)];
        if (typeof method !== "function")
          throw hostError(ErrorCodes.invalidArgument, `no method ${info.Name}`, info.Name);
        return (method as (...a: unknown[]) => unknown).apply(
          p,
          this.args(info.ArgumentInfo, resolve)
        );
      }
      case 5: {
        const p = parent();
        const getItem = p.getItem;
        if (typeof getItem !== "function")
          throw hostError(
            ErrorCodes.invalidArgument,
            `not a collection: ${p.constructor.name}`,
            info.Name
          );
        return (getItem as (...a: unknown[]) => unknown).apply(
          p,
          this.args(info.ArgumentInfo, resolve)
        );
      }
      case 6: {
        const obj = this.references.get(info.Name);
        if (obj === undefined)
          throw hostError(ErrorCodes.invalidObjectPath, `unknown reference ${info.Name}`, "");
        return obj;
      }
      case 7:
        return null;
      default:
        throw hostError(
          ErrorCodes.notImplemented,
          `the emulator does not answer object path type ${info.ObjectPathType}`,
          info.Name
        );
    }
  }

  private call(obj: unknown, wireName: string, args: unknown[]): () => unknown {
    if (!isObject(obj)) throw hostError(ErrorCodes.invalidObjectPath, "null object", wireName);
    const method = obj[member(wireName)];
    if (typeof method !== "function")
      throw hostError(ErrorCodes.invalidArgument, `no method ${wireName}`, wireName);
    const result = (method as (...a: unknown[]) => unknown).apply(obj, args);
    return () => (isObject(result) && "value" in result ? result.value : null);
  }

  /** Loads on the fake, then reads back what the query selected, with the wire's names. */
  private query(obj: unknown, query: QueryInfo): () => unknown {
    if (!isObject(obj)) throw hostError(ErrorCodes.invalidObjectPath, "null object", "load");
    const select = query.Select ?? null;
    for (const path of select ?? []) {
      let at: unknown = obj;
      const parts = path.split("/");
      for (const [i, part] of parts.entries()) {
        if (part === "items" || !isObject(at)) break;
        this.host.check(at, part);
        if (i < parts.length - 1) at = at[part];
      }
    }
    const load = obj.load as ((spec?: unknown) => unknown) | undefined;
    if (typeof load !== "function")
      throw hostError(ErrorCodes.invalidArgument, "this object has no properties to load", "load");
    const isCollection = "items" in obj && !("values" in obj);
    if (isCollection) {
      load.call(obj, select === null ? undefined : select.map((s) => `items/${s}`));
      return () => {
        const items = obj.items as unknown[];
        return {
          _Items: items.map((item) => {
            const out = this.read(item, select);
            const key = keyOf(targetOf(item)?.value);
            if (key !== undefined && isObject(out)) out._Id = key;
            return out;
          }),
        };
      };
    }
    load.call(obj, select === null ? undefined : [...select]);
    return () => this.read(obj, select);
  }

  private read(obj: unknown, select: readonly string[] | null): Dynamic | null {
    if (!isObject(obj)) return null;
    if (targetOf(obj)?.value === null) return null;
    const names =
      select ??
      (typeof obj.scalarNames === "function" ? (obj.scalarNames as () => string[])() : []);
    const out: Dynamic = {};
    for (const path of names) {
      const parts = path.split("/");
      let source: unknown = obj;
      let into = out;
      for (let i = 0; i < parts.length - 1; i++) {
        const part = parts[i] ?? "";
        source = isObject(source) ? source[part] : undefined;
        const key = wire(part);
        const next = isObject(into[key]) ? (into[key] as Dynamic) : {};
        into[key] = next;
        into = next;
      }
      const last = parts[parts.length - 1] ?? "";
      if (isObject(source)) into[wire(last)] = source[last];
    }
    return out;
  }
}

/** Office.js type names of the object model's classes that do not carry one (`typeName`). */
const TYPE_ALIASES: Readonly<Record<string, string>> = {
  FakeWorkbook: "Workbook",
  FakePageLayout: "PageLayout",
  FakePageBreakCollection: "PageBreakCollection",
  FakeFreezePanes: "WorksheetFreezePanes",
  FakeFont: "RangeFont",
  FakeFormatProtection: "FormatProtection",
  FakeConditionalFormatCollection: "ConditionalFormatCollection",
  FakeTableCollection: "TableCollection",
  FakeCustomXmlPartCollection: "CustomXmlPartCollection",
  FakeChartCollection: "ChartCollection",
  FakeChartSeriesCollection: "ChartSeriesCollection",
  FakeChartSeriesFormat: "ChartSeriesFormat",
  FakeChartFill: "ChartFill",
  FakeChartLineFormat: "ChartLineFormat",
};

/** The Office.js type of an object of the model (`Range`, `Worksheet`), or null if unknown. */
function officeType(obj: unknown): string | null {
  if (!isObject(obj)) return null;
  if (typeof obj.typeName === "string") return obj.typeName;
  const alias = TYPE_ALIASES[obj.constructor.name];
  return alias ?? null;
}

/** The key a host gives an object so that the client can find it again: a sheet's id, a name. */
function keyOf(state: unknown): string | undefined {
  if (!isObject(state)) return undefined;
  if (typeof state.id === "string") return state.id;
  return undefined;
}
