import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { openWorkbook } from "../../src/cli/workflow";
import { verifyReturn } from "../../src/domain/merge/verify";
import { partnerActions } from "../../src/domain/plan/partners";
import { buildWorkbook } from "../../src/domain/workbook/build";
import { placeEntries, type Entry } from "../../src/domain/workbook/entries";
import { readXlsx } from "../../src/xlsx/read";
import { writeXlsx } from "../../src/xlsx/write";
import { recalculateWithLibreOffice } from "../support/libreoffice";
import {
  GEN,
  a1,
  cellOf,
  ctg,
  inspect,
  loadXlsx,
  saveXlsx,
  seedPlan,
  tempDir,
  type Inspected,
} from "./helpers";

/**
 * The CAF's workbook of the Pays Ségali plan, as the partner receives it (`ctg build --partner CAF
 * --from` the master): read by an independent reader (openpyxl) for its locks and protection, filled
 * and saved by LibreOffice (statuses computed there), and taken back by `ctg merge`. Also a return
 * saved with shared formulas, as Excel writes them.
 */

// LibreOffice is shared by the run: a conversion can queue behind other files' (recalculateWithLibreOffice
// gives up after 300 s, waiting included), then whole workbooks are read and checked.
jest.setTimeout(360_000);

const tmp = tempDir("ctg-partner-file-");
const at = (name: string) => join(tmp, name);
const CAF = partnerActions(seedPlan, "CAF");
const model = buildWorkbook(seedPlan, { ...GEN, partner: "CAF" });

let built: { status: number; out: string; err: string };
let inspected: Inspected;

const utc = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
};

beforeAll(async () => {
  // The master with a few entries (as `ctg build` writes it, then typed into: faster this way).
  const entry = (sheet: string, key: string, column: string, value: number | string): Entry => ({
    sheet,
    key,
    column,
    label: "",
    value,
  });
  const master = placeEntries(buildWorkbook(seedPlan, GEN), [
    entry("Axe I", "I.A.1-RES-1", "2022", 14),
    entry("Axe II", "II.A.1-RES-1", "2022", 3),
    entry("Échéancier", "I.A.1", "Phase de démarrage", "Court terme"),
  ]);
  expect(master.placed).toHaveLength(3);
  writeFileSync(at("maitre.xlsx"), await writeXlsx(master.model));
  built = await ctg(
    "build",
    "--partner",
    "CAF",
    "--from",
    at("maitre.xlsx"),
    "--out",
    at("caf.xlsx")
  );
  inspected = inspect(at("caf.xlsx"));
});

