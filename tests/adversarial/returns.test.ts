/**
 * Adversarial suite, theme « partners' returns »: `ctg merge` of returns that are filled normally,
 * merged twice, in conflict with the master, cleared, prepared from the plan alone, for another
 * partner, a whole master, with invalid entries or formulas; returns whose structure or metadata was
 * altered (refused whole, with the French reason); other plan versions and other plans; malformed
 * merge commands. Each case asserts the exit status, the French reason, and that every returned
 * value is in the merged master (input cells or Journal des imports) or, for a refused return,
 * still in the untouched return file with a « Retour refusé » row in the journal.
 */
import { join } from "node:path";
import type ExcelJS from "exceljs";
import {
  FILL,
  build,
  buildPartner,
  census,
  clone,
  ctg,
  exists,
  filled,
  formulasOf,
  lost,
  setMeta,
  setXmlCells,
  sha256,
  sheetOf,
  smallPlan,
  tempDir,
  tryCensus,
  writeJson,
  xml,
  type Fill,
  type Typed,
  moveLast,
  unprotect,
} from "./helpers";

jest.setTimeout(300_000);

const dir = tempDir("returns");
const at = (name: string) => join(dir, name);
let plan = "";
/** The small master, empty. */
let master = "";
/** The CAF's workbook prepared from it, and the same filled by the CAF (7 entries). */
let caf = "";
let cafReturn = "";

beforeAll(async () => {
  plan = writeJson(at("plan.json"), smallPlan());
  master = await build(at("maitre.xlsx"), "--plan", plan);
  caf = await buildPartner(at("caf.xlsx"), "CAF", "--from", master);
  cafReturn = await filled(caf, at("retour-caf.xlsx"));
  expect((await census(cafReturn)).total).toBe(FILL.length);
});

let serial = 0;
const next = (name: string) => at(`${++serial}-${name}`);

/** The standard filling with one value changed. */
const fillWith = (cell: string, value: Fill["value"]): Fill[] =>
  FILL.map((f) => (f.cell === cell && f.sheet === "Axe I" ? { ...f, value } : f));

