import ExcelJS from "exceljs";
import { evaluateArithmetic } from "../../src/domain/workbook/arithmetic";
import { parsePlanJson } from "../../src/domain/plan/validate";
import { buildWorkbook } from "../../src/domain/workbook/build";
import { checkWorkbook, isReadForCheck } from "../../src/domain/workbook/check";
import { readXlsx } from "../../src/xlsx/read";
import { writeXlsx } from "../../src/xlsx/write";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Formulas saved without their computed value (openpyxl and other generators write `<f>` alone):
 * an entry `=5-5` was read as empty and skipped, so `ctg check` said « À renseigner » where Excel
 * shows 0 (issue 11). Arithmetic is computed as Excel would; anything else stays uncomputed.
 */
describe("a formula of constants and operators", () => {
  it.each([
    ["5-5", 0],
    ["=2*3", 6],
    ["(1+2)/4", 0.75],
    ["-2^2", 4],
    ["10%", 0.1],
    ["1=2", false],
    ["3>=3", true],
    ["VRAI", true],
    ["FALSE+1", 1],
    ["1/0", "#DIV/0!"],
    [" 1 + 2 ", 3],
  ])("%s is %p", (formula, expected) => {
    expect(evaluateArithmetic(formula)).toBe(expected);
  });

  it.each(["A1+1", "SOMME(1;2)", "TRUE()", '"a"&"b"', "1+", "(1", "Feuil1!A1", ""])(
    "%s is not computed",
    (formula) => {
      expect(evaluateArithmetic(formula)).toBeUndefined();
    }
  );
});

describe("an entry typed as a formula, saved without its value", () => {
  it("is read and checked as Excel computes it", async () => {
    const checked = parsePlanJson(
      readFileSync(join(__dirname, "..", "..", "seeds", "pays-segali-2021-2025.json"), "utf8")
    );
    if (!checked.ok) throw new Error("plan");
    const model = buildWorkbook(checked.plan, { generatorVersion: "t", generatedOn: "2024-01-01" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await writeXlsx(model)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Axe I");
    if (!ws) throw new Error("Axe I");
    // Row 6 is I.A.1-REA-2 (« à minima 6 places »); S..V are 2022..2025.
    ws.getCell("S6").value = { formula: "5-5" } as ExcelJS.CellFormulaValue;
    ws.getCell("T6").value = { formula: "2*3" } as ExcelJS.CellFormulaValue;
    ws.getCell("U6").value = { formula: "A1+1" } as ExcelJS.CellFormulaValue;
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    for (const formulas of [true, false]) {
      const read = await readXlsx(bytes, { sheets: isReadForCheck, formulas });
      expect(read.ok).toBe(true);
      if (!read.ok) return;
      const row = read.workbook.sheets.get("Axe I")?.rows[5] ?? [];
      expect([row[18], row[19], row[20]]).toEqual([0, 6, null]);
    }
    const read = await readXlsx(bytes, { sheets: isReadForCheck, formulas: false });
    if (!read.ok) throw new Error("read");
    const names = [...read.workbook.sheets.keys()].filter((n) => n.startsWith("Axe "));
    const report = checkWorkbook(read.workbook.sheets, names, { year: 2024, month: 6 });
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    const line = report.report.indicators.find((i) => i.id === "I.A.1-REA-2");
    expect(line?.years["2022"]?.raw).toBe(0);
    expect(line?.years["2023"]?.status).toBe("Atteint");
  });
});
