import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { openWorkbook, type OpenedWorkbook } from "../../src/cli/workflow";
import type { Plan } from "../../src/domain/plan/schema";
import type { EntryValue } from "../../src/domain/workbook/entries";
import { recalculateWithLibreOffice } from "../support/libreoffice";
import {
  SMALL_REFS,
  axisSheetWith,
  cellOf,
  clone,
  ctg,
  inspect,
  loadXlsx,
  rowOf,
  same,
  saveXlsx,
  smallPlan,
  tempDir,
} from "./helpers";

/**
 * The partner workflow on real files, end to end, as a coordinator lives it over two plan versions:
 * ctg build -> the coordinator types every kind of entry -> ctg build --partner --from -> the
 * partner types -> ctg merge -> saved by LibreOffice -> ctg refresh with a new plan version (an
 * indicator removed, one reworded, one added, an action removed, a year added) -> a second refresh
 * -> a new partner workbook -> ctg merge again (with a return left over from the old version).
 * Every entry ends up in the master, the journal or the archives.
 */

// LibreOffice is shared by the run: a conversion can queue behind other files' (recalculateWithLibreOffice
// gives up after 300 s, waiting included), then whole workbooks are read and checked.
jest.setTimeout(360_000);

const tmp = tempDir("ctg-lifecycle-");
const at = (name: string) => join(tmp, name);

const v1 = smallPlan(SMALL_REFS);
const actionsOf = (plan: Plan) => plan.axes.flatMap((a) => a.objectives.flatMap((o) => o.actions));
const indicatorOf = (plan: Plan, id: string) =>
  actionsOf(plan)
    .flatMap((a) => a.indicators)
    .find((i) => i.id === id)!;

/** Version 1.1.0: I.A.1-RES-2 removed, I.A.4-RES-1 reworded, I.A.1-RES-N1 added, I.E.3 removed, 2026 added. */
function version2(): Plan {
  const plan = clone(v1);
  plan.version = "1.1.0";
  const ia1 = actionsOf(plan).find((a) => a.ref === "I.A.1")!;
  ia1.indicators = ia1.indicators.filter((i) => i.id !== "I.A.1-RES-2");
  ia1.indicators.push({
    ...clone(indicatorOf(plan, "I.A.1-RES-1")),
    id: "I.A.1-RES-N1",
    text: "Au moins 12 familles nouvelles accueillies par an",
  });
  indicatorOf(plan, "I.A.4-RES-1").text =
    "Au moins 40 nouveaux visiteurs par an de la page Facebook";
  for (const axis of plan.axes) {
    for (const o of axis.objectives) o.actions = o.actions.filter((a) => a.ref !== "I.E.3");
    axis.objectives = axis.objectives.filter((o) => o.actions.length > 0);
  }
  plan.differences = plan.differences.filter((d) => d.ref !== "I.E.3");
  plan.years = { start: plan.years.start, end: plan.years.end + 1 };
  return plan;
}

/** Version 1.2.0: I.D.1-RES-2 removed too. */
function version3(v2: Plan): Plan {
  const plan = clone(v2);
  plan.version = "1.2.0";
  const id1 = actionsOf(plan).find((a) => a.ref === "I.D.1")!;
  id1.indicators = id1.indicators.filter((i) => i.id !== "I.D.1-RES-2");
  return plan;
}

const utc = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
};

type Typed = [sheet: string | null, id: string, column: string, value: ExcelJS.CellValue];

async function fill(from: string, to: string, values: readonly Typed[]): Promise<string> {
  const wb = await loadXlsx(from);
  for (const [sheet, id, column, value] of values) {
    const ws = sheet ? wb.getWorksheet(sheet)! : axisSheetWith(wb, id);
    cellOf(ws, id, column).value = value;
  }
  return saveXlsx(wb, to);
}

async function open(file: string): Promise<OpenedWorkbook> {
  const o = await openWorkbook(file);
  if (!o.ok) throw new Error(`${file} unreadable`);
  return o.value;
}

const valueOf = (wb: OpenedWorkbook, sheet: string | null, id: string, column: string) =>
  wb.state.entries.find(
    (e) =>
      (sheet === null ? /^Axe /.test(e.sheet) : e.sheet === sheet) &&
      e.key === id &&
      e.column === column
  )?.value;

