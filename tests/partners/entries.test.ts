import fc from "fast-check";
import type { RawEntry } from "../../src/domain/engine/types";
import type { Plan } from "../../src/domain/plan/schema";
import { buildWorkbook } from "../../src/domain/workbook/build";
import {
  entryCellValue,
  normalizeFormula,
  placeEntries,
  readEntries,
  type Entry,
} from "../../src/domain/workbook/entries";
import {
  buildArchivesSheet,
  buildJournalSheet,
  readArchives,
  readJournal,
  type ArchiveRecord,
  type JournalRecord,
} from "../../src/domain/workbook/logSheets";
import type { WorkbookModel } from "../../src/domain/workbook/model";
import { serialToIso } from "../../src/domain/workbook/units";
import { readState, rebuildWorkbook } from "../../src/domain/workbook/update";
import {
  GEN,
  SMALL_REFS,
  anyValue,
  clone,
  gridOf,
  isBlank,
  locate,
  same,
  seedPlan,
  smallPlan,
  typeAt,
  valueAt,
  whereIs,
  type Grid,
} from "./helpers";

/**
 * Entries: what people typed in input cells, found again by sheet, row id and column header, never
 * the generator's defaults; put back on a new structure, or orphaned (never dropped). The two logs
 * (Archives, Journal des imports) read back leniently.
 */

const plan = smallPlan(SMALL_REFS);
const master = buildWorkbook(plan, GEN);
const partner = buildWorkbook(plan, { ...GEN, partner: "CAF" });

/** Every unlocked (yellow) cell of a model: sheet name, row, column, and the generator's content. */
function unlockedCells(model: WorkbookModel) {
  const out: Array<{
    sheet: string;
    r: number;
    c: number;
    value: RawEntry;
    formula: boolean;
    date: boolean;
  }> = [];
  for (const sheet of model.sheets)
    sheet.cells.forEach((line, r) =>
      line.forEach((cell, c) => {
        if (!cell?.style || model.styles[cell.style].unlocked !== true) return;
        const v = cell.value;
        out.push({
          sheet: sheet.name,
          r,
          c,
          formula: v?.kind === "formula",
          date: cell.format === "date" || cell.format === "shortDate",
          value: !v
            ? null
            : v.kind === "text" || v.kind === "link"
              ? v.text
              : v.kind === "date"
                ? v.iso
                : v.kind === "formula"
                  ? null
                  : v.value,
        });
      })
    );
  return out;
}

const serial = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y!, m! - 1, d!) / 86_400_000 + 25_569;
};

/** Whether a typed value is what the generator put there (then it is not an entry). */
function isDefaultValue(typed: RawEntry, cell: { value: RawEntry; formula: boolean }): boolean {
  if (cell.formula) return false;
  if (
    typeof cell.value === "string" &&
    /^\d{4}-\d{2}-\d{2}$/.test(cell.value) &&
    typeof typed === "number"
  )
    return same(typed, serial(cell.value));
  return cell.value === null ? isBlank(typed) : same(typed, cell.value);
}

const key = (e: { sheet: string; key: string; column: string }) =>
  `${e.sheet}|${e.key}|${e.column}`;

