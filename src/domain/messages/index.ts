import type { Message, MessageCode, MessageTemplate } from "./types";
import { engineMessages } from "./engine";
import { planMessages } from "./plan";
import { cliMessages } from "./cli";
import { checkMessages } from "./check";
import { officeMessages } from "./office";
import { mergeMessages } from "./merge";
import { snapshotMessages } from "./snapshot";
import { bilanMessages } from "./bilan";
import { exportMessages } from "./export";

export * from "./types";
export * from "./format";

const parts = {
  ...engineMessages,
  ...planMessages,
  ...cliMessages,
  ...checkMessages,
  ...officeMessages,
  ...mergeMessages,
  ...snapshotMessages,
  ...bilanMessages,
  ...exportMessages,
};

/** The catalogue's type: its keys are the message codes (`MessageCode`), its templates say their params. */
export type MessageCatalogue = typeof parts;

/**
 * The one French message catalogue. Each part lives in its own file (engine, plan, cli...)
 * so that parts can grow independently; codes are unique across parts (checked by a test).
 */
export const catalogue: Readonly<Record<MessageCode, MessageTemplate>> = parts;

export function formatMessage(msg: Message): string {
  const template: MessageTemplate | undefined = catalogue[msg.code];
  if (!template) {
    // A missing catalogue entry is a bug, not a user mistake (a code read from outside the types).
    throw new Error(`No French message for code "${msg.code}"`);
  }
  return template(msg.params);
}
