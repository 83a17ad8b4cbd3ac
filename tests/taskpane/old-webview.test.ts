/**
 * In an old webview (Internet Explorer 11, legacy Edge: still used by some Office installs) the
 * pane's bundle does not parse; the page then shows a French message instead of a blank pane.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "acorn";
import { JSDOM } from "jsdom";

const html = readFileSync(join(__dirname, "..", "..", "src", "taskpane", "taskpane.html"), "utf8");
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  (m) => m[1] ?? ""
);

function page(oldEngine: boolean): Document {
  const dom = new JSDOM(html.replace(/<script[^>]*\bsrc=[^>]*><\/script>/g, ""), {
    runScripts: "outside-only",
  });
  const w = dom.window as unknown as { eval(code: string): unknown; Function: unknown };
  // An engine without ES2015+ syntax: `new Function` with modern code throws a SyntaxError.
  if (oldEngine)
    w.eval("window.Function = function () { throw new SyntaxError('Syntax error'); };");
  for (const code of inline) w.eval(code);
  return dom.window.document;
}

describe("the task pane in an old webview", () => {
  it("has a check written in ES5, which Internet Explorer 11 parses", () => {
    expect(inline.length).toBeGreaterThan(0);
    for (const code of inline) expect(() => parse(code, { ecmaVersion: 5 })).not.toThrow();
  });

  it("says in French what to do when the engine is too old", () => {
    const doc = page(true);
    const note = doc.getElementById("ancien-moteur") as HTMLElement;
    expect(note.style.display).toBe("block");
    expect(note.textContent).toMatch(/ne peut pas s'afficher dans cette version d'Excel/);
    expect(note.textContent).toMatch(/Mettez Office à jour/);
  });

  it("stays hidden in a modern engine", () => {
    const doc = page(false);
    expect((doc.getElementById("ancien-moteur") as HTMLElement).style.display).toBe("none");
  });
});
