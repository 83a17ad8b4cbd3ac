import { existsSync, mkdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { partnersToPrepare, preparePartnerFiles, type PartnerSource } from "../app/partners";
import { regenerate } from "../app/regenerate";
import { decisionRows, readDecisions, type Decisions } from "../app/decisions";
import { allReports, importReturns, type ReturnSource } from "../app/returns";
import { csvRows, csvText } from "../node/csv";
import {
  momentOf,
  openStoredBytes,
  type Opened,
  type OpenedWorkbook as AppOpenedWorkbook,
} from "../app/workbooks";
import { formatMessage, formatNumberFr } from "../domain/messages";
import { message } from "../domain/messages/types";
import { type Preference, type ReturnReport } from "../domain/merge/merge";
import { partnerDirectory } from "../domain/plan/partners";
import type { Plan } from "../domain/plan/schema";
import type { EntryValue } from "../domain/workbook/entries";
import {
  fileErrorReason,
  loadPlan,
  packageVersion,
  readFileBytes,
  type Read,
  samePath,
  writeFileAtomic,
} from "./io";
import { complain, EXIT, say, type Io } from "./output";

/**
 * The partner workflow on the command line: `build --partner`, `merge`, `refresh`, `partners`.
 * Files in and out, and printing; the workflows are `src/app/`'s, every rule the domain's.
 */

export type { Opened } from "../app/workbooks";

/** A CTG workbook file, with the plan it was built from and its state. */
export interface OpenedWorkbook extends AppOpenedWorkbook {
  readonly file: string;
  /** The file's bytes (the sheets a user added are carried over from them). */
  readonly bytes: Uint8Array;
}

/**
 * Opens a CTG workbook file and finds its plan: the one stored in it, else `planFile` (or the embedded
 * default plan) when it is the same plan id and version.
 */
export async function openWorkbook(
  file: string,
  planFile?: string
): Promise<Opened<OpenedWorkbook>> {
  const bytes = readFileBytes(file);
  if (!bytes.ok) return bytes;
  const fallback = () => {
    const loaded = loadPlan(planFile);
    return loaded.ok ? loaded.value : null;
  };
  const opened = await openStoredBytes(file, bytes.value, fallback, {
    generatorVersion: packageVersion(),
    on: momentOf(new Date()).on,
  });
  return opened.ok ? { ok: true, value: { ...opened.value, file, bytes: bytes.value } } : opened;
}

/**
 * Writes an output file (never over an existing one without `force`); its absolute path, or null
 * after saying in French why it could not be written.
 */
export function writeOutput(
  io: Io,
  out: string,
  data: string | Uint8Array,
  force: boolean
): string | null {
  try {
    return writeFileAtomic(out, data, { force });
  } catch (e) {
    complain(io, message("cli.write_failed", { file: out, reason: fileErrorReason(e) }));
    return null;
  }
}

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
  options: { plan?: string; from?: string; out?: string; force?: boolean }
): Promise<number> {
  let source: PartnerSource;
  if (options.from) {
    const master = await openWorkbook(options.from, options.plan);
    if (!master.ok) return (master.problems.forEach((m) => complain(io, m)), EXIT.unusable);
    source = { kind: "master", master: master.value };
    const plan = master.value.plan;
    if (master.value.stored.meta.partner === "" && options.plan) {
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
    source = { kind: "plan", plan: loaded.value };
  }
  const plan = source.kind === "master" ? source.master.plan : source.plan;
  // `--partner CAF --partner caf` is one partner (one file).
  const known = partnersToPrepare(plan, asked);
  if (!known.ok && (source.kind === "plan" || source.master.stored.meta.partner === "")) {
    known.problems.forEach((m) => complain(io, m));
    complain(io, message("partner.list_hint"));
    return EXIT.unusable;
  }
  // Several --partner: --out is a folder (even when they name the same partner).
  const several = asked.length > 1;
  const outOf = (fileName: string) =>
    several ? join(options.out ?? ".", fileName) : (options.out ?? fileName);
  const prepared = await preparePartnerFiles(source, asked, {
    generatorVersion: packageVersion(),
    generatedOn: momentOf(new Date()).on,
  });
  if (!prepared.ok) return (prepared.problems.forEach((m) => complain(io, m)), EXIT.unusable);
  // Each partner has its own file name (two names that would give the same one get `-2`…).
  const files = prepared.value.map((f) => ({ f, target: outOf(f.fileName) }));
  // The master is never an output, even with --force (the names actually written are compared).
  const from = options.from;
  if (from && files.some(({ target }) => samePath(target, from)))
    return (complain(io, message("merge.same_file")), EXIT.unusable);
  if (several && options.out) {
    if (existsSync(options.out) && !statSync(options.out).isDirectory())
      return (
        complain(io, message("partner.out_not_folder", { file: options.out })),
        EXIT.unusable
      );
    mkdirSync(options.out, { recursive: true });
  }
  // Nothing is written when one of the files exists (a partner's return, yesterday's file).
  const existing = options.force ? [] : files.map(({ target }) => target).filter(existsSync);
  if (existing.length > 0) {
    for (const t of existing)
      complain(
        io,
        message("cli.write_failed", { file: t, reason: formatMessage(message("io.exists")) })
      );
    return EXIT.unusable;
  }
  for (const { f, target } of files) {
    const file = writeOutput(io, target, f.bytes, options.force === true);
    if (!file) return EXIT.unusable;
    say(
      io,
      message("partner.written", {
        file,
        partner: f.partner,
        actions: f.actions,
        rows: f.rows,
        entries: f.entries,
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
  for (const n of names)
    io.out(
      `  ${String(n.actions.length).padStart(3)}  ${n.name}` +
        (n.variants.length > 0 ? `  (aussi écrit : ${n.variants.join(", ")})` : "")
    );
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
    updated: r.updated,
    cleared: r.cleared,
    masterNewer: r.masterNewer,
    baseRecorded: r.baseRecorded,
    changes: r.changes.map((c) => ({
      sheet: c.sheet,
      id: c.key,
      column: c.column,
      label: c.label,
      sentValue: c.sentValue,
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
  options: {
    out: string;
    json: boolean;
    prefer: Preference;
    plan?: string;
    force?: boolean;
    /** A decisions file (`ctg decisions`): a choice per conflict, over `prefer`. */
    decisions?: string;
  }
): Promise<number> {
  if (samePath(options.out, masterFile))
    return (complain(io, message("merge.same_file")), EXIT.unusable);
  // A partner's file is their data too: the output never replaces one.
  if (returnFiles.some((f) => samePath(options.out, f)))
    return (complain(io, message("merge.out_is_return")), EXIT.unusable);
  const master = await openWorkbook(masterFile, options.plan);
  if (!master.ok) return (master.problems.forEach((m) => complain(io, m)), EXIT.unusable);
  const returns: ReturnSource[] = returnFiles.map((file) => {
    const bytes = readFileBytes(file);
    return bytes.ok
      ? { name: basename(file), bytes: bytes.value }
      : { name: basename(file), problems: bytes.problems };
  });
  let choices: ReadonlyMap<string, Preference> | undefined;
  if (options.decisions !== undefined) {
    const read = await readDecisionsFile(options.decisions);
    if (!read.ok) return (read.problems.forEach((m) => complain(io, m)), EXIT.unusable);
    choices = read.value.choices;
  }
  const moment = momentOf(new Date());
  const imported = await importReturns(master.value, returns, {
    moment,
    prefer: options.prefer,
    generatorVersion: packageVersion(),
    ...(choices ? { choices } : {}),
  });
  if (!imported.ok) return (imported.problems.forEach((m) => complain(io, m)), EXIT.unusable);
  const { rebuilt, journal } = imported.value;
  const at = moment.at;
  const { writeXlsx } = await import("../xlsx/write");
  let userSheets: readonly string[] = [];
  const bytes = await writeXlsx(rebuilt.model, {
    keepUserSheetsFrom: master.value.bytes,
    onUserSheets: (names) => (userSheets = names),
  });
  const file = writeOutput(io, options.out, bytes, options.force === true);
  if (!file) return EXIT.unusable;
  const reports = allReports(imported.value);
  const refusedCount = reports.filter((r) => !r.merged).length;
  const decided = new Set(reports.flatMap((r) => r.changes.map((c) => c.id)));
  const applied = choices ? [...choices.keys()].filter((id) => decided.has(id)).length : 0;
  const decisionsUsed = choices ? { applied, unused: choices.size - applied } : null;
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
          ...(decisionsUsed ? { decisions: decisionsUsed } : {}),
          returns: reports.map(reportJson),
        },
        null,
        2
      )
    );
    return refusedCount > 0 ? EXIT.attention : EXIT.ok;
  }
  const unreadable = new Set<ReturnReport>(imported.value.unreadable);
  for (const r of reports) {
    const partner = r.partner || (unreadable.has(r) ? "fichier illisible" : "classeur complet");
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
    say(
      io,
      r.baseRecorded
        ? message("merge.report_three_way", {
            updated: r.updated,
            masterNewer: r.masterNewer,
            cleared: r.cleared,
          })
        : message("merge.report_warning", { text: formatMessage(message("merge.no_base")) })
    );
    for (const m of r.warnings)
      say(io, message("merge.report_warning", { text: formatMessage(m) }));
    for (const c of r.changes) {
      const where = { id: c.key, column: c.column };
      const outcome = c.outcome.endsWith("kept_master")
        ? c.outcome.startsWith("cleared")
          ? "valeur du classeur gardée (choisissez « retour » pour l'effacer)"
          : "valeur du classeur gardée"
        : c.outcome.startsWith("cleared")
          ? "effacée du classeur"
          : "valeur renvoyée retenue";
      const values = {
        sent: shown(c.sentValue),
        master: shown(c.masterValue),
        returned: shown(c.returnedValue),
      };
      if (c.outcome === "partner_update")
        say(io, message("merge.report_update", { ...where, ...values }));
      else if (c.outcome.startsWith("cleared"))
        say(io, message("merge.report_cleared", { ...where, ...values, outcome }));
      else if (c.outcome !== "added")
        say(
          io,
          r.baseRecorded
            ? message("merge.report_conflict3", { ...where, ...values, outcome })
            : message("merge.report_conflict", { ...where, ...values, outcome })
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
  if (decisionsUsed) say(io, message("decisions.applied", decisionsUsed));
  // Advice that fits: a file that could not be read is not a structure to restore.
  const refusedReadable = refusedCount - unreadable.size;
  if (unreadable.size > 0) say(io, message("merge.some_unreadable", { count: unreadable.size }));
  if (refusedReadable > 0) say(io, message("merge.some_refused", { count: refusedReadable }));
  return refusedCount > 0 ? EXIT.attention : EXIT.ok;
}

/** `ctg refresh FILE [--plan NEWPLAN] --out FILE [--json]`. */
export async function refreshFile(
  io: Io,
  inputFile: string,
  options: { out: string; plan?: string; json: boolean; force?: boolean }
): Promise<number> {
  if (samePath(options.out, inputFile))
    return (complain(io, message("merge.same_file")), EXIT.unusable);
  const opened = await openWorkbook(inputFile, options.plan);
  if (!opened.ok) return (opened.problems.forEach((m) => complain(io, m)), EXIT.unusable);
  const from = opened.value.stored.meta.planVersion;
  let plan: Plan = opened.value.plan;
  if (options.plan) {
    // A plan JSON file or a plan workbook (`.xlsx`).
    const { loadAnyPlan } = await import("./planbook");
    const loaded = await loadAnyPlan(options.plan);
    if (!loaded.ok) return (loaded.problems.forEach((m) => complain(io, m)), EXIT.unusable);
    if (loaded.value.id !== plan.id) {
      complain(io, message("refresh.other_plan", { found: loaded.value.id, expected: plan.id }));
      return EXIT.unusable;
    }
    plan = loaded.value;
  }
  const rebuilt = regenerate(opened.value, plan, {
    generatorVersion: packageVersion(),
    on: momentOf(new Date()).on,
  });
  const added = rebuilt.newRows;
  const { writeXlsx } = await import("../xlsx/write");
  let userSheets: readonly string[] = [];
  const bytes = await writeXlsx(rebuilt.model, {
    keepUserSheetsFrom: opened.value.bytes,
    onUserSheets: (names) => (userSheets = names),
  });
  const file = writeOutput(io, options.out, bytes, options.force === true);
  if (!file) return EXIT.unusable;
  if (options.json) {
    io.out(
      JSON.stringify(
        {
          file: inputFile,
          out: file,
          plan: { id: plan.id, from, to: plan.version },
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

/** A decisions file's choices, or why it cannot be used (a line, a column, the file itself). */
async function readDecisionsFile(file: string): Promise<Read<Decisions>> {
  const bytes = readFileBytes(file);
  if (!bytes.ok) return bytes;
  let rows: string[][];
  try {
    rows = await csvRows(new TextDecoder("utf-8").decode(bytes.value));
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { ok: false, problems: [message("decisions.unreadable", { file, reason })] };
  }
  return readDecisions(rows);
}

/** `ctg decisions MASTER --out FILE.csv`: the conflicts of the master's journal, a choice to fill each. */
export async function writeDecisions(
  io: Io,
  masterFile: string,
  options: { out: string; force: boolean; plan?: string }
): Promise<number> {
  const master = await openWorkbook(masterFile, options.plan);
  if (!master.ok) return (master.problems.forEach((m) => complain(io, m)), EXIT.unusable);
  const rows = decisionRows(master.value.state.journal);
  if (rows.length <= 1) {
    say(io, message("decisions.none"));
    return EXIT.ok;
  }
  const file = writeOutput(io, options.out, await csvText(rows), options.force);
  if (!file) return EXIT.unusable;
  say(io, message("decisions.written", { file, count: rows.length - 1 }));
  return EXIT.ok;
}