describe("returns that are merged", () => {
  it("a filled return: every entry added and journaled", async () => {
    const out = next("fusion.xlsx");
    const run = await ctg("merge", master, cafReturn, "--out", out);
    expect(run.status).toBe(0);
    expect(run.out).toMatch(
      /✓ retour-caf\.xlsx \(CAF\) : 7 ajoutée\(s\), 0 identique\(s\), 0 conflit\(s\), 0 invalide\(s\)\./
    );
    expect(run.out).toMatch(/\(7 saisies ; 8 ligne\(s\) ajoutée\(s\) au journal des imports\)/);
    const after = await census(out);
    expect(after.entries).toHaveLength(7);
    expect(after.journal).toHaveLength(8);
    expect(lost(after, FILL)).toEqual([]);
  });

  it("the same return merged again into the result: all identical, nothing doubled", async () => {
    const first = next("fusion-1.xlsx");
    expect((await ctg("merge", master, cafReturn, "--out", first)).status).toBe(0);
    const second = next("fusion-2.xlsx");
    const run = await ctg("merge", first, cafReturn, "--out", second);
    expect(run.status).toBe(0);
    expect(run.out).toMatch(
      /: 0 ajoutée\(s\), 7 identique\(s\), 0 conflit\(s\), 0 invalide\(s\)\./
    );
    const after = await census(second);
    expect(after.entries).toHaveLength(7);
    expect(after.journal).toHaveLength(9);
    expect(lost(after, FILL)).toEqual([]);
  });

  it("the same return twice in one command: the second is all identical", async () => {
    const out = next("fusion-deux-fois.xlsx");
    const run = await ctg("merge", master, cafReturn, cafReturn, "--out", out);
    expect(run.status).toBe(0);
    expect(run.out).toMatch(
      /7 ajoutée\(s\), 0 identique\(s\)[\s\S]*0 ajoutée\(s\), 7 identique\(s\)/
    );
    const after = await census(out);
    expect(after.entries).toHaveLength(7);
    expect(lost(after, FILL)).toEqual([]);
  });

  it.each([
    [
      "master",
      /conflit I\.A\.1-RES-1 2021 : (?:envoyé « [^»]* », )?classeur « 10 », retour « 15 » — valeur du classeur gardée/,
      10,
    ],
    [
      "return",
      /conflit I\.A\.1-RES-1 2021 : (?:envoyé « [^»]* », )?classeur « 10 », retour « 15 » — valeur renvoyée retenue/,
      15,
    ],
  ])(
    "a conflict with --prefer %s: one value kept, both journaled",
    async (prefer, reason, kept) => {
      const filledMaster = await filled(master, next("maitre-10.xlsx"), undefined, [
        { sheet: "Axe I", cell: "R7", key: "I.A.1-RES-1", column: "2021", value: 10 },
      ]);
      const out = next("fusion-conflit.xlsx");
      const run = await ctg("merge", filledMaster, cafReturn, "--out", out, "--prefer", prefer);
      expect(run.status).toBe(0);
      expect(run.out).toMatch(/6 ajoutée\(s\), 0 identique\(s\), 1 conflit\(s\)/);
      expect(run.out).toMatch(reason);
      const after = await census(out);
      expect(after.entries.find((e) => e.key === "I.A.1-RES-1" && e.column === "2021")?.value).toBe(
        kept
      );
      const both: Typed[] = [
        ...FILL,
        { sheet: "Axe I", key: "I.A.1-RES-1", column: "2021", value: 10 },
      ];
      expect(lost(after, both)).toEqual([]);
    }
  );

  it("a value the partner was sent and cleared: the master's value stays", async () => {
    const filledMaster = await filled(master, next("maitre-envoye.xlsx"));
    const sent = await buildPartner(next("caf-envoye.xlsx"), "CAF", "--from", filledMaster);
    const cleared = await setXmlCells(sent, next("caf-efface.xlsx"), "Axe I", {
      R7: { inner: "" },
    });
    const out = next("fusion-efface.xlsx");
    const run = await ctg("merge", filledMaster, cleared, "--out", out);
    expect(run.status).toBe(0);
    expect(run.out).toMatch(/0 ajoutée\(s\), 6 identique\(s\), 0 conflit\(s\)/);
    const after = await census(out);
    expect(after.entries).toHaveLength(7);
    expect(lost(after, FILL)).toEqual([]);
  });

  it("a return prepared from the plan alone (no --from)", async () => {
    const fromPlan = await buildPartner(next("caf-du-plan.xlsx"), "CAF", "--plan", plan);
    const ret = await filled(fromPlan, next("retour-du-plan.xlsx"));
    const out = next("fusion-du-plan.xlsx");
    const run = await ctg("merge", master, ret, "--out", out);
    expect(run.status).toBe(0);
    expect(run.out).toMatch(/\(CAF\) : 7 ajoutée\(s\)/);
    expect(lost(await census(out), FILL)).toEqual([]);
  });

  it("a return prepared for another partner (the CSC) is merged for the CSC's actions", async () => {
    const csc = await buildPartner(next("csc.xlsx"), "CSC", "--from", master);
    const typed: Fill[] = [];
    const ret = await filled(
      csc,
      next("retour-csc.xlsx"),
      (wb) => {
        for (const ws of wb.worksheets.filter((w) => /^Axe /.test(w.name))) {
          const key = String(ws.getCell("A5").value);
          ws.getCell("X5").value = `Note CSC ${key}`;
          typed.push({
            sheet: ws.name,
            cell: "X5",
            key,
            column: "Commentaire",
            value: `Note CSC ${key}`,
          });
        }
      },
      []
    );
    const out = next("fusion-csc.xlsx");
    const run = await ctg("merge", master, ret, "--out", out);
    expect(run.status).toBe(0);
    expect(run.out).toMatch(new RegExp(`\\(CSC\\) : ${typed.length} ajoutée\\(s\\)`));
    expect((await census(ret)).total).toBe(typed.length);
    expect(lost(await census(out), typed)).toEqual([]);
  });

  it("a copy of the whole master as a return (« classeur complet »)", async () => {
    const whole = await filled(master, next("copie-complete.xlsx"));
    const out = next("fusion-complete.xlsx");
    const run = await ctg("merge", master, whole, "--out", out);
    expect(run.status).toBe(0);
    expect(run.out).toMatch(/\(classeur complet\) : 7 ajoutée\(s\)/);
    expect(lost(await census(out), FILL)).toEqual([]);
  });

  it("invalid entries are merged as typed and listed", async () => {
    const fill = fillWith("R5", "fait").map((f) =>
      f.cell === "R7" && f.sheet === "Axe I"
        ? { ...f, value: "12,5" }
        : f.cell === "S7" && f.sheet === "Axe I"
          ? { ...f, value: -3 }
          : f
    );
    const ret = await filled(caf, next("retour-invalide.xlsx"), undefined, fill);
    const out = next("fusion-invalide.xlsx");
    const run = await ctg("merge", master, ret, "--out", out);
    expect(run.status).toBe(0);
    expect(run.out).toMatch(/7 ajoutée\(s\), 0 identique\(s\), 0 conflit\(s\), 3 invalide\(s\)/);
    expect(run.out).toMatch(
      /saisie invalide reprise telle quelle, I\.A\.1-REA-1 2021 : «\sfait\s» : répondez Oui, Non ou En cours/
    );
    expect(lost(await census(out), fill)).toEqual([]);
  });

  it("a text that looks like a formula stays a text in the merged master", async () => {
    const fill = FILL.map((f) => (f.cell === "X7" ? { ...f, value: "=SOMME(A1:A3)" } : f));
    const ret = await filled(caf, next("retour-egal.xlsx"), undefined, fill);
    const out = next("fusion-egal.xlsx");
    const run = await ctg("merge", master, ret, "--out", out);
    expect(run.status).toBe(0);
    expect(run.out).toMatch(/7 ajoutée\(s\)/);
    expect(lost(await census(out), fill)).toEqual([]);
    expect((await formulasOf(out, "Axe I")).has("6,23")).toBe(false);
  });

  it("an entry typed as =5-5, saved without its result, is merged as 0", async () => {
    const ret = await setXmlCells(cafReturn, next("retour-formule.xlsx"), "Axe I", {
      T7: xml.formula("5-5"),
    });
    const out = next("fusion-formule.xlsx");
    const run = await ctg("merge", master, ret, "--out", out);
    expect(run.status).toBe(0);
    expect(run.out).toMatch(/8 ajoutée\(s\)/);
    const typed: Typed = { sheet: "Axe I", key: "I.A.1-RES-1", column: "2023", value: 0 };
    expect(lost(await census(out), [...FILL, typed])).toEqual([]);
  });

  // A formula that needs Excel (a function, a reference), saved without its result (openpyxl and
  // other generators), was read as empty: the partner's entry was neither merged nor journaled.
  it("an entry typed as =SOMME(1;2), saved without its result, is not dropped", async () => {
    const ret = await setXmlCells(cafReturn, next("retour-somme.xlsx"), "Axe I", {
      T7: xml.formula("SUM(1,2)"),
    });
    const out = next("fusion-somme.xlsx");
    const run = await ctg("merge", master, ret, "--out", out);
    expect(run.status).toBe(0);
    expect(run.out).toMatch(/8 ajoutée\(s\)/);
    const after = await census(out);
    expect(after.entries.filter((e) => e.column === "2023")).toHaveLength(1);
  });
});

