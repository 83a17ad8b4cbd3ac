import { spawnSync } from "node:child_process";
import { join } from "node:path";

/** The dependency rule is a lint rule, not a hope: prove that it fires, and that the domain obeys it. */
const root = join(__dirname, "..", "..");

const forbidden: Array<[string, string]> = [
  [
    'import { readFileSync } from "node:fs";\nexport const f = readFileSync;\n',
    "no-restricted-imports",
  ],
  ['import * as path from "path";\nexport const p = path;\n', "no-restricted-imports"],
  ['import * as React from "react";\nexport const r = React;\n', "no-restricted-imports"],
  ['import ExcelJS from "exceljs";\nexport const e = ExcelJS;\n', "no-restricted-imports"],
  [
    'import { Button } from "@fluentui/react-components";\nexport const b = Button;\n',
    "no-restricted-imports",
  ],
  ['import { run } from "../../cli/main";\nexport const r = run;\n', "no-restricted-imports"],
  ["export const t = (): string => document.title;\n", "no-restricted-globals"],
  ["export const x = (): unknown => Excel.run;\n", "no-restricted-globals"],
  ["export const p = (): string => process.cwd();\n", "no-restricted-globals"],
  ["export const a = (v: any): number => v;\n", "@typescript-eslint/no-explicit-any"],
];
const allowedInShell = 'import { readFileSync } from "node:fs";\nexport const f = readFileSync;\n';

const run = spawnSync(process.execPath, [join(root, "tests/support/lint-probes.mjs")], {
  cwd: root,
  encoding: "utf8",
  input: JSON.stringify({
    probes: [
      ...forbidden.map(([code]) => ({ code, file: "src/domain/plan/probe.ts" })),
      { code: allowedInShell, file: "src/cli/probe.ts" },
    ],
    files: ["src/domain/**/*.ts"],
  }),
});
const output = JSON.parse(run.stdout || '{"probes":[],"files":["lint did not run"]}') as {
  probes: string[][];
  files: string[];
};

describe("the domain imports nothing from a host", () => {
  it.each(forbidden.map(([code, rule], i) => [code, rule, i] as const))(
    "refuses %j in src/domain",
    (_code, rule, i) => {
      expect(output.probes[i]).toContain(rule);
    }
  );

  it("allows the same import in a shell (the command line)", () => {
    expect(output.probes[forbidden.length]).toEqual([]);
  });

  it("holds for every file of the domain", () => {
    expect(run.status).toBe(0);
    expect(output.files).toEqual([]);
  });
});
