import { readFileSync } from "node:fs";
import { join } from "node:path";
import { formatMessage } from "../../src/domain/messages";
import { validatePlan } from "../../src/domain/plan/validate";
import { buildWorkbook } from "../../src/domain/workbook/build";

/**
 * `plan check` refuses what `ctg build` cannot write (issue 11): two axes with one number (one sheet
 * name for both), an axis number that makes a sheet name over Excel's 31 characters, a text over
 * Excel's 32 767 characters per cell. Each is a French problem with its path, not a crash later.
 */
const seed = JSON.parse(
  readFileSync(join(__dirname, "..", "..", "seeds", "pays-segali-2021-2025.json"), "utf8")
) as {
  axes: Array<{
    id: string;
    objectives: Array<{
      id: string;
      letter: string;
      actions: Array<{ ref: string; title: string }>;
    }>;
  }>;
};

function problemsOf(data: unknown): string[] {
  const checked = validatePlan(data);
  return checked.ok ? [] : checked.problems.map((m) => formatMessage(m));
}

/** The seed with axis `from` renumbered `to` (its objectives and actions follow). */
function renumbered(data: typeof seed, index: number, to: string): typeof seed {
  const copy = structuredClone(data);
  const axis = copy.axes[index];
  if (!axis) throw new Error("no axis");
  const from = axis.id;
  axis.id = to;
  for (const o of axis.objectives) {
    o.id = `${to}.${o.letter}`;
    for (const a of o.actions) a.ref = `${to}${a.ref.slice(from.length)}`;
  }
  return copy;
}

describe("a plan that ctg build could not write", () => {
  it("the seed itself passes and builds", () => {
    const checked = validatePlan(seed);
    expect(checked.ok).toBe(true);
    if (checked.ok)
      expect(
        buildWorkbook(checked.plan, { generatorVersion: "t", generatedOn: "2024-01-01" }).sheets
          .length
      ).toBeGreaterThan(5);
  });

  it("two axes with the same number", () => {
    const data = renumbered(seed, 1, seed.axes[0]?.id ?? "I");
    expect(problemsOf(data).join("\n")).toMatch(/numéro d'axe en double : I/);
  });

  it("an axis number that makes a sheet name over 31 characters", () => {
    const data = renumbered(seed, 0, "X".repeat(30));
    expect(problemsOf(data).join("\n")).toMatch(
      /numéro d'axe trop long \(30 caractères\).*31 caractères/
    );
    expect(problemsOf(renumbered(seed, 0, "X".repeat(27)))).toEqual([]);
  });

  it("a text longer than an Excel cell holds", () => {
    const data = structuredClone(seed);
    const action = data.axes[0]?.objectives[0]?.actions[0];
    if (!action) throw new Error("no action");
    action.title = "a".repeat(40_000);
    expect(problemsOf(data).join("\n")).toMatch(/texte de 40\s000 caractères.*au plus 32\s767/);
  });

  it("a plan larger than a workbook is built for (10 000 actions)", () => {
    const data = structuredClone(seed);
    const objective = data.axes[0]?.objectives[0];
    const model = objective?.actions[0];
    if (!objective || !model) throw new Error("no action");
    for (let n = 1; n <= 2_000; n++)
      objective.actions.push({ ...structuredClone(model), ref: `${objective.id}.${900 + n}` });
    const problems = problemsOf(data).join("\n");
    expect(problems).toMatch(/plan trop grand \(2\s05\d actions.*au plus 2\s000 actions/);
  });
});
