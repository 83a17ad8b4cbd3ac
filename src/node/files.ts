import { randomBytes } from "node:crypto";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/**
 * Writes a file atomically: to a temporary name beside it, then renamed, so that a failure
 * never leaves a half-written file where the user expects the result. Returns the absolute path.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): string {
  const target = resolve(file);
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    writeFileSync(temp, data);
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  return target;
}
