/**
 * The task pane's `WorkbookService` over Office.js (or the fake): generation keeping every entry,
 * `ctg check`'s evaluation of the open workbook, the échéancier, selection and change events.
 */
import { bilanCounts, bilanFileName, BILAN_MIME_TYPES, makeBilan, renderBilan } from "../app/bilan";
import { checkSheets } from "../app/check";
import { preparePartnerFiles } from "../app/partners";
import type {
  BilanFile,
  ConflictChoice,
  FrozenBilan,
  GenerateResult,
  ImportPreview,
  ImportResult,
  Outcome,
  PartnerFile,
  Progress,
  ReturnFile,
  ScheduleRow,
  WorkbookService,
} from "../app/port";
import { regenerate } from "../app/regenerate";
import {
  computeImport,
  fileReports,
  importPreview,
  masterProblem,
  mergeReadReturns,
  readReturns,
  rebuildAfterImport,
  writtenEntries,
} from "../app/returns";
import { takeSnapshot } from "../app/snapshot";
import { previousSnapshot } from "../domain/bilan/content";
import { momentOf, openStored, type OpenedWorkbook } from "../app/workbooks";
import { snapshotSheetName } from "../domain/snapshot/sheet";
import { message } from "../domain/messages/types";
import type { Plan } from "../domain/plan/schema";
import { isAxisSheetName } from "../domain/workbook/axisSheet";
import type { WorkbookModel } from "../domain/workbook/model";
import { SCHEDULE_COL, SCHEDULE_HEADER_ROW, SCHEDULE_SHEET } from "../domain/workbook/recapSheets";
import { isoToSerial, plainValue, serialToIso, textInput } from "./cells";
import { officeErrorMessage } from "./errors";
import type { EventHandlerResultLike, ExcelApi, RequestContextLike } from "./excelApi";
import {
  inputFormulaAreas,
  queueInputFormulas,
  queueReadBack,
  readAxisSheets,
  readMeta,
} from "./read";
import { renderWorkbook, type RenderOptions } from "./render";
import { openCtgWorkbook, openOpenWorkbook, toBase64 } from "./workflow";

export interface OfficeServiceOptions {
  readonly generatorVersion?: string;
  /** Today, for the evaluation year and the Sommaire's date (default: the clock). */
  readonly now?: () => Date;
  /**
   * The host's requirement sets (`Office.context.requirements.isSetSupported`): generation leaves
   * out what the host lacks (print setup and suspended screen updating: ExcelApi 1.9; column
   * groups: ExcelApi 1.10). Default: everything is there.
   */
  readonly isSetSupported?: (name: string, version: string) => boolean;
  /** Explicit render options (they win over what `isSetSupported` says). */
  readonly render?: Pick<RenderOptions, "payloadBudget" | "printSetup" | "outline">;
}

/** A subscription to entry changes: its handlers on the current axis sheets. */
interface Subscription {
  active: boolean;
  handlers: EventHandlerResultLike[];
  readonly callback: () => void;
}

/** The frozen bilan a bilan of `year` is compared with (its ISO date), or null. */
function comparedWith(
  snapshots: Parameters<typeof previousSnapshot>[0],
  year: number
): BilanFile["comparedWith"] {
  const previous = previousSnapshot(snapshots, year);
  return previous ? { year: previous.year, takenOn: previous.takenOn } : null;
}

const PHASES = new Set(["Court terme", "Moyen terme", "Long terme", "Prochaine CTG"]);

