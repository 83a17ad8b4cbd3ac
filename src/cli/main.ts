import { z } from "zod";
import { missingArgument, parseCommand, str } from "./args";
import { formatMessage } from "../domain/messages";
import { message } from "../domain/messages/types";
import { CorrectionsSchema, NO_CORRECTIONS } from "../domain/importer/corrections";
import { importPlanFromText } from "../domain/importer/importText";
import { differenceMessage, differencesByAction } from "../domain/plan/diff";
import { PlanSchema } from "../domain/plan/schema";
import { planCounts, validatePlan } from "../domain/plan/validate";
import { targetsReport } from "../domain/plan/targetsReport";
import { formatTargets } from "../domain/targets/format";
import { formatNumberFr } from "../domain/messages/format";
import { STATUSES, type Status } from "../domain/engine/types";
import { isReadForCheck, type CheckReport } from "../domain/workbook/check";
import { STATUS_TEXT } from "../domain/workbook/labels";
import { axisRows } from "../domain/workbook/axisSheet";
import { buildWorkbook } from "../domain/workbook/build";
import { checkSheets } from "../app/check";
import { missingAxisSheets, planOfStored, readStoredBytes, unusable } from "../app/workbooks";
import {
  readFileBytes,
  jsonText,
  loadPlan,
  packageVersion,
  preloadPlan,
  readText,
  sha256,
} from "./io";
import {
  buildPartners,
  listPartners,
  mergeFiles,
  refreshFile,
  writeDecisions,
  writeOutput,
} from "./workflow";
import { complain, consoleIo, EXIT, say, type Io } from "./output";
import {
  cmdPlanExportXlsx,
  cmdPlanImportXlsx,
  cmdPlanNew,
  loadAnyPlan,
  loadPlanWorkbook,
} from "./planbook";
import { cmdSnapshot } from "./snapshot";
import { cmdBilan } from "./bilan";
import { cmdConsolidate, cmdExport } from "./export";

export { EXIT, type Io } from "./output";

function cmdTargets(args: string[], io: Io): number {
  const parsed = parseCommand(args, { plan: { type: "string" }, json: { type: "boolean" } });
  if ("code" in parsed) return (complain(io, parsed), EXIT.unusable);
  const plan = loadPlan(str(parsed.values.plan));
  if (!plan.ok) return (plan.problems.forEach((m) => complain(io, m)), EXIT.unusable);
  const report = targetsReport(plan.value);
  if (parsed.values.json) {
    io.out(JSON.stringify(report, null, 2));
    return EXIT.ok;
  }
  const targets = report.reduce((n, r) => n + r.targets.length, 0);
  const unknown = report.reduce(
    (n, r) => n + r.targets.filter((t) => t.measure === "unknown").length,
    0
  );
  say(io, message("cli.targets_header", { count: report.length, targets, unknown }));
  for (const r of report)
    io.out(`${r.id.padEnd(16)} ${formatTargets(r.targets).padEnd(34)} ${r.text}`);
  return EXIT.ok;
}

function cmdPlanCheck(args: string[], io: Io): number {
  const parsed = parseCommand(args, {});
  if ("code" in parsed) return (complain(io, parsed), EXIT.unusable);
  const file = parsed.positionals[0];
  if (!file)
    return missingArgument(io, "ctg plan check mon-plan.json", [
      [file, "le fichier de plan à vérifier"],
    ]);
  const plan = loadPlan(file);
  if (!plan.ok) {
    complain(io, message("plan.invalid_header", { file, count: plan.problems.length }));
    plan.problems.forEach((m) => io.err(`  - ${formatMessage(m)}`));
    return EXIT.unusable;
  }
  const counts = planCounts(plan.value);
  say(
    io,
    message("plan.valid", {
      title: plan.value.title,
      id: plan.value.id,
      version: plan.value.version,
      ...counts,
    })
  );
  return EXIT.ok;
}