describe("ctg build --partner CAF --from the master", () => {
  it("writes the CAF's workbook and says how many entries it took from the master", () => {
    expect(built.status).toBe(0);
    expect(built.out).toBe(
      `Classeur partenaire écrit : ${at("caf.xlsx")} (CAF : ${CAF.length} action(s), ${model.sheets
        .filter((s) => /^Axe /.test(s.name))
        .reduce(
          (n, s) => n + s.cells.length - 4,
          0
        )} ligne(s) d'indicateurs, 2 saisie(s) reprises du classeur maître).`
    );
  });

  it("holds only the CAF's actions, found however the plan writes the name, and no Écarts sheet", () => {
    expect(inspected.sheets.map((s) => s.name)).toEqual([
      "Sommaire",
      "Tableau de bord",
      "Axe I",
      "Axe III",
      "Axe IV",
      "Récapitulatif",
      "Échéancier",
      "Fiches actions",
      "Paramètres",
      "CTG_meta",
    ]);
    const refs = new Set<string>();
    for (const s of inspected.sheets.filter((x) => /^Axe /.test(x.name)))
      for (const [addr, [, v]] of Object.entries(s.cells))
        if (/^C\d+$/.test(addr) && Number(addr.slice(1)) > 4) refs.add(String(v));
    expect([...refs].sort()).toEqual([...CAF].sort());
    for (const ref of ["III.A.4", "III.B.2", "I.D.1", "I.D.4", "IV.B.1"])
      expect(refs).toContain(ref);
  });

  it("has the partner's instructions on the Sommaire", () => {
    const texts = Object.values(inspected.sheets[0]!.cells).map(([, v]) => String(v));
    expect(texts).toContain(
      "Classeur préparé pour : CAF — à remplir et à renvoyer à la coordination CTG"
    );
    expect(texts).toContain("À lire d'abord");
    expect(
      texts.some((t) =>
        t.startsWith("Ce classeur ne contient que les actions de la CTG que CAF pilote")
      )
    ).toBe(true);
    expect(texts.some((t) => t.includes("sans aucun complément à installer"))).toBe(true);
    expect(texts).toContain("Partenaire");
  });

  it("unlocks every input cell and locks every other cell (read by openpyxl), with every sheet protected", () => {
    expect(inspected.defaultLocked).toBe(true);
    for (const sheet of model.sheets) {
      const read = inspected.sheets.find((s) => s.name === sheet.name)!;
      expect([sheet.name, read.protected]).toEqual([sheet.name, true]);
      expect(read.unlockedColumns).toEqual([]);
      expect(read.unlockedRows).toEqual([]);
      const inputs: string[] = [];
      sheet.cells.forEach((line, r) =>
        line.forEach((cell, c) => {
          if (cell?.style && model.styles[cell.style].unlocked === true) inputs.push(a1(r, c));
        })
      );
      expect([sheet.name, [...read.unlocked].sort()]).toEqual([sheet.name, inputs.sort()]);
    }
    const axe = inspected.sheets.find((s) => s.name === "Axe I")!;
    expect(axe.unlocked.length).toBeGreaterThan(500);
    expect(inspected.sheets.find((s) => s.name === "Récapitulatif")!.unlocked).toEqual([]);
  });

  it("takes the master's entries for the CAF's rows only", async () => {
    const opened = await openWorkbook(at("caf.xlsx"));
    if (!opened.ok) throw new Error("unreadable");
    const entries = opened.value.state.entries.map((e) => [e.sheet, e.key, e.column, e.value]);
    expect(entries).toEqual(
      expect.arrayContaining([
        ["Axe I", "I.A.1-RES-1", "2022", 14],
        ["Échéancier", "I.A.1", "Phase de démarrage", "Court terme"],
      ])
    );
    expect(entries.some(([, key]) => String(key).startsWith("II."))).toBe(false);
    expect(opened.value.stored.meta.partner).toBe("CAF");
    // The plan it was made from is stored in it, whole (in chunks of the CTG_meta sheet).
    expect(opened.value.stored.planJson).toBe(model.planJson);
  });

  it("refuses an unknown partner with exit 2 and close names", async () => {
    const r = await ctg("build", "--partner", "Caisse CAF Aveyron", "--out", at("inconnu.xlsx"));
    expect(r.status).toBe(2);
    expect(r.err.split("\n")).toEqual([
      "Aucune action du plan ne cite « Caisse CAF Aveyron » parmi ses pilotes ou partenaires.",
      expect.stringMatching(/^Noms proches trouvés dans le plan : CAF, .*Aveyron/),
      "Tapez « ctg partners » pour la liste des noms cités dans le plan.",
    ]);
    const article = await ctg("build", "--partner", "la", "--out", at("inconnu.xlsx"));
    expect(article.status).toBe(2);
    expect(existsSync(at("inconnu.xlsx"))).toBe(false);
  });

  it("lists the partners of the plan (ctg partners)", async () => {
    const json = await ctg("partners", "--json");
    expect(json.status).toBe(0);
    const names = JSON.parse(json.out) as Array<{ name: string; actions: string[] }>;
    // The most concerned first; each with the actions its workbook would hold.
    expect(names[0]).toEqual({
      name: "CSC",
      actions: expect.arrayContaining(["I.B.2", "IV.C.2"]),
      variants: [],
    });
    expect(names.find((n) => n.name === "CAF")?.actions).toHaveLength(25);
    const human = await ctg("partners");
    expect(human.out.split("\n")[0]).toBe(
      `${names.length} noms cités comme pilotes ou partenaires dans le plan (nombre d'actions) :`
    );
    expect(human.out.split("\n").slice(1, 3)).toEqual([
      "   28  CSC",
      "   25  CAF  (aussi écrit : Caf12)",
    ]);
  });
});

