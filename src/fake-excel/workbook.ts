/** Imitates Office.js's Application, Workbook, WorksheetCollection, names, custom XML parts. */
import { fullAddress, parseLocal, splitSheet } from "./address";
import {
  invalidArgument,
  invalidOperation,
  itemAlreadyExists,
  itemNotFound,
  propertyNotLoaded,
} from "./errors";
import { newSheet, type SheetState, type WorkbookState } from "./state";
import type {
  ApplicationLike,
  ClientResultLike,
  CustomXmlPartCollectionLike,
  CustomXmlPartLike,
  NamedItemCollectionLike,
  NamedItemLike,
  RangeLike,
  WorkbookLike,
  WorksheetCollectionLike,
} from "../office/excelApi";
import {
  FakeClientResult,
  FakeObject,
  identifierProblem,
  loadNames,
  oneOf,
  sheetNameProblem,
  type LoadSpec,
  type Readers,
} from "./core";
import type { FakeContext } from "./context";
import { FakeWorksheet } from "./worksheet";
import { FakeRange } from "./range";
import { allTables, FakeTable } from "./tables";

// ---------------------------------------------------------------------------------------------
// Application and workbook

export class FakeApplication extends FakeObject<WorkbookState> implements ApplicationLike {
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

export class FakeWorkbook implements WorkbookLike {
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

export function liveSheets(state: WorkbookState): SheetState[] {
  return state.sheets.filter((s) => !s.deleted);
}

export function findSheet(state: WorkbookState, name: string): SheetState | null {
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
