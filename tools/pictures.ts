/**
 * Renders a picture of each sheet of a filled sample workbook, as LibreOffice Calc shows it
 * (xlsx -> PDF -> PNG), into docs/images/. Run with `npm run docs:pictures` (needs soffice and pdftoppm).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { loadPlan, packageRoot, packageVersion } from "../src/cli/io";
import { buildWorkbook } from "../src/domain/workbook/build";
import { writeXlsx } from "../src/xlsx/write";
import { fillSample } from "./sampleFill";

function slug(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

async function main(): Promise<void> {
  const plan = loadPlan(undefined);
  if (!plan.ok) throw new Error("embedded plan invalid");
  const model = buildWorkbook(plan.value, {
    generatorVersion: packageVersion(),
    generatedOn: "2023-06-15",
  });
  const filled = await fillSample(await writeXlsx(model), {
    seed: 7,
    density: 0.6,
    badShare: 0.08,
  });
  const work = mkdtempSync(join(tmpdir(), "ctg-pictures-"));
  const outDir = join(packageRoot(), "docs", "images");
  mkdirSync(outDir, { recursive: true });
  for (const sheet of model.sheets) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(filled as unknown as ArrayBuffer);
    let index = 0;
    wb.eachSheet((ws) => {
      if (ws.name === sheet.name) {
        index = wb.worksheets.indexOf(ws);
        // Wide sheets: a readable crop (the first page at a fixed scale) rather than the whole width shrunk.
        if (sheet.columns.length > 12) {
          ws.pageSetup.fitToPage = false;
          ws.pageSetup.scale = 55;
        }
      } else if (ws.state === "visible") ws.state = "hidden";
    });
    wb.views = [
      {
        x: 0,
        y: 0,
        width: 20000,
        height: 15000,
        firstSheet: index,
        activeTab: index,
        visibility: "visible",
      },
    ];
    // The pictures show the plan as of mid-2023, so that statuses of every kind appear.
    const params = wb.getWorksheet("Paramètres");
    if (params) params.getCell("B3").value = new Date(Date.UTC(2023, 5, 15));
    const file = join(work, `${slug(sheet.name)}.xlsx`);
    writeFileSync(file, Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${work}/profile`,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        work,
        file,
      ],
      {
        stdio: "ignore",
        timeout: 120_000,
      }
    );
    const pdf = file.replace(/\.xlsx$/, ".pdf");
    execFileSync("pdftoppm", [
      "-png",
      "-r",
      "70",
      "-f",
      "1",
      "-l",
      "1",
      pdf,
      join(work, slug(sheet.name)),
    ]);
    const png = readdirSync(work).find(
      (f) => f.startsWith(`${slug(sheet.name)}-`) && f.endsWith(".png")
    );
    if (png) renameSync(join(work, png), join(outDir, `${slug(sheet.name)}.png`));
    process.stdout.write(`docs/images/${slug(sheet.name)}.png\n`);
  }
  rmSync(work, { recursive: true, force: true });
}

void main();
