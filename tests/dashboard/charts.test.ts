import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { SaxesParser } from "saxes";
import { runAsync, type Io } from "../../src/cli/main";
import { openStored } from "../../src/app/workbooks";
import { buildWorkbook } from "../../src/domain/workbook/build";
import { DASHBOARD_SHEET } from "../../src/domain/workbook/dashboardSheet";
import { unzipFiles, zipFileNames } from "../../src/xlsx/unzip";
import { parseRange } from "../../src/xlsx/charts";
import { readXlsx } from "../../src/xlsx/read";
import { writeXlsx } from "../../src/xlsx/write";
import { fillSample } from "../../tools/sampleFill";
import { seedPlan } from "../partners/helpers";
import { recalculateWithLibreOffice, requireSoffice, tempDir } from "../support/libreoffice";

/**
 * The native charts of the Tableau de bord in the file `ctg build` writes: at least 5, well-formed,
 * drawn from cells that exist on the dashboard, visible in LibreOffice's PDF of the file; written by
 * the exceljs path too (a user's sheet carried over); and a workbook made before the dashboard,
 * refreshed, gets it with every entry kept.
 */

jest.setTimeout(600_000);

const dir = tempDir("ctg-charts-");
const at = (name: string) => join(dir, name);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function ctg(...argv: string[]): Promise<{ status: number; out: string }> {
  const out: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => out.push(l) };
  const status = await runAsync(argv, io);
  return { status, out: out.join("\n") };
}

const decoder = new TextDecoder();

/** The parts of a file, as text. */
async function parts(file: string): Promise<Map<string, string>> {
  const bytes = new Uint8Array(readFileSync(file));
  const files = await unzipFiles(bytes, new Set(zipFileNames(bytes)));
  return new Map([...files].map(([n, b]) => [n, decoder.decode(b)]));
}

function wellFormed(xml: string): void {
  const parser = new SaxesParser({ xmlns: true });
  parser.on("error", (e) => {
    throw e;
  });
  parser.write(xml).close();
}

/** The charts of a file: titles, and every check of their parts against the dashboard. */
async function checkedCharts(file: string): Promise<string[]> {
  const p = await parts(file);
  const types = p.get("[Content_Types].xml")!;
  const workbook = p.get("xl/workbook.xml")!;
  const wbRels = p.get("xl/_rels/workbook.xml.rels")!;
  // The dashboard's sheet part, through the workbook's relationships.
  const rId = new RegExp(`<sheet [^>]*name="${DASHBOARD_SHEET}"[^>]*r:id="([^"]+)"`).exec(
    workbook
  )![1];
  const target = new RegExp(
    `Id="${rId}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rId}"`
  ).exec(wbRels)!;
  const sheetPath = `xl/${(target[1] ?? target[2])!.replace(/^\/?xl\//, "")}`;
  const sheetXml = p.get(sheetPath)!;
  const drawingRid = /<drawing r:id="([^"]+)"\/>/.exec(sheetXml)![1];
  const sheetRels = p.get(sheetPath.replace("worksheets/", "worksheets/_rels/") + ".rels")!;
  const drawingTarget = new RegExp(`Id="${drawingRid}"[^>]*Target="\\.\\./drawings/([^"]+)"`).exec(
    sheetRels
  )![1];
  const drawing = p.get(`xl/drawings/${drawingTarget}`)!;
  const drawingRels = p.get(`xl/drawings/_rels/${drawingTarget}.rels`)!;
  wellFormed(drawing);
  wellFormed(drawingRels);
  expect(types).toContain(`/xl/drawings/${drawingTarget}`);
  // The dashboard's cells, as a reader sees them.
  const read = await readXlsx(readFileSync(file));
  if (!read.ok) throw new Error("unreadable");
  const sheet = read.workbook.sheets.get(DASHBOARD_SHEET)!;
  const filled = (r: number, c: number) =>
    sheet.formulas.has(`${r},${c}`) || (sheet.rows[r]?.[c] ?? null) !== null;
  const titles: string[] = [];
  for (const m of drawing.matchAll(/<c:chart [^>]*r:id="([^"]+)"/g)) {
    const chartPath = new RegExp(`Id="${m[1]}"[^>]*Target="\\.\\./charts/([^"]+)"`).exec(
      drawingRels
    )![1];
    const chart = p.get(`xl/charts/${chartPath}`)!;
    wellFormed(chart);
    expect(types).toContain(`/xl/charts/${chartPath}`);
    titles.push(/<a:t>([^<]*)<\/a:t>/.exec(chart)![1]!.replace(/&apos;|&#39;/g, "'"));
    const refs = [...chart.matchAll(/<c:f>([^<]*)<\/c:f>/g)].map((f) => f[1]!);
    expect(refs.length).toBeGreaterThan(3);
    for (const ref of refs) {
      const parsed = /^'Tableau de bord'!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?$/.exec(ref);
      expect(parsed).not.toBeNull();
      const { top, left, bottom, right } = parseRange(
        `${parsed![1]}${parsed![2]}:${parsed![3] ?? parsed![1]}${parsed![4] ?? parsed![2]}`
      );
      // Every cell referred to exists and holds something (a label or a computed figure).
      for (let r = top; r <= bottom; r++)
        for (let c = left; c <= right; c++)
          expect([ref, r, c, filled(r, c)]).toEqual([ref, r, c, true]);
    }
  }
  return titles;
}