function cmdPlanDiff(args: string[], io: Io): number {
  const parsed = parseCommand(args, { plan: { type: "string" }, json: { type: "boolean" } });
  if ("code" in parsed) return (complain(io, parsed), EXIT.unusable);
  const plan = loadPlan(str(parsed.values.plan));
  if (!plan.ok) return (plan.problems.forEach((m) => complain(io, m)), EXIT.unusable);
  if (parsed.values.json) {
    io.out(
      JSON.stringify(
        plan.value.differences.map((d) => ({ ...d, message: formatMessage(differenceMessage(d)) })),
        null,
        2
      )
    );
    return EXIT.ok;
  }
  const groups = differencesByAction(plan.value);
  if (groups.length === 0) return (say(io, message("cli.diff_none")), EXIT.ok);
  say(
    io,
    message("cli.diff_header", { count: plan.value.differences.length, actions: groups.length })
  );
  for (const g of groups) {
    io.out("");
    io.out(`${g.ref} — ${g.title}`);
    for (const d of g.differences) io.out(`  - ${formatMessage(differenceMessage(d))}`);
  }
  return EXIT.ok;
}

/** Writes a text file (never over an existing one without --force); the exit status. */
function writeText(io: Io, out: string, text: string, force: boolean): number {
  const file = writeOutput(io, out, text, force);
  if (file === null) return EXIT.unusable;
  say(io, message("cli.written", { file }));
  return EXIT.ok;
}

function cmdPlanSchema(args: string[], io: Io): number {
  const parsed = parseCommand(args, { out: { type: "string" }, force: { type: "boolean" } });
  if ("code" in parsed) return (complain(io, parsed), EXIT.unusable);
  const schema = z.toJSONSchema(PlanSchema, { io: "input", unrepresentable: "any" });
  const text = jsonText({
    $id: "https://ctg-classeur/ctg-plan.schema.json",
    title: "Plan d'une Convention Territoriale Globale (CTG)",
    ...schema,
  });
  const out = str(parsed.values.out);
  if (!out) return (io.out(text.trimEnd()), EXIT.ok);
  return writeText(io, out, text, parsed.values.force === true);
}

function cmdImportText(args: string[], io: Io): number {
  const parsed = parseCommand(args, {
    corrections: { type: "string" },
    out: { type: "string" },
    "plan-version": { type: "string" },
    force: { type: "boolean" },
  });
  if ("code" in parsed) return (complain(io, parsed), EXIT.unusable);
  const file = parsed.positionals[0];
  if (!file)
    return missingArgument(io, "ctg import-text plan.txt --out plan.json", [
      [file, "le fichier texte du plan"],
    ]);
  const text = readText(file);
  if (!text.ok) return (text.problems.forEach((m) => complain(io, m)), EXIT.unusable);
  let corrections = NO_CORRECTIONS;
  const correctionsFile = str(parsed.values.corrections);
  if (correctionsFile) {
    const raw = readText(correctionsFile);
    if (!raw.ok) return (raw.problems.forEach((m) => complain(io, m)), EXIT.unusable);
    let json: unknown;
    try {
      json = JSON.parse(raw.value);
    } catch {
      json = undefined;
    }
    const checked = CorrectionsSchema.safeParse(json);
    if (!checked.success) {
      complain(
        io,
        message("plan.invalid_header", {
          file: correctionsFile,
          count: checked.error.issues.length,
        })
      );
      return EXIT.unusable;
    }
    corrections = checked.data;
  }
  const version = str(parsed.values["plan-version"]);
  if (version) corrections = { ...corrections, plan: { ...corrections.plan, version } };
  // The source is named by its file name only, so the output does not depend on where it was run.
  const result = importPlanFromText(text.value, {
    corrections,
    source: { file: file.split(/[\\/]/).pop() ?? file, sha256: sha256(text.value) },
  });
  if (result.notes.length > 0) {
    complain(io, message("cli.import_notes", { count: result.notes.length }));
    result.notes.forEach((m) => io.err(`  - ${formatMessage(m)}`));
  }
  // A text without a single axis heading is not a CTG: the user's file, not a bug.
  if (result.plan.axes.length === 0)
    return (complain(io, message("import.not_ctg", { file })), EXIT.unusable);
  const checked = validatePlan(result.plan);
  if (!checked.ok) {
    // The importer produced something the schema refuses: a bug, reported as such.
    checked.problems.forEach((m) => complain(io, m));
    return EXIT.internal;
  }
  const json = jsonText(checked.plan);
  const out = str(parsed.values.out);
  if (!out) return (io.out(json.trimEnd()), EXIT.ok);
  return writeText(io, out, json, parsed.values.force === true);
}

