/**
 * Fills a built CTG workbook with a realistic mix of entries, as partners would type them: values that
 * reach their target, values that do not, blanks, and bad entries of every kind. Used by the tests
 * (LibreOffice agreement) and to render the pictures of the docs. Deterministic for a given seed.
 */
import ExcelJS from "exceljs";
import { AXIS_FIRST_ROW, AXIS_HEADER_ROW, axisLayout } from "../src/domain/workbook/axisSheet";
import { MEASURE_TEXT } from "../src/domain/workbook/labels";
import { SCHEDULE_COL, SCHEDULE_HEADER_ROW } from "../src/domain/workbook/recapSheets";

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
    if (!/^Axe [IVX]+$/.test(ws.name)) return;
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
