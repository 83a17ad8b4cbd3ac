import { message, type Message } from "../messages/types";
import type { Difference, Plan } from "./schema";

/** A difference between the fiche and the recap (or another list of titles), as a catalogue message. */
export function differenceMessage(d: Difference): Message {
  return message(`diff.${d.code}`, {
    ref: d.ref,
    indicatorId: d.indicatorId,
    fiche: d.fiche,
    recap: d.recap,
    where: d.where,
  });
}

/** Differences grouped by action, in plan order. */
export function differencesByAction(
  plan: Plan
): Array<{ ref: string; title: string; differences: Difference[] }> {
  const groups = new Map<string, Difference[]>();
  for (const d of plan.differences) {
    const list = groups.get(d.ref) ?? [];
    list.push(d);
    groups.set(d.ref, list);
  }
  const out: Array<{ ref: string; title: string; differences: Difference[] }> = [];
  for (const axis of plan.axes)
    for (const objective of axis.objectives)
      for (const action of objective.actions) {
        const list = groups.get(action.ref);
        if (list) out.push({ ref: action.ref, title: action.title, differences: list });
      }
  return out;
}
