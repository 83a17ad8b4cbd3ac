/** @jest-environment jsdom */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * `office-addin-manifest validate` needs an online service: the manifest is checked offline here, with
 * structural checks that fail when the manifest is wrong, and with the Office tool's own offline parser.
 */
const root = join(__dirname, "..", "..");
const xml = readFileSync(join(root, "manifest.xml"), "utf8");
const doc = new DOMParser().parseFromString(xml, "application/xml");
const all = (tag: string): Element[] => Array.from(doc.getElementsByTagName(tag));
const one = (tag: string): Element => {
  const found = all(tag);
  if (found.length === 0) throw new Error(`no <${tag}>`);
  return found[0] as Element;
};

function pngSize(file: string): [number, number] {
  const data = readFileSync(file);
  return [data.readUInt32BE(16), data.readUInt32BE(20)];
}

describe("manifest.xml", () => {
  it("is well-formed XML for a task pane add-in", () => {
    expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
    expect(doc.documentElement.tagName).toBe("OfficeApp");
    expect(doc.documentElement.getAttribute("xsi:type")).toBe("TaskPaneApp");
    expect(one("Id").textContent).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
    );
    expect(one("Version").textContent).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it("targets workbooks, reads and writes the document, and requires ExcelApi 1.8", () => {
    expect(all("Host").map((h) => h.getAttribute("Name") ?? h.getAttribute("xsi:type"))).toEqual([
      "Workbook",
      "Workbook",
    ]);
    expect(one("Permissions").textContent).toBe("ReadWriteDocument");
    const set = all("Set").find((s) => s.getAttribute("Name") === "ExcelApi");
    expect(set?.getAttribute("MinVersion")).toBe("1.8");
  });

  it("is French by default with an English override", () => {
    expect(one("DefaultLocale").textContent).toBe("fr-FR");
    expect(one("DisplayName").getAttribute("DefaultValue")).toBe("Classeur CTG");
    expect(one("Description").getAttribute("DefaultValue")).toMatch(
      /Convention Territoriale Globale/
    );
    for (const tag of ["DisplayName", "Description"]) {
      const override = one(tag).getElementsByTagName("Override")[0];
      expect(override?.getAttribute("Locale")).toBe("en-US");
    }
  });

  it("serves everything over https, and its icons exist in assets/ at their sizes", () => {
    const urls = [...xml.matchAll(/DefaultValue="(https?:[^"]+)"/g)].map((m) => m[1] ?? "");
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url.startsWith("https://")).toBe(true);
    const icons = [...xml.matchAll(/assets\/(icon-(\d+)\.png)/g)];
    expect(icons.length).toBeGreaterThanOrEqual(4);
    for (const [, file, size] of icons) {
      const path = join(root, "assets", file ?? "");
      expect(existsSync(path)).toBe(true);
      expect(pngSize(path)).toEqual([Number(size), Number(size)]);
    }
  });

  it("has a ribbon button that opens the task pane, and every resource it names exists", () => {
    const action = all("Action").find((a) => a.getAttribute("xsi:type") === "ShowTaskpane");
    expect(action).toBeDefined();
    const ids = new Set(
      all("bt:Image")
        .concat(all("bt:Url"), all("bt:String"))
        .map((e) => e.getAttribute("id"))
        .filter(Boolean)
    );
    const used = [...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(5);
    for (const id of used) expect(ids.has(id ?? "")).toBe(true);
  });

  it("points its support and learn-more links at the help page, which exists and is French", () => {
    expect(one("SupportUrl").getAttribute("DefaultValue")).toBe("https://localhost:3000/aide.html");
    const learn = all("bt:Url").find((u) => u.getAttribute("id") === "GetStarted.LearnMoreUrl");
    expect(learn?.getAttribute("DefaultValue")).toBe("https://localhost:3000/aide.html");
    const help = readFileSync(join(root, "src", "taskpane", "aide.html"), "utf8");
    expect(help).toContain('<html lang="fr">');
    expect(help).toMatch(/Versions d'Excel/);
    expect(help).toMatch(/Sans le complément/);
  });

  it("is rewritten for a deployment URL by the production build, and refuses a wrong one", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const build = require(join(root, "build", "manifest.cjs")) as {
      deploymentUrl(raw: string): { ok: true; url: string } | { ok: false; reason: string };
      manifestFor(xml: string, url: string): string;
    };
    const checked = build.deploymentUrl("https://ctg.example.fr/complement");
    expect(checked).toEqual({ ok: true, url: "https://ctg.example.fr/complement/" });
    if (!checked.ok) return;
    const prod = build.manifestFor(xml, checked.url);
    expect(prod).not.toContain("localhost");
    expect(prod).toContain(
      '<SourceLocation DefaultValue="https://ctg.example.fr/complement/taskpane.html"/>'
    );
    expect(prod).toContain(
      '<SupportUrl DefaultValue="https://ctg.example.fr/complement/aide.html"/>'
    );
    expect(prod).toContain("<AppDomain>https://ctg.example.fr</AppDomain>");
    const parsed = new DOMParser().parseFromString(prod, "application/xml");
    expect(parsed.getElementsByTagName("parsererror")).toHaveLength(0);
    for (const bad of ["http://ctg.example.fr/", "pas une adresse", "https://x.fr/?a=1"]) {
      const refused = build.deploymentUrl(bad);
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.reason).toMatch(/adresse|https/);
    }
  });

  it("is read by the Office tool's offline parser", () => {
    const out = execFileSync(
      process.execPath,
      [join(root, "node_modules/office-addin-manifest/cli.js"), "info", join(root, "manifest.xml")],
      {
        encoding: "utf8",
      }
    );
    expect(out).toContain("Id: 3f0c2a4e-8b1d-4d6e-9a57-2c1f0e6b7d31");
    expect(out).toContain("Hosts: Workbook");
    expect(out).toContain("Default Locale: fr-FR");
  });
});
