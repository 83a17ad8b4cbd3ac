import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve } from "node:path";
import ExcelJS from "exceljs";
import mammoth from "mammoth";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { validatePlan } from "../../src/domain/plan/validate";
import { buildWorkbook } from "../../src/domain/workbook/build";
import embeddedPlan from "../../seeds/pays-segali-2021-2025.json";

/**
 * The task pane in a real browser (Debian Chromium, headless): built by webpack, served on localhost,
 * Office.js's CDN script stubbed and `Office` / `Excel` injected. A user generates the workbook, types
 * a bad value, runs the check and sees the problem; screenshots go to docs/images/taskpane-*.png.
 *
 * The page runs the real Office.js adapter (src/office/service) on Microsoft's own client library
 * (`@microsoft/office-js`, excel-web-16.00.js): the `Excel` global is Microsoft's, and its requests are
 * answered by the host emulator (src/fake-excel/host.ts) over an in-memory workbook, bundled by
 * tests/browser/webpack.browser.config.js.
 */

const CHROMIUM = "/usr/bin/chromium";
const ROOT = resolve(__dirname, "../..");
const IMAGES = join(ROOT, "docs", "images");

// Two webpack builds (about a minute on a loaded 2-core machine), Chromium, then each test drives
// the pane through a whole generation of the workbook.
jest.setTimeout(300_000);

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
};

function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(
      decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname)
    );
    const file = join(dir, path === "/" ? "taskpane.html" : path);
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

/**
 * Microsoft's Excel client library, as Excel on the web loads it (the debug build: the minified one
 * expects the rest of office.js to be loaded with it).
 */
const OFFICE_JS_CLIENT = join(
  dirname(require.resolve("@microsoft/office-js/package.json")),
  "dist",
  "excel-web-16.00.debug.js"
);

/** `Office` as the pane sees it in Excel (ExcelApi up to 1.14); `Excel` is Microsoft's client. */
const OFFICE_SCRIPT = `
  window.Office = {
    HostType: { Excel: "Excel" },
    context: {
      requirements: {
        isSetSupported: function (name, version) {
          var v = String(version || "1.1").split(".");
          return name === "ExcelApi" && (Number(v[0]) < 1 || (Number(v[0]) === 1 && Number(v[1] || 0) <= 14));
        },
      },
      officeTheme: { bodyBackgroundColor: "#FFFFFF" },
    },
    onReady: function (callback) {
      var info = { host: "Excel", platform: "PC" };
      setTimeout(function () { if (callback) callback(info); }, 0);
      return Promise.resolve(info);
    },
  };
`;

interface PageFake {
  userEdit(sheet: string, address: string, values: unknown[][]): Promise<void>;
  state: {
    selection: { sheetId: string; rect: { r0: number; c0: number; r1: number; c1: number } } | null;
    sheets: Array<{ id: string; name: string }>;
  };
}
declare const __fake: PageFake;

/** The first row of Axe I that expects a number (1-based), from the same model the adapter renders. */
function firstCountRow(): number {
  const validation = validatePlan(embeddedPlan);
  if (!validation.ok) throw new Error("embedded plan invalid");
  const model = buildWorkbook(validation.plan, {
    generatorVersion: "test",
    generatedOn: "2024-06-01",
  });
  const sheet = model.sheets.find((s) => s.name === "Axe I");
  const index = sheet?.cells.findIndex((row, i) => {
    const v = row[8]?.value;
    return i >= 4 && v?.kind === "text" && v.text === "Nombre";
  });
  if (index === undefined || index < 0) throw new Error("no count row in Axe I");
  return index + 1;
}

