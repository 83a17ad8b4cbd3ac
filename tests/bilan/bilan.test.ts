import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mammoth from "mammoth";
import { findBrowser } from "../../src/cli/browser";
import { ctg, filledWorkbook, refill } from "../snapshot/helpers";

jest.setTimeout(180_000);

/** `ctg bilan`: the yearly bilan as .docx (read back with mammoth), .html and .pdf (Chromium). */

const CHROMIUM = "/usr/bin/chromium";
const tmp = mkdtempSync(join(tmpdir(), "ctg-bilan-"));
const at = (name: string) => join(tmp, name);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const plan = JSON.parse(
  readFileSync(join(__dirname, "..", "..", "seeds", "pays-segali-2021-2025.json"), "utf8")
) as { axes: Array<{ id: string; title: string }> };
const flat = (t: string) => t.replace(/\s+/g, " ");

beforeAll(async () => {
  await filledWorkbook(at("filled.xlsx"), 11);
  expect(
    ctg(["snapshot", at("filled.xlsx"), "--annee", "2023", "--out", at("snap.xlsx")]).status
  ).toBe(0);
  // A year later: other entries, so that statuses change since the frozen bilan.
  await refill(at("snap.xlsx"), at("later.xlsx"), 12);
});

describe("ctg bilan", () => {
  it("writes a Word document with every axis, the year and the change since the last bilan", async () => {
    const run = ctg(["bilan", at("later.xlsx"), "--annee", "2024", "--out", at("bilan-2024.docx")]);
    expect(run.err).toBe("");
    expect(run.status).toBe(0);
    expect(run.out).toMatch(/Bilan 2024 écrit .*4 axes, 50 actions/);
    expect(run.out).toMatch(/comparées au bilan 2023/);
    const text = flat((await mammoth.extractRawText({ path: at("bilan-2024.docx") })).value);
    expect(text).toContain("Bilan 2024");
    for (const axis of plan.axes) expect(text).toContain(flat(`Axe ${axis.id} : ${axis.title}`));
    expect(text).toMatch(/→/);
    // Real headings and tables, for editing in Word.
    const html = (await mammoth.convertToHtml({ path: at("bilan-2024.docx") })).value;
    expect(html).toMatch(/<h1>/);
    expect(html).toMatch(/<h2>/);
    expect(html).toMatch(/<table>/);
  });

  it("writes an HTML page with inline SVG charts", () => {
    const run = ctg(["bilan", at("later.xlsx"), "--annee", "2024", "--out", at("bilan.html")]);
    expect(run.status).toBe(0);
    const html = readFileSync(at("bilan.html"), "utf8");
    expect(html).toContain('<html lang="fr">');
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(html).toContain("Bilan 2024");
    for (const axis of plan.axes) expect(flat(html)).toContain(`Axe ${axis.id}`);
  });

  it("prints the PDF with Chromium: its text names every axis and the year", () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `Chromium est introuvable (${CHROMIUM}) : installez le paquet Debian « chromium ».`
      );
    const run = ctg(["bilan", at("later.xlsx"), "--annee", "2024", "--out", at("bilan.pdf")], {
      CTG_CHROME: CHROMIUM,
    });
    expect(run.err).toBe("");
    expect(run.status).toBe(0);
    const text = spawnSync("pdftotext", ["-layout", at("bilan.pdf"), "-"], { encoding: "utf8" });
    if (text.error) throw new Error("pdftotext est introuvable : installez poppler-utils.");
    const words = flat(text.stdout);
    expect(words).toContain("Bilan 2024");
    for (const axis of plan.axes) expect(words).toContain(`Axe ${axis.id}`);
  });

  it("refuses an unknown extension in French (status 2), and a year outside the plan", () => {
    const odt = ctg(["bilan", at("later.xlsx"), "--annee", "2024", "--out", at("bilan.odt")]);
    expect(odt.status).toBe(2);
    expect(odt.err).toMatch(/Format de sortie inconnu .*\.docx.*\.pdf.*\.html/);
    const year = ctg(["bilan", at("later.xlsx"), "--annee", "2019", "--out", at("b.html")]);
    expect(year.status).toBe(2);
  });

  it("finds Chrome, Chromium or Edge: CTG_CHROME, the PATH, the usual paths", () => {
    const there = (files: string[]) => (p: string) => files.includes(p);
    expect(findBrowser({ CTG_CHROME: "/x/chrome" }, there(["/x/chrome"]), "linux")).toBe(
      "/x/chrome"
    );
    expect(findBrowser({ PATH: "/a:/b" }, there(["/b/chromium"]), "linux")).toBe("/b/chromium");
    expect(
      findBrowser(
        {},
        there(["/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"]),
        "darwin"
      )
    ).toMatch(/Edge/);
    expect(
      findBrowser(
        { ProgramFiles: "C:\\Program Files" },
        there(["C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe"]),
        "win32"
      )
    ).toMatch(/msedge\.exe$/);
    expect(findBrowser({ PATH: "/a" }, there([]), "linux")).toBeNull();
  });
});
