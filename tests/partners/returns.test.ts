import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { openWorkbook } from "../../src/cli/workflow";
import { partnerActions } from "../../src/domain/plan/partners";
import { axisRows } from "../../src/domain/workbook/axisSheet";
import type { Entry } from "../../src/domain/workbook/entries";
import {
  SMALL_REFS,
  axisSheetWith,
  cellOf,
  ctg,
  inspect,
  loadXlsx,
  rowOf,
  saveXlsx,
  setMeta,
  smallPlan,
  tempDir,
  type CtgResult,
} from "./helpers";

/**
 * `ctg merge` on real files: a partner's return filled like a user would (bad entries, text that
 * looks like a formula, a value over the master's), a return from another partner, and returns
 * altered in every way the issue lists (made with exceljs as a user's spreadsheet would save them):
 * each altered one is refused whole with a French reason, and the master file is never touched.
 */

jest.setTimeout(180_000);

const tmp = tempDir("ctg-returns-");
const at = (name: string) => join(tmp, name);
const plan = smallPlan(SMALL_REFS);
const CAF = partnerActions(plan, "CAF");
const CSC = partnerActions(plan, "CSC");
const refOf = new Map(plan.axes.flatMap((a) => axisRows(a)).map((r) => [r.rowId, r.ref]));

interface JsonReport {
  entries: number;
  journal: number;
  refused: number;
  returns: Array<{
    file: string;
    partner: string;
    merged: boolean;
    problems: Array<{ code: string; message: string }>;
    warnings: Array<{ code: string; message: string }>;
    added: number;
    same: number;
    conflicts: number;
    invalid: number;
    updated: number;
    changes: Array<{
      sheet: string;
      id: string;
      column: string;
      sentValue: unknown;
      masterValue: unknown;
      returnedValue: unknown;
      outcome: string;
      problem: { code: string; message: string } | null;
    }>;
  }>;
}

/** Types into a file like a user: `[sheet (null: the axis sheet of the id), id, column, value]`. */
async function fill(
  from: string,
  to: string,
  values: ReadonlyArray<[string | null, string, string, ExcelJS.CellValue]>,
  alter?: (wb: ExcelJS.Workbook) => void
): Promise<string> {
  const wb = await loadXlsx(from);
  for (const [sheet, id, column, value] of values) {
    const ws = sheet ? wb.getWorksheet(sheet)! : axisSheetWith(wb, id);
    cellOf(ws, id, column).value = value;
  }
  alter?.(wb);
  return saveXlsx(wb, to);
}

/** What the partner typed in a return that must never reach the master from an altered file. */
const SENTINEL: ReadonlyArray<[string | null, string, string, ExcelJS.CellValue]> = [
  [null, "III.A.4-REA-1", "2022", 777],
  [null, "III.A.4-REA-1", "Commentaire", "SENTINELLE"],
];

/** Swaps two whole columns (header included), as a cut and paste would. */
function swapColumns(ws: ExcelJS.Worksheet, a: number, b: number): void {
  for (let r = 1; r <= ws.rowCount; r++) {
    const x = ws.getCell(r, a).value;
    ws.getCell(r, a).value = ws.getCell(r, b).value;
    ws.getCell(r, b).value = x;
  }
}

function columnOf(ws: ExcelJS.Worksheet, header: string): number {
  let col = 0;
  ws.getRow(4).eachCell((c, i) => {
    if (c.value === header) col = i;
  });
  return col;
}

