import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type { Plan } from "../../src/domain/plan/schema";
import { readXlsx } from "../../src/xlsx/read";
import { recalculateWithLibreOffice } from "../support/libreoffice";
import {
  SMALL_REFS,
  cellOf,
  clone,
  ctg,
  loadXlsx,
  rowOf,
  saveXlsx,
  smallPlan,
  tempDir,
} from "../partners/helpers";

/**
 * Notes (comments) a user put on the cells of the generated sheets (issue 11: they were dropped by
 * every rebuild). `ctg refresh` and `ctg merge` carry each one to its indicator (or action) and
 * column, wherever its row is in the new version; one whose cell is gone goes to the Archives.
 */

// One case converts a file with the run's shared LibreOffice (it may queue behind other files').
jest.setTimeout(360_000);

const tmp = tempDir("ctg-notes-");
const at = (name: string) => join(tmp, name);

const v1 = smallPlan(SMALL_REFS);
/** Version 1.1.0: I.A.1-RES-2 removed (the rows below it move up), I.D.1-RES-1 reworded. */
function version2(): Plan {
  const plan = clone(v1);
  plan.version = "1.1.0";
  for (const axis of plan.axes)
    for (const o of axis.objectives)
      for (const a of o.actions) {
        a.indicators = a.indicators.filter((i) => i.id !== "I.A.1-RES-2");
        for (const i of a.indicators)
          if (i.id === "I.D.1-RES-1") i.text = "Nombre de familles reçues au guichet unique";
      }
  return plan;
}

/** The notes typed in the master: [sheet, row id, column header, text]. */
const NOTES: ReadonlyArray<readonly [string, string, string, string]> = [
  ["Axe I", "I.A.1-RES-1", "2023", "Chiffre provisoire, à confirmer <CAF> & « élus »"],
  ["Axe I", "I.A.4-RES-1", "Indicateur", "Libellé à revoir en comité"],
  ["Échéancier", "I.A.1", "Avancement", "Selon le pilote, réunion du 12 mars"],
  ["Axe I", "I.A.1-RES-2", "2023", "Indicateur abandonné ?"],
  ["Axe I", "I.D.1-RES-1", "Commentaire", "Voir le bilan 2022"],
];
/** A note on a sheet without row keys (the Sommaire's title): kept at its address. */
const TITLE_NOTE = "Version présentée au comité de pilotage";

/** A note's text as exceljs gives it back (a string, or rich text runs). */
function noteText(cell: ExcelJS.Cell): string | null {
  const note = cell.note as ExcelJS.Comment | string | undefined;
  if (note === undefined || note === null) return null;
  return typeof note === "string" ? note : (note.texts ?? []).map((t) => t.text).join("");
}

async function notesOf(file: string): Promise<Map<string, string | null>> {
  const wb = await loadXlsx(file);
  const out = new Map<string, string | null>();
  for (const [sheet, id, column] of NOTES) {
    const ws = wb.getWorksheet(sheet);
    if (!ws) throw new Error(sheet);
    let text: string | null = null;
    try {
      text = noteText(cellOf(ws, id, column));
    } catch {
      text = null; // the row is gone
    }
    out.set(`${sheet}|${id}|${column}`, text);
  }
  return out;
}

/** The Archives rows (as read by the tool's reader) that mention a note. */
async function noteArchives(file: string): Promise<unknown[][]> {
  const read = await readXlsx(readFileSync(file));
  if (!read.ok) throw new Error(`${file} unreadable`);
  return (read.workbook.sheets.get("Archives")?.rows ?? []).filter((r) =>
    r.some((v) => typeof v === "string" && v.startsWith("note sur"))
  ) as unknown[][];
}

