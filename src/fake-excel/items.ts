import { loadNames, type LoadSpec } from "./core";
import { propertyNotLoaded } from "./errors";
import type { FakeContext } from "./context";

/**
 * A collection of objects (a sheet's tables or charts, a chart's series): `items` once loaded, `load`
 * queued like any other read, each item a proxy loaded with the properties asked for
 * (`items/name` → `name`).
 */
export abstract class FakeItems<P extends { loadNowFrom(names: string[] | null): void }> {
  private itemProxies: P[] | null = null;
  constructor(protected readonly ctx: FakeContext) {}
  /** The collection's Office.js type (`TableCollection`). */
  protected abstract readonly collectionType: string;
  /** What identifies the collection in a queued operation (`{ t: "tables" }`). */
  protected abstract target(): Record<string, unknown>;
  /** A proxy for each item there is now, failing as Office.js does when the owner is gone. */
  protected abstract liveItems(location: string): P[];

  get items(): P[] {
    if (!this.itemProxies) throw propertyNotLoaded("items");
    return this.itemProxies;
  }
  load(spec?: LoadSpec): this {
    const names = loadNames(spec);
    const itemNames =
      names === null ? null : names.map((n) => n.replace(/^items\/?/, "")).filter((n) => n !== "");
    const location = `${this.collectionType}.load`;
    this.ctx.enqueue({ l: names, ...this.target() }, location, () => {
      this.itemProxies = this.liveItems(location).map((item) => {
        item.loadNowFrom(itemNames === null || itemNames.length === 0 ? null : itemNames);
        return item;
      });
    });
    return this;
  }
}
