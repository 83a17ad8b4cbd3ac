/**
 * Benchmarks (`npm run bench`, `npm run bench --silent -- --json`). Figures are throughputs and ratios,
 * medians of several runs; they are never asserted in tests (timing depends on the machine). The
 * partner workflow (`merge`, `refresh`) is in bench/merge.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { evaluateTarget, defaultAggregation } from "../src/domain/engine";
import type { EvaluationContext, RawEntry } from "../src/domain/engine/types";
import { parsePlanJson } from "../src/domain/plan/validate";
import { parseTargets } from "../src/domain/targets/parse";
import ExcelJS from "exceljs";
import { buildWorkbook } from "../src/domain/workbook/build";
import { checkWorkbook, isReadForCheck } from "../src/domain/workbook/check";
import { isAxisSheetName } from "../src/domain/workbook/axisSheet";
import type { WorkbookModel } from "../src/domain/workbook/model";
import { readXlsx } from "../src/xlsx/read";
import { cellValue, writeXlsx } from "../src/xlsx/write";
import { fillSample } from "../tools/sampleFill";
import { syntheticPlan } from "../tools/syntheticPlan";
import type { Target } from "../src/domain/targets/schema";
import type { Plan } from "../src/domain/plan/schema";
import { officeServiceOver, officeServiceOverFake } from "../src/entry/officeOverFake";
import { createOfficeJsHost, officeJsClientVersion, PROFILES } from "../tests/support/officeJs";
import { runWorkflows } from "../tests/support/officeWorkflows";
import { exportFigures } from "./export";
import { workflowFigures } from "./merge";

const RUNS = 7;
const json = process.argv.includes("--json");

/** Async variant of `time`, fewer runs (whole-workbook operations take seconds). */
async function timeAsync(fn: () => Promise<unknown>, runs = 3): Promise<number> {
  await fn();
  const durations: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    durations.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(durations);
}

/** The baseline: a bare exceljs script writing the same cell values, without any style or rule. */
async function bareExcelJs(model: WorkbookModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const sheet of model.sheets) {
    const ws = wb.addWorksheet(sheet.name);
    sheet.cells.forEach((line, r) =>
      line.forEach((cell, c) => {
        if (cell?.value) ws.getCell(r + 1, c + 1).value = cellValue(cell.value);
      })
    );
  }
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Runs `fn` RUNS times after a warm-up; returns the median duration in milliseconds. */
function time(fn: () => void): number {
  fn();
  const durations: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    fn();
    durations.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(durations);
}

const root = join(__dirname, "..", "..");
const checked = parsePlanJson(readFileSync(join(root, "seeds/pays-segali-2021-2025.json"), "utf8"));
if (!checked.ok) throw new Error("the embedded plan does not pass its schema");
const plan = checked.plan;
const indicators = plan.axes.flatMap((a) =>
  a.objectives.flatMap((o) => o.actions.flatMap((x) => x.indicators))
);
const phrases = indicators.flatMap((i) => [
  i.text,
  ...(i.recapText && i.recapText !== i.text ? [i.recapText] : []),
]);

// Parser: every wording of the plan, parsed again and again.
const parserRounds = 50;
const parserMs = time(() => {
  for (let r = 0; r < parserRounds; r++) for (const p of phrases) parseTargets(p);
});
const phrasesPerSecond = Math.round((phrases.length * parserRounds) / (parserMs / 1000));

// Engine: one million (indicator, year) entries, a realistic mix of what people type.
const years = [2021, 2022, 2023, 2024, 2025];
const ctx: EvaluationContext = { years, today: { year: 2023, month: 6 } };
const targets: Target[] = indicators.flatMap((i) => i.targets);
const samples: RawEntry[] = [
  12,
  "12",
  "14",
  "",
  null,
  "12,5",
  "1 250",
  "20 %",
  0.35,
  "Oui",
  "Non",
  "En cours",
  "beaucoup",
  -3,
  7,
];
const INDICATORS = 200_000;
const inputs = Array.from({ length: INDICATORS }, (_, k) => {
  const target = targets[k % targets.length] as Target;
  const entries: Record<number, RawEntry> = {};
  years.forEach((y, j) => (entries[y] = samples[(k * 7 + j * 3) % samples.length]));
  return {
    target,
    input: {
      aggregation: defaultAggregation(target),
      entries,
      baseline: k % 3 === 0 ? "10" : null,
    },
  };
});
const engineMs = time(() => {
  for (const { target, input } of inputs) evaluateTarget(target, input, ctx);
});
const entries = INDICATORS * years.length;
const entriesPerSecond = Math.round(entries / (engineMs / 1000));

