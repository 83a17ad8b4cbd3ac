/**
 * Adversarial suite, theme « any cell »: property tests that draw what a spreadsheet file can hold in
 * an input cell, not only the values our writer produces: numbers at any magnitude, texts (some
 * looking like formulas), booleans, Excel errors, dates, and formulas with a result of any type or
 * none. Drawn cells are put in the XML of a fresh master, then `ctg check` and `ctg refresh` run
 * (twice). Whatever was drawn: no internal error, every non-blank cell is an entry before, and every
 * entry is still in its cell or in the Archives after each refresh; a formula stays a formula, a
 * text stays a text.
 */
import fc from "fast-check";
import { join } from "node:path";
import {
  build,
  census,
  ctg,
  formulasOf,
  lost,
  setXmlCells,
  smallPlan,
  tempDir,
  writeJson,
  xml,
  type XmlCell,
} from "./helpers";

jest.setTimeout(600_000);

const dir = tempDir("cells-property");
const at = (name: string) => join(dir, name);
let master = "";
let partner = "";

beforeAll(async () => {
  master = await build(at("maitre.xlsx"), "--plan", writeJson(at("plan.json"), smallPlan()));
  partner = at("caf.xlsx");
  const prepared = await ctg("build", "--partner", "CAF", "--from", master, "--out", partner);
  expect(prepared.status).toBe(0);
});

/** Input cells of Axe I of the small master: years of a milestone, a count, a qualitative row, a comment. */
const CELLS = ["R5", "S5", "R7", "S7", "T7", "R9", "X7", "Y7"] as const;

const ERRORS = ["#DIV/0!", "#N/A", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"];

/** A drawn cell: its XML, and whether a reader sees nothing in it (spaces only). */
interface Drawn {
  readonly cell: XmlCell;
  readonly blank: boolean;
  /** The formula text typed, if a formula. */
  readonly formula?: string;
}

const plain = (cell: XmlCell, blank = false): Drawn => ({ cell, blank });

const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom("=1+1", "=SOMME(A1:A3)", "+33 6", "-5", "@mairie", " 12 ", "Oui", "VRAI", "")
);

/** Formulas: arithmetic Excel and the reader both compute, and functions or references only Excel does. */
const formulaText = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: -99, max: 99 }),
      fc.constantFrom("+", "-", "*", "/", "^"),
      fc.integer({ min: -9, max: 9 })
    )
    .map(([a, op, b]) => `${a}${op}${b}`),
  fc.constantFrom("SUM(1,2)", "A1+1", "NA()", '"a"&"b"', "TODAY()", "1=1", "TRUE", "10%")
);

/** What a formula's last result may be, as written in the file (or none, as openpyxl writes it). */
const cached = fc.option(
  fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => ({ v: String(v) })),
    fc.boolean().map((b) => ({ t: "b", v: b ? 1 : 0 })),
    fc.constantFrom(...ERRORS).map((e) => ({ t: "e", v: e })),
    fc.string({ maxLength: 10 }).map((s) => ({ t: "str", v: s }))
  ),
  { nil: undefined }
);

const drawn: fc.Arbitrary<Drawn> = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => plain(xml.number(String(n)))),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => plain(xml.number(n))),
  text.map((s) => plain(xml.text(s), s.trim() === "")),
  fc.boolean().map((b) => plain(xml.boolean(b))),
  fc.constantFrom(...ERRORS).map((e) => plain(xml.error(e))),
  fc
    .date({
      min: new Date("1950-01-01T00:00:00Z"),
      max: new Date("2099-12-31T00:00:00Z"),
      noInvalidDate: true,
    })
    .map((d) => plain(xml.date(d.toISOString().slice(0, 10)))),
  fc
    .tuple(formulaText, cached)
    .map(([f, c]) => ({ cell: xml.formula(f, c), blank: false, formula: f }))
);

const address = (ref: string): string => {
  const col = ref.charCodeAt(0) - 65;
  const row = Number(ref.slice(1)) - 1;
  return `${row},${col}`;
};

let serial = 0;

it("keeps every cell drawn, through check and two refreshes, whatever it holds", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.dictionary(fc.constantFrom(...CELLS), drawn, { minKeys: 1, maxKeys: CELLS.length }),
      async (cells) => {
        const n = ++serial;
        const file = await setXmlCells(
          master,
          at(`tire-${n}.xlsx`),
          "Axe I",
          Object.fromEntries(Object.entries(cells).map(([ref, d]) => [ref, d.cell]))
        );
        const before = await census(file);
        const expected = Object.values(cells).filter((d) => !d.blank).length;
        expect(before.entries).toHaveLength(expected);

        const check = await ctg("check", file);
        expect([0, 1]).toContain(check.status);

        const once = at(`tire-${n}-a.xlsx`);
        const first = await ctg("refresh", file, "--out", once);
        expect(first.status).toBe(0);
        const after = await census(once);
        expect(lost(after, before.entries)).toEqual([]);

        // A formula typed stays that formula; nothing else becomes one.
        const formulas = await formulasOf(once, "Axe I");
        for (const [ref, d] of Object.entries(cells))
          expect([ref, formulas.has(address(ref))]).toEqual([ref, d.formula !== undefined]);

        const twice = at(`tire-${n}-b.xlsx`);
        expect((await ctg("refresh", once, "--out", twice)).status).toBe(0);
        const again = await census(twice);
        expect(lost(again, before.entries)).toEqual([]);
        expect(again.entries).toHaveLength(after.entries.length);
        expect(again.archives).toHaveLength(after.archives.length);
      }
    ),
    { numRuns: 25, seed: 20261206 }
  );
});

it("merges every cell drawn in a partner's return, or journals it, whatever it holds", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.dictionary(fc.constantFrom(...CELLS), drawn, { minKeys: 1, maxKeys: CELLS.length }),
      async (cells) => {
        const n = ++serial;
        const ret = await setXmlCells(
          partner,
          at(`retour-${n}.xlsx`),
          "Axe I",
          Object.fromEntries(Object.entries(cells).map(([ref, d]) => [ref, d.cell]))
        );
        const returned = await census(ret);
        expect(returned.entries).toHaveLength(Object.values(cells).filter((d) => !d.blank).length);
        const out = at(`fusion-${n}.xlsx`);
        const merged = await ctg("merge", master, ret, "--out", out);
        expect(merged.status).toBe(0);
        expect(lost(await census(out), returned.entries)).toEqual([]);
      }
    ),
    { numRuns: 15, seed: 20261206 }
  );
});
