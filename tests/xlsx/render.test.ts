import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { unzipSync, strFromU8 } from "fflate";
import { STYLES } from "../../src/domain/workbook/styles";
import type { Cell, SheetModel, WorkbookModel } from "../../src/domain/workbook/model";
import { readXlsx } from "../../src/xlsx/read";
import { writeXlsx } from "../../src/xlsx/write";
import { recalculateWithLibreOffice } from "../support/libreoffice";

/**
 * The part writer (src/xlsx/render.ts) on a small model made of what users type and what the
 * generator uses: every text comes back as the same text (never a formula) from our reader, from
 * exceljs and from LibreOffice, which also computes the formulas and keeps the sheet settings.
 */

jest.setTimeout(300_000);

const tmp = mkdtempSync(join(tmpdir(), "ctg-render-"));

/** Texts a user may type or paste: formula-like, Office escapes, controls, spaces, XML, emoji. */
const TEXTS = [
  "=1+1",
  "+33 6 12 34 56 78",
  "-5",
  "@mairie",
  '=HYPERLINK("http://x","y")',
  "_x0041_ reste tel quel",
  "ligne 1\nligne 2",
  "retour\r\nchariot",
  "tab\tulé",
  "contrôle \u0001\u001f",
  "  espaces autour  ",
  " ",
  "<b>&amp;</b> \"guillemets\" 'apostrophes'",
  "Cœur ❤ 👍🏽 Ségali",
  "12,5",
  "0042",
];

const text = (t: string, style?: Cell["style"]): Cell => ({
  value: { kind: "text", text: t },
  style,
});

function sheet(
  name: string,
  cells: Array<Array<Cell | null>>,
  extra: Partial<SheetModel> = {}
): SheetModel {
  return {
    name,
    cells,
    columns: [{ width: 30 }, { width: 12 }, { width: 12, hidden: true }, { width: 12 }],
    rowHeights: {},
    tables: [],
    validations: [],
    conditionalFormats: [],
    dataBars: [],
    frozen: null,
    protection: null,
    print: { orientation: "portrait", fitToWidth: false, repeatRows: null },
    tabColor: null,
    ...extra,
  };
}

const model: WorkbookModel = {
  meta: {
    planId: "essai",
    planVersion: "1.0.0",
    generator: "ctg-classeur",
    generatorVersion: "test",
    fingerprint: "0123456789abcdef",
    partner: null,
  },
  styles: STYLES,
  names: [{ name: "Taux", ref: "'L''autre onglet'!$B$2" }],
  planJson: JSON.stringify({ essai: "x".repeat(70_000) }),
  sheets: [
    sheet(
      "Saisies & textes",
      [
        [
          text("Texte", "header"),
          text("Nombre", "header"),
          text("Caché", "header"),
          text("Calcul", "header"),
        ],
        ...TEXTS.map((t, i): Array<Cell | null> => [
          text(t, "inputWrap"),
          {
            value: { kind: "number", value: i === 0 ? 0.1 + 0.2 : i * 1250.5 },
            style: "input",
            format: "integer",
          },
          { value: { kind: "boolean", value: i % 2 === 0 } },
          {
            value: { kind: "formula", formula: `IF(B${i + 2}>1000,"grand","petit")` },
            style: "computed",
          },
        ]),
        [
          { value: { kind: "date", iso: "2024-03-15" }, format: "date" },
          { value: { kind: "date", iso: "1999-12-31" } },
          null,
          {
            value: {
              kind: "link",
              text: "Aller à l'autre onglet",
              sheet: "L'autre onglet",
              cell: "B2",
            },
            style: "link",
          },
        ],
      ],
      {
        frozen: { rows: 1, columns: 0 },
        protection: {
          enabled: true,
          allowFormatColumns: true,
          allowSort: false,
          allowAutoFilter: true,
        },
        rowHeights: { 0: 30, 40: 18 },
        tabColor: "2E75B6",
        print: { orientation: "landscape", fitToWidth: true, repeatRows: "1:1" },
        validations: [
          {
            range: `B2:B${TEXTS.length + 1}`,
            rule: { kind: "decimal", min: 0, max: 1e9 },
            promptTitle: "Un nombre « positif » & <grand>",
            prompt: "Saisissez un nombre.",
            errorTitle: "Erreur",
            error: "Nombre attendu",
            alert: "warning",
            allowBlank: true,
          },
        ],
        conditionalFormats: [
          {
            range: `D2:D${TEXTS.length + 1}`,
            formula: 'D2="grand"',
            fill: "C6EFCE",
            color: "006100",
            bold: true,
            priority: 1,
          },
        ],
        dataBars: [{ range: `B2:B${TEXTS.length + 1}`, color: "63BE7B" }],
      }
    ),
    sheet(
      "L'autre onglet",
      [
        [text("Nom"), text("Valeur")],
        [text("taux"), { value: { kind: "number", value: 0.25 }, format: "percent" }],
        [text("total"), { value: { kind: "formula", formula: "SUM('Saisies & textes'!B2:B5)" } }],
      ],
      {
        frozen: { rows: 0, columns: 1 },
        tables: [
          {
            name: "Tableau_Essai",
            top: 0,
            left: 0,
            columns: ["Nom", "Valeur"],
            rowCount: 2,
            style: "TableStyleLight9",
          },
        ],
      }
    ),
  ],
};

