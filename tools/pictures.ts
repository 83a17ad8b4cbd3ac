/**
 * Renders a picture of each sheet of a filled sample workbook, as LibreOffice Calc shows it
 * (xlsx -> PDF -> PNG), into docs/images/; and, for docs/partners.md, a partner's workbook (its
 * Sommaire and an axis sheet, filled a little) and a master after merging returns and a plan update
 * (its Journal des imports and Archives sheets). Run with `npm run docs:pictures` (needs soffice and
 * pdftoppm). Names given after `--` render only those pictures:
 * `npm run docs:pictures -- journal-des-imports archives`.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { loadPlan, packageRoot, packageVersion } from "../src/cli/io";
import { mergeReturns, type ReturnInput } from "../src/domain/merge/merge";
import { examplePlan } from "../src/domain/planbook/example";
import { buildPlanWorkbook } from "../src/domain/planbook/export";
import { SHEETS as PLAN_SHEETS } from "../src/domain/planbook/layout";
import type { Plan } from "../src/domain/plan/schema";
import { AXIS_HEADER_ROW } from "../src/domain/workbook/axisSheet";
import { buildWorkbook } from "../src/domain/workbook/build";
import { placeEntries, type Entry } from "../src/domain/workbook/entries";
import { ARCHIVES_SHEET, JOURNAL_SHEET } from "../src/domain/workbook/logSheets";
import type { SheetModel, WorkbookModel } from "../src/domain/workbook/model";
import { readState, rebuildWorkbook } from "../src/domain/workbook/update";
import { readXlsx, type ReadWorkbook } from "../src/xlsx/read";
import { writeXlsx } from "../src/xlsx/write";
import { fillSample, sampleEntries } from "./sampleFill";

function slug(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** The pictures to render (all when empty). */
const only = process.argv.slice(2);

/** The pictures show the plan as of mid-2023, so that statuses of every kind appear. */
const PICTURE_DATE = "2023-06-15";

/**
 * Renders the first printed page of one sheet of `data` into docs/images/`name`.png: the other
 * sheets are hidden, wide sheets get a readable crop at a fixed scale rather than the whole width
 * shrunk.
 */
