import { formatMessage } from "../domain/messages";
import type { Message } from "../domain/messages/types";

/** Exit statuses of every command (an interface: other tools rely on them). */
export const EXIT = {
  ok: 0,
  /** `ctg check`: some entries cannot be read against their target. */
  invalidEntries: 1,
  /** `ctg merge`: done, but some returns were refused. */
  attention: 1,
  unusable: 2,
  internal: 70,
} as const;

/** Where a command prints: standard output for results, standard error for problems. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export const consoleIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export function say(io: Io, msg: Message): void {
  io.out(formatMessage(msg));
}

export function complain(io: Io, msg: Message): void {
  io.err(formatMessage(msg));
}
