import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { partnerActions } from "../../src/domain/plan/partners";
import { openWorkbook } from "../../src/cli/workflow";
import { csvRows } from "../../src/node/csv";
import {
  axisSheetWith,
  cellOf,
  ctg,
  loadXlsx,
  saveXlsx,
  seedPlan,
  setMeta,
  tempDir,
} from "./helpers";

/**
 * The three-way merge (issue 11): a partner's workbook records the values it was sent, so that a
 * partner correcting a value it was sent (`10` → `11`, `environ 10` → `10`) is taken rather than
 * called a conflict; a value the coordinator changed since is kept; both changed is a conflict with
 * three values, decided by --prefer or per entry from a decisions file; a cleared value is reported.
 */
jest.setTimeout(300_000);

const dir = tempDir("ctg-three-way-");
const at = (name: string) => join(dir, name);

// Five quantitative indicators of the CAF's first actions, measured per year.
const ids = partnerActions(seedPlan, "CAF")
  .flatMap((ref) =>
    seedPlan.axes
      .flatMap((a) => a.objectives.flatMap((o) => o.actions))
      .filter((a) => a.ref === ref)
      .flatMap((a) => a.indicators.map((i) => i.id))
  )
  .slice(0, 5);
const [upd, newer, text, both, cleared] = ids as [string, string, string, string, string];

function set(wb: ExcelJS.Workbook, id: string, column: string, value: ExcelJS.CellValue): void {
  cellOf(axisSheetWith(wb, id), id, column).value = value;
}

async function valueIn(file: string, id: string, column: string): Promise<unknown> {
  const wb = await loadXlsx(file);
  return cellOf(axisSheetWith(wb, id), id, column).value;
}

async function journalRows(file: string): Promise<unknown[][]> {
  const opened = await openWorkbook(file);
  if (!opened.ok) throw new Error("open");
  return opened.value.state.journal.map((r) => [
    r.id,
    r.column,
    r.sentValue,
    r.masterValue,
    r.returnedValue,
    r.outcome,
  ]);
}

interface MergeJson {
  entries: number;
  decisions?: { applied: number; unused: number };
  returns: Array<{
    merged: boolean;
    added: number;
    updated: number;
    cleared: number;
    masterNewer: number;
    conflicts: number;
    baseRecorded: boolean;
    changes: Array<{
      id: string;
      column: string;
      sentValue: unknown;
      masterValue: unknown;
      returnedValue: unknown;
      outcome: string;
    }>;
  }>;
}

beforeAll(async () => {
  expect(ids).toHaveLength(5);
  expect((await ctg("build", "--out", at("m0.xlsx"))).status).toBe(0);
  const m0 = await loadXlsx(at("m0.xlsx"));
  set(m0, upd, "2022", 10);
  set(m0, newer, "2022", 5);
  set(m0, text, "2022", "environ 10");
  set(m0, both, "2022", 7);
  set(m0, cleared, "Commentaire", "à voir avec la CAF");
  await saveXlsx(m0, at("m1.xlsx"));
  const prepared = await ctg(
    "build",
    "--partner",
    "CAF",
    "--from",
    at("m1.xlsx"),
    "--out",
    at("caf.xlsx")
  );
  expect(prepared.status).toBe(0);

  // The coordinator goes on in the master after sending.
  const m1 = await loadXlsx(at("m1.xlsx"));
  set(m1, newer, "2022", 6);
  set(m1, both, "2022", 8);
  await saveXlsx(m1, at("m2.xlsx"));

  // The partner corrects, completes, clears.
  const caf = await loadXlsx(at("caf.xlsx"));
  set(caf, upd, "2022", 11);
  set(caf, text, "2022", 10);
  set(caf, both, "2022", 9);
  set(caf, cleared, "Commentaire", null);
  set(caf, upd, "2023", 3);
  await saveXlsx(caf, at("caf-retour.xlsx"));
});

it("takes the partner's corrections, keeps the master's changes, and reports conflicts and clearings", async () => {
  const merged = await ctg(
    "merge",
    at("m2.xlsx"),
    at("caf-retour.xlsx"),
    "--out",
    at("m3.xlsx"),
    "--json"
  );
  expect(merged.status).toBe(0);
  const report = JSON.parse(merged.out) as MergeJson;
  const r = report.returns[0]!;
  expect(r).toMatchObject({
    merged: true,
    baseRecorded: true,
    added: 1,
    updated: 2,
    masterNewer: 1,
    conflicts: 1,
    cleared: 1,
  });
  const conflict = r.changes.find((c) => c.id === both)!;
  expect(conflict).toMatchObject({
    column: "2022",
    sentValue: 7,
    masterValue: 8,
    returnedValue: 9,
    outcome: "conflict_kept_master",
  });
  expect(r.changes.find((c) => c.id === cleared)).toMatchObject({
    sentValue: "à voir avec la CAF",
    masterValue: "à voir avec la CAF",
    returnedValue: null,
    outcome: "cleared_kept_master",
  });

  expect(await valueIn(at("m3.xlsx"), upd, "2022")).toBe(11);
  expect(await valueIn(at("m3.xlsx"), text, "2022")).toBe(10);
  expect(await valueIn(at("m3.xlsx"), newer, "2022")).toBe(6);
  expect(await valueIn(at("m3.xlsx"), both, "2022")).toBe(8);
  expect(await valueIn(at("m3.xlsx"), cleared, "Commentaire")).toBe("à voir avec la CAF");
  expect(await valueIn(at("m3.xlsx"), upd, "2023")).toBe(3);

  const journal = await journalRows(at("m3.xlsx"));
  expect(journal).toEqual(
    expect.arrayContaining([
      [upd, "2022", 10, 10, 11, "Corrigée par le partenaire : valeur renvoyée retenue"],
      [
        text,
        "2022",
        "environ 10",
        "environ 10",
        10,
        "Corrigée par le partenaire : valeur renvoyée retenue",
      ],
      [both, "2022", 7, 8, 9, "Conflit : valeur du classeur gardée"],
      [
        cleared,
        "Commentaire",
        "à voir avec la CAF",
        "à voir avec la CAF",
        null,
        "Effacée par le partenaire : valeur du classeur gardée",
      ],
    ])
  );
});

