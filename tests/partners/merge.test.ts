import type { RawEntry } from "../../src/domain/engine/types";
import { formatMessage } from "../../src/domain/messages";
import { mergeReturns, type ReturnInput } from "../../src/domain/merge/merge";
import { verifyReturn } from "../../src/domain/merge/verify";
import { buildWorkbook } from "../../src/domain/workbook/build";
import type { Entry } from "../../src/domain/workbook/entries";
import { META_SCHEMA, type StoredMeta } from "../../src/domain/workbook/meta";
import type { WorkbookModel } from "../../src/domain/workbook/model";
import {
  AT,
  GEN,
  SMALL_REFS,
  copyGrid,
  gridOf,
  locate,
  smallPlan,
  typeAt,
  type Grid,
} from "./helpers";

/**
 * The rules of a merge and of the check of a return, on models (no file): what is merged, what is a
 * conflict, who wins, what is refused and why.
 */

const plan = smallPlan(SMALL_REFS);
const master = buildWorkbook(plan, GEN);
const caf = buildWorkbook(plan, { ...GEN, partner: "CAF" });
const origin = { planId: plan.id, planVersion: plan.version };

const meta = (m: WorkbookModel, changes: Partial<StoredMeta> = {}): StoredMeta => ({
  schema: META_SCHEMA,
  ...m.meta,
  partner: m.meta.partner ?? "",
  ...changes,
});

function type(grid: Grid, sheet: string, key: string, column: string, value: RawEntry): Grid {
  const at = locate(grid, sheet, key, column);
  if (!at) throw new Error(`no ${key} ${column} in ${sheet}`);
  typeAt(grid, sheet, at.r, at.c, value);
  return grid;
}

const input = (
  file: string,
  m: WorkbookModel,
  grid: Grid,
  changes: Partial<StoredMeta> = {}
): ReturnInput => ({
  file,
  workbook: { meta: meta(m, changes), sheets: grid },
});

const entry = (key: string, column: string, value: string | number, sheet = "Axe I"): Entry => ({
  sheet,
  key,
  column,
  label: "",
  value,
});

const options = { at: AT, generatorVersion: GEN.generatorVersion };

