import fc from "fast-check";
import { entryKindOf, readEntry } from "../../src/domain/engine/read";
import type { EntryKind, EntryReading } from "../../src/domain/engine/types";
import { formatNumberFr, formatPercentFr } from "../../src/domain/messages";
import { makeTarget } from "./helpers";

function num(reading: EntryReading): number {
  if (reading.kind !== "number")
    throw new Error(`expected a number, got ${JSON.stringify(reading)}`);
  return reading.value;
}

function problemOf(reading: EntryReading): string {
  if (reading.kind !== "invalid")
    throw new Error(`expected invalid, got ${JSON.stringify(reading)}`);
  return reading.problem.code;
}

describe("entryKindOf", () => {
  it.each([
    ["count", "count"],
    ["increase_percent", "count"],
    ["percent", "percent"],
    ["milestone", "milestone"],
    ["qualitative", "free"],
    ["unknown", "free"],
  ] as const)("%s -> %s", (measure, kind) => {
    expect(entryKindOf(makeTarget({ measure }))).toBe(kind);
  });
});

describe("readEntry: blanks are blank, never zero", () => {
  const kinds: EntryKind[] = ["count", "percent", "milestone", "free"];
  const blanks = [
    null,
    undefined,
    "",
    " ",
    "   ",
    "\u00a0",
    "\u202f",
    "\u2009",
    "\t\n",
    " \u00a0\u202f ",
  ];
  for (const kind of kinds) {
    it(`${kind}: ${blanks.length} blank forms`, () => {
      for (const raw of blanks) expect(readEntry(raw, kind)).toEqual({ kind: "blank" });
    });
  }
  it("0 is a value, not a blank", () => {
    expect(readEntry(0, "count")).toEqual({ kind: "number", value: 0 });
    expect(readEntry("0", "count")).toEqual({ kind: "number", value: 0 });
  });
});

describe("readEntry: counts", () => {
  it.each([
    ["12", 12],
    [" 12 ", 12],
    ["+12", 12],
    ["007", 7],
    ["1250", 1250],
    ["1 250", 1250],
    ["1\u00a0250", 1250], // no-break space
    ["1\u202f250", 1250], // narrow no-break space (what Excel / Intl fr-FR produce)
    ["1\u2009250", 1250], // thin space
    ["1\u2007250", 1250], // figure space
    ["12 500 000", 12500000],
    ["12,0", 12],
    ["\u00a012\u00a0", 12],
  ])("%j -> %d", (raw, expected) => {
    expect(num(readEntry(raw, "count"))).toBe(expected);
  });

  it("a JS number is the number itself", () => {
    expect(num(readEntry(14, "count"))).toBe(14);
    expect(num(readEntry(-0, "count"))).toBe(0);
    expect(Object.is(num(readEntry(-0, "count")), 0)).toBe(true);
  });

  it.each([
    ["12,5", "entry.decimal_count", { value: 12.5 }],
    ["12.5", "entry.decimal_count", { value: 12.5 }],
    [12.5, "entry.decimal_count", { value: 12.5 }],
    ["0,250", "entry.decimal_count", { value: 0.25 }],
    ["-3", "entry.negative", { value: -3 }],
    ["\u22123", "entry.negative", { value: -3 }], // typographic minus
    [-3, "entry.negative", { value: -3 }],
    ["- 1 250", "entry.negative", { value: -1250 }],
    ["1.250", "entry.ambiguous_thousands", { text: "1.250", whole: 1250 }],
    ["1,250", "entry.ambiguous_thousands", { text: "1,250", whole: 1250 }],
    ["2.000", "entry.ambiguous_thousands", { text: "2.000", whole: 2000 }],
    ["20 %", "entry.percent_in_count", { text: "20 %" }],
    ["20%", "entry.percent_in_count", { text: "20%" }],
    ["douze", "entry.text_not_number", { text: "douze" }],
    ["12 enfants", "entry.text_not_number", { text: "12 enfants" }],
    ["NC", "entry.text_not_number", { text: "NC" }],
    ["-", "entry.text_not_number", { text: "-" }],
    ["12 5", "entry.text_not_number", { text: "12 5" }], // badly grouped digits
    ["1 2500", "entry.text_not_number", { text: "1 2500" }],
    ["1250 000", "entry.text_not_number", { text: "1250 000" }],
    ["1  250", "entry.text_not_number", { text: "1  250" }], // two spaces
    ["1.250.000", "entry.text_not_number", { text: "1.250.000" }],
    ["12,", "entry.text_not_number", { text: "12," }],
    ["1e3", "entry.text_not_number", { text: "1e3" }],
    ["12 à 15", "entry.text_not_number", { text: "12 à 15" }],
    ["#N/A", "entry.excel_error", { text: "#N/A" }],
    ["#DIV/0!", "entry.excel_error", { text: "#DIV/0!" }],
    [true, "entry.boolean_not_number", { text: "VRAI" }],
    [false, "entry.boolean_not_number", { text: "FAUX" }],
    [Number.NaN, "entry.not_finite", {}],
    [Number.POSITIVE_INFINITY, "entry.not_finite", {}],
  ])("%j is invalid: %s", (raw, code, params) => {
    const reading = readEntry(raw, "count");
    expect(reading).toEqual({ kind: "invalid", problem: { code, params } });
  });

  it("shortens a long text in the problem", () => {
    const long = "une très longue phrase qui explique pourquoi il n'y a pas de chiffre cette année";
    const reading = readEntry(long, "count");
    if (reading.kind !== "invalid") throw new Error("expected invalid");
    const text = reading.problem.params.text as string;
    expect(text.length).toBe(40);
    expect(text.endsWith("…")).toBe(true);
  });

  it("reads back every French-formatted whole number (Intl fr-FR, with its narrow no-break spaces)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (n) => {
        expect(num(readEntry(formatNumberFr(n), "count"))).toBe(n);
        expect(num(readEntry(String(n), "count"))).toBe(n);
      })
    );
  });
});

