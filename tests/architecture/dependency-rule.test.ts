import { ESLint } from "eslint";
import { join } from "node:path";

/** The dependency rule is a lint rule, not a hope: prove that it fires, and that the domain obeys it. */
const root = join(__dirname, "..", "..");
const eslint = new ESLint({ cwd: root });

async function ruleIds(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? "").filter((id) => id !== "prettier/prettier");
}

describe("the domain imports nothing from a host", () => {
  jest.setTimeout(60_000);

  it.each([
    ['import { readFileSync } from "node:fs";\nexport const f = readFileSync;\n', "no-restricted-imports"],
    ['import * as React from "react";\nexport const r = React;\n', "no-restricted-imports"],
    ['import ExcelJS from "exceljs";\nexport const e = ExcelJS;\n', "no-restricted-imports"],
    ['import { Button } from "@fluentui/react-components";\nexport const b = Button;\n', "no-restricted-imports"],
    ['import { run } from "../../cli/main";\nexport const r = run;\n', "no-restricted-imports"],
    ["export const t = (): string => document.title;\n", "no-restricted-globals"],
    ["export const x = (): unknown => Excel.run;\n", "no-restricted-globals"],
    ["export const p = (): string => process.cwd();\n", "no-restricted-globals"],
    ["export const a = (v: any): number => v;\n", "@typescript-eslint/no-explicit-any"],
  ])("refuses %j in src/domain", async (code, rule) => {
    expect(await ruleIds(code, "src/domain/plan/probe.ts")).toContain(rule);
  });

  it("allows the same imports in a shell (the command line)", async () => {
    expect(await ruleIds('import { readFileSync } from "node:fs";\nexport const f = readFileSync;\n', "src/cli/probe.ts")).toEqual([]);
  });

  it("holds for every file of the domain", async () => {
    const results = await eslint.lintFiles(["src/domain/**/*.ts"]);
    const problems = results.flatMap((r) =>
      r.messages.filter((m) => m.severity === 2).map((m) => `${r.filePath}:${m.line} ${m.ruleId} ${m.message}`)
    );
    expect(problems).toEqual([]);
  });
});
