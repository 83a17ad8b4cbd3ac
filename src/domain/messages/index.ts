import type { Message, MessageTemplate } from "./types";
import { engineMessages } from "./engine";
import { planMessages } from "./plan";
import { cliMessages } from "./cli";
import { checkMessages } from "./check";
import { officeMessages } from "./office";
import { mergeMessages } from "./merge";

export * from "./types";
export * from "./format";

/**
 * The one French message catalogue. Each part lives in its own file (engine, plan, cli...)
 * so that parts can grow independently; codes are unique across parts (checked by a test).
 */
export const catalogue: Readonly<Record<string, MessageTemplate>> = {
  ...engineMessages,
  ...planMessages,
  ...cliMessages,
  ...checkMessages,
  ...officeMessages,
  ...mergeMessages,
};

export function formatMessage(msg: Message): string {
  const template = catalogue[msg.code];
  if (!template) {
    // A missing catalogue entry is a bug, not a user mistake.
    throw new Error(`No French message for code "${msg.code}"`);
  }
  return template(msg.params);
}
