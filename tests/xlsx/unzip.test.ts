import { readFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync, zipSync } from "fflate";
import { parsePlanJson } from "../../src/domain/plan/validate";
import { buildWorkbook } from "../../src/domain/workbook/build";
import { readXlsx } from "../../src/xlsx/read";
import { unzipFiles, zipFileNames } from "../../src/xlsx/unzip";
import { writeXlsx } from "../../src/xlsx/write";

/**
 * The reader's unzip (src/xlsx/unzip.ts): large parts inflated by the platform, small ones by fflate,
 * anything unusual by fflate alone. Whatever the path, the files are fflate's; a damaged part is
 * refused.
 */

jest.setTimeout(120_000);

const root = join(__dirname, "..", "..");
const checked = parsePlanJson(readFileSync(join(root, "seeds/pays-segali-2021-2025.json"), "utf8"));
if (!checked.ok) throw new Error("embedded plan invalid");
let file: Uint8Array;

beforeAll(async () => {
  file = new Uint8Array(
    await writeXlsx(
      buildWorkbook(checked.plan, { generatorVersion: "t", generatedOn: "2024-01-01" })
    )
  );
});

/** The offset of a file's data in the zip and its compressed size (from its local header). */
function dataOf(zip: Uint8Array, name: string): { start: number; size: number } {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let at = 0; at + 30 < zip.length;) {
    if (view.getUint32(at, true) !== 0x04034b50) break;
    const size = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const start = at + 30 + nameLength + view.getUint16(at + 28, true);
    if (new TextDecoder().decode(zip.subarray(at + 30, at + 30 + nameLength)) === name)
      return { start, size };
    at = start + size;
  }
  throw new Error(`no ${name}`);
}

describe("unzipping a workbook", () => {
  it("gives fflate's bytes for every file, large and small", async () => {
    const names = zipFileNames(file);
    const expected = unzipSync(file);
    expect(names.sort()).toEqual(Object.keys(expected).sort());
    const got = await unzipFiles(file, new Set(names));
    expect(Math.max(...[...got.values()].map((b) => b.length))).toBeGreaterThan(100_000);
    for (const n of names)
      expect({ n, same: Buffer.compare(got.get(n)!, expected[n]!) }).toEqual({ n, same: 0 });
  });

  it("reads files stored without compression, as other tools may write them", async () => {
    const stored = zipSync(unzipSync(file), { level: 0 });
    const a = await readXlsx(stored);
    const b = await readXlsx(file);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) {
      expect(a.workbook.planJson).toBe(b.workbook.planJson);
      expect([...a.workbook.sheets.keys()]).toEqual([...b.workbook.sheets.keys()]);
      expect(a.workbook.sheets.get("Axe I")?.rows).toEqual(b.workbook.sheets.get("Axe I")?.rows);
    }
  });

  it("refuses a workbook whose large part is damaged, as a problem and not a crash", async () => {
    const { start, size } = dataOf(file, "xl/worksheets/sheet3.xml"); // Axe I
    expect(size).toBeGreaterThan(32_768);
    const damaged = file.slice();
    for (let i = start + 1000; i < start + 1040; i++) damaged[i] = (damaged[i] ?? 0) ^ 0x5a;
    const read = await readXlsx(damaged);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problem.code).toBe("check.not_xlsx");
  });
});
