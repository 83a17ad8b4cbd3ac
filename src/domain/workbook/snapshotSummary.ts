/**
 * Where things stood at the last frozen yearly bilan (« Bilan 2023 »), as the Tableau de bord shows it
 * beside the live figures: read from the snapshot sheet by the snapshot module, given to the dashboard's
 * layout by the build. Shared by both so that neither imports the other.
 */
import type { Status } from "../engine/types";

export interface SnapshotSummary {
  /** The year the bilan is about. */
  readonly year: number;
  /** When it was frozen, `YYYY-MM-DD`. */
  readonly takenOn: string;
  /** The number of targets of each status, per axis id (`I`, `II`...) and `""` for the whole plan. */
  readonly byAxis: Readonly<Record<string, Readonly<Partial<Record<Status, number>>>>>;
  /** Entries made over entries expected, per axis id and `""`, from 0 to 1 (null if none expected). */
  readonly reportingRate: Readonly<Record<string, number | null>>;
}
