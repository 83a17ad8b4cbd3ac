import {
  foldForMatching,
  normalizeFrenchSpaces,
  originalSlice,
} from "../../src/domain/targets/text";

describe("normalizeFrenchSpaces", () => {
  test.each<[string, string]>([
    ["20\u202f%  des\u00a0parents ", "20 % des parents"],
    ["1\u2009250\u00a0enfants", "1 250 enfants"],
    ["\t Au\nmoins \r\n 3 ", "Au moins 3"],
    ["a\u2007b\u2002c\u3000d", "a b c d"],
    ["zéro\u200Blargeur\uFEFF", "zérolargeur"],
    ["", ""],
    ["   ", ""],
  ])("%j -> %j", (input, expected) => {
    expect(normalizeFrenchSpaces(input)).toBe(expected);
  });
});

describe("foldForMatching", () => {
  test("lower case, no accents, one plain space, plain apostrophes and dashes", () => {
    expect(foldForMatching("À minima d’1\u00a0\u202fÉvènement – Œuvre").folded).toBe(
      "a minima d'1 evenement - œuvre"
    );
  });

  test("keeps where each character comes from", () => {
    const text = "Au  minimum\u202f20\u00a0%";
    const folding = foldForMatching(text);
    expect(folding.folded).toBe("au minimum 20 %");
    const at = folding.folded.indexOf("minimum 20 %");
    expect(originalSlice(text, folding, at, folding.folded.length)).toBe("minimum\u202f20\u00a0%");
    expect(originalSlice(text, folding, 0, 2)).toBe("Au");
    expect(originalSlice(text, folding, 3, 3)).toBe("");
  });

  test("drops zero-width characters", () => {
    const text = "dé\u200Bbut";
    const folding = foldForMatching(text);
    expect(folding.folded).toBe("debut");
    expect(originalSlice(text, folding, 0, 5)).toBe(text);
  });
});