// ------------------------------------------------------------------------------------------------
// Returns refused whole

type Change = (wb: ExcelJS.Workbook) => void;
const unprotected = (wb: ExcelJS.Workbook, sheet: string): ExcelJS.Worksheet => {
  const ws = sheetOf(wb, sheet);
  return unprotect(ws);
};

const REFUSED: Array<[name: string, change: Change, reason: RegExp]> = [
  [
    "an axis sheet renamed",
    (wb) => void (sheetOf(wb, "Axe I").name = "Axe 1"),
    /l'onglet « Axe I » manque : a-t-il été renommé \(onglets inconnus : Axe 1\) \?/,
  ],
  [
    "an axis sheet deleted",
    (wb) => wb.removeWorksheet(sheetOf(wb, "Axe III").id),
    /l'onglet « Axe III » a été supprimé/,
  ],
  [
    "the Sommaire deleted",
    (wb) => wb.removeWorksheet(sheetOf(wb, "Sommaire").id),
    /l'onglet « Sommaire » a été supprimé/,
  ],
  [
    "the Récapitulatif deleted",
    (wb) => wb.removeWorksheet(sheetOf(wb, "Récapitulatif").id),
    /l'onglet « Récapitulatif » a été supprimé/,
  ],
  [
    "the Échéancier renamed",
    (wb) => void (sheetOf(wb, "Échéancier").name = "Echeancier"),
    /l'onglet « Échéancier » manque : a-t-il été renommé \(onglets inconnus : Echeancier\)/,
  ],
  [
    "a row inserted",
    (wb) => void sheetOf(wb, "Axe I").spliceRows(6, 0, ["inséré"]),
    /cellule A6 : lignes insérées, supprimées ou déplacées, ou identifiant modifié \(« I\.A\.1-REA-2 » attendu, « inséré » trouvé\)/,
  ],
  [
    "a row deleted",
    (wb) => void sheetOf(wb, "Axe I").spliceRows(9, 1),
    /cellule A9 : lignes insérées, supprimées ou déplacées, ou identifiant modifié \(« I\.A\.1-IMP-1 » attendu, « I\.A\.1-IMP-2 » trouvé\)/,
  ],
  [
    "a column inserted",
    (wb) => void sheetOf(wb, "Axe I").spliceColumns(3, 0, ["x"]),
    /cellule C4 : colonnes insérées, supprimées ou déplacées \(« Réf » attendu, « \(vide\) » trouvé\)/,
  ],
  [
    "rows sorted",
    (wb) => {
      const ws = sheetOf(wb, "Axe I");
      const [a, b] = [ws.getRow(7).values, ws.getRow(8).values];
      ws.getRow(7).values = b as ExcelJS.CellValue[];
      ws.getRow(8).values = a as ExcelJS.CellValue[];
    },
    /cellule A7 : lignes insérées, supprimées ou déplacées, ou identifiant modifié \(« I\.A\.1-RES-1 » attendu, « I\.A\.1-RES-2 » trouvé\)/,
  ],
  [
    "an indicator id edited",
    (wb) => void (unprotected(wb, "Axe I").getCell("A7").value = "I.A.1-RES-9"),
    /« I\.A\.1-RES-1 » attendu, « I\.A\.1-RES-9 » trouvé/,
  ],
  [
    "an indicator reworded",
    (wb) => void (unprotected(wb, "Axe I").getCell("G7").value = "autre chose"),
    /cellule G7 : une cellule protégée a été modifiée \(« à minima 12 enfants accueillis par an » attendu, « autre chose » trouvé\)/,
  ],
  [
    "a status formula typed over",
    (wb) => void (unprotected(wb, "Axe I").getCell("W7").value = "Atteint"),
    /cellule W7 : une cellule protégée a été modifiée \(« une formule » attendu, « Atteint » trouvé\)/,
  ],
  [
    "a note beside the table",
    (wb) => void (unprotected(wb, "Axe I").getCell("AH6").value = "Note du partenaire"),
    /cellule AH6 : une cellule protégée a été modifiée \(« \(vide\) » attendu, « Note du partenaire » trouvé\)/,
  ],
  [
    "values typed under the table",
    (wb) => void (unprotected(wb, "Axe I").getCell("R60").value = 99),
    /onglet « Axe I » : des lignes ont été ajoutées sous le tableau \(ligne 60\)/,
  ],
  [
    "the plan version edited",
    (wb) => setMeta(wb, "planVersion", "0.9.0"),
    /préparé pour la version 0\.9\.0 du plan, le classeur maître est en version 1\.0\.0 : préparez un nouveau classeur partenaire/,
  ],
  [
    "the plan id edited",
    (wb) => setMeta(wb, "planId", "autre-plan"),
    /préparé pour un autre plan \(« autre-plan »\) que le classeur maître \(« pays-segali-communaute-2021-2025 »\)/,
  ],
  [
    "the partner edited to an unknown name",
    (wb) => setMeta(wb, "partner", "Inconnu SARL"),
    /le partenaire « Inconnu SARL » n'a aucune action dans le plan du classeur maître/,
  ],
  [
    "the partner edited to another partner",
    (wb) => setMeta(wb, "partner", "CSC"),
    /l'empreinte de structure ne correspond pas à celle d'un classeur préparé pour « CSC » avec ce plan/,
  ],
  [
    "the fingerprint edited",
    (wb) => setMeta(wb, "fingerprint", "0000000000000000"),
    /l'empreinte de structure ne correspond pas à celle d'un classeur préparé pour « CAF » avec ce plan/,
  ],
];

