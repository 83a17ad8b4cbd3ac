import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readStoredBytes } from "../../src/app/workbooks";
import type { StoredWorkbook } from "../../src/domain/workbook/stored";
import { fillSample } from "../../tools/sampleFill";

/** The compiled command line (`npm run build:cli`), run as a user runs it. */
const root = join(__dirname, "..", "..");
const BIN = join(root, "bin", "ctg.js");

export interface Run {
  readonly status: number;
  readonly out: string;
  readonly err: string;
}

export function ctg(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {}
): Run {
  if (!existsSync(join(root, "dist", "src", "cli", "main.js")))
    throw new Error("La ligne de commande n'est pas compilée : lancez « npm run build:cli ».");
  const run = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { status: run.status ?? -1, out: run.stdout, err: run.stderr };
}

/** A built workbook filled as partners would (deterministic for a seed), written at `file`. */
export async function filledWorkbook(file: string, seed: number): Promise<void> {
  const built = `${file}.built.xlsx`;
  const made = ctg(["build", "--out", built]);
  if (made.status !== 0) throw new Error(made.err);
  await refill(built, file, seed);
}

/** `from` with new entries typed over its axis sheets, written at `to`. */
export async function refill(from: string, to: string, seed: number): Promise<void> {
  const filled = await fillSample(readFileSync(from), { seed, density: 0.6, badShare: 0.1 });
  writeFileSync(to, filled);
}

export async function readStored(file: string): Promise<StoredWorkbook> {
  const read = await readStoredBytes(file, new Uint8Array(readFileSync(file)));
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.value;
}
