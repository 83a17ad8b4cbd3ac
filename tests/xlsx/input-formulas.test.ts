import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AXIS_HEADER_ROW } from "../../src/domain/workbook/axisSheet";
import {
  entryCellValue,
  modelRaw,
  placeEntries,
  readEntries,
  type ReadBackSheet,
} from "../../src/domain/workbook/entries";
import { parsePlanJson } from "../../src/domain/plan/validate";
import { buildWorkbook } from "../../src/domain/workbook/build";
import { readXlsx } from "../../src/xlsx/read";
import { ctg } from "../partners/helpers";
import { recalculateWithLibreOffice } from "../support/libreoffice";

jest.setTimeout(300_000);

/**
 * A formula typed by a user in an input cell (issue 11): read with its result, or reported when it
 * has none (saved by a tool that does not calculate: only a spreadsheet can compute a reference or
 * a function), never skipped as empty; and written back as that formula by `ctg refresh`, with its
 * last result. A text starting with `=` stays a text.
 */

const tmp = mkdtempSync(join(tmpdir(), "ctg-input-formulas-"));
const at = (name: string) => join(tmp, name);

/** The indicator row used (« à minima 6 places », a count), as Excel numbers it. */
const ID = "I.A.1-REA-2";

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The cells of the row of `ID` on Axe I for each year column, by year. */
function yearCells(wb: ExcelJS.Workbook): Record<string, ExcelJS.Cell> {
  const ws = wb.getWorksheet("Axe I");
  if (!ws) throw new Error("Axe I");
  let row = 0;
  ws.eachRow((r, n) => {
    if (r.getCell(1).value === ID) row = n;
  });
  if (row === 0) throw new Error(ID);
  const out: Record<string, ExcelJS.Cell> = {};
  ws.getRow(AXIS_HEADER_ROW + 1).eachCell((cell, col) => {
    const h = typeof cell.value === "string" ? cell.value : String(cell.value);
    if (/^\d{4}$/.test(h)) out[h] = ws.getRow(row).getCell(col);
  });
  return out;
}

interface CheckJson {
  indicators: Array<{
    id: string;
    status: string;
    message: string;
    workbookStatus: string | null;
    years: Record<string, { raw: unknown; status: string; message: string }>;
  }>;
  summary: { entries: number };
}

async function checkJson(file: string): Promise<{ status: number; json: CheckJson }> {
  const result = await ctg("check", file, "--json");
  return { status: result.status, json: JSON.parse(result.out) as CheckJson };
}

