import { formatMessage, type Message } from "../../domain/messages";
import { T } from "../texts";

/** A message in French; a code missing from the catalogue becomes a French notice, never a crash. */
export function frenchMessage(msg: Message): string {
  try {
    return capitalize(formatMessage(msg));
  } catch {
    return T.unknownMessage(msg.code);
  }
}

/** The problems of a failed outcome, in French (a generic sentence when there is none). */
export function frenchProblems(problems: readonly Message[]): string[] {
  return problems.length === 0 ? [T.unexpected] : problems.map(frenchMessage);
}

export function capitalize(text: string): string {
  return text.length === 0 ? text : text.charAt(0).toLocaleUpperCase("fr-FR") + text.slice(1);
}
