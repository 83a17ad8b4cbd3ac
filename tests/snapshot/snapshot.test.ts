import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { STATUSES, type Status } from "../../src/domain/engine/types";
import {
  isSnapshotSheet,
  readSnapshot,
  readSnapshots,
  SNAPSHOT_FIRST_ROW,
  type SnapshotData,
} from "../../src/domain/snapshot/sheet";
import { latestSnapshotSummary } from "../../src/domain/snapshot/take";
import { STATUS_TEXT } from "../../src/domain/workbook/labels";
import { ctg, filledWorkbook, readStored } from "./helpers";

jest.setTimeout(180_000);

/**
 * `ctg snapshot`: the year's bilan frozen in a protected sheet of static values, the same values and
 * statuses as `ctg check` reads, kept by `ctg refresh` (twice) and `ctg merge`.
 */

const tmp = mkdtempSync(join(tmpdir(), "ctg-snapshot-"));
const at = (name: string) => join(tmp, name);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface CheckJson {
  indicators: Array<{
    id: string;
    sheet: string;
    status: string;
    years: Record<string, { raw: unknown; status: string }>;
  }>;
  summary: { byAxis: Record<string, Record<string, number>> };
}

let check: CheckJson;
let frozen: SnapshotData;

async function snapshotOf(
  file: string,
  year = 2023
): Promise<{
  data: SnapshotData;
  sheet: { protected: boolean | null; formulas: ReadonlyMap<string, string> };
}> {
  const stored = await readStored(file);
  const name = `Bilan ${year}`;
  const sheet = stored.sheets.get(name);
  if (!sheet) throw new Error(`${name} absent de ${file}`);
  const data = readSnapshot(name, sheet.rows);
  if (!data) throw new Error(`${name} non reconnu dans ${file}`);
  return { data, sheet };
}

beforeAll(async () => {
  await filledWorkbook(at("filled.xlsx"), 7);
  const checked = ctg(["check", at("filled.xlsx"), "--json"]);
  expect([0, 1]).toContain(checked.status);
  check = JSON.parse(checked.out) as CheckJson;
  const made = ctg(["snapshot", at("filled.xlsx"), "--annee", "2023", "--out", at("snap.xlsx")]);
  expect(made.err).toBe("");
  expect(made.status).toBe(0);
  expect(made.out).toMatch(/Bilan 2023 figé le \d{2}\/\d{2}\/\d{4}/);
  frozen = (await snapshotOf(at("snap.xlsx"))).data;
});

