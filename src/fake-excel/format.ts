/** Imitates Office.js's RangeFormat, RangeFill, RangeFont, FormatProtection, RangeBorder. */
import { rectSize, type Rect } from "./address";
import { invalidArgument, notImplemented } from "./errors";
import {
  cellKey,
  DEFAULT_FORMAT,
  emptyCell,
  type BorderSide,
  type CellFormat,
  type CellState,
} from "./state";
import type { BorderIndexLike, RangeBorderLike, RangeFormatLike } from "../office/excelApi";
import {
  bool,
  color,
  DEFAULT_COLUMN_WIDTH,
  DEFAULT_ROW_HEIGHT,
  FakeObject,
  oneOf,
  positive,
  type Readers,
} from "./core";
import type { FakeContext } from "./context";
import {
  assertFormatEditable,
  cellAt,
  MAX_CELL_WRITES,
  uniform,
  updateFormat,
  type RangeRef,
} from "./range";

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

export class FakeRangeFormat extends FakeObject<RangeRef> implements RangeFormatLike {
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
