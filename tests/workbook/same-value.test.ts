/** Values compared by what they mean (the merge's « same »): numbers by value, dates as dates. */
import { sameValue } from "../../src/domain/workbook/entries";

describe("sameValue", () => {
  it("takes a number typed as text for the same number", () => {
    expect(sameValue(12, "12")).toBe(true);
    expect(sameValue("12,5", 12.5)).toBe(true);
    expect(sameValue(1250, "1 250")).toBe(true);
    expect(sameValue(1250, "1\u202f250")).toBe(true);
  });

  it("keeps different values different", () => {
    expect(sameValue(12, "13")).toBe(false);
    expect(sameValue(12, "12 jeunes")).toBe(false);
    expect(sameValue(45366, "2024-03-15")).toBe(false); // only date cells read serials as dates
    expect(sameValue(0, null)).toBe(false);
    expect(sameValue(true, "VRAI")).toBe(false);
  });
});
