import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { formatMessage } from "../domain/messages";
import { message, type Message } from "../domain/messages/types";
import type { Plan } from "../domain/plan/schema";
import { parsePlanJson } from "../domain/plan/validate";

/** The Node shell of the command line: files in and out. No business rule lives here. */

export const DEFAULT_PLAN_FILE = "seeds/pays-segali-2021-2025.json";

/** The package's own folder (where `package.json` and `seeds/` are), wherever the CLI is run from. */
export function packageRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "seeds"))) return dir;
    dir = dirname(dir);
  }
  throw new Error("package root not found from " + __dirname);
}

export function packageVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8"));
  return typeof pkg === "object" &&
    pkg !== null &&
    "version" in pkg &&
    typeof pkg.version === "string"
    ? pkg.version
    : "0.0.0";
}

export type Read<T> = { ok: true; value: T } | { ok: false; problems: readonly Message[] };

/** Why a file could not be read or written, in French (from Node's error code). */
export function fileErrorReason(e: unknown): string {
  const code = typeof e === "object" && e !== null && "code" in e ? String(e.code) : "";
  if (code === "ENOENT") return formatMessage(message("io.not_found"));
  if (code === "EACCES" || code === "EPERM") return formatMessage(message("io.denied"));
  if (code === "EISDIR") return formatMessage(message("io.is_directory"));
  if (code === "EEXIST") return formatMessage(message("io.exists"));
  return formatMessage(message("io.other", { code: code || "?" }));
}

export function readText(file: string): Read<string> {
  try {
    return { ok: true, value: readFileSync(file, "utf8") };
  } catch (e) {
    return {
      ok: false,
      problems: [message("plan.file_unreadable", { file, reason: fileErrorReason(e) })],
    };
  }
}

/**
 * Plan workbooks (`.xlsx`) read ahead by `runAsync` (reading one is asynchronous), by path as given:
 * the synchronous commands then take them like a plan JSON.
 */
const workbookPlans = new Map<string, Read<Plan>>();

export function preloadPlan(file: string, plan: Read<Plan>): void {
  workbookPlans.set(file, plan);
}

/** Loads a plan file (or the embedded default) and checks it against the schema. */
export function loadPlan(file: string | undefined): Read<Plan> {
  const preloaded = file === undefined ? undefined : workbookPlans.get(file);
  if (preloaded) return preloaded;
  const path = file ?? join(packageRoot(), DEFAULT_PLAN_FILE);
  const text = readText(path);
  if (!text.ok) return text;
  const checked = parsePlanJson(text.value);
  return checked.ok ? { ok: true, value: checked.plan } : { ok: false, problems: checked.problems };
}

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export { samePath, writeFileAtomic } from "../node/files";

/** Stable JSON text for committed files: two-space indent, final newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** A workbook file's bytes; a file that cannot be read is `check.unusable` with the reason. */
export function readFileBytes(file: string): Read<Uint8Array> {
  try {
    return { ok: true, value: readFileSync(file) };
  } catch (e) {
    return {
      ok: false,
      problems: [message("check.unusable", { file, reason: fileErrorReason(e) })],
    };
  }
}
