/** Imitates Office.js's TableCollection and Table. */
import { parseLocal, splitSheet, type Rect } from "./address";
import { accessDenied, invalidArgument, itemAlreadyExists, itemNotFound } from "./errors";
import { cellKey, emptyCell, type TableState, type WorkbookState } from "./state";
import type { RangeLike, TableCollectionLike, TableLike } from "../office/excelApi";
import { bool, FakeObject, identifierProblem, type Readers } from "./core";
import { liveSheets } from "./workbook";
import type { FakeContext } from "./context";
import { checkSheetLive, type FakeWorksheet } from "./worksheet";
import { cellAt, FakeRange } from "./range";
import { overlaps } from "./rules";
import { FakeItems } from "./items";

// ---------------------------------------------------------------------------------------------
// Tables

export function allTables(state: WorkbookState): TableState[] {
  return liveSheets(state).flatMap((s) => s.tables);
}

const TABLE_STYLE =
  /^TableStyle(Light([1-9]|1\d|2[0-1])|Medium([1-9]|1\d|2[0-8])|Dark([1-9]|1[01]))$/;

export class FakeTableCollection extends FakeItems<FakeTable> implements TableCollectionLike {
  protected readonly collectionType = "TableCollection";
  constructor(
    ctx: FakeContext,
    private readonly sheet: FakeWorksheet
  ) {
    super(ctx);
  }
  protected target(): Record<string, unknown> {
    return { t: "tables" };
  }
  protected liveItems(location: string): FakeTable[] {
    const sheet = checkSheetLive(this.sheet.resolve(location), location);
    return sheet.tables.map((t) => new FakeTable(this.ctx, () => t));
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

export class FakeTable extends FakeObject<TableState> implements TableLike {
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