describe("mergeReturns", () => {
  it("adds to an empty cell, ignores the same value, and keeps the master's on a conflict", () => {
    const grid = gridOf(caf);
    type(grid, "Axe I", "I.A.1-RES-1", "2022", 16);
    type(grid, "Axe I", "I.A.1-RES-1", "2023", 12);
    type(grid, "Axe I", "I.A.1-RES-1", "Commentaire", "  vu en comité ");
    const result = mergeReturns(
      plan,
      {
        ...origin,
        entries: [
          entry("I.A.1-RES-1", "2022", 15),
          entry("I.A.1-RES-1", "Commentaire", "vu en comité"),
        ],
      },
      [input("retour.xlsx", caf, grid)],
      options
    );
    const r = result.returns[0]!;
    expect(r).toMatchObject({ merged: true, added: 1, same: 1, conflicts: 1, invalid: 0 });
    expect(result.entries.map((e) => [e.column, e.value])).toEqual([
      ["2022", 15],
      ["Commentaire", "vu en comité"],
      ["2023", 12],
    ]);
    expect(
      result.journal.map((j) => [j.id, j.column, j.masterValue, j.returnedValue, j.outcome])
    ).toEqual([
      ["", "", null, null, "Retour fusionné"],
      ["I.A.1-RES-1", "2022", 15, 16, "Conflit : valeur du classeur gardée"],
      ["I.A.1-RES-1", "2023", null, 12, "Ajoutée"],
    ]);
    expect(result.journal[0]!.detail).toBe(
      "1 saisie(s) ajoutée(s), 1 identique(s), 1 conflit(s), 0 saisie(s) invalide(s) reprise(s) telles quelles. Ce classeur ne dit pas quelles valeurs il a reçues (préparé par une version antérieure) : toute valeur différente de celle du classeur maître est un conflit."
    );
    expect(result.journal[0]!.at).toBe("29/11/2026 14:03");
  });

  it("takes the returned value with prefer return, or by a choice per conflict (which wins over prefer)", () => {
    const grid = gridOf(caf);
    type(grid, "Axe I", "I.A.1-RES-1", "2022", 16);
    type(grid, "Axe I", "I.A.1-RES-1", "2023", 13);
    const masterEntries = [entry("I.A.1-RES-1", "2022", 15), entry("I.A.1-RES-1", "2023", 10)];
    const returns = [input("retour.xlsx", caf, grid)];
    const all = mergeReturns(plan, { ...origin, entries: masterEntries }, returns, {
      ...options,
      prefer: "return",
    });
    expect(all.entries.map((e) => e.value)).toEqual([16, 13]);
    expect(all.journal.filter((j) => j.id !== "").map((j) => [j.masterValue, j.outcome])).toEqual([
      [15, "Conflit : valeur renvoyée retenue"],
      [10, "Conflit : valeur renvoyée retenue"],
    ]);
    const ids = all.returns[0]!.changes.map((c) => c.id);
    const chosen = mergeReturns(plan, { ...origin, entries: masterEntries }, returns, {
      ...options,
      prefer: "return",
      choices: new Map([[ids[0]!, "master"]]),
    });
    expect(chosen.entries.map((e) => e.value)).toEqual([15, 13]);
    expect(chosen.returns[0]!.changes.map((c) => c.outcome)).toEqual([
      "conflict_kept_master",
      "conflict_took_return",
    ]);
  });

  it("merges bad entries as they are and reports them with the engine's French message", () => {
    const grid = gridOf(caf);
    type(grid, "Axe I", "I.A.1-RES-1", "2022", "environ 10");
    type(grid, "Axe I", "I.A.1-RES-1", "2023", -3);
    type(grid, "Axe I", "I.A.1-RES-1", "2024", 12.5);
    type(grid, "Axe I", "I.C.5-RES-1", "2022", 1.5);
    type(grid, "Axe I", "I.A.1-REA-1", "2022", "peut-être");
    type(grid, "Axe I", "I.A.4-RES-2", "Référence", "beaucoup");
    const result = mergeReturns(
      plan,
      { ...origin, entries: [] },
      [input("r.xlsx", caf, grid)],
      options
    );
    const r = result.returns[0]!;
    expect(r).toMatchObject({ merged: true, added: 6, invalid: 6 });
    const problems = Object.fromEntries(
      r.changes.map((c) => [
        `${c.key} ${c.column}`,
        [c.problem?.code, c.problem ? formatMessage(c.problem) : ""],
      ])
    );
    expect(problems["I.C.5-RES-1 2022"]![0]).toBe("entry.percent_above_100");
    expect(problems["I.A.1-RES-1 2023"]![0]).toBe("entry.negative");
    expect(problems["I.A.1-RES-1 2024"]![0]).toBe("entry.decimal_count");
    for (const [code, text] of Object.values(problems)) {
      expect(code).toMatch(/^entry\./);
      expect(text).toMatch(/[a-zé]{3}/);
    }
    // In the order of the sheet's rows.
    expect(result.entries.map((e) => e.value)).toEqual([
      "peut-être",
      "environ 10",
      -3,
      12.5,
      "beaucoup",
      1.5,
    ]);
    const detail = result.journal.find((j) => j.id === "I.C.5-RES-1")!.detail;
    expect(detail).toBe(problems["I.C.5-RES-1 2022"]![1]);
  });

  it("does not take a return's settings (Paramètres): they belong to the master", () => {
    const grid = gridOf(caf);
    typeAt(grid, "Paramètres", 2, 1, "2030-01-01");
    type(grid, "Axe I", "I.A.1-RES-1", "2022", 4);
    const result = mergeReturns(
      plan,
      { ...origin, entries: [] },
      [input("r.xlsx", caf, grid)],
      options
    );
    expect(result.entries.map((e) => [e.sheet, e.value])).toEqual([["Axe I", 4]]);
  });

  it("merges a whole workbook's return (no partner) for every row, and in order: a later return conflicts with an earlier one", () => {
    const a = type(gridOf(master), "Axe II", "II.B.2-RES-1", "2022", 2);
    const b = type(gridOf(master), "Axe II", "II.B.2-RES-1", "2022", 3);
    const result = mergeReturns(
      plan,
      { ...origin, entries: [] },
      [input("a.xlsx", master, a), input("b.xlsx", master, b)],
      options
    );
    expect(result.returns.map((r) => [r.partner, r.added, r.conflicts])).toEqual([
      ["", 1, 0],
      ["", 0, 1],
    ]);
    expect(result.entries.map((e) => e.value)).toEqual([2]);
  });

  it("refuses a return of another plan, another version, or an unknown partner (in that order), and merges nothing of it", () => {
    const grid = type(gridOf(caf), "Axe I", "I.A.1-RES-1", "2022", 16);
    const cases: Array<[Partial<StoredMeta>, string]> = [
      [{ planId: "autre-plan", partner: "Zorglub" }, "merge.other_plan"],
      [{ planVersion: "2.0.0", partner: "Zorglub" }, "merge.other_version"],
      [{ partner: "Zorglub" }, "merge.unknown_partner"],
      [{ partner: "CSC" }, "merge.fingerprint"],
    ];
    for (const [changes, code] of cases) {
      const result = mergeReturns(
        plan,
        { ...origin, entries: [] },
        [input("r.xlsx", caf, grid, changes)],
        options
      );
      expect(result.returns[0]!.merged).toBe(false);
      expect(result.returns[0]!.problems[0]!.code).toBe(code);
      expect(result.entries).toEqual([]);
      expect(result.journal.map((j) => j.outcome)).toEqual(["Retour refusé"]);
      expect(
        result.journal[0]!.detail.startsWith(formatMessage(result.returns[0]!.problems[0]!))
      ).toBe(true);
    }
  });
});