/** The coordinator's entries, of every kind. */
const MASTER: Typed[] = [
  [null, "I.A.1-RES-1", "2022", 14],
  [null, "I.A.1-RES-1", "Commentaire", "=pas une formule"],
  [null, "I.A.1-RES-1", "Source", "Bilan CAF 2022"],
  [null, "I.A.1-RES-2", "2023", 9],
  [null, "I.A.4-RES-1", "2022", 35],
  [null, "I.A.4-RES-2", "Référence", 40],
  [null, "I.E.3-REA-1", "2022", 6],
  [null, "III.C.2-RES-1", "Agrégation", "Par an"],
  ["Échéancier", "I.A.1", "Phase de démarrage", "Moyen terme"],
  ["Échéancier", "I.A.1", "Début (saisi)", utc("2022-03-01")],
  ["Échéancier", "I.A.1", "Fin (saisie)", utc("2024-06-30")],
  ["Échéancier", "I.A.1", "Avancement", 0.4],
  ["Échéancier", "I.E.3", "Phase de démarrage", "Court terme"],
];
/** The partner's entries. */
const PARTNER: Typed[] = [
  [null, "I.A.1-RES-1", "2022", 15],
  [null, "I.A.1-RES-1", "2023", 13],
  [null, "I.A.1-RES-2", "2024", 10],
  [null, "I.A.4-RES-2", "Commentaire", "+ signalé en comité"],
  [null, "I.D.1-RES-2", "Source", "@CAF"],
];

const v2 = version2();
const v3 = version3(v2);
let mergedLo: string;
let afterMerge: OpenedWorkbook;
let refreshed: OpenedWorkbook;
let refreshJson: {
  kept: number;
  archived: number;
  archives: Array<{
    id: string;
    label: string;
    column: string;
    value: EntryValue;
    reason: string;
    planVersion: string;
  }>;
  newRows: number;
  plan: { id: string; from: string; to: string };
};
let decisionKey: string;

beforeAll(async () => {
  writeFileSync(at("v1.json"), JSON.stringify(v1));
  writeFileSync(at("v2.json"), JSON.stringify(v2));
  writeFileSync(at("v3.json"), JSON.stringify(v3));
  expect((await ctg("build", "--plan", at("v1.json"), "--out", at("vierge.xlsx"))).status).toBe(0);
  // The coordinator's entries, the Paramètres and a decision on an Écart.
  const wb = await loadXlsx(at("vierge.xlsx"));
  for (const [sheet, id, column, value] of MASTER) {
    const ws = sheet ? wb.getWorksheet(sheet)! : axisSheetWith(wb, id);
    cellOf(ws, id, column).value = value;
  }
  const params = wb.getWorksheet("Paramètres")!;
  params.getCell("B3").value = utc("2024-06-15");
  params.getCell("B10").value = utc("2021-03-01");
  const ecarts = wb.getWorksheet("Écarts")!;
  ecarts.getCell("F5").value = "Formulation de la fiche retenue";
  decisionKey = ["A5", "B5", "C5"]
    .map((a) => String(ecarts.getCell(a).value ?? "").trim())
    .join("|");
  ecarts.getCell(rowOf(ecarts, "I.E.3"), 6).value = "Sans objet";
  await saveXlsx(wb, at("maitre.xlsx"));
  const partner = await ctg(
    "build",
    "--partner",
    "CAF",
    "--from",
    at("maitre.xlsx"),
    "--out",
    at("caf.xlsx")
  );
  expect(partner.status).toBe(0);
  await fill(at("caf.xlsx"), at("retour-caf.xlsx"), PARTNER);
  const merge = await ctg(
    "merge",
    at("maitre.xlsx"),
    at("retour-caf.xlsx"),
    "--out",
    at("fusion.xlsx")
  );
  expect(merge.status).toBe(0);
  afterMerge = await open(at("fusion.xlsx"));
  // The merged master opened and saved again by LibreOffice, as a coordinator without Excel would.
  mergedLo = await recalculateWithLibreOffice(at("fusion.xlsx"), {
    format: "xlsx",
    outDir: tempDir("ctg-lifecycle-lo-"),
  });
});

