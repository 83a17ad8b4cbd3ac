import type { MessageCatalogue } from "./index";

/** A problem or explanation as data: a code and its values. French sentences come from the catalogue. */
export type MessageParam = string | number | null;
export type MessageParams = Readonly<Record<string, MessageParam>>;

/**
 * Every code of the one catalogue (the union of the keys of its parts, src/domain/messages/index.ts):
 * a code that is not in the catalogue does not compile.
 */
export type MessageCode = keyof MessageCatalogue;

export interface Message {
  readonly code: MessageCode;
  readonly params: MessageParams;
}

/**
 * The params a catalogue entry reads, declared by its template: `(x: Params<"sheet" | "cell">) => ...`.
 * The template cannot read another one (`p(x, "shet")` does not compile) and `message()` requires
 * each of them.
 */
export type Params<K extends string> = { readonly [P in K]: MessageParam };

/**
 * One catalogue entry: turns the params of a message into a French sentence. A template declares the
 * params it reads (`Params<...>`, or none); an undeclared `(x) => ...` reads nothing. (Written as a
 * method's type so that templates with different params fit in one catalogue.)
 */
export type MessageTemplate = { template(params: Params<never>): string }["template"];

/** The params the template of `C` declares (none for a template without params). */
export type ParamsOf<C extends MessageCode> = MessageCatalogue[C] extends () => string
  ? Readonly<Record<string, never>>
  : Parameters<MessageCatalogue[C]>[0];

/**
 * What follows the code in `message(code, ...)`: every param the code's template declares (more may
 * be given: a message is data), nothing for a template without params.
 */
type ParamsArgs<C extends MessageCode> = C extends MessageCode
  ? MessageCatalogue[C] extends () => string
    ? [params?: MessageParams]
    : [params: ParamsOf<C> & MessageParams]
  : never;

/** A message; its params are checked against the template of its code. */
export function message<C extends MessageCode>(code: C, ...params: ParamsArgs<C>): Message {
  const [values = {}]: readonly [MessageParams?] = params;
  return { code, params: values };
}