/** A webpack build (production: the task pane exactly as shipped; development: the fake, unminified). */
function webpackCli(
  config: string | null,
  output: string,
  mode: "production" | "development"
): Promise<void> {
  const args = ["--mode", mode, ...(config ? ["-c", config] : []), "--output-path", output];
  return new Promise((done, fail) =>
    execFile(
      process.execPath,
      [join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js"), ...args],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error ? fail(new Error(`webpack ${args.join(" ")} failed:\n${stdout}\n${stderr}`)) : done()
    )
  );
}

let out = "";
let fake = "";
let server: Server | null = null;
let context: BrowserContext | null = null;
let profile = "";

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium est introuvable (${CHROMIUM}) : installez le paquet Debian « chromium » (apt-get install chromium). Ce test ne télécharge jamais de navigateur.`
    );
  out = mkdtempSync(join(tmpdir(), "ctg-pane-"));
  // Both builds at once, each in its folder (the pane's build cleans its own): the task pane exactly
  // as shipped, and fake-excel.js (a test fixture: not minified, which takes three times as long).
  fake = mkdtempSync(join(tmpdir(), "ctg-fake-excel-"));
  await Promise.all([
    webpackCli(null, out, "production"),
    webpackCli(join(__dirname, "webpack.browser.config.js"), fake, "development"),
  ]);
  server = await serve(out);
  profile = mkdtempSync(join(tmpdir(), "ctg-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // A French Excel: date fields read jj/mm/aaaa.
    locale: "fr-FR",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

afterAll(async () => {
  await context?.close();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  for (const dir of [out, fake, profile]) if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openPane(): Promise<Page> {
  if (!context || !server) throw new Error("not started");
  const page = await context.newPage();
  await page.setViewportSize({ width: 380, height: 1100 });
  // The page's office.js is Microsoft's Excel client, then `Office` as Excel sets it up, then the
  // host emulator: one classic script, so that the client's globals are the page's.
  const officeJs = [
    readFileSync(OFFICE_JS_CLIENT, "utf8"),
    OFFICE_SCRIPT,
    readFileSync(join(fake, "fake-excel.js"), "utf8"),
  ].join("\n;\n");
  await page.route("https://appsforoffice.microsoft.com/**", (route) =>
    route.fulfill({ status: 200, contentType: "text/javascript", body: officeJs })
  );
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const { port } = server.address() as AddressInfo;
  await page.goto(`http://127.0.0.1:${port}/taskpane.html`);
  expect(errors).toEqual([]);
  return page;
}

const AXE = require.resolve("axe-core/axe.min.js");
type SectionName = "Classeur" | "Vérification" | "Échéancier" | "Partenaires" | "Bilan";
const SLUG: Record<SectionName, string> = {
  Classeur: "classeur",
  Vérification: "verification",
  Échéancier: "echeancier",
  Partenaires: "partenaires",
  Bilan: "bilan",
};
const WIDTHS = [320, 350, 500] as const;
const HEIGHT = 800;

/** What the audit and the layout measured (written next to the test's output for the record). */
const measured: {
  axe: Record<string, number>;
  layout: Array<{
    section: string;
    width: number;
    height: number;
    scrollWidth: number;
    clientWidth: number;
  }>;
  keyboard: Record<string, number>;
} = { axe: {}, layout: [], keyboard: {} };

/** axe-core's audit of the page as it is (WCAG 2.x A and AA and best practices): its violations. */
async function audit(page: Page, state: string): Promise<void> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe);
  if (loaded === "undefined") await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object
          ): Promise<{
            violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown[] }> }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
  });
  measured.axe[state] = violations.length;
  expect({ state, violations }).toEqual({ state, violations: [] });
}

async function showSection(page: Page, name: SectionName): Promise<void> {
  await page.getByRole("tab", { name }).click();
  await page
    .locator(`[role="tabpanel"]:not([hidden])[aria-labelledby="onglet-${sectionId(name)}"]`)
    .waitFor();
}

function sectionId(name: SectionName): string {
  return {
    Classeur: "workbook",
    Vérification: "check",
    Échéancier: "schedule",
    Partenaires: "partners",
    Bilan: "bilan",
  }[name];
}

/**
 * Screenshots of a section at 320, 350 and 500 px (docs/images/taskpane-<section>-<width>.png), its
 * height measured, and nothing wider than the pane (no sideways scrolling).
 */
async function pictures(page: Page, name: SectionName): Promise<void> {
  await showSection(page, name);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: HEIGHT });
    await page.evaluate(() => window.scrollTo(0, 0));
    const size = await page.evaluate(() => ({
      height: document.documentElement.scrollHeight,
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    measured.layout.push({ section: name, width, ...size });
    // What sticks out, if anything (named in the failure).
    const wide = await page.evaluate(() => {
      const limit = document.documentElement.clientWidth + 0.5;
      // Content clipped by an ancestor that itself fits is not seen: only what shows counts.
      const clipped = (el: Element): boolean => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
          if (
            getComputedStyle(p).overflowX !== "visible" &&
            p.getBoundingClientRect().right <= limit
          )
            return true;
        return false;
      };
      return [...document.querySelectorAll<HTMLElement>("body *")]
        .filter((el) => el.getBoundingClientRect().right > limit && !clipped(el))
        .slice(-4)
        .map((el) => `${el.tagName}#${el.id}.${String(el.className)}`.slice(0, 80));
    });
    expect({ name, width, fits: size.scrollWidth <= size.clientWidth, wide }).toEqual({
      name,
      width,
      fits: true,
      wide: [],
    });
    await page.screenshot({
      path: join(IMAGES, `taskpane-${SLUG[name]}-${width}.png`),
      fullPage: true,
    });
  }
  await page.setViewportSize({ width: 350, height: HEIGHT });
}

