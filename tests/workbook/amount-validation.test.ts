/** An amount of money (`2 000 € par an`) gets an input cell that asks for euros, not for a count. */
import type { Plan } from "../../src/domain/plan/schema";
import { examplePlan } from "../../src/domain/planbook/example";
import { buildWorkbook } from "../../src/domain/workbook/build";
import { parseTargets } from "../../src/domain/targets/parse";

function planWithAmount(): Plan {
  const plan = examplePlan();
  const wording = "2 000 € de budget consacré aux sorties familles par an";
  return {
    ...plan,
    axes: plan.axes.map((a, ai) => ({
      ...a,
      objectives: a.objectives.map((o, oi) => ({
        ...o,
        actions: o.actions.map((x, xi) =>
          ai + oi + xi > 0
            ? x
            : {
                ...x,
                indicators: x.indicators.map((i, ii) =>
                  ii === 0 ? { ...i, text: wording, targets: parseTargets(wording) } : i
                ),
              }
        ),
      })),
    })),
  };
}

describe("the input cells of an amount", () => {
  it("ask for a sum in euros, with a warning that keeps what was typed", () => {
    const plan = planWithAmount();
    const id = plan.axes[0]?.objectives[0]?.actions[0]?.indicators[0]?.id ?? "";
    const model = buildWorkbook(plan, { generatorVersion: "t", generatedOn: "2023-06-15" });
    const sheet = model.sheets.find((s) => s.name === "Axe I");
    if (!sheet) throw new Error("no Axe I");
    const row = sheet.cells.findIndex((line) => {
      const v = line[0]?.value;
      return v?.kind === "text" && v.text === id;
    });
    expect(row).toBeGreaterThan(0);
    const amount = sheet.validations.filter(
      (v) =>
        v.promptTitle === "Montant à saisir" && new RegExp(`[A-Z]${row + 1}(:|$)`).test(v.range)
    );
    expect(amount).toHaveLength(1);
    expect(amount[0]).toMatchObject({ rule: { kind: "decimal", min: 0 }, alert: "warning" });
    expect(amount[0]?.prompt).toMatch(/2\u202f000|2 000/);
  });
});
