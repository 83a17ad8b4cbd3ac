import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { runAsync, type Io } from "../../src/cli/main";
import { META_SCHEMA } from "../../src/domain/workbook/meta";
import { isDateFormat, readXlsx, type ReadResult } from "../../src/xlsx/read";
import { translateFormula } from "../../src/xlsx/sharedFormula";
import { unescapeXml } from "../../src/xlsx/xml";
import { fillSample } from "../../tools/sampleFill";
import { readXlsxWithExcelJs } from "../support/exceljs-read";
import { recalculateWithLibreOffice } from "../support/libreoffice";

/**
 * The streaming reader (src/xlsx/read.ts) against the exceljs reader it replaced
 * (tests/support/exceljs-read.ts): the same result on the workbooks our writer makes, on typed
 * entries of every kind, after a LibreOffice round trip and on a file written by openpyxl. Then what
 * exceljs could not read (rows without numbers, unusual package layouts...), and files that are no
 * workbook at all: a problem, never an exception.
 */
// LibreOffice is shared by the run: a conversion can queue behind other files' (recalculateWithLibreOffice
// gives up after 300 s, waiting included), then whole workbooks are read and checked.
jest.setTimeout(360_000);

const root = join(__dirname, "..", "..");
const tmp = mkdtempSync(join(tmpdir(), "ctg-stream-read-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function ctg(...argv: string[]): Promise<number> {
  const io: Io = { out: () => undefined, err: () => undefined };
  return runAsync(argv, io);
}

/** A read result as plain data (sheets in order, formulas sorted), for readable differences. */
function plain(r: ReadResult): unknown {
  if (!r.ok) return r;
  const { meta, planJson, sheets } = r.workbook;
  return {
    meta,
    planJson,
    sheets: [...sheets].map(([key, s]) => ({
      key,
      name: s.name,
      protected: s.protected,
      rows: s.rows,
      formulas: [...s.formulas].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    })),
  };
}

/**
 * The exceljs reader with its one known loss corrected: exceljs forgets a formula's cached result
 * when it is 0 or false (its formula value keeps only truthy results), and gave a blank there. Only
 * those cells are corrected; the count of corrections is returned.
 */
function correctedReference(reference: ReadResult, streamed: ReadResult): [ReadResult, number] {
  if (!reference.ok || !streamed.ok) return [reference, 0];
  let corrected = 0;
  const sheets = new Map(
    [...reference.workbook.sheets].map(([name, sheet]) => {
      const rows = sheet.rows.map((row) => [...row]);
      for (const key of sheet.formulas.keys()) {
        const [r, c] = key.split(",").map(Number) as [number, number];
        const mine = streamed.workbook.sheets.get(name)?.rows[r]?.[c];
        if (rows[r]?.[c] === null && (mine === 0 || mine === false)) {
          (rows[r] as unknown[])[c] = mine;
          corrected++;
        }
      }
      return [name, { ...sheet, rows }] as const;
    })
  );
  return [{ ok: true, workbook: { ...reference.workbook, sheets } }, corrected];
}

async function expectSameAsExcelJs(data: Buffer): Promise<ReadResult> {
  const streamed = await readXlsx(data);
  const [reference] = correctedReference(await readXlsxWithExcelJs(data), streamed);
  expect(streamed.ok).toBe(true);
  expect(plain(streamed)).toStrictEqual(plain(reference));
  return streamed;
}

let built: Buffer;
let filled: Buffer;
let typed: Buffer;

beforeAll(async () => {
  const out = join(tmp, "ctg.xlsx");
  expect(await ctg("build", "--out", out)).toBe(0);
  built = readFileSync(out);
  filled = await fillSample(built, { seed: 7, density: 0.8, badShare: 0.3 });
  typed = await typedWorkbook(filled, {});
});

/** Typed entries of every kind, on a sheet of their own, in a copy of a CTG workbook (written by exceljs). */
async function typedWorkbook(
  source: Buffer,
  options: { sharedStrings?: boolean; date1904?: boolean }
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(source as unknown as ArrayBuffer);
  if (options.date1904) wb.properties.date1904 = true;
  const ws = wb.addWorksheet("Saisies");
  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
  const cells: Array<[string, ExcelJS.CellValue, string?]> = [
    ["A1", 12],
    ["A2", -3.5],
    ["A3", 0],
    ["A4", 1e-7],
    ["A5", 123456789012],
    ["B1", "=Très bien"],
    ["B2", "+ de partenaires"],
    ["B3", "  espaces  "],
    ["B4", "ligne 1\nligne 2"],
    ["B5", "R&D <ok> \"guillemets\" 'apostrophes' été 😀"],
    ["B6", ""],
    ["C1", true],
    ["C2", false],
    ["D1", day("2024-03-15"), "dd/mm/yyyy"],
    ["D2", day("2021-01-01")],
    ["D3", new Date("2024-03-15T18:30:00Z"), "dd/mm/yyyy hh:mm"],
    ["D4", 45000, "0.00"],
    ["D5", 45000, "[$-40C]d mmmm yyyy"],
    ["D6", 2.5, '0.0" h"'],
    ["D7", 0.75, "[h]:mm"],
    ["E1", { error: "#DIV/0!" }],
    ["E2", { error: "#N/A" }],
    ["F1", { formula: "A1*2", result: 24 }],
    ["F2", { formula: 'B1&"x"', result: "=Très bienx" }],
    ["F3", { formula: "A1>0", result: true }],
    ["F4", { formula: "1/0", result: { error: "#DIV/0!" } }],
    ["F5", { formula: "D1", result: day("2024-03-15") }, "dd/mm/yyyy"],
    ["F6", { formula: "A3", result: 0 }],
    ["F7", { formula: "C2", result: false }],
    ["F8", { formula: "NOW()" }],
    ["F9", { formula: "'Axe I'!A1&\"A1\"", result: "x" }],
    ["G1", { richText: [{ text: "Gras", font: { bold: true } }, { text: " et normal " }] }],
    ["I1", { text: "lien", hyperlink: "#'Saisies'!A1" }],
  ];
  for (const [ref, value, numFmt] of cells) {
    const cell = ws.getCell(ref);
    cell.value = value;
    if (numFmt) cell.numFmt = numFmt;
  }
  ws.getCell("J1").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
  // Shared formulas, as exceljs writes a filled range: H1 is the master of H1:H5.
  ws.fillFormula("H1:H5", "A1+$A$1*2", [36, 12.5, 24, 24, 123456789036]);
  ws.getRow(12).getCell(1).value = "après un trou";
  const data = await wb.xlsx.writeBuffer({ useSharedStrings: options.sharedStrings ?? true });
  return Buffer.from(data as ArrayBuffer);
}

describe("the streaming reader gives what the exceljs reader gave", () => {
  it("on the workbook `ctg build` writes, and once filled with entries", async () => {
    const read = await expectSameAsExcelJs(built);
    expect(read.ok && [...read.workbook.sheets.keys()].length).toBeGreaterThan(5);
    await expectSameAsExcelJs(filled);
  });

  it("on a partner's workbook", async () => {
    const out = join(tmp, "caf.xlsx");
    expect(await ctg("build", "--partner", "CAF", "--out", out)).toBe(0);
    await expectSameAsExcelJs(readFileSync(out));
  });

  it("on typed entries of every kind: numbers, text starting with =, booleans, dates, errors, formulas, rich text", async () => {
    const read = await expectSameAsExcelJs(typed);
    if (!read.ok) throw new Error("unreadable");
    const sheet = read.workbook.sheets.get("Saisies");
    expect(sheet?.rows[0]).toEqual([
      12,
      "=Très bien",
      true,
      "2024-03-15",
      "#DIV/0!",
      24,
      "Gras et normal ",
      36,
      "lien",
      null,
    ]);
    expect(sheet?.rows.slice(0, 9).map((r) => r[5])).toEqual([
      24,
      "=Très bienx",
      true,
      "#DIV/0!",
      "2024-03-15",
      0,
      false,
      null,
      "x",
    ]);
    expect(sheet?.formulas.get("1,7")).toBe("A2+$A$1*2");
    expect(sheet?.formulas.get("4,7")).toBe("A5+$A$1*2");
  });

  it('without shared strings (inline rich text, t="str" texts) and in the 1904 date system', async () => {
    await expectSameAsExcelJs(await typedWorkbook(filled, { sharedStrings: false }));
    const in1904 = await expectSameAsExcelJs(await typedWorkbook(built, { date1904: true }));
    if (!in1904.ok) throw new Error("unreadable");
    expect(in1904.workbook.sheets.get("Saisies")?.rows[0]?.[3]).toBe("2024-03-15");
  });

  it("on a file saved by LibreOffice Calc", async () => {
    const input = join(tmp, "typed.xlsx");
    writeFileSync(input, typed);
    const saved = readFileSync(await recalculateWithLibreOffice(input));
    const read = await expectSameAsExcelJs(saved);
    if (!read.ok) throw new Error("unreadable");
    // LibreOffice writes <sheetProtection sheet="true">.
    expect(read.workbook.sheets.get("Axe I")?.protected).toBe(true);
  });

  it("on a file written by openpyxl: inline strings, shared formulas without cached values", async () => {
    const metaRows = [
      ["schema", META_SCHEMA],
      ["planId", "plan-openpyxl"],
      ["planVersion", "1.0.0"],
      ["generator", "openpyxl"],
      ["generatorVersion", ""],
      ["fingerprint", "0123456789abcdef"],
      ["partner", ""],
      ["plan.1", '{"id":"plan-'],
      ["plan.2", 'openpyxl"}'],
    ];
    const metaFile = join(tmp, "meta.json");
    writeFileSync(metaFile, JSON.stringify(metaRows));
    const out = join(tmp, "openpyxl.xlsx");
    execFileSync("/usr/bin/python3", [
      join(root, "tests/support/write_openpyxl_sample.py"),
      out,
      metaFile,
    ]);
    const data = readFileSync(out);
    expect(strFromU8(unzipSync(data)["xl/worksheets/sheet1.xml"] ?? new Uint8Array())).toContain(
      't="inlineStr"'
    );
    const read = await expectSameAsExcelJs(data);
    if (!read.ok) throw new Error("unreadable");
    expect(read.workbook.planJson).toBe('{"id":"plan-openpyxl"}');
    const sheet = read.workbook.sheets.get("Saisies");
    expect(sheet?.protected).toBe(true);
    expect(sheet?.rows[0]).toEqual([
      "Texte",
      "=Très bien",
      "  espaces  ",
      "R&D <ok> \"guillemets\" 'apostrophes'",
      "ligne 1\nligne 2",
    ]);
    expect(sheet?.rows[1]).toEqual([
      12,
      -3.5,
      0,
      true,
      false,
      "#N/A",
      "2024-03-15",
      "2024-03-15",
      45000,
      "2023-03-15",
    ]);
    expect(Object.fromEntries(sheet?.formulas ?? [])).toEqual({
      "2,0": "A2*2",
      "2,1": "A2+1",
      "3,1": "A3+1",
      "4,1": "A4+1",
      "5,1": "A5+1",
      "2,2": "$A$2+A2*C$2",
      "2,3": "$A$2+B2*D$2",
      "2,4": "$A$2+C2*E$2",
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Files exceljs did not read, or read wrongly: a package written by hand.

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

function metaSheetXml(fingerprint = "0123456789abcdef"): string {
  const rows = [
    ["schema", META_SCHEMA],
    ["planId", "p"],
    ["planVersion", "1.0.0"],
    ["generator", "à la main"],
    ["generatorVersion", "0"],
    ["fingerprint", fingerprint],
    ["partner", ""],
    ["plan.1", '{"a":'],
    ["plan.2", "1}"],
  ];
  const cell = (ref: string, text: string) =>
    `<c r="${ref}" t="inlineStr"><is><t>${text.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</t></is></c>`;
  return `<worksheet ${NS}><sheetData>${rows
    .map(
      ([k, v], i) =>
        `<row r="${i + 1}">${cell(`A${i + 1}`, k ?? "")}${v ? cell(`B${i + 1}`, v) : ""}</row>`
    )
    .join("")}</sheetData></worksheet>`;
}

const DATA_SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet ${NS} ${R_NS}>
<sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c><c r="G1" t="s"><v>6</v></c></row>
<row r="2"><c r="A2"><v>12</v></c><c r="B2"><v>-3.5</v></c><c r="C2"><v>0</v></c><c r="D2" t="b"><v>1</v></c><c r="E2" t="b"><v>0</v></c><c r="F2" t="e"><v>#DIV/0!</v></c><c r="G2" t="inlineStr"><is><t>en ligne</t></is></c><c r="H2" t="inlineStr"><is><r><t>riche</t></r><r><rPr><i/></rPr><t xml:space="preserve"> texte</t></r></is></c></row>
<row><c><v>1</v></c><c><v>2</v></c><c r="E3"><v>5</v></c><c><v>6</v></c></row>
<row r="5" spans="1:6"><c r="A5" s="1"><v>45000</v></c><c r="B5" s="2"><v>1.5</v></c><c r="C5" s="3"><v>2.25</v></c><c r="D5" s="4"><v>45000.75</v></c><c r="E5" s="5"><v>3</v></c><c r="F5" s="1"/></row>
<row r="6"><c r="A6"><f>A2*2</f><v>24</v></c><c r="B6" t="str"><f>"x"&amp;A2</f><v>x12</v></c><c r="C6" t="b"><f>A2&gt;0</f><v>0</v></c><c r="D6"><f>C2</f><v>0</v></c><c r="E6" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="F6"><f>NOW()</f></c><c r="G6" s="1"><f>A5</f><v>45000</v></c><c r="H6" t="str" s="1"><f>"texte"</f><v>texte</v></c></row>
<row r="7"><c r="A7"><f t="shared" ref="A7:C8" si="0">$A$2+A2&amp;"A1"&amp;'Feuille A1'!B$2</f><v>24</v></c><c r="B7"><f t="shared" si="0"/><v>1</v></c><c r="C7"><f t="shared" si="0"/></c></row>
<row r="8"><c r="A8"><f t="shared" si="0"/><v>3</v></c><c r="B8"><f t="shared" si="1"/><v>4</v></c><c r="C8"><f t="shared" si="0"/><v>5</v></c></row>
<row r="9"><c r="A9"><f t="shared" ref="A9:B9" si="1">SUM(A:A)+ROW(2:2)</f><v>1</v></c></row>
<row r="10"><c r="B10" s="0"/><c r="C10"/></row>
<!-- <row r="11"><c r="A11"><v>99</v></c></row> -->
<?ignored instruction?>
<row r="12"><c r="A12" t="str"><v>a &amp;lt; b</v></c><c r="B12"><v>1E+3</v></c><c r="C12" t="d"><v>2024-02-29T00:00:00</v></c><c r="D12" t="n"><v>abc</v></c></row>
</sheetData>
<sheetProtection password="CC3D" sheet="true" objects="1"/>
</worksheet>`;

const HIDDEN_SHEET =
  `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
  `<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r='B1' t='inlineStr'><x:is><x:t>quote ' "</x:t></x:is></x:c>` +
  `<x:c r="C1" t="str" data-x="a>b"><x:v>ok</x:v></x:c><x:c r="D1" t="inlineStr"><x:is><x:t>l1\r\nl2\rl3</x:t></x:is></x:c>` +
  `<x:c r="E1" t="inlineStr"><x:is><x:t>a&#13;b</x:t></x:is></x:c></x:row></x:sheetData>` +
  `<x:sheetProtection sheet="1"/></x:worksheet>`;

const SHARED_STRINGS = `<sst ${NS} count="7" uniqueCount="7">
<si><t>simple</t></si>
<si><r><rPr><b/></rPr><t>Gras</t></r><r><t xml:space="preserve"> et normal </t></r></si>
<si><t>日本</t><rPh sb="0" eb="2"><t>ニホン</t></rPh><phoneticPr fontId="1"/></si>
<si><t>a&lt;b &amp; &#233;t&#xE9; &#x1F600;</t></si>
<si><t>ligne_x000D_
suite</t></si>
<si/>
<si><t><![CDATA[<cdata> & co]]></t></si>
</sst>`;

const STYLES = `<styleSheet ${NS}>
<numFmts count="4"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0.00&quot; h&quot;"/><numFmt numFmtId="166" formatCode="[$-40C]#,##0.00"/><numFmt numFmtId="14" formatCode="0.00"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="22"/></cellStyleXfs>
<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165"><alignment wrapText="1"/></xf><xf numFmtId="166"/><xf numFmtId="22"/><xf numFmtId="14"/></cellXfs>
<dxfs count="1"><dxf><numFmt numFmtId="167" formatCode="yyyy"/></dxf></dxfs>
</styleSheet>`;

/** A workbook whose main part is xl/book.xml, with prefixed elements and every kind of relationship target. */
function handmade(overrides: Record<string, string | null> = {}): Buffer {
  const parts: Record<string, string> = {
    "[Content_Types].xml": `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
    "_rels/.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/book.xml"/></Relationships>`,
    "xl/_rels/book.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="${REL}/worksheet" Target="/xl/worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="${REL}/worksheet" Target="./worksheets/meta.xml"/>
<Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId4" Type="${REL}/styles" Target="../xl/styles.xml"/>
<Relationship Id="rId5" Type="${REL}/worksheet" Target="worksheets/hidden.xml"/>
<Relationship Id="rId6" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/>
<Relationship Id="rId7" Type="${REL}/hyperlink" Target="https://example.org/" TargetMode="External"/>
</Relationships>`,
    "xl/book.xml": `<?xml version="1.0" encoding="UTF-8"?>
<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ${R_NS}>
<!-- <x:sheet name="faux" sheetId="9" r:id="rId1"/> -->
<x:workbookPr date1904="1"/>
<x:sheets>
<x:sheet name="Données &amp; co" sheetId="1" r:id="rId1"/>
<x:sheet name="Caché" sheetId="3" state="veryHidden" r:id="rId5"/>
<x:sheet name="Graphique" sheetId="4" r:id="rId6"/>
<x:sheet name="CTG_meta" sheetId="2" state="veryHidden" r:id="rId2"/>
</x:sheets></x:workbook>`,
    "xl/sharedStrings.xml": SHARED_STRINGS,
    "xl/styles.xml": STYLES,
    "xl/worksheets/sheet1.xml": DATA_SHEET,
    "xl/worksheets/hidden.xml": HIDDEN_SHEET,
    "xl/worksheets/meta.xml": metaSheetXml(),
    "xl/chartsheets/sheet1.xml": `<chartsheet ${NS}/>`,
  };
  const files: Zippable = {};
  for (const [name, text] of Object.entries({ ...parts, ...overrides }))
    if (text !== null) files[name] = strToU8(text);
  return Buffer.from(zipSync(files, { level: 0 }));
}

describe("what the streaming reader reads beyond exceljs", () => {
  it("reads only the sheets asked for (ctg check: the axis sheets), with the same cells and metadata", async () => {
    const all = await readXlsx(filled);
    const axes = await readXlsx(filled, { sheets: (name) => name.startsWith("Axe ") });
    if (!all.ok || !axes.ok) throw new Error("filled workbook unreadable");
    const axisNames = [...all.workbook.sheets.keys()].filter((n) => n.startsWith("Axe "));
    expect(axisNames.length).toBeGreaterThan(1);
    expect([...axes.workbook.sheets.keys()]).toEqual(axisNames);
    for (const name of axisNames)
      expect(axes.workbook.sheets.get(name)).toEqual(all.workbook.sheets.get(name));
    expect(axes.workbook.meta).toEqual(all.workbook.meta);
    expect(axes.workbook.planJson).toEqual(all.workbook.planJson);
  });

  it("reads the values alone when asked (ctg check): the same cells, no formula text", async () => {
    const all = await readXlsx(filled);
    const values = await readXlsx(filled, { formulas: false });
    if (!all.ok || !values.ok) throw new Error("filled workbook unreadable");
    const axis = all.workbook.sheets.get("Axe I");
    expect(axis?.formulas.size).toBeGreaterThan(100);
    for (const [name, sheet] of all.workbook.sheets) {
      const read = values.workbook.sheets.get(name);
      expect(read?.formulas.size).toBe(0);
      // Same values; a formula cell without a cached value is a blank cell either way.
      const trim = (rows: ReadonlyArray<ReadonlyArray<unknown>>) =>
        rows.map((r) => {
          const out = [...r];
          while (out.length && (out[out.length - 1] ?? null) === null) out.pop();
          return out;
        });
      expect({ name, rows: trim(read?.rows ?? []) }).toEqual({ name, rows: trim(sheet.rows) });
    }
  });

  it("reads a package laid out by another tool: main part, targets, prefixes, types, styles, 1904 dates", async () => {
    const read = await readXlsx(handmade());
    if (!read.ok) throw new Error(JSON.stringify(read.problem));
    expect(read.workbook.meta).toEqual({
      schema: META_SCHEMA,
      planId: "p",
      planVersion: "1.0.0",
      generator: "à la main",
      generatorVersion: "0",
      fingerprint: "0123456789abcdef",
      partner: "",
    });
    expect(read.workbook.planJson).toBe('{"a":1}');
    expect([...read.workbook.sheets.keys()]).toEqual(["Données & co", "Caché"]);
    const data = read.workbook.sheets.get("Données & co");
    expect(data?.protected).toBe(true);
    expect(data?.rows).toStrictEqual([
      ["simple", "Gras et normal ", "日本", "a<b & été 😀", "ligne\r\nsuite", null, "<cdata> & co"],
      [12, -3.5, 0, true, false, "#DIV/0!", "en ligne", "riche texte"],
      [1, 2, null, null, 5, 6],
      [],
      // 1904 system: serial 45000 is 2027-03-16; custom format 14 ("0.00") is no date.
      ["2027-03-16", 1.5, 2.25, "2027-03-16", 3, null],
      [24, "x12", false, 0, "#DIV/0!", null, "2027-03-16", "texte"],
      [24, 1, null],
      [3, 4, 5],
      [1],
      [],
      [],
      // A word where a number is expected is kept as the text it is (reported by the engine).
      ["a &lt; b", 1000, "2024-02-29", "abc"],
    ]);
    expect(Object.fromEntries(data?.formulas ?? [])).toEqual({
      "5,0": "A2*2",
      "5,1": '"x"&A2',
      "5,2": "A2>0",
      "5,3": "C2",
      "5,4": "1/0",
      "5,5": "NOW()",
      "5,6": "A5",
      "5,7": '"texte"',
      "6,0": `$A$2+A2&"A1"&'Feuille A1'!B$2`,
      "6,1": `$A$2+B2&"A1"&'Feuille A1'!C$2`,
      "6,2": `$A$2+C2&"A1"&'Feuille A1'!D$2`,
      "7,0": `$A$2+A3&"A1"&'Feuille A1'!B$2`,
      "7,1": "SUM(B:B)+ROW(1:1)", // its master (A9) comes later in the file
      "7,2": `$A$2+C3&"A1"&'Feuille A1'!D$2`,
      "8,0": "SUM(A:A)+ROW(2:2)",
    });
    expect(read.workbook.sheets.get("Caché")).toStrictEqual({
      name: "Caché",
      rows: [["simple", "quote ' \"", "ok", "l1\nl2\nl3", "a\rb"]],
      formulas: new Map(),
      protected: true,
    });
  });

  it("reads a workbook without styles or shared strings", async () => {
    const read = await readXlsx(
      handmade({
        "xl/sharedStrings.xml": null,
        "xl/styles.xml": null,
        "xl/worksheets/sheet1.xml": `<worksheet ${NS}><sheetData><row r="1"><c r="A1" s="1"><v>45000</v></c><c r="B1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
      })
    );
    if (!read.ok) throw new Error(JSON.stringify(read.problem));
    // A shared string the file does not have: kept as a visible marker, never read as blank.
    expect(read.workbook.sheets.get("Données & co")?.rows).toEqual([
      [45000, "(texte perdu : le fichier renvoie au texte partagé n° 0, qu'il ne contient pas)"],
    ]);
    expect(read.workbook.sheets.get("Données & co")?.protected).toBe(false);
  });

  it("keeps a formula's text result in a date-formatted cell (exceljs threw)", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(built as unknown as ArrayBuffer);
    const ws = wb.addWorksheet("Dates");
    ws.getCell("A1").value = { formula: 'IF(TRUE,"à venir",0)', result: "à venir" };
    ws.getCell("A1").numFmt = "dd/mm/yyyy";
    const data = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    await expect(readXlsxWithExcelJs(data)).rejects.toThrow(RangeError);
    const read = await readXlsx(data);
    expect(read.ok && read.workbook.sheets.get("Dates")?.rows).toEqual([["à venir"]]);
  });
});

describe("files that are no CTG workbook: a problem, never an exception", () => {
  const problem = async (data: Buffer) => {
    const read = await readXlsx(data);
    return read.ok ? "ok" : read.problem.code;
  };

  it("not a zip, an empty file, a zip that is no workbook, an empty zip, a truncated file", async () => {
    expect(await problem(Buffer.from("ceci n'est pas un classeur"))).toBe("check.not_xlsx");
    expect(await problem(Buffer.alloc(0))).toBe("check.not_xlsx");
    expect(await problem(Buffer.from(zipSync({ "notes.txt": strToU8("bonjour") })))).toBe(
      "check.not_xlsx"
    );
    expect(await problem(Buffer.from(zipSync({})))).toBe("check.not_xlsx");
    expect(await problem(built.subarray(0, Math.floor(built.length / 2)))).toBe("check.not_xlsx");
    expect(await problem(built.subarray(0, built.length - 10))).toBe("check.not_xlsx");
  });

  it("a workbook without CTG_meta, with invalid metadata, or with a sheet that is not XML", async () => {
    const withoutMeta = handmade({
      "xl/book.xml": `<workbook ${NS} ${R_NS}><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    });
    expect(await problem(withoutMeta)).toBe("check.not_ctg");
    expect(await problem(handmade({ "xl/worksheets/meta.xml": metaSheetXml("pas-hexa") }))).toBe(
      "check.meta_invalid"
    );
    expect(
      await problem(
        handmade({ "xl/worksheets/sheet1.xml": `<worksheet><sheetData><row r="1"><c r="A1` })
      )
    ).toBe("check.not_xlsx");
  });

  it("any bytes of a workbook changed, or any end cut off", async () => {
    const good = handmade();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat({ max: good.length - 1 }), byte: fc.nat({ max: 255 }) }), {
          minLength: 1,
          maxLength: 8,
        }),
        async (changes) => {
          const data = Buffer.from(good);
          for (const { at, byte } of changes) data[at] = byte;
          const read = await readXlsx(data);
          expect(typeof read.ok).toBe("boolean");
        }
      ),
      { numRuns: 300 }
    );
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: built.length - 1 }), async (end) => {
        const read = await readXlsx(built.subarray(0, end));
        expect(read.ok).toBe(false);
      }),
      { numRuns: 30 }
    );
  });
});

