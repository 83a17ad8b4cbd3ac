import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { RawEntry } from "../../src/domain/engine/types";
import { formatMessage, type Message } from "../../src/domain/messages";
import type { Plan } from "../../src/domain/plan/schema";
import { validatePlan } from "../../src/domain/plan/validate";
import { buildPlanWorkbook } from "../../src/domain/planbook/export";
import { examplePlan } from "../../src/domain/planbook/example";
import { INDICATOR_COLUMNS, SHEETS } from "../../src/domain/planbook/layout";
import { readPlanWorkbook } from "../../src/domain/planbook/read";
import type { ReadBackSheet } from "../../src/domain/workbook/entries";
import { modelRaw } from "../../src/domain/workbook/entries";

const seed = (): Plan => {
  const checked = validatePlan(
    JSON.parse(readFileSync(join(__dirname, "../../seeds/pays-segali-2021-2025.json"), "utf8"))
  );
  if (!checked.ok) throw new Error("seed invalid");
  return checked.plan;
};

type Rows = RawEntry[][];

/** The sheets as a reader sees them, as mutable rows (no file: the model's cells). */
function sheetsOf(plan: Plan): Map<string, Rows> {
  const model = buildPlanWorkbook(plan, { generatorVersion: "test" });
  return new Map(model.sheets.map((s) => [s.name, s.cells.map((r) => r.map(modelRaw))]));
}

function read(sheets: Map<string, Rows>) {
  const back = new Map<string, ReadBackSheet>(
    [...sheets].map(([name, rows]) => [name, { name, rows, formulas: new Map(), protected: false }])
  );
  return readPlanWorkbook(back);
}

const texts = (problems: readonly Message[]) => problems.map(formatMessage);
const col = (key: (typeof INDICATOR_COLUMNS.columns)[number]["key"]) => INDICATOR_COLUMNS.col[key];
/** The 0-based row of an indicator on its sheet. */
const rowOf = (rows: Rows, id: string) => rows.findIndex((r) => r[0] === id);

