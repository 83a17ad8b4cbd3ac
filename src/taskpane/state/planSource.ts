import type { Message } from "../../domain/messages/types";
import type { Plan } from "../../domain/plan/schema";
import type { PlanValidation } from "../../domain/plan/validate";
import { planSummary, type PlanSummary } from "../planSummary";
import { capitalize, frenchMessage } from "./messages";

/**
 * Where the pane's plan comes from: the embedded Pays Ségali plan or a file the user picks. Both the
 * plan JSON and the validation (zod) are loaded on demand, in their own chunks, so that the pane's
 * first bundle stays small.
 */

/** One problem of a plan file, in French, with the JSON path it is about when there is one. */
export interface PlanProblem {
  readonly path: string | null;
  readonly text: string;
}

export type PlanLoad =
  | { readonly ok: true; readonly plan: Plan; readonly summary: PlanSummary }
  | { readonly ok: false; readonly problems: readonly PlanProblem[] };

export function planProblem(msg: Message): PlanProblem {
  const path = msg.params["path"];
  const detail = msg.params["detail"];
  if (msg.code === "plan.schema_problem" && typeof path === "string" && typeof detail === "string")
    return { path, text: capitalize(detail) };
  return { path: null, text: frenchMessage(msg) };
}

export function fromValidation(validation: PlanValidation): PlanLoad {
  return validation.ok
    ? { ok: true, plan: validation.plan, summary: planSummary(validation.plan) }
    : { ok: false, problems: validation.problems.map(planProblem) };
}

/** The embedded plan (Pays Ségali Communauté 2021-2025), loaded and checked on demand. */
export async function loadEmbeddedPlan(): Promise<PlanLoad> {
  const [data, validation] = await Promise.all([
    import(/* webpackChunkName: "plan-pays-segali" */ "../../../seeds/pays-segali-2021-2025.json"),
    import(/* webpackChunkName: "plan-validation" */ "../../domain/plan/validate"),
  ]);
  return fromValidation(validation.validatePlan(data.default));
}

/**
 * A plan workbook (`ctg plan export-xlsx`, `ctg plan new`), read and checked: French problems with
 * their sheet and cell. The reader and the plan workbook's code are loaded on demand.
 */
export async function loadPlanWorkbookBytes(bytes: Uint8Array): Promise<PlanLoad> {
  const [{ readXlsx }, { readPlanWorkbook }] = await Promise.all([
    import(/* webpackChunkName: "xlsx" */ "../../xlsx/read"),
    import(/* webpackChunkName: "planbook" */ "../../domain/planbook/read"),
  ]);
  const read = await readXlsx(bytes);
  if (!read.ok) return { ok: false, problems: [planProblem(read.problem)] };
  const plan = readPlanWorkbook(read.workbook.sheets);
  return plan.ok
    ? { ok: true, plan: plan.plan, summary: planSummary(plan.plan) }
    : { ok: false, problems: plan.problems.map(planProblem) };
}

/** A plan file's text, parsed and checked (French problems with their JSON path). */
export async function loadPlanText(text: string): Promise<PlanLoad> {
  const validation = await import(
    /* webpackChunkName: "plan-validation" */ "../../domain/plan/validate"
  );
  return fromValidation(validation.parsePlanJson(text));
}
