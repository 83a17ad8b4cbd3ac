/** A problem or explanation as data: a code and its values. French sentences come from the catalogue. */
export type MessageParam = string | number | null;
export type MessageParams = Readonly<Record<string, MessageParam>>;

export interface Message {
  readonly code: string;
  readonly params: MessageParams;
}

/** One catalogue entry: turns the params of a message into a French sentence. */
export type MessageTemplate = (params: MessageParams) => string;

export function message(code: string, params: MessageParams = {}): Message {
  return { code, params };
}