async function cmdBuild(args: string[], io: Io): Promise<number> {
  const parsed = parseCommand(args, {
    plan: { type: "string" },
    out: { type: "string" },
    partner: { type: "string", multiple: true },
    from: { type: "string" },
    force: { type: "boolean" },
  });
  if ("code" in parsed) return (complain(io, parsed), EXIT.unusable);
  const partners = parsed.values.partner as unknown as string[] | undefined;
  if (partners && partners.length > 0)
    return buildPartners(io, partners, {
      ...(str(parsed.values.plan) ? { plan: str(parsed.values.plan) } : {}),
      ...(str(parsed.values.from) ? { from: str(parsed.values.from) } : {}),
      ...(str(parsed.values.out) ? { out: str(parsed.values.out) } : {}),
      force: parsed.values.force === true,
    });
  if (parsed.values.from) {
    complain(
      io,
      message("cli.missing_argument", {
        what: "le partenaire (--from sert à préparer un classeur partenaire)",
        example: "ctg build --partner CAF --from classeur.xlsx",
      })
    );
    return EXIT.unusable;
  }
  const plan = await loadAnyPlan(str(parsed.values.plan));
  if (!plan.ok) return (plan.problems.forEach((m) => complain(io, m)), EXIT.unusable);
  const model = buildWorkbook(plan.value, {
    generatorVersion: packageVersion(),
    generatedOn: new Date().toISOString().slice(0, 10),
  });
  const { writeXlsx } = await import("../xlsx/write");
  const out = str(parsed.values.out) ?? `classeur-${plan.value.id}.xlsx`;
  const file = writeOutput(io, out, await writeXlsx(model), parsed.values.force === true);
  if (file === null) return EXIT.unusable;
  const rows = plan.value.axes.reduce((n, a) => n + axisRows(a).length, 0);
  say(io, message("build.written", { file, sheets: model.sheets.length, rows }));
  return EXIT.ok;
}

/**
 * The report as `ctg check --json` has always printed it: counts per status keyed by the status as
 * the workbook shows it (`Atteint`), an interface other tools read. The domain counts by code.
 */
function checkJson(report: CheckReport) {
  const byLabel = (counts: Readonly<Record<Status, number>>) =>
    Object.fromEntries(STATUSES.map((st) => [STATUS_TEXT[st], counts[st]]));
  return {
    ...report,
    summary: {
      ...report.summary,
      byStatus: byLabel(report.summary.byStatus),
      byAxis: Object.fromEntries(
        Object.entries(report.summary.byAxis).map(([sheet, counts]) => [sheet, byLabel(counts)])
      ),
    },
  };
}

