import { SheetBuilder, formula, makeCell, text } from "../../src/domain/workbook/grid";

/** The sheet builder at the sizes of a large merge (a journal of a row per merged entry). */

describe("SheetBuilder", () => {
  it("builds a sheet of more rows than a call can take arguments (a journal at ×10 and more)", () => {
    const s = new SheetBuilder("Journal des imports");
    const rows = 200_000;
    for (let r = 0; r < rows; r++) s.set(r, r % 3, text(`ligne ${r}`), "text");
    s.set(rows - 1, 7, null, "computed");
    const sheet = s.build();
    expect(sheet.cells).toHaveLength(rows);
    expect(sheet.cells.every((line) => line.length === 8)).toBe(true);
    expect(sheet.cells[rows - 1]?.[7]).toEqual({ value: null, style: "computed" });
  });

  it("makes cells with only the keys that are set, empty ones shared", () => {
    expect(makeCell(text("a"))).toStrictEqual({ value: { kind: "text", text: "a" } });
    expect(makeCell(text("a"), "input", "integer")).toStrictEqual({
      value: { kind: "text", text: "a" },
      style: "input",
      format: "integer",
    });
    expect(makeCell(null, undefined, "date")).toStrictEqual({ value: null, format: "date" });
    expect(makeCell(null, "input")).toBe(makeCell(null, "input"));
    expect(makeCell(null, "input")).not.toBe(makeCell(null, "input", "integer"));
  });

  it("keeps a formula's text as given", () => {
    const f = ["IF(", "A1", ">0,", '"oui"', ',"non")'].reduce((a, b) => a + b, "");
    expect(formula(f)).toStrictEqual({ kind: "formula", formula: 'IF(A1>0,"oui","non")' });
  });
});

describe("header rows", () => {
  it("are tall enough for titles that wrap in narrow columns, words kept whole", () => {
    const s = new SheetBuilder("Récapitulatif");
    s.row(0, 0, [text("Réf"), text("Cibles suivies"), text("À renseigner")], "header");
    s.width(0, 8);
    s.width(1, 9);
    s.width(2, 30);
    s.fitHeaderRow(0);
    // « Cibles suivies » in a column of 9 characters: two lines.
    expect(s.build().rowHeights[0]).toBeGreaterThanOrEqual(2 * 13);

    const wide = new SheetBuilder("Large");
    wide.row(0, 0, [text("Réf"), text("Cibles suivies")], "header");
    wide.width(0, 8);
    wide.width(1, 30);
    wide.fitHeaderRow(0);
    expect(wide.build().rowHeights[0]).toBeUndefined();
  });
});
