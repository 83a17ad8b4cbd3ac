import { loadNames, type LoadSpec } from "./core";
import { propertyNotLoaded } from "./errors";
import type { FakeContext } from "./context";
import type { SheetState } from "./state";
import type { FakeWorksheet } from "./worksheet";

/**
 * A collection of a sheet's objects (tables, charts): `items` once loaded, `load` queued like any
 * other read, each item a proxy loaded with the properties asked for (`items/name` → `name`).
 */
export abstract class FakeSheetItems<P extends { loadNowFrom(names: string[] | null): void }, S> {
  private itemProxies: P[] | null = null;
  constructor(
    protected readonly ctx: FakeContext,
    protected readonly sheet: FakeWorksheet
  ) {}
  /** The collection's Office.js type (`TableCollection`) and its key in queued operations. */
  protected abstract readonly collectionType: string;
  protected abstract readonly tag: string;
  /** The sheet's state, failing as Office.js does when the sheet is gone. */
  protected abstract liveSheet(location: string): SheetState;
  protected abstract states(sheet: SheetState): readonly S[];
  protected abstract proxy(state: S, sheet: SheetState): P;

  get items(): P[] {
    if (!this.itemProxies) throw propertyNotLoaded("items");
    return this.itemProxies;
  }
  load(spec?: LoadSpec): this {
    const names = loadNames(spec);
    const itemNames =
      names === null ? null : names.map((n) => n.replace(/^items\/?/, "")).filter((n) => n !== "");
    const location = `${this.collectionType}.load`;
    this.ctx.enqueue({ l: names, t: this.tag }, location, () => {
      const sheet = this.liveSheet(location);
      this.itemProxies = this.states(sheet).map((state) => {
        const item = this.proxy(state, sheet);
        item.loadNowFrom(itemNames === null || itemNames.length === 0 ? null : itemNames);
        return item;
      });
    });
    return this;
  }
}
