import ExcelJS from "exceljs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAsync, type Io } from "../../src/cli/main";
import { readXlsx } from "../../src/xlsx/read";
import { readFileSync } from "node:fs";

jest.setTimeout(120_000);

/**
 * Locked cells changed in the master after removing the protection (issue 11): `refresh` wrote the
 * plan's content over them silently; the docs promise they are archived. Now each goes to the
 * Archives with its address, value and reason, once.
 */
async function ctg(...argv: string[]): Promise<{ status: number; out: string }> {
  const out: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => out.push(l) };
  const status = await runAsync(argv, io);
  return { status, out: out.join("\n") };
}

const dir = mkdtempSync(join(tmpdir(), "ctg-locked-"));
const at = (name: string) => join(dir, name);

async function archives(file: string): Promise<unknown[][]> {
  const read = await readXlsx(readFileSync(file));
  if (!read.ok) throw new Error("read");
  return (read.workbook.sheets.get("Archives")?.rows ?? []).filter((r) =>
    r.some((v) => typeof v === "string" && /verrouillée/.test(v))
  ) as unknown[][];
}

it("archives a changed wording and a status typed over, once, and nothing for an untouched master", async () => {
  expect((await ctg("build", "--out", at("maitre.xlsx"))).status).toBe(0);
  const untouched = await ctg("refresh", at("maitre.xlsx"), "--out", at("pareil.xlsx"));
  expect(untouched.status).toBe(0);
  expect(untouched.out).toMatch(/0 archivée\(s\)/);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(at("maitre.xlsx"));
  const ws = wb.getWorksheet("Axe I");
  if (!ws) throw new Error("Axe I");
  const wording = ws.getCell("H6");
  expect(typeof wording.value).toBe("string");
  wording.value = "Nombre modifié à la main";
  // A status cell (a formula) typed over with a constant.
  const status = ws.getRow(6).values as unknown[];
  const statusCol = status.findIndex(
    (v, i) => i > 8 && typeof v === "object" && v !== null && "formula" in (v as object)
  );
  expect(statusCol).toBeGreaterThan(0);
  ws.getRow(6).getCell(statusCol).value = "Atteint (dit le pilote)";
  await wb.xlsx.writeFile(at("modifie.xlsx"));

  const first = await ctg("refresh", at("modifie.xlsx"), "--out", at("r1.xlsx"));
  expect(first.status).toBe(0);
  expect(first.out).toMatch(/2 archivée\(s\)/);
  const rows = await archives(at("r1.xlsx"));
  expect(rows).toHaveLength(2);
  const flat = JSON.stringify(rows);
  expect(flat).toContain("Nombre modifié à la main");
  expect(flat).toContain("Atteint (dit le pilote)");
  // Written back by the plan: a second refresh archives nothing more.
  const second = await ctg("refresh", at("r1.xlsx"), "--out", at("r2.xlsx"));
  expect(second.out).toMatch(/0 archivée\(s\)/);
  expect(await archives(at("r2.xlsx"))).toHaveLength(2);
});
