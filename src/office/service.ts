/**
 * The task pane's `WorkbookService` over Office.js (or the fake): generation keeping every entry,
 * `ctg check`'s evaluation of the open workbook, the échéancier, selection and change events.
 */
import { message, type Message } from "../domain/messages/types";
import type { Plan } from "../domain/plan/schema";
import { axisRows } from "../domain/workbook/axisSheet";
import { buildWorkbook } from "../domain/workbook/build";
import { checkWorkbook } from "../domain/workbook/check";
import { SCHEDULE_COL, SCHEDULE_HEADER_ROW, SCHEDULE_SHEET } from "../domain/workbook/recapSheets";
import type {
  GenerateResult,
  Outcome,
  Progress,
  ScheduleRow,
  WorkbookService,
} from "../taskpane/workbookService";
import { isoToSerial, plainValue, serialToIso, textInput } from "./cells";
import { officeErrorMessage } from "./errors";
import type { EventHandlerResultLike, ExcelApi, RequestContextLike } from "./excelApi";
import { AXIS_SHEET, readAxisSheets, readMeta } from "./read";
import { renderWorkbook, type RenderOptions } from "./render";
import { mergedMaster } from "../domain/merge/merge";
import { rebuildWorkbook } from "../domain/workbook/update";
import type { StoredMeta } from "../domain/workbook/meta";
import { localIsoMinute } from "../domain/workbook/logSheets";
import type { WorkbookModel } from "../domain/workbook/model";
import type {
  ConflictChoice,
  ImportPreview,
  ImportResult,
  PartnerFile,
  ReturnFile,
} from "../taskpane/workbookService";
import {
  computeImport,
  fileReports,
  importPreview,
  preparePartnerFiles,
  readOpenState,
  type OpenState,
  toBase64,
} from "./workflow";

export interface OfficeServiceOptions {
  readonly generatorVersion?: string;
  /** Today, for the evaluation year and the Sommaire's date (default: the clock). */
  readonly now?: () => Date;
  /** `printSetup: false` on hosts without ExcelApi 1.9 (the task pane checks the requirement sets). */
  readonly render?: Pick<RenderOptions, "payloadBudget" | "printSetup">;
}

const PHASES = new Set(["Court terme", "Moyen terme", "Long terme", "Prochaine CTG"]);

/** Whether returns can be imported into the open workbook: a CTG workbook that is not a partner's. */
function isMaster(open: OpenState): open is OpenState & { readonly meta: StoredMeta } {
  return open.meta !== null && open.meta.partner === "";
}

/** Why returns cannot be imported into the open workbook. */
function notAMaster(open: OpenState): Message {
  return message(open.meta ? "merge.not_master" : "office.not_ctg");
}