/** A sheet of an exceljs workbook (the test fails when it is missing). */
function sheetOf(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

const key = (n: (typeof NOTES)[number]) => `${n[0]}|${n[1]}|${n[2]}`;

beforeAll(async () => {
  writeFileSync(at("v1.json"), JSON.stringify(v1));
  writeFileSync(at("v2.json"), JSON.stringify(version2()));
  expect((await ctg("build", "--plan", at("v1.json"), "--out", at("maitre.xlsx"))).status).toBe(0);
  const wb = await loadXlsx(at("maitre.xlsx"));
  for (const [sheet, id, column, text] of NOTES) {
    const cell = cellOf(sheetOf(wb, sheet), id, column);
    cell.note = text;
  }
  sheetOf(wb, "Sommaire").getCell("A1").note = TITLE_NOTE;
  // An entry on the noted input cell too: the note and the value stay together.
  cellOf(sheetOf(wb, "Axe I"), "I.A.1-RES-1", "2023").value = 11;
  await saveXlsx(wb, at("annote.xlsx"));
});

describe("ctg refresh", () => {
  it("carries every note to its indicator and column, and archives none", async () => {
    const r = await ctg("refresh", at("annote.xlsx"), "--out", at("r1.xlsx"));
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/0 archivée\(s\)/);
    const notes = await notesOf(at("r1.xlsx"));
    for (const n of NOTES) expect(notes.get(key(n))).toBe(n[3]);
    const wb = await loadXlsx(at("r1.xlsx"));
    expect(noteText(sheetOf(wb, "Sommaire").getCell("A1"))).toBe(TITLE_NOTE);
    expect(cellOf(sheetOf(wb, "Axe I"), "I.A.1-RES-1", "2023").value).toBe(11);
    // No other cell got a note.
    const read = await readXlsx(readFileSync(at("r1.xlsx")));
    if (!read.ok) throw new Error("unreadable");
    const count = [...read.workbook.sheets.values()].reduce(
      (n, s) => n + (s.notes?.length ?? 0),
      0
    );
    expect(count).toBe(NOTES.length + 1);

    // Its own output read back: a second refresh keeps them all again.
    expect((await ctg("refresh", at("r1.xlsx"), "--out", at("r2.xlsx"))).status).toBe(0);
    const again = await notesOf(at("r2.xlsx"));
    for (const n of NOTES) expect(again.get(key(n))).toBe(n[3]);
  });

  it("carries them when the workbook holds a sheet of the user's (written by exceljs)", async () => {
    const wb = await loadXlsx(at("annote.xlsx"));
    wb.addWorksheet("Mes notes").getCell("A1").value = "Réunion du 12 mars";
    await saveXlsx(wb, at("avec-onglet.xlsx"));
    const r = await ctg("refresh", at("avec-onglet.xlsx"), "--out", at("r-onglet.xlsx"));
    expect(r.status).toBe(0);
    const notes = await notesOf(at("r-onglet.xlsx"));
    for (const n of NOTES) expect(notes.get(key(n))).toBe(n[3]);
  });

  it("with a plan version that removes an indicator: moved rows keep their notes, the removed and reworded ones' are archived", async () => {
    const before = rowOf(sheetOf(await loadXlsx(at("annote.xlsx")), "Axe I"), "I.A.4-RES-1");
    const r = await ctg(
      "refresh",
      at("annote.xlsx"),
      "--plan",
      at("v2.json"),
      "--out",
      at("v2.xlsx")
    );
    expect(r.status).toBe(0);
    const wb = await loadXlsx(at("v2.xlsx"));
    // The wording's row moved up: its note went with it.
    expect(rowOf(sheetOf(wb, "Axe I"), "I.A.4-RES-1")).toBe(before - 1);
    const notes = await notesOf(at("v2.xlsx"));
    for (const n of NOTES.slice(0, 3)) expect(notes.get(key(n))).toBe(n[3]);
    const [, , , removed, reworded] = NOTES;
    expect(removed && notes.get(key(removed))).toBeNull();
    expect(reworded && notes.get(key(reworded))).toBeNull();
    expect(noteText(sheetOf(wb, "Sommaire").getCell("A1"))).toBe(TITLE_NOTE);
    const archived = await noteArchives(at("v2.xlsx"));
    expect(archived).toHaveLength(2);
    expect(archived).toContainEqual(
      expect.arrayContaining([
        "Axe I",
        "I.A.1-RES-2",
        "2023",
        "Indicateur abandonné ?",
        "note sur une cellule absente de la nouvelle version du plan",
      ])
    );
    expect(archived).toContainEqual(
      expect.arrayContaining([
        "I.D.1-RES-1",
        "Commentaire",
        "Voir le bilan 2022",
        expect.stringMatching(/^note sur un indicateur renommé/),
      ])
    );
    // Archived once: a second refresh adds nothing.
    expect((await ctg("refresh", at("v2.xlsx"), "--out", at("v2b.xlsx"))).status).toBe(0);
    expect(await noteArchives(at("v2b.xlsx"))).toHaveLength(2);
  });
});

