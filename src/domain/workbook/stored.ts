import type { ReadBackSheet } from "./entries";
import type { StoredMeta } from "./meta";

/**
 * A CTG workbook as stored, whoever read it (the `.xlsx` reader from a file, the Office.js adapter
 * from the open workbook): its metadata, the plan's JSON kept in it, and its sheets' cells.
 */
export interface StoredWorkbook {
  readonly meta: StoredMeta;
  /** The plan's JSON stored in the workbook (null for workbooks made before it was stored). */
  readonly planJson: string | null;
  /**
   * A partner's workbook: the values it was sent, as JSON (`base.ts`); null when not recorded
   * (a master, or a partner's workbook made before the base was recorded).
   */
  readonly baseJson?: string | null;
  readonly sheets: ReadonlyMap<string, ReadBackSheet>;
}