export function createOfficeWorkbookService(
  excel: ExcelApi,
  options: OfficeServiceOptions = {}
): WorkbookService {
  const now = options.now ?? (() => new Date());
  const supports = (version: string): boolean => {
    try {
      return options.isSetSupported?.("ExcelApi", version) ?? true;
    } catch {
      return false;
    }
  };
  const renderOptions: RenderOptions = {
    printSetup: supports("1.9"),
    outline: supports("1.10"),
    ...options.render,
  };
  const version = options.generatorVersion ?? "complément";
  const opening = () => ({ generatorVersion: version, on: momentOf(now()).on });
  /** The pane's subscriptions to entry changes, attached again to the sheets a regeneration makes. */
  const subscriptions = new Set<Subscription>();
  const attach = async (ctx: RequestContextLike, subs: readonly Subscription[]): Promise<void> => {
    if (subs.length === 0) return;
    // Office.js registers a worksheet's handler under its id: the id must be loaded.
    const sheets = ctx.workbook.worksheets.load("items/name,items/id");
    await ctx.sync();
    for (const ws of sheets.items) {
      if (!isAxisSheetName(ws.name)) continue;
      for (const sub of subs)
        sub.handlers.push(
          ws.onChanged.add(async () => {
            if (sub.active) sub.callback();
          })
        );
    }
    await ctx.sync();
  };
  const render = async (
    ctx: RequestContextLike,
    model: WorkbookModel,
    onProgress: (p: Progress) => void,
    reread?: RenderOptions["reread"]
  ): Promise<void> => {
    // renderWorkbook puts the workbook back as it was (and the calculation mode) when it fails.
    await renderWorkbook(ctx, model, onProgress, { ...renderOptions, reread });
    // The axis sheets are new: the old handlers went with the old sheets.
    for (const sub of subscriptions) sub.handlers = [];
    await attach(ctx, [...subscriptions]);
  };
  /**
   * Co-authoring: what someone else typed between the workflow's read of the workbook and the old
   * sheets being put aside is read again in that request (values, and the input columns' formulas
   * where the first read found them), and `rebuild` makes the new sheets from it (null: keep the
   * model first made).
   */
  const coAuthorReread = (
    ctx: RequestContextLike,
    previous: OpenedWorkbook,
    plan: Plan,
    rebuild: (reopened: OpenedWorkbook) => WorkbookModel | null
  ): RenderOptions["reread"] => {
    // A few rows past the first read: a co-author's row typed under a table is read too.
    const areas = inputFormulaAreas(previous.stored.sheets, 50);
    return {
      queue: (names) => {
        const kept = names.filter((n) => previous.stored.sheets.has(n));
        const values = queueReadBack(ctx, kept);
        const formulas = queueInputFormulas(
          ctx,
          new Map([...areas].filter(([name]) => kept.includes(name)))
        );
        return () => {
          const sheets = values();
          formulas(sheets);
          return sheets;
        };
      },
      revise: (sheets) => {
        const changed = [...sheets].some(
          ([name, sheet]) =>
            JSON.stringify(sheet.rows) !==
            JSON.stringify(previous.stored.sheets.get(name)?.rows ?? null)
        );
        if (!changed) return null;
        const stored = {
          ...previous.stored,
          sheets: new Map([...previous.stored.sheets, ...sheets]),
        };
        const reopened = openStored(stored, plan, opening());
        return reopened.ok ? rebuild(reopened.value) : null;
      },
    };
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
        const open = await openOpenWorkbook(ctx, plan, opening());
        if (open && !open.ok) return open;
        let made = regenerate(open?.value ?? null, plan, opening());
        const previous = open?.value ?? null;
        const reread = previous
          ? coAuthorReread(ctx, previous, plan, (reopened) => {
              made = regenerate(reopened, plan, opening());
              return made.model;
            })
          : undefined;
        await render(ctx, made.model, onProgress, reread);
        return {
          ok: true,
          value: {
            sheets: made.model.sheets.length,
            rows: made.rows,
            keptEntries: made.placed.length,
            archivedEntries: made.archived.length,
            regenerated: made.regenerated,
          },
        };
      }),

    preparePartners: (plan: Plan, partners: readonly string[]) =>
      guard<PartnerFile[]>("preparePartners", async (ctx) => {
        const open = await openOpenWorkbook(ctx, plan, opening());
        if (open && !open.ok) return open;
        return preparePartnerFiles(
          open ? { kind: "master", master: open.value } : { kind: "plan", plan },
          partners,
          { generatorVersion: version, generatedOn: momentOf(now()).on }
        );
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
        const open = await openCtgWorkbook(ctx, plan, opening());
        if (!open.ok) return open;
        const refused = masterProblem(open.value);
        if (refused) return { ok: false, problems: [refused] };
        const computed = await computeImport(open.value, files, {
          moment: momentOf(now()),
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
        const open = await openCtgWorkbook(ctx, plan, opening());
        if (!open.ok) return open;
        const refused = masterProblem(open.value);
        if (refused) return { ok: false, problems: [refused] };
        const options = { moment: momentOf(now()), generatorVersion: version, choices };
        // The returns are read once; the merge is made again if a co-author typed meanwhile.
        const read = await readReturns(files);
        let imported = rebuildAfterImport(
          open.value,
          mergeReadReturns(open.value, read, options),
          options
        );
        await render(
          ctx,
          imported.rebuilt.model,
          () => undefined,
          coAuthorReread(ctx, open.value, plan, (reopened) => {
            imported = rebuildAfterImport(
              reopened,
              mergeReadReturns(reopened, read, options),
              options
            );
            return imported.rebuilt.model;
          })
        );
        return {
          ok: true,
          value: {
            files: fileReports(imported),
            written: writtenEntries(imported),
            journalRows: imported.journal.length,
          },
        };
      }),

    freezeBilan: (plan: Plan, year: number, replace: boolean) =>
      guard<FrozenBilan>("freezeBilan", async (ctx) => {
        const open = await openCtgWorkbook(ctx, plan, opening());
        if (!open.ok) return open;
        const options = { force: replace, now: now(), generatorVersion: version };
        const taken = takeSnapshot(open.value, year, options);
        if (!taken.ok) return taken;
        // The whole workbook is rendered again (every entry kept) with the new protected sheet; what
        // a co-author typed meanwhile is read again and frozen with the rest.
        let value = taken.value;
        await render(
          ctx,
          value.model,
          () => undefined,
          coAuthorReread(ctx, open.value, plan, (reopened) => {
            const again = takeSnapshot(reopened, year, options);
            if (!again.ok) return null;
            value = again.value;
            return value.model;
          })
        );
        const { snapshot, replaced, entered } = value;
        return {
          ok: true,
          value: {
            year,
            sheet: snapshotSheetName(year),
            takenOn: snapshot.takenOn,
            targets: snapshot.rows.length,
            entered,
            replacedOn: replaced?.takenOn ?? null,
          },
        };
      }),

    makeBilan: (plan: Plan, year: number, format: "docx" | "html") =>
      guard<BilanFile>("makeBilan", async (ctx) => {
        const open = await openCtgWorkbook(ctx, plan, opening());
        if (!open.ok) return open;
        const made = makeBilan(open.value, year, now());
        if (!made.ok) return made;
        const bytes = await renderBilan(made.value, format);
        return {
          ok: true,
          value: {
            year,
            format,
            fileName: bilanFileName(open.value.plan.id, year, format),
            mimeType: BILAN_MIME_TYPES[format],
            bytes,
            ...bilanCounts(made.value),
            comparedWith: comparedWith(open.value.state.snapshots ?? [], year),
          },
        };
      }),

    check: () =>
      guard("check", async (ctx) => {
        const meta = await readMeta(ctx);
        if (!meta) return { ok: false, problems: [message("office.not_ctg")] };
        const read = await readAxisSheets(ctx);
        const checked = checkSheets(read.sheets, now());
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
      const sub: Subscription = { active: true, handlers: [], callback };
      subscriptions.add(sub);
      const outcome = await guard<void>("onEntriesChanged", async (ctx) => {
        await attach(ctx, [sub]);
        return { ok: true, value: undefined };
      });
      if (!outcome.ok) console.error("[ctg] onEntriesChanged: no change events", outcome.problems);
      return () => {
        sub.active = false;
        subscriptions.delete(sub);
        const handlers = sub.handlers;
        sub.handlers = [];
        // A handler is removed in a batch of the context that added it (Office.js: the handler
        // belongs to that context; `remove()` outside a batch never reaches Excel).
        for (const h of handlers) {
          excel
            .run(h.context, async (ctx) => {
              h.remove();
              await ctx.sync();
            })
            .catch((e: unknown) => {
              // The handlers are inert anyway (`active` is false); the removal is best effort.
              console.error("[ctg] onEntriesChanged: handler not removed", e);
            });
        }
      };
    },
  };
}
