/**
 * Adversarial suite, theme « odd entries »: what a user (or another tool) can leave in an input cell
 * (numbers at the edges, texts that look like formulas or numbers, unicode, blanks, booleans, dates,
 * errors, formulas with and without their computed value, damaged values in the XML), each put in
 * one input cell of a fresh master. Each case asserts `ctg check`'s exit status and French reason,
 * then `ctg refresh`'s, and counts the entry before and after: the value is still in its input cell
 * (or in the Archives), a text never became a formula.
 */
import { join } from "node:path";
import {
  build,
  census,
  ctg,
  editXlsx,
  formulasOf,
  longestCellText,
  lost,
  setXmlCells,
  sheetOf,
  smallPlan,
  tempDir,
  writeJson,
  xml,
  type Typed,
  type XmlCell,
} from "./helpers";
import type { EntryValue } from "../../src/domain/workbook/entries";

jest.setTimeout(300_000);

const dir = tempDir("entries");
const at = (name: string) => join(dir, name);
let master = "";

beforeAll(async () => {
  const plan = writeJson(at("plan.json"), smallPlan());
  master = await build(at("maitre.xlsx"), "--plan", plan);
});

/** Where each kind of cell is in the small master (Axe I, I.A.1 and I.A.4, I.C.5). */
const COUNT = { sheet: "Axe I", cell: "R7", key: "I.A.1-RES-1", column: "2021" }; // ≥ 12 enfants / an
const MILESTONE = { sheet: "Axe I", cell: "R5", key: "I.A.1-REA-1", column: "2021" }; // Oui / Non
const PERCENT = { sheet: "Axe I", cell: "R22", key: "I.C.5-RES-1", column: "2021" }; // = 50 %
const QUALITATIVE = { sheet: "Axe I", cell: "R9", key: "I.A.1-IMP-1", column: "2021" };
const COMMENT = { sheet: "Axe I", cell: "X7", key: "I.A.1-RES-1", column: "Commentaire" };
const BASELINE = { sheet: "Axe I", cell: "Q17", key: "I.A.4-RES-2", column: "Référence" };
type Where = typeof COUNT;

let serial = 0;

/** Puts `cell` in a copy of the master, runs check and refresh, counts before and after. */
async function typeAndRun(where: Where, cell: XmlCell) {
  const file = at(`saisie-${++serial}.xlsx`);
  await setXmlCells(master, file, where.sheet, { [where.cell]: cell });
  const before = await census(file);
  const check = await ctg("check", file);
  const out = at(`saisie-${serial}-regen.xlsx`);
  const refresh = await ctg("refresh", file, "--out", out);
  const after = await census(out);
  return { file, out, before, check, refresh, after };
}

const LONG = "Très long commentaire du pilote. ".repeat(160); // about 5 000 characters

type Case = [
  name: string,
  where: Where,
  cell: XmlCell,
  checkStatus: number,
  reason: RegExp,
  /** The value as read (null: not an entry, e.g. spaces only). */
  value: EntryValue | null,
];