describe("the dashboard's native charts", () => {
  let titles: string[] = [];

  it("ctg build writes at least 5, well-formed, drawn from the dashboard's cells", async () => {
    const started = Date.now();
    expect((await ctg("build", "--out", at("ctg.xlsx"))).status).toBe(0);
    console.log(`ctg build: ${Date.now() - started} ms`);
    titles = await checkedCharts(at("ctg.xlsx"));
    expect(titles.length).toBeGreaterThanOrEqual(5);
    expect(titles).toEqual(
      expect.arrayContaining([
        "Statut global des cibles par axe",
        "Taux de saisie par année",
        ...["I", "II", "III", "IV"].map((a) => `Axe ${a} – statuts des cibles par année`),
      ])
    );
  });

  it("are drawn when LibreOffice prints the file to PDF", async () => {
    requireSoffice();
    expect(titles.length).toBeGreaterThanOrEqual(5);
    const pdf = await recalculateWithLibreOffice(at("ctg.xlsx"), {
      format: "pdf",
      outDir: at("pdf"),
    });
    const text = spawnSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    expect(text.status).toBe(0);
    const flat = text.stdout.replace(/\s+/g, " ");
    for (const title of titles) expect([title, flat.includes(title)]).toEqual([title, true]);
  });

  it("come out of the exceljs path too (a user's sheet carried over by ctg refresh)", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(at("ctg.xlsx")); // exceljs reads a file with charts
    wb.addWorksheet("Mes notes").getCell("A1").value = "Réunion du 12 mars";
    await wb.xlsx.writeFile(at("annote.xlsx"));
    const result = await ctg("refresh", at("annote.xlsx"), "--out", at("annote-2.xlsx"));
    expect(result.status).toBe(0);
    expect(result.out).toMatch(/Mes notes/);
    expect(await checkedCharts(at("annote-2.xlsx"))).toEqual(titles);
  });

  it("a workbook made before the dashboard gets it from ctg refresh, every entry kept", async () => {
    const on = { generatorVersion: "0.0.1", generatedOn: "2026-12-05" };
    const full = buildWorkbook(seedPlan, on);
    const old = { ...full, sheets: full.sheets.filter((s) => s.name !== DASHBOARD_SHEET) };
    const filled = await fillSample(await writeXlsx(old), { seed: 5, density: 0.5, badShare: 0.1 });
    writeFileSync(at("hier.xlsx"), filled);
    const result = await ctg("refresh", at("hier.xlsx"), "--out", at("aujourdhui.xlsx"));
    expect(result.status).toBe(0);
    const entries = async (file: string) => {
      const read = await readXlsx(readFileSync(file));
      if (!read.ok) throw new Error("unreadable");
      const opened = openStored(read.workbook, null, { generatorVersion: "t", on: "2026-12-06" });
      if (!opened.ok) throw new Error("not opened");
      return { sheets: [...read.workbook.sheets.keys()], state: opened.value.state };
    };
    const before = await entries(at("hier.xlsx"));
    const after = await entries(at("aujourdhui.xlsx"));
    expect(before.sheets).not.toContain(DASHBOARD_SHEET);
    expect(after.sheets[1]).toBe(DASHBOARD_SHEET);
    expect(before.state.entries.length).toBeGreaterThan(100);
    expect(after.state.entries).toEqual(before.state.entries);
    expect(after.state.archives).toEqual([]);
    expect(await checkedCharts(at("aujourdhui.xlsx"))).toEqual(titles);
  });
});