describe("reading a plan workbook", () => {
  it("reads the worked example of `ctg plan new`", () => {
    const back = read(sheetsOf(examplePlan()));
    expect(back.ok && back.plan).toEqual(examplePlan());
  });

  it("keeps targets that differ from the parser (one, several, none) and recap targets", () => {
    const plan = structuredClone(examplePlan());
    const action = plan.axes[0]!.objectives[0]!.actions[0]!;
    const [a, b] = action.indicators;
    const t = {
      measure: "count" as const,
      comparator: ">=" as const,
      value: 7,
      valueMax: null,
      unit: "places",
      period: "year" as const,
      deadlineYears: null,
      deadlineYear: 2027,
      fragment: "x",
    };
    a!.targets = [t];
    b!.targets = [t, { ...t, measure: "percent", value: 20, unit: null }];
    b!.recapText = "au moins 20 % des familles";
    b!.sources = ["fiche", "recap"];
    b!.recapTargets = null;
    const back = read(sheetsOf(plan));
    expect(back.ok && back.plan).toEqual(plan);
    action.indicators[0]!.targets = [];
    const again = read(sheetsOf(plan));
    expect(again.ok && again.plan).toEqual(plan);
  });

  it("gives a new id to a row inserted without one and keeps the others", () => {
    const plan = seed();
    const sheets = sheetsOf(plan);
    const rows = sheets.get(SHEETS.indicators)!;
    const at = rowOf(rows, "I.A.1-RES-1");
    const inserted: RawEntry[] = new Array(rows[at]!.length).fill(null);
    inserted[col("action")] = "I.A.1";
    inserted[col("kind")] = "Résultat";
    inserted[col("text")] = "au moins 30 familles accompagnées par an";
    rows.splice(at, 0, inserted);
    // A row moved to the end, and another reworded: their ids stay.
    const moved = rows.splice(rowOf(rows, "I.A.2-REA-1"), 1)[0]!;
    rows.splice(rows.length - 150, 0, moved);
    rows[rowOf(rows, "I.B.1-RES-1")]![col("text")] = "au moins 40 jeunes accueillis par an";
    const back = read(sheets);
    if (!back.ok) throw new Error(texts(back.problems).join("\n"));
    const ids = (p: Plan) =>
      p.axes.flatMap((a) =>
        a.objectives.flatMap((o) => o.actions.flatMap((c) => c.indicators.map((i) => i.id)))
      );
    const before = new Set(ids(plan));
    const after = ids(back.plan);
    expect(back.newIds).toHaveLength(1);
    const added = back.newIds[0]!;
    expect(before.has(added)).toBe(false);
    expect(added).toMatch(/^I\.A\.1-RES-\d+$/);
    expect(after.filter((id) => id !== added).sort()).toEqual([...before].sort());
    const i = back.plan.axes[0]!.objectives[0]!.actions[0]!.indicators.find((x) => x.id === added)!;
    expect(i.targets[0]).toMatchObject({ measure: "count", comparator: ">=", value: 30 });
    const reworded = back.plan.axes
      .flatMap((a) => a.objectives.flatMap((o) => o.actions.flatMap((c) => c.indicators)))
      .find((x) => x.id === "I.B.1-RES-1")!;
    expect(reworded.text).toBe("au moins 40 jeunes accueillis par an");
    expect(reworded.targets[0]?.value).toBe(40);
  });

  it("reports a duplicate id, an empty wording, an unknown kind and an unknown action with sheet and cell", () => {
    const sheets = sheetsOf(seed());
    const rows = sheets.get(SHEETS.indicators)!;
    const r1 = rowOf(rows, "I.A.1-RES-1");
    const copy = [...rows[r1]!];
    rows.splice(r1 + 1, 0, copy);
    rows[rowOf(rows, "I.A.2-REA-1")]![col("text")] = "  ";
    rows[rowOf(rows, "I.B.1-RES-1")]![col("kind")] = "Résultats attendus";
    rows[rowOf(rows, "I.C.1-REA-1")]![col("action")] = "I.Z.9";
    const actions = sheets.get(SHEETS.actions)!;
    actions[actions.findIndex((r) => r[0] === "II.A.1")]![1] = "II.Q";
    const back = read(sheets);
    expect(back.ok).toBe(false);
    const all = back.ok ? [] : texts(back.problems);
    const letter = (k: Parameters<typeof col>[0]) => String.fromCharCode(65 + col(k));
    expect(all).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            `Indicateurs.*cellule A${r1 + 2} : l'identifiant I\\.A\\.1-RES-1 est déjà celui de la ligne ${r1 + 1}`
          )
        ),
        expect.stringMatching(
          new RegExp(
            `Indicateurs.*cellule ${letter("text")}\\d+ : « Libellé de l'indicateur » est vide`
          )
        ),
        expect.stringMatching(
          /Indicateurs.*« Résultats attendus » n'est pas une valeur possible.*Réalisation, Résultat, Impact/
        ),
        expect.stringMatching(
          new RegExp(
            `Indicateurs.*cellule ${letter("action")}\\d+ : l'action « I\\.Z\\.9 » n'existe pas`
          )
        ),
        expect.stringMatching(/Actions.*cellule B\d+ : l'objectif « II\.Q » n'existe pas/),
      ])
    );
  });

  it("says which sheet is missing from a file that is not a plan workbook", () => {
    const sheets = sheetsOf(examplePlan());
    sheets.delete(SHEETS.actions);
    const back = read(sheets);
    expect(back.ok ? [] : texts(back.problems)).toEqual([
      expect.stringContaining("l'onglet « Actions » est introuvable"),
    ]);
  });

  it("maps a schema problem to its cell (a plan id with capitals, an action in another objective)", () => {
    const sheets = sheetsOf(examplePlan());
    const plan = sheets.get(SHEETS.plan)!;
    plan[plan.findIndex((r) => r[0] === "Identifiant du plan")]![1] = "Mon Plan";
    const back = read(sheets);
    expect(back.ok ? [] : texts(back.problems)).toEqual([
      expect.stringMatching(/onglet « Plan », cellule B4 : .*minuscules/),
    ]);
  });
});