describe("ctg snapshot", () => {
  it("freezes every indicator target with the values and statuses ctg check gives", async () => {
    expect(frozen.year).toBe(2023);
    expect(frozen.rows.map((r) => r.id)).toEqual(check.indicators.map((r) => r.id));
    const entered = frozen.rows.filter((r) => r.raw !== null).length;
    expect(entered).toBeGreaterThan(50);
    check.indicators.forEach((r, i) => {
      const row = frozen.rows[i];
      expect(row?.sheet).toBe(r.sheet);
      expect(STATUS_TEXT[row?.status as Status]).toBe(r.status);
      const y = r.years["2023"];
      expect(STATUS_TEXT[row?.yearStatus as Status]).toBe(y?.status);
      const raw = y?.raw === "" || y?.raw === undefined ? null : y.raw;
      expect(row?.raw ?? null).toEqual(raw);
    });
    // Comments are frozen too.
    expect(frozen.rows.some((r) => r.comment !== "")).toBe(true);
  });

  it("writes a protected sheet of static values, dated", async () => {
    const { sheet } = await snapshotOf(at("snap.xlsx"));
    expect(sheet.protected).toBe(true);
    expect(sheet.formulas.size).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(at("snap.xlsx"));
    const ws = wb.getWorksheet("Bilan 2023");
    expect(String(ws?.getCell("A2").value)).toMatch(/^Figé le \d{2}\/\d{2}\/\d{4}/);
    expect(ws?.getRow(SNAPSHOT_FIRST_ROW + 1).getCell(4).value).toBe(frozen.rows[0]?.id);
  });

  it("is kept as it was by ctg refresh, twice, and by ctg merge", async () => {
    expect(ctg(["refresh", at("snap.xlsx"), "--out", at("r1.xlsx")]).status).toBe(0);
    const r1 = ctg(["refresh", at("r1.xlsx"), "--out", at("r2.xlsx")]);
    expect(r1.status).toBe(0);
    // Not carried as a sheet of the user's: rebuilt as the tool's.
    expect(r1.out).not.toMatch(/Onglets ajoutés par vous/);
    for (const file of ["r1.xlsx", "r2.xlsx"]) {
      const { data, sheet } = await snapshotOf(at(file));
      expect(data).toEqual(frozen);
      expect(sheet.protected).toBe(true);
    }
    expect(
      ctg(["build", "--partner", "CAF", "--from", at("r2.xlsx"), "--out", at("caf.xlsx")]).status
    ).toBe(0);
    const merged = ctg(["merge", at("r2.xlsx"), at("caf.xlsx"), "--out", at("merged.xlsx")]);
    expect(merged.status).toBe(0);
    const { data, sheet } = await snapshotOf(at("merged.xlsx"));
    expect(data).toEqual(frozen);
    expect(sheet.protected).toBe(true);
    // A partner's workbook does not get the master's bilans.
    expect((await readStored(at("caf.xlsx"))).sheets.has("Bilan 2023")).toBe(false);
  });

  it("shows the change since the bilan on the Tableau de bord, after the snapshot and after a refresh", async () => {
    for (const file of ["snap.xlsx", "r2.xlsx"]) {
      const stored = await readStored(at(file));
      const texts = (stored.sheets.get("Tableau de bord")?.rows ?? []).flat().map(String);
      expect(
        texts.some((t) => /^Depuis le bilan 2023 \(figé le \d{2}\/\d{2}\/\d{4}\)/.test(t))
      ).toBe(true);
    }
    const plain = await readStored(at("filled.xlsx"));
    const before = (plain.sheets.get("Tableau de bord")?.rows ?? []).flat().map(String);
    expect(before.some((t) => t.startsWith("Aucun bilan figé"))).toBe(true);
  });

  it("refuses the same year twice in French, and replaces it with --force, saying so", async () => {
    const again = ctg(["snapshot", at("snap.xlsx"), "--annee", "2023", "--out", at("again.xlsx")]);
    expect(again.status).toBe(2);
    expect(again.err).toMatch(/Le bilan 2023 est déjà figé .*--force/);
    const forced = ctg([
      "snapshot",
      at("snap.xlsx"),
      "--annee",
      "2023",
      "--out",
      at("again.xlsx"),
      "--force",
    ]);
    expect(forced.status).toBe(0);
    expect(forced.out).toMatch(/Le bilan 2023 figé le .* a été remplacé/);
    const stored = await readStored(at("again.xlsx"));
    expect(readSnapshots(stored.sheets).map((s) => s.year)).toEqual([2023]);
    // Another year is added beside it.
    const other = ctg(["snapshot", at("again.xlsx"), "--annee", "2022", "--out", at("two.xlsx")]);
    expect(other.err).toBe("");
    expect(other.status).toBe(0);
    expect(readSnapshots((await readStored(at("two.xlsx"))).sheets).map((s) => s.year)).toEqual([
      2022, 2023,
    ]);
  });

  it("refuses a year outside the plan, a bad year and a partner's workbook", () => {
    const outside = ctg(["snapshot", at("filled.xlsx"), "--annee", "2030", "--out", at("x.xlsx")]);
    expect(outside.status).toBe(2);
    expect(outside.err).toMatch(/L'année 2030 n'est pas une année du plan \(2021 à 2025\)/);
    const bad = ctg(["snapshot", at("filled.xlsx"), "--annee", "23", "--out", at("x.xlsx")]);
    expect(bad.status).toBe(2);
    expect(bad.err).toMatch(/Année invalide/);
    const partner = ctg(["snapshot", at("caf.xlsx"), "--annee", "2023", "--out", at("x.xlsx")]);
    expect(partner.status).toBe(2);
    expect(partner.err).toMatch(/classeur maître/);
  });

  it("never takes a sheet of the user's named « Bilan 2022 » for a frozen bilan", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(at("snap.xlsx"));
    const mine = wb.addWorksheet("Bilan 2022");
    mine.getCell("A1").value = "Mes notes du comité 2022";
    mine.getCell("A3").value = "Année du bilan";
    mine.getCell("B3").value = 2022;
    await wb.xlsx.writeFile(at("mine.xlsx"));
    const stored = await readStored(at("mine.xlsx"));
    expect(isSnapshotSheet("Bilan 2022", stored.sheets.get("Bilan 2022")?.rows ?? [])).toBe(false);
    const refreshed = ctg(["refresh", at("mine.xlsx"), "--out", at("mine-r.xlsx")]);
    expect(refreshed.status).toBe(0);
    expect(refreshed.out).toMatch(/Onglets ajoutés par vous, repris tels quels : Bilan 2022/);
    const after = await readStored(at("mine-r.xlsx"));
    expect(after.sheets.get("Bilan 2022")?.rows[0]?.[0]).toBe("Mes notes du comité 2022");
    expect(readSnapshots(after.sheets).map((s) => s.year)).toEqual([2023]);
    const refused = ctg(["snapshot", at("mine.xlsx"), "--annee", "2022", "--out", at("x.xlsx")]);
    expect(refused.status).toBe(2);
    expect(refused.err).toMatch(/déjà un onglet « Bilan 2022 » qui n'est pas un bilan figé/);
  });

  it("gives the summary of the latest bilan: counts per axis as ctg check, the reporting rate", async () => {
    const stored = await readStored(at("two.xlsx"));
    const summary = latestSnapshotSummary(readSnapshots(stored.sheets));
    expect(summary?.year).toBe(2023);
    expect(summary?.takenOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const [sheet, counts] of Object.entries(check.summary.byAxis)) {
      const id = sheet.replace(/^Axe /, "");
      for (const st of STATUSES)
        expect(summary?.byAxis[id]?.[st] ?? 0).toBe(counts[STATUS_TEXT[st]] ?? 0);
    }
    const total = check.indicators.length;
    const made = check.indicators.filter((r) => {
      const raw = r.years["2023"]?.raw;
      return raw !== null && raw !== undefined && raw !== "";
    }).length;
    expect(summary?.reportingRate[""]).toBeCloseTo(made / total, 10);
    expect(latestSnapshotSummary([])).toBeNull();
  });
});