describe("readEntries", () => {
  it("finds nothing in a workbook just generated (defaults are not entries)", () => {
    expect(readEntries(master, gridOf(master))).toEqual([]);
    expect(readEntries(partner, gridOf(partner))).toEqual([]);
    const full = buildWorkbook(seedPlan, GEN);
    expect(readEntries(full, gridOf(full))).toEqual([]);
  });

  it("has input cells only on the axis sheets, the Échéancier, the Écarts and the Paramètres", () => {
    const sheets = new Set(unlockedCells(master).map((c) => c.sheet));
    expect([...sheets].sort()).toEqual(
      ["Axe I", "Axe II", "Axe III", "Axe IV", "Échéancier", "Écarts", "Paramètres"].sort()
    );
  });

  it("gives back exactly what was typed in the input cells, by sheet, row id and column header, and puts it back", () => {
    for (const model of [master, partner]) {
      const cells = unlockedCells(model);
      fc.assert(
        fc.property(
          fc.array(fc.record({ cell: fc.nat(), value: anyValue }), { maxLength: 40 }),
          (typing) => {
            const grid = gridOf(model);
            const typed = new Map<string, { at: (typeof cells)[number]; value: RawEntry }>();
            for (const t of typing) {
              const at = cells[t.cell % cells.length]!;
              typeAt(grid, at.sheet, at.r, at.c, t.value);
              typed.set(`${at.sheet},${at.r},${at.c}`, { at, value: t.value });
            }
            const expected = new Map<string, { value: RawEntry; label: string }>();
            for (const { at, value } of typed.values()) {
              if (isBlank(value) || isDefaultValue(value, at)) continue;
              const where = whereIs(grid, at.sheet, at.r, at.c);
              // A whole number in a date cell is a date (Office.js reads a date as its serial).
              const asDate =
                at.date && typeof value === "number" && Number.isInteger(value) && value > 0
                  ? serialToIso(value)
                  : value;
              expected.set(key({ sheet: at.sheet, ...where }), {
                value: asDate,
                label: where.label,
              });
            }
            const entries = readEntries(model, grid);
            expect(new Set(entries.map(key)).size).toBe(entries.length);
            expect(entries.map(key).sort()).toEqual([...expected.keys()].sort());
            for (const e of entries) {
              const x = expected.get(key(e))!;
              expect(same(e.value, x.value)).toBe(true);
              expect(e.label).toBe(x.label);
            }
            // Put back on a fresh model: the same values in the same cells, read back the same.
            const placed = placeEntries(model, entries);
            expect(placed.orphans).toEqual([]);
            expect(placed.placed).toHaveLength(entries.length);
            const again = gridOf(placed.model);
            for (const e of entries) {
              expect(same(valueAt(again, e.sheet, e.key, e.column), e.value)).toBe(true);
              const at = locate(again, e.sheet, e.key, e.column)!;
              expect(again.get(e.sheet)!.formulas.has(`${at.r},${at.c}`)).toBe(false);
            }
            // Read with the structure's model (a placed value is an entry, not a default).
            expect(readEntries(model, again).map(key).sort()).toEqual(entries.map(key).sort());
          }
        ),
        { numRuns: 60, seed: 11 }
      );
    }
  });

  it("finds an entry by its column header when columns were moved (a coordinator's file read leniently)", () => {
    const grid = gridOf(master);
    const id = "I.A.1-RES-1";
    const at = locate(grid, "Axe I", id, "Commentaire")!;
    typeAt(grid, "Axe I", at.r, at.c, "comptage fait en juin");
    const src = locate(grid, "Axe I", id, "Source")!;
    typeAt(grid, "Axe I", src.r, src.c, "Bilan CAF");
    // Swap the Commentaire and Source columns, header included.
    const sheet = grid.get("Axe I")!;
    for (const row of sheet.rows) [row[at.c], row[src.c]] = [row[src.c] ?? null, row[at.c] ?? null];
    const entries = readEntries(master, grid);
    expect(entries.map((e) => [e.key, e.column, e.value])).toEqual([
      [id, "Source", "Bilan CAF"],
      [id, "Commentaire", "comptage fait en juin"],
    ]);
  });

  it("keeps the entries of a row the model does not know (for the Archives), never drops them", () => {
    const grid = gridOf(master);
    const at = locate(grid, "Axe I", "I.A.1-RES-1", "2023")!;
    typeAt(grid, "Axe I", at.r, at.c, 14);
    typeAt(grid, "Axe I", at.r, 0, "I.Z.9-RES-1"); // an id the plan does not have
    const entries = readEntries(master, grid);
    expect(entries).toContainEqual(
      expect.objectContaining({ sheet: "Axe I", key: "I.Z.9-RES-1", column: "2023", value: 14 })
    );
    // Without a row of the model, the generator's defaults of that row are not known: kept too.
    expect(entries.every((e) => e.key === "I.Z.9-RES-1")).toBe(true);
    const placed = placeEntries(master, entries);
    expect(placed.placed).toEqual([]);
    expect(placed.orphans).toEqual(entries.map((entry) => ({ entry, reason: "removed" })));
  });

  it("reads a typed evaluation date over the TODAY() formula, and not the formula itself", () => {
    const grid = gridOf(master);
    expect(readEntries(master, grid)).toEqual([]);
    const params = grid.get("Paramètres")!;
    // The same formula as written back by a spreadsheet: `=today()` with spaces.
    params.formulas.set("2,1", "= today( )");
    params.rows[2]![1] = 46_000;
    expect(readEntries(master, grid)).toEqual([]);
    typeAt(grid, "Paramètres", 2, 1, "2024-06-15");
    expect(readEntries(master, grid)).toEqual([
      expect.objectContaining({
        sheet: "Paramètres",
        key: "Date d'évaluation",
        column: "#1",
        value: "2024-06-15",
      }),
    ]);
  });
});

