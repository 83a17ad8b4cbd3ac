/**
 * Fills a built CTG workbook with a realistic mix of entries, as partners would type them: values that
 * reach their target, values that do not, blanks, and bad entries of every kind. Used by the tests
 * (LibreOffice agreement), to render the pictures of the docs, and (`fillModel`, on the model before it
 * is written) for the benchmarks of merges. Deterministic for a given seed.
 */
import ExcelJS from "exceljs";
import {
  AXIS_FIRST_ROW,
  AXIS_HEADER_ROW,
  axisLayout,
  isAxisSheetName,
} from "../src/domain/workbook/axisSheet";
import { MEASURE_TEXT } from "../src/domain/workbook/labels";
import { placeEntries, type Entry } from "../src/domain/workbook/entries";
import type { Cell, WorkbookModel } from "../src/domain/workbook/model";
import {
  SCHEDULE_COL,
  SCHEDULE_HEADER_ROW,
  SCHEDULE_SHEET,
} from "../src/domain/workbook/recapSheets";

/** A small deterministic generator (mulberry32), so that a seed always gives the same workbook. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FillOptions {
  readonly seed: number;
  /** Share of year cells that get an entry (0..1). */
  readonly density: number;
  /** Share of entries that are bad (text, negative, decimal count, percentage above 100 %...). */
  readonly badShare: number;
}

type Typed = string | number | boolean;

const BAD_COUNT: readonly Typed[] = ["environ 10", -3, 12.5, "12", true, "n.c."];
const BAD_PERCENT: readonly Typed[] = [1.2, -0.1, "la moitié", "45 %"];
const BAD_MILESTONE: readonly Typed[] = ["Peut-être", "fait", 1];
const PHASES = ["Court terme", "Moyen terme", "Long terme", "Prochaine CTG"];
const TEXTS = [
  "Bonne participation des familles",
  "=Très bien",
  "+ de partenaires",
  "-à revoir en comité",
  "@mairie",
];

const pickWith = <T>(rnd: () => number, list: readonly T[]): T =>
  list[Math.floor(rnd() * list.length)] as T;

/** One year's measurement as a partner types it, for a row of `measure` (its text) and target value. */
function yearValue(measure: string, target: number, bad: boolean, rnd: () => number): Typed {
  const pick = <T>(list: readonly T[]): T => pickWith(rnd, list);
  switch (measure) {
    case MEASURE_TEXT.count:
      return bad ? pick(BAD_COUNT) : Math.max(0, Math.round(target * (0.4 + rnd())));
    case MEASURE_TEXT.increase_percent:
      return bad ? pick(BAD_COUNT) : 15 + Math.floor(rnd() * 40);
    case MEASURE_TEXT.percent:
      return bad ? pick(BAD_PERCENT) : Math.round((0.3 + rnd() * 0.7) * 100) / 100;
    case MEASURE_TEXT.milestone:
      return bad ? pick(BAD_MILESTONE) : pick(["Oui", "Non", "En cours", "oui"]);
    default:
      return pick(TEXTS);
  }
}