describe("readEntry: decimals in a free or percent cell", () => {
  it("comma and dot decimals give the same value as parseFloat", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99999 }), (i, f) => {
        const digits = String(f);
        const expected = Number.parseFloat(`${i}.${digits}`);
        if (expected > 100) return;
        const comma = readEntry(`${i},${digits} %`, "percent");
        const dot = readEntry(`${i}.${digits}%`, "percent");
        expect(num(comma)).toBe(expected);
        expect(num(dot)).toBe(expected);
      })
    );
  });
  it("a decimal without integer part: ,5 = 0,5", () => {
    expect(num(readEntry(",5 %", "percent"))).toBe(0.5);
  });
});

describe("readEntry: percentages", () => {
  it.each([
    ["20 %", 20],
    ["20%", 20],
    ["20\u00a0%", 20],
    ["20\u202f%", 20],
    ["12,5 %", 12.5],
    ["12.5%", 12.5],
    ["20", 20], // no % sign, above 1: already in percent
    ["0,2", 20], // no % sign, ≤ 1: a fraction
    ["0.2", 20],
    ["0,07", 7], // no binary noise (0.07 * 100 = 7.000000000000001)
    ["1", 100], // ≤ 1 is a fraction: 1 -> 100 %
    ["0,5 %", 0.5], // with a % sign it is never a fraction
    ["1 %", 1],
    ["100 %", 100],
    ["0", 0],
    ["0 %", 0],
  ])("typed %j -> %d %", (raw, expected) => {
    expect(num(readEntry(raw, "percent"))).toBe(expected);
  });

  it.each([
    [0.2, 20],
    [0.07, 7],
    [0.125, 12.5],
    [1, 100],
    [0, 0],
    [0.005, 0.5],
  ])("a JS number from a percent-formatted cell is a fraction: %d -> %d %", (raw, expected) => {
    expect(num(readEntry(raw, "percent"))).toBe(expected);
  });

  it("JS numbers can be read like typed text when the cell is not percent-formatted", () => {
    expect(num(readEntry(20, "percent", { percentNumbers: "typed" }))).toBe(20);
    expect(num(readEntry(0.2, "percent", { percentNumbers: "typed" }))).toBe(20);
  });

  it.each([
    ["120 %", "entry.percent_above_100", { value: 120 }],
    ["150", "entry.percent_above_100", { value: 150 }],
    [1.5, "entry.percent_above_100", { value: 150 }],
    ["-5 %", "entry.negative_percent", { value: -5 }],
    ["-0,2", "entry.negative_percent", { value: -20 }],
    [-0.1, "entry.negative_percent", { value: -10 }],
    ["vingt", "entry.text_not_percent", { text: "vingt" }],
    ["20 pour cent", "entry.text_not_percent", { text: "20 pour cent" }],
    ["% 20", "entry.text_not_percent", { text: "% 20" }],
    ["#VALEUR!", "entry.excel_error", { text: "#VALEUR!" }],
    [true, "entry.boolean_not_number", { text: "VRAI" }],
    [Number.NaN, "entry.not_finite", {}],
  ])("%j is invalid: %s", (raw, code, params) => {
    expect(readEntry(raw, "percent")).toEqual({ kind: "invalid", problem: { code, params } });
  });

  it("reads back every French-formatted percentage", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }), (hundredths) => {
        const v = hundredths / 100;
        expect(num(readEntry(formatPercentFr(v), "percent"))).toBe(v);
      })
    );
  });
});

