import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import type { RawEntry } from "../../src/domain/engine/types";

/**
 * Recalculating a workbook with LibreOffice Calc (headless), for tests that must prove what the
 * workbook's formulas compute without Excel. CI installs LibreOffice; a test that needs it fails
 * (does not skip) when it is missing: call `requireSoffice()` first.
 */

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

/** The `soffice` path, or an Error explaining how to install it (the calling test fails with it). */
export function requireSoffice(): string {
  const path = findSoffice();
  if (path === null) {
    throw new Error(
      "LibreOffice (soffice) is not installed: this test recalculates the workbook's formulas with it. " +
        "Install it (Debian/Ubuntu: `apt-get install -y libreoffice-calc`) or set SOFFICE to its path."
    );
  }
  return path;
}

/** A fresh temporary directory; remove it with `rmSync(dir, { recursive: true, force: true })`. */
export function tempDir(prefix = "ctg-lo-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A throw-away LibreOffice profile that recalculates every formula when a file is loaded (by
 * default LibreOffice keeps the values cached in an .xlsx file).
 */
function makeProfile(dir: string): string {
  const user = join(dir, "user");
  mkdirSync(user, { recursive: true });
  const recalc = (name: string) =>
    `<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="${name}" oor:op="fuse"><value>0</value></prop></item>`;
  writeFileSync(
    join(user, "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n${recalc("OOXMLRecalcMode")}\n${recalc("ODFRecalcMode")}\n</oor:items>\n`
  );
  return pathToFileURL(dir).href;
}

export interface RecalcOptions {
  /** Kill LibreOffice after this long (default 240 s). */
  readonly timeoutMs?: number;
  /** Where the recalculated file goes (default: a new temporary directory). */
  readonly outDir?: string;
  /** `xlsx` (recalculated copy, the default) or `pdf` (rendered). */
  readonly format?: "xlsx" | "pdf";
}

/**
 * Opens `input` (.xlsx) in LibreOffice headless, recalculates every formula and saves it as .xlsx;
 * returns the path of the recalculated copy. Uses its own temporary profile (so runs do not share
 * state or lock each other) and fails with LibreOffice's output on error or timeout.
 */
export async function recalculateWithLibreOffice(
  input: string,
  options: RecalcOptions = {}
): Promise<string> {
  const soffice = requireSoffice();
  const outDir = options.outDir ?? tempDir("ctg-lo-out-");
  const profileDir = tempDir("ctg-lo-profile-");
  const timeoutMs = options.timeoutMs ?? 240_000;
  try {
    const args = [
      `-env:UserInstallation=${makeProfile(profileDir)}`,
      "--headless",
      "--norestore",
      "--nologo",
      "--convert-to",
      options.format === "pdf" ? "pdf" : "xlsx:Calc MS Excel 2007 XML",
      "--outdir",
      outDir,
      input,
    ];
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(soffice, args, { stdio: ["ignore", "pipe", "pipe"], detached: true });
      let text = "";
      child.stdout.on("data", (d: Buffer) => (text += d.toString()));
      child.stderr.on("data", (d: Buffer) => (text += d.toString()));
      const timer = setTimeout(() => {
        // The whole process group: soffice starts a child (soffice.bin).
        if (child.pid !== undefined) {
          try {
            process.kill(-child.pid, "SIGKILL");
          } catch {
            child.kill("SIGKILL");
          }
        }
        reject(new Error(`LibreOffice timed out after ${timeoutMs} ms:\n${text}`));
      }, timeoutMs);
      child.on("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        if (code === 0) resolve(text);
        else reject(new Error(`LibreOffice exited with ${String(code)}:\n${text}`));
      });
    });
    const out = join(
      outDir,
      basename(input).replace(/\.[^.]+$/, "") + (options.format === "pdf" ? ".pdf" : ".xlsx")
    );
    if (!existsSync(out)) throw new Error(`LibreOffice wrote no ${out}:\n${output}`);
    return out;
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
  }
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
