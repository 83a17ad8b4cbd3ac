import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  catalogue,
  formatMessage,
  message,
  p,
  type MessageTemplate,
  type Params,
} from "../../src/domain/messages";
import { cliMessages } from "../../src/domain/messages/cli";
import { checkMessages } from "../../src/domain/messages/check";
import { engineMessages } from "../../src/domain/messages/engine";
import { planMessages } from "../../src/domain/messages/plan";
import { officeMessages } from "../../src/domain/messages/office";
import { mergeMessages } from "../../src/domain/messages/merge";
import { snapshotMessages } from "../../src/domain/messages/snapshot";
import { bilanMessages } from "../../src/domain/messages/bilan";
import { exportMessages } from "../../src/domain/messages/export";

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
      snapshotMessages,
      bilanMessages,
      exportMessages,
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
    // A code from outside the types (a file, another version) still throws when formatted.
    // @ts-expect-error "nope.nope" is not a code of the catalogue
    expect(() => formatMessage({ code: "nope.nope", params: {} })).toThrow();
  });
});

/*
 * Codes and params are checked by the compiler (ts-jest type-checks this file, and so does
 * `tsc --noEmit`): each `@ts-expect-error` below fails the build if its line ever compiles.
 */
describe("message codes and params are typed", () => {
  it("refuses a code that is not in the catalogue", () => {
    // @ts-expect-error "nope" is not a code of the catalogue
    const unknown = message("nope");
    // @ts-expect-error a code with a typo
    message("merge.sheet_mising", { sheet: "Axe I" });
    expect(() => formatMessage(unknown)).toThrow();
  });

  it("requires the params the code's sentence reads", () => {
    // @ts-expect-error "merge.sheet_missing" reads the param `sheet`
    message("merge.sheet_missing");
    // @ts-expect-error a misspelt param is a missing one
    message("merge.sheet_missing", { shet: "Axe I" });
    // @ts-expect-error params are numbers, texts or null
    message("merge.sheet_missing", { sheet: ["Axe I"] });
    expect(formatMessage(message("merge.sheet_missing", { sheet: "Axe I" }))).toBe(
      "l'onglet « Axe I » a été supprimé"
    );
    expect(formatMessage(message("check.ok"))).toBe("Toutes les saisies sont valides.");
  });

  it("lets a template read only the params it declares", () => {
    const declared: MessageTemplate = (x: Params<"sheet">) => `onglet ${p(x, "sheet")}`;
    // @ts-expect-error a param the template does not declare
    const undeclared: MessageTemplate = (x: Params<"sheet">) => `onglet ${p(x, "shet")}`;
    // @ts-expect-error a template that does not declare its params reads none
    const implicit: MessageTemplate = (x) => `onglet ${p(x, "sheet")}`;
    expect(declared({ sheet: "Axe I" })).toBe("onglet Axe I");
    expect([undeclared, implicit].length).toBe(2);
  });
});