const CASES: Case[] = [
  ["a count", COUNT, xml.number(15), 0, /« 15 » lu comme 15 — Atteint/, 15],
  ["zero", COUNT, xml.number(0), 0, /« 0 » lu comme 0 — Non atteint/, 0],
  ["a negative count", COUNT, xml.number(-5), 1, /-5 : un nombre ne peut pas être négatif/, -5],
  ["a decimal count", COUNT, xml.number(12.5), 1, /12,5 : saisissez un nombre entier/, 12.5],
  ["1e308", COUNT, xml.number("1e308"), 0, /Atteint/, 1e308],
  [
    "the largest double",
    COUNT,
    xml.number("1.7976931348623157e308"),
    0,
    /Atteint/,
    1.7976931348623157e308,
  ],
  ["the smallest double", COUNT, xml.number("5e-324"), 1, /nombre entier/, 5e-324],
  ["minus zero", COUNT, xml.number("-0"), 0, /Non atteint/, 0],
  ["a number typed as text", COUNT, xml.text("12,5"), 1, /nombre saisi comme du texte/, "12,5"],
  [
    "a number with spaces",
    COUNT,
    xml.text(" 7 "),
    1,
    /«\s7\s» : nombre saisi comme du texte/,
    " 7 ",
  ],
  ["a text starting with =", COUNT, xml.text("=1+1"), 1, /«\s=1\+1\s» n'est pas un nombre/, "=1+1"],
  [
    "a text starting with +",
    COUNT,
    xml.text("+ de 3 familles"),
    1,
    /n'est pas un nombre/,
    "+ de 3 familles",
  ],
  [
    "a text starting with -",
    COUNT,
    xml.text("-à revoir en comité"),
    1,
    /n'est pas un nombre/,
    "-à revoir en comité",
  ],
  [
    "a text starting with @",
    COUNT,
    xml.text("@mairie"),
    1,
    /«\s@mairie\s» n'est pas un nombre/,
    "@mairie",
  ],
  [
    "a formula string without formula",
    COUNT,
    { t: "str", inner: "<v>=SOMME(A1:A3)</v>" },
    1,
    /n'est pas un nombre/,
    "=SOMME(A1:A3)",
  ],
  [
    "unicode and emoji",
    COUNT,
    xml.text("😀 ünïcödé 中文"),
    1,
    /«\s😀 ünïcödé 中文\s» n'est pas un nombre/,
    "😀 ünïcödé 中文",
  ],
  [
    "XML special characters",
    COUNT,
    xml.text('<b>&amp;</b> "x"'),
    1,
    /n'est pas un nombre/,
    '<b>&amp;</b> "x"',
  ],
  [
    "a text on two lines",
    COMMENT,
    xml.text("ligne 1\nligne 2"),
    0,
    /Toutes les saisies sont valides/,
    "ligne 1\nligne 2",
  ],
  ["spaces only (not an entry)", COUNT, xml.text("   "), 0, /69 cibles, 0 saisies/, null],
  [
    "a 5 000-character comment",
    COMMENT,
    xml.text(LONG),
    0,
    /Toutes les saisies sont valides/,
    LONG,
  ],
  [
    "a boolean in a count cell",
    COUNT,
    xml.boolean(true),
    1,
    /«\sVRAI\s» : saisissez un nombre, pas une case à cocher/,
    true,
  ],
  [
    "a boolean in a milestone cell",
    MILESTONE,
    xml.boolean(true),
    0,
    /lu comme Oui — Atteint/,
    true,
  ],
  ["Oui", MILESTONE, xml.text("Oui"), 0, /« Oui » lu comme Oui — Atteint/, "Oui"],
  ["oui with a trailing space", MILESTONE, xml.text("oui "), 0, /lu comme Oui — Atteint/, "oui "],
  [
    "a word that is not a milestone",
    MILESTONE,
    xml.text("fait"),
    1,
    /«\sfait\s» : répondez Oui, Non ou En cours/,
    "fait",
  ],
  ["a share as a fraction", PERCENT, xml.number(0.45), 0, /lu comme 45 — En cours/, 0.45],
  [
    "a share above 100 %",
    PERCENT,
    xml.number(1.5),
    1,
    /150\s% : un pourcentage ne peut pas dépasser 100\s%/,
    1.5,
  ],
  [
    "a share typed as text",
    PERCENT,
    xml.text("45 %"),
    1,
    /«\s45 %\s» : nombre saisi comme du texte/,
    "45 %",
  ],
  ["a qualitative remark", QUALITATIVE, xml.text("Très bien"), 0, /Qualitatif/, "Très bien"],
  [
    "a negative baseline",
    BASELINE,
    xml.number(-3),
    1,
    /Valeur de référence invalide \(«\s-3\s»\)/,
    -3,
  ],
  [
    "an ISO date (t=d) in a count cell",
    COUNT,
    xml.date("2023-05-01T00:00:00"),
    1,
    /«\s2023-05-01\s» n'est pas un nombre/,
    "2023-05-01",
  ],
  ["an inline string", COUNT, xml.text("inline 12"), 1, /n'est pas un nombre/, "inline 12"],
  ["an error value (#N/A)", COUNT, xml.error("#N/A"), 1, /erreur Excel \(#N\/A\)/, "#N/A"],
  [
    "=5-5 with its result",
    COUNT,
    xml.formula("5-5", { v: 0 }),
    0,
    /« 0 » lu comme 0 — Non atteint/,
    0,
  ],
  ["=5-5 without its result", COUNT, xml.formula("5-5"), 0, /« 0 » lu comme 0 — Non atteint/, 0],
  [
    "=1=2 without its result",
    COUNT,
    xml.formula("1=2"),
    1,
    /«\sFAUX\s» : saisissez un nombre, pas une case à cocher/,
    false,
  ],
  ["=VRAI without its result", MILESTONE, xml.formula("VRAI"), 0, /lu comme Oui — Atteint/, true],
  ["=10% without its result", PERCENT, xml.formula("10%"), 0, /lu comme 10/, 0.1],
  ["=1/0 without its result", COUNT, xml.formula("1/0"), 1, /erreur Excel \(#DIV\/0!\)/, "#DIV/0!"],
  [
    "=1/0 with its error",
    COUNT,
    xml.formula("1/0", { t: "e", v: "#DIV/0!" }),
    1,
    /erreur Excel \(#DIV\/0!\)/,
    "#DIV/0!",
  ],
  [
    "a reference with #REF!",
    COUNT,
    xml.formula("R8", { t: "e", v: "#REF!" }),
    1,
    /erreur Excel \(#REF!\)/,
    "#REF!",
  ],
  [
    "=SOMME(1;2) with its result",
    COUNT,
    xml.formula("SUM(1,2)", { v: 3 }),
    0,
    /« 3 » lu comme 3 — Non atteint/,
    3,
  ],
  [
    "a text formula with its result",
    COUNT,
    xml.formula('"douze"', { t: "str", v: "douze" }),
    1,
    /«\sdouze\s» n'est pas un nombre/,
    "douze",
  ],
];

describe("an odd value in an input cell: check reads it, refresh keeps it", () => {
  it.each(CASES)("%s", async (_name, where, cell, checkStatus, reason, value) => {
    const { out, before, check, refresh, after } = await typeAndRun(where, cell);
    expect(check.status).toBe(checkStatus);
    expect(check.all).toMatch(reason);
    expect(refresh.status).toBe(0);
    const count = value === null ? 0 : 1;
    expect(refresh.all).toMatch(new RegExp(`; ${count} saisie\\(s\\) gardée\\(s\\), 0 archivée`));
    expect(before.total).toBe(count);
    expect(after.total).toBe(count);
    if (value !== null) {
      const typed: Typed = { ...where, value };
      expect(lost(before, [typed])).toEqual([]);
      expect(lost(after, [typed])).toEqual([]);
    }
    // A text stays a text: nothing typed as text becomes a formula of the regenerated workbook,
    // and a formula typed stays that formula (issue 11: its text is kept).
    const formulas = await formulasOf(out, where.sheet);
    const [r, c] = [Number(/\d+/.exec(where.cell)?.[0]) - 1, where.cell.charCodeAt(0) - 65];
    const typedFormula = /<f>([^<]*)<\/f>/.exec(cell.inner)?.[1];
    expect(formulas.get(`${r},${c}`)?.replace(/&quot;/g, '"')).toBe(
      typedFormula?.replace(/&quot;/g, '"')
    );
  });
});

/**
 * Cells whose content the reader cannot interpret were skipped, neither read nor reported: `check`
 * counted no entry and `refresh` wrote a workbook without them (issue 11: « a cell the reader
 * cannot interpret is reported by id and column, never skipped »). Each is now an entry.
 */
const UNREAD: Array<[name: string, cell: XmlCell]> = [
  ["=SOMME(1;2) without its result (a function needs Excel)", xml.formula("SUM(1,2)")],
  ["=S7+1 without its result (a reference)", xml.formula("S7+1")],
  ['="texte" without its result', xml.formula('"texte"')],
  ["=NA() without its result", xml.formula("NA()")],
  ["a number 1e999 in the XML (not finite)", xml.number("1e999")],
  ["NaN in the XML", xml.number("NaN")],
  ["a word in a number cell of the XML", xml.number("abc")],
  ["a shared string that does not exist", { t: "s", inner: "<v>99999</v>" }],
];

describe("a cell the reader cannot interpret", () => {
  it.each(UNREAD)("%s is counted by check and kept by refresh", async (_name, cell) => {
    const { check, refresh, after } = await typeAndRun(COUNT, cell);
    expect(check.all).toMatch(/69 cibles, 1 saisies/);
    expect(refresh.status).toBe(0);
    expect(refresh.all).toMatch(/; 1 saisie\(s\) gardée\(s\)|, 1 archivée\(s\)/);
    expect(after.total).toBe(1);
  });
});

describe("values a spreadsheet program writes (exceljs)", () => {
  const EXCELJS: Array<
    [name: string, value: ExcelValue, read: EntryValue, status: number, reason: RegExp]
  > = [
    [
      "rich text",
      { richText: [{ text: "riche " }, { font: { bold: true }, text: "gras" }] },
      "riche gras",
      1,
      /«\sriche gras\s» n'est pas un nombre/,
    ],
    [
      "a hyperlink",
      { text: "rapport", hyperlink: "https://exemple.fr/rapport" },
      "rapport",
      1,
      /«\srapport\s» n'est pas un nombre/,
    ],
    // The cell keeps its number format: the date is the serial number the cell shows.
    ["a date", new Date(Date.UTC(2023, 0, 5)), 44931, 0, /« 44931 » lu comme 44\s931 — Atteint/],
  ];
  it.each(EXCELJS)(
    "%s is read as the cell shows it, and kept",
    async (_n, value, read, status, reason) => {
      const file = at(`exceljs-${++serial}.xlsx`);
      await editXlsx(master, file, (wb) => {
        sheetOf(wb, COUNT.sheet).getCell(COUNT.cell).value = value as never;
      });
      const check = await ctg("check", file);
      expect(check.status).toBe(status);
      expect(check.all).toMatch(reason);
      const out = at(`exceljs-${serial}-regen.xlsx`);
      const refresh = await ctg("refresh", file, "--out", out);
      expect(refresh.status).toBe(0);
      expect(refresh.all).toMatch(/; 1 saisie\(s\) gardée\(s\), 0 archivée/);
      const typed: Typed = { ...COUNT, value: read };
      expect((await census(file)).total).toBe(1);
      expect(lost(await census(out), [typed])).toEqual([]);
    }
  );
});

type ExcelValue =
  | Date
  | { richText: Array<{ text: string; font?: { bold: boolean } }> }
  | { text: string; hyperlink: string };

describe("a text over Excel's 32 767 characters per cell", () => {
  const huge = "é".repeat(40_000);

  // Excel holds 32 767 characters per cell (LibreOffice cuts the rest on opening): the cell keeps
  // the beginning of the text, the Archives the whole text in parts (issue 11).
  it("is written in cells Excel can hold, the whole text kept in the Archives", async () => {
    const { out, check, refresh, before, after } = await typeAndRun(COMMENT, xml.text(huge));
    expect(check.status).toBe(0);
    expect(check.all).toMatch(/Toutes les saisies sont valides/);
    expect(refresh.status).toBe(0);
    expect(refresh.all).toMatch(/; 1 saisie\(s\) gardée\(s\), 2 archivée/);
    expect(refresh.all).toMatch(/plus qu'une cellule d'Excel n'en contient : partie 1 sur 2/);
    expect(before.total).toBe(1);
    expect(await longestCellText(out)).toBeLessThanOrEqual(32_767);
    const parts = after.archives.filter((a) => a.id === COMMENT.key && a.column === COMMENT.column);
    expect(parts.map((a) => a.value).join("")).toBe(huge);
    const cell = after.entries.find((e) => e.key === COMMENT.key && e.column === COMMENT.column);
    expect(String(cell?.value).endsWith(" […]")).toBe(true);
    expect(huge.startsWith(String(cell?.value).slice(0, -4))).toBe(true);
  });
});