async function workbookFigures(): Promise<Record<string, unknown>> {
  const options = { generatorVersion: "bench", generatedOn: "2024-01-01" };
  const out: Record<string, unknown> = {};
  for (const [name, p] of [
    ["default", plan],
    ["x10", syntheticPlan(plan, 10, 10)],
  ] as const) {
    const model = buildWorkbook(p, options);
    const cells = model.sheets.reduce(
      (n, s) => n + s.cells.reduce((m, l) => m + l.filter((c) => c?.value).length, 0),
      0
    );
    // Medians of more runs for the small plan: a few milliseconds of noise move its ratio.
    const runs = name === "default" ? 9 : 3;
    const buildMs = await timeAsync(async () => writeXlsx(buildWorkbook(p, options)), runs);
    const bareMs = await timeAsync(async () => bareExcelJs(model), runs);
    const file = await writeXlsx(model);
    out[name] = {
      actions: p.axes.reduce(
        (n, a) => n + a.objectives.reduce((m, o) => m + o.actions.length, 0),
        0
      ),
      years: p.years.end - p.years.start + 1,
      cells,
      bytes: file.length,
      buildMs: Math.round(buildMs),
      bareExcelJsMs: Math.round(bareMs),
      ratioToBareExcelJs: Number((buildMs / bareMs).toFixed(2)),
    };
  }
  // ctg check: read a filled workbook and evaluate every entry.
  const filled = await fillSample(await writeXlsx(buildWorkbook(plan, options)), {
    seed: 1,
    density: 0.7,
    badShare: 0.1,
  });
  let entries = 0;
  const checkMs = await timeAsync(async () => {
    // As `ctg check` reads it: the axis sheets and Paramètres, their values only.
    const read = await readXlsx(filled, { sheets: isReadForCheck, formulas: false });
    if (!read.ok) throw new Error("bench workbook unreadable");
    const names = [...read.workbook.sheets.keys()].filter((n) => isAxisSheetName(n));
    const checked = checkWorkbook(read.workbook.sheets, names, { year: 2023, month: 6 });
    if (!checked.ok) throw new Error("bench workbook not checkable");
    entries = checked.report.summary.rows * (plan.years.end - plan.years.start + 1);
  }, 15);
  out.check = {
    entries,
    medianMs: Math.round(checkMs),
    entriesPerSecond: Math.round(entries / (checkMs / 1000)),
  };
  return out;
}

/**
 * Generation through the Office.js adapter, driven by Microsoft's own client library
 * (`@microsoft/office-js`) with the host emulator behind it: round trips (every request the client
 * sent, Excel.run's reference cleanup included) and the real request and response bodies. The
 * fake's own proxy objects give `proxyMs` (the adapter's time without the client).
 */
async function officeFigures(p: Plan): Promise<Record<string, number>> {
  const host = createOfficeJsHost("latest", { payloadLimitBytes: Number.MAX_SAFE_INTEGER });
  const service = officeServiceOver(host.Excel, {
    generatorVersion: "bench",
    isSetSupported: host.isSetSupported,
  });
  const start = process.hrtime.bigint();
  const result = await service.generate(p, () => undefined);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!result.ok) throw new Error("bench generation through Office.js failed");
  const requests = [...host.emulator.requests];
  // A regeneration of the same workbook: it reads every sheet with inputs back (values, then the
  // input columns' formulas), puts the old sheets aside, writes the new ones.
  const again = await service.generate(p, () => undefined);
  if (!again.ok) throw new Error("bench regeneration through Office.js failed");
  const regeneration = host.emulator.requests.slice(requests.length);
  host.close();
  const proxy = officeServiceOverFake({ generatorVersion: "bench" });
  const proxyStart = process.hrtime.bigint();
  if (!(await proxy.service.generate(p, () => undefined)).ok)
    throw new Error("bench generation against the fake failed");
  const proxyMs = Number(process.hrtime.bigint() - proxyStart) / 1e6;
  return {
    syncs: requests.length,
    maxRequestBytes: requests.reduce((m, r) => Math.max(m, r.request), 0),
    totalRequestBytes: requests.reduce((m, r) => m + r.request, 0),
    maxResponseBytes: requests.reduce((m, r) => Math.max(m, r.response), 0),
    actions: requests.reduce((m, r) => m + r.actions, 0),
    clientMs: Math.round(ms),
    regenerationSyncs: regeneration.length,
    regenerationMaxResponseBytes: regeneration.reduce((m, r) => Math.max(m, r.response), 0),
    proxyMs: Math.round(proxyMs),
  };
}

