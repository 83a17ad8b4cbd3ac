import { renameSheetInFormula, sheetPrefix } from "../../src/domain/workbook/sheetReferences";

describe("what Excel does to formulas when a sheet is renamed or deleted (emulated)", () => {
  it("follows a rename, quoted or not, and leaves text alone", () => {
    expect(renameSheetInFormula("='Axe I'!B5+Feuil1!A1", "Axe I", "Ancien")).toBe(
      "=Ancien!B5+Feuil1!A1"
    );
    expect(renameSheetInFormula("=SUM(Feuil1!A1:A3)", "feuil1", "Mon onglet")).toBe(
      "=SUM('Mon onglet'!A1:A3)"
    );
    expect(renameSheetInFormula("=\"'Axe I'!B5\"&'Axe I'!B5", "Axe I", "X")).toBe(
      "=\"'Axe I'!B5\"&X!B5"
    );
    expect(renameSheetInFormula("='L''été'!A1", "L'été", "Hiver")).toBe("=Hiver!A1");
    expect(renameSheetInFormula("=Axe!A1+MaxeI!A1", "Axe", "B")).toBe("=B!A1+MaxeI!A1");
  });
  it("leaves #REF! where a deleted sheet was", () => {
    expect(renameSheetInFormula("='Axe I'!B5*2", "Axe I", null)).toBe("=#REF!B5*2");
  });
  it("quotes names that need it", () => {
    expect(sheetPrefix("Feuil1")).toBe("Feuil1");
    expect(sheetPrefix("Axe I")).toBe("'Axe I'");
    expect(sheetPrefix("AB12")).toBe("'AB12'");
    expect(sheetPrefix("Récapitulatif")).toBe("'Récapitulatif'");
  });
});