/** Each alteration: what it does to the CAF's file, and the problem codes expected. */
const ALTERATIONS: ReadonlyArray<[string, (wb: ExcelJS.Workbook) => void, string[]]> = [
  ["lignes-supprimees", (wb) => wb.getWorksheet("Axe I")!.spliceRows(7, 1), ["merge.rows_altered"]],
  [
    "ligne-inseree",
    (wb) => wb.getWorksheet("Axe I")!.spliceRows(7, 0, ["I.A.1-RES-9", "ajout"]),
    ["merge.rows_altered"],
  ],
  [
    "lignes-deplacees",
    (wb) => {
      const ws = wb.getWorksheet("Axe I")!;
      const [a, b] = [ws.getRow(6), ws.getRow(7)];
      const [va, vb] = [a.values, b.values];
      a.values = vb;
      b.values = va;
    },
    ["merge.rows_altered"],
  ],
  [
    "ligne-ajoutee-dessous",
    (wb) => {
      const ws = wb.getWorksheet("Axe I")!;
      const r = ws.rowCount + 1;
      ws.getCell(r, 1).value = "I.A.1-RES-9";
      ws.getCell(r, 18).value = 4;
    },
    ["merge.rows_added"],
  ],
  [
    "ligne-echeancier-supprimee",
    (wb) =>
      wb.getWorksheet("Échéancier")!.spliceRows(rowOf(wb.getWorksheet("Échéancier")!, "I.A.4"), 1),
    ["merge.rows_altered"],
  ],
  [
    "colonne-supprimee",
    (wb) => wb.getWorksheet("Axe I")!.spliceColumns(24, 1),
    ["merge.columns_altered"],
  ],
  [
    "colonne-inseree",
    (wb) => wb.getWorksheet("Axe I")!.spliceColumns(5, 0, []),
    ["merge.columns_altered"],
  ],
  [
    "colonnes-deplacees",
    (wb) => {
      const ws = wb.getWorksheet("Axe I")!;
      swapColumns(ws, columnOf(ws, "Commentaire"), columnOf(ws, "Source"));
    },
    ["merge.columns_altered"],
  ],
  [
    "identifiant-modifie",
    (wb) => {
      wb.getWorksheet("Axe I")!.getCell("A6").value = "I.A.1-REA-99";
    },
    ["merge.rows_altered"],
  ],
  [
    "onglet-renomme",
    (wb) => {
      wb.getWorksheet("Axe IV")!.name = "Axe 4";
    },
    ["merge.sheet_renamed"],
  ],
  [
    "onglet-supprime",
    (wb) => wb.removeWorksheet(wb.getWorksheet("Axe IV")!.id),
    ["merge.sheet_missing"],
  ],
  [
    "autre-plan",
    (wb) => setMeta(wb, "planId", "ctg-autre-territoire-2022-2026"),
    ["merge.other_plan"],
  ],
  ["autre-version", (wb) => setMeta(wb, "planVersion", "0.9.0"), ["merge.other_version"]],
  ["autre-partenaire", (wb) => setMeta(wb, "partner", "CSC"), ["merge.fingerprint"]],
  [
    "protection-retiree-et-cellule-modifiee",
    (wb) => {
      const ws = wb.getWorksheet("Axe I")!;
      ws.unprotect();
      cellOf(ws, "I.A.1-RES-1", "Cible").value = "≥ 1 enfant / an";
    },
    ["merge.locked_changed"],
  ],
];

let master: string;
let masterBytes: Buffer;
let caf: string;
let csc: string;
let ok: string;
let cscReturn: string;
let unprotected: string;
let garbage: string;
let report: JsonReport;
let mergeRun: CtgResult;
let merged: Entry[];

const find = (entries: readonly Entry[], id: string, column: string) =>
  entries.find((e) => e.key === id && e.column === column)?.value;

