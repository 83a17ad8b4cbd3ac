import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { parsePlanJson } from "../../src/domain/plan/validate";
import type { Plan } from "../../src/domain/plan/schema";
import {
  AXIS_FIRST_ROW,
  AXIS_HEADER_ROW,
  axisLayout,
  axisRows,
  planYears,
} from "../../src/domain/workbook/axisSheet";
import { buildWorkbook } from "../../src/domain/workbook/build";
import { columnLetter } from "../../src/domain/workbook/grid";
import { placeEntries, type Entry } from "../../src/domain/workbook/entries";
import type {
  Cell,
  ConditionalFormat,
  SheetModel,
  WorkbookModel,
} from "../../src/domain/workbook/model";
import {
  RECAP_COLUMNS,
  RECAP_HEADER_ROW,
  RECAP_SHEET,
  SCHEDULE_COL,
  SCHEDULE_HEADER_ROW,
  SCHEDULE_SHEET,
  timelinePeriods,
} from "../../src/domain/workbook/recapSheets";
import { GANTT_FILL, TODAY_FILL } from "../../src/domain/workbook/styles";
import { translateFormula } from "../../src/xlsx/sharedFormula";
import { writeXlsx } from "../../src/xlsx/write";
import {
  readWorkbook,
  recalculateWithLibreOffice,
  requireSoffice,
  shownValue,
  tempDir,
} from "../support/libreoffice";

/**
 * The fixes the steering committee's tour of the workbook asked for (issue 13, « Fixes in the
 * workbook »): a stable Avancement, the Échéancier's today marker and « Prochaine CTG » bars, decimals
 * in count cells shown as typed, axis sheets that print readably, each proven on LibreOffice's
 * recalculation or rendering where a formula or a format is at stake.
 */

jest.setTimeout(300_000);

const parsed = parsePlanJson(
  readFileSync(join(__dirname, "..", "..", "seeds", "pays-segali-2021-2025.json"), "utf8")
);
if (!parsed.ok) throw new Error("seed");
const plan: Plan = parsed.plan;
const options = { generatorVersion: "t", generatedOn: "2023-06-15" };

const sheetOf = (model: WorkbookModel, name: string): SheetModel => {
  const s = model.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
};

/** A model whose Paramètres evaluation date is `iso` (a date in place of TODAY()). */
function atDate(model: WorkbookModel, iso: string): WorkbookModel {
  return {
    ...model,
    sheets: model.sheets.map((s) => {
      if (s.name !== "Paramètres") return s;
      const cells = s.cells.map((row) => [...row]);
      const old = cells[2]?.[1] as Cell;
      (cells[2] as Array<Cell | null>)[1] = { ...old, value: { kind: "date", iso } };
      return { ...s, cells };
    }),
  };
}

const entry = (key: string, column: string, value: string | number): Entry => ({
  sheet: "Axe I",
  key,
  column,
  label: "",
  value,
});

/** Writes `model`, recalculates it with LibreOffice and returns the recalculated workbook. */
async function recalculated(model: WorkbookModel, dir: string, name: string) {
  const path = join(dir, `${name}.xlsx`);
  writeFileSync(path, await writeXlsx(model));
  return readWorkbook(await recalculateWithLibreOffice(path, { outDir: join(dir, "out") }));
}