describe("ctg merge", () => {
  it("keeps the master's notes when it merges a partner's return", async () => {
    const partner = await ctg(
      "build",
      "--partner",
      "CAF",
      "--from",
      at("annote.xlsx"),
      "--out",
      at("caf.xlsx")
    );
    expect(partner.status).toBe(0);
    const ret = await loadXlsx(at("caf.xlsx"));
    cellOf(sheetOf(ret, "Axe I"), "I.A.1-RES-1", "2022").value = 15;
    await saveXlsx(ret, at("retour-caf.xlsx"));
    const m = await ctg(
      "merge",
      at("annote.xlsx"),
      at("retour-caf.xlsx"),
      "--out",
      at("fusion.xlsx")
    );
    expect(m.status).toBe(0);
    const wb = await loadXlsx(at("fusion.xlsx"));
    expect(cellOf(sheetOf(wb, "Axe I"), "I.A.1-RES-1", "2022").value).toBe(15);
    const notes = await notesOf(at("fusion.xlsx"));
    for (const n of NOTES) expect(notes.get(key(n))).toBe(n[3]);
  });
});

describe("files from other tools", () => {
  it("LibreOffice opens the written notes, and its file gives them back", async () => {
    const lo = await recalculateWithLibreOffice(at("r1.xlsx"), {
      format: "xlsx",
      outDir: tempDir("ctg-notes-lo-"),
    });
    const notes = await notesOf(lo);
    for (const n of NOTES) expect(notes.get(key(n))).toBe(n[3]);
    // LibreOffice's comments are read by the tool too: a refresh of its file keeps them.
    expect((await ctg("refresh", lo, "--out", at("r-lo.xlsx"))).status).toBe(0);
    const kept = await notesOf(at("r-lo.xlsx"));
    for (const n of NOTES) expect(kept.get(key(n))).toBe(n[3]);
  });

  it("reads notes as Excel writes them: authors, rich text runs, a threaded comment's legacy copy", async () => {
    const files = unzipSync(readFileSync(at("annote.xlsx")));
    const part = Object.keys(files).find((name) => {
      const text = /^xl\/comments\d+\.xml$/.test(name)
        ? strFromU8(files[name] ?? new Uint8Array())
        : "";
      return text.includes("Chiffre provisoire");
    });
    if (part === undefined) throw new Error("no comments part");
    const threaded =
      "[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; however, " +
      "any edits to it will get removed if the file is opened in a newer version of Excel. Learn more: " +
      "https://go.microsoft.com/fwlink/?linkid=870924\n\nComment:\n    Libellé à revoir";
    // As Excel writes them: the author's name in a bold first run, a threaded comment's legacy copy.
    const excel = strFromU8(files[part] ?? new Uint8Array())
      .replace(
        /<authors>.*<\/authors>/,
        "<authors><author>Marie Dupont</author>" +
          "<author>tc={2D0E2C7F-1B5A-4C8E-9E2F-0A1B2C3D4E5F}</author></authors>"
      )
      .replace(/<comment ref="([A-Z]+\d+)"[^>]*>.*?<\/comment>/g, (whole, ref: string) =>
        whole.includes("Chiffre provisoire")
          ? `<comment ref="${ref}" authorId="0" shapeId="0"><text>` +
            '<r><rPr><b/><sz val="9"/></rPr><t>Marie Dupont:</t></r>' +
            '<r><rPr><sz val="9"/></rPr><t xml:space="preserve">\nChiffre provisoire</t></r></text></comment>'
          : whole.includes("Libellé à revoir")
            ? `<comment ref="${ref}" authorId="1" shapeId="0"><text><t xml:space="preserve">${threaded}</t></text></comment>`
            : whole
      );
    writeFileSync(at("excel.xlsx"), zipSync({ ...files, [part]: strToU8(excel) }));
    const read = await readXlsx(readFileSync(at("excel.xlsx")));
    if (!read.ok) throw new Error("unreadable");
    const notes = read.workbook.sheets.get("Axe I")?.notes ?? [];
    expect(notes.map((n) => [n.author, n.text])).toEqual(
      expect.arrayContaining([
        ["Marie Dupont", "Marie Dupont:\nChiffre provisoire"],
        ["", "Comment:\n    Libellé à revoir"],
      ])
    );
    expect((await ctg("refresh", at("excel.xlsx"), "--out", at("r-excel.xlsx"))).status).toBe(0);
    const wb = await loadXlsx(at("r-excel.xlsx"));
    expect(noteText(cellOf(sheetOf(wb, "Axe I"), "I.A.1-RES-1", "2023"))).toBe(
      "Marie Dupont:\nChiffre provisoire"
    );
    expect(noteText(cellOf(sheetOf(wb, "Axe I"), "I.A.4-RES-1", "Indicateur"))).toBe(
      "Comment:\n    Libellé à revoir"
    );
  });
});
