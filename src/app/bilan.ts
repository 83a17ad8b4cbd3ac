/**
 * The yearly bilan document (`ctg bilan`, the task pane's « Bilan (Word / HTML) »): what it says
 * (`src/domain/bilan/content.ts`) from `ctg check`'s reading of the workbook and its frozen bilans,
 * laid out as an HTML page (pure) or a Word document (`src/docx/`, loaded on demand).
 */
import {
  bilanDocument,
  previousSnapshot,
  ratesByYear,
  type BilanDocument,
} from "../domain/bilan/content";
import { bilanHtml } from "../domain/bilan/html";
import { message } from "../domain/messages/types";
import { planYears } from "../domain/workbook/axisSheet";
import { snapshotRows } from "../domain/snapshot/take";
import { checkSheets } from "./check";
import { momentOf, type Opened, type OpenedWorkbook } from "./workbooks";

export type BilanFormat = "docx" | "html" | "pdf";

/** The format a file name asks for (`bilan-2023.docx` -> `docx`), null for another extension. */
export function bilanFormatOf(file: string): BilanFormat | null {
  const ext = /\.([^./\\]+)$/.exec(file)?.[1]?.toLowerCase();
  return ext === "docx" || ext === "html" || ext === "pdf" ? ext : ext === "htm" ? "html" : null;
}

/** The file name the task pane offers: `bilan-pays-segali-2021-2025-2023.docx`. */
export function bilanFileName(planId: string, year: number, format: "docx" | "html"): string {
  return `bilan-${planId}-${year}.${format}`;
}

export const BILAN_MIME_TYPES = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  html: "text/html;charset=utf-8",
} as const;

/** The bilan of `year` of an opened workbook, as of `now`. */
export function makeBilan(opened: OpenedWorkbook, year: number, now: Date): Opened<BilanDocument> {
  const years = planYears(opened.plan);
  if (!years.includes(year))
    return {
      ok: false,
      problems: [
        message("snapshot.year_outside", {
          year: String(year),
          start: String(opened.plan.years.start),
          end: String(opened.plan.years.end),
        }),
      ],
    };
  const checked = checkSheets(opened.stored.sheets, now);
  if (!checked.ok) return { ok: false, problems: checked.problems };
  const report = checked.report;
  return {
    ok: true,
    value: bilanDocument(opened.plan, snapshotRows(report, opened.stored.sheets, year), {
      year,
      madeOn: momentOf(now).on,
      evaluationYear: report.summary.evaluationYear,
      ratesByYear: ratesByYear(report, years),
      previous: previousSnapshot(opened.state.snapshots ?? [], year),
    }),
  };
}

/** The bilan as an HTML page (UTF-8 bytes) or a Word document. */
export async function renderBilan(
  doc: BilanDocument,
  format: "docx" | "html"
): Promise<Uint8Array> {
  if (format === "html") return new TextEncoder().encode(bilanHtml(doc));
  const { bilanDocx } = await import(/* webpackChunkName: "docx" */ "../docx/bilan");
  return bilanDocx(doc);
}

/** The numbers a report of the bilan gives: axes, actions, targets. */
export function bilanCounts(doc: BilanDocument): {
  axes: number;
  actions: number;
  targets: number;
} {
  return {
    axes: doc.axes.length,
    actions: doc.axes.reduce((n, a) => n + a.actions.length, 0),
    targets: doc.overall.total,
  };
}
