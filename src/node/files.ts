import { randomBytes } from "node:crypto";
import { existsSync, linkSync, realpathSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/**
 * Writes a file atomically: to a temporary name beside it, then renamed, so that a failure
 * never leaves a half-written file where the user expects the result. Returns the absolute path.
 */
export function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  options: { readonly force?: boolean } = {}
): string {
  const target = resolve(file);
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    writeFileSync(temp, data);
    if (options.force) renameSync(temp, target);
    else {
      // Never over a file that exists (a user's workbook): a hard link fails with EEXIST when the
      // name is taken, atomically; where links are not possible, the name is checked first.
      try {
        linkSync(temp, target);
      } catch (e) {
        const code = typeof e === "object" && e !== null && "code" in e ? String(e.code) : "";
        if (code === "EEXIST") throw e;
        if (existsSync(target))
          throw Object.assign(new Error(`exists: ${target}`), { code: "EEXIST" });
        renameSync(temp, target);
      }
    }
  } finally {
    rmSync(temp, { force: true });
  }
  return target;
}

/**
 * Whether two paths name the same file, through symbolic links (a folder linked elsewhere included):
 * the real path of the file, or of its folder when the file does not exist yet.
 */
export function samePath(a: string, b: string): boolean {
  const real = (p: string): string => {
    const full = resolve(p);
    try {
      return realpathSync(full);
    } catch {
      try {
        return join(realpathSync(dirname(full)), basename(full));
      } catch {
        return full;
      }
    }
  };
  return real(a) === real(b);
}
