import { mkdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { formatMessage, formatNumberFr } from "../domain/messages";
import { message, type Message } from "../domain/messages/types";
import {
  mergeReturns,
  refusedReport,
  mergedMaster,
  type Preference,
  type ReturnReport,
} from "../domain/merge/merge";
import {
  closePartnerNames,
  partnerActions,
  partnerDirectory,
  partnerFileName,
} from "../domain/plan/partners";
import type { Plan } from "../domain/plan/schema";
import { parsePlanJson } from "../domain/plan/validate";
import { axisRows } from "../domain/workbook/axisSheet";
import { buildWorkbook, workbookPlan } from "../domain/workbook/build";
import type { EntryValue } from "../domain/workbook/entries";
import { localIsoMinute } from "../domain/workbook/logSheets";
import {
  buildPartnerWorkbook,
  readState,
  rebuildWorkbook,
  type WorkbookState,
} from "../domain/workbook/update";
import type { ReadWorkbook } from "../xlsx/read";
import { fileErrorReason, loadPlan, packageVersion, writeFileAtomic } from "./io";

/**
 * The partner workflow on the command line: `build --partner`, `merge`, `refresh`, `partners`.
 * Files in and out only; every rule is in the domain.
 */

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export const EXIT = { ok: 0, attention: 1, unusable: 2 } as const;

const say = (io: Io, m: Message) => io.out(formatMessage(m));
const complain = (io: Io, m: Message) => io.err(formatMessage(m));

const today = () => new Date().toISOString().slice(0, 10);
/** A CTG workbook file, with the plan it was built from and its state. */
export interface OpenedWorkbook {
  readonly file: string;
  readonly read: ReadWorkbook;
  /** The plan the file was built from (for a partner's file: the plan restricted to its actions). */
  readonly plan: Plan;
  readonly state: WorkbookState;
  /** The file's bytes (the sheets a user added are carried over from them). */
  readonly bytes: Uint8Array;
}

export type Opened<T> = { ok: true; value: T } | { ok: false; problems: Message[] };

export async function readWorkbookFile(
  file: string
): Promise<Opened<ReadWorkbook & { bytes: Uint8Array }>> {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (e) {
    return {
      ok: false,
      problems: [message("check.unusable", { file, reason: fileErrorReason(e) })],
    };
  }
  const { readXlsx } = await import("../xlsx/read");
  const read = await readXlsx(data);
  if (!read.ok)
    return {
      ok: false,
      problems: [message("check.unusable", { file, reason: formatMessage(read.problem) })],
    };
  return { ok: true, value: { ...read.workbook, bytes: data } };
}

/**
 * Opens a CTG workbook file and finds its plan: the one stored in it, else `planFile` (or the embedded
 * default plan) when it is the same plan id and version.
 */
export async function openWorkbook(
  file: string,
  planFile?: string
): Promise<Opened<OpenedWorkbook>> {
  const read = await readWorkbookFile(file);
  if (!read.ok) return read;
  const meta = read.value.meta;
  let plan: Plan | null = null;
  if (read.value.planJson) {
    const parsed = parsePlanJson(read.value.planJson);
    if (parsed.ok) plan = parsed.plan;
  }
  if (!plan) {
    const fallback = loadPlan(planFile);
    if (
      fallback.ok &&
      fallback.value.id === meta.planId &&
      fallback.value.version === meta.planVersion
    )
      plan = workbookPlan(fallback.value, meta.partner || null);
  }
  if (!plan)
    return {
      ok: false,
      problems: [
        message("check.unusable", { file, reason: formatMessage(message("merge.no_plan")) }),
      ],
    };
  // The model the file was built as (its own structure), to read its entries by row and column.
  const model = buildWorkbook(plan, { generatorVersion: packageVersion(), generatedOn: today() });
  return {
    ok: true,
    value: {
      file,
      read: read.value,
      plan,
      state: readState(model, read.value.sheets),
      bytes: read.value.bytes,
    },
  };
}

function write(io: Io, out: string, data: Uint8Array): string | null {
  try {
    return writeFileAtomic(out, data);
  } catch (e) {
    complain(io, message("cli.write_failed", { file: out, reason: fileErrorReason(e) }));
    return null;
  }
}

const sameFile = (a: string, b: string) => resolve(a) === resolve(b);

/** A value as the report shows it: numbers the French way (`12,5`), booleans as Excel shows them. */
const shown = (v: EntryValue | null): string =>
  v === null
    ? "(vide)"
    : typeof v === "boolean"
      ? v
        ? "VRAI"
        : "FAUX"
      : typeof v === "number"
        ? formatNumberFr(v)
        : v;

// ---------------------------------------------------------------------------------------------

/** `ctg build --partner NAME [--partner NAME2] [--plan F] [--from MASTER] [--out FILE|DIR]`. */
export async function buildPartners(
  io: Io,
  asked: readonly string[],
  options: { plan?: string; from?: string; out?: string }
): Promise<number> {
  let plan: Plan;
  let state: WorkbookState | null = null;
  if (options.from) {
    const master = await openWorkbook(options.from, options.plan);
    if (!master.ok) return (master.problems.forEach((m) => complain(io, m)), EXIT.unusable);
    if (master.value.read.meta.partner !== "")
      return (complain(io, message("merge.not_master")), EXIT.unusable);
    plan = master.value.plan;
    state = master.value.state;
    if (options.plan) {
      const given = loadPlan(options.plan);
      if (!given.ok) return (given.problems.forEach((m) => complain(io, m)), EXIT.unusable);
      if (given.value.id !== plan.id || given.value.version !== plan.version) {
        complain(
          io,
          message("merge.plan_mismatch", {
            found: `${given.value.id} ${given.value.version}`,
            expected: `${plan.id} ${plan.version}`,
          })
        );
        return EXIT.unusable;
      }
    }
  } else {
    const loaded = loadPlan(options.plan);
    if (!loaded.ok) return (loaded.problems.forEach((m) => complain(io, m)), EXIT.unusable);
    plan = loaded.value;
  }
  // `--partner CAF --partner caf` is one partner (one file).
  const byFile = new Map<string, string>();
  for (const p of asked)
    if (!byFile.has(partnerFileName(plan.id, p))) byFile.set(partnerFileName(plan.id, p), p);
  const partners = [...byFile.values()];
  for (const partner of partners) {
    if (partnerActions(plan, partner).length === 0) {
      complain(io, message("partner.none", { partner }));
      const close = closePartnerNames(plan, partner);
      if (close.length > 0) complain(io, message("partner.suggest", { names: close.join(", ") }));
      complain(io, message("partner.list_hint"));
      return EXIT.unusable;
    }
  }
  // Several --partner: --out is a folder (even when they name the same partner).
  const several = asked.length > 1;
  if (several && options.out) mkdirSync(options.out, { recursive: true });
  const { writeXlsx } = await import("../xlsx/write");
  for (const partner of partners) {
    const { model, copied } = buildPartnerWorkbook(
      plan,
      partner,
      { generatorVersion: packageVersion(), generatedOn: today() },
      state?.entries ?? []
    );
    const name = partnerFileName(plan.id, partner);
    const out = several ? join(options.out ?? ".", name) : (options.out ?? name);
    if (options.from && sameFile(out, options.from))
      return (complain(io, message("merge.same_file")), EXIT.unusable);
    const file = write(io, out, await writeXlsx(model));
    if (!file) return EXIT.unusable;
    const shownPlan = workbookPlan(plan, partner);
    say(
      io,
      message("partner.written", {
        file,
        partner,
        actions: partnerActions(plan, partner).length,
        rows: shownPlan.axes.reduce((n, a) => n + axisRows(a).length, 0),
        entries: copied,
      })
    );
  }
  return EXIT.ok;
}

/** `ctg partners [--plan F] [--json]`. */
export function listPartners(io: Io, plan: Plan, json: boolean): number {
  const names = partnerDirectory(plan);
  if (json) {
    io.out(JSON.stringify(names, null, 2));
    return EXIT.ok;
  }
  say(io, message("partner.header", { count: names.length }));
  for (const n of names) io.out(`  ${String(n.actions.length).padStart(3)}  ${n.name}`);
  return EXIT.ok;
}

function reportJson(r: ReturnReport) {
  return {
    file: r.file,
    partner: r.partner,
    merged: r.merged,
    problems: r.problems.map((m) => ({ code: m.code, message: formatMessage(m) })),
    warnings: r.warnings.map((m) => ({ code: m.code, message: formatMessage(m) })),
    added: r.added,
    same: r.same,
    conflicts: r.conflicts,
    invalid: r.invalid,
    changes: r.changes.map((c) => ({
      sheet: c.sheet,
      id: c.key,
      column: c.column,
      label: c.label,
      masterValue: c.masterValue,
      returnedValue: c.returnedValue,
      outcome: c.outcome,
      problem: c.problem ? { code: c.problem.code, message: formatMessage(c.problem) } : null,
    })),
  };
}

/** `ctg merge MASTER RETURN... --out FILE [--json] [--prefer master|return] [--plan F]`. */
export async function mergeFiles(
  io: Io,
  masterFile: string,
  returnFiles: readonly string[],
  options: { out: string; json: boolean; prefer: Preference; plan?: string }
): Promise<number> {
  if (sameFile(options.out, masterFile))
    return (complain(io, message("merge.same_file")), EXIT.unusable);
  // A partner's file is their data too: the output never replaces one.
  if (returnFiles.some((f) => sameFile(options.out, f)))
    return (complain(io, message("merge.out_is_return")), EXIT.unusable);
  const master = await openWorkbook(masterFile, options.plan);
  if (!master.ok) return (master.problems.forEach((m) => complain(io, m)), EXIT.unusable);
  if (master.value.read.meta.partner !== "")
    return (complain(io, message("merge.not_master")), EXIT.unusable);
  const { plan, state, read } = master.value;
  const inputs = [];
  const unreadable: ReturnReport[] = [];
  for (const file of returnFiles) {
    const r = await readWorkbookFile(file);
    if (r.ok) inputs.push({ file: basename(file), workbook: r.value });
    else unreadable.push(refusedReport({ file: basename(file), partner: "" }, r.problems, []));
  }
  const at = localIsoMinute(new Date());
  const merged = mergeReturns(
    plan,
    { planId: read.meta.planId, planVersion: read.meta.planVersion, entries: state.entries },
    inputs,
    { at, prefer: options.prefer, generatorVersion: packageVersion() }
  );
  const { rebuilt, journal } = mergedMaster(plan, state, merged, unreadable, {
    at,
    on: today(),
    generatorVersion: packageVersion(),
    previousVersion: plan.version,
  });
  const { writeXlsx } = await import("../xlsx/write");
  let userSheets: readonly string[] = [];
  const bytes = await writeXlsx(rebuilt.model, {
    keepUserSheetsFrom: master.value.bytes,
    onUserSheets: (names) => (userSheets = names),
  });
  const file = write(io, options.out, bytes);
  if (!file) return EXIT.unusable;
  const reports = [...merged.returns, ...unreadable];
  const refusedCount = reports.filter((r) => !r.merged).length;
  if (options.json) {
    io.out(
      JSON.stringify(
        {
          master: masterFile,
          out: file,
          at,
          entries: rebuilt.placed.length,
          archived: rebuilt.archived.length,
          journal: journal.length,
          refused: refusedCount,
          userSheets,
          returns: reports.map(reportJson),
        },
        null,
        2
      )
    );
    return refusedCount > 0 ? EXIT.attention : EXIT.ok;
  }
  for (const r of reports) {
    const partner = r.partner || "classeur complet";
    if (!r.merged) {
      say(io, message("merge.report_refused", { file: r.file, partner }));
      for (const m of r.problems)
        say(io, message("merge.report_problem", { text: formatMessage(m) }));
      continue;
    }
    say(
      io,
      message("merge.report_merged", {
        file: r.file,
        partner,
        added: r.added,
        same: r.same,
        conflicts: r.conflicts,
        invalid: r.invalid,
      })
    );
    for (const m of r.warnings)
      say(io, message("merge.report_warning", { text: formatMessage(m) }));
    for (const c of r.changes) {
      if (c.outcome !== "added")
        say(
          io,
          message("merge.report_conflict", {
            id: c.key,
            column: c.column,
            master: shown(c.masterValue),
            returned: shown(c.returnedValue),
            outcome:
              c.outcome === "conflict_kept_master"
                ? "valeur du classeur gardée"
                : "valeur renvoyée retenue",
          })
        );
      if (c.problem)
        say(
          io,
          message("merge.report_invalid", {
            id: c.key,
            column: c.column,
            value: shown(c.returnedValue),
            message: formatMessage(c.problem),
          })
        );
    }
  }
  say(
    io,
    message("merge.written", {
      file,
      entries: rebuilt.placed.length,
      journal: journal.length,
      archived: rebuilt.archived.length,
    })
  );
  if (userSheets.length > 0)
    say(io, message("update.user_sheets", { names: userSheets.join(", ") }));
  if (refusedCount > 0) say(io, message("merge.some_refused", { count: refusedCount }));
  return refusedCount > 0 ? EXIT.attention : EXIT.ok;
}

/** `ctg refresh FILE [--plan NEWPLAN] --out FILE [--json]`. */
export async function refreshFile(
  io: Io,
  inputFile: string,
  options: { out: string; plan?: string; json: boolean }
): Promise<number> {
  if (sameFile(options.out, inputFile))
    return (complain(io, message("merge.same_file")), EXIT.unusable);
  const opened = await openWorkbook(inputFile, options.plan);
  if (!opened.ok) return (opened.problems.forEach((m) => complain(io, m)), EXIT.unusable);
  const { read, state } = opened.value;
  const partner = read.meta.partner || null;
  let plan: Plan = opened.value.plan;
  if (options.plan) {
    const loaded = loadPlan(options.plan);
    if (!loaded.ok) return (loaded.problems.forEach((m) => complain(io, m)), EXIT.unusable);
    if (loaded.value.id !== plan.id) {
      complain(io, message("refresh.other_plan", { found: loaded.value.id, expected: plan.id }));
      return EXIT.unusable;
    }
    plan = loaded.value;
  }
  const rebuilt = rebuildWorkbook(
    plan,
    { generatorVersion: packageVersion(), generatedOn: today(), partner },
    state,
    { previousVersion: read.meta.planVersion, on: today() }
  );
  const oldRows = new Set(opened.value.plan.axes.flatMap((a) => axisRows(a).map((r) => r.rowId)));
  const newPlan = workbookPlan(plan, partner);
  const added = newPlan.axes
    .flatMap((a) => axisRows(a))
    .filter((r) => !oldRows.has(r.rowId)).length;
  const { writeXlsx } = await import("../xlsx/write");
  let userSheets: readonly string[] = [];
  const bytes = await writeXlsx(rebuilt.model, {
    keepUserSheetsFrom: opened.value.bytes,
    onUserSheets: (names) => (userSheets = names),
  });
  const file = write(io, options.out, bytes);
  if (!file) return EXIT.unusable;
  if (options.json) {
    io.out(
      JSON.stringify(
        {
          file: inputFile,
          out: file,
          plan: { id: plan.id, from: read.meta.planVersion, to: plan.version },
          kept: rebuilt.placed.length,
          archived: rebuilt.archived.length,
          archives: rebuilt.archived,
          newRows: added,
          userSheets,
        },
        null,
        2
      )
    );
    return EXIT.ok;
  }
  say(
    io,
    message("refresh.written", {
      file,
      plan: plan.id,
      version: plan.version,
      kept: rebuilt.placed.length,
      archived: rebuilt.archived.length,
      added,
    })
  );
  if (userSheets.length > 0)
    say(io, message("update.user_sheets", { names: userSheets.join(", ") }));
  for (const a of rebuilt.archived)
    say(
      io,
      message("refresh.archived", {
        id: a.id,
        column: a.column,
        value: shown(a.value),
        reason: a.reason,
      })
    );
  return EXIT.ok;
}
