import { partnerDirectory } from "../../src/domain/plan/partners";
import { buildWorkbook } from "../../src/domain/workbook/build";
import { inputCells } from "../../src/domain/workbook/entries";
import type { JournalRecord } from "../../src/domain/workbook/logSheets";
import { clone, seedPlan } from "../partners/helpers";

/**
 * A build that takes its plan's sheets from a model of the same plan and partner
 * (`sameStructureAs`, as a merge or a refresh rebuilds the opened workbook) is the build made anew.
 */

const at = { generatorVersion: "test", generatedOn: "2026-11-29" } as const;
const later = { generatorVersion: "test-2", generatedOn: "2026-12-01" } as const;
const journal: JournalRecord[] = [
  {
    at: "01/12/2026 10:00",
    file: "retour.xlsx",
    partner: "CAF",
    sheet: "Axe I",
    id: "I.A.1.R1",
    label: "Un indicateur",
    column: "2023",
    sentValue: null,
    masterValue: null,
    returnedValue: 12,
    outcome: "Ajoutée",
    detail: "",
  },
];

describe("buildWorkbook with sameStructureAs", () => {
  const partner = partnerDirectory(seedPlan)[0]?.name as string;

  it.each([null, partner])("gives the model built anew (partner: %s)", (who) => {
    const opened = buildWorkbook(seedPlan, { ...at, partner: who });
    const options = { ...later, partner: who, journal };
    const reused = buildWorkbook(seedPlan, { ...options, sameStructureAs: opened });
    expect(reused).toEqual(buildWorkbook(seedPlan, options));
    // The plan's sheets are the opened model's own objects; the Sommaire and the Tableau de bord
    // are made again.
    expect(reused.sheets[2]).toBe(opened.sheets[2]);
    expect(reused.sheets[0]).not.toBe(opened.sheets[0]);
    expect(reused.sheets[1]).not.toBe(opened.sheets[1]);
    expect([...inputCells(reused)]).toEqual([...inputCells(buildWorkbook(seedPlan, options))]);
  });

  it("ignores a model of another partner, plan version or plan", () => {
    const master = buildWorkbook(seedPlan, at);
    const other = clone(seedPlan);
    other.version = "9.9.9";
    const otherModel = buildWorkbook(other, at);
    expect(buildWorkbook(seedPlan, { ...at, partner, sameStructureAs: master })).toEqual(
      buildWorkbook(seedPlan, { ...at, partner })
    );
    expect(buildWorkbook(seedPlan, { ...at, sameStructureAs: otherModel })).toEqual(master);
  });
});