describe("a formula typed in an input cell", () => {
  let years: string[] = [];

  beforeAll(async () => {
    expect((await ctg("build", "--out", at("master.xlsx"))).status).toBe(0);
    const wb = await load(at("master.xlsx"));
    const cells = yearCells(wb);
    years = Object.keys(cells).sort();
    const [y1, y2, y3, y4] = years;
    const cell = (y: string | undefined) => cells[y ?? ""] as ExcelJS.Cell;
    // Constants only, saved without a result (computed by the reader as Excel would: 0).
    cell(y1).value = { formula: "5-5" } as ExcelJS.CellFormulaValue;
    // A reference to the cell before, saved without a result: only a spreadsheet computes it.
    cell(y2).value = { formula: `${cell(y1).address}+1` } as ExcelJS.CellFormulaValue;
    // A text that looks like a formula.
    cell(y3).value = "=1+1";
    // A function, with the result Excel computed.
    cell(y4).value = { formula: "SUM(2,4)", result: 6 } as ExcelJS.CellFormulaValue;
    await wb.xlsx.writeFile(at("typed.xlsx"));
  });

  it("without a result is reported by ctg check with its indicator and column, not read as empty", async () => {
    const [y1, y2, y3, y4] = years as [string, string, string, string];
    const { status, json } = await checkJson(at("typed.xlsx"));
    expect(status).toBe(1);
    const line = json.indicators.find((i) => i.id === ID);
    expect(line?.years[y1]).toMatchObject({ raw: 0 });
    expect(line?.years[y2]).toMatchObject({
      raw: expect.stringMatching(/^=\$?R\$?6\+1$/) as unknown,
      status: "Saisie invalide",
      message: expect.stringContaining(`formule non calculée (${y2})`) as unknown,
    });
    expect(line?.years[y3]).toMatchObject({ raw: "=1+1", status: "Saisie invalide" });
    expect(line?.years[y4]).toMatchObject({ raw: 6 });
    expect(line?.status).toBe("Saisie invalide");
    expect(line?.message).toContain("formule non calculée");
    // Counted as an entry, and shown in the text report with the indicator's id and the year.
    expect(json.summary.entries).toBe(4);
    const text = await ctg("check", at("typed.xlsx"));
    expect(text.out).toMatch(
      new RegExp(`${ID.replace(/\./g, "\\.")} \\(Axe I, ligne \\d+\\)[^\\n]*formule non calculée`)
    );
    expect(text.out).toMatch(
      new RegExp(`\\n\\s+${y2} : « =\\$?R\\$?6\\+1 »[^\\n]*formule non calculée \\(${y2}\\)`)
    );
  });

  it("is written back as that formula by ctg refresh, with its result; a text stays a text", async () => {
    const [y1, y2, y3, y4] = years as [string, string, string, string];
    const refreshed = await ctg("refresh", at("typed.xlsx"), "--out", at("refreshed.xlsx"));
    expect(refreshed.status).toBe(0);
    expect(refreshed.out).toMatch(/4 saisie\(s\) gardée\(s\), 0 archivée/);
    // Twice: what a refresh writes, the next keeps.
    const again = await ctg("refresh", at("refreshed.xlsx"), "--out", at("refreshed2.xlsx"));
    expect(again.status).toBe(0);
    for (const file of ["refreshed.xlsx", "refreshed2.xlsx"]) {
      const cells = yearCells(await load(at(file)));
      expect(cells[y1]?.formula).toBe("5-5");
      expect(cells[y2]?.formula).toMatch(/^\$?R\$?6\+1$/);
      expect(cells[y4]?.formula).toBe("SUM(2,4)");
      expect(cells[y4]?.result).toBe(6);
      // Text stays text: no formula, the same string.
      expect(cells[y3]?.formula).toBeUndefined();
      expect(cells[y3]?.value).toBe("=1+1");
      // The tool's own reader sees the same: formulas where formulas were, the text as a value.
      const read = await readXlsx(readFileSync(at(file)));
      if (!read.ok) throw new Error(file);
      const sheet = read.workbook.sheets.get("Axe I");
      const r = Number(cells[y3]?.row) - 1;
      const col = (y: string) => Number(cells[y]?.col) - 1;
      expect(sheet?.formulas.has(`${r},${col(y3)}`)).toBe(false);
      expect(sheet?.rows[r]?.[col(y3)]).toBe("=1+1");
      expect(sheet?.rows[r]?.[col(y4)]).toBe(6);
    }
    // Still reported by check (no spreadsheet has computed it yet), with the same values.
    const { json } = await checkJson(at("refreshed.xlsx"));
    const line = json.indicators.find((i) => i.id === ID);
    expect(line?.years[y2]?.message).toContain("formule non calculée");
    expect(line?.years[y4]).toMatchObject({ raw: 6 });
  });

  it("goes to a partner's workbook and back through ctg merge as that formula", async () => {
    const [y1, y2, y3, y4, y5] = years as [string, string, string, string, string];
    const sent = await ctg(
      "build",
      "--partner",
      "Directeur CC",
      "--from",
      at("typed.xlsx"),
      "--out",
      at("partenaire.xlsx")
    );
    expect(sent.status).toBe(0);
    const wb = await load(at("partenaire.xlsx"));
    const cells = yearCells(wb);
    expect(cells[y4]?.formula).toBe("SUM(2,4)");
    // The partner adds a formula of their own in an empty cell.
    (cells[y5] as ExcelJS.Cell).value = {
      formula: "SUM(1,1)",
      result: 2,
    } as ExcelJS.CellFormulaValue;
    await wb.xlsx.writeFile(at("retour.xlsx"));
    const merged = await ctg(
      "merge",
      at("typed.xlsx"),
      at("retour.xlsx"),
      "--out",
      at("fusion.xlsx")
    );
    expect(merged.status).toBe(0);
    const after = yearCells(await load(at("fusion.xlsx")));
    expect(after[y1]?.formula).toBe("5-5");
    expect(after[y2]?.formula).toMatch(/^\$?R\$?6\+1$/);
    expect(after[y3]?.formula).toBeUndefined();
    expect(after[y3]?.value).toBe("=1+1");
    expect(after[y4]?.formula).toBe("SUM(2,4)");
    expect(after[y5]?.formula).toBe("SUM(1,1)");
    expect(after[y5]?.result).toBe(2);
  });

  it("once calculated in LibreOffice, agrees with the sheet's status formula", async () => {
    const [y1, y2, y3, y4] = years as [string, string, string, string];
    const calculated = await recalculateWithLibreOffice(at("refreshed.xlsx"));
    const cells = yearCells(await load(calculated));
    expect(cells[y2]?.formula).toMatch(/^\$?R\$?6\+1$/);
    const { json } = await checkJson(calculated);
    const line = json.indicators.find((i) => i.id === ID);
    expect([y1, y2, y3, y4].map((y) => line?.years[y]?.raw)).toEqual([0, 1, "=1+1", 6]);
    expect(line?.status).toBe(line?.workbookStatus);
    // And on every row: the engine and the formulas read the same cells.
    for (const i of json.indicators)
      if (i.workbookStatus !== null)
        expect({ id: i.id, status: i.status }).toEqual({
          id: i.id,
          status: i.workbookStatus,
        });
  });
});

