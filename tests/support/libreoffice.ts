import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import ExcelJS from "exceljs";
import type { RawEntry } from "../../src/domain/engine/types";

/**
 * Recalculating a workbook with LibreOffice Calc (headless), for tests that must prove what the
 * workbook's formulas compute without Excel. CI installs LibreOffice and Debian's python3-uno; a test
 * that needs them fails (does not skip) when they are missing: call `requireSoffice()` first.
 *
 * One LibreOffice per test run: the first conversion starts a headless listener
 * (`soffice --headless --accept=pipe,...`) with one profile, every later conversion of every test
 * file connects to it through `lo_convert.py` (UNO), and jest's global teardown
 * (tests/support/global-teardown.js) stops it. Conversions queue on a lock, so test files in
 * parallel workers never share a document nor start a second office. The run's folder comes from
 * $CTG_LO_RUN (set by tests/support/global-setup.js); without it (a script outside jest) this
 * process gets its own listener, stopped when it exits.
 */

const PYTHON = "/usr/bin/python3"; // Debian's: the `uno` module is installed for it only
const CONVERT = join(__dirname, "lo_convert.py");

/** The `soffice` executable on the PATH (or $SOFFICE), or null. */
export function findSoffice(): string | null {
  const fromEnv = process.env.SOFFICE;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const found = spawnSync("sh", ["-c", "command -v soffice || command -v libreoffice"], {
    encoding: "utf8",
  });
  const path = found.stdout.trim().split("\n")[0] ?? "";
  return found.status === 0 && path !== "" ? path : null;
}

let checked: string | null = null;

/**
 * The `soffice` path, or an Error explaining how to install what is missing (LibreOffice Calc, or
 * the UNO bridge for Python that drives the shared listener); the calling test fails with it.
 */
export function requireSoffice(): string {
  if (checked !== null) return checked;
  const path = findSoffice();
  if (path === null) {
    throw new Error(
      "LibreOffice (soffice) is not installed: this test recalculates the workbook's formulas with it. " +
        "Install it (Debian/Ubuntu: `apt-get install -y libreoffice-calc-nogui python3-uno`) or set SOFFICE to its path."
    );
  }
  const uno = spawnSync(PYTHON, ["-c", "import uno"], { encoding: "utf8" });
  if (uno.status !== 0) {
    throw new Error(
      `LibreOffice's UNO bridge for Python is missing (${PYTHON} -c "import uno" failed): the tests ` +
        "drive one shared LibreOffice through it. Install it (Debian/Ubuntu: `apt-get install -y python3-uno`)."
    );
  }
  checked = path;
  return path;
}

/** A fresh temporary directory; remove it with `rmSync(dir, { recursive: true, force: true })`. */
export function tempDir(prefix = "ctg-lo-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

let ownRun: string | null = null;

/** The folder of this run's LibreOffice listener (profile, lock, pid, log). */
function runDir(): string {
  const shared = process.env.CTG_LO_RUN;
  if (shared) return shared;
  if (ownRun === null) {
    const dir = tempDir("ctg-lo-run-");
    ownRun = dir;
    process.once("exit", () => stopListener(dir));
  }
  return ownRun;
}

/**
 * Stops the listener of a run folder (its whole process group: soffice starts soffice.bin) and
 * removes the folder. Used by the global teardown; safe when no listener was started.
 */
export function stopListener(dir: string, removeDir = true): void {
  killListener(dir);
  if (removeDir) rmSync(dir, { recursive: true, force: true });
}

function killListener(dir: string): void {
  const pidFile = join(dir, "soffice.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").trim());
  rmSync(pidFile, { force: true });
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}

export interface RecalcOptions {
  /** Fail after this long, queueing behind other files' conversions included (default 300 s). */
  readonly timeoutMs?: number;
  /** Where the recalculated file goes (default: a new temporary directory). */
  readonly outDir?: string;
  /** `xlsx` (recalculated copy, the default) or `pdf` (rendered). */
  readonly format?: "xlsx" | "pdf";
}

/**
 * Opens each of `inputs` (.xlsx) in the run's LibreOffice, recalculates every formula and saves it
 * as .xlsx (or renders it as .pdf) under its own name in `outDir`; returns the output paths, in
 * order. Fails with LibreOffice's output on error or timeout.
 */