async function renderSheet(
  data: Buffer,
  sheet: SheetModel,
  name: string,
  work: string,
  outDir: string,
  look: {
    readonly dpi?: number;
    readonly trim?: boolean;
    /** Print scale of a wide sheet (55 by default); `fit` keeps the sheet's own fit to the page width. */
    readonly scale?: number | "fit";
    /** Columns hidden for the picture, by their header in `headerRow` (0-based). */
    readonly hide?: { readonly headerRow: number; readonly headers: readonly string[] };
  } = {}
): Promise<void> {
  if (only.length > 0 && !only.includes(name)) return;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  let index = 0;
  wb.eachSheet((ws) => {
    if (ws.name === sheet.name) {
      index = wb.worksheets.indexOf(ws);
      if (sheet.columns.length > 12 && look.scale !== "fit") {
        ws.pageSetup.fitToPage = false;
        ws.pageSetup.scale = look.scale ?? 55;
      }
      if (look.hide) {
        const { headerRow, headers } = look.hide;
        ws.getRow(headerRow + 1).eachCell((cell, c) => {
          if (headers.includes(String(cell.value))) ws.getColumn(c).hidden = true;
        });
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
  const params = wb.getWorksheet("Paramètres");
  if (params) params.getCell("B3").value = new Date(`${PICTURE_DATE}T00:00:00Z`);
  const file = join(work, `${name}.xlsx`);
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
  const dpi = look.dpi ?? 70;
  const crop = look.trim ? contentBox(pdf, dpi) : [];
  execFileSync("pdftoppm", [
    "-png",
    "-r",
    String(dpi),
    "-f",
    "1",
    "-l",
    "1",
    ...crop,
    pdf,
    join(work, name),
  ]);
  const png = readdirSync(work).find((f) => f.startsWith(`${name}-`) && f.endsWith(".png"));
  if (png) renameSync(join(work, png), join(outDir, `${name}.png`));
  process.stdout.write(`docs/images/${name}.png\n`);
}

/**
 * The crop (`-x -y -W -H` of pdftoppm, in pixels at `dpi`) around the text of the PDF's first page,
 * from the words' boxes pdftotext gives, with a margin: a short table without the blank rest of the
 * page.
 */
function contentBox(pdf: string, dpi: number): string[] {
  const html = execFileSync("pdftotext", ["-bbox", "-f", "1", "-l", "1", pdf, "-"], {
    encoding: "utf8",
  });
  let [x0, y0, x1, y1] = [Infinity, Infinity, 0, 0];
  for (const m of html.matchAll(
    /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"/g
  )) {
    x0 = Math.min(x0, Number(m[1]));
    y0 = Math.min(y0, Number(m[2]));
    x1 = Math.max(x1, Number(m[3]));
    y1 = Math.max(y1, Number(m[4]));
  }
  if (x1 === 0) return [];
  const px = (pt: number) => String(Math.round((pt * dpi) / 72));
  const margin = 12;
  const left = Math.max(0, x0 - margin);
  const top = Math.max(0, y0 - margin);
  return ["-x", px(left), "-y", px(top), "-W", px(x1 + margin - left), "-H", px(y1 + margin - top)];
}

function sheetOf(model: WorkbookModel, name: string): SheetModel {
  const sheet = model.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`pictures: no sheet ${name}`);
  return sheet;
}

const options = () => ({ generatorVersion: packageVersion(), generatedOn: PICTURE_DATE });

async function read(data: Buffer): Promise<ReadWorkbook> {
  const result = await readXlsx(data);
  if (!result.ok) throw new Error("pictures: a workbook just written cannot be read");
  return result.workbook;
}

/** Entries of a few rows (by indicator id prefix) and years: a return « filled a little ». */
function someEntries(
  plan: Plan,
  partner: string,
  seed: number,
  prefixes: readonly string[],
  columns: readonly string[]
): Entry[] {
  const model = buildWorkbook(plan, { ...options(), partner });
  return sampleEntries(model, { seed, density: 1, badShare: 0.15, divergence: 0.5 }).filter(
    (e) => prefixes.some((p) => e.key.startsWith(p)) && columns.includes(e.column)
  );
}

async function partnerReturn(plan: Plan, partner: string, entries: readonly Entry[]) {
  const placed = placeEntries(buildWorkbook(plan, { ...options(), partner }), entries);
  return writeXlsx(placed.model);
}

/**
 * A master after the import of three returns (two merged with a conflict, one refused because a
 * sheet was renamed) and the move to a plan version without one indicator and with another
 * reworded: its Journal des imports and Archives sheets.
 */
async function mergedMaster(plan: Plan): Promise<{ model: WorkbookModel; data: Buffer }> {
  const master = await read(await writeXlsx(buildWorkbook(plan, options())));
  const caf = someEntries(plan, "CAF", 11, ["I.A.1-", "I.B.2-"], ["2021", "2022"]);
  const csc = someEntries(plan, "CSC", 12, ["I.B.2-"], ["2021", "2022", "Commentaire"]);
  const communes = await partnerReturn(plan, "Communes", []);
  const altered = new ExcelJS.Workbook();
  await altered.xlsx.load(communes as unknown as ArrayBuffer);
  const axis = altered.getWorksheet("Axe I");
  if (axis) axis.name = "Axe 1";
  const inputs: ReturnInput[] = [
    {
      file: "classeur-pays-segali-caf.xlsx",
      workbook: await read(await partnerReturn(plan, "CAF", caf)),
    },
    {
      file: "classeur-pays-segali-csc.xlsx",
      workbook: await read(await partnerReturn(plan, "CSC", csc)),
    },
    {
      file: "classeur-pays-segali-communes.xlsx",
      workbook: await read(Buffer.from((await altered.xlsx.writeBuffer()) as ArrayBuffer)),
    },
  ];
  const merged = mergeReturns(
    plan,
    { planId: master.meta.planId, planVersion: master.meta.planVersion, entries: [] },
    inputs,
    { at: `${PICTURE_DATE}T10:30`, prefer: "master", generatorVersion: packageVersion() }
  );
  const afterMerge = rebuildWorkbook(
    plan,
    options(),
    { entries: merged.entries, archives: [], journal: merged.journal },
    { previousVersion: plan.version, on: PICTURE_DATE }
  );
  // A new version of the plan: I.A.1-REA-2 removed, I.A.1-RES-1 reworded.
  const next: Plan = {
    ...plan,
    version: "1.1.0",
    axes: plan.axes.map((a) => ({
      ...a,
      objectives: a.objectives.map((o) => ({
        ...o,
        actions: o.actions.map((x) =>
          x.ref !== "I.A.1"
            ? x
            : {
                ...x,
                indicators: x.indicators
                  .filter((i) => i.id !== "I.A.1-REA-2")
                  .map((i) =>
                    i.id === "I.A.1-RES-1"
                      ? { ...i, text: "à minima 15 enfants accueillis par an" }
                      : i
                  ),
              }
        ),
      })),
    })),
  };
  const file = await read(await writeXlsx(afterMerge.model));
  const state = readState(buildWorkbook(plan, options()), file.sheets);
  const refreshed = rebuildWorkbook(next, { ...options(), generatedOn: "2023-09-01" }, state, {
    previousVersion: plan.version,
    on: "2023-09-01",
  });
  return { model: refreshed.model, data: await writeXlsx(refreshed.model) };
}

async function main(): Promise<void> {
  const plan = loadPlan(undefined);
  if (!plan.ok) throw new Error("embedded plan invalid");
  const model = buildWorkbook(plan.value, options());
  const filled = await fillSample(await writeXlsx(model), {
    seed: 7,
    density: 0.6,
    badShare: 0.08,
  });
  const work = mkdtempSync(join(tmpdir(), "ctg-pictures-"));
  const outDir = join(packageRoot(), "docs", "images");
  mkdirSync(outDir, { recursive: true });
  // The Récapitulatif and the Échéancier print one page wide (their print setup): the picture is that
  // page, so that the statuses, the progress and the last half-years are in it.
  const fitted = new Set(["Récapitulatif", "Échéancier"]);
  for (const sheet of model.sheets)
    await renderSheet(
      filled,
      sheet,
      slug(sheet.name),
      work,
      outDir,
      fitted.has(sheet.name) ? { scale: "fit", dpi: 130, trim: true } : {}
    );

  // A partner's workbook (the CAF's), as the partner sees it after typing a few figures.
  const partnerModel = buildWorkbook(plan.value, { ...options(), partner: "CAF" });
  const partner = await fillSample(await writeXlsx(partnerModel), {
    seed: 5,
    density: 0.5,
    badShare: 0.08,
  });
  await renderSheet(
    partner,
    sheetOf(partnerModel, "Sommaire"),
    "partenaire-sommaire",
    work,
    outDir,
    { dpi: 100, trim: true }
  );
  // The axis sheet with its input columns in view: the context columns are hidden for the picture.
  await renderSheet(partner, sheetOf(partnerModel, "Axe I"), "partenaire-axe-i", work, outDir, {
    dpi: 100,
    trim: true,
    scale: 45,
    hide: { headerRow: AXIS_HEADER_ROW, headers: ["Objectif", "Action", "Pilote"] },
  });

  const merged = await mergedMaster(plan.value);
  for (const sheet of [JOURNAL_SHEET, ARCHIVES_SHEET])
    await renderSheet(merged.data, sheetOf(merged.model, sheet), slug(sheet), work, outDir, {
      dpi: 110,
      trim: true,
    });

  // The plan workbook of `ctg plan new` (docs/plan-format.md): its worked example rows.
  const planbook = buildPlanWorkbook(examplePlan(), { generatorVersion: packageVersion() });
  const planbookData = await writeXlsx(planbook);
  for (const sheet of [
    PLAN_SHEETS.readme,
    PLAN_SHEETS.plan,
    PLAN_SHEETS.actions,
    PLAN_SHEETS.indicators,
    PLAN_SHEETS.partners,
  ])
    await renderSheet(planbookData, sheetOf(planbook, sheet), `plan-${slug(sheet)}`, work, outDir, {
      dpi: 110,
      trim: true,
      scale: 70,
    });
  rmSync(work, { recursive: true, force: true });
}

void main();
