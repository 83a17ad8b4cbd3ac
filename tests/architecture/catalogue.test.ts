import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { catalogue, formatMessage } from "../../src/domain/messages";
import { cliMessages } from "../../src/domain/messages/cli";
import { checkMessages } from "../../src/domain/messages/check";
import { engineMessages } from "../../src/domain/messages/engine";
import { planMessages } from "../../src/domain/messages/plan";
import { officeMessages } from "../../src/domain/messages/office";
import { mergeMessages } from "../../src/domain/messages/merge";

const root = join(__dirname, "..", "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("the one French message catalogue", () => {
  it("has no code defined twice across its parts", () => {
    const parts = [
      engineMessages,
      planMessages,
      cliMessages,
      checkMessages,
      officeMessages,
      mergeMessages,
    ].map((p) => Object.keys(p));
    const all = parts.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(Object.keys(catalogue).length).toBe(all.length);
  });

  it("has an entry for every message code used in the code", () => {
    const used = new Set<string>();
    for (const file of sourceFiles(join(root, "src"))) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/message\(\s*"([a-z_]+\.[a-z_.]+)"/g)) used.add(m[1] ?? "");
    }
    expect(used.size).toBeGreaterThan(10);
    for (const code of used) expect(Object.keys(catalogue)).toContain(code);
  });

  it("formats numbers the French way and refuses unknown codes (a bug, not a user mistake)", () => {
    expect(
      formatMessage({
        code: "cli.targets_header",
        params: { count: 1250, targets: 1300, unknown: 2 },
      })
    ).toBe("1\u202f250 indicateurs, 1\u202f300 cibles lues (dont 2 à préciser).");
    expect(() => formatMessage({ code: "nope.nope", params: {} })).toThrow();
  });
});