async function cmdCheck(args: string[], io: Io): Promise<number> {
  const parsed = parseCommand(args, { json: { type: "boolean" }, plan: { type: "string" } });
  if ("code" in parsed) return (complain(io, parsed), EXIT.unusable);
  const file = parsed.positionals[0];
  if (!file)
    return missingArgument(io, "ctg check classeur.xlsx", [[file, "le classeur à vérifier"]]);
  const read = await readFileBytes(file);
  if (!read.ok) return (read.problems.forEach((m) => complain(io, m)), EXIT.unusable);
  // Only the sheets a check reads (axis sheets, Paramètres) are decoded, and only their values.
  const stored = await readStoredBytes(file, read.value, {
    sheets: isReadForCheck,
    formulas: false,
  });
  if (!stored.ok) return (stored.problems.forEach((m) => complain(io, m)), EXIT.unusable);
  // An axis sheet of the workbook's plan that is not there (renamed, deleted): refused with the
  // reason, not reported as « no entries ».
  const planFile = str(parsed.values.plan);
  const plan = planOfStored(stored.value, () => {
    const loaded = loadPlan(planFile);
    return loaded.ok ? loaded.value : null;
  });
  const missing = plan ? missingAxisSheets(plan, stored.value.sheets) : [];
  if (missing.length > 0) {
    missing.forEach((m) => complain(io, unusable(file, m)));
    return EXIT.unusable;
  }
  const checked = checkSheets(stored.value.sheets, new Date());
  if (!checked.ok) {
    checked.problems.forEach((m) => complain(io, unusable(file, m)));
    return EXIT.unusable;
  }
  const report = checked.report;
  const status =
    report.summary.invalidEntries > 0 || report.indicators.some((r) => r.invalid)
      ? EXIT.invalidEntries
      : EXIT.ok;
  if (parsed.values.json) {
    io.out(JSON.stringify(checkJson(report), null, 2));
    return status;
  }
  say(
    io,
    message("check.header", {
      file,
      plan: stored.value.meta.planId,
      version: stored.value.meta.planVersion,
      year: String(report.summary.evaluationYear),
    })
  );
  let silent = 0;
  for (const r of report.indicators) {
    const entered = Object.entries(r.years).filter(
      ([, y]) => y.raw !== null && String(y.raw).trim() !== ""
    );
    if (entered.length === 0 && r.statusCode === "a_renseigner") {
      silent++;
      continue;
    }
    io.out("");
    say(
      io,
      message("check.row", {
        id: r.id,
        sheet: r.sheet,
        row: r.row,
        status: r.status,
        message: r.message,
      })
    );
    for (const [year, y] of entered) {
      const value =
        y.value === null
          ? formatMessage(message("check.entry_unread"))
          : typeof y.value === "number"
            ? formatNumberFr(y.value)
            : y.value;
      say(
        io,
        message("check.entry", {
          year,
          raw: String(y.raw),
          value,
          status: y.status,
          message: y.message,
        })
      );
    }
  }
  io.out("");
  if (silent > 0) say(io, message("check.no_entries", { count: silent }));
  say(
    io,
    message("check.totals", {
      rows: report.summary.rows,
      entries: report.summary.entries,
      invalid: report.summary.invalidEntries,
    })
  );
  for (const st of STATUSES)
    say(
      io,
      message("check.totals_status", {
        status: STATUS_TEXT[st],
        count: report.summary.byStatus[st],
      })
    );
  for (const [sheet, counts] of Object.entries(report.summary.byAxis)) {
    const detail = STATUSES.filter((st) => counts[st] > 0)
      .map((st) => `${STATUS_TEXT[st]} ${formatNumberFr(counts[st])}`)
      .join(", ");
    say(io, message("check.totals_axis", { sheet, detail }));
  }
  say(
    io,
    status === EXIT.ok
      ? message("check.ok")
      : message("check.some_invalid", { count: report.summary.invalidEntries })
  );
  return status;
}

async function cmdMerge(args: string[], io: Io): Promise<number> {
  const parsed = parseCommand(args, {
    out: { type: "string" },
    json: { type: "boolean" },
    prefer: { type: "string" },
    plan: { type: "string" },
    force: { type: "boolean" },
    decisions: { type: "string" },
  });
  if ("code" in parsed) return (complain(io, parsed), EXIT.unusable);
  const [master, ...returns] = parsed.positionals;
  const out = str(parsed.values.out);
  if (!master || returns.length === 0 || !out)
    return missingArgument(
      io,
      "ctg merge classeur.xlsx retour-caf.xlsx retour-csc.xlsx --out classeur-fusionne.xlsx",
      [
        [master, "le classeur maître"],
        [returns.length > 0, "au moins un classeur renvoyé par un partenaire"],
        [out, "le fichier de sortie (--out)"],
      ]
    );
  const prefer = str(parsed.values.prefer) ?? "master";
  if (prefer !== "master" && prefer !== "return")
    return (complain(io, message("merge.bad_prefer", { value: prefer })), EXIT.unusable);
  return mergeFiles(io, master, returns, {
    out,
    force: parsed.values.force === true,
    json: parsed.values.json === true,
    prefer,
    ...(str(parsed.values.plan) ? { plan: str(parsed.values.plan) } : {}),
    ...(str(parsed.values.decisions) ? { decisions: str(parsed.values.decisions) } : {}),
  });
}