/** What has the keyboard focus: its role or tag, its accessible text, and whether it is inside `within`. */
async function focused(
  page: Page,
  within?: string
): Promise<{ tag: string; role: string; text: string; inside: boolean }> {
  return page.evaluate((selector) => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName ?? "",
      role: el?.getAttribute("role") ?? "",
      text: (el?.getAttribute("aria-label") ?? el?.innerText ?? "").trim(),
      inside: selector ? Boolean(el?.closest(selector)) : false,
    };
  }, within ?? null);
}

/** Presses Tab (or Shift+Tab) until the focus is where `wanted` says; returns how many presses. */
async function tabTo(
  page: Page,
  wanted: (f: { tag: string; role: string; text: string }) => boolean,
  options: { back?: boolean; max?: number } = {}
): Promise<number> {
  const max = options.max ?? 60;
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press(options.back ? "Shift+Tab" : "Tab");
    if (wanted(await focused(page))) return n;
  }
  throw new Error(
    `focus not reached in ${max} presses (now: ${JSON.stringify(await focused(page))})`
  );
}

afterAll(() => {
  // The record of the audit and the layout, for the report (docs/taskpane.md quotes it).
  writeFileSync(join(tmpdir(), "ctg-pane-measured.json"), JSON.stringify(measured, null, 2));
});

