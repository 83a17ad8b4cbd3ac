import { missingArgument, str } from "./args";
import { formatMessage } from "../domain/messages";
import { message } from "../domain/messages/types";
import type { Plan } from "../domain/plan/schema";
import { planCounts } from "../domain/plan/validate";
import { examplePlan } from "../domain/planbook/example";
import { buildPlanWorkbook } from "../domain/planbook/export";
import { readPlanWorkbook } from "../domain/planbook/read";
import { readFileBytes, type Read, jsonText, loadPlan, packageVersion, samePath } from "./io";
import { complain, EXIT, say, type Io } from "./output";
import { writeOutput } from "./workflow";

/** The plan workbook's commands: `ctg plan export-xlsx`, `import-xlsx`, `new`. */

/** Reads a plan workbook file into a plan (the problems, each with its sheet and cell). */
export async function loadPlanWorkbook(
  file: string
): Promise<Read<Plan> & { newIds?: readonly string[] }> {
  const bytes = readFileBytes(file);
  if (!bytes.ok) return bytes;
  const { readXlsx } = await import("../xlsx/read");
  const read = await readXlsx(bytes.value);
  if (!read.ok) return { ok: false, problems: [read.problem] };
  const plan = readPlanWorkbook(read.workbook.sheets);
  return plan.ok
    ? { ok: true, value: plan.plan, newIds: plan.newIds }
    : { ok: false, problems: plan.problems };
}

/** A plan file, JSON or plan workbook (by its extension); the embedded plan when none. */
export async function loadAnyPlan(file: string | undefined): Promise<Read<Plan>> {
  return file !== undefined && /\.xlsx$/i.test(file) ? loadPlanWorkbook(file) : loadPlan(file);
}

async function writeWorkbook(io: Io, plan: Plan, out: string, force: boolean): Promise<number> {
  const { writeXlsx } = await import("../xlsx/write");
  const bytes = await writeXlsx(buildPlanWorkbook(plan, { generatorVersion: packageVersion() }));
  const file = writeOutput(io, out, bytes, force);
  if (file === null) return EXIT.unusable;
  say(io, message("planbook.written", { file, rows: planCounts(plan).indicators }));
  return EXIT.ok;
}

export async function cmdPlanExportXlsx(
  values: Record<string, string | boolean | undefined>,
  io: Io
): Promise<number> {
  const out = str(values.out);
  if (!out)
    return missingArgument(io, "ctg plan export-xlsx --out plan.xlsx", [
      [out, "le fichier à écrire (--out)"],
    ]);
  const planFile = str(values.plan);
  if (planFile && samePath(out, planFile))
    return (complain(io, message("merge.same_file")), EXIT.unusable);
  const plan = await loadAnyPlan(planFile);
  if (!plan.ok) return (plan.problems.forEach((m) => complain(io, m)), EXIT.unusable);
  return writeWorkbook(io, plan.value, out, values.force === true);
}

export async function cmdPlanNew(
  values: Record<string, string | boolean | undefined>,
  io: Io
): Promise<number> {
  const out = str(values.out);
  if (!out)
    return missingArgument(io, "ctg plan new --out mon-plan.xlsx", [
      [out, "le fichier à écrire (--out)"],
    ]);
  return writeWorkbook(io, examplePlan(), out, values.force === true);
}

export async function cmdPlanImportXlsx(
  file: string | undefined,
  values: Record<string, string | boolean | undefined>,
  io: Io
): Promise<number> {
  const out = str(values.out);
  if (!file || !out)
    return missingArgument(io, "ctg plan import-xlsx plan.xlsx --out plan.json", [
      [file, "le classeur de plan à lire"],
      [out, "le fichier de plan à écrire (--out)"],
    ]);
  if (samePath(out, file)) return (complain(io, message("merge.same_file")), EXIT.unusable);
  const plan = await loadPlanWorkbook(file);
  if (!plan.ok) {
    complain(io, message("planbook.invalid_header", { file, count: plan.problems.length }));
    plan.problems.forEach((m) => io.err(`  - ${formatMessage(m)}`));
    return EXIT.unusable;
  }
  const written = writeOutput(io, out, jsonText(plan.value), values.force === true);
  if (written === null) return EXIT.unusable;
  say(
    io,
    message("planbook.read", { file, ...planCounts(plan.value), newIds: plan.newIds?.length ?? 0 })
  );
  say(io, message("cli.written", { file: written }));
  return EXIT.ok;
}
