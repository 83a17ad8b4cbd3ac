import { spawnSync } from "node:child_process";
import { join } from "node:path";

/** The dependency rule is a lint rule, not a hope: prove that it fires, and that the domain obeys it. */
const root = join(__dirname, "..", "..");

const imp = (from: string) => `import * as m from "${from}";\nexport const x = m;\n`;

/** Code the rule refuses in the domain: each escape that was once possible. */
const forbidden: Array<[string, string]> = [
  [
    'import { readFileSync } from "node:fs";\nexport const f = readFileSync;\n',
    "no-restricted-imports",
  ],
  [imp("path"), "no-restricted-imports"],
  [imp("util"), "no-restricted-imports"],
  [imp("zlib"), "no-restricted-imports"],
  [imp("buffer"), "no-restricted-imports"],
  [imp("fs/promises"), "no-restricted-imports"],
  [imp("node:worker_threads"), "no-restricted-imports"],
  [imp("react"), "no-restricted-imports"],
  [imp("exceljs"), "no-restricted-imports"],
  [imp("fflate"), "no-restricted-imports"],
  [imp("@fluentui/react-components"), "no-restricted-imports"],
  [imp("@microsoft/office-js"), "no-restricted-imports"],
  ['import { run } from "../../cli/main";\nexport const r = run;\n', "no-restricted-imports"],
  [imp("../../fake-excel"), "no-restricted-imports"],
  [imp("../../fake-excel/fake"), "no-restricted-imports"],
  [imp("../../office"), "no-restricted-imports"],
  [imp("../../office/read"), "no-restricted-imports"],
  [imp("../../xlsx/read"), "no-restricted-imports"],
  [imp("../../app/workbooks"), "no-restricted-imports"],
  [imp("../../taskpane/App"), "no-restricted-imports"],
  [imp("../../../bench/run"), "no-restricted-imports"],
  ['export const load = () => import("exceljs");\n', "no-restricted-syntax"],
  ['export const load = () => import("./schema");\n', "no-restricted-syntax"],
  ['export type T = typeof import("exceljs");\n', "no-restricted-syntax"],
  ["export const t = (): string => document.title;\n", "no-restricted-globals"],
  ["export const t = (): unknown => globalThis.document;\n", "no-restricted-globals"],
  ["export const f = (): unknown => fetch;\n", "no-restricted-globals"],
  ["export const x = (): unknown => Excel.run;\n", "no-restricted-globals"],
  ["export const p = (): string => process.cwd();\n", "no-restricted-globals"],
  ["export const a = (v: any): number => v;\n", "@typescript-eslint/no-explicit-any"],
];

/** Imports between the shells and adapters: [file, code] refused, each outside src/app's path. */
const refusedBetweenLayers: Array<[string, string]> = [
  ["src/office/probe.ts", imp("../taskpane/App")],
  ["src/office/probe.ts", imp("../cli/main")],
  ["src/office/probe.ts", imp("../xlsx/read")],
  ["src/office/probe.ts", imp("../fake-excel")],
  ["src/taskpane/probe.ts", imp("../office/service")],
  ["src/taskpane/components/probe.ts", imp("../../office/service")],
  ["src/taskpane/probe.ts", imp("../cli/io")],
  ["src/taskpane/probe.ts", imp("../xlsx/write")],
  ["src/cli/probe.ts", imp("../office/service")],
  ["src/cli/probe.ts", imp("../taskpane/App")],
  ["src/cli/probe.ts", imp("../../bench/run")],
  ["bench/probe.ts", imp("../src/cli/main")],
  ["bench/probe.ts", imp("../src/office/service")],
  ["bench/probe.ts", imp("../src/taskpane/App")],
  ["src/app/probe.ts", imp("../office/service")],
  ["src/app/probe.ts", imp("../cli/io")],
  ["src/app/probe.ts", imp("../taskpane/App")],
  ["src/app/probe.ts", imp("node:fs")],
  ["src/app/probe.ts", imp("zlib")],
  ["src/app/probe.ts", imp("react")],
  ["src/xlsx/probe.ts", imp("../app/workbooks")],
  ["src/xlsx/probe.ts", imp("../office/read")],
  ["src/xlsx/probe.ts", imp("zlib")],
  ["src/fake-excel/probe.ts", imp("../app/port")],
];

/** What the layers may import: the domain, src/app, their own libraries. */
const allowed: Array<[string, string]> = [
  ["src/cli/probe.ts", 'import { readFileSync } from "node:fs";\nexport const f = readFileSync;\n'],
  ["src/cli/probe.ts", imp("../app/workbooks")],
  ["src/cli/probe.ts", imp("../xlsx/write")],
  ["src/office/probe.ts", imp("../app/returns")],
  ["src/office/probe.ts", imp("../domain/workbook/build")],
  ["src/taskpane/probe.ts", imp("../app/port")],
  ["src/taskpane/probe.ts", imp("react")],
  ["src/app/probe.ts", 'export const load = () => import("../xlsx/read");\n'],
  ["src/app/probe.ts", imp("../domain/merge/merge")],
  ["src/entry/probe.ts", imp("../office/service")],
  ["src/entry/probe.ts", imp("../taskpane/App")],
  ["bench/probe.ts", imp("../src/entry/officeOverFake")],
  ["src/domain/messages/probe.ts", imp("./cli")],
  ["src/domain/messages/probe.ts", imp("./office")],
  ["src/domain/plan/probe.ts", imp("../workbook/build")],
];

const run = spawnSync(process.execPath, [join(root, "tests/support/lint-probes.mjs")], {
  cwd: root,
  encoding: "utf8",
  input: JSON.stringify({
    probes: [
      ...forbidden.map(([code]) => ({ code, file: "src/domain/plan/probe.ts" })),
      { code: "export const x = 1;\n", file: "src/domain/plan/probe.tsx" },
      ...refusedBetweenLayers.map(([file, code]) => ({ code, file })),
      ...allowed.map(([file, code]) => ({ code, file })),
    ],
    files: ["src/**/*.{ts,tsx}", "bench/**/*.ts"],
  }),
});
const output = JSON.parse(run.stdout || '{"probes":[],"files":["lint did not run"]}') as {
  probes: string[][];
  files: string[];
};
const probe = (i: number): string[] => output.probes[i] ?? ["(no result)"];
const tsxAt = forbidden.length;
const betweenAt = tsxAt + 1;
const allowedAt = betweenAt + refusedBetweenLayers.length;

describe("the dependency rule (docs/architecture.md) is a lint rule", () => {
  it.each(forbidden.map(([code, rule], i) => [code, rule, i] as const))(
    "refuses %j in src/domain",
    (_code, rule, i) => {
      expect(probe(i)).toContain(rule);
    }
  );

  it("refuses a .tsx file in src/domain", () => {
    expect(probe(tsxAt)).toContain("no-restricted-syntax");
  });

  it.each(refusedBetweenLayers.map(([file, code], i) => [file, code, i] as const))(
    "refuses in %s: %j",
    (_file, _code, i) => {
      expect(probe(betweenAt + i)).toContain("no-restricted-imports");
    }
  );

  it.each(allowed.map(([file, code], i) => [file, code, i] as const))(
    "allows in %s: %j",
    (_file, _code, i) => {
      expect(probe(allowedAt + i)).toEqual([]);
    }
  );

  it("holds for every file of src/ and bench/", () => {
    expect(run.status).toBe(0);
    // Formatting is `npm run lint`'s business; here, the dependency rule and its kin.
    expect(
      output.files.filter((f) => / (no-restricted-|@typescript-eslint\/no-explicit-any)/.test(f))
    ).toEqual([]);
  });
});