describe("the pieces", () => {
  it("moves a shared formula's references, never its literals, names or absolute parts", () => {
    const cases: Array<[string, number, number, string]> = [
      ["A1+B2", 1, 0, "A2+B3"],
      ["$A$1+A$1+$A1", 2, 3, "$A$1+D$1+$A3"],
      ['"A1"&A1', 1, 1, '"A1"&B2'],
      ['"say ""A1"""&A1', 1, 0, '"say ""A1"""&A2'],
      ["'A1 B2'!C3+'it''s A1'!A1", 1, 0, "'A1 B2'!C4+'it''s A1'!A2"],
      ["Feuil1!A1:B2", 0, 1, "Feuil1!B1:C2"],
      ["SUM(A:A,$B:$B,3:3,$4:$4)", 1, 1, "SUM(B:B,$B:$B,4:4,$4:$4)"],
      ["Table1[Col1]+Table1[[#This Row],[A1]]", 1, 1, "Table1[Col1]+Table1[[#This Row],[A1]]"],
      ["LOG10(A1)+_xlfn.STDEV.S(A1:A3)", 1, 0, "LOG10(A2)+_xlfn.STDEV.S(A2:A4)"],
      ["1E5+A1*2.5", 1, 0, "1E5+A2*2.5"],
      ["IFERROR(A1,#N/A)+#REF!", 1, 0, "IFERROR(A2,#N/A)+#REF!"],
      ["XFD1+XFE1", 0, 1, "#REF!+XFE1"],
      ["A2", -1, 0, "A1"],
      ["A1", -1, 0, "#REF!"],
      ["[1]Feuil1!A1", 1, 0, "[1]Feuil1!A2"],
      ["Échéancier!B2", 1, 0, "Échéancier!B3"],
    ];
    for (const [formula, dRow, dCol, moved] of cases)
      expect([formula, translateFormula(formula, dRow, dCol)]).toEqual([formula, moved]);
  });

  it("knows date formats as exceljs did, and better", () => {
    for (const code of [
      "dd/mm/yyyy",
      "mm-dd-yy",
      "h:mm AM/PM",
      "[h]:mm:ss",
      "[$-40C]d mmmm yyyy",
      "DD/MM/YYYY",
      "yyyy",
    ])
      expect([code, isDateFormat(code)]).toEqual([code, true]);
    for (const code of [
      "General",
      "0.00",
      '0.0" h"',
      "#,##0 [$€-40C]",
      "0\\h",
      "@",
      "0%",
      "[Red]0.00",
      "_-* #,##0_-",
    ])
      expect([code, isDateFormat(code)]).toEqual([code, false]);
  });

  it("decodes XML entities and character references as the regular expression it replaces", () => {
    const reference = (s: string) =>
      s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
        const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
        if (e[0] !== "#") return named[e] ?? m;
        const code =
          e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return code <= 0x10ffff && e.length <= 16 ? String.fromCodePoint(code) : m;
      });
    const piece = fc.constantFrom(
      "&amp;",
      "&lt;",
      "&gt;",
      "&quot;",
      "&apos;",
      "&#233;",
      "&#xE9;",
      "&#X1F600;",
      "&nbsp;",
      "&",
      ";",
      "#",
      "x",
      "a",
      "é",
      "&#;",
      "&#x;",
      "&#99999999;"
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const s = pieces.join("");
        expect(unescapeXml(s)).toBe(reference(s));
      }),
      { numRuns: 500 }
    );
    expect(unescapeXml("R&amp;D &lt;&#233;t&#xe9;&gt; &unknown; &#x110000;")).toBe(
      "R&D <été> &unknown; &#x110000;"
    );
  });
});

describe("shared formulas made of our own formulas", () => {
  it("move as exceljs moved them (the formulas of every sheet `ctg build` writes)", async () => {
    const { slideFormula } = require("exceljs/lib/utils/shared-formula") as {
      slideFormula: (formula: string, from: string, to: string) => string;
    };
    const read = await readXlsx(built);
    if (!read.ok) throw new Error("unreadable");
    const a1 = (r: number, c: number) => `${String.fromCharCode(65 + c)}${r + 1}`;
    let compared = 0;
    for (const sheet of read.workbook.sheets.values())
      for (const formula of sheet.formulas.values())
        for (const [dRow, dCol] of [
          [1, 0],
          [0, 1],
          [7, 3],
        ] as const) {
          expect(translateFormula(formula, dRow, dCol)).toBe(
            slideFormula(formula, a1(0, 0), a1(dRow, dCol))
          );
          compared++;
        }
    expect(compared).toBeGreaterThan(3000);
  });
});