describe("the CAF's return, filled and saved by LibreOffice", () => {
  let lo: string;
  let status: (sheet: string, id: string, header: string) => ExcelJS.CellValue;

  beforeAll(async () => {
    const wb = await loadXlsx(at("caf.xlsx"));
    const axe = wb.getWorksheet("Axe I")!;
    cellOf(axe, "I.A.1-RES-1", "2023").value = 15;
    cellOf(axe, "I.A.1-REA-1", "2021").value = "Oui";
    cellOf(axe, "I.A.4-RES-1", "2022").value = "beaucoup";
    cellOf(axe, "I.A.4-RES-1", "Commentaire").value = "=chiffre à confirmer";
    cellOf(axe, "I.C.5-RES-1", "2022").value = 0.45;
    const schedule = wb.getWorksheet("Échéancier")!;
    cellOf(schedule, "I.A.4", "Début (saisi)").value = utc("2022-03-01");
    cellOf(schedule, "I.A.4", "Fin (saisie)").value = utc("2024-12-31");
    wb.getWorksheet("Paramètres")!.getCell("B3").value = utc("2023-06-15");
    await saveXlsx(wb, at("caf-rempli.xlsx"));
    lo = await recalculateWithLibreOffice(at("caf-rempli.xlsx"), {
      format: "xlsx",
      outDir: tempDir("ctg-partner-lo-"),
    });
    const recalculated = await loadXlsx(lo);
    status = (sheet, id, header) => {
      const v = cellOf(recalculated.getWorksheet(sheet)!, id, header).value;
      return v && typeof v === "object" && "result" in v ? (v.result as ExcelJS.CellValue) : v;
    };
  });

  it("has live statuses: LibreOffice computes them from what the partner typed", () => {
    expect(status("Axe I", "I.A.1-RES-1", "Statut 2023")).toBe("Atteint");
    expect(status("Axe I", "I.A.1-RES-1", "Statut 2022")).toBe("Atteint");
    expect(status("Axe I", "I.A.1-REA-1", "Statut 2021")).toBe("Atteint");
    expect(status("Axe I", "I.A.4-RES-1", "Statut 2022")).toBe("Saisie invalide");
    expect(status("Axe I", "I.A.4-RES-1", "Statut")).toBe("Saisie invalide");
    expect(status("Axe I", "I.A.1-RES-2", "Statut")).toBe("À renseigner");
  });

  it("is taken whole by ctg merge (exit 0, no false warning), with a return saved with shared formulas", async () => {
    // Excel saves repeated formulas as shared formulas: the same return, written that way.
    const wb = await loadXlsx(at("caf-rempli.xlsx"));
    const shared = shareFormulas(wb.getWorksheet("Axe I")!, true);
    expect(shared).toBeGreaterThan(0);
    cellOf(wb.getWorksheet("Axe III")!, "III.A.4-REA-1", "2022").value = 2;
    await saveXlsx(wb, at("caf-partage.xlsx"));
    const r = await ctg(
      "merge",
      at("maitre.xlsx"),
      lo,
      at("caf-partage.xlsx"),
      "--out",
      at("fusion.xlsx"),
      "--json"
    );
    expect(r.status).toBe(0);
    const report = JSON.parse(r.out) as {
      returns: Array<{
        merged: boolean;
        warnings: unknown[];
        problems: unknown[];
        added: number;
        same: number;
        invalid: number;
      }>;
    };
    expect(report.returns[0]).toMatchObject({
      merged: true,
      problems: [],
      warnings: [],
      added: 7,
      invalid: 1,
    });
    expect(report.returns[0]!.same).toBeGreaterThanOrEqual(2);
    expect(report.returns[1]).toMatchObject({ merged: true, problems: [], warnings: [], added: 1 });
    const opened = await openWorkbook(at("fusion.xlsx"));
    if (!opened.ok) throw new Error("unreadable");
    const value = (id: string, column: string) =>
      opened.value.state.entries.find((e) => e.key === id && e.column === column)?.value;
    expect(value("I.A.1-RES-1", "2023")).toBe(15);
    expect(value("I.A.4-RES-1", "2022")).toBe("beaucoup");
    expect(value("I.A.4-RES-1", "Commentaire")).toBe("=chiffre à confirmer");
    expect(value("III.A.4-REA-1", "2022")).toBe(2);
    expect(value("I.C.5-RES-1", "2022")).toBe(0.45);
    expect(value("I.A.4", "Début (saisi)")).toBe("2022-03-01");
    expect(value("I.A.4", "Fin (saisie)")).toBe("2024-12-31");
    expect(readdirSync(tmp).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("still sees a locked formula changed inside shared formulas", async () => {
    const wb = await loadXlsx(at("caf.xlsx"));
    expect(shareFormulas(wb.getWorksheet("Axe I")!, false)).toBe(1);
    const data = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const read = await readXlsx(data);
    if (!read.ok) throw new Error("unreadable");
    const v = verifyReturn(model, read.workbook, {
      planId: seedPlan.id,
      planVersion: seedPlan.version,
    });
    expect(v.ok).toBe(false);
    expect(v.problems.map((p) => p.code)).toContain("merge.locked_changed");
  });
});

/**
 * Rewrites formulas of an axis sheet as shared formulas, as Excel does. With `faithful`, only where
 * the shared formula gives each cell its own formula; otherwise one cell is made to share a formula
 * that is not its own (a changed formula). Returns how many cells now share a formula.
 */
function shareFormulas(ws: ExcelJS.Worksheet, faithful: boolean): number {
  const { slideFormula } = require("exceljs/lib/utils/shared-formula") as {
    slideFormula: (formula: string, from: string, to: string) => string;
  };
  let count = 0;
  for (let col = 18; col <= ws.columnCount; col++) {
    for (let r = 5; r < ws.rowCount; r++) {
      const master = ws.getCell(r, col);
      const next = ws.getCell(r + 1, col);
      const f = master.formula;
      if (
        !f ||
        !next.formula ||
        typeof master.value !== "object" ||
        "sharedFormula" in (master.value ?? {})
      )
        continue;
      const slid = slideFormula(f, master.address, next.address);
      if ((slid === next.formula) !== faithful) continue;
      const result = (master.value as ExcelJS.CellFormulaValue).result;
      master.value = {
        formula: f,
        shareType: "shared",
        ref: `${master.address}:${next.address}`,
        result,
      } as ExcelJS.CellValue;
      next.value = {
        sharedFormula: master.address,
        result: (next.value as ExcelJS.CellFormulaValue).result,
      } as ExcelJS.CellValue;
      count++;
      if (!faithful) return count;
      r++;
    }
  }
  return count;
}
