import { parseArgs, type ParseArgsConfig } from "node:util";
import { message, type Message } from "../domain/messages/types";
import { complain, EXIT, type Io } from "./output";

/**
 * Argument parsing for every command: strict, `-h`/`--help` known, a French message for a malformed
 * option.
 */
export function parseCommand(
  args: string[],
  options: NonNullable<ParseArgsConfig["options"]>
): { values: Record<string, string | boolean | undefined>; positionals: string[] } | Message {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (e) {
    // Errors may come from another realm (tests): read the message without instanceof.
    const text =
      typeof e === "object" && e !== null && "message" in e ? String(e.message) : String(e);
    const detail = /'([^']+)'/.exec(text)?.[1] ?? text;
    return message("cli.bad_option", { detail });
  }
}

/** An option's text, if it was given one. */
export function str(v: string | boolean | undefined): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** `--annee 2023` as a year, or the French problem. */
export function yearOption(value: string | boolean | undefined): number | Message {
  const text = typeof value === "string" ? value.trim() : "";
  if (!/^\d{4}$/.test(text)) return message("snapshot.bad_year", { value: text });
  return Number(text);
}

/**
 * Says in French which required argument is missing (the first not given, in the order of
 * `required`: each a value, or whether it was given, and its French name), with an example of the
 * command; the exit status to return.
 */
export function missingArgument(
  io: Io,
  example: string,
  required: ReadonlyArray<readonly [given: unknown, what: string]>
): number {
  const [, what] = required.find(
    ([given]) => given === undefined || given === "" || given === false
  ) ?? [null, required[required.length - 1]?.[1] ?? ""];
  complain(io, message("cli.missing_argument", { what, example }));
  return EXIT.unusable;
}
