import ExcelJS from "exceljs";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAsync, type Io } from "../../src/cli/main";

jest.setTimeout(120_000);

/**
 * A renamed or deleted axis sheet (issue 11): `check` said every entry was valid and `refresh`
 * kept 0 entries. Now both refuse, exit 2, naming the sheet, and write nothing.
 */
async function ctg(...argv: string[]): Promise<{ status: number; err: string }> {
  const err: string[] = [];
  const io: Io = { out: () => undefined, err: (l) => err.push(l) };
  const status = await runAsync(argv, io);
  return { status, err: err.join("\n") };
}

const dir = mkdtempSync(join(tmpdir(), "ctg-renamed-"));
const at = (name: string) => join(dir, name);

beforeAll(async () => {
  expect((await ctg("build", "--out", at("maitre.xlsx"))).status).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(at("maitre.xlsx"));
  const axis = wb.getWorksheet("Axe I");
  if (!axis) throw new Error("Axe I");
  axis.getCell("S6").value = 4;
  axis.name = "Axe 1 (à revoir)";
  await wb.xlsx.writeFile(at("renomme.xlsx"));
  const gone = new ExcelJS.Workbook();
  await gone.xlsx.readFile(at("maitre.xlsx"));
  const sheet = gone.getWorksheet("Axe II");
  if (sheet) gone.removeWorksheet(sheet.id);
  await gone.xlsx.writeFile(at("supprime.xlsx"));
});

it.each([
  ["renomme.xlsx", "Axe I"],
  ["supprime.xlsx", "Axe II"],
])("ctg check %s refuses, naming « %s »", async (file, sheet) => {
  const result = await ctg("check", at(file));
  expect(result.status).toBe(2);
  expect(result.err).toContain(`l'onglet « ${sheet} » est introuvable (renommé ou supprimé)`);
});

it("ctg refresh refuses it and writes nothing; so does ctg merge with it as the master", async () => {
  const refresh = await ctg("refresh", at("renomme.xlsx"), "--out", at("sortie.xlsx"));
  expect(refresh.status).toBe(2);
  expect(refresh.err).toMatch(/« Axe I » est introuvable/);
  expect(existsSync(at("sortie.xlsx"))).toBe(false);
  expect(
    (await ctg("build", "--partner", "CAF", "--from", at("maitre.xlsx"), "--out", at("caf.xlsx")))
      .status
  ).toBe(0);
  const merge = await ctg("merge", at("renomme.xlsx"), at("caf.xlsx"), "--out", at("fusion.xlsx"));
  expect(merge.status).toBe(2);
  expect(existsSync(at("fusion.xlsx"))).toBe(false);
});

it("a sheet of the user's named « Archives » is refused as the tool's log, and nothing is written", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(at("maitre.xlsx"));
  const mine = wb.addWorksheet("Archives");
  mine.getCell("A1").value = "Mes archives à moi";
  mine.getCell("B2").value = 42;
  await wb.xlsx.writeFile(at("archives-a-moi.xlsx"));
  const refresh = await ctg("refresh", at("archives-a-moi.xlsx"), "--out", at("r.xlsx"));
  expect(refresh.status).toBe(2);
  expect(refresh.err).toMatch(
    /« Archives » de ce classeur n'est pas celui que le classeur CTG y tient/
  );
  expect(existsSync(at("r.xlsx"))).toBe(false);
});