test("keyboard only: generate, check, go to the problem, plan an action; axe-core finds nothing", async () => {
  const page = await openPane();
  await page.setViewportSize({ width: 350, height: HEIGHT });
  mkdirSync(IMAGES, { recursive: true });
  await page.getByText("4 axes, 50 actions").waitFor();
  await page.screenshot({ path: join(IMAGES, "taskpane-start.png"), fullPage: true });
  await audit(page, "start");
  // Before generation: what needs a CTG workbook is off, with the reason.
  await showSection(page, "Vérification");
  expect(
    await page.getByRole("button", { name: "Vérifier les saisies" }).getAttribute("aria-disabled")
  ).toBe("true");
  await page
    .getByRole("tabpanel", { name: "Vérification" })
    .getByText(/ne contient pas encore de classeur CTG/)
    .waitFor();
  await audit(page, "start-check");
  await showSection(page, "Classeur");
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  // Tab to « Générer le classeur » (the primary button before generation), Enter.
  measured.keyboard.toGenerate = await tabTo(page, (f) => f.text === "Générer le classeur");
  await page.keyboard.press("Enter");
  const outcome = page.getByText(
    /Classeur généré : \d+ onglets|L'opération a échoué|problème inattendu/
  );
  await outcome.waitFor({ timeout: 120_000 });
  expect(await outcome.innerText()).toMatch(/^Classeur généré/);
  await page.getByRole("button", { name: "Régénérer le classeur" }).waitFor();
  // The focus went to the result.
  await page.waitForFunction(() => Boolean(document.activeElement?.closest("#resultat-classeur")));
  // Generated through Microsoft's client: its request contexts, answered by the emulator.
  expect(
    await page.evaluate(() => {
      const w = window as unknown as {
        OfficeExtension?: { ClientRequestContext?: unknown };
        __fake: { stats: { syncs: number } };
      };
      return {
        client: typeof w.OfficeExtension?.ClientRequestContext,
        requests: w.__fake.stats.syncs > 0,
      };
    })
  ).toEqual({ client: "function", requests: true });
  await page.screenshot({ path: join(IMAGES, "taskpane-generate.png"), fullPage: true });
  await audit(page, "generated");
  await pictures(page, "Classeur");

  // The user types « douze » in 2022 (column S) on the first count row of Axe I.
  const cell = { row: firstCountRow(), column: 19 };
  await page.evaluate((row) => __fake.userEdit("Axe I", `S${row}`, [["douze"]]), cell.row);

  // After generation « Vérifier les saisies » is the primary button: back to it, Enter.
  await showSection(page, "Classeur");
  await page.getByRole("button", { name: "Régénérer le classeur" }).focus();
  measured.keyboard.toCheck = await tabTo(page, (f) => f.text === "Vérifier les saisies", {
    back: true,
  });
  await page.keyboard.press("Enter");
  await page.getByText(/Saisies à corriger \(1\)/).waitFor();
  const problemName = new RegExp(`S${cell.row} — 2022 : « douze »`);
  // The focus is on the first problem: Enter selects its cell.
  await page.waitForFunction(
    (text) => (document.activeElement as HTMLElement | null)?.innerText.includes(text) ?? false,
    `S${cell.row} — 2022`
  );
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => __fake.state.selection !== null);
  const selected = await page.evaluate(() => {
    const sel = __fake.state.selection;
    return sel
      ? { sheet: __fake.state.sheets.find((s) => s.id === sel.sheetId)?.name, rect: sel.rect }
      : null;
  });
  expect(selected?.sheet).toBe("Axe I");
  expect(selected?.rect).toMatchObject({ r0: cell.row - 1, c0: cell.column - 1 });
  await page.getByText(`Cellule S${cell.row} de l'onglet Axe I sélectionnée.`).waitFor();
  await page.getByRole("button", { name: problemName }).waitFor();
  await page.screenshot({ path: join(IMAGES, "taskpane-check.png"), fullPage: true });
  await audit(page, "check");

  // To the sections (Shift+Tab), the arrow keys to « Échéancier », Enter.
  measured.keyboard.toTabs = await tabTo(page, (f) => f.role === "tab", { back: true });
  for (let n = 0; n < 5 && (await focused(page)).text !== "Échéancier"; n++)
    await page.keyboard.press("ArrowRight");
  expect((await focused(page)).text).toBe("Échéancier");
  await page.keyboard.press("Enter");
  measured.keyboard.toLoadSchedule = await tabTo(page, (f) => f.text === "Charger l'échéancier");
  await page.keyboard.press("Enter");
  // The focus goes to the list of actions: the arrow key picks the next one.
  await page.waitForFunction(() => document.activeElement?.tagName === "SELECT");
  await page.keyboard.press("ArrowDown");
  const chosen = await page.evaluate(() => (document.activeElement as HTMLSelectElement).value);
  measured.keyboard.toProgress = await tabTo(
    page,
    (f) => f.text.startsWith("Avancement en pourcentage"),
    { max: 12 }
  );
  await page.keyboard.type("50");
  measured.keyboard.toSave = await tabTo(page, (f) => f.text === "Enregistrer", { max: 5 });
  await page.keyboard.press("Enter");
  await page.getByText("Échéancier enregistré dans le classeur.").waitFor();
  await page.waitForFunction(() =>
    Boolean(document.activeElement?.closest("#resultat-echeancier"))
  );
  const progress = await page.evaluate(async (ref) => {
    const excel = (window as unknown as { Excel: typeof Excel }).Excel;
    return excel.run(async (ctx) => {
      const used = ctx.workbook.worksheets.getItem("Échéancier").getUsedRange().load("values");
      await ctx.sync();
      return used.values.find((l) => l[0] === ref) ?? null;
    });
  }, chosen);
  expect(progress).not.toBeNull();
  expect(progress?.some((v) => v === 50 || v === 0.5)).toBe(true);
  await page.screenshot({ path: join(IMAGES, "taskpane-schedule.png"), fullPage: true });
  await audit(page, "schedule");
  await pictures(page, "Vérification");
  await pictures(page, "Échéancier");
  // The bilan: freeze the year offered, then make the Word document and download it.
  await showSection(page, "Bilan");
  await audit(page, "bilan");
  const freeze = page.getByRole("button", { name: /^Figer le bilan \d{4}$/ });
  const year = Number((await freeze.innerText()).slice(-4));
  await freeze.click();
  await page
    .getByText(new RegExp(`Bilan ${year} figé le .* onglet « Bilan ${year} », protégé`))
    .waitFor({ timeout: 120_000 });
  await page.waitForFunction(() => Boolean(document.activeElement?.closest("#resultat-figer")));
  const frozenSheet = await page.evaluate(async (name) => {
    const excel = (window as unknown as { Excel: typeof Excel }).Excel;
    return excel.run(async (ctx) => {
      const protection = ctx.workbook.worksheets.getItem(name).protection.load("protected");
      await ctx.sync();
      return protection.protected;
    });
  }, `Bilan ${year}`);
  expect(frozenSheet).toBe(true);
  await page.getByRole("button", { name: "Bilan Word (.docx)" }).click();
  const bilanLink = page.getByRole("link", { name: /Télécharger « bilan-.*\.docx »/ });
  await bilanLink.waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => Boolean(document.activeElement?.closest("#resultat-document")));
  const [bilanDownload] = await Promise.all([page.waitForEvent("download"), bilanLink.click()]);
  const bilanFile = join(out, "bilan.docx");
  await bilanDownload.saveAs(bilanFile);
  const bilanText = (await mammoth.extractRawText({ path: bilanFile })).value;
  expect(bilanText).toContain(`Bilan ${year}`);
  await pictures(page, "Bilan");
  await audit(page, "bilan-made");

  const text = await page.evaluate(() => document.body.innerText);
  for (const word of [
    "Generate",
    "Check",
    "Error",
    "Loading",
    "Cancel",
    "Save",
    "undefined",
    "NaN",
  ])
    expect(text).not.toContain(word);
  await page.close();
});