describe("an entry's formula comes from a formula element only", () => {
  const checked = parsePlanJson(
    readFileSync(join(__dirname, "..", "..", "seeds", "pays-segali-2021-2025.json"), "utf8")
  );
  if (!checked.ok) throw new Error("plan");
  const model = buildWorkbook(checked.plan, { generatorVersion: "t", generatedOn: "2024-01-01" });
  const axis = model.sheets.find((s) => s.name === "Axe I");
  if (!axis) throw new Error("Axe I");
  const r = axis.cells.findIndex((line) => modelRaw(line[0]) === ID);
  const c = (axis.cells[AXIS_HEADER_ROW] ?? []).findIndex((h) => String(modelRaw(h)) === "2022");
  const sheetWith = (value: string | number, formulas: Array<[string, string]>): ReadBackSheet => {
    const rows = axis.cells.map((line) => line.map(modelRaw));
    const line = [...(rows[r] ?? [])];
    line[c] = value;
    rows[r] = line;
    return { name: "Axe I", rows, formulas: new Map(formulas), protected: true };
  };

  it("a text starting with = read back as its own formula (Office.js gives a text so) stays a text", () => {
    const entries = readEntries(
      model,
      new Map([["Axe I", sheetWith("=1+1", [[`${r},${c}`, "1+1"]])]])
    );
    const entry = entries.find((e) => e.key === ID && e.column === "2022");
    expect(entry).toMatchObject({ value: "=1+1" });
    expect(entry?.formula).toBeUndefined();
    const placed = placeEntries(model, entries).model;
    const cell = placed.sheets.find((s) => s.name === "Axe I")?.cells[r]?.[c];
    expect(cell?.value).toEqual({ kind: "text", text: "=1+1" });
    expect(entryCellValue("=1+1", { value: null, style: "input" })).toEqual({
      kind: "text",
      text: "=1+1",
    });
  });

  it("a formula with its result is an entry with its formula, written back with the result", () => {
    const entries = readEntries(
      model,
      new Map([["Axe I", sheetWith(6, [[`${r},${c}`, "SUM(2,4)"]])]])
    );
    const entry = entries.find((e) => e.key === ID && e.column === "2022");
    expect(entry).toMatchObject({ value: 6, formula: "SUM(2,4)" });
    const placed = placeEntries(model, entries).model;
    const cell = placed.sheets.find((s) => s.name === "Axe I")?.cells[r]?.[c];
    expect(cell?.value).toEqual({ kind: "formula", formula: "SUM(2,4)", cached: 6 });
  });
});
