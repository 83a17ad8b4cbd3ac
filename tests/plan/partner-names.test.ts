import { readFileSync } from "node:fs";
import { join } from "node:path";
import { formatMessage } from "../../src/domain/messages";
import { canonicalPartner, partnerActions, partnerDirectory } from "../../src/domain/plan/partners";
import { parsePlanJson, validatePlan } from "../../src/domain/plan/validate";
import { partnersToPrepare } from "../../src/app/partners";

/**
 * Partners normalised (issue 12): one canonical name per partner with its variants; the directory
 * lists the canonical name once, and any variant asks for the same partner and the same actions.
 */
const raw = readFileSync(
  join(__dirname, "..", "..", "seeds", "pays-segali-2021-2025.json"),
  "utf8"
);
const parsed = parsePlanJson(raw);
if (!parsed.ok) throw new Error("seed");
const plan = parsed.plan;
const directory = partnerDirectory(plan);

it("lists a canonical name once, with the variants the plan writes", () => {
  const caf = directory.find((p) => p.name === "CAF");
  expect(caf?.variants).toContain("Caf12");
  expect(directory.find((p) => p.name === "Caf12")).toBeUndefined();
  const coordination = directory.find((p) => p.name === "Coordination CTG");
  expect(coordination?.variants).toEqual(
    expect.arrayContaining(["Coordinateur-trice CTG", "Coordinatrice CTG"])
  );
  expect(directory.some((p) => p.name === "Coordinatrice CTG")).toBe(false);
  expect(directory.length).toBeLessThan(204);
});

it("gives every variant the canonical partner's actions", () => {
  for (const [variant, name] of [
    ["Caf12", "CAF"],
    ["caisse d'allocations familiales", "CAF"],
    ["Coordinatrice CTG", "Coordination CTG"],
    ["coordinateur-trice CTG", "Coordination CTG"],
  ] as const) {
    expect(canonicalPartner(plan, variant)).toBe(name);
    expect(partnerActions(plan, variant)).toEqual(partnerActions(plan, name));
  }
  // The canonical partner holds the actions of all its names: more than any one of them alone.
  const coordination = partnerActions(plan, "Coordination CTG").length;
  const noGroups = { ...plan, partners: [] };
  expect(coordination).toBeGreaterThan(partnerActions(noGroups, "Coordinatrice CTG").length);
  expect(coordination).toBeGreaterThan(partnerActions(noGroups, "Coordination CTG").length);
});

it("prepares one workbook for a partner asked by two of its names, under the canonical name", () => {
  const asked = partnersToPrepare(plan, ["Caf12", "CAF", "Coordinatrice CTG"]);
  expect(asked).toEqual({ ok: true, value: ["CAF", "Coordination CTG"] });
});

it("refuses a plan where one name belongs to two partners", () => {
  const data = JSON.parse(raw) as { partners: Array<{ name: string; variants: string[] }> };
  data.partners.push({ name: "Caisse", variants: ["Caf12"] });
  const checked = validatePlan(data);
  expect(checked.ok).toBe(false);
  if (!checked.ok)
    expect(checked.problems.map((m) => formatMessage(m)).join("\n")).toMatch(
      /« Caf12 » est déjà une variante de « CAF »/
    );
});