beforeAll(async () => {
  writeFileSync(at("plan.json"), JSON.stringify(plan));
  expect((await ctg("build", "--plan", at("plan.json"), "--out", at("vierge.xlsx"))).status).toBe(
    0
  );
  master = await fill(at("vierge.xlsx"), at("maitre.xlsx"), [
    [null, "I.A.1-RES-1", "2022", 15],
    [null, "I.A.1-RES-1", "Commentaire", "saisi par la coordination"],
    [null, "I.A.4-RES-2", "Référence", 40],
    [null, "I.E.3-REA-1", "2023", 5],
  ]);
  masterBytes = readFileSync(master);
  const built = await ctg(
    "build",
    "--partner",
    "CAF",
    "--partner",
    "CSC",
    "--from",
    master,
    "--out",
    at("partenaires")
  );
  expect(built.status).toBe(0);
  caf = at(`partenaires/classeur-${plan.id}-caf.xlsx`);
  csc = at(`partenaires/classeur-${plan.id}-csc.xlsx`);
  expect(built.out).toContain(`Classeur partenaire écrit : ${caf} (CAF : ${CAF.length} action(s)`);
  ok = await fill(caf, at("retour-caf.xlsx"), [
    [null, "I.A.1-RES-1", "2022", 16],
    [null, "I.A.1-RES-1", "2023", "environ 10"],
    [null, "I.C.5-RES-1", "2022", 1.5],
    [null, "I.A.1-RES-1", "Source", "+ de 3 familles"],
    [null, "I.A.1-RES-2", "Commentaire", "=SOMME(A1:A3)"],
    [null, "I.A.4-RES-1", "Commentaire", "-à revoir en comité"],
    [null, "I.A.4-RES-1", "Source", "@mairie"],
    [null, "I.A.1-REA-1", "2021", "Oui"],
    [null, "I.D.1-RES-2", "2022", 4],
    ["Échéancier", "I.A.1", "Phase de démarrage", "Court terme"],
    ["Échéancier", "I.A.1", "Avancement", 0.5],
  ]);
  cscReturn = await fill(csc, at("retour-csc.xlsx"), [
    [null, "II.A.1-RES-1", "2022", 3],
    [null, "I.D.1-RES-2", "2022", 5],
  ]);
  unprotected = await fill(
    caf,
    at("retour-protection-retiree.xlsx"),
    [[null, "I.A.4-RES-1", "2024", 31]],
    (wb) => wb.getWorksheet("Axe I")!.unprotect()
  );
  for (const [name, alter] of ALTERATIONS)
    await fill(caf, at(`retour-${name}.xlsx`), SENTINEL, alter);
  garbage = at("retour-illisible.xlsx");
  writeFileSync(garbage, "ceci n'est pas un classeur");
  mergeRun = await ctg(
    "merge",
    master,
    ok,
    cscReturn,
    unprotected,
    ...ALTERATIONS.map(([name]) => at(`retour-${name}.xlsx`)),
    garbage,
    "--out",
    at("fusion.xlsx"),
    "--json"
  );
  report = JSON.parse(mergeRun.out) as JsonReport;
  const opened = await openWorkbook(at("fusion.xlsx"));
  if (!opened.ok) throw new Error("merged file unreadable");
  merged = [...opened.value.state.entries];
});

const returnOf = (file: string) => report.returns.find((r) => r.file === file)!;

