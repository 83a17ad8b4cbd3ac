import type { Outcome } from "../../app/port";
import { frenchProblems } from "./messages";

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly messages: string[] };

/**
 * Runs a service call: its problems in French, and a rejected promise (a bug or a lost connection to
 * Excel) as a generic French sentence. Never throws; the technical detail goes to the console only.
 */
export async function attempt<T>(call: () => Promise<Outcome<T>>): Promise<Result<T>> {
  try {
    const outcome = await call();
    return outcome.ok
      ? { ok: true, value: outcome.value }
      : { ok: false, messages: frenchProblems(outcome.problems) };
  } catch (e: unknown) {
    console.error(e);
    return { ok: false, messages: frenchProblems([]) };
  }
}
