import { fr } from "zod/locales";
import type { z } from "zod";
import { message, type Message } from "../messages/types";
import { jsonErrorOffset } from "./jsonLocate";
import { PlanSchema, type Plan } from "./schema";

/** French wording for zod's own problems (zod's maintained French locale). */
const frenchErrors = fr().localeError;

export type PlanValidation =
  | { readonly ok: true; readonly plan: Plan }
  | { readonly ok: false; readonly problems: readonly Message[] };

/** `["axes", 0, "objectives", 1, "title"]` -> `axes[0].objectives[1].title` (the JSON path a user can follow). */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(racine)" : out;
}

function issueToMessage(issue: z.core.$ZodIssue): Message {
  return message("plan.schema_problem", { path: jsonPath(issue.path), detail: issue.message });
}

/** Checks anything read from outside against the plan schema. User mistakes come back as data. */
export function validatePlan(data: unknown): PlanValidation {
  const result = PlanSchema.safeParse(data, { error: frenchErrors });
  if (result.success) return { ok: true, plan: result.data };
  return { ok: false, problems: result.error.issues.map(issueToMessage) };
}

/** Parses JSON text then validates it; a syntax error is a problem with its position. */
export function parsePlanJson(text: string): PlanValidation {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return { ok: false, problems: [jsonSyntaxProblem(text)] };
  }
  return validatePlan(data);
}

/** JSON.parse speaks English and rarely says where: locate the problem, and say it in French. */
function jsonSyntaxProblem(text: string): Message {
  const offset = jsonErrorOffset(text) ?? 0;
  if (offset >= text.trimEnd().length) return message("plan.json_truncated");
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return message("plan.json_invalid", {
    line,
    column,
    excerpt: text.slice(offset, offset + 20).split("\n")[0] ?? "",
  });
}

/** Every action of a plan, in order, with its axis and objective. */
export function* actionsOf(plan: Plan): Generator<{
  axis: Plan["axes"][number];
  objective: Plan["axes"][number]["objectives"][number];
  action: Plan["axes"][number]["objectives"][number]["actions"][number];
}> {
  for (const axis of plan.axes)
    for (const objective of axis.objectives)
      for (const action of objective.actions) yield { axis, objective, action };
}

export function planCounts(plan: Plan): {
  axes: number;
  objectives: number;
  actions: number;
  indicators: number;
} {
  let objectives = 0;
  let actions = 0;
  let indicators = 0;
  for (const axis of plan.axes) {
    objectives += axis.objectives.length;
    for (const objective of axis.objectives) {
      actions += objective.actions.length;
      for (const action of objective.actions) indicators += action.indicators.length;
    }
  }
  return { axes: plan.axes.length, objectives, actions, indicators };
}