describe("ctg merge: an altered return is refused whole, with the reason in French", () => {
  it("exits 1 when some return is refused, and says how many", () => {
    expect(mergeRun.status).toBe(1);
    expect(report.refused).toBe(ALTERATIONS.length + 1);
  });

  it.each(ALTERATIONS.map(([name, , codes]) => [name, codes] as const))(
    "detects %s",
    (name, codes) => {
      const r = returnOf(`retour-${name}.xlsx`);
      expect(r.merged).toBe(false);
      expect(r.changes).toEqual([]);
      expect(r.added + r.same + r.conflicts + r.invalid).toBe(0);
      const found = new Set(r.problems.map((p) => p.code));
      for (const code of codes) expect(found).toContain(code);
      for (const p of r.problems) expect(p.message).toMatch(/[a-zéèà]/);
    }
  );

  it("words each problem for the coordinator", () => {
    const message = (name: string) => returnOf(`retour-${name}.xlsx`).problems[0]!.message;
    expect(message("lignes-supprimees")).toMatch(
      /^onglet « Axe I », cellule A7 : lignes insérées, supprimées ou déplacées, ou identifiant modifié \(« .+ » attendu, « .+ » trouvé\)$/
    );
    expect(message("ligne-ajoutee-dessous")).toMatch(
      /^onglet « Axe I » : des lignes ont été ajoutées sous le tableau \(ligne \d+\)$/
    );
    expect(message("colonne-inseree")).toBe(
      "onglet « Axe I », cellule E4 : colonnes insérées, supprimées ou déplacées (« Pilote » attendu, « (vide) » trouvé)"
    );
    expect(message("identifiant-modifie")).toMatch(/« I\.A\.1-REA-99 » trouvé/);
    expect(message("onglet-renomme")).toBe(
      "l'onglet « Axe IV » manque : a-t-il été renommé (onglets inconnus : Axe 4) ?"
    );
    expect(message("onglet-supprime")).toBe("l'onglet « Axe IV » a été supprimé");
    expect(message("autre-plan")).toBe(
      `ce classeur a été préparé pour un autre plan (« ctg-autre-territoire-2022-2026 ») que le classeur maître (« ${plan.id} »)`
    );
    expect(message("autre-version")).toBe(
      `ce classeur a été préparé pour la version 0.9.0 du plan, le classeur maître est en version ${plan.version} : préparez un nouveau classeur partenaire`
    );
    expect(message("autre-partenaire")).toMatch(/empreinte de structure .* « CSC »/);
    expect(message("protection-retiree-et-cellule-modifiee")).toBe(
      "onglet « Axe I », cellule H7 : une cellule protégée a été modifiée (« ≥ 12 enfants / an » attendu, « ≥ 1 enfant / an » trouvé)"
    );
    const unreadable = returnOf("retour-illisible.xlsx");
    expect(unreadable.merged).toBe(false);
    expect(unreadable.problems[0]!.message).toContain("retour-illisible.xlsx");
  });

  it("merges nothing of a refused file", () => {
    expect(merged.some((e) => e.value === 777 || e.value === "SENTINELLE")).toBe(false);
    expect(find(merged, "III.A.4-REA-1", "2022")).toBeUndefined();
  });

  it("takes a return whose protection was removed without harm, with a warning", () => {
    const r = returnOf("retour-protection-retiree.xlsx");
    expect(r).toMatchObject({ merged: true, added: 1, problems: [] });
    expect(r.warnings).toEqual([
      {
        code: "merge.unprotected",
        message:
          "la protection de l'onglet « Axe I » a été retirée (aucune cellule protégée n'a été modifiée)",
      },
    ]);
    expect(find(merged, "I.A.4-RES-1", "2024")).toBe(31);
  });
});

