import ExcelJS from "exceljs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAsync, type Io } from "../../src/cli/main";

jest.setTimeout(60_000);

/**
 * What a coordinator adds to the master outside the generated cells survives `ctg refresh` and
 * `ctg merge`: a sheet of their own is carried over as it is, and a note typed beside a table (after
 * removing the protection) goes to the Archives instead of disappearing.
 */

async function ctg(...argv: string[]): Promise<{ status: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l) };
  const status = await runAsync(argv, io);
  return { status, out: out.join("\n"), err: err.join("\n") };
}

const tmp = mkdtempSync(join(tmpdir(), "ctg-keep-"));
const at = (name: string) => join(tmp, name);

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

describe("content added by the coordinator", () => {
  beforeAll(async () => {
    expect((await ctg("build", "--out", at("master.xlsx"))).status).toBe(0);
    const wb = await load(at("master.xlsx"));
    const notes = wb.addWorksheet("Mes notes");
    notes.getCell("A1").value = "Réunion du 12 mars";
    notes.getCell("A2").value = "=pas une formule";
    notes.getCell("B3").value = { formula: "1+2", result: 3 } as ExcelJS.CellFormulaValue;
    notes.getColumn(1).width = 31;
    notes.getCell("A1").note = "Compte rendu envoyé aux élus";
    wb.getWorksheet("Axe II")!.getCell("AZ7").value = "note hors du tableau";
    await wb.xlsx.writeFile(at("annotated.xlsx"));
  });

  it("is kept by ctg refresh: the user's sheet as it is, a stray note in the Archives", async () => {
    const result = await ctg("refresh", at("annotated.xlsx"), "--out", at("refreshed.xlsx"));
    expect(result.status).toBe(0);
    expect(result.out).toMatch(/Onglets ajoutés par vous, repris tels quels : Mes notes/);
    expect(result.out).toMatch(/AZ7.*note hors du tableau.*hors des cellules de saisie/);
    const wb = await load(at("refreshed.xlsx"));
    const notes = wb.getWorksheet("Mes notes");
    expect(notes?.getCell("A1").value).toBe("Réunion du 12 mars");
    expect(notes?.getCell("A2").value).toBe("=pas une formule"); // text stays text
    expect(notes?.getCell("B3").value).toMatchObject({ formula: "1+2" }); // the user's own formula
    expect(notes?.getColumn(1).width).toBe(31);
    // The user's note (comment) stays on its cell (issue 11: notes were dropped).
    expect(JSON.stringify(notes?.getCell("A1").note)).toContain("Compte rendu envoyé aux élus");
    expect(wb.getWorksheet("Axe II")?.getCell("AZ7").value ?? null).toBeNull();
    const archives: unknown[] = [];
    wb.getWorksheet("Archives")?.eachRow((row) => archives.push(...(row.values as unknown[])));
    expect(archives).toEqual(expect.arrayContaining(["Axe II", "AZ7", "note hors du tableau"]));
  });

  it("is kept by ctg merge, and the master file is never written", async () => {
    expect((await ctg("build", "--partner", "CAF", "--out", at("caf.xlsx"))).status).toBe(0);
    const same = await ctg(
      "merge",
      at("annotated.xlsx"),
      at("caf.xlsx"),
      "--out",
      at("annotated.xlsx")
    );
    expect(same.status).toBe(2);
    const result = await ctg(
      "merge",
      at("annotated.xlsx"),
      at("caf.xlsx"),
      "--out",
      at("merged.xlsx"),
      "--json"
    );
    expect(result.status).toBe(0);
    const report = JSON.parse(result.out) as { userSheets: string[]; archived: number };
    expect(report.userSheets).toEqual(["Mes notes"]);
    expect(report.archived).toBe(1);
    const wb = await load(at("merged.xlsx"));
    expect(wb.getWorksheet("Mes notes")?.getCell("A1").value).toBe("Réunion du 12 mars");
  });

  it("never writes over a partner's returned file, and prepares one workbook per partner named", async () => {
    const before = await load(at("caf.xlsx"));
    const over = await ctg("merge", at("annotated.xlsx"), at("caf.xlsx"), "--out", at("caf.xlsx"));
    expect(over.status).toBe(2);
    expect(over.err).toMatch(/ne peut pas être un des classeurs renvoyés/);
    const after = await load(at("caf.xlsx"));
    expect(after.worksheets.map((w) => w.name)).toEqual(before.worksheets.map((w) => w.name));
    const twice = await ctg("build", "--partner", "CAF", "--partner", "caf", "--out", at("envoi"));
    expect(twice.status).toBe(0);
    expect(
      twice.out.split("\n").filter((l) => l.startsWith("Classeur partenaire écrit"))
    ).toHaveLength(1);
    expect(twice.out).toMatch(/envoi\/classeur-.*-caf\.xlsx \(CAF :/);
  });
});