it("writes a decisions file from the journal, and a second merge applies the choices in it", async () => {
  const written = await ctg("decisions", at("m3.xlsx"), "--out", at("decisions.csv"));
  expect(written.status).toBe(0);
  expect(written.out).toMatch(/2 conflit\(s\) ou valeur\(s\) effacée\(s\)/);
  const text = readFileSync(at("decisions.csv"), "utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const rows = await csvRows(text);
  expect(rows[0]).toContain("Choix");
  expect(rows).toHaveLength(3);
  const choice = rows[0]!.indexOf("Choix");
  expect(rows.slice(1).map((r) => r[choice])).toEqual(["classeur", "classeur"]);

  // The coordinator chooses the partner's side for both, in Excel, and saves the CSV.
  const edited = rows.map((r, i) => (i === 0 ? r : r.map((v, c) => (c === choice ? "Retour" : v))));
  writeFileSync(
    at("decisions-edited.csv"),
    "\uFEFF" + edited.map((r) => r.map((v) => `"${v.replace(/"/g, '""')}"`).join(";")).join("\r\n")
  );

  const again = await ctg(
    "merge",
    at("m3.xlsx"),
    at("caf-retour.xlsx"),
    "--decisions",
    at("decisions-edited.csv"),
    "--out",
    at("m4.xlsx"),
    "--json"
  );
  expect(again.status).toBe(0);
  const report = JSON.parse(again.out) as MergeJson;
  expect(report.decisions).toEqual({ applied: 2, unused: 0 });
  expect(await valueIn(at("m4.xlsx"), both, "2022")).toBe(9);
  expect(await valueIn(at("m4.xlsx"), cleared, "Commentaire")).toBeNull();
  // The cleared value is not lost: the journal holds it.
  const journal = await journalRows(at("m4.xlsx"));
  expect(journal).toContainEqual([
    cleared,
    "Commentaire",
    "à voir avec la CAF",
    "à voir avec la CAF",
    null,
    "Effacée par le partenaire : effacée du classeur",
  ]);
  // The corrections already taken are now identical.
  expect(report.returns[0]).toMatchObject({ updated: 0, conflicts: 1, cleared: 1 });
});

it("refuses a decisions file with an unknown choice, naming its line, and writes nothing", async () => {
  writeFileSync(
    at("bad.csv"),
    `Fichier;Onglet;Indicateur;Colonne;Choix\r\ncaf-retour.xlsx;Axe I;${both};2022;peut-être\r\n`
  );
  const bad = await ctg(
    "merge",
    at("m3.xlsx"),
    at("caf-retour.xlsx"),
    "--decisions",
    at("bad.csv"),
    "--out",
    at("m5.xlsx")
  );
  expect(bad.status).toBe(2);
  expect(bad.err).toMatch(/ligne 2 : choix « peut-être » inconnu/);
  expect(() => readFileSync(at("m5.xlsx"))).toThrow();
});

it("merges two-way a return that records no base (prepared by an earlier version), and says so", async () => {
  const old = await loadXlsx(at("caf-retour.xlsx"));
  const meta = old.getWorksheet("CTG_meta")!;
  meta.eachRow((row) => {
    if (String(row.getCell(1).value).startsWith("base.")) {
      row.getCell(1).value = null;
      row.getCell(2).value = null;
    }
  });
  setMeta(old, "generatorVersion", "0.9.0");
  await saveXlsx(old, at("caf-ancien.xlsx"));
  const merged = await ctg("merge", at("m2.xlsx"), at("caf-ancien.xlsx"), "--out", at("m6.xlsx"));
  expect(merged.status).toBe(0);
  expect(merged.out).toMatch(/ne dit pas quelles valeurs il a reçues/);
  // Without the base, the partner's correction cannot be told from a conflict: the master's value stays.
  expect(await valueIn(at("m6.xlsx"), upd, "2022")).toBe(10);
  expect(await valueIn(at("m6.xlsx"), newer, "2022")).toBe(6);
});

it("keeps the base through a refresh of the partner's workbook", async () => {
  expect((await ctg("refresh", at("caf-retour.xlsx"), "--out", at("caf-refait.xlsx"))).status).toBe(
    0
  );
  const merged = await ctg(
    "merge",
    at("m2.xlsx"),
    at("caf-refait.xlsx"),
    "--out",
    at("m7.xlsx"),
    "--json"
  );
  expect(merged.status).toBe(0);
  expect((JSON.parse(merged.out) as MergeJson).returns[0]).toMatchObject({
    baseRecorded: true,
    updated: 2,
  });
});
