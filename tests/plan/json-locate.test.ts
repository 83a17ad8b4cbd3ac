import { jsonErrorOffset } from "../../src/domain/plan/jsonLocate";

describe("locating a JSON syntax error", () => {
  it.each([
    ['{"a": 1}', null],
    ['[1, 2.5e3, -0, "x\\u00e9", true, false, null, {}, []]', null],
    ['{\n  "axes": [,]\n}', 13],
    ['{"a": 1,}', 8],
    ['{"a" 1}', 5],
    ['{"a": 01}', 7],
    ["{'a': 1}", 1],
    ['{"a": 1} x', 9],
    ['{"a": tru}', 9],
    ['{"a": "x', 8],
    ["", 0],
  ])("%j -> %p", (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
    if (offset === null) expect(() => JSON.parse(text)).not.toThrow();
    else expect(() => JSON.parse(text)).toThrow();
  });
});
