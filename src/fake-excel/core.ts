/** Base of the fake: Office.js's `ClientObject` and `ClientResult`, options, stats, checks. */
import {
  ErrorCodes,
  FakeOfficeError,
  invalidArgument,
  itemNotFound,
  propertyNotLoaded,
} from "./errors";
import type { ScalarValue, WorkbookState } from "./state";
import type { ClientResultLike } from "../office/excelApi";
import type { FakeContext } from "./context";

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

export interface Op {
  readonly json: unknown;
  readonly location: string;
  readonly run: () => void;
}

export interface Host {
  readonly state: WorkbookState;
  readonly stats: FakeStats;
  readonly limit: number;
  readonly formulaValue: FakeExcelOptions["formulaValue"];
  /** The requests (1-based, counted over the host's life) that fail as a lost connection would. */
  readonly failRequests: ReadonlySet<number>;
  readonly beforeRequest: FakeExcelOptions["beforeRequest"];
}

// ---------------------------------------------------------------------------------------------
// Proxy objects

export type Readers<T> = Record<string, (target: T) => unknown>;

export type LoadSpec =
  string | string[] | { select?: string | string[] } | Record<string, unknown> | undefined;

export function loadNames(spec: LoadSpec): string[] | null {
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

export abstract class FakeObject<T> {
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

export class FakeClientResult<T> implements ClientResultLike<T> {
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

export function color(location: string, value: unknown): string {
  if (typeof value !== "string") throw invalidArgument(location, "a colour is a string");
  if (/^#[0-9A-Fa-f]{6}$/.test(value)) return value.toUpperCase();
  const named = COLOR_NAMES[value.toLowerCase()];
  if (named) return named;
  throw invalidArgument(location, `invalid colour '${value}'`);
}

export function oneOf<V extends string>(
  location: string,
  value: unknown,
  allowed: readonly V[]
): V {
  if (typeof value === "string" && (allowed as readonly string[]).includes(value))
    return value as V;
  throw invalidArgument(location, `'${String(value)}' is not one of ${allowed.join(", ")}`);
}

export function bool(location: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw invalidArgument(location, "a boolean is expected");
  return value;
}

export function positive(location: string, value: unknown, max: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > max)
    throw invalidArgument(location, `a number between 0 and ${max} is expected`);
  return value;
}

export function sheetNameProblem(name: string): string | null {
  if (name.length === 0 || name.length > 31) return "a sheet name has 1 to 31 characters";
  if (/[[\]:*?/\\]/.test(name)) return "a sheet name may not contain [ ] : * ? / \\";
  if (name.startsWith("'") || name.endsWith("'")) return "a sheet name may not start or end with '";
  if (name.toLowerCase() === "history") return "History is reserved";
  return null;
}

export function identifierProblem(name: string): string | null {
  if (!/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(name) || name.length > 255) return "invalid name";
  if (/^[A-Za-z]{1,3}\d+$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name))
    return "a name may not look like a cell reference";
  return null;
}
