import fc from "fast-check";
import { ENGINE_MESSAGE_CODES } from "../../src/domain/engine/codes";
import {
  combineStatuses,
  defaultAggregation,
  evaluateTarget,
} from "../../src/domain/engine/evaluate";
import { readEntry } from "../../src/domain/engine/read";
import {
  AGGREGATIONS,
  STATUSES,
  type EntryKind,
  type RawEntry,
  type TargetEvaluation,
} from "../../src/domain/engine/types";
import { catalogue, formatMessage, type Message } from "../../src/domain/messages";
import { engineMessages } from "../../src/domain/messages/engine";
import type { Target } from "../../src/domain/targets/schema";
import { ctxAt, makeTarget, PLAN } from "./helpers";

/** Every message of an evaluation: overall, rows, baseline reading. */
function messagesOf(e: TargetEvaluation): Message[] {
  const out: Message[] = [e.message, ...e.years.map((y) => y.message)];
  for (const y of e.years) if (y.reading.kind === "invalid") out.push(y.reading.problem);
  if (e.baseline?.reading.kind === "invalid") out.push(e.baseline.reading.problem);
  return out;
}

/** A French sentence: not empty, no leaked placeholder, French words. */
function expectFrench(text: string): void {
  expect(text.trim().length).toBeGreaterThan(0);
  expect(text).not.toMatch(/undefined|\bnull\b|NaN|\[object|Infinity|\$\{/);
  expect(text).toMatch(/[a-zàâçéèêëîïôûùüœ]{3,}/i);
}

// A scenario matrix reaching every message the engine can produce.
const T = {
  perYear: makeTarget({ value: 12, unit: "enfants", period: "year" }),
  between: makeTarget({ comparator: "between", value: 2, valueMax: 3, period: "year" }),
  biennial: makeTarget({ value: 2, period: "biennial" }),
  cumul: makeTarget({ value: 100, period: "total" }),
  cumulMax: makeTarget({ comparator: "<=", value: 10, period: "total" }),
  deadline: makeTarget({ value: 2, period: "total", deadlineYears: 2 }),
  places: makeTarget({ value: 20, unit: "places", period: "total" }),
  percent: makeTarget({
    measure: "percent",
    comparator: "<=",
    value: 5,
    unit: "%",
    period: "total",
  }),
  increase: makeTarget({ measure: "increase_percent", value: 10, period: "total" }),
  increaseYear: makeTarget({
    measure: "increase_percent",
    comparator: "between",
    value: 5,
    valueMax: 10,
    period: "year",
  }),
  milestone: makeTarget({ measure: "milestone", comparator: null, value: null, period: null }),
  milestoneDeadline: makeTarget({
    measure: "milestone",
    comparator: null,
    value: null,
    period: null,
    deadlineYears: 1,
  }),
  qualitative: makeTarget({ measure: "qualitative", comparator: null, value: null, period: null }),
  noValue: makeTarget({ comparator: null, value: null, period: "year" }),
};
type Case = [Target, Record<number, RawEntry>, number, RawEntry?];
const CASES: Case[] = [
  [T.perYear, { 2021: 14, 2022: 8, 2023: 8, 2024: "x", 2025: "-1" }, 2023],
  [T.between, { 2021: 4, 2022: 2, 2023: 1 }, 2023],
  [T.biennial, { 2021: 1, 2022: 1, 2023: 1 }, 2026],
  [T.cumul, { 2021: 20, 2022: 90 }, 2023],
  [T.cumul, { 2021: 20 }, 2023],
  [T.cumul, { 2021: 20 }, 2026],
  [T.cumul, {}, 2023],
  [T.cumulMax, { 2021: 3 }, 2023],
  [T.cumulMax, { 2021: 30 }, 2023],
  [T.cumulMax, { 2021: 3 }, 2026],
  [T.cumulMax, { 2021: 1, 2022: 1, 2023: 1, 2024: 1, 2025: 1 }, 2026],
  [T.deadline, { 2021: 1, 2023: 1 }, 2024],
  [T.places, { 2021: 15, 2022: 20 }, 2023],
  [T.percent, { 2021: 0.07, 2022: "4 %", 2023: "120 %", 2024: "-5 %", 2025: "vingt" }, 2023],
  [T.increase, { 2021: 105, 2022: 112, 2023: "12 %" }, 2023, 100],
  [T.increase, { 2021: 105 }, 2023],
  [T.increase, { 2021: 105 }, 2023, 0],
  [T.increase, { 2021: 105 }, 2023, "cent"],
  [T.increaseYear, { 2021: 120, 2022: 0, 2023: 5 }, 2024, 100],
  [T.milestone, { 2021: "Non", 2022: "En cours", 2023: "Oui", 2024: "bof" }, 2023],
  [T.milestone, { 2021: "Non" }, 2026],
  [T.milestoneDeadline, { 2022: "Oui" }, 2023],
  [T.qualitative, { 2021: "fait", 2022: 3 }, 2023],
  [T.noValue, { 2021: 3, 2022: "1.250", 2023: true, 2024: "#N/A", 2025: "2,5" }, 2023],
];

describe("engine messages in the French catalogue", () => {
  it("every code the engine can produce has a catalogue entry that gives French text", () => {
    for (const code of ENGINE_MESSAGE_CODES) {
      expect(typeof catalogue[code]).toBe("function");
      expectFrench(formatMessage({ code, params: {} }));
    }
  });

  it("the engine part of the catalogue has no entry the engine cannot produce", () => {
    expect(Object.keys(engineMessages).sort()).toEqual([...ENGINE_MESSAGE_CODES].sort());
  });

  it("the scenarios produce every engine code, and each formats to French text", () => {
    const produced = new Set<string>();
    for (const [target, entries, today, baseline] of CASES) {
      const e = evaluateTarget(
        target,
        {
          aggregation: defaultAggregation(target),
          entries,
          ...(baseline !== undefined ? { baseline } : {}),
        },
        ctxAt(today)
      );
      for (const m of messagesOf(e)) {
        expect(ENGINE_MESSAGE_CODES).toContain(m.code);
        produced.add(m.code);
        expectFrench(formatMessage(m));
      }
    }
    for (const raw of [true, Number.NaN, 1]) {
      for (const kind of ["count", "percent", "milestone"] as EntryKind[]) {
        const r = readEntry(raw, kind);
        if (r.kind === "invalid") {
          produced.add(r.problem.code);
          expectFrench(formatMessage(r.problem));
        }
      }
    }
    // Workbook cells: a number stored as text has its own problem.
    const asText = readEntry("12", "count", { source: "cell" });
    if (asText.kind === "invalid") {
      produced.add(asText.problem.code);
      expectFrench(formatMessage(asText.problem));
    }
    expect([...produced].sort()).toEqual([...ENGINE_MESSAGE_CODES].sort());
  });

  it("uses French typography: no-break spaces inside « » and a narrow no-break space before %", () => {
    expect(formatMessage({ code: "entry.text_not_number", params: { text: "abc" } })).toMatch(
      /^«\u00a0abc\u00a0»/
    );
    expect(formatMessage({ code: "entry.percent_above_100", params: { value: 120 } })).toMatch(
      /^120\u202f%/
    );
    expect(formatMessage({ code: "entry.decimal_count", params: { value: 12.5 } })).toMatch(
      /^12,5 /
    );
    const big = formatMessage({
      code: "status.in_progress",
      params: {
        scope: "cumulative",
        year: 2023,
        fromYear: 2021,
        value: 1250,
        target: 10000,
        cmp: ">=",
        endYear: 2025,
        measure: "count",
      },
    });
    expect(big).toBe("Cumul 2021-2023 : 1\u202f250 sur 10\u202f000 — en cours jusqu'à fin 2025"); // years are never grouped
  });

  it("random targets and entries: never throws, every status is known, every message formats", () => {
    const measures = [
      "count",
      "percent",
      "increase_percent",
      "milestone",
      "qualitative",
      "unknown",
    ] as const;
    const comparators = [">=", "<=", "=", "between", null] as const;
    const periods = ["year", "total", "biennial", null] as const;
    const target = fc.record({
      measure: fc.constantFrom(...measures),
      comparator: fc.constantFrom(...comparators),
      value: fc.option(fc.integer({ min: 0, max: 200 })),
      valueMax: fc.option(fc.integer({ min: 0, max: 300 })),
      unit: fc.option(fc.constantFrom("enfants", "places", "%")),
      period: fc.constantFrom(...periods),
      deadlineYears: fc.option(fc.integer({ min: 1, max: 8 })),
      fragment: fc.constantFrom("", "20 places", "mise en place"),
    });
    const raw: fc.Arbitrary<RawEntry> = fc.oneof(
      fc.constantFrom<RawEntry>(
        null,
        undefined,
        "",
        " ",
        "Oui",
        "Non",
        "En cours",
        "12",
        "1 250",
        "20 %",
        "0,2",
        "abc",
        "-3",
        "1.250",
        true
      ),
      fc.integer({ min: -5, max: 300 }),
      fc.double({ min: -2, max: 2, noNaN: true }),
      // user text is echoed back in messages: keep it free of the words expectFrench looks for
      fc.string({
        maxLength: 8,
        unit: fc.constantFrom(
          "a",
          "é",
          " ",
          "\u00a0",
          "1",
          "2",
          ",",
          ".",
          "%",
          "-",
          "#",
          "O",
          "u",
          "i"
        ),
      })
    );
    const entries = fc.dictionary(fc.constantFrom(...PLAN.map(String)), raw);
    fc.assert(
      fc.property(
        target,
        entries,
        fc.option(raw),
        fc.constantFrom(...AGGREGATIONS),
        fc.integer({ min: 2019, max: 2028 }),
        (t, ents, baseline, aggregation, today) => {
          const e = evaluateTarget(
            t,
            { aggregation, entries: ents as Record<number, RawEntry>, baseline },
            ctxAt(today)
          );
          expect(STATUSES).toContain(e.status);
          expect(e.years).toHaveLength(PLAN.length);
          for (const m of messagesOf(e)) {
            expect(ENGINE_MESSAGE_CODES).toContain(m.code);
            expectFrench(formatMessage(m));
          }
          const hasInvalid = e.years.some((y) => y.reading.kind === "invalid");
          if (hasInvalid) expect(e.status).toBe("saisie_invalide");
          for (const y of e.years) {
            if (y.reading.kind === "invalid") expect(y.status).toBe("saisie_invalide");
          }
          expect(STATUSES).toContain(combineStatuses(e.years.map((y) => y.status)));
        }
      ),
      { numRuns: 3000 }
    );
  });
});