describe("placeEntries", () => {
  it("writes text as text, never as a formula, whatever it starts with", () => {
    const texts = [
      "=SOMME(A1:A3)",
      "+ de 3",
      "-10 places",
      "@mairie",
      '=HYPERLINK("http://x","y")',
    ];
    const grid = gridOf(master);
    const cols = ["Commentaire", "Source", "2021", "2022", "2023"];
    const entries: Entry[] = texts.map((t, i) => ({
      sheet: "Axe I",
      key: "I.A.1-RES-1",
      column: cols[i]!,
      label: whereIs(grid, "Axe I", locate(grid, "Axe I", "I.A.1-RES-1", "2021")!.r, 0).label,
      value: t,
    }));
    const placed = placeEntries(master, entries);
    expect(placed.orphans).toEqual([]);
    const sheet = placed.model.sheets.find((s) => s.name === "Axe I")!;
    const at = locate(gridOf(placed.model), "Axe I", "I.A.1-RES-1", "2021")!;
    const values = sheet.cells[at.r]!.map((c) => c?.value).filter((v) => v?.kind === "text");
    for (const t of texts) expect(values).toContainEqual({ kind: "text", text: t });
    expect(entryCellValue("=1+1", { value: null, style: "input" })).toEqual({
      kind: "text",
      text: "=1+1",
    });
    expect(entryCellValue("2022-03-01", { value: null, style: "input", format: "date" })).toEqual({
      kind: "date",
      iso: "2022-03-01",
    });
    expect(entryCellValue("2022-03-01", { value: null, style: "input" })).toEqual({
      kind: "text",
      text: "2022-03-01",
    });
  });

  it("orphans what has no place: a removed indicator, a reworded one, a year gone, a second value for one cell", () => {
    const v2: Plan = clone(plan);
    const actionA = v2.axes[0]!.objectives[0]!.actions[0]!;
    const removed = actionA.indicators.shift()!;
    const reworded = actionA.indicators[0]!;
    const oldText = reworded.text;
    reworded.text = `${oldText} (nouvelle formulation)`;
    v2.years = { start: plan.years.start + 1, end: plan.years.end + 1 };
    const next = buildWorkbook(v2, GEN);
    const e = (k: string, column: string, label: string, value: RawEntry): Entry => ({
      sheet: "Axe I",
      key: k,
      column,
      label,
      value: value as string | number,
    });
    const kept = actionA.indicators[1]!;
    const entries = [
      e(removed.id, "2022", removed.text, 3),
      e(reworded.id, "2022", oldText, 4),
      e(kept.id, String(plan.years.start), kept.text, 5),
      e(kept.id, "2022", kept.text, 6),
      e(kept.id, "2022", kept.text, 7),
      e(kept.id, "Commentaire", kept.text, "vu en comité"),
    ];
    const placed = placeEntries(next, entries);
    expect(placed.orphans.map((o) => [o.entry.value, o.reason])).toEqual([
      [3, "removed"],
      [4, "renamed"],
      [5, "column_removed"],
      [7, "column_removed"],
    ]);
    expect(placed.placed.map((x) => x.value)).toEqual([6, "vu en comité"]);
    // Wording compared without case, accents, punctuation or spacing: not a rewording.
    const sameWords = placeEntries(next, [e(kept.id, "2022", kept.text.toUpperCase() + " !", 8)]);
    expect(sameWords.orphans).toEqual([]);
  });

  it("does not change the model it is given", () => {
    const before = JSON.stringify(master);
    placeEntries(master, [
      { sheet: "Axe I", key: "I.A.1-RES-1", column: "2022", label: "", value: 3 },
    ]);
    expect(JSON.stringify(master)).toBe(before);
  });
});

