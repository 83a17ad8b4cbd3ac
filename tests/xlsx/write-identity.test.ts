import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parsePlanJson } from "../../src/domain/plan/validate";
import { buildWorkbook, type BuildOptions } from "../../src/domain/workbook/build";
import { writeXlsx } from "../../src/xlsx/write";
import { readableJson, sha256, stableJson } from "../support/golden";

/**
 * What the `.xlsx` writer puts in the file, pinned: the workbook of the embedded plan is written, read
 * back with exceljs and dumped (per sheet: state, tab colour, views, column widths, row heights, merged
 * cells, protection, print setup, tables, validations, conditional formats, and every cell with its
 * value or formula and its style: font, fill, border, alignment, number format, protection), with the
 * defined names and the zip's parts. A change of the writer's implementation (shared style objects,
 * another zip library) must give the same dump. The whole dump of each sheet is compared through a
 * sha256 of a stable JSON; a readable sample (each distinct style with its count and first cell, the
 * formulas of the first rows that have some, the sheet-level settings) is kept in
 * tests/golden/xlsx-write-dump.json so that a difference shows where it is.
 * To accept a deliberate change: `UPDATE_GOLDEN=1 npx jest tests/xlsx/write-identity`, then read the
 * diff of the golden file.
 */

jest.setTimeout(120_000);

const root = join(__dirname, "..", "..");
const goldenFile = join(root, "tests", "golden", "xlsx-write-dump.json");
const options: BuildOptions = { generatorVersion: "golden", generatedOn: "2024-01-01" };

/** Plain data: dates as ISO strings, keys sorted, `undefined` dropped. */
function plain(value: unknown): unknown {
  return JSON.parse(stableJson(value)) as unknown;
}

/** What exceljs exposes on a read worksheet beyond its typings. */
interface ReadSheet {
  readonly model: { readonly merges?: readonly string[] };
  readonly dataValidations: { readonly model: Record<string, unknown> };
  readonly conditionalFormattings?: readonly unknown[];
  readonly sheetProtection?: unknown;
  readonly tables: Record<
    string,
    {
      readonly table: {
        name: string;
        ref?: string;
        tableRef?: string;
        columns: ReadonlyArray<{ name: string }>;
      };
    }
  >;
}

type CellRecord = [address: string, value: unknown, style: string];

function cellRecords(ws: ExcelJS.Worksheet): CellRecord[] {
  const records: CellRecord[] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      const style = plain(cell.style) as Record<string, unknown>;
      if (cell.value === null && Object.keys(style).length === 0) return;
      records.push([cell.address, plain(cell.value), stableJson(style)]);
    });
  });
  return records;
}

function sheetDump(ws: ExcelJS.Worksheet): { full: unknown; sample: unknown } {
  const read = ws as unknown as ReadSheet;
  const cells = cellRecords(ws);
  const styles = new Map<string, { style: string; count: number; first: string }>();
  for (const [address, , style] of cells) {
    const seen = styles.get(style);
    if (seen) seen.count++;
    else styles.set(style, { style, count: 1, first: address });
  }
  // Every formula of the first two rows that have some, one line each.
  const formulaRows = new Map<string, string[]>();
  for (const [address, value] of cells) {
    if (value === null || typeof value !== "object" || !("formula" in value)) continue;
    const row = address.replace(/^[A-Z]+/, "");
    if (!formulaRows.has(row) && formulaRows.size >= 2) continue;
    formulaRows.set(row, [...(formulaRows.get(row) ?? []), `${address}: ${stableJson(value)}`]);
  }
  const heights: Record<number, number> = {};
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    if (row.height !== undefined) heights[r] = row.height;
  });
  const validations = plain(read.dataValidations.model) as Record<string, unknown>;
  // exceljs gives each data bar a random GUID (x14Id) at every write: not part of the dump.
  const conditionalFormats = JSON.parse(
    stableJson(read.conditionalFormattings ?? []).replace(/,?"x14Id":"\{[0-9A-F-]+\}"/g, "")
  ) as unknown[];
  const settings = {
    name: ws.name,
    state: ws.state,
    tabColor: plain(ws.properties.tabColor ?? null),
    views: (ws.views ?? []).map((v) => stableJson(v)),
    columns: (ws.columns ?? []).map((c) =>
      stableJson({ width: c.width, hidden: c.hidden, outlineLevel: c.outlineLevel })
    ),
    merges: [...(read.model.merges ?? [])].sort(),
    protection: plain(read.sheetProtection ?? null),
    print: plain({
      orientation: ws.pageSetup.orientation,
      fitToPage: ws.pageSetup.fitToPage,
      fitToWidth: ws.pageSetup.fitToWidth,
      fitToHeight: ws.pageSetup.fitToHeight,
      paperSize: ws.pageSetup.paperSize,
      printTitlesRow: ws.pageSetup.printTitlesRow,
    }),
    tables: Object.values(read.tables).map(({ table }) => ({
      name: table.name,
      ref: table.ref ?? table.tableRef,
      columns: table.columns.map((c) => c.name),
    })),
  };
  const validationKeys = Object.keys(validations);
  return {
    full: { settings, heights, validations, conditionalFormats, cells },
    sample: {
      ...settings,
      rowHeights: Object.keys(heights).length,
      validations: {
        cells: validationKeys.length,
        first: validationKeys.slice(0, 1).map((k) => [k, validations[k]]),
      },
      conditionalFormats: {
        count: conditionalFormats.length,
        first: conditionalFormats[0] ?? null,
      },
      cells: cells.length,
      // One line per distinct style: how many cells, the first of them, the style.
      styles: [...styles.values()].map((s) => `${s.count} × from ${s.first}: ${s.style}`),
      formulas: [...formulaRows.values()].flat(),
    },
  };
}

