/**
 * Throughput of `ctg export` (rows/s) and `ctg consolidate` (workbooks/s), through src/app as the
 * command line runs them, on filled copies of the embedded plan's workbook. Part of `npm run bench`;
 * run alone with `npm run build:cli --silent && node dist/bench/export.js`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { consolidate, readChecked, rowsOf } from "../src/app/export";
import { exportCsvRows } from "../src/domain/export/formats";
import { parsePlanJson } from "../src/domain/plan/validate";
import { buildWorkbook } from "../src/domain/workbook/build";
import { writeXlsx } from "../src/xlsx/write";
import { fillSample } from "../tools/sampleFill";

export async function exportFigures(workbooks = 50): Promise<Record<string, number>> {
  const root = join(__dirname, "..", "..");
  const checked = parsePlanJson(
    readFileSync(join(root, "seeds/pays-segali-2021-2025.json"), "utf8")
  );
  if (!checked.ok) throw new Error("the embedded plan does not pass its schema");
  const base = await writeXlsx(
    buildWorkbook(checked.plan, { generatorVersion: "bench", generatedOn: "2024-01-01" })
  );
  const files: Uint8Array[] = [];
  for (let i = 0; i < workbooks; i++)
    files.push(await fillSample(base, { seed: i + 1, density: 0.3 + (i % 7) / 10, badShare: 0.1 }));
  const now = new Date();
  let rows = 0;
  const exportStart = process.hrtime.bigint();
  for (const bytes of files.slice(0, 10)) {
    const read = await readChecked(bytes, null, now);
    if (!read.ok) throw new Error("bench workbook unreadable");
    rows += exportCsvRows(rowsOf(read.value)).length - 1;
  }
  const exportMs = Number(process.hrtime.bigint() - exportStart) / 1e6;
  const start = process.hrtime.bigint();
  const { model, outcomes } = await consolidate(
    files.map((bytes, i) => ({ file: `t${i}.xlsx`, load: () => bytes })),
    null,
    { now, on: "2024-01-01", generatorVersion: "bench" }
  );
  await writeXlsx(model);
  const consolidateMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (outcomes.some((o) => o.reason)) throw new Error("a bench workbook was left out");
  return {
    exportRows: rows,
    exportRowsPerSecond: Math.round(rows / (exportMs / 1000)),
    workbooks,
    consolidateMs: Math.round(consolidateMs),
    workbooksPerSecond: Number((workbooks / (consolidateMs / 1000)).toFixed(1)),
  };
}

if (require.main === module)
  void exportFigures().then((f) => process.stdout.write(`${JSON.stringify(f)}\n`));