async function cmdDecisions(args: string[], io: Io): Promise<number> {
  const parsed = parseCommand(args, {
    out: { type: "string" },
    plan: { type: "string" },
    force: { type: "boolean" },
  });
  if ("code" in parsed) return (complain(io, parsed), EXIT.unusable);
  const master = parsed.positionals[0];
  const out = str(parsed.values.out);
  if (!master || !out)
    return missingArgument(io, "ctg decisions classeur-fusionne.xlsx --out decisions.csv", [
      [master, "le classeur maître"],
      [out, "le fichier de décisions à écrire (--out)"],
    ]);
  return writeDecisions(io, master, {
    out,
    force: parsed.values.force === true,
    ...(str(parsed.values.plan) ? { plan: str(parsed.values.plan) } : {}),
  });
}

async function cmdRefresh(args: string[], io: Io): Promise<number> {
  const parsed = parseCommand(args, {
    out: { type: "string" },
    plan: { type: "string" },
    json: { type: "boolean" },
    force: { type: "boolean" },
  });
  if ("code" in parsed) return (complain(io, parsed), EXIT.unusable);
  const file = parsed.positionals[0];
  const out = str(parsed.values.out);
  if (!file || !out)
    return missingArgument(
      io,
      "ctg refresh classeur.xlsx --plan plan-v2.json --out classeur-v2.xlsx",
      [
        [file, "le classeur à régénérer"],
        [out, "le fichier de sortie (--out)"],
      ]
    );
  return refreshFile(io, file, {
    out,
    force: parsed.values.force === true,
    json: parsed.values.json === true,
    ...(str(parsed.values.plan) ? { plan: str(parsed.values.plan) } : {}),
  });
}

function cmdPartners(args: string[], io: Io): number {
  const parsed = parseCommand(args, { plan: { type: "string" }, json: { type: "boolean" } });
  if ("code" in parsed) return (complain(io, parsed), EXIT.unusable);
  const plan = loadPlan(str(parsed.values.plan));
  if (!plan.ok) return (plan.problems.forEach((m) => complain(io, m)), EXIT.unusable);
  return listPartners(io, plan.value, parsed.values.json === true);
}

const COMMANDS = new Set([
  "build",
  "check",
  "merge",
  "decisions",
  "refresh",
  "targets",
  "import-text",
  "partners",
  "plan",
  "snapshot",
  "bilan",
  "export",
  "consolidate",
]);

/** `--help` or `-h` among a command's arguments (before a `--`): the command shows its help only. */
function helpOnly(command: string | undefined, rest: readonly string[], io: Io): number | null {
  if (command === undefined || !COMMANDS.has(command)) return null;
  const end = rest.indexOf("--");
  const options = end < 0 ? rest : rest.slice(0, end);
  if (!options.includes("--help") && !options.includes("-h")) return null;
  const sub = command === "plan" && rest[0] && !rest[0].startsWith("-") ? ` ${rest[0]}` : "";
  say(io, message("cli.help_command", { command: `${command}${sub}` }));
  return EXIT.ok;
}

/** `ctg plan export-xlsx | import-xlsx | new`: the plan workbook (src/cli/planbook.ts). */
const PLANBOOK_COMMANDS = new Set(["export-xlsx", "import-xlsx", "new"]);

async function cmdPlanbook(rest: string[], io: Io): Promise<number> {
  const [sub, ...args] = rest;
  const parsed = parseCommand(args, {
    plan: { type: "string" },
    out: { type: "string" },
    force: { type: "boolean" },
  });
  if ("code" in parsed) return (complain(io, parsed), EXIT.unusable);
  if (sub === "import-xlsx") return cmdPlanImportXlsx(parsed.positionals[0], parsed.values, io);
  if (sub === "export-xlsx") return cmdPlanExportXlsx(parsed.values, io);
  return cmdPlanNew(parsed.values, io);
}