/** Every task-pane workflow on each host profile: "pass", or the step that failed. */
async function profileFigures(p: Plan): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of PROFILES) {
    const host = createOfficeJsHost(name);
    const service = officeServiceOver(host.Excel, {
      generatorVersion: "bench",
      isSetSupported: host.isSetSupported,
    });
    try {
      await runWorkflows(service, host.fake, p);
      out[name] = "pass";
    } catch (e) {
      out[name] = `fail: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      host.close();
    }
  }
  return out;
}

void (async () => {
  const workbook = await workbookFigures();
  const officejs = {
    client: officeJsClientVersion(),
    default: await officeFigures(plan),
    x10: await officeFigures(syntheticPlan(plan, 10, 10)),
    x20: await officeFigures(syntheticPlan(plan, 20, 20)),
    profiles: await profileFigures(plan),
  };
  // ctg merge of ten returns (default plan, plan ten times larger), ctg refresh: see bench/merge.ts.
  const workflow = await workflowFigures(plan, syntheticPlan(plan, 10, 10));
  // ctg export of ten filled workbooks, ctg consolidate of fifty: see bench/export.ts.
  const exported = await exportFigures();
  const result = {
    runs: RUNS,
    build: workbook,
    officejs,
    parser: { phrases: phrases.length, phrasesPerSecond, medianMs: Number(parserMs.toFixed(2)) },
    engine: {
      entries,
      entriesPerSecond,
      millionEntriesMs: Number(((engineMs * 1_000_000) / entries).toFixed(1)),
    },
    merge: workflow.merge,
    refresh: workflow.refresh,
    export: exported,
  };

  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    const fr = new Intl.NumberFormat("fr-FR");
    const b = workbook as Record<string, Record<string, number>>;
    const m = workflow.merge as Record<string, Record<string, number>>;
    const mergeLine = (label: string, c: Record<string, number> | undefined) =>
      `${label} : ${fr.format(c?.entriesPerSecond ?? 0)} saisies/s (${c?.returns ?? 0} retours, ${fr.format(c?.entries ?? 0)} saisies en ${fr.format(c?.totalMs ?? 0)} ms : lecture ${fr.format(c?.readMs ?? 0)} ms, vérification et fusion ${fr.format(c?.verifyMergeMs ?? 0)} ms, reconstruction et écriture ${fr.format(c?.rebuildWriteMs ?? 0)} ms)`;
    const r = workflow.refresh as Record<string, number>;
    process.stdout.write(
      [
        `Analyse des cibles : ${fr.format(phrasesPerSecond)} formulations/s (${phrases.length} formulations, médiane de ${RUNS} passes)`,
        `Moteur d'évaluation : ${fr.format(entriesPerSecond)} saisies/s ; un million de saisies en ${fr.format(result.engine.millionEntriesMs)} ms`,
        `Classeur du plan intégré : ${fr.format(b.default?.buildMs ?? 0)} ms (${fr.format(b.default?.ratioToBareExcelJs ?? 0)} × exceljs nu)`,
        `Classeur d'un plan dix fois plus grand : ${fr.format(b.x10?.buildMs ?? 0)} ms (${fr.format(b.x10?.ratioToBareExcelJs ?? 0)} × exceljs nu)`,
        `ctg check : ${fr.format(b.check?.entriesPerSecond ?? 0)} saisies/s`,
        `Complément (${officejs.client}, Excel émulé) : ${officejs.default.syncs} allers-retours, requête max ${fr.format(officejs.default.maxRequestBytes ?? 0)} octets (régénération : ${officejs.default.regenerationSyncs} allers-retours, réponse max ${fr.format(officejs.default.regenerationMaxResponseBytes ?? 0)} octets ; plan ×10 : ${officejs.x10.regenerationSyncs}, réponse max ${fr.format(officejs.x10.regenerationMaxResponseBytes ?? 0)} octets) ; plan ×10 : ${officejs.x10.syncs} allers-retours, requête max ${fr.format(officejs.x10.maxRequestBytes ?? 0)} octets ; plan ×20 : ${officejs.x20.syncs} allers-retours, requête max ${fr.format(officejs.x20.maxRequestBytes ?? 0)} octets`,
        `Profils d'Excel : ${Object.entries(officejs.profiles)
          .map(([k, v]) => `${k} ${v === "pass" ? "réussi" : v}`)
          .join(", ")}`,
        mergeLine("ctg merge, plan intégré", m.default),
        mergeLine("ctg merge, plan dix fois plus grand", m.x10),
        `ctg refresh : ${fr.format(r.medianMs ?? 0)} ms, ${fr.format(r.entriesKeptPerSecond ?? 0)} saisies gardées/s (${fr.format(r.entriesKept ?? 0)} saisies)`,
        `ctg export : ${fr.format(exported.exportRowsPerSecond ?? 0)} lignes/s (${fr.format(exported.exportRows ?? 0)} lignes de 10 classeurs remplis)`,
        `ctg consolidate : ${fr.format(exported.workbooks ?? 0)} classeurs en ${fr.format(exported.consolidateMs ?? 0)} ms (${fr.format(exported.workbooksPerSecond ?? 0)} classeurs/s)`,
      ].join("\n") + "\n"
    );
  }
})();