test("the coordinator prepares a partner's workbook, gets it back filled and chooses for the conflict", async () => {
  const page = await openPane();
  await page.setViewportSize({ width: 350, height: HEIGHT });
  await page.getByText("4 axes, 50 actions").waitFor();
  await page.getByRole("button", { name: "Générer le classeur" }).click();
  await page.getByRole("button", { name: "Régénérer le classeur" }).waitFor({ timeout: 120_000 });

  // Choose the CAF by searching, prepare its workbook and download it.
  await showSection(page, "Partenaires");
  await page.getByRole("searchbox", { name: "Rechercher un partenaire" }).fill("caf");
  await page
    .getByRole("checkbox", { name: /^CAF \(\d+ actions?\)$/i })
    .first()
    .check();
  await page.getByRole("button", { name: "Préparer", exact: true }).click();
  const link = page.getByRole("link", { name: /Télécharger « classeur-.*-caf\.xlsx »/ });
  await link.waitFor({ timeout: 60_000 });
  await page.waitForFunction(() =>
    Boolean(document.activeElement?.closest("#resultat-preparation"))
  );
  await audit(page, "partners");
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const prepared = join(out, "caf.xlsx");
  await download.saveAs(prepared);

  // The partner fills it without the add-in (exceljs stands for Excel) and sends it back.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(prepared);
  const ws = wb.getWorksheet("Axe I");
  if (!ws) throw new Error("no Axe I in the partner's workbook");
  const ids: string[] = [];
  const rows: number[] = [];
  ws.eachRow((r, n) => {
    if (n > 4 && r.getCell(9).value === "Nombre") {
      rows.push(n);
      ids.push(String(r.getCell(1).value));
    }
  });
  const [row, other] = rows;
  const [id, otherId] = ids;
  if (!row || !other || !id || !otherId) throw new Error("two count rows expected in Axe I");
  ws.getCell(row, 19).value = 42; // 2022: new
  ws.getCell(other, 19).value = 1200; // 2022: the master types another value meanwhile
  const returned = join(out, "retour-caf.xlsx");
  await wb.xlsx.writeFile(returned);
  // Meanwhile the coordinator types 1 000 on the second row: a conflict.
  const masterRow = await page.evaluate(async (rowId) => {
    const excel = (window as unknown as { Excel: typeof Excel }).Excel;
    return excel.run(async (ctx) => {
      const used = ctx.workbook.worksheets.getItem("Axe I").getUsedRange().load("values");
      await ctx.sync();
      return used.values.findIndex((l) => l[0] === rowId) + 1;
    });
  }, otherId);
  expect(masterRow).toBeGreaterThan(0);
  await page.evaluate((r) => __fake.userEdit("Axe I", `S${r}`, [[1000]]), masterRow);

  // Import: choose the file, analyse; the conflict is a card with both values and a choice.
  await page
    .getByLabel("Classeurs renvoyés par les partenaires (fichiers .xlsx)")
    .setInputFiles(returned);
  await page.getByRole("button", { name: "Analyser" }).click();
  await page.getByText("À importer").waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => Boolean(document.activeElement?.closest("#resultat-analyse")));
  await page.getByText(/1 saisie à ajouter/).waitFor();
  const card = page.getByRole("listitem", {
    name: new RegExp(`${otherId.replace(/\./g, "\\.")} — 2022`),
  });
  await card.waitFor();
  expect(await card.innerText()).toMatch(/Valeur du classeur\s+1\u202f000/);
  expect(await card.innerText()).toMatch(/Valeur renvoyée\s+1\u202f200/);
  await page.getByText(/1 conflit : 1 valeur gardée, 0 valeur prise/).waitFor();
  await card.getByRole("radio", { name: "Prendre la valeur renvoyée" }).check();
  await page.getByText(/1 conflit : 0 valeur gardée, 1 valeur prise/).waitFor();
  await page.getByRole("heading", { name: "Importer des retours" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(IMAGES, "taskpane-partners.png") });
  await audit(page, "conflicts");
  await pictures(page, "Partenaires");
  await page.getByRole("button", { name: "Importer", exact: true }).click();
  await page.getByText(/Importation terminée : 2 saisies écrites/).waitFor({ timeout: 90_000 });
  await page.waitForFunction(() => Boolean(document.activeElement?.closest("#resultat-import")));
  const values = await page.evaluate(
    async ([a, b]) => {
      const excel = (window as unknown as { Excel: typeof Excel }).Excel;
      return excel.run(async (ctx) => {
        const used = ctx.workbook.worksheets.getItem("Axe I").getUsedRange().load("values");
        await ctx.sync();
        return [a, b].map((rowId) => used.values.find((l) => l[0] === rowId)?.[18] ?? null);
      });
    },
    [id, otherId]
  );
  expect(values).toEqual([42, 1200]);
  expect(await page.evaluate(() => __fake.state.sheets.map((s) => s.name))).toContain(
    "Journal des imports"
  );
  await audit(page, "imported");
  await page.close();
});