describe("readEntry: milestones", () => {
  it.each([
    ["Oui", "oui"],
    ["oui", "oui"],
    ["OUI", "oui"],
    ["  Oui  ", "oui"],
    ["oui.", "oui"],
    ["Oui !", "oui"],
    ["\u00a0oui\u202f", "oui"],
    ["Vrai", "oui"],
    ["Non", "non"],
    ["NON", "non"],
    ["non.", "non"],
    ["Faux", "non"],
    ["En cours", "en_cours"],
    ["en cours", "en_cours"],
    ["EN COURS", "en_cours"],
    ["En  cours", "en_cours"],
    ["en-cours", "en_cours"],
    ["encours", "en_cours"],
    ["En\u00a0cours.", "en_cours"],
    ["Ôui", "oui"], // accent-insensitive
    ["nón", "non"],
  ])("%j -> %s", (raw, value) => {
    expect(readEntry(raw, "milestone")).toEqual({ kind: "milestone", value });
  });

  it("booleans are Oui / Non", () => {
    expect(readEntry(true, "milestone")).toEqual({ kind: "milestone", value: "oui" });
    expect(readEntry(false, "milestone")).toEqual({ kind: "milestone", value: "non" });
  });

  it.each([["peut-être"], ["réalisé"], ["O"], ["x"], ["ouii"], ["1"]])(
    "%j is an unknown yes/no word",
    (raw) => {
      expect(problemOf(readEntry(raw, "milestone"))).toBe("entry.unknown_yes_no");
    }
  );

  it("a number is an unknown yes/no word, with the number shown back", () => {
    expect(readEntry(1, "milestone")).toEqual({
      kind: "invalid",
      problem: { code: "entry.unknown_yes_no", params: { text: 1 } },
    });
  });
});

describe("readEntry: free (qualitative / unknown)", () => {
  it("any non-blank entry is accepted", () => {
    expect(readEntry("  Réunion tenue en mars  ", "free")).toEqual({
      kind: "text",
      value: "Réunion tenue en mars",
    });
    expect(readEntry("-3", "free")).toEqual({ kind: "text", value: "-3" });
    expect(readEntry(12.5, "free")).toEqual({ kind: "number", value: 12.5 });
    expect(readEntry(-4, "free")).toEqual({ kind: "number", value: -4 });
    expect(readEntry(true, "free")).toEqual({ kind: "text", value: "Oui" });
    expect(readEntry(false, "free")).toEqual({ kind: "text", value: "Non" });
  });
});

describe("readEntry never throws", () => {
  const kinds: EntryKind[] = ["count", "percent", "milestone", "free"];
  it("on any string, number or boolean", () => {
    const anything = fc.oneof(
      fc.string(),
      fc.string({ unit: "grapheme" }),
      fc.stringMatching(/^[ \u00a0\u202f0-9,.%+\-#]{0,12}$/),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined)
    );
    fc.assert(
      fc.property(anything, fc.constantFrom(...kinds), (raw, kind) => {
        const reading = readEntry(raw, kind);
        expect(["blank", "number", "milestone", "text", "invalid"]).toContain(reading.kind);
        if (reading.kind === "number") expect(Number.isFinite(reading.value)).toBe(true);
        if (reading.kind === "number" && kind === "count") {
          expect(Number.isInteger(reading.value) && reading.value >= 0).toBe(true);
        }
        if (reading.kind === "number" && kind === "percent") {
          expect(reading.value >= 0 && reading.value <= 100).toBe(true);
        }
      }),
      { numRuns: 2000 }
    );
  });
});