describe("Récapitulatif: Avancement", () => {
  let dir: string;
  beforeAll(() => {
    requireSoffice();
    dir = tempDir("ctg-committee-");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The recap row of action I.A.1 (1-based for exceljs). */
  const recapRowOf = (ws: ExcelJS.Worksheet, ref: string): ExcelJS.Row => {
    for (let r = RECAP_HEADER_ROW + 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      if (row.getCell(RECAP_COLUMNS.col.ref + 1).value === ref) return row;
    }
    throw new Error(`no recap row ${ref}`);
  };

  it("divides by every target that is not qualitative, whether entered or not (I.A.1: 2 of 4)", async () => {
    // I.A.1: a milestone, three counts, three qualitative impacts. Two judged targets reached.
    const judged = [
      entry("I.A.1-REA-1", "2021", "Oui"),
      entry("I.A.1-RES-1", "2021", 15),
      entry("I.A.1-RES-2", "2022", 3),
    ];
    const comments = ["I.A.1-IMP-1", "I.A.1-IMP-2", "I.A.1-IMP-3"].map((id) =>
      entry(id, "2022", "Bonne dynamique")
    );
    const base = atDate(buildWorkbook(plan, options), "2023-06-15");
    const without = placeEntries(base, judged).model;
    const withComments = placeEntries(base, [...judged, ...comments]).model;
    const progress = async (model: WorkbookModel, name: string) => {
      const wb = await recalculated(model, dir, name);
      const row = recapRowOf(wb.getWorksheet(RECAP_SHEET)!, "I.A.1");
      return {
        reached: shownValue(row.getCell(RECAP_COLUMNS.col.atteint + 1)),
        progress: shownValue(row.getCell(RECAP_COLUMNS.col.progress + 1)),
      };
    };
    const before = await progress(without, "avancement-sans");
    const after = await progress(withComments, "avancement-avec");
    expect(before.reached).toBe(2);
    expect(after.reached).toBe(2);
    expect(before.progress).toBeCloseTo(0.5, 6);
    expect(after.progress).toBeCloseTo(0.5, 6);
  });
});

/** Sets cells of a sheet of `model` (rows and columns from 0; the grid grows as needed). */
function withCells(
  model: WorkbookModel,
  name: string,
  cells: ReadonlyArray<{ row: number; col: number; cell: Cell }>
): WorkbookModel {
  return {
    ...model,
    sheets: model.sheets.map((s) => {
      if (s.name !== name) return s;
      const grid = s.cells.map((row) => [...row]);
      for (const { row, col, cell } of cells) {
        while (grid.length <= row) grid.push([]);
        const line = grid[row] as Array<Cell | null>;
        while (line.length <= col) line.push(null);
        line[col] = cell;
      }
      return { ...s, cells: grid };
    }),
  };
}

describe("Échéancier: today's marker and the bars", () => {
  let dir: string;
  beforeAll(() => {
    requireSoffice();
    dir = tempDir("ctg-committee-");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const first = SCHEDULE_HEADER_ROW + 1;
  const periods = timelinePeriods(plan);
  const periodCols = periods.map((_, i) => SCHEDULE_COL.firstPeriod + i);

  /**
   * Which conditional formats apply, as LibreOffice computes their formulas: each rule's formula,
   * moved to a cell of its range, is written in a free cell of a copy of the sheet and recalculated.
   * Returns, for the action rows `rows` (0-based) and the header row, the periods lit by the
   * today rule and those drawn by the bar rule.
   */
  async function ganttAt(iso: string, rows: readonly number[], name: string) {
    const base = atDate(
      placeEntries(buildWorkbook(plan, options), [
        {
          sheet: SCHEDULE_SHEET,
          key: "I.A.1",
          column: "Phase de démarrage",
          label: "",
          value: "Prochaine CTG",
        },
        {
          sheet: SCHEDULE_SHEET,
          key: "I.A.2",
          column: "Phase de démarrage",
          label: "",
          value: "Court terme",
        },
      ]).model,
      iso
    );
    const sheet = sheetOf(base, SCHEDULE_SHEET);
    const ruleOf = (fill: string): ConditionalFormat => {
      const rule = sheet.conditionalFormats.find((f) => f.fill === fill);
      if (!rule) throw new Error(`no rule ${fill}`);
      return rule;
    };
    const today = ruleOf(TODAY_FILL);
    const bar = ruleOf(GANTT_FILL);
    const parse = (ref: string) => {
      const [a, b] = ref.split(":") as [string, string];
      const cell = (x: string) => {
        const m = /^([A-Z]+)(\d+)$/.exec(x)!;
        let col = 0;
        for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
        return { row: Number(m[2]) - 1, col: col - 1 };
      };
      return { from: cell(a), to: cell(b ?? a) };
    };
    const probeCol = periodCols[periodCols.length - 1]! + 5;
    const probes: Array<{ row: number; col: number; cell: Cell; what: string }> = [];
    let probeRow = 0;
    for (const [what, rule] of [
      ["today", today],
      ["bar", bar],
    ] as const) {
      const { from, to } = parse(rule.range);
      for (const r of [SCHEDULE_HEADER_ROW, ...rows])
        periodCols.forEach((c, i) => {
          const inside = r >= from.row && r <= to.row && c >= from.col && c <= to.col;
          const f = inside ? translateFormula(rule.formula, r - from.row, c - from.col) : "FALSE";
          probes.push({
            row: probeRow++,
            col: probeCol,
            cell: { value: { kind: "formula", formula: `IF(${f},1,0)` } },
            what: `${what}|${r}|${periods[i]!.label}`,
          });
        });
    }
    const model = withCells(base, SCHEDULE_SHEET, probes);
    const ws = (await recalculated(model, dir, name)).getWorksheet(SCHEDULE_SHEET)!;
    const lit = { today: new Set<string>(), bar: new Map<number, string[]>() };
    for (const p of probes) {
      if (shownValue(ws.getCell(p.row + 1, p.col + 1)) !== 1) continue;
      const [what, r, label] = p.what.split("|") as [string, string, string];
      if (what === "today") lit.today.add(label);
      else lit.bar.set(Number(r), [...(lit.bar.get(Number(r)) ?? []), label]);
    }
    return lit;
  }

  const rowOf = (ref: string): number => {
    const sheet = sheetOf(buildWorkbook(plan, options), SCHEDULE_SHEET);
    const r = sheet.cells.findIndex((row, i) => {
      const v = row[SCHEDULE_COL.ref]?.value;
      return i >= first && v?.kind === "text" && v.text === ref;
    });
    if (r < 0) throw new Error(`no row ${ref}`);
    return r;
  };

  it("marks today inside the plan's period only, and draws « Prochaine CTG » actions", async () => {
    const next = rowOf("I.A.1");
    const short = rowOf("I.A.2");
    const during = await ganttAt("2023-06-15", [next, short], "gantt-2023");
    expect([...during.today]).toEqual(["2023 S1"]);
    const after = await ganttAt("2027-03-01", [next, short], "gantt-2027");
    expect([...after.today]).toEqual([]);
    for (const lit of [during, after]) {
      expect(lit.bar.get(next)).toEqual(["Prochaine CTG"]);
      expect(lit.bar.get(short)).toEqual(["2021 S1", "2021 S2", "2022 S1", "2022 S2"]);
    }
  });
});

/**
 * The `.xlsx` of `model` with every sheet but `name` hidden (and `name` the active one): LibreOffice
 * prints the visible sheets only.
 */
async function onlySheet(model: WorkbookModel, name: string): Promise<Uint8Array> {
  const files = unzipSync(await writeXlsx(model));
  const book = strFromU8(files["xl/workbook.xml"]!);
  let index = -1;
  let i = 0;
  const hidden = book.replace(/<sheet ([^>]*?)\/>/g, (all, attrs: string) => {
    const n = i++;
    if (attrs.includes(`name="${name}"`)) {
      index = n;
      return all;
    }
    return attrs.includes("state=") ? all : `<sheet ${attrs} state="hidden"/>`;
  });
  if (index < 0) throw new Error(`no sheet ${name}`);
  files["xl/workbook.xml"] = strToU8(
    hidden.replace('<workbookView activeTab="0"/>', `<workbookView activeTab="${index}"/>`)
  );
  return zipSync(files);
}

interface PrintedWord {
  readonly page: number;
  readonly text: string;
  readonly height: number;
  readonly xMin: number;
  readonly yMin: number;
}

/** The words of a PDF, with their page (from 1) and their box's height in points (pdftotext -bbox). */
function pdfWords(pdf: string): PrintedWord[] {
  const html = execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8" });
  const words: PrintedWord[] = [];
  let page = 0;
  for (const m of html.matchAll(
    /<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g
  )) {
    if (m[0] === "<page ") {
      page++;
      continue;
    }
    words.push({
      page,
      text: m[4]!,
      height: Number(m[3]) - Number(m[2]),
      xMin: Number(m[1]),
      yMin: Number(m[2]),
    });
  }
  return words;
}

/** The median of some numbers. */
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

describe("Axis sheets print readably on A4 landscape", () => {
  let dir: string;
  beforeAll(() => {
    requireSoffice();
    dir = tempDir("ctg-committee-print-");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints the key columns at 8 pt or more, the header row on every page", async () => {
    const model = atDate(buildWorkbook(plan, options), "2023-06-15");
    const path = join(dir, "axe-i.xlsx");
    writeFileSync(path, await onlySheet(model, "Axe I"));
    const pdf = await recalculateWithLibreOffice(path, { format: "pdf", outDir: join(dir, "out") });
    const words = pdfWords(pdf);
    if (process.env.CTG_KEEP_PDF) execFileSync("cp", [pdf, process.env.CTG_KEEP_PDF]);
    // pdftotext's box of a word is its font's ascent to descent: calibrated on the 10 pt body text
    // of the Paramètres sheet printed at 100 % (portrait, it fits).
    const paramsPath = join(dir, "parametres.xlsx");
    writeFileSync(paramsPath, await onlySheet(model, "Paramètres"));
    const paramsPdf = await recalculateWithLibreOffice(paramsPath, {
      format: "pdf",
      outDir: join(dir, "out"),
    });
    const bodyAt100 = median(
      pdfWords(paramsPdf)
        .filter((w) => ["Court", "Moyen", "Long", "Prochaine"].includes(w.text))
        .map((w) => w.height)
    );
    const perPoint = bodyAt100 / 10;
    const body = words.filter((w) => /^I\.[A-Z]\.\d+-/.test(w.text));
    const size = median(body.map((w) => w.height)) / perPoint;
    const pages = new Set(words.map((w) => w.page)).size;
    const headerPages = new Set(words.filter((w) => w.text === "Indicateur").map((w) => w.page));
    // Measured: 4.2 pt on 4 pages before (every column, the folded statuses too), 8.1 pt on 11 after.
    expect(size).toBeGreaterThanOrEqual(8);
    expect(pages).toBeGreaterThan(1);
    expect([...headerPages].sort((a, b) => a - b)).toEqual(
      Array.from({ length: pages }, (_, i) => i + 1)
    );
    // Neither the folded context (Action) nor the source is printed.
    expect(words.some((w) => w.text === "Source" || w.text === "Action")).toBe(false);
  });
});

/**
 * Renders `xlsx` as PDF with a LibreOffice of its own, in a French profile (the shared listener
 * runs in the machine's locale): what a French Calc shows.
 */
function frenchPdf(xlsx: string, dir: string): string {
  const user = join(dir, "profile-fr", "user");
  mkdirSync(user, { recursive: true });
  writeFileSync(
    join(user, "registrymodifications.xcu"),
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' +
      '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>fr-FR</value></prop></item>\n' +
      '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>fr-FR</value></prop></item>\n' +
      "</oor:items>\n"
  );
  execFileSync(
    requireSoffice(),
    [
      `-env:UserInstallation=file://${join(dir, "profile-fr")}`,
      "--headless",
      "--convert-to",
      "pdf",
      "--outdir",
      dir,
      xlsx,
    ],
    { stdio: "ignore", timeout: 180_000 }
  );
  return xlsx.replace(/\.xlsx$/, ".pdf");
}

describe("A count cell shows what was typed", () => {
  let dir: string;
  beforeAll(() => {
    requireSoffice();
    dir = tempDir("ctg-committee-format-");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("shows 12,5 (Saisie invalide) as 12,5, not 13, in a French LibreOffice", async () => {
    const model = atDate(
      placeEntries(buildWorkbook(plan, options), [
        entry("I.A.1-RES-1", "2021", 12.5),
        entry("I.A.1-RES-1", "2022", 1250),
        entry("I.A.1-REA-2", "2021", 7),
      ]).model,
      "2023-06-15"
    );
    const path = join(dir, "axe-i.xlsx");
    writeFileSync(path, await onlySheet(model, "Axe I"));
    const pdf = frenchPdf(path, dir);
    if (process.env.CTG_KEEP_PDF) execFileSync("cp", [pdf, process.env.CTG_KEEP_PDF]);
    const page = pdfWords(pdf).filter((w) => w.page === 1);
    const row = (id: string) => {
      const head = page.find((w) => w.text === id);
      if (!head) throw new Error(`no row ${id}`);
      return page
        .filter((w) => Math.abs(w.yMin - head.yMin) < 2)
        .sort((a, b) => a.xMin - b.xMin)
        .map((w) => w.text);
    };
    const res1 = row("I.A.1-RES-1");
    expect(res1).toContain("12,5");
    expect(res1).not.toContain("13");
    expect(res1).toContain("1250");
    expect(res1).toContain("invalide");
    expect(row("I.A.1-REA-2")).toContain("7");
  });
});

describe("the print setup of an axis sheet, in both writers of the .xlsx", () => {
  const model = buildWorkbook(plan, options);
  const axis = sheetOf(model, "Axe I");
  const layout = axisLayout(planYears(plan));

  it("is A4 landscape, one page wide, from A1 to the comment column, header row repeated", () => {
    expect(axis.print).toEqual({
      orientation: "landscape",
      fitToWidth: true,
      repeatRows: `${AXIS_HEADER_ROW + 1}:${AXIS_HEADER_ROW + 1}`,
      area: `A1:${columnLetter(layout.col.comment)}${AXIS_FIRST_ROW + axisRows(plan.axes[0]!).length}`,
      narrowMargins: true,
    });
    // The context and the statuses by year are folded; the years, Statut and Commentaire are not.
    const hidden = (key: keyof typeof layout.col) => axis.columns[layout.col[key]]?.hidden === true;
    for (const key of ["objective", "ref", "action", "pilot", "kind", "measure"] as const)
      expect(hidden(key)).toBe(true);
    for (const key of ["id", "indicator", "target", "firstYear", "status", "comment"] as const)
      expect(hidden(key)).toBe(false);
    expect(hidden("firstYearStatus")).toBe(true);
  });

  it("writes the print area, titles, paper and margins (our part writer and exceljs)", async () => {
    const own = await writeXlsx(model);
    const files = unzipSync(own);
    const book = strFromU8(files["xl/workbook.xml"]!);
    const index = model.sheets.findIndex((s) => s.name === "Axe I");
    expect(book).toContain(
      `<definedName name="_xlnm.Print_Area" localSheetId="${index}">'Axe I'!$A$1:$${axis.print.area!.split(":")[1]!.replace(/(\d+)/, "$$$1")}</definedName>`
    );
    const sheetXml = strFromU8(files[`xl/worksheets/sheet${index + 1}.xml`]!);
    expect(sheetXml).toContain('<pageMargins left="0.25" right="0.25"');
    expect(sheetXml).toMatch(
      /<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/
    );
    // A user's sheet carried over: exceljs writes the file.
    const withUserSheet = new ExcelJS.Workbook();
    await withUserSheet.xlsx.load(own as unknown as ArrayBuffer);
    withUserSheet.addWorksheet("Mes notes").getCell("A1").value = "à garder";
    const source = Buffer.from((await withUserSheet.xlsx.writeBuffer()) as ArrayBuffer);
    const kept: string[] = [];
    const viaExcelJs = await writeXlsx(model, {
      keepUserSheetsFrom: source,
      onUserSheets: (names) => kept.push(...names),
    });
    expect(kept).toEqual(["Mes notes"]);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(viaExcelJs as unknown as ArrayBuffer);
    const ws = back.getWorksheet("Axe I")!;
    expect(ws.pageSetup.printArea).toBe(axis.print.area);
    expect(ws.pageSetup.printTitlesRow).toBe(axis.print.repeatRows);
    expect(ws.pageSetup.margins?.left).toBe(0.25);
    expect(ws.pageSetup.paperSize).toBe(9);
  });
});