describe("a master saved by LibreOffice", () => {
  it("gives back every entry as typed (dates, fractions, text) and the journal, and nothing stray", async () => {
    const lo = await open(mergedLo);
    const shown = (w: OpenedWorkbook) =>
      w.state.entries.map((e) => [e.sheet, e.key, e.column, e.value]).sort();
    expect(shown(lo)).toEqual(shown(afterMerge));
    expect(lo.state.journal).toEqual(afterMerge.state.journal);
    expect(lo.state.journal.length).toBeGreaterThan(PARTNER.length);
    expect(lo.state.strays ?? []).toEqual([]);
    expect(valueOf(lo, "Échéancier", "I.A.1", "Début (saisi)")).toBe("2022-03-01");
    expect(valueOf(lo, "Paramètres", "Date d'évaluation", "#1")).toBe("2024-06-15");
    const original = await open(at("maitre.xlsx"));
    expect(original.state.entries).toHaveLength(MASTER.length + 4);
  });
});

describe("merge, refresh, refresh again, merge again", () => {
  beforeAll(async () => {
    const refresh = await ctg(
      "refresh",
      mergedLo,
      "--plan",
      at("v2.json"),
      "--out",
      at("v2.xlsx"),
      "--json"
    );
    expect(refresh.status).toBe(0);
    refreshJson = JSON.parse(refresh.out) as typeof refreshJson;
    refreshed = await open(at("v2.xlsx"));
  });

  it("copies the master's entries of the partner's rows into its workbook (--from)", async () => {
    const caf = await open(at("caf.xlsx"));
    expect(valueOf(caf, null, "I.A.1-RES-1", "2022")).toBe(14);
    expect(valueOf(caf, null, "I.A.4-RES-2", "Référence")).toBe(40);
    expect(valueOf(caf, "Échéancier", "I.A.1", "Avancement")).toBe(0.4);
    // Not the partner's action: not in its workbook.
    expect(caf.state.entries.some((e) => e.key.startsWith("I.E.3"))).toBe(false);
    // Text that looks like a formula stays text in the partner's file.
    const axe = inspect(at("caf.xlsx")).sheets.find((s) => s.name === "Axe I")!;
    expect(Object.values(axe.cells)).toContainEqual(["s", "=pas une formule"]);
  });

  it("merges the return: the partner's correction of a value it was sent is taken, the journal keeps both", () => {
    expect(valueOf(afterMerge, null, "I.A.1-RES-1", "2022")).toBe(15);
    expect(valueOf(afterMerge, null, "I.A.1-RES-1", "2023")).toBe(13);
    expect(afterMerge.state.journal).toContainEqual(
      expect.objectContaining({
        id: "I.A.1-RES-1",
        column: "2022",
        sentValue: 14,
        masterValue: 14,
        returnedValue: 15,
        outcome: "Corrigée par le partenaire : valeur renvoyée retenue",
      })
    );
    expect(valueOf(afterMerge, "Paramètres", "Date d'évaluation", "#1")).toBe("2024-06-15");
  });

  it("ctg refresh keeps every entry that still has its place", () => {
    const kept: Array<[string | null, string, string, EntryValue]> = [
      [null, "I.A.1-RES-1", "2022", 15],
      [null, "I.A.1-RES-1", "2023", 13],
      [null, "I.A.1-RES-1", "Commentaire", "=pas une formule"],
      [null, "I.A.1-RES-1", "Source", "Bilan CAF 2022"],
      [null, "I.A.4-RES-2", "Référence", 40],
      [null, "I.A.4-RES-2", "Commentaire", "+ signalé en comité"],
      [null, "I.D.1-RES-2", "Source", "@CAF"],
      [null, "III.C.2-RES-1", "Agrégation", "Par an"],
      ["Échéancier", "I.A.1", "Phase de démarrage", "Moyen terme"],
      ["Échéancier", "I.A.1", "Début (saisi)", "2022-03-01"],
      ["Échéancier", "I.A.1", "Fin (saisie)", "2024-06-30"],
      ["Échéancier", "I.A.1", "Avancement", 0.4],
      ["Paramètres", "Date d'évaluation", "#1", "2024-06-15"],
      ["Paramètres", "Court terme", "#1", "2021-03-01"],
      ["Écarts", decisionKey, "Décision", "Formulation de la fiche retenue"],
    ];
    for (const [sheet, id, column, value] of kept)
      expect([sheet, id, column, valueOf(refreshed, sheet, id, column)]).toEqual([
        sheet,
        id,
        column,
        value,
      ]);
    expect(refreshJson.kept).toBe(refreshed.state.entries.length);
    expect(refreshJson.plan).toEqual({ id: v1.id, from: "1.0.0", to: "1.1.0" });
    expect(refreshJson.newRows).toBe(1);
  });

  it("ctg refresh archives the entries of removed and reworded indicators, with id and text", () => {
    const archived = (id: string, column: string) =>
      refreshJson.archives.find((a) => a.id === id && a.column === column);
    expect(archived("I.A.1-RES-2", "2023")).toMatchObject({
      value: 9,
      label: indicatorOf(v1, "I.A.1-RES-2").text,
      planVersion: "1.0.0",
      reason: expect.stringMatching(/absent de la nouvelle version/),
    });
    expect(archived("I.A.1-RES-2", "2024")).toMatchObject({ value: 10 });
    expect(archived("I.A.4-RES-1", "2022")).toMatchObject({
      value: 35,
      label: indicatorOf(v1, "I.A.4-RES-1").text,
      reason: expect.stringMatching(/renommé/),
    });
    expect(archived("I.E.3-REA-1", "2022")).toMatchObject({ value: 6 });
    expect(archived("I.E.3", "Phase de démarrage")).toMatchObject({ value: "Court terme" });
    expect(refreshJson.archives.find((a) => a.value === "Sans objet")).toBeDefined();
    expect(refreshJson.archived).toBe(refreshJson.archives.length);
    // The Archives sheet of the file says the same.
    expect(refreshed.state.archives.map((a) => [a.id, a.column, a.value])).toEqual(
      refreshJson.archives.map((a) => [a.id, a.column, a.value])
    );
    expect(refreshed.state.journal).toEqual(afterMerge.state.journal);
  });

  it("ctg refresh never writes over its input, and refuses another plan; build --from refuses a plan that is not the master's", async () => {
    const before = readFileSync(at("fusion.xlsx"));
    const same = await ctg(
      "refresh",
      at("fusion.xlsx"),
      "--plan",
      at("v2.json"),
      "--out",
      at("fusion.xlsx")
    );
    expect(same.status).toBe(2);
    expect(same.err).toContain("n'écrase jamais l'original");
    const other = { ...v2, id: "autre-territoire-2022-2026" };
    writeFileSync(at("autre.json"), JSON.stringify(other));
    const otherPlan = await ctg(
      "refresh",
      at("fusion.xlsx"),
      "--plan",
      at("autre.json"),
      "--out",
      at("autre.xlsx")
    );
    expect(otherPlan.status).toBe(2);
    expect(otherPlan.err).toBe(
      `Le nouveau plan (autre-territoire-2022-2026) n'est pas le plan du classeur (${v1.id}) : un classeur suit un seul plan.`
    );
    const mismatch = await ctg(
      "build",
      "--partner",
      "CAF",
      "--from",
      at("fusion.xlsx"),
      "--plan",
      at("v2.json"),
      "--out",
      at("x.xlsx")
    );
    expect(mismatch.status).toBe(2);
    expect(mismatch.err).toContain("n'est pas celui du classeur");
    expect(readFileSync(at("fusion.xlsx")).equals(before)).toBe(true);
  });

  it("ctg refresh gives the new indicator and the new year empty cells, and keeps text as text", () => {
    expect(
      refreshed.state.entries.some((e) => e.key === "I.A.1-RES-N1" || e.column === "2026")
    ).toBe(false);
    const axe = inspect(at("v2.xlsx")).sheets.find((s) => s.name === "Axe I")!;
    const cells = Object.values(axe.cells);
    expect(cells).toContainEqual(["s", "I.A.1-RES-N1"]);
    expect(cells).toContainEqual(["s", "2026"]);
    for (const t of ["=pas une formule", "+ signalé en comité", "@CAF"])
      expect(cells).toContainEqual(["s", t]);
  });

  it("a second refresh keeps the Archives and the Journal rows, and adds its own archives after them", async () => {
    const second = await ctg(
      "refresh",
      at("v2.xlsx"),
      "--plan",
      at("v3.json"),
      "--out",
      at("v3.xlsx")
    );
    expect(second.status).toBe(0);
    const v3file = await open(at("v3.xlsx"));
    expect(v3file.state.archives).toEqual([
      ...refreshed.state.archives,
      expect.objectContaining({
        id: "I.D.1-RES-2",
        column: "Source",
        value: "@CAF",
        planVersion: "1.1.0",
      }),
    ]);
    expect(v3file.state.journal).toEqual(refreshed.state.journal);
    expect(v3file.state.entries.map((e) => [e.key, e.column, e.value]).sort()).toEqual(
      refreshed.state.entries
        .filter((e) => e.key !== "I.D.1-RES-2")
        .map((e) => [e.key, e.column, e.value])
        .sort()
    );
    // Same plan again: nothing moves.
    const third = await ctg("refresh", at("v3.xlsx"), "--out", at("v3-bis.xlsx"));
    expect(third.status).toBe(0);
    const again = await open(at("v3-bis.xlsx"));
    expect(again.state.archives).toEqual(v3file.state.archives);
    expect(again.state.journal).toEqual(v3file.state.journal);
    expect(again.state.entries).toEqual(v3file.state.entries);
  });

  it("merges again on the new version, refuses a return of the old one, and has lost nothing", async () => {
    expect(
      (await ctg("build", "--partner", "CAF", "--from", at("v3.xlsx"), "--out", at("caf-v3.xlsx")))
        .status
    ).toBe(0);
    const masterBytes = readFileSync(at("v3.xlsx"));
    await fill(at("caf-v3.xlsx"), at("retour-caf-v3.xlsx"), [
      [null, "I.A.1-RES-N1", "2026", 12],
      [null, "I.A.1-RES-1", "2023", 11],
    ]);
    const merge = await ctg(
      "merge",
      at("v3.xlsx"),
      at("retour-caf-v3.xlsx"),
      at("retour-caf.xlsx"),
      "--out",
      at("fusion-v3.xlsx"),
      "--prefer",
      "return"
    );
    expect(merge.status).toBe(1);
    expect(merge.out).toContain(
      "ce classeur a été préparé pour la version 1.0.0 du plan, le classeur maître est en version 1.2.0"
    );
    const final = await open(at("fusion-v3.xlsx"));
    expect(valueOf(final, null, "I.A.1-RES-N1", "2026")).toBe(12);
    expect(valueOf(final, null, "I.A.1-RES-1", "2023")).toBe(11);
    // Everything typed along the way is in the master, the journal or the archives.
    const typed: Array<[string, string, unknown]> = [
      ...MASTER.map(([, id, column, value]) => [id, column, value] as [string, string, unknown]),
      ...PARTNER.map(([, id, column, value]) => [id, column, value] as [string, string, unknown]),
      ["Date d'évaluation", "#1", "2024-06-15"],
      ["Court terme", "#1", "2021-03-01"],
    ].map(([id, column, value]) => [
      id,
      column,
      value instanceof Date ? value.toISOString().slice(0, 10) : value,
    ]);
    const lost = typed.filter(
      ([id, column, value]) =>
        !final.state.entries.some(
          (e) => e.key === id && e.column === column && same(e.value, value as EntryValue)
        ) &&
        !final.state.journal.some(
          (j) =>
            j.id === id &&
            j.column === column &&
            (same(j.masterValue, value as EntryValue) || same(j.returnedValue, value as EntryValue))
        ) &&
        !final.state.archives.some(
          (a) => a.id === id && a.column === column && same(a.value, value as EntryValue)
        )
    );
    expect(lost).toEqual([]);
    expect(final.state.journal).toContainEqual(
      expect.objectContaining({
        id: "I.A.1-RES-1",
        column: "2023",
        masterValue: 13,
        returnedValue: 11,
      })
    );
    expect(final.state.journal.slice(0, refreshed.state.journal.length)).toEqual(
      refreshed.state.journal
    );
    expect(readFileSync(at("v3.xlsx")).equals(masterBytes)).toBe(true);
  });
});