let file: string;
let bytes: Buffer;

beforeAll(async () => {
  bytes = await writeXlsx(model);
  file = join(tmp, "rendu.xlsx");
  writeFileSync(file, bytes);
});

/**
 * What LibreOffice keeps: it drops control characters and stores a carriage return as a line feed
 * (Calc cannot hold either in a cell); every other text must come back as written.
 */
const CALC_KEEPS = (t: string) =>
  [...t].every((ch) => {
    const c = ch.codePointAt(0) ?? 0;
    return c >= 0x20 || c === 9 || c === 10;
  });

/** A part of an .xlsx file as text. */
function part(data: Uint8Array, name: string): string {
  const bytes = unzipSync(data)[name];
  if (!bytes) throw new Error(`no part ${name}`);
  return strFromU8(bytes);
}

/** Whether a cell of the first sheet is locked, read from the file's styles (exceljs misreads Calc's). */
function locked(data: Uint8Array, ref: string): boolean {
  const sheetXml = part(data, "xl/worksheets/sheet1.xml");
  const style = Number(new RegExp(`<c r="${ref}"(?: [^>]*)? s="(\\d+)"`).exec(sheetXml)?.[1] ?? 0);
  const xfs = part(data, "xl/styles.xml").split("<cellXfs")[1] ?? "";
  const xf = [...xfs.matchAll(/<xf\b[^>]*?(?:\/>|>.*?<\/xf>)/gs)][style]?.[0] ?? "";
  return !/<protection[^>]*locked="(?:0|false)"/.test(xf);
}

/** The column of texts of the first sheet, as a reader gives them (null for a missing cell). */
function textsOf(rows: ReadonlyArray<ReadonlyArray<unknown>>): unknown[] {
  return TEXTS.map((_, i) => rows[i + 1]?.[0] ?? null);
}