describe("verifyReturn", () => {
  const fresh = gridOf(caf);
  const verify = (grid: Grid, m: WorkbookModel = caf) =>
    verifyReturn(m, { meta: meta(m), sheets: grid }, origin);

  it("accepts an untouched return, and one whose formulas a spreadsheet rewrote", () => {
    expect(verify(fresh)).toEqual({ ok: true, problems: [], warnings: [] });
    const rewritten = copyGrid(fresh);
    for (const sheet of rewritten.values())
      for (const [k, f] of sheet.formulas)
        sheet.formulas.set(
          k,
          f
            .replace(/'(Paramètres|Récapitulatif)'!/g, "$1!")
            .replace(/\bTRUE\b(?!\()/g, "TRUE()")
            .replace(/\bFALSE\b(?!\()/g, "FALSE()")
            .replace(/1E-9/g, "0.000000001")
            // Function names and references in lower case, string literals as they are.
            .split(/("(?:[^"]|"")*")/)
            .map((part, i) => (i % 2 === 1 ? part : part.toLowerCase()))
            .join("")
        );
    expect(verify(rewritten).ok).toBe(true);
  });

  it("warns, without refusing, when protection was removed and no locked cell changed; and about an added sheet", () => {
    const grid = copyGrid(fresh);
    grid.get("Axe I")!.protected = false;
    type(grid, "Axe I", "I.A.1-RES-1", "2022", 3);
    grid.set("Mes notes", {
      name: "Mes notes",
      rows: [["note"]],
      formulas: new Map(),
      protected: false,
    });
    const v = verify(grid);
    expect(v.ok).toBe(true);
    expect(v.warnings.map((w) => formatMessage(w))).toEqual([
      "la protection de l'onglet « Axe I » a été retirée (aucune cellule protégée n'a été modifiée)",
      "un onglet « Mes notes » a été ajouté (il n'est pas repris)",
    ]);
  });

  it("refuses a locked cell changed, even an empty one, or content typed beside the tables", () => {
    const cases: Array<[string, (g: Grid) => void]> = [
      [
        "formula replaced by its value",
        (g) => {
          const s = g.get("Axe I")!;
          const [k] = [...s.formulas.keys()];
          const [r, c] = k!.split(",").map(Number);
          s.formulas.delete(k!);
          s.rows[r!]![c!] = "Atteint";
        },
      ],
      [
        "formula changed",
        (g) => {
          const s = g.get("Axe I")!;
          const [k, f] = [...s.formulas.entries()].find(([, x]) => x.includes("2021"))!;
          s.formulas.set(k, f.replace(/2021/g, "2022"));
        },
      ],
      ["target text", (g) => type(g, "Axe I", "I.A.1-RES-1", "Cible", "≥ 1 enfant / an")],
      [
        "an empty locked cell (the baseline of a count)",
        (g) => type(g, "Axe I", "I.A.1-RES-1", "Référence", 10),
      ],
      [
        "an empty locked cell (a target value)",
        (g) => type(g, "Axe I", "I.A.1-IMP-1", "Valeur cible", 3),
      ],
      ["beside a table", (g) => typeAt(g, "Axe I", 6, 60, "note hors tableau")],
      [
        "on a sheet without header, below what was generated",
        (g) => typeAt(g, "Paramètres", 40, 0, "note"),
      ],
      ["the Récapitulatif", (g) => typeAt(g, "Récapitulatif", 5, 1, "autre objectif")],
      // The Sommaire's own text is not compared (it says when the file was made), a note added is.
      ["a note beside the Sommaire", (g) => typeAt(g, "Sommaire", 2, 7, "note au coordinateur")],
    ];
    for (const [what, change] of cases) {
      const grid = copyGrid(fresh);
      grid.get("Axe I")!.protected = false;
      change(grid);
      const v = verify(grid);
      expect([what, v.ok]).toEqual([what, false]);
      expect([what, v.problems.map((p) => p.code)]).toEqual([what, ["merge.locked_changed"]]);
    }
  });

  it("says which kind of change: columns (header row), rows or ids (id column), rows added below", () => {
    const header = copyGrid(fresh);
    type(header, "Axe I", "I.A.1-RES-1", "2022", 1);
    const h = header.get("Axe I")!;
    [h.rows[3]![23], h.rows[3]![24]] = [h.rows[3]![24] ?? null, h.rows[3]![23] ?? null];
    expect(verify(header).problems.map((p) => p.code)).toEqual([
      "merge.columns_altered",
      "merge.columns_altered",
    ]);
    const id = copyGrid(fresh);
    id.get("Axe I")!.rows[5]![0] = "I.A.1-XXX";
    expect(verify(id).problems.map((p) => formatMessage(p))).toEqual([
      "onglet « Axe I », cellule A6 : lignes insérées, supprimées ou déplacées, ou identifiant modifié (« I.A.1-REA-2 » attendu, « I.A.1-XXX » trouvé)",
    ]);
    const below = copyGrid(fresh);
    const rows = below.get("Axe I")!.rows;
    typeAt(below, "Axe I", rows.length + 2, 0, "I.A.1-RES-9");
    expect(verify(below).problems.map((p) => p.code)).toEqual(["merge.rows_added"]);
  });

  it("lists three problems per sheet, then how many more", () => {
    const grid = copyGrid(fresh);
    const s = grid.get("Axe I")!;
    for (let r = 4; r < 14; r++) s.rows[r]![6] = `changé ${r}`;
    const v = verify(grid);
    expect(v.problems.map((p) => p.code)).toEqual([
      "merge.locked_changed",
      "merge.locked_changed",
      "merge.locked_changed",
      "merge.more_changes",
    ]);
    expect(formatMessage(v.problems[3]!)).toBe(
      "onglet « Axe I » : et 7 autre(s) cellule(s) protégée(s) modifiée(s)"
    );
  });

  it("does not mind what changed on the Sommaire (dates, versions of the generator)", () => {
    const grid = copyGrid(fresh);
    typeAt(grid, "Sommaire", 1, 0, "Classeur préparé pour : la CAF");
    expect(verify(grid).ok).toBe(true);
  });
});