describe("normalizeFormula: a formula as a spreadsheet writes it back", () => {
  it("accepts what Excel and LibreOffice change on saving", () => {
    const pairs: Array<[string, string]> = [
      ["'Paramètres'!$B$3", "Paramètres!B3"],
      ['IF(AND(TRIM(R6)="",NOT(FALSE)),1,0)', 'IF(AND(TRIM(R6)="",NOT(FALSE())),1,0)'],
      ['IF(TRUE,"Atteint","À renseigner")', 'if(true(), "Atteint", "À renseigner")'],
      ["(R6-K6)>=-1E-9", "(R6-K6)>=-0.000000001"],
      ["_xlfn.IFS(A1>0.5,1)", "IFS(A1>.5,1)"],
      [
        "SUMIF('Récapitulatif'!$B$5:$B$29,A14,'Récapitulatif'!$K$5:$K$29)",
        "SUMIF(Récapitulatif!B5:B29,A14,Récapitulatif!K5:K29)",
      ],
      ["'Axe I'!A1+'L''été'!B2", "'Axe I'!A1 + 'L''été'!B2"],
      ["=TODAY()", "today()"],
    ];
    for (const [a, b] of pairs) expect(normalizeFormula(a)).toBe(normalizeFormula(b));
  });

  it("still sees a real change: a reference, a number, a word, a function", () => {
    const base = 'IF(R5>=12,"Atteint","En cours")';
    for (const changed of [
      'IF(R6>=12,"Atteint","En cours")',
      'IF(R5>=13,"Atteint","En cours")',
      'IF(R5>=12,"Atteint","Non atteint")',
      'IF(R5>=12,"atteint","En cours")',
      'IF(R5>12,"Atteint","En cours")',
      'IFERROR(R5>=12,"Atteint")',
      "12",
    ])
      expect(normalizeFormula(changed)).not.toBe(normalizeFormula(base));
    expect(normalizeFormula("A1+B22")).not.toBe(normalizeFormula("A12+B2"));
    expect(normalizeFormula("Paramètres!B3")).not.toBe(normalizeFormula("Paramètres!B4"));
    expect(normalizeFormula("'Axe I'!A1")).not.toBe(normalizeFormula("'Axe II'!A1"));
  });
});

// ------------------------------------------------------------------------------------------------

const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom("=SOMME(A1)", "+3", "-2", "@x", "2023", "1.0.0", "29/11/2026 14:03")
);
const nonEmpty = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== "");
const value = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -100, max: 100_000 }),
  fc.integer({ min: 0, max: 400 }).map((n) => n / 100),
  fc.boolean(),
  nonEmpty,
  fc.constantFrom("=SOMME(A1)", "+ de 3", "-2", "@mairie")
);
const archive: fc.Arbitrary<ArchiveRecord> = fc.record({
  archivedOn: nonEmpty,
  planVersion: text,
  sheet: text,
  id: text,
  label: text,
  column: text,
  value,
  reason: text,
});
const journalRecord: fc.Arbitrary<JournalRecord> = fc.record({
  at: nonEmpty,
  file: text,
  partner: text,
  sheet: text,
  id: text,
  label: text,
  column: text,
  sentValue: value,
  masterValue: value,
  returnedValue: value,
  outcome: text,
  detail: text,
});

function rowsOf(sheet: ReturnType<typeof buildArchivesSheet>): RawEntry[][] {
  const grid: Grid = gridOf({ ...master, sheets: [sheet] });
  return grid.get(sheet.name)!.rows;
}