async function zipParts(file: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(file);
  return Object.keys(zip.files);
}

interface Dump {
  readonly parts: string[];
  readonly creator: string;
  readonly title: string;
  readonly calcProperties: unknown;
  readonly sheetNames: string[];
  readonly definedNames: unknown;
  readonly hashes: Record<string, string>;
  readonly sheets: unknown[];
}

async function dump(file: Buffer, only?: (name: string) => boolean): Promise<Dump> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const sheets: unknown[] = [];
  const hashes: Record<string, string> = {};
  for (const ws of wb.worksheets) {
    if (only && !only(ws.name)) continue;
    const { full, sample } = sheetDump(ws);
    sheets.push(sample);
    hashes[ws.name] = sha256(stableJson(full));
  }
  return {
    parts: await zipParts(file),
    creator: wb.creator,
    title: wb.title,
    calcProperties: plain(wb.calcProperties),
    sheetNames: wb.worksheets.map((w) => `${w.name} (${w.state})`),
    definedNames: plain(wb.definedNames.model),
    hashes,
    sheets,
  };
}

describe("the .xlsx writer's output (read back with exceljs)", () => {
  const parsed = parsePlanJson(
    readFileSync(join(root, "seeds", "pays-segali-2021-2025.json"), "utf8")
  );
  if (!parsed.ok) throw new Error("the seed plan does not load");
  const model = buildWorkbook(parsed.plan, options);

  it("is the pinned dump, with the sheets a user added carried over as they were", async () => {
    const master = await writeXlsx(model);

    // A sheet of the user's own, added to that file, is carried over by the next write.
    const annotated = new ExcelJS.Workbook();
    await annotated.xlsx.load(master as unknown as ArrayBuffer);
    const notes = annotated.addWorksheet("Mes notes", {
      properties: { tabColor: { argb: "FF00B050" } },
    });
    notes.getCell("A1").value = "Réunion du 12 mars";
    notes.getCell("A1").font = { bold: true, size: 14, color: { argb: "FFC00000" } };
    notes.getCell("A2").value = "=pas une formule";
    notes.getCell("B3").value = { formula: "1+2", result: 3 } as ExcelJS.CellFormulaValue;
    notes.getCell("B3").numFmt = "0.00";
    notes.getCell("C4").value = new Date(Date.UTC(2024, 2, 12));
    notes.getCell("C4").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
    notes.getCell("C4").border = { bottom: { style: "thin", color: { argb: "FF000000" } } };
    notes.getCell("D5").value = "fusion";
    notes.mergeCells("D5:E6");
    notes.getColumn(1).width = 31;
    notes.getRow(2).height = 40;
    const annotatedFile = Buffer.from((await annotated.xlsx.writeBuffer()) as ArrayBuffer);
    let carried: readonly string[] = [];
    const kept = await writeXlsx(model, {
      keepUserSheetsFrom: annotatedFile,
      onUserSheets: (names) => (carried = names),
    });
    expect(carried).toEqual(["Mes notes"]);

    const actual = {
      master: await dump(master),
      keptUserSheet: await dump(kept, (name) => name === "Mes notes"),
    };
    const text = `${readableJson(actual)}\n`;
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(goldenFile, text);
    else writeFileSync(join(tmpdir(), "xlsx-write-dump.actual.json"), text);
    const golden = JSON.parse(readFileSync(goldenFile, "utf8")) as typeof actual;
    // The readable parts first (a failure shows where), then the hashes of everything.
    expect(actual.master.sheets).toEqual(golden.master.sheets);
    expect(actual.keptUserSheet).toEqual(golden.keptUserSheet);
    expect(actual.master).toEqual(golden.master);
  });
});
