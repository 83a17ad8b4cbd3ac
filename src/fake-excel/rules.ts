/** Imitates Office.js's DataValidation, ConditionalFormatCollection, ConditionalFormat. */
import { parseLocal, splitSheet, type Rect } from "./address";
import { accessDenied, invalidArgument, invalidOperation, notImplemented } from "./errors";
import type { ConditionalFormatState, ValidationState, WorkbookState } from "./state";
import type {
  ConditionalDataBarRuleLike,
  ConditionalFormatCollectionLike,
  ConditionalFormatLike,
  DataValidationLike,
  DataValidationRuleLike,
} from "../office/excelApi";
import { bool, color, FakeObject, oneOf, type Readers } from "./core";
import type { FakeContext } from "./context";
import { findSheet } from "./workbook";
import { checkSheetLive } from "./worksheet";
import type { FakeRange, RangeRef } from "./range";

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

export function overlaps(a: Rect, b: Rect): boolean {
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

export class FakeDataValidation extends FakeObject<RangeRef> implements DataValidationLike {
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

export class FakeConditionalFormatCollection implements ConditionalFormatCollectionLike {
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
