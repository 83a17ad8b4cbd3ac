import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { unescapeXml } from "../../src/domain/workbook/xmlText";
import { AXIS_FIRST_ROW, axisLayout, planYears } from "../../src/domain/workbook/axisSheet";
import { checkWorkbook } from "../../src/domain/workbook/check";
import { columnLetter } from "../../src/domain/workbook/grid";
import { readXlsx } from "../../src/xlsx/read";
import { recalculateWithLibreOffice } from "../support/libreoffice";
import { fakeToXlsx } from "../../src/fake-excel/toXlsx";
import { writeXlsx } from "../../src/xlsx/write";
import { defaultPlan, modelOf, setup } from "./helpers";

/**
 * The same workbook both ways: what the add-in generates (the fake's state saved by toXlsx) and what
 * `ctg build` writes, both read back with exceljs.
 */
// LibreOffice is shared by the run: a conversion can queue behind other files' (recalculateWithLibreOffice
// gives up after 300 s, waiting included), then whole workbooks are read and checked.
jest.setTimeout(360_000);

interface Shape {
  name: string;
  state: string;
  frozen: string | null;
  protected: boolean;
  validations: number;
  conditionalFormats: number;
  tables: string[];
  cells: Record<string, unknown>;
  unlocked: string[];
}

function plain(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined || v === "") return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("formula" in v) return `=${v.formula}`;
    // Links are read from the file itself (internalLinks): exceljs reads only some of their forms.
    if ("hyperlink" in v) return v.text;
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
  }
  return v;
}

const attribute = (tag: string, name: string): string | undefined =>
  new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/**
 * Each sheet's links to a place in the workbook (`ref` → `#Sheet!A1`, quotes dropped), read from the
 * sheet's XML: a `location` (as Excel writes them) or a relationship whose target starts with `#`.
 */
function internalLinks(data: Buffer): Map<string, Record<string, string>> {
  const parts = unzipSync(new Uint8Array(data));
  const text = (name: string) => {
    const part = parts[name];
    return part ? strFromU8(part) : "";
  };
  const targets = (rels: string) =>
    new Map(
      [...rels.matchAll(/<Relationship\b[^>]*>/g)].map(
        (m) => [attribute(m[0], "Id") ?? "", attribute(m[0], "Target") ?? ""] as const
      )
    );
  const bookRels = targets(text("xl/_rels/workbook.xml.rels"));
  const out = new Map<string, Record<string, string>>();
  for (const m of text("xl/workbook.xml").matchAll(/<sheet\b[^>]*>/g)) {
    const name = unescapeXml(attribute(m[0], "name") ?? "");
    const path = `xl/${(bookRels.get(attribute(m[0], "r:id") ?? "") ?? "").replace(/^\/?xl\//, "")}`;
    const sheetRels = targets(text(path.replace(/([^/]+)$/, "_rels/$1.rels")));
    const links: Record<string, string> = {};
    for (const h of text(path).matchAll(/<hyperlink\b[^>]*>/g)) {
      const location = attribute(h[0], "location");
      const target = location ?? sheetRels.get(attribute(h[0], "r:id") ?? "");
      if (target !== undefined)
        links[attribute(h[0], "ref") ?? ""] =
          `#${unescapeXml(target).replace(/^#/, "").replace(/'/g, "")}`;
    }
    out.set(name, links);
  }
  return out;
}

async function shape(data: Buffer): Promise<Shape[]> {
  const links = internalLinks(data);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const out: Shape[] = [];
  wb.eachSheet((ws) => {
    const view = (ws.views ?? [])[0] as
      { state?: string; xSplit?: number; ySplit?: number } | undefined;
    const cells: Record<string, unknown> = {};
    const unlocked: string[] = [];
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = plain(cell.value);
        const link = links.get(ws.name)?.[cell.address];
        if (v !== null) cells[cell.address] = link ? { text: v, link } : v;
        if (cell.protection?.locked === false) unlocked.push(cell.address);
      })
    );
    const model = ws as unknown as {
      dataValidations: { model: Record<string, unknown> };
      conditionalFormattings: unknown[];
      sheetProtection: unknown;
    };
    out.push({
      name: ws.name,
      state: ws.state,
      frozen: view?.state === "frozen" ? `${view.xSplit ?? 0},${view.ySplit ?? 0}` : null,
      protected: Boolean(model.sheetProtection),
      validations: Object.keys(model.dataValidations.model).length,
      conditionalFormats: model.conditionalFormattings.length,
      tables: Object.keys((ws as unknown as { tables: Record<string, unknown> }).tables ?? {}),
      cells,
      unlocked: unlocked.sort(),
    });
  });
  return out;
}

it("the add-in's workbook and ctg build's file hold the same sheets, cells, rules and protection", async () => {
  const plan = defaultPlan();
  const { fake, service } = setup();
  expect((await service.generate(plan, () => undefined)).ok).toBe(true);
  const fromAddin = await shape(await fakeToXlsx(fake.state));
  const fromCli = await shape(await writeXlsx(modelOf(plan)));
  expect(fromAddin.map((s) => s.name)).toEqual(fromCli.map((s) => s.name));
  const axis = fromCli.find((s) => s.name === "Axe I");
  expect(axis?.frozen).toBe("3,4");
  expect(axis?.protected).toBe(true);
  expect(axis?.validations).toBeGreaterThan(10);
  expect(Object.keys(axis?.cells ?? {}).length).toBeGreaterThan(1000);
  expect(axis?.unlocked.length).toBeGreaterThan(20);
  for (const [i, cli] of fromCli.entries()) {
    const addin = fromAddin[i] as Shape;
    const { cells: cliCells, ...cliRest } = cli;
    const { cells: addinCells, ...addinRest } = addin;
    expect(addinRest).toEqual(cliRest);
    // Same values and formulas, except the CTG_meta generator line (same plan, same fingerprint).
    expect(addinCells).toEqual(cliCells);
  }
});

it("the add-in's workbook opens in LibreOffice, and its statuses are what ctg check says", async () => {
  const plan = defaultPlan();
  const { fake, service } = setup();
  expect((await service.generate(plan, () => undefined)).ok).toBe(true);
  // A partner's entries, typed through the fake as a user would.
  const years = planYears(plan);
  const c = axisLayout(years).col;
  const row = AXIS_FIRST_ROW + 3;
  await fake.userEdit(
    "Axe I",
    `${columnLetter(c.firstYear)}${row}:${columnLetter(c.firstYear + 1)}${row}`,
    [[14, "beaucoup"]]
  );
  await fake.userEdit("Paramètres", "B3", [["2023-06-15"]]);
  const dir = mkdtempSync(join(tmpdir(), "ctg-addin-lo-"));
  const file = join(dir, "addin.xlsx");
  writeFileSync(file, await fakeToXlsx(fake.state));
  const recalculated = await recalculateWithLibreOffice(file);
  const read = await readXlsx(readFileSync(recalculated));
  expect(read.ok).toBe(true);
  if (!read.ok) return;
  const names = [...read.workbook.sheets.keys()].filter((n) => /^Axe /.test(n));
  const checked = checkWorkbook(read.workbook.sheets, names, { year: 2023, month: 6 });
  expect(checked.ok).toBe(true);
  if (!checked.ok) return;
  const rows = checked.report.indicators;
  expect(rows.filter((r) => r.workbookStatus !== r.status).map((r) => r.id)).toEqual([]);
  expect(rows.some((r) => r.status === "Saisie invalide")).toBe(true);
});
