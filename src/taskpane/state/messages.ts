import { formatMessage, type Message } from "../../domain/messages";
import type { ProgressStep } from "../../app/port";
import { T } from "../texts";

/**
 * A message in French (capitalised as a sentence unless `sentence` is false); a code missing from
 * the catalogue becomes a French notice, never a crash.
 */
export function frenchMessage(msg: Message, sentence = true): string {
  try {
    const text = formatMessage(msg);
    return sentence ? capitalize(text) : text;
  } catch {
    return T.unknownMessage(msg.code);
  }
}

/** The problems of a failed outcome, in French (a generic sentence when there is none). */
export function frenchProblems(problems: readonly Message[]): string[] {
  return problems.length === 0 ? [T.unexpected] : problems.map((m) => frenchMessage(m));
}

export function capitalize(text: string): string {
  return text.length === 0 ? text : text.charAt(0).toLocaleUpperCase("fr-FR") + text.slice(1);
}

/** The French label of a generation step. */
export function progressStepLabel(step: ProgressStep): string {
  const S = T.generate.steps;
  switch (step.kind) {
    case "prepare":
      return S.prepare;
    case "sheet":
      return S.sheet(step.sheet);
    case "finish":
      return S.finish;
    case "ready":
      return S.ready;
  }
}