describe("the part writer", () => {
  it("gives every text back as written to our reader, with the metadata and the stored plan", async () => {
    const read = await readXlsx(bytes);
    if (!read.ok) throw new Error("unreadable");
    const first = read.workbook.sheets.get("Saisies & textes");
    expect(textsOf(first?.rows ?? [])).toEqual(TEXTS);
    expect(first?.rows[1]?.[1]).toBeCloseTo(0.3);
    expect(first?.rows[TEXTS.length + 1]?.[0]).toBe("2024-03-15");
    expect(read.workbook.sheets.get("L'autre onglet")?.rows[1]?.[1]).toBe(0.25);
    expect(read.workbook.planJson).toBe(model.planJson);
  });

  it("writes texts as shared strings and formulas only where the model has one", () => {
    const parts = unzipSync(new Uint8Array(bytes));
    const sheetXml = strFromU8(parts["xl/worksheets/sheet1.xml"] as Uint8Array);
    const formulas = [...sheetXml.matchAll(/<f>([^<]*)<\/f>/g)].map((m) => m[1]);
    expect(formulas).toHaveLength(TEXTS.length);
    for (const f of formulas) expect(f).toMatch(/^IF\(B\d+&gt;1000,"grand","petit"\)$/);
    // No part holds a character XML 1.0 refuses (controls other than tab, line feed, return).
    const refused = (s: string) =>
      [...s].filter((ch) => {
        const c = ch.codePointAt(0) ?? 0;
        return c < 0x20 && c !== 9 && c !== 10 && c !== 13;
      });
    for (const [name, data] of Object.entries(parts))
      expect({ name, refused: refused(strFromU8(data)) }).toEqual({ name, refused: [] });
  });

  it("is read by exceljs with the same texts, styles, names, protection and settings", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Saisies & textes");
    if (!ws) throw new Error("sheet missing");
    expect(TEXTS.map((_, i) => ws.getCell(i + 2, 1).value)).toEqual(TEXTS);
    expect(ws.getCell("A2").protection).toMatchObject({ locked: false });
    expect(ws.getCell("B3").numFmt).toBe("#,##0");
    expect(ws.getColumn(3).hidden).toBe(true);
    expect(ws.getColumn(3).outlineLevel).toBe(1);
    expect(ws.getRow(1).height).toBe(30);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: true, paperSize: 9 });
    expect(wb.getWorksheet("CTG_meta")?.state).toBe("veryHidden");
    expect(wb.definedNames.getRanges("Taux").ranges).toEqual(["'L''autre onglet'!$B$2"]);
    const other = wb.getWorksheet("L'autre onglet");
    expect(other?.views[0]).toMatchObject({ state: "frozen", xSplit: 1 });
    expect(Object.keys((other as unknown as { tables: Record<string, unknown> }).tables)).toEqual([
      "Tableau_Essai",
    ]);
  });

  it("opens in LibreOffice, which computes the formulas and keeps texts, protection and names", async () => {
    const recalculated = await recalculateWithLibreOffice(file, {
      outDir: mkdtempSync(join(tmp, "lo-")),
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(recalculated);
    const ws = wb.getWorksheet("Saisies & textes");
    if (!ws) throw new Error("sheet missing");
    const kept = TEXTS.flatMap((t, i) => (CALC_KEEPS(t) ? [[t, ws.getCell(i + 2, 1).value]] : []));
    expect(kept.length).toBeGreaterThan(12);
    for (const [written, read] of kept) expect(read).toBe(written);
    const results = TEXTS.map(
      (_, i) => (ws.getCell(i + 2, 4).value as { result?: unknown }).result
    );
    expect(results).toEqual(
      TEXTS.map((_, i) => (i === 0 || i * 1250.5 <= 1000 ? "petit" : "grand"))
    );
    const other = wb.getWorksheet("L'autre onglet");
    expect((other?.getCell("B3").value as { result?: unknown }).result).toBeCloseTo(
      0.3 + 1250.5 + 2501 + 3751.5
    );
    const saved = new Uint8Array(readFileSync(recalculated));
    expect(locked(saved, "A2")).toBe(false);
    expect(locked(saved, "D2")).toBe(true);
    expect(part(saved, "xl/worksheets/sheet1.xml")).toMatch(
      /<sheetProtection [^>]*sheet="(1|true)"/
    );
    expect(wb.definedNames.getRanges("Taux").ranges).toEqual(["'L''autre onglet'!$B$2"]);
    // The link to the other sheet is still there, as Calc writes them too (a location, no relationship).
    expect(part(saved, "xl/worksheets/sheet1.xml")).toContain(
      `<hyperlink ref="D${TEXTS.length + 2}" location="&apos;L&apos;&apos;autre onglet&apos;!B2"`
    );
    // Our reader reads what LibreOffice saved: the same texts.
    const read = await readXlsx(
      await import("node:fs").then((fs) => fs.readFileSync(recalculated))
    );
    if (!read.ok) throw new Error("unreadable after LibreOffice");
    const rows = read.workbook.sheets.get("Saisies & textes")?.rows ?? [];
    expect(textsOf(rows).filter((_, i) => CALC_KEEPS(TEXTS[i] ?? ""))).toEqual(
      TEXTS.filter(CALC_KEEPS)
    );
  });
});
