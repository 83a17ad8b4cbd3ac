import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import JSZip from "jszip";
import { addWorkbookParts } from "../../src/xlsx/workbookParts";
import { writeXlsx } from "../../src/xlsx/write";
import { ZipWriter, zipEntries, type Deflater } from "../../src/xlsx/zip";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parsePlanJson } from "../../src/domain/plan/validate";
import { buildWorkbook } from "../../src/domain/workbook/build";

/**
 * The writer zips exceljs's parts itself (src/xlsx/zip.ts, src/xlsx/workbookParts.ts): the archive
 * must be the one exceljs would write (same entries, order, header fields), its files the same bytes.
 */

jest.setTimeout(120_000);

interface Header {
  name: string;
  madeBy: number;
  needed: number;
  flags: number;
  method: number;
  crc: number;
  size: number;
  externalAttributes: number;
}

/** The central directory's records, read independently of the writer. */
function headers(zip: Uint8Array): Header[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const out: Header[] = [];
  for (let k = 0; k < count; k++) {
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    expect(view.getUint32(local, true)).toBe(0x04034b50);
    // The local header says what the central directory says.
    expect(zip.subarray(local + 4, local + 30)).toEqual(zip.subarray(at + 6, at + 32));
    out.push({
      name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)),
      madeBy: view.getUint16(at + 4, true),
      needed: view.getUint16(at + 6, true),
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      size: view.getUint32(at + 24, true),
      externalAttributes: view.getUint32(at + 38, true),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}

/** Every file's bytes, read by JSZip with its CRC-32 checked. */
async function files(zip: Uint8Array): Promise<Map<string, Uint8Array>> {
  const read = await JSZip.loadAsync(zip, { checkCRC32: true });
  const out = new Map<string, Uint8Array>();
  for (const [name, entry] of Object.entries(read.files))
    if (!entry.dir) out.set(name, await entry.async("uint8array"));
  return out;
}

const text = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);

describe("the zip writer", () => {
  const entries = [
    { name: "[Content_Types].xml", data: new TextEncoder().encode("<Types/>".repeat(500)) },
    { name: "xl/", data: null },
    { name: "xl/empty.xml", data: new Uint8Array(0) },
    { name: "xl/données é.xml", data: new TextEncoder().encode("é€😀 ".repeat(10_000)) },
    {
      name: "xl/media/random.bin",
      data: Uint8Array.from({ length: 100_000 }, (_, i) => (i * 2654435761) >>> 24),
    },
  ];

  it.each<Deflater>(["platform", "fflate"])(
    "writes archives that JSZip and fflate read back, CRC-32 checked (%s deflate)",
    async (deflater) => {
      const zip = await zipEntries(entries, { deflater });
      const read = await files(zip);
      const unzipped = unzipSync(zip);
      for (const e of entries) {
        expect(Object.keys(unzipped)).toContain(e.name);
        if (e.data) {
          expect(read.get(e.name)).toEqual(e.data);
          expect(unzipped[e.name]).toEqual(e.data);
        }
      }
      const h = headers(zip);
      expect(h.map((x) => x.name)).toEqual(entries.map((e) => e.name));
      expect(h.map((x) => [x.method, x.externalAttributes])).toEqual([
        [8, 0],
        [0, 0x10],
        [8, 0],
        [8, 0],
        [8, 0],
      ]);
      // UTF-8 names are flagged as such (bit 11), ASCII ones are not, as JSZip does.
      expect(h.map((x) => x.flags)).toEqual([0, 0, 0, 0x0800, 0]);
    }
  );

  it("keeps an entry's first place when it is added again, as JSZip does", async () => {
    const zip = new ZipWriter();
    zip.add("a.xml", new Uint8Array([1]));
    zip.add("b.xml", new Uint8Array([2]));
    zip.add("a.xml", new Uint8Array([3]));
    const bytes = await zip.finish();
    expect(headers(bytes).map((h) => h.name)).toEqual(["a.xml", "b.xml"]);
    expect((await files(bytes)).get("a.xml")).toEqual(new Uint8Array([3]));
  });
});

describe("the .xlsx writer's zip", () => {
  const parsed = parsePlanJson(
    readFileSync(join(__dirname, "..", "..", "seeds", "pays-segali-2021-2025.json"), "utf8")
  );
  if (!parsed.ok) throw new Error("the seed plan does not load");
  const model = buildWorkbook(parsed.plan, { generatorVersion: "zip", generatedOn: "2024-01-01" });

  const layout = (h: Header[]) =>
    h.map(({ name, madeBy, needed, flags, method, externalAttributes }) => ({
      name,
      madeBy,
      needed,
      flags,
      method,
      externalAttributes,
    }));
  // docProps/core.xml holds the time of writing; exceljs gives each data bar a new random id.
  const comparable = (name: string, bytes: Uint8Array | undefined) =>
    name === "docProps/core.xml" ? "" : text(bytes).replace(/\{[0-9A-F-]{36}\}/g, "{GUID}");
  /** The same entries in the same order, with the same header fields and (comparable) contents. */
  const expectSameArchive = async (ours: Uint8Array, theirs: Uint8Array) => {
    expect(layout(headers(ours))).toEqual(layout(headers(theirs)));
    const a = await files(ours);
    const b = await files(theirs);
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [name, bytes] of a)
      expect(comparable(name, bytes)).toBe(comparable(name, b.get(name)));
  };

  it("is the archive exceljs writes: same entries, order, header fields and file bytes", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeXlsx(model)) as unknown as ArrayBuffer);
    const theirs = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const zip = new ZipWriter();
    expect(await addWorkbookParts(wb, zip)).toBe(true);
    const ours = await zip.finish();

    await expectSameArchive(ours, theirs);
  });

  it("lets exceljs zip the file when its internal steps are not the expected ones", async () => {
    const proto = Object.getPrototypeOf(new ExcelJS.Workbook().xlsx) as { write: unknown };
    const write = proto.write as (...args: unknown[]) => unknown;
    const viaExcelJs = await (async () => {
      // Another write than exceljs 4.4's (here a wrapper): no internal step is called.
      proto.write = function (this: unknown, ...args: unknown[]): unknown {
        return write.apply(this, args);
      };
      try {
        const wb = new ExcelJS.Workbook();
        wb.addWorksheet("x");
        expect(await addWorkbookParts(wb, new ZipWriter())).toBe(false);
        return await writeXlsx(model);
      } finally {
        proto.write = write;
      }
    })();
    const ours = await writeXlsx(model);
    await expectSameArchive(ours, viaExcelJs);
  });
});