export function createOfficeWorkbookService(
  excel: ExcelApi,
  options: OfficeServiceOptions = {}
): WorkbookService {
  const now = options.now ?? (() => new Date());
  const version = options.generatorVersion ?? "complément";
  const render = async (
    ctx: RequestContextLike,
    model: WorkbookModel,
    onProgress: (p: Progress) => void
  ): Promise<void> => {
    try {
      await renderWorkbook(ctx, model, onProgress, options.render ?? {});
    } catch (e) {
      // Leave the workbook calculating automatically even when generation failed half-way.
      try {
        ctx.workbook.application.calculationMode = "Automatic";
        await ctx.sync();
      } catch (restoreError) {
        console.error("[ctg] generate: calculation mode not restored", restoreError);
      }
      throw e;
    }
  };
  const guard = async <T>(
    where: string,
    body: (ctx: RequestContextLike) => Promise<Outcome<T>>
  ): Promise<Outcome<T>> => {
    try {
      return await excel.run(body);
    } catch (e) {
      return { ok: false, problems: [officeErrorMessage(e, where)] };
    }
  };

  return {
    current: () =>
      guard("current", async (ctx) => {
        const meta = await readMeta(ctx);
        return {
          ok: true,
          value: meta ? { planId: meta.planId, planVersion: meta.planVersion } : null,
        };
      }),

    generate: (plan: Plan, onProgress: (p: Progress) => void) =>
      guard<GenerateResult>("generate", async (ctx) => {
        // Every entry is kept: read by row id and column, put back on the new structure; what has
        // no place any more (an indicator gone from the plan) goes to the Archives sheet.
        const open = await readOpenState(ctx, plan, version);
        const today = now().toISOString().slice(0, 10);
        const options_ = { generatorVersion: version, generatedOn: today };
        const rebuilt = open.meta
          ? rebuildWorkbook(plan, { ...options_, partner: open.meta.partner || null }, open.state, {
              previousVersion: open.meta.planVersion,
              on: today,
            })
          : null;
        const model = rebuilt?.model ?? buildWorkbook(plan, options_);
        await render(ctx, model, onProgress);
        return {
          ok: true,
          value: {
            sheets: model.sheets.length,
            rows: plan.axes.reduce((n, a) => n + axisRows(a).length, 0),
            keptEntries: rebuilt?.placed.length ?? 0,
            archivedEntries: rebuilt?.archived.length ?? 0,
            regenerated: open.meta !== null,
          },
        };
      }),

    preparePartners: (plan: Plan, partners: readonly string[]) =>
      guard<PartnerFile[]>("preparePartners", async (ctx) => {
        const open = await readOpenState(ctx, plan, version);
        const prepared = await preparePartnerFiles(open, partners, {
          generatorVersion: version,
          generatedOn: now().toISOString().slice(0, 10),
        });
        return prepared.ok
          ? { ok: true, value: prepared.files }
          : { ok: false, problems: prepared.problems };
      }),

    canOpenWorkbooks: () => typeof excel.createWorkbook === "function",

    openPartnerFile: async (file: PartnerFile) => {
      try {
        if (!excel.createWorkbook) return { ok: false, problems: [message("office.cannot_open")] };
        await excel.createWorkbook(toBase64(file.bytes));
        return { ok: true, value: undefined };
      } catch (e) {
        return { ok: false, problems: [officeErrorMessage(e, "openPartnerFile")] };
      }
    },

    previewImport: (plan: Plan, files: readonly ReturnFile[]) =>
      guard<ImportPreview>("previewImport", async (ctx) => {
        const open = await readOpenState(ctx, plan, version);
        if (!isMaster(open)) return { ok: false, problems: [notAMaster(open)] };
        const computed = await computeImport(open, files, {
          at: localIsoMinute(now()),
          generatorVersion: version,
        });
        return { ok: true, value: importPreview(computed) };
      }),

    applyImport: (
      plan: Plan,
      files: readonly ReturnFile[],
      choices: ReadonlyMap<string, ConflictChoice>
    ) =>
      guard<ImportResult>("applyImport", async (ctx) => {
        const open = await readOpenState(ctx, plan, version);
        if (!isMaster(open)) return { ok: false, problems: [notAMaster(open)] };
        const at = localIsoMinute(now());
        const computed = await computeImport(open, files, {
          at,
          generatorVersion: version,
          choices,
        });
        const { rebuilt, journal } = mergedMaster(
          open.plan,
          open.state,
          computed.merged,
          computed.unreadable,
          {
            at,
            on: at.slice(0, 10),
            generatorVersion: version,
            previousVersion: open.meta.planVersion,
          }
        );
        await render(ctx, rebuilt.model, () => undefined);
        const written = computed.merged.returns.reduce(
          (n, r) => n + r.changes.filter((c) => c.outcome !== "conflict_kept_master").length,
          0
        );
        return {
          ok: true,
          value: { files: fileReports(computed), written, journalRows: journal.length },
        };
      }),

    check: () =>
      guard("check", async (ctx) => {
        const meta = await readMeta(ctx);
        if (!meta) return { ok: false, problems: [message("office.not_ctg")] };
        const read = await readAxisSheets(ctx);
        const today = now();
        const checked = checkWorkbook(read.sheets, read.axisNames, {
          year: today.getFullYear(),
          month: today.getMonth() + 1,
        });
        return checked.ok
          ? { ok: true, value: checked.report }
          : { ok: false, problems: checked.problems };
      }),

    refresh: () =>
      guard("refresh", async (ctx) => {
        const sheets = ctx.workbook.worksheets.load("items/name");
        ctx.workbook.application.calculate("Full");
        await ctx.sync();
        return { ok: true, value: { sheets: sheets.items.length } };
      }),

    select: (sheet: string, row: number, column: number) =>
      guard<void>("select", async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRangeByIndexes(Math.max(0, row - 1), Math.max(0, column - 1), 1, 1).select();
        await ctx.sync();
        return { ok: true, value: undefined };
      }),

    readSchedule: () =>
      guard<ScheduleRow[]>("readSchedule", async (ctx) => {
        const ws = ctx.workbook.worksheets.getItemOrNullObject(SCHEDULE_SHEET);
        await ctx.sync();
        // isNullObject is known after the sync above (the rule does not see through the closure).
        // eslint-disable-next-line office-addins/call-sync-before-read
        if (ws.isNullObject) return { ok: false, problems: [message("office.schedule_missing")] };
        const used = ws.getUsedRange(true).load("values,rowIndex,columnIndex");
        await ctx.sync();
        const C = SCHEDULE_COL;
        const rows: ScheduleRow[] = [];
        used.values.forEach((line, i) => {
          const r = used.rowIndex + i;
          if (r <= SCHEDULE_HEADER_ROW) return;
          const at = (c: number) => plainValue(line[c - used.columnIndex]);
          const ref = at(C.ref);
          if (ref === null) return;
          const date = (v: ReturnType<typeof at>) =>
            typeof v === "number" ? serialToIso(v) : null;
          const progress = at(C.progress);
          const phase = at(C.phase);
          rows.push({
            ref: String(ref),
            title: String(at(C.action) ?? ""),
            phase: typeof phase === "string" && phase !== "" ? phase : null,
            start: date(at(C.startInput)),
            end: date(at(C.endInput)),
            progress: typeof progress === "number" ? Math.round(progress * 1000) / 10 : null,
          });
        });
        return { ok: true, value: rows };
      }),

    writeSchedule: (rows: readonly ScheduleRow[]) =>
      guard<void>("writeSchedule", async (ctx) => {
        const ws = ctx.workbook.worksheets.getItemOrNullObject(SCHEDULE_SHEET);
        await ctx.sync();
        // isNullObject is known after the sync above (the rule does not see through the closure).
        // eslint-disable-next-line office-addins/call-sync-before-read
        if (ws.isNullObject) return { ok: false, problems: [message("office.schedule_missing")] };
        const C = SCHEDULE_COL;
        const refs = ws.getUsedRange(true).load("values,rowIndex,columnIndex");
        await ctx.sync();
        const rowOf = new Map<string, number>();
        refs.values.forEach((line, i) => {
          const r = refs.rowIndex + i;
          const ref = plainValue(line[C.ref - refs.columnIndex]);
          if (r > SCHEDULE_HEADER_ROW && ref !== null) rowOf.set(String(ref), r);
        });
        for (const row of rows) {
          const r = rowOf.get(row.ref);
          if (r === undefined) continue;
          const phase = row.phase !== null && PHASES.has(row.phase) ? textInput(row.phase) : "";
          ws.getRangeByIndexes(r, C.phase, 1, 3).values = [
            [phase, row.start ? isoToSerial(row.start) : "", row.end ? isoToSerial(row.end) : ""],
          ];
          ws.getRangeByIndexes(r, C.progress, 1, 1).values = [
            [row.progress === null ? "" : Math.min(100, Math.max(0, row.progress)) / 100],
          ];
        }
        await ctx.sync();
        return { ok: true, value: undefined };
      }),

    onEntriesChanged: async (callback: () => void) => {
      let active = true;
      const handlers: EventHandlerResultLike[] = [];
      const outcome = await guard<void>("onEntriesChanged", async (ctx) => {
        const sheets = ctx.workbook.worksheets.load("items/name");
        await ctx.sync();
        for (const ws of sheets.items) {
          if (!AXIS_SHEET.test(ws.name)) continue;
          handlers.push(
            ws.onChanged.add(async () => {
              if (active) callback();
            })
          );
        }
        await ctx.sync();
        return { ok: true, value: undefined };
      });
      if (!outcome.ok) console.error("[ctg] onEntriesChanged: no change events", outcome.problems);
      return () => {
        active = false;
        for (const h of handlers) {
          try {
            h.remove();
          } catch (e) {
            // The handlers are inert anyway (`active` is false); the removal is best effort.
            console.error("[ctg] onEntriesChanged: handler not removed", e);
          }
        }
      };
    },
  };
}
