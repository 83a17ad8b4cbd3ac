import { parseArgs, type ParseArgsConfig } from "node:util";
import { join } from "node:path";
import { z } from "zod";
import { formatMessage } from "../domain/messages";
import { message, type Message } from "../domain/messages/types";
import { CorrectionsSchema, NO_CORRECTIONS } from "../domain/importer/corrections";
import { importPlanFromText } from "../domain/importer/importText";
import { differenceMessage, differencesByAction } from "../domain/plan/diff";
import { PlanSchema } from "../domain/plan/schema";
import { planCounts, validatePlan } from "../domain/plan/validate";
import { targetsReport } from "../domain/plan/targetsReport";
import { formatTargets } from "../domain/targets/format";
import {
  CORRECTIONS_FILE,
  jsonText,
  loadPlan,
  packageRoot,
  packageVersion,
  readText,
  sha256,
  writeFileAtomic,
} from "./io";

/** Exit statuses (an interface: other tools rely on them). */
export const EXIT = { ok: 0, invalidEntries: 1, unusable: 2, internal: 70 } as const;

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

const consoleIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function say(io: Io, msg: Message): void {
  io.out(formatMessage(msg));
}
function complain(io: Io, msg: Message): void {
  io.err(formatMessage(msg));
}

type Options = ParseArgsConfig["options"];

function parse(
  args: string[],
  options: Options
): { values: Record<string, string | boolean | undefined>; positionals: string[] } | Message {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (e) {
    // Errors may come from another realm (tests): read the message without instanceof.
    const text =
      typeof e === "object" && e !== null && "message" in e ? String(e.message) : String(e);
    const detail = /'([^']+)'/.exec(text)?.[1] ?? text;
    return message("cli.bad_option", { detail });
  }
}

function str(v: string | boolean | undefined): string | undefined {
  return typeof v === "string" ? v : undefined;
}

function cmdTargets(args: string[], io: Io): number {
  const parsed = parse(args, { plan: { type: "string" }, json: { type: "boolean" } });
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
  const parsed = parse(args, {});
  if ("code" in parsed) return (complain(io, parsed), EXIT.unusable);
  const file = parsed.positionals[0];
  if (!file) {
    complain(
      io,
      message("cli.missing_argument", {
        what: "le fichier de plan à vérifier",
        example: "ctg plan check mon-plan.json",
      })
    );
    return EXIT.unusable;
  }
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
  const parsed = parse(args, { plan: { type: "string" }, json: { type: "boolean" } });
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

function cmdPlanSchema(args: string[], io: Io): number {
  const parsed = parse(args, { out: { type: "string" } });
  if ("code" in parsed) return (complain(io, parsed), EXIT.unusable);
  const schema = z.toJSONSchema(PlanSchema, { io: "input", unrepresentable: "any" });
  const text = jsonText({
    $id: "https://ctg-classeur/ctg-plan.schema.json",
    title: "Plan d'une Convention Territoriale Globale (CTG)",
    ...schema,
  });
  const out = str(parsed.values.out);
  if (!out) return (io.out(text.trimEnd()), EXIT.ok);
  say(io, message("cli.written", { file: writeFileAtomic(out, text) }));
  return EXIT.ok;
}

function cmdImportText(args: string[], io: Io): number {
  const parsed = parse(args, {
    corrections: { type: "string" },
    out: { type: "string" },
    "plan-version": { type: "string" },
  });
  if ("code" in parsed) return (complain(io, parsed), EXIT.unusable);
  const file = parsed.positionals[0];
  if (!file) {
    complain(
      io,
      message("cli.missing_argument", {
        what: "le fichier texte du plan",
        example: "ctg import-text plan.txt --out plan.json",
      })
    );
    return EXIT.unusable;
  }
  const text = readText(file);
  if (!text.ok) return (text.problems.forEach((m) => complain(io, m)), EXIT.unusable);
  let corrections = NO_CORRECTIONS;
  const correctionsFile = str(parsed.values.corrections);
  if (correctionsFile) {
    const raw = readText(correctionsFile);
    if (!raw.ok) return (raw.problems.forEach((m) => complain(io, m)), EXIT.unusable);
    const checked = CorrectionsSchema.safeParse(JSON.parse(raw.value));
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
  const checked = validatePlan(result.plan);
  if (!checked.ok) {
    // The importer produced something the schema refuses: a bug, reported as such.
    checked.problems.forEach((m) => complain(io, m));
    return EXIT.internal;
  }
  const json = jsonText(checked.plan);
  const out = str(parsed.values.out);
  if (!out) return (io.out(json.trimEnd()), EXIT.ok);
  say(io, message("cli.written", { file: writeFileAtomic(out, json) }));
  return EXIT.ok;
}

/** Runs the command line; returns the exit status. */
export function run(argv: string[], io: Io = consoleIo): number {
  const [command, ...rest] = argv;
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
        return rest.includes("--help") || rest.includes("-h")
          ? (say(io, message("cli.help")), EXIT.ok)
          : cmdTargets(rest, io);
      case "import-text":
        return cmdImportText(rest, io);
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

/** The default corrections file of the embedded plan, for `npm run import-seed`. */
export function defaultCorrectionsPath(): string {
  return join(packageRoot(), CORRECTIONS_FILE);
}

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2));
}