export async function fillSample(data: Buffer, options: FillOptions): Promise<Buffer> {
  const rnd = random(options.seed);
  const pick = <T>(list: readonly T[]): T => pickWith(rnd, list);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  wb.eachSheet((ws) => {
    if (!isAxisSheetName(ws.name)) return;
    const header = ws.getRow(AXIS_HEADER_ROW + 1).values as ExcelJS.CellValue[];
    const years = header.filter((h) => typeof h === "string" && /^\d{4}$/.test(h)).map(Number);
    const c = axisLayout(years).col;
    for (let r = AXIS_FIRST_ROW + 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      if (!row.getCell(c.id + 1).value) continue;
      const measure = String(row.getCell(c.measure + 1).value ?? "");
      const target = Number(row.getCell(c.value + 1).value ?? 0) || 10;
      const entryCell = (j: number) => row.getCell(c.firstYear + 1 + j);
      if (measure === MEASURE_TEXT.increase_percent && rnd() < 0.7) {
        row.getCell(c.baseline + 1).value =
          rnd() < options.badShare ? pick([0, "beaucoup"]) : 20 + Math.floor(rnd() * 30);
      }
      years.forEach((_, j) => {
        if (rnd() > options.density) return;
        entryCell(j).value = yearValue(measure, target, rnd() < options.badShare, rnd);
      });
      if (rnd() < 0.2) row.getCell(c.comment + 1).value = pick(TEXTS);
      if (rnd() < 0.2) row.getCell(c.source + 1).value = "Bilan d'activité";
    }
  });
  const schedule = wb.getWorksheet("Échéancier");
  if (schedule) {
    for (let r = SCHEDULE_HEADER_ROW + 2; r <= schedule.rowCount; r++) {
      const row = schedule.getRow(r);
      if (!row.getCell(SCHEDULE_COL.ref + 1).value || rnd() > 0.6) continue;
      row.getCell(SCHEDULE_COL.phase + 1).value = pick(PHASES);
      if (rnd() < 0.2)
        row.getCell(SCHEDULE_COL.startInput + 1).value = new Date(Date.UTC(2022, 2, 1));
      row.getCell(SCHEDULE_COL.progress + 1).value = Math.round(rnd() * 10) / 10;
    }
  }
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export interface ModelFillOptions extends FillOptions {
  /**
   * Draw each row's values from the row itself rather than from one stream, so that two partners
   * filling the same row type the same values, except on this share of rows (0..1) where this
   * partner's values are its own: merging such returns gives « identical » and conflicting entries
   * in realistic proportions. Without it, values come from one stream as in `fillSample`.
   */
  readonly divergence?: number;
}

/** FNV-1a, 32 bits: a row's seed from its sheet and key. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const modelText = (cell: Cell | null | undefined): string => {
  const v = cell?.value;
  if (!v) return "";
  if (v.kind === "text" || v.kind === "link") return v.text;
  if (v.kind === "number" || v.kind === "boolean") return String(v.value);
  return "";
};

/**
 * The entries `fillModel` places in a model: the same mix as `fillSample` (the same values for each
 * kind of measure, the same share of bad entries, comments, sources and échéancier inputs), by row id
 * and column header.
 */
export function sampleEntries(model: WorkbookModel, options: ModelFillOptions): Entry[] {
  const stream = random(options.seed);
  const rowRandom = (sheet: string, key: string): (() => number) => {
    if (options.divergence === undefined) return stream;
    const h = hash(`${sheet}\u0000${key}`);
    const own = random(h ^ options.seed)() < options.divergence;
    return random(own ? (h ^ Math.imul(options.seed + 1, 0x9e3779b1)) >>> 0 : h);
  };
  const entries: Entry[] = [];
  const add = (sheet: string, key: string, column: string, value: Typed) =>
    entries.push({ sheet, key, column, label: "", value });
  for (const sheet of model.sheets) {
    if (isAxisSheetName(sheet.name)) {
      const header = (sheet.cells[AXIS_HEADER_ROW] ?? []).map(modelText);
      const years = header.filter((h) => /^\d{4}$/.test(h));
      const c = axisLayout(years.map(Number)).col;
      for (let r = AXIS_FIRST_ROW; r < sheet.cells.length; r++) {
        const line = sheet.cells[r] ?? [];
        const key = modelText(line[c.id]);
        if (!key) continue;
        const rnd = rowRandom(sheet.name, key);
        const pick = <T>(list: readonly T[]): T => pickWith(rnd, list);
        const measure = modelText(line[c.measure]);
        const target = Number(modelText(line[c.value])) || 10;
        if (measure === MEASURE_TEXT.increase_percent && rnd() < 0.7)
          add(
            sheet.name,
            key,
            header[c.baseline] ?? "",
            rnd() < options.badShare ? pick([0, "beaucoup"]) : 20 + Math.floor(rnd() * 30)
          );
        for (const year of years) {
          if (rnd() > options.density) continue;
          add(sheet.name, key, year, yearValue(measure, target, rnd() < options.badShare, rnd));
        }
        if (rnd() < 0.2) add(sheet.name, key, header[c.comment] ?? "", pick(TEXTS));
        if (rnd() < 0.2) add(sheet.name, key, header[c.source] ?? "", "Bilan d'activité");
      }
    } else if (sheet.name === SCHEDULE_SHEET) {
      const header = (sheet.cells[SCHEDULE_HEADER_ROW] ?? []).map(modelText);
      for (let r = SCHEDULE_HEADER_ROW + 1; r < sheet.cells.length; r++) {
        const key = modelText(sheet.cells[r]?.[SCHEDULE_COL.ref]);
        if (!key) continue;
        const rnd = rowRandom(sheet.name, key);
        if (rnd() > 0.6) continue;
        const column = (c: number) => header[c] ?? "";
        add(sheet.name, key, column(SCHEDULE_COL.phase), pickWith(rnd, PHASES));
        if (rnd() < 0.2) add(sheet.name, key, column(SCHEDULE_COL.startInput), "2022-03-01");
        add(sheet.name, key, column(SCHEDULE_COL.progress), Math.round(rnd() * 10) / 10);
      }
    }
  }
  return entries;
}

/**
 * Fills a workbook model before it is written, with `sampleEntries`, without loading and saving the
 * file with exceljs: for benchmarks of large workbooks. Entries are placed by row id and column
 * header, as a merge or a regeneration places them.
 */
export function fillModel(model: WorkbookModel, options: ModelFillOptions): WorkbookModel {
  const placement = placeEntries(model, sampleEntries(model, options));
  if (placement.orphans.length > 0)
    throw new Error(`fillModel: ${placement.orphans.length} entries without a cell`);
  return placement.model;
}
