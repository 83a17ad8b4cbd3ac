import { z } from "zod";
import { LocationMap, type Entry, type EntryValue } from "./entries";

/**
 * The base of a three-way merge: the values a partner's workbook was sent (the master's entries
 * copied into it when it was prepared, none for a workbook prepared from the plan alone). Stored as
 * JSON in the workbook's metadata sheet, so that merging its return can tell a value the partner
 * changed from a value the coordinator changed since. Pure.
 */

const BASE_FORMAT = "ctg-base/1";

const BaseSchema = z.object({
  format: z.literal(BASE_FORMAT),
  /** `[sheet, row key, column, value]`, the entries sent. */
  entries: z.array(
    z.tuple([z.string(), z.string(), z.string(), z.union([z.string(), z.number(), z.boolean()])])
  ),
});

/** The JSON of a base: the entries sent (an empty list for a workbook sent empty). */
export function encodeBase(sent: readonly Entry[]): string {
  return JSON.stringify({
    format: BASE_FORMAT,
    entries: sent.map((e) => [e.sheet, e.key, e.column, e.value]),
  });
}

export type SentValue = Pick<Entry, "sheet" | "key" | "column" | "value">;

export interface Base {
  /** The values sent, in the order recorded. */
  readonly sent: readonly SentValue[];
  /** The same, by location. */
  readonly at: LocationMap<EntryValue>;
}

/** The values sent; null when the file records no base, or a base that cannot be read. */
export function decodeBase(json: string | null | undefined): Base | null {
  if (json === null || json === undefined) return null;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = BaseSchema.safeParse(data);
  if (!parsed.success) return null;
  const at = new LocationMap<EntryValue>();
  const sent = parsed.data.entries.map(([sheet, key, column, value]) => ({
    sheet,
    key,
    column,
    value,
  }));
  for (const s of sent) at.set(s, s.value);
  return { sent, at };
}
