/** Helpers of the golden-file tests: stable JSON to hash, readable JSON to review in a diff. */
import { createHash } from "node:crypto";

/** JSON with object keys sorted at every level (`undefined` properties dropped, as `toEqual` does). */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

/** Pretty JSON with arrays of plain values on one line (short, readable diffs). */
export function readableJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /\[\s*([^[\]{}]*?)\s*\]/g,
    (_m, inner: string) => `[${inner.split(/,\s*\n\s*/).join(", ")}]`
  );
}

export const sha256 = (s: string): string => createHash("sha256").update(s, "utf8").digest("hex");
