import { parseTargets } from "../../src/domain/targets/parse";
import { withoutFragments } from "./expect";
import { MILESTONE_ROWS, NUMERIC_ROWS, type PlanRow, QUALITATIVE_ROWS } from "./plan-phrases";

function check(rows: PlanRow[]): void {
  test.each(rows)("%s", (phrase, expected) => {
    expect(withoutFragments(parseTargets(phrase))).toEqual(expected);
  });
}

describe("Pays Ségali plan: phrases with a figure", () => check(NUMERIC_ROWS));
describe("Pays Ségali plan: milestones", () => check(MILESTONE_ROWS));
describe("Pays Ségali plan: qualitative aims", () => check(QUALITATIVE_ROWS));
