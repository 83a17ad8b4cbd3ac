import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve } from "node:path";
import ExcelJS from "exceljs";
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

test("a user generates the workbook, types a bad value, checks and goes to the problem", async () => {
  const page = await openPane();
  mkdirSync(IMAGES, { recursive: true });
  await page.getByText("4 axes, 50 actions").waitFor();
  await page.screenshot({ path: join(IMAGES, "taskpane-start.png"), fullPage: true });

  await page.getByRole("button", { name: "Générer le classeur" }).click();
  // The progress bar shows while the adapter writes (its last state is kept in the screenshot below).
  const outcome = page.getByText(
    /Classeur généré : \d+ onglets|L'opération a échoué|problème inattendu/
  );
  await outcome.waitFor({ timeout: 90_000 });
  expect(await outcome.innerText()).toMatch(/^Classeur généré/);
  await page.getByRole("button", { name: "Régénérer le classeur" }).waitFor();
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

  // The user types « douze » in 2022 (column S) on the first count row of Axe I.
  const cell = { row: firstCountRow(), column: 19 };
  await page.evaluate((row) => __fake.userEdit("Axe I", `S${row}`, [["douze"]]), cell.row);

  await page.getByRole("button", { name: "Vérifier les saisies" }).click();
  await page.getByText(/Saisies à corriger \(1\)/).waitFor();
  const problem = page.getByRole("button", {
    name: new RegExp(`S${cell.row} — 2022 : « douze »`),
  });
  await problem.waitFor();
  await page.screenshot({ path: join(IMAGES, "taskpane-check.png"), fullPage: true });
  await problem.click();
  await page.waitForFunction(() => __fake.state.selection !== null);
  const selected = await page.evaluate(() => {
    const sel = __fake.state.selection;
    return sel
      ? { sheet: __fake.state.sheets.find((s) => s.id === sel.sheetId)?.name, rect: sel.rect }
      : null;
  });
  expect(selected?.sheet).toBe("Axe I");
  expect(selected?.rect).toMatchObject({ r0: cell.row - 1, c0: cell.column - 1 });

  // Keyboard: the problem is a real button reachable by Tab.
  await problem.focus();
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("BUTTON");

  // The schedule table loads on demand.
  await page.getByRole("button", { name: "Charger l'échéancier" }).click();
  await page.getByRole("table", { name: "Planification des actions" }).waitFor();
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await page.getByText("Échéancier enregistré dans le classeur.").waitFor();
  await page.getByRole("heading", { name: "Échéancier" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(IMAGES, "taskpane-schedule.png") });

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

test("the coordinator prepares a partner's workbook, gets it back filled and imports it", async () => {
  const page = await openPane();
  await page.getByText("4 axes, 50 actions").waitFor();
  await page.getByRole("button", { name: "Générer le classeur" }).click();
  await page.getByRole("button", { name: "Régénérer le classeur" }).waitFor({ timeout: 90_000 });

  // Choose the CAF by searching, prepare its workbook and download it.
  await page.getByRole("searchbox", { name: "Rechercher un partenaire" }).fill("caf");
  await page.getByRole("checkbox", { name: /^CAF \(\d+ actions?\)$/ }).check();
  await page.getByRole("button", { name: "Préparer", exact: true }).click();
  const link = page.getByRole("link", { name: /Télécharger « classeur-.*-caf\.xlsx »/ });
  await link.waitFor({ timeout: 60_000 });
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const prepared = join(out, "caf.xlsx");
  await download.saveAs(prepared);

  // The partner fills it without the add-in (exceljs stands for Excel) and sends it back.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(prepared);
  const ws = wb.getWorksheet("Axe I");
  if (!ws) throw new Error("no Axe I in the partner's workbook");
  let row = 0;
  let id = "";
  ws.eachRow((r, n) => {
    if (row === 0 && n > 4 && r.getCell(9).value === "Nombre") {
      row = n;
      id = String(r.getCell(1).value);
    }
  });
  ws.getCell(row, 19).value = 42; // 2022
  const returned = join(out, "retour-caf.xlsx");
  await wb.xlsx.writeFile(returned);

  // Import: analyse, then import; the value lands on the master's row of that indicator.
  await page
    .getByLabel("Classeurs renvoyés par les partenaires (fichiers .xlsx)")
    .setInputFiles(returned);
  await page.getByRole("button", { name: "Analyser" }).click();
  await page.getByText("À importer").waitFor({ timeout: 60_000 });
  await page.getByText(/1 saisie à ajouter/).waitFor();
  await page.getByRole("heading", { name: "Importer des retours" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(IMAGES, "taskpane-partners.png") });
  await page.getByRole("button", { name: "Importer", exact: true }).click();
  await page.getByText(/Importation terminée : 1 saisie écrite/).waitFor({ timeout: 90_000 });
  const value = await page.evaluate(async (rowId) => {
    const excel = (window as unknown as { Excel: typeof Excel }).Excel;
    return excel.run(async (ctx) => {
      const used = ctx.workbook.worksheets.getItem("Axe I").getUsedRange().load("values");
      await ctx.sync();
      const line = used.values.find((l) => l[0] === rowId);
      return line ? line[18] : null;
    });
  }, id);
  expect(value).toBe(42);
  expect(await page.evaluate(() => __fake.state.sheets.map((s) => s.name))).toContain(
    "Journal des imports"
  );
  await page.close();
});
