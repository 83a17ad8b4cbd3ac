import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Plan } from "../../src/domain/plan/schema";
import { parsePlanJson } from "../../src/domain/plan/validate";
import {
  AXIS_HEADER_ROW,
  axisColumns,
  axisLayout,
  isAxisSheetName,
  planYears,
} from "../../src/domain/workbook/axisSheet";
import { buildWorkbook } from "../../src/domain/workbook/build";
import { columnKeyOf, columnSchema, type ColumnSchema } from "../../src/domain/workbook/columns";
import { modelRaw } from "../../src/domain/workbook/entries";
import type { SheetModel, WorkbookModel } from "../../src/domain/workbook/model";
import {
  DIFFERENCES_COLUMNS,
  DIFFERENCES_HEADER_ROW,
  DIFFERENCES_SHEET,
  RECAP_COLUMNS,
  RECAP_HEADER_ROW,
  RECAP_SHEET,
  SCHEDULE_COL,
  SCHEDULE_HEADER_ROW,
  SCHEDULE_SHEET,
  scheduleColumns,
  timelinePeriods,
} from "../../src/domain/workbook/recapSheets";
import {
  isoToDate,
  isoToSerial,
  pointsToWidth,
  serialToDate,
  serialToIso,
  widthToPoints,
} from "../../src/domain/workbook/units";

/**
 * The column schemas are the one description of each sheet's columns: the built sheets must show their
 * headers, have their widths and folding, and hold input cells only in their input columns.
 */

const root = join(__dirname, "..", "..");
const parsed = parsePlanJson(
  readFileSync(join(root, "seeds", "pays-segali-2021-2025.json"), "utf8")
);
if (!parsed.ok) throw new Error("the seed plan does not load");
const plan: Plan = parsed.plan;
const model = buildWorkbook(plan, { generatorVersion: "test", generatedOn: "2026-01-01" });

function sheet(name: string): SheetModel {
  const found = model.sheets.find((s) => s.name === name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

const isInputCell = (m: WorkbookModel, s: SheetModel, r: number, c: number): boolean => {
  const style = s.cells[r]?.[c]?.style;
  return style !== undefined && m.styles[style].unlocked === true;
};

/**
 * Checks a built sheet against its schema (header row, widths and folding, inputs only in input
 * columns); returns the columns holding input cells.
 */
function expectSheetFollows<K extends string>(
  s: SheetModel,
  headerRow: number,
  schema: ColumnSchema<K>
): Set<number> {
  expect((s.cells[headerRow] ?? []).map(modelRaw)).toEqual(schema.headers);
  expect(s.columns.slice(0, schema.columns.length)).toEqual(
    schema.columns.map((c) => (c.folded ? { width: c.width, hidden: true } : { width: c.width }))
  );
  const inputColumns = new Set<number>();
  for (let r = headerRow + 1; r < s.cells.length; r++)
    (s.cells[r] ?? []).forEach((_, c) => {
      if (isInputCell(model, s, r, c)) inputColumns.add(c);
    });
  for (const c of inputColumns) expect(schema.columns[c]?.input).toBe(true);
  return inputColumns;
}

/** The input columns a schema declares. */
const declaredInputs = <K extends string>(schema: ColumnSchema<K>): number[] =>
  schema.columns.flatMap((c, i) => (c.input ? [i] : []));

const sorted = (columns: Iterable<number>): number[] => [...columns].sort((a, b) => a - b);

describe("column schemas", () => {
  it("describe each axis sheet: headers, widths, folded columns and input columns", () => {
    const columns = axisColumns(planYears(plan));
    const used = new Set<number>();
    for (const s of model.sheets.filter((x) => isAxisSheetName(x.name)))
      for (const c of expectSheetFollows(s, AXIS_HEADER_ROW, columns)) used.add(c);
    // Every input column takes entries somewhere in the plan (the baseline only on increase rows).
    expect(sorted(used)).toEqual(declaredInputs(columns));
  });

  it("describe the Échéancier, the Écarts and the recap's action table", () => {
    const schedule = scheduleColumns(timelinePeriods(plan));
    expect(
      sorted(expectSheetFollows(sheet(SCHEDULE_SHEET), SCHEDULE_HEADER_ROW, schedule))
    ).toEqual(declaredInputs(schedule));
    expect(
      sorted(
        expectSheetFollows(sheet(DIFFERENCES_SHEET), DIFFERENCES_HEADER_ROW, DIFFERENCES_COLUMNS)
      )
    ).toEqual(declaredInputs(DIFFERENCES_COLUMNS));
    expect(sorted(expectSheetFollows(sheet(RECAP_SHEET), RECAP_HEADER_ROW, RECAP_COLUMNS))).toEqual(
      []
    );
  });

  it("give the indexes by key, the runs of repeated keys included", () => {
    const years = planYears(plan);
    const layout = axisLayout(years);
    const columns = axisColumns(years);
    expect(layout.col.firstYear).toBe(columns.col.year);
    expect(layout.col.status).toBe(columns.col.year + years.length);
    expect(columns.count.year).toBe(years.length);
    expect(layout.headers[layout.col.baseline]).toBe("Référence");
    expect(columnKeyOf(columns, "Référence")).toBe("baseline");
    expect(columnKeyOf(columns, String(years[0]))).toBe("year");
    expect(columnKeyOf(columns, "Inconnue")).toBeNull();
    // Without years, the keys after the run keep their place.
    expect(axisLayout([]).col.status).toBe(layout.col.firstYear);
    expect(SCHEDULE_COL.firstPeriod).toBe(scheduleColumns([]).headers.length);
  });

  it("refuse a list out of the order of its keys", () => {
    const col = (key: "a" | "b") => ({ key, header: key, width: 10, input: false });
    expect(() => columnSchema(["a", "b"], [col("b"), col("a")])).toThrow();
    expect(() => columnSchema(["a", "b"], [col("a"), col("b"), col("a")])).toThrow();
    expect(columnSchema(["a", "b"], [col("a"), col("a"), col("b")]).col).toEqual({ a: 0, b: 2 });
  });
});

describe("axis sheet names", () => {
  it("are recognised by one test", () => {
    for (const axis of plan.axes) expect(isAxisSheetName(`Axe ${axis.id}`)).toBe(true);
    for (const name of ["Axe", "Axe 1", "axe I", "Axe I ", "Axes", "Échéancier", "Axe IV bis"])
      expect(isAxisSheetName(name)).toBe(false);
  });
});

describe("spreadsheet units", () => {
  it("convert ISO dates and Excel serials both ways", () => {
    expect(isoToSerial("1970-01-01")).toBe(25_569);
    expect(isoToSerial("2023-03-01")).toBe(44_986);
    expect(isoToSerial("2023-03-01T12:00")).toBe(44_986);
    expect(serialToIso(44_986)).toBe("2023-03-01");
    expect(serialToDate(44_986.5).toISOString()).toBe("2023-03-01T12:00:00.000Z");
    expect(isoToDate("2023-03-01").toISOString()).toBe("2023-03-01T00:00:00.000Z");
  });

  it("convert column widths between characters and points", () => {
    expect(widthToPoints(10)).toBe(56.25);
    expect(pointsToWidth(56.25)).toBe(10);
    for (const w of [6, 8.43, 13, 44, 70])
      expect(pointsToWidth(widthToPoints(w))).toBeCloseTo(w, 2);
  });
});