describe("returns refused whole, with the reason", () => {
  it.each(REFUSED)(
    "%s: exit 1, nothing taken, the return untouched and journaled",
    async (name, change, reason) => {
      const ret = await filled(caf, next(`retour-${name.replace(/\W+/g, "-")}.xlsx`), change);
      const before = sha256(ret);
      const out = next("fusion-refus.xlsx");
      const run = await ctg("merge", master, ret, "--out", out);
      expect(run.status).toBe(1);
      expect(run.out).toMatch(/ : refusé, rien n'est repris\./);
      expect(run.out).toMatch(reason);
      expect(run.out).toMatch(
        /1 retour\(s\) refusé\(s\) : demandez au partenaire de renvoyer le classeur/
      );
      // Nothing taken; the refusal journaled; the partner's values still in their untouched file.
      const after = await census(out);
      expect(after.entries).toHaveLength(0);
      const refused = after.journal.filter((j) => j.outcome === "Retour refusé");
      expect(refused).toHaveLength(1);
      expect(refused[0]?.detail).toMatch(reason);
      expect(sha256(ret)).toBe(before);
      const kept = await tryCensus(ret);
      // (A return whose metadata names another partner is read as that partner's: not counted.)
      if (typeof kept !== "string" && !/partner edited/.test(name))
        expect(kept.entries.length).toBeGreaterThanOrEqual(FILL.length - 1);
    }
  );

  it("a return from before the plan changed (a real other version): refused with both versions", async () => {
    const v2 = clone(smallPlan());
    v2.version = "1.1.0";
    const planV2 = writeJson(next("plan-v1.1.json"), v2);
    const masterV2 = next("maitre-v1.1.xlsx");
    expect((await ctg("refresh", master, "--plan", planV2, "--out", masterV2)).status).toBe(0);
    const out = next("fusion-v1.1.xlsx");
    const run = await ctg("merge", masterV2, cafReturn, "--out", out);
    expect(run.status).toBe(1);
    expect(run.out).toMatch(
      /préparé pour la version 1\.0\.0 du plan, le classeur maître est en version 1\.1\.0/
    );
    expect((await census(out)).journal.filter((j) => j.outcome === "Retour refusé")).toHaveLength(
      1
    );
    expect((await census(cafReturn)).entries).toHaveLength(FILL.length);
  });

  it("a return of another CTG (another plan id): refused", async () => {
    const other = { ...clone(smallPlan()), id: "autre-ctg" };
    const otherPlan = writeJson(next("autre-plan.json"), other);
    const otherCaf = await buildPartner(next("caf-autre.xlsx"), "CAF", "--plan", otherPlan);
    const ret = await filled(otherCaf, next("retour-autre.xlsx"));
    const out = next("fusion-autre.xlsx");
    const run = await ctg("merge", master, ret, "--out", out);
    expect(run.status).toBe(1);
    expect(run.out).toMatch(/préparé pour un autre plan \(« autre-ctg »\)/);
    expect((await census(out)).entries).toHaveLength(0);
    expect((await census(ret)).entries).toHaveLength(FILL.length);
  });

  it("one refused return does not stop the others (exit 1, the good one merged)", async () => {
    const bad = await filled(
      caf,
      next("retour-mauvais.xlsx"),
      (wb) => void (sheetOf(wb, "Axe I").name = "Axe 1")
    );
    const out = next("fusion-mixte.xlsx");
    const run = await ctg("merge", master, bad, cafReturn, "--out", out);
    expect(run.status).toBe(1);
    expect(run.out).toMatch(/✗ .*retour-mauvais\.xlsx \(CAF\) : refusé/);
    expect(run.out).toMatch(/✓ retour-caf\.xlsx \(CAF\) : 7 ajoutée\(s\)/);
    expect(lost(await census(out), FILL)).toEqual([]);
  });
});

describe("returns merged with a warning", () => {
  const WARNED: Array<[name: string, change: Change, reason: RegExp]> = [
    [
      "the protection removed",
      (wb) => void unprotected(wb, "Axe I"),
      /! la protection de l'onglet « Axe I » a été retirée \(aucune cellule protégée n'a été modifiée\)/,
    ],
    [
      "a sheet added",
      (wb) => void (wb.addWorksheet("Mes notes").getCell("A1").value = "à relire"),
      /! un onglet « Mes notes » a été ajouté \(il n'est pas repris\)/,
    ],
    [
      "a sheet named Archives added",
      (wb) => void (wb.addWorksheet("Archives").getCell("A1").value = "x"),
      /! un onglet « Archives » a été ajouté \(il n'est pas repris\)/,
    ],
    [
      "an axis sheet hidden",
      (wb) => void (sheetOf(wb, "Axe I").state = "hidden"),
      /✓ .* \(CAF\) : 7 ajoutée\(s\)/,
    ],
    [
      "the sheets reordered",
      (wb) => moveLast(sheetOf(wb, "Axe I")),
      /✓ .* \(CAF\) : 7 ajoutée\(s\)/,
    ],
  ];
  it.each(WARNED)("%s: exit 0, every entry merged", async (name, change, reason) => {
    const ret = await filled(caf, next(`retour-${name.replace(/\W+/g, "-")}.xlsx`), change);
    const out = next("fusion-avertie.xlsx");
    const run = await ctg("merge", master, ret, "--out", out);
    expect(run.status).toBe(0);
    expect(run.out).toMatch(/7 ajoutée\(s\), 0 identique\(s\), 0 conflit\(s\)/);
    expect(run.out).toMatch(reason);
    const after = await census(out);
    expect(after.entries).toHaveLength(FILL.length);
    expect(lost(after, FILL)).toEqual([]);
  });
});

describe("malformed merge commands: exit 2, nothing written", () => {
  const CASES: Array<[name: string, argv: (out: string) => string[], reason: RegExp]> = [
    [
      "a partner workbook as the master",
      (o) => ["merge", cafReturn, master, "--out", o],
      /ce classeur est un classeur partenaire : la fusion se fait dans le classeur maître/,
    ],
    ["no --out", () => ["merge", master, cafReturn], /Il manque le fichier de sortie \(--out\)/],
    [
      "no return",
      (o) => ["merge", master, "--out", o],
      /Il manque au moins un classeur renvoyé par un partenaire/,
    ],
    [
      "a bad --prefer",
      (o) => ["merge", master, cafReturn, "--out", o, "--prefer", "partenaire"],
      /Valeur de --prefer inconnue : « partenaire » \(master ou return\)/,
    ],
    [
      "an unknown option",
      (o) => ["merge", master, cafReturn, "--out", o, "--ecraser"],
      /Option non reconnue ou mal formée : --ecraser/,
    ],
  ];
  it.each(CASES)("%s", async (_name, argv, reason) => {
    const out = next("jamais.xlsx");
    const before = sha256(cafReturn);
    const run = await ctg(...argv(out));
    expect(run.status).toBe(2);
    expect(run.err).toMatch(reason);
    expect(exists(out)).toBe(false);
    expect(sha256(cafReturn)).toBe(before);
    expect((await census(cafReturn)).total).toBe(FILL.length);
  });
});
