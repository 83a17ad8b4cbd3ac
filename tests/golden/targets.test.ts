import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run, type Io } from "../../src/cli/main";

/**
 * The golden file of `ctg targets --json`: every indicator of the embedded plan with its parsed targets.
 * It was reviewed by hand; its diff is reviewed like code. To accept a deliberate change:
 * `UPDATE_GOLDEN=1 npx jest tests/golden`, then read the diff of tests/golden/targets.json.
 */
const goldenFile = join(__dirname, "targets.json");

it("ctg targets --json prints exactly the reviewed golden file", () => {
  const out: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: () => undefined };
  expect(run(["targets", "--json"], io)).toBe(0);
  const actual = `${out.join("\n")}\n`;
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(goldenFile, actual);
  expect(actual).toBe(readFileSync(goldenFile, "utf8"));
});