describe("ctg merge: what a good return brings", () => {
  it("adds what the master did not have, takes the partner's correction of a value it was sent, ignores equal values", () => {
    const r = returnOf("retour-caf.xlsx");
    expect(r.merged).toBe(true);
    // Copied from the master (--from) and returned unchanged: the same, nothing to do.
    expect(r.same).toBe(2);
    // Sent 15, the master still has 15, the partner corrected it to 16 (issue 11: not a conflict).
    const update = r.changes.find((c) => c.outcome !== "added")!;
    expect(update).toMatchObject({
      id: "I.A.1-RES-1",
      column: "2022",
      sentValue: 15,
      masterValue: 15,
      returnedValue: 16,
      outcome: "partner_update",
    });
    expect(r.updated).toBe(1);
    expect(r.conflicts).toBe(0);
    expect(r.added).toBe(10);
    expect(find(merged, "I.A.1-RES-1", "2022")).toBe(16);
    expect(find(merged, "I.A.1-REA-1", "2021")).toBe("Oui");
    expect(merged.find((e) => e.sheet === "Échéancier" && e.column === "Avancement")?.value).toBe(
      0.5
    );
    expect(find(merged, "I.A.4-RES-2", "Référence")).toBe(40);
    expect(find(merged, "I.E.3-REA-1", "2023")).toBe(5);
  });

  it("merges bad entries as they are, with the engine's French message", () => {
    const r = returnOf("retour-caf.xlsx");
    const bad = r.changes.filter((c) => c.problem !== null);
    expect(r.invalid).toBe(2);
    expect(bad.map((c) => [c.id, c.column, c.returnedValue])).toEqual([
      ["I.A.1-RES-1", "2023", "environ 10"],
      ["I.C.5-RES-1", "2022", 1.5],
    ]);
    expect(bad[0]!.problem!.code).toMatch(/^entry\./);
    expect(bad[0]!.problem!.message).toMatch(/nombre/);
    expect(bad[1]!.problem!.code).toBe("entry.percent_above_100");
    expect(bad[1]!.problem!.message).toMatch(/100 %/);
    expect(find(merged, "I.A.1-RES-1", "2023")).toBe("environ 10");
    expect(find(merged, "I.C.5-RES-1", "2022")).toBe(1.5);
  });

  it("keeps text starting with = + - @ as text in the merged file", () => {
    expect(find(merged, "I.A.1-RES-2", "Commentaire")).toBe("=SOMME(A1:A3)");
    expect(find(merged, "I.A.1-RES-1", "Source")).toBe("+ de 3 familles");
    expect(find(merged, "I.A.4-RES-1", "Commentaire")).toBe("-à revoir en comité");
    expect(find(merged, "I.A.4-RES-1", "Source")).toBe("@mairie");
    const sheet = inspect(at("fusion.xlsx")).sheets.find((s) => s.name === "Axe I")!;
    const cells = Object.values(sheet.cells);
    for (const t of ["=SOMME(A1:A3)", "+ de 3 familles", "-à revoir en comité", "@mairie"])
      expect(cells).toContainEqual(["s", t]);
  });

  it("merges another partner's return for its own actions only; a value over another return's is a conflict", () => {
    const r = returnOf("retour-csc.xlsx");
    expect(r.merged).toBe(true);
    for (const c of r.changes) expect(CSC).toContain(refOf.get(c.id) ?? c.id);
    expect(
      r.changes.some(
        (c) => CAF.includes(refOf.get(c.id) ?? "") && !CSC.includes(refOf.get(c.id) ?? "")
      )
    ).toBe(false);
    expect(r.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: "II.A.1-RES-1",
          column: "2022",
          outcome: "added",
          returnedValue: 3,
        }),
        expect.objectContaining({
          id: "I.D.1-RES-2",
          column: "2022",
          outcome: "conflict_kept_master",
          masterValue: 4,
          returnedValue: 5,
        }),
      ])
    );
    expect(find(merged, "II.A.1-RES-1", "2022")).toBe(3);
    expect(find(merged, "I.D.1-RES-2", "2022")).toBe(4);
  });

  it("writes every change and every refusal in the Journal des imports", async () => {
    const opened = await openWorkbook(at("fusion.xlsx"));
    if (!opened.ok) throw new Error("unreadable");
    const journal = opened.value.state.journal;
    expect(journal.length).toBe(report.journal);
    const line = (file: string, id: string, column: string) =>
      journal.find((j) => j.file === file && j.id === id && j.column === column);
    expect(line("retour-caf.xlsx", "I.A.1-RES-1", "2022")).toMatchObject({
      partner: "CAF",
      sentValue: 15,
      masterValue: 15,
      returnedValue: 16,
      outcome: "Corrigée par le partenaire : valeur renvoyée retenue",
    });
    // Sent empty to both, filled by the CAF then the CSC: a conflict, the master's (the CAF's) kept.
    expect(line("retour-csc.xlsx", "I.D.1-RES-2", "2022")).toMatchObject({
      sentValue: null,
      masterValue: 4,
      returnedValue: 5,
      outcome: "Conflit : valeur du classeur gardée",
    });
    expect(line("retour-caf.xlsx", "I.C.5-RES-1", "2022")).toMatchObject({
      outcome: "Ajoutée",
      returnedValue: 1.5,
      detail: expect.stringMatching(/100 %/),
    });
    for (const [name] of ALTERATIONS) {
      const refusal = journal.find((j) => j.file === `retour-${name}.xlsx`);
      expect(refusal).toMatchObject({
        outcome: "Retour refusé",
        detail: expect.stringMatching(/\S/),
      });
    }
    expect(journal.find((j) => j.file === "retour-illisible.xlsx")?.outcome).toBe("Retour refusé");
    expect(journal.filter((j) => j.outcome === "Retour fusionné")).toHaveLength(3);
  });

  it("never modifies the master, and leaves no temporary file", () => {
    expect(readFileSync(master).equals(masterBytes)).toBe(true);
    expect(readdirSync(tmp).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

describe("ctg merge: the command", () => {
  it("with --prefer return takes the returned value and keeps the master's in the journal; reports in French", async () => {
    const r = await ctg(
      "merge",
      master,
      ok,
      cscReturn,
      at("retour-lignes-supprimees.xlsx"),
      "--prefer",
      "return",
      "--out",
      at("fusion-retour.xlsx")
    );
    expect(r.status).toBe(1);
    const lines = r.out.split("\n");
    expect(lines).toContain(
      "✓ retour-caf.xlsx (CAF) : 10 ajoutée(s), 2 identique(s), 0 conflit(s), 2 invalide(s)."
    );
    expect(lines).toContain(
      "    corrigée par le partenaire I.A.1-RES-1 2022 : envoyé « 15 », retour « 16 » — valeur renvoyée retenue"
    );
    expect(lines).toContain(
      "    conflit I.D.1-RES-2 2022 : envoyé « (vide) », classeur « 4 », retour « 5 » — valeur renvoyée retenue"
    );
    expect(
      lines.some((l) => /^ {4}saisie invalide reprise.* I\.C\.5-RES-1 2022\b.*100 %/.test(l))
    ).toBe(true);
    expect(lines).toContain("✗ retour-lignes-supprimees.xlsx (CAF) : refusé, rien n'est repris.");
    expect(
      lines.some((l) => l.startsWith("    - onglet « Axe I », cellule A7 : lignes insérées"))
    ).toBe(true);
    expect(lines[lines.length - 1]).toMatch(/^1 retour\(s\) refusé\(s\)/);
    const opened = await openWorkbook(at("fusion-retour.xlsx"));
    if (!opened.ok) throw new Error("unreadable");
    expect(find(opened.value.state.entries, "I.A.1-RES-1", "2022")).toBe(16);
    expect(find(opened.value.state.entries, "I.D.1-RES-2", "2022")).toBe(5);
    expect(
      opened.value.state.journal.find((j) => j.id === "I.D.1-RES-2" && j.file === "retour-csc.xlsx")
    ).toMatchObject({
      masterValue: 4,
      returnedValue: 5,
      outcome: "Conflit : valeur renvoyée retenue",
    });
    expect(readFileSync(master).equals(masterBytes)).toBe(true);
  });

  it("refuses to write over the master (exit 2), however the path is written", async () => {
    for (const out of [master, join(tmp, ".", "partenaires", "..", "maitre.xlsx")]) {
      const r = await ctg("merge", master, ok, "--out", out);
      expect(r.status).toBe(2);
      expect(r.err).toContain("ne peut pas être le classeur maître");
    }
    expect(readFileSync(master).equals(masterBytes)).toBe(true);
  });

  it("writes atomically: a failed write leaves nothing behind and exits 2", async () => {
    const dir = at("occupe");
    mkdirSync(dir);
    writeFileSync(join(dir, "garde.txt"), "x");
    const r = await ctg("merge", master, ok, "--out", dir);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/\S/);
    expect(readdirSync(dir)).toEqual(["garde.txt"]);
    expect(readdirSync(tmp).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("exits 2 for a master that cannot be used, and refuses a partner's file as master", async () => {
    const missing = await ctg("merge", at("absent.xlsx"), ok, "--out", at("x.xlsx"));
    expect(missing.status).toBe(2);
    const partnerAsMaster = await ctg("merge", caf, ok, "--out", at("x.xlsx"));
    expect(partnerAsMaster.status).toBe(2);
    expect(partnerAsMaster.err).toContain("classeur partenaire");
    expect(existsSync(at("x.xlsx"))).toBe(false);
    const noOut = await ctg("merge", master, ok);
    expect(noOut.status).toBe(2);
    const badPrefer = await ctg("merge", master, ok, "--out", at("x.xlsx"), "--prefer", "partner");
    expect(badPrefer.status).toBe(2);
    expect(badPrefer.err).toContain("--prefer");
  });
});
