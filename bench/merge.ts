/**
 * Benchmarks of the partner workflow: `ctg merge` of ten returns, and `ctg refresh`, run in process
 * along the same path as the command line (src/app/): files read with readXlsx, the
 * master's plan and entries, verification and merge, rebuild with the journal, written with
 * writeXlsx. Each phase is timed on its own, so that the figures say where the time goes.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { regenerate } from "../src/app/regenerate";
import {
  allReports,
  computeImport,
  rebuildAfterImport,
  type ReturnSource,
} from "../src/app/returns";
import { openStored, readStoredBytes, type StoredWorkbook } from "../src/app/workbooks";
import { writeFileAtomic } from "../src/node/files";
import { partnerDirectory, partnerFileName } from "../src/domain/plan/partners";
import type { Plan } from "../src/domain/plan/schema";
import { buildWorkbook } from "../src/domain/workbook/build";
import type { WorkbookModel } from "../src/domain/workbook/model";
import { writeXlsx } from "../src/xlsx/write";
import { fillModel } from "../tools/sampleFill";

const OPTIONS = { generatorVersion: "bench", generatedOn: "2024-01-01" };
const MOMENT = { at: "2024-01-01T10:00", on: "2024-01-01" };
const OPENING = { generatorVersion: "bench", on: MOMENT.on };

/** How the returns are filled: every year cell, a few bad entries, 10 % of shared rows differing. */
const FILL = { density: 1, badShare: 0.05, divergence: 0.1 } as const;

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const round = (n: number) => Math.round(n);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** A file read as the command line reads it: the workbook, and its bytes (for the user's sheets). */
async function readFile(file: string): Promise<{ stored: StoredWorkbook; bytes: Buffer }> {
  const bytes = readFileSync(file);
  const read = await readStoredBytes(file, bytes);
  if (!read.ok) throw new Error(`bench: ${file} unreadable`);
  return { stored: read.value, bytes };
}

interface Phases {
  readXlsx: number;
  masterState: number;
  verifyMerge: number;
  rebuild: number;
  write: number;
  total: number;
}

interface MergeRun {
  phases: Phases;
  entries: number;
  added: number;
  same: number;
  conflicts: number;
  invalid: number;
  journalRows: number;
  kept: number;
  model: WorkbookModel;
}

/** One `ctg merge MASTER RETURN... --out OUT`, phase by phase. */
async function mergeOnce(
  master: string,
  returns: readonly string[],
  out: string
): Promise<MergeRun> {
  // The phases of `ctg merge` (src/app/returns.ts importReturns), each timed on its own.
  const t0 = process.hrtime.bigint();
  const masterRead = await readFile(master);
  const sources: ReturnSource[] = [];
  for (const file of returns)
    sources.push({ name: basename(file), workbook: (await readFile(file)).stored });
  const readMs = ms(t0);

  const t1 = process.hrtime.bigint();
  const opened = openStored(masterRead.stored, null, OPENING);
  if (!opened.ok) throw new Error("bench: no plan in the master");
  const stateMs = ms(t1);

  const t2 = process.hrtime.bigint();
  const options = { moment: MOMENT, prefer: "master" as const, generatorVersion: "bench" };
  const computed = await computeImport(opened.value, sources, options);
  const merged = computed.merged;
  const mergeMs = ms(t2);
  const refused = allReports(computed).filter((r) => !r.merged);
  if (refused.length > 0) throw new Error(`bench: ${refused.length} return(s) refused`);

  const t3 = process.hrtime.bigint();
  const { rebuilt } = rebuildAfterImport(opened.value, computed, options);
  const rebuildMs = ms(t3);
  if (rebuilt.archived.length > 0) throw new Error("bench: merged entries archived");

  const t4 = process.hrtime.bigint();
  // As the command line writes it: the sheets a user added to the master are carried over.
  // Each run writes the same output again: replacing it is the point here.
  writeFileAtomic(out, await writeXlsx(rebuilt.model, { keepUserSheetsFrom: masterRead.bytes }), {
    force: true,
  });
  const writeMs = ms(t4);

  const sum = (k: "added" | "same" | "conflicts" | "invalid") =>
    merged.returns.reduce((n, r) => n + r[k], 0);
  return {
    phases: {
      readXlsx: readMs,
      masterState: stateMs,
      verifyMerge: mergeMs,
      rebuild: rebuildMs,
      write: writeMs,
      total: ms(t0),
    },
    entries: sum("added") + sum("same") + sum("conflicts"),
    added: sum("added"),
    same: sum("same"),
    conflicts: sum("conflicts"),
    invalid: sum("invalid"),
    journalRows: merged.journal.length,
    kept: rebuilt.placed.length,
    model: rebuilt.model,
  };
}

function medianPhases(runs: readonly MergeRun[]): Phases {
  const of = (k: keyof Phases) => median(runs.map((r) => r.phases[k]));
  return {
    readXlsx: of("readXlsx"),
    masterState: of("masterState"),
    verifyMerge: of("verifyMerge"),
    rebuild: of("rebuild"),
    write: of("write"),
    total: of("total"),
  };
}

export interface MergeCase {
  readonly figures: Record<string, unknown>;
  /** The merged master, for the refresh benchmark. */
  readonly merged: string;
}

/**
 * Ten returns of `plan` (the ten most cited partners), each filled in every measurement cell of its
 * rows, merged into an empty master `runs` times after `warmUp` runs.
 */
async function mergeCase(
  plan: Plan,
  dir: string,
  name: string,
  runs: number,
  warmUp: number,
  measureCarryOver: boolean
): Promise<MergeCase> {
  const prepStart = process.hrtime.bigint();
  const master = join(dir, `${name}-maitre.xlsx`);
  writeFileAtomic(master, await writeXlsx(buildWorkbook(plan, OPTIONS)));
  const partners = partnerDirectory(plan)
    .slice(0, 10)
    .map((p) => p.name);
  const returns: string[] = [];
  let bytesIn = readFileSync(master).length;
  for (const [i, partner] of partners.entries()) {
    const model = buildWorkbook(plan, { ...OPTIONS, partner });
    const file = join(dir, `${name}-${partnerFileName(plan.id, partner)}`);
    writeFileAtomic(file, await writeXlsx(fillModel(model, { seed: i + 1, ...FILL })));
    bytesIn += readFileSync(file).length;
    returns.push(file);
  }
  const prepareMs = ms(prepStart);

  const out = join(dir, `${name}-fusionne.xlsx`);
  for (let i = 0; i < warmUp; i++) await mergeOnce(master, returns, out);
  const results: MergeRun[] = [];
  for (let i = 0; i < runs; i++) results.push(await mergeOnce(master, returns, out));
  const last = results[results.length - 1] as MergeRun;
  const p = medianPhases(results);
  // What carrying the user's sheets over costs (it loads the master again): the write without it.
  const plainWrite: number[] = [];
  if (measureCarryOver)
    for (let i = 0; i < runs; i++) {
      const t = process.hrtime.bigint();
      await writeXlsx(last.model);
      plainWrite.push(ms(t));
    }
  return {
    merged: out,
    figures: {
      returns: returns.length,
      partners,
      runs,
      entries: last.entries,
      added: last.added,
      same: last.same,
      conflicts: last.conflicts,
      invalid: last.invalid,
      journalRows: last.journalRows,
      entriesInMaster: last.kept,
      bytesIn,
      bytesOut: readFileSync(out).length,
      totalMs: round(p.total),
      entriesPerSecond: round(last.entries / (p.total / 1000)),
      readMs: round(p.readXlsx + p.masterState),
      verifyMergeMs: round(p.verifyMerge),
      rebuildWriteMs: round(p.rebuild + p.write),
      detailMs: {
        readXlsx: round(p.readXlsx),
        masterState: round(p.masterState),
        verifyMerge: round(p.verifyMerge),
        rebuild: round(p.rebuild),
        write: round(p.write),
        ...(measureCarryOver ? { writeWithoutUserSheets: round(median(plainWrite)) } : {}),
      },
      prepareMs: round(prepareMs),
    },
  };
}

/** `ctg refresh FILE --out OUT` (same plan): read, state, rebuild, write. */
async function refreshFigures(file: string, dir: string, runs: number) {
  const out = join(dir, "rafraichi.xlsx");
  const once = async () => {
    const t0 = process.hrtime.bigint();
    const read = await readFile(file);
    const opened = openStored(read.stored, null, OPENING);
    if (!opened.ok) throw new Error("bench: no plan in the file");
    const state = opened.value.state;
    const readMs = ms(t0);
    const t1 = process.hrtime.bigint();
    const rebuilt = regenerate(opened.value, opened.value.plan, OPENING);
    writeFileAtomic(out, await writeXlsx(rebuilt.model, { keepUserSheetsFrom: read.bytes }), {
      force: true,
    });
    return {
      read: readMs,
      rebuildWrite: ms(t1),
      total: ms(t0),
      kept: rebuilt.placed.length,
      archived: rebuilt.archived.length,
      journalRows: state.journal.length,
    };
  };
  await once();
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await once());
  const last = results[results.length - 1] as Awaited<ReturnType<typeof once>>;
  const total = median(results.map((r) => r.total));
  return {
    runs,
    entriesKept: last.kept,
    archived: last.archived,
    journalRows: last.journalRows,
    medianMs: round(total),
    entriesKeptPerSecond: round(last.kept / (total / 1000)),
    readMs: round(median(results.map((r) => r.read))),
    rebuildWriteMs: round(median(results.map((r) => r.rebuildWrite))),
  };
}

/** The `merge` and `refresh` sections of the benchmark. */
export async function workflowFigures(
  plan: Plan,
  large: Plan
): Promise<{ merge: Record<string, unknown>; refresh: Record<string, unknown> }> {
  const dir = mkdtempSync(join(tmpdir(), "ctg-bench-merge-"));
  try {
    const base = await mergeCase(plan, dir, "default", 3, 1, true);
    const refresh = await refreshFigures(base.merged, dir, 3);
    // The larger plan: one run, no warm-up (a run takes tens of seconds).
    const x10 = await mergeCase(large, dir, "x10", 1, 0, false);
    return { merge: { default: base.figures, x10: x10.figures }, refresh };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
