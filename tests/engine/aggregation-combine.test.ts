import {
  combineStatuses,
  defaultAggregation,
  evaluateTarget,
} from "../../src/domain/engine/evaluate";
import type { Status } from "../../src/domain/engine/types";
import { ctxAt, makeTarget, run, yearOf } from "./helpers";

describe("defaultAggregation", () => {
  it.each([
    ["per year count", makeTarget({ period: "year" }), "per_year"],
    ["biennial count", makeTarget({ period: "biennial" }), "per_year"],
    ["per year percent", makeTarget({ measure: "percent", period: "year" }), "per_year"],
    [
      "whole-period count",
      makeTarget({ period: "total", fragment: "100 enfants accueillis" }),
      "cumulative",
    ],
    ["count without period", makeTarget({ period: null, fragment: "créer 2 ALSH" }), "cumulative"],
    ["places (unit)", makeTarget({ unit: "places", period: "total" }), "latest"],
    [
      "a structure with N places",
      makeTarget({ unit: null, fragment: "une crèche de 20 places" }),
      "latest",
    ],
    ["lits", makeTarget({ fragment: "12 lits d'accueil d'urgence" }), "latest"],
    ["capacité (accents)", makeTarget({ fragment: "une capacité d'accueil de 40" }), "latest"],
    ["ETP", makeTarget({ unit: "ETP", fragment: "2 ETP d'animateur" }), "latest"],
    ["postes", makeTarget({ fragment: "création de 3 postes de médiateur" }), "latest"],
    [
      "mise en place is not a stock",
      makeTarget({ fragment: "mise en place de 3 ateliers" }),
      "cumulative",
    ],
    [
      "sur place is not a stock",
      makeTarget({ fragment: "10 permanences sur place" }),
      "cumulative",
    ],
    ["percent", makeTarget({ measure: "percent", period: "total" }), "latest"],
    ["increase", makeTarget({ measure: "increase_percent", period: "total" }), "latest"],
    ["milestone", makeTarget({ measure: "milestone", value: null, period: null }), "latest"],
    ["qualitative", makeTarget({ measure: "qualitative", value: null, period: null }), "latest"],
    ["unknown", makeTarget({ measure: "unknown", value: null, period: null }), "latest"],
  ] as const)("%s -> %s", (_name, target, expected) => {
    expect(defaultAggregation(target)).toBe(expected);
  });
});

describe("combineStatuses (an indicator with several targets)", () => {
  it.each<[Status[], Status]>([
    [["atteint", "saisie_invalide", "non_atteint"], "saisie_invalide"],
    [["atteint", "non_atteint", "a_renseigner", "en_cours"], "non_atteint"],
    [["atteint", "a_renseigner", "en_cours"], "a_renseigner"],
    [["atteint", "en_cours"], "en_cours"],
    [["atteint", "atteint"], "atteint"],
    [["atteint", "qualitatif"], "atteint"],
    [["qualitatif", "a_renseigner"], "a_renseigner"],
    [["qualitatif", "qualitatif"], "qualitatif"],
    [["en_cours"], "en_cours"],
    [[], "a_renseigner"],
  ])("%j -> %s", (statuses, expected) => {
    expect(combineStatuses(statuses)).toBe(expected);
  });

  it("does not depend on the order", () => {
    expect(combineStatuses(["non_atteint", "saisie_invalide"])).toBe("saisie_invalide");
    expect(combineStatuses(["en_cours", "atteint"])).toBe("en_cours");
  });
});

describe("evaluation context and input", () => {
  it("entries for years outside the plan are ignored", () => {
    const e = run(
      makeTarget({ value: 10, period: "total" }),
      { 2019: 50, 2021: 4 },
      { today: 2022 }
    );
    expect(e.years.map((y) => y.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
    expect(e.message.params.value).toBe(4);
  });

  it("a plan without years gives À renseigner and no rows", () => {
    const e = run(makeTarget(), { 2021: 4 }, { today: 2022, years: [] });
    expect(e.status).toBe("a_renseigner");
    expect(e.years).toEqual([]);
  });

  it("works with any plan years (e.g. 2023-2026)", () => {
    const e = run(
      makeTarget({ value: 10, period: "total", deadlineYears: 2 }),
      { 2023: 4 },
      { today: 2025, years: [2023, 2024, 2025, 2026] }
    );
    expect(e.status).toBe("non_atteint"); // deadline end of 2024
    expect(e.message.params.endYear).toBe(2024);
  });

  it("percent cells can be read as typed numbers (cells not formatted as %)", () => {
    const t = makeTarget({ measure: "percent", value: 50, period: "year" });
    const e = evaluateTarget(
      t,
      {
        aggregation: "per_year",
        entries: { 2021: 60, 2022: 0.6 },
        readOptions: { percentNumbers: "typed" },
      },
      ctxAt(2023)
    );
    expect(yearOf(e, 2021).reading).toEqual({ kind: "number", value: 60 });
    expect(yearOf(e, 2022).reading).toEqual({ kind: "number", value: 60 });
    const formatted = evaluateTarget(
      t,
      { aggregation: "per_year", entries: { 2021: 0.6 } },
      ctxAt(2023)
    );
    expect(yearOf(formatted, 2021).reading).toEqual({ kind: "number", value: 60 });
  });

  it("evaluating twice gives the same result (pure)", () => {
    const t = makeTarget({ value: 12, period: "year" });
    const entries = { 2021: "14", 2022: "x" };
    expect(run(t, entries, { today: 2023 })).toEqual(run(t, entries, { today: 2023 }));
    expect(entries).toEqual({ 2021: "14", 2022: "x" });
  });

  it("accepts every kind of space in numbers typed in the workbook", () => {
    const t = makeTarget({ value: 5000, period: "total" });
    const e = run(
      t,
      { 2021: "1 250", 2022: "1\u00a0250", 2023: "1\u202f250", 2024: "1\u2009250" },
      { today: 2024 }
    );
    expect(e.message.params.value).toBe(5000);
    expect(e.status).toBe("atteint");
  });
});