/** The plan workbooks (`.xlsx`) named as plans on a command line. */
function planWorkbookArgs(argv: readonly string[]): string[] {
  const files: string[] = [];
  argv.forEach((a, i) => {
    const value = a === "--plan" ? argv[i + 1] : a.startsWith("--plan=") ? a.slice(7) : undefined;
    if (value && /\.xlsx$/i.test(value)) files.push(value);
  });
  const [command, sub, file] = argv;
  if (command === "plan" && (sub === "check" || sub === "diff") && file && /\.xlsx$/i.test(file))
    files.push(file);
  return files;
}

/** Runs the command line; returns the exit status. */
export async function runAsync(argv: string[], io: Io = consoleIo): Promise<number> {
  const [command, ...rest] = argv;
  // --help never acts: whatever else is on the line, nothing is read or written.
  const help = helpOnly(command, rest, io);
  if (help !== null) return help;
  try {
    // A plan workbook given to any command (`--plan X.xlsx`, `plan check X.xlsx`) is read first.
    for (const file of planWorkbookArgs(argv)) preloadPlan(file, await loadPlanWorkbook(file));
    if (command === "build") return await cmdBuild(rest, io);
    if (command === "check") return await cmdCheck(rest, io);
    if (command === "merge") return await cmdMerge(rest, io);
    if (command === "decisions") return await cmdDecisions(rest, io);
    if (command === "refresh") return await cmdRefresh(rest, io);
    if (command === "snapshot") return await cmdSnapshot(rest, io);
    if (command === "bilan") return await cmdBilan(rest, io);
    if (command === "export") return await cmdExport(rest, io);
    if (command === "consolidate") return await cmdConsolidate(rest, io);
    if (command === "plan" && PLANBOOK_COMMANDS.has(rest[0] ?? ""))
      return await cmdPlanbook(rest, io);
  } catch (e) {
    complain(
      io,
      message("cli.internal_error", { detail: e instanceof Error ? e.message : String(e) })
    );
    if (e instanceof Error && e.stack) io.err(e.stack);
    return EXIT.internal;
  }
  return run(argv, io);
}

/** Runs the synchronous commands; returns the exit status. */
export function run(argv: string[], io: Io = consoleIo): number {
  const [command, ...rest] = argv;
  const help = helpOnly(command, rest, io);
  if (help !== null) return help;
  try {
    switch (command) {
      case undefined:
      case "-h":
      case "--help":
      case "help":
        say(io, message("cli.help"));
        return command === undefined ? EXIT.unusable : EXIT.ok;
      case "-v":
      case "--version":
        io.out(packageVersion());
        return EXIT.ok;
      case "targets":
        return cmdTargets(rest, io);
      case "import-text":
        return cmdImportText(rest, io);
      case "partners":
        return cmdPartners(rest, io);
      case "plan": {
        const [sub, ...subRest] = rest;
        if (sub === "check") return cmdPlanCheck(subRest, io);
        if (sub === "diff") return cmdPlanDiff(subRest, io);
        if (sub === "schema") return cmdPlanSchema(subRest, io);
        complain(io, message("cli.unknown_command", { command: `plan ${sub ?? ""}`.trim() }));
        return EXIT.unusable;
      }
      default:
        complain(io, message("cli.unknown_command", { command }));
        return EXIT.unusable;
    }
  } catch (e) {
    // Bugs are exceptions: say so in French, keep the details for the report.
    complain(
      io,
      message("cli.internal_error", { detail: e instanceof Error ? e.message : String(e) })
    );
    if (e instanceof Error && e.stack) io.err(e.stack);
    return EXIT.internal;
  }
}

if (require.main === module) {
  void runAsync(process.argv.slice(2)).then((status) => (process.exitCode = status));
}