export async function convertWithLibreOffice(
  inputs: readonly string[],
  options: RecalcOptions = {}
): Promise<string[]> {
  // LibreOffice's UNO bridge sometimes dies mid-conversion or while a new listener starts (a segfault
  // in binaryurpWriter, or "Binary URP bridge disposed during call", seen on a loaded machine, twice in
  // a row once when other LibreOffice and Chromium jobs shared the 2 cores): the listener is started
  // anew, up to twice.
  for (let attempt = 1; ; attempt++) {
    try {
      return await convertOnce(inputs, options);
    } catch (e) {
      if (!(e instanceof CrashedError) || attempt >= 3) throw e;
      killListener(runDir());
    }
  }
}

class CrashedError extends Error {}

async function convertOnce(inputs: readonly string[], options: RecalcOptions): Promise<string[]> {
  const soffice = requireSoffice();
  const format = options.format ?? "xlsx";
  const outDir = options.outDir ?? tempDir("ctg-lo-out-");
  const timeoutMs = options.timeoutMs ?? 300_000;
  const run = runDir();
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(PYTHON, [CONVERT, run, format, outDir, ...inputs], {
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
      env: { ...process.env, CTG_SOFFICE: soffice },
    });
    let text = "";
    let converting = false;
    child.stdout.on("data", (d: Buffer) => (text += d.toString()));
    child.stderr.on("data", (d: Buffer) => {
      const s = d.toString();
      if (s.includes("[lo_convert] locked")) converting = true;
      text += s;
    });
    const timer = setTimeout(() => {
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          child.kill("SIGKILL");
        }
      }
      // A listener stuck on this conversion would hold every later one: the next starts anew.
      if (converting) killListener(run);
      reject(
        new Error(
          `LibreOffice timed out after ${timeoutMs} ms (${converting ? "converting" : "waiting for the other conversions"}):\n${text}`
        )
      );
    }, timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(text);
      else if ((code === null && converting) || /DisposedException|bridge disposed/.test(text))
        reject(new CrashedError(`LibreOffice died during the conversion:\n${text}`));
      else reject(new Error(`LibreOffice conversion failed (exit ${String(code)}):\n${text}`));
    });
  });
  return inputs.map((input) => {
    const out = join(outDir, basename(input).replace(/\.[^.]+$/, "") + "." + format);
    if (!existsSync(out)) throw new Error(`LibreOffice wrote no ${out}:\n${output}`);
    return out;
  });
}

/**
 * Opens `input` (.xlsx) in the run's LibreOffice, recalculates every formula and saves it as .xlsx
 * (or renders it as .pdf); returns the path of the result.
 */
export async function recalculateWithLibreOffice(
  input: string,
  options: RecalcOptions = {}
): Promise<string> {
  const [out] = await convertWithLibreOffice([input], options);
  return out as string;
}

/** Saves an exceljs workbook. */
export async function writeWorkbook(workbook: ExcelJS.Workbook, path: string): Promise<string> {
  await workbook.xlsx.writeFile(path);
  return path;
}

/** Loads an .xlsx file with exceljs. */
export async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

/**
 * What a cell shows: the result of a formula, or the value. Texts and numbers as they are,
 * booleans as booleans, blanks as null, errors as their text (`#VALUE!`).
 */
export function shownValue(cell: ExcelJS.Cell): RawEntry {
  return plain(cell.value);
}

function plain(v: ExcelJS.CellValue): RawEntry {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString();
  if ("error" in v) return String(v.error);
  if ("richText" in v) return v.richText.map((r) => r.text).join("");
  if ("formula" in v || "sharedFormula" in v) {
    const result = (v as { result?: unknown }).result;
    if (result === undefined || result === null) return null;
    if (typeof result === "object" && "error" in result) {
      return String((result as { error: unknown }).error);
    }
    if (typeof result === "string" || typeof result === "number" || typeof result === "boolean") {
      return result;
    }
    return null;
  }
  if ("text" in v) return String(v.text);
  return null;
}

/** The formula text of a cell (without `=`), or null. */
export function formulaOf(cell: ExcelJS.Cell): string | null {
  const v = cell.value;
  if (v !== null && typeof v === "object" && "formula" in v) return v.formula ?? null;
  return null;
}