describe("Archives and Journal des imports", () => {
  it("read back every record as written (numbers, booleans, empty values, text starting with =)", () => {
    fc.assert(
      fc.property(
        fc.array(archive, { minLength: 1, maxLength: 8 }),
        fc.array(journalRecord, { minLength: 1, maxLength: 8 }),
        (a, j) => {
          expect(readArchives(rowsOf(buildArchivesSheet(a)))).toEqual(a);
          expect(readJournal(rowsOf(buildJournalSheet(j)))).toEqual(j);
        }
      ),
      { numRuns: 80, seed: 3 }
    );
  });

  it("read leniently: moved columns, notes added beside a row, blank rows, an empty log", () => {
    const records: ArchiveRecord[] = [
      {
        archivedOn: "29/11/2026",
        planVersion: "1.0.0",
        sheet: "Axe I",
        id: "I.A.1-RES-1",
        label: "à minima 12 enfants",
        column: "2023",
        value: 14,
        reason: "indicateur retiré",
      },
      {
        archivedOn: "29/11/2026",
        planVersion: "1.0.0",
        sheet: "Axe II",
        id: "II.A.1-REA-1",
        label: "un jalon",
        column: "Commentaire",
        value: "=vu",
        reason: "indicateur retiré",
      },
    ];
    const rows = rowsOf(buildArchivesSheet(records)).map((r) => [...r]);
    // The coordinator swaps two columns, adds a note after the last one, and a blank row.
    for (const row of rows) [row[1], row[2]] = [row[2] ?? null, row[1] ?? null];
    rows[4]![10] = "vérifié avec la CAF";
    rows.splice(5, 0, [null, "", "  "]);
    const read = readArchives(rows);
    expect(read).toEqual([
      { ...records[0], reason: "indicateur retiré ; vérifié avec la CAF" },
      records[1],
    ]);
    expect(readArchives([])).toEqual([]);
    expect(readJournal(rowsOf(buildJournalSheet([])))).toEqual([]);
    expect(readArchives(rowsOf(buildArchivesSheet([])))).toEqual([]);
  });
});

describe("rebuildWorkbook", () => {
  it("keeps the Archives and the Journal, appends new archives, and puts the Archives before the Journal", () => {
    const grid = gridOf(master);
    const put = (k: string, column: string, v: RawEntry) => {
      const at = locate(grid, "Axe I", k, column)!;
      typeAt(grid, "Axe I", at.r, at.c, v);
    };
    const first = plan.axes[0]!.objectives[0]!.actions[0]!.indicators;
    put(first[0]!.id, "2022", 11);
    put(first[1]!.id, "Commentaire", "=à voir");
    const journal: JournalRecord[] = [
      {
        at: "01/10/2026 10:00",
        file: "retour.xlsx",
        partner: "CAF",
        sheet: "",
        id: "",
        label: "",
        column: "",
        sentValue: null,
        masterValue: null,
        returnedValue: null,
        outcome: "Retour fusionné",
        detail: "",
      },
    ];
    const state = { ...readState(master, grid), journal };
    expect(state.entries).toHaveLength(2);
    const v2: Plan = clone(plan);
    v2.version = "1.1.0";
    v2.axes[0]!.objectives[0]!.actions[0]!.indicators.shift();
    const one = rebuildWorkbook(v2, GEN, state, { previousVersion: "1.0.0", on: "2026-11-29" });
    expect(one.placed.map((e) => e.value)).toEqual(["=à voir"]);
    expect(one.archived).toEqual([
      {
        archivedOn: "29/11/2026",
        planVersion: "1.0.0",
        sheet: "Axe I",
        id: first[0]!.id,
        label: first[0]!.text,
        column: "2022",
        value: 11,
        reason: "indicateur (ou action) absent de la nouvelle version du plan",
      },
    ]);
    const names = one.model.sheets.map((s) => s.name);
    expect(names.slice(-2)).toEqual(["Archives", "Journal des imports"]);
    const structure = buildWorkbook(v2, GEN);
    const back = readState(structure, gridOf(one.model));
    expect(back.archives).toEqual(one.archived);
    expect(back.journal).toEqual(journal);
    expect(back.entries.map((e) => e.value)).toEqual(["=à voir"]);
    // A second regeneration (same plan): nothing more archived, both logs kept.
    const two = rebuildWorkbook(v2, GEN, back, { previousVersion: "1.1.0", on: "2026-12-01" });
    expect(two.archived).toEqual([]);
    const again = readState(structure, gridOf(two.model));
    expect(again).toEqual(back);
    // A third version removes the reworded-comment's indicator: archived after the first one.
    const v3: Plan = clone(v2);
    v3.version = "1.2.0";
    v3.axes[0]!.objectives[0]!.actions[0]!.indicators.shift();
    const three = rebuildWorkbook(v3, GEN, again, { previousVersion: "1.1.0", on: "2026-12-02" });
    expect(three.archived.map((a) => [a.id, a.value, a.planVersion])).toEqual([
      [first[1]!.id, "=à voir", "1.1.0"],
    ]);
    const last = readState(buildWorkbook(v3, GEN), gridOf(three.model));
    expect(last.archives).toEqual([...one.archived, ...three.archived]);
    expect(last.journal).toEqual(journal);
    expect(last.entries).toEqual([]);
  });
});
