/**
 * Finds where a JSON text stops being valid JSON, so that a French message can point at the line and
 * column. JSON.parse only sometimes gives a position, in English; no maintained package of the stack
 * reports one, so this small recursive-descent reader (RFC 8259 grammar) is written here.
 * Returns the offset of the first offending character, or the text length when the text is truncated,
 * or null when the text is valid JSON.
 */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const n = text.length;
  const fail = (at: number): never => {
    throw new JsonStop(at);
  };
  const ws = (): void => {
    while (i < n && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r"))
      i++;
  };
  const literal = (word: string): void => {
    for (const ch of word) {
      if (i >= n) fail(n);
      if (text[i] !== ch) fail(i);
      i++;
    }
  };
  const string = (): void => {
    i++; // opening quote
    while (i < n) {
      const ch = text[i] ?? "";
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === "\\") {
        i++;
        if (i >= n) fail(n);
        const esc = text[i] ?? "";
        if (esc === "u") {
          for (let k = 1; k <= 4; k++)
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? "")) fail(Math.min(i + k, n));
          i += 5;
          continue;
        }
        if (!'"\\/bfnrt'.includes(esc)) fail(i);
        i++;
        continue;
      }
      if (ch < " ") fail(i);
      i++;
    }
    fail(n);
  };
  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === "" || m[0] === "-") fail(i);
    i += m ? m[0].length : 0;
  };
  const value = (): void => {
    ws();
    if (i >= n) fail(n);
    const ch = text[i];
    if (ch === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (i >= n) fail(n);
        if (text[i] !== '"') fail(i);
        string();
        ws();
        if (i >= n) fail(n);
        if (text[i] !== ":") fail(i);
        i++;
        value();
        ws();
        if (i >= n) fail(n);
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return;
        }
        fail(i);
      }
    }
    if (ch === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (i >= n) fail(n);
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return;
        }
        fail(i);
      }
    }
    if (ch === '"') return string();
    if (ch === "t") return literal("true");
    if (ch === "f") return literal("false");
    if (ch === "n") return literal("null");
    number();
  };
  try {
    value();
    ws();
    if (i < n) fail(i);
    return null;
  } catch (e) {
    if (e instanceof JsonStop) return e.offset;
    throw e;
  }
}

class JsonStop {
  constructor(readonly offset: number) {}
}