/** The page's background as `[r, g, b]` (the pane takes the theme's background, no white frame). */
async function background(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const seen = [document.body, document.documentElement].map(
      (el) => getComputedStyle(el).backgroundColor
    );
    const colour = seen.find((c) => c !== "rgba(0, 0, 0, 0)" && c !== "transparent") ?? "";
    return (colour.match(/\d+/g) ?? []).slice(0, 3).map(Number);
  });
}

/** Office's theme as Excel sets it (`Office.context.officeTheme.bodyBackgroundColor`). */
async function setOfficeTheme(page: Page, bodyBackgroundColor: string): Promise<void> {
  await page.evaluate((colour) => {
    (
      window as unknown as { Office: { context: { officeTheme: { bodyBackgroundColor: string } } } }
    ).Office.context.officeTheme.bodyBackgroundColor = colour;
  }, bodyBackgroundColor);
}

/**
 * Waits until the pane has taken a theme: the page background it set (read from the style it set:
 * under forced colours the browser paints its own system colours), within the pane's 2 s poll.
 */
async function waitForLook(page: Page, look: "light" | "dark" | "contrast"): Promise<void> {
  await page.waitForFunction(
    (wanted) => {
      const c = document.body.style.backgroundColor.match(/\d+/g)?.map(Number) ?? [];
      if (c.length < 3) return false;
      if (wanted === "light") return Math.min(...c) > 200;
      if (wanted === "dark") return Math.max(...c) < 80 && Math.max(...c) > 0;
      return c.every((v) => v === 0);
    },
    look,
    { timeout: 30_000 }
  );
}

test("follows Office's dark theme while open, and the system's high contrast; axe-core finds nothing", async () => {
  const page = await openPane();
  await page.setViewportSize({ width: 350, height: HEIGHT });
  await page.getByText("4 axes, 50 actions").waitFor();
  expect(Math.min(...(await background(page)))).toBeGreaterThan(200);

  // Office switches to its dark theme while the pane is open: the pane follows (read again every 2 s).
  await setOfficeTheme(page, "#1F1F1F");
  await waitForLook(page, "dark");
  expect(Math.max(...(await background(page)))).toBeLessThan(80);
  // Every section in the dark theme, colour contrast included.
  for (const name of ["Classeur", "Vérification", "Partenaires", "Bilan"] as const) {
    await showSection(page, name);
    await audit(page, `dark-${SLUG[name]}`);
  }
  await showSection(page, "Classeur");
  await page.screenshot({ path: join(IMAGES, "taskpane-dark.png"), fullPage: true });

  // Windows high contrast (forced colours): the pane takes Fluent's high-contrast theme.
  await page.emulateMedia({ forcedColors: "active" });
  await waitForLook(page, "contrast");
  await audit(page, "contrast");
  await page.screenshot({ path: join(IMAGES, "taskpane-contrast.png"), fullPage: true });

  // Back to light: high contrast off, Office's light theme.
  await page.emulateMedia({ forcedColors: "none" });
  await setOfficeTheme(page, "#FFFFFF");
  await waitForLook(page, "light");
  await page.close();
});
