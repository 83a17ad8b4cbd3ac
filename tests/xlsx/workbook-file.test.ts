import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { buildWorkbook } from "../../src/domain/workbook/build";
import { runAsync, type Io } from "../../src/cli/main";
import type { CheckReport } from "../../src/domain/workbook/check";
import type { Plan } from "../../src/domain/plan/schema";
import { AXIS_FIRST_ROW, axisLayout, planYears } from "../../src/domain/workbook/axisSheet";
import { fillSample } from "../../tools/sampleFill";
import { recalculateWithLibreOffice } from "../support/libreoffice";

/**
 * The workbook file as a real user gets it: written by `ctg build`, opened and recalculated by
 * LibreOffice Calc, read by an independent reader (openpyxl), checked by `ctg check`.
 */
// LibreOffice is shared by the run: a conversion can queue behind other files' (recalculateWithLibreOffice
// gives up after 300 s, waiting included), then whole workbooks are read and checked.
jest.setTimeout(360_000);

const root = join(__dirname, "..", "..");
const tmp = mkdtempSync(join(tmpdir(), "ctg-xlsx-"));
const plan = JSON.parse(
  readFileSync(join(root, "seeds/pays-segali-2021-2025.json"), "utf8")
) as Plan;
const years = planYears(plan);
const layout = axisLayout(years);

async function ctg(...argv: string[]): Promise<{ status: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l) };
  const status = await runAsync(argv, io);
  return { status, out: out.join("\n"), err: err.join("\n") };
}

interface Inspected {
  sheets: Array<{
    name: string;
    state: string;
    frozen: string | null;
    protected: boolean;
    tables: Array<{ name: string; ref: string; columns: string[] }>;
    merged: string[];
    validations: Array<{
      sqref: string;
      type: string;
      operator: string | null;
      errorStyle: string;
      formula1: string | null;
      formula2: string | null;
      prompt: string | null;
      error: string | null;
    }>;
    conditionalFormats: Array<{ sqref: string; type: string; formula: string[] }>;
    unlocked: string[];
    cells: Record<string, [string, unknown]>;
    printTitleRows: string | null;
    orientation: string | null;
    rowBreaks: number[];
  }>;
  definedNames: string[];
}

function inspect(file: string): Inspected {
  const out = execFileSync(
    "/usr/bin/python3",
    [join(root, "tests/support/inspect_xlsx.py"), file],
    {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      stdio: ["ignore", "pipe", "ignore"],
    }
  );
  return JSON.parse(out) as Inspected;
}

/** LibreOffice recalculates and saves the file as .xlsx (or renders it as pdf). */
function libreoffice(file: string, to: "xlsx" | "pdf"): Promise<string> {
  return recalculateWithLibreOffice(file, { format: to, outDir: mkdtempSync(join(tmp, "lo-")) });
}

/** Sets the evaluation date of a workbook (Paramètres!B3) so that statuses do not depend on today. */
async function withEvaluationDate(data: Buffer, iso: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const [y, m, d] = iso.split("-").map(Number);
  wb.getWorksheet("Paramètres")!.getCell("B3").value = new Date(Date.UTC(y!, m! - 1, d!));
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const built = join(tmp, "classeur.xlsx");
let buildResult: { status: number; out: string; err: string };
let inspected: Inspected;

beforeAll(async () => {
  buildResult = await ctg("build", "--out", built);
  inspected = inspect(built);
});

describe("ctg build", () => {
  it("writes the workbook, prints its path, leaves no temporary file", () => {
    expect(buildResult.status).toBe(0);
    expect(buildResult.out).toMatch(
      new RegExp(
        `^Classeur écrit : ${built.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(11 onglets, \\d+ lignes d'indicateurs\\)\\.$`
      )
    );
    expect(readdirSync(tmp).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("writes into the current folder by default", () => {
    const cwd = process.cwd();
    const dir = mkdtempSync(join(tmp, "cwd-"));
    process.chdir(dir);
    return ctg("build")
      .then((r) => {
        expect(r.status).toBe(0);
        expect(existsSync(join(dir, `classeur-${plan.id}.xlsx`))).toBe(true);
      })
      .finally(() => process.chdir(cwd));
  });

  it("refuses an invalid plan with status 2 and writes nothing", async () => {
    const bad = join(tmp, "bad-plan.json");
    writeFileSync(bad, JSON.stringify({ ...plan, years: { start: 2025, end: 2021 } }));
    const out = join(tmp, "never.xlsx");
    const r = await ctg("build", "--plan", bad, "--out", out);
    expect(r.status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it("has the sheets in order, one table per axis sheet, and no merged cell anywhere", () => {
    expect(inspected.sheets.map((s) => [s.name, s.state])).toEqual([
      ["Sommaire", "visible"],
      ["Tableau de bord", "visible"],
      ["Axe I", "visible"],
      ["Axe II", "visible"],
      ["Axe III", "visible"],
      ["Axe IV", "visible"],
      ["Récapitulatif", "visible"],
      ["Échéancier", "visible"],
      ["Écarts", "visible"],
      ["Fiches actions", "visible"],
      ["Paramètres", "visible"],
      ["CTG_meta", "veryHidden"],
    ]);
    for (const s of inspected.sheets) expect(s.merged).toEqual([]);
    for (const axis of plan.axes) {
      const sheet = inspected.sheets.find((s) => s.name === `Axe ${axis.id}`)!;
      expect(sheet.tables).toHaveLength(1);
      expect(sheet.tables[0]!.columns).toEqual(layout.headers);
      expect(sheet.frozen).toBe("D5");
      expect(sheet.protected).toBe(true);
      expect(sheet.printTitleRows).toBe("$4:$4");
      expect(sheet.orientation).toBe("landscape");
    }
  });

  it("has one row per indicator target, with ids from the plan", () => {
    const sheet = inspected.sheets.find((s) => s.name === "Axe I")!;
    const ids = Object.entries(sheet.cells)
      .filter(([addr]) => /^A\d+$/.test(addr) && Number(addr.slice(1)) > AXIS_FIRST_ROW)
      .map(([, [, v]]) => String(v));
    const expected = plan.axes[0]!.objectives.flatMap((o) =>
      o.actions.flatMap((a) =>
        a.indicators.flatMap((i) =>
          i.targets.length <= 1
            ? [i.id]
            : i.targets.map((_, k) => (k === 0 ? i.id : `${i.id}#${k + 1}`))
        )
      )
    );
    expect(ids).toEqual(expected);
  });

  it("gives input cells data validation that fits the target, with French messages", () => {
    const sheet = inspected.sheets.find((s) => s.name === "Axe I")!;
    const byType = (t: string) => sheet.validations.filter((v) => v.type === t);
    const whole = byType("whole");
    expect(whole.length).toBeGreaterThan(5);
    expect(
      whole.every(
        (v) =>
          v.errorStyle === "warning" && v.formula1 === "0" && v.operator === "greaterThanOrEqual"
      )
    ).toBe(true);
    expect(whole.some((v) => /^Saisissez un nombre entier \(cible : /.test(v.prompt ?? ""))).toBe(
      true
    );
    const percent = byType("decimal");
    expect(percent.length).toBeGreaterThan(0);
    expect(
      percent.every((v) => v.formula1 === "0" && v.formula2 === "1" && v.errorStyle === "warning")
    ).toBe(true);
    const lists = byType("list");
    expect(
      lists.some((v) => v.formula1 === "'Paramètres'!$B$17:$B$19" && v.errorStyle === "stop")
    ).toBe(true);
    expect(lists.some((v) => v.formula1 === "'Paramètres'!$C$17:$C$19")).toBe(true);
    // I.A.1-RES-1 "à minima 12 enfants accueillis par an": whole number, prompt naming the target.
    const rowOf = Object.entries(sheet.cells)
      .find(([addr, [, v]]) => addr.startsWith("A") && v === "I.A.1-RES-1")![0]
      .slice(1);
    const entries = `${"R"}${rowOf}:${"V"}${rowOf}`;
    const v = sheet.validations.find(
      (x) =>
        x.sqref.split(" ").includes(entries) ||
        x.sqref.split(" ").some((r) => r.startsWith(`R${rowOf}:`))
    );
    expect(v?.type).toBe("whole");
    expect(v?.prompt).toContain("≥ 12 enfants / an");
  });

  it("colours statuses and each year's entry by conditional formatting", () => {
    const sheet = inspected.sheets.find((s) => s.name === "Axe I")!;
    const status = layout.col.status;
    const letter = String.fromCharCode(65 + status);
    expect(
      sheet.conditionalFormats
        .filter((c) => c.sqref.startsWith(`${letter}5:`))
        .map((c) => c.formula[0])
    ).toEqual([
      `${letter}5="Atteint"`,
      `${letter}5="Non atteint"`,
      `${letter}5="En cours"`,
      `${letter}5="À renseigner"`,
      `${letter}5="Saisie invalide"`,
      `${letter}5="Qualitatif"`,
    ]);
    expect(sheet.conditionalFormats.some((c) => c.sqref.startsWith("R5:V"))).toBe(true);
  });

  it("unlocks exactly the input cells and protects every sheet", () => {
    for (const s of inspected.sheets.filter((x) => x.state === "visible"))
      expect(s.protected).toBe(true);
    const sheet = inspected.sheets.find((s) => s.name === "Axe I")!;
    const col = (addr: string) => addr.replace(/\d+/g, "");
    const inputCols = new Set(["P", "Q", "R", "S", "T", "U", "V", "X", "Y"]);
    expect(sheet.unlocked.length).toBeGreaterThan(100);
    for (const addr of sheet.unlocked) {
      expect(inputCols.has(col(addr))).toBe(true);
      expect(Number(addr.replace(/\D/g, ""))).toBeGreaterThan(AXIS_FIRST_ROW);
    }
    // Every entry cell of every data row is unlocked.
    const rows = Object.keys(sheet.cells).filter(
      (a) => /^A\d+$/.test(a) && Number(a.slice(1)) > AXIS_FIRST_ROW
    );
    for (const a of rows)
      for (const c of ["R", "S", "T", "U", "V", "X", "Y"])
        expect(sheet.unlocked).toContain(`${c}${a.slice(1)}`);
  });

  it("writes the status as a formula, and the plan's words as text", () => {
    const sheet = inspected.sheets.find((s) => s.name === "Axe I")!;
    const letter = String.fromCharCode(65 + layout.col.status);
    expect(sheet.cells[`${letter}5`]?.[0]).toBe("f");
    expect(sheet.cells["G5"]).toEqual(["s", "Arbitrage pour un des scénarios"]);
  });

  it("opens in LibreOffice and converts to PDF without error", async () => {
    const pdf = await libreoffice(built, "pdf");
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("prints the Tableau de bord block by block: its page breaks, kept by LibreOffice", async () => {
    const model = buildWorkbook(plan, { generatorVersion: "test", generatedOn: "2024-01-01" });
    const dashboard = model.sheets.find((s) => s.name === "Tableau de bord")!;
    const breaks = dashboard.print.rowBreaks ?? [];
    expect(breaks.length).toBeGreaterThanOrEqual(2);
    // No chart crosses a page: its first and last rows are on the same page.
    const page = (row: number): number => breaks.filter((b) => b <= row).length;
    for (const chart of dashboard.charts ?? [])
      expect([chart.name, page(chart.to.row - 1)]).toEqual([chart.name, page(chart.from.row)]);
    const inFile = inspected.sheets.find((s) => s.name === "Tableau de bord")!.rowBreaks;
    expect(inFile).toEqual(breaks);
    const saved = inspect(await libreoffice(built, "xlsx"));
    expect(saved.sheets.find((s) => s.name === "Tableau de bord")!.rowBreaks).toEqual(breaks);
  });
});

describe("text is text", () => {
  it("an indicator starting with =, +, - or @ stays text in the file and after LibreOffice", async () => {
    const tricky = JSON.parse(JSON.stringify(plan)) as Plan;
    const indicators = tricky.axes[0]!.objectives[0]!.actions[0]!.indicators;
    const texts = [
      "=SOMME(A1:A3)",
      "+ 20 % de familles",
      "-10 places",
      "@mairie",
      '=HYPERLINK("http://x","y")',
    ];
    texts.forEach((t, i) => {
      indicators[i]!.text = t;
    });
    const planFile = join(tmp, "tricky.json");
    writeFileSync(planFile, JSON.stringify(tricky));
    const out = join(tmp, "tricky.xlsx");
    expect((await ctg("build", "--plan", planFile, "--out", out)).status).toBe(0);
    const check = (file: string) => {
      const sheet = inspect(file).sheets.find((s) => s.name === "Axe I")!;
      const g = Object.entries(sheet.cells)
        .filter(([a]) => /^G\d+$/.test(a))
        .map(([, v]) => v);
      for (const t of texts) expect(g).toContainEqual(["s", t]);
    };
    check(out);
    check(await libreoffice(out, "xlsx"));
  });
});

describe("ctg check against LibreOffice", () => {
  async function filledAndRecalculated(
    seed: number,
    date: string
  ): Promise<{ file: string; report: CheckReport; status: number; human: string }> {
    const data = await withEvaluationDate(
      await fillSample(readFileSync(built), { seed, density: 0.7, badShare: 0.1 }),
      date
    );
    const filled = join(tmp, `filled-${seed}-${date}.xlsx`);
    writeFileSync(filled, data);
    const recalculated = await libreoffice(filled, "xlsx");
    const json = await ctg("check", recalculated, "--json");
    const human = await ctg("check", recalculated);
    return {
      file: recalculated,
      report: JSON.parse(json.out) as CheckReport,
      status: json.status,
      human: human.out,
    };
  }

  it.each([
    [1, "2023-06-15"],
    [2, "2026-02-01"],
    [3, "2021-03-01"],
  ])(
    "the Statut LibreOffice computes is what ctg check says (seed %i, evaluated %s)",
    async (seed, date) => {
      const { file, report, status } = await filledAndRecalculated(seed, date);
      expect(report.indicators.length).toBeGreaterThan(280);
      const disagreements = report.indicators
        .filter((r) => r.workbookStatus !== r.status)
        .map((r) => `${r.id}: Calc ${r.workbookStatus}, ctg check ${r.status}`);
      expect(disagreements).toEqual([]);
      // Every year's status too (the folded Statut <année> columns).
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const yearDisagreements: string[] = [];
      for (const r of report.indicators) {
        const row = wb.getWorksheet(r.sheet)!.getRow(r.row);
        years.forEach((y, j) => {
          const v = row.getCell(layout.col.firstYearStatus + 1 + j)
            .value as ExcelJS.CellFormulaValue;
          const calc = typeof v === "object" && v !== null && "result" in v ? v.result : v;
          if (calc !== r.years[String(y)]!.status)
            yearDisagreements.push(
              `${r.id} ${y}: Calc ${String(calc)}, ctg check ${r.years[String(y)]!.status}`
            );
        });
      }
      expect(yearDisagreements).toEqual([]);
      // Every status appears somewhere across the runs; invalid entries give exit status 1.
      expect(report.summary.invalidEntries).toBeGreaterThan(0);
      expect(status).toBe(1);
    }
  );

  it("reports each entry: raw value, what it was read as, status and French message", async () => {
    const { report, human } = await filledAndRecalculated(4, "2023-06-15");
    const withEntries = report.indicators.find((r) =>
      Object.values(r.years).some((y) => y.raw !== null)
    );
    expect(withEntries).toBeDefined();
    const y = Object.values(withEntries!.years).find((e) => e.raw !== null)!;
    expect(Object.keys(y)).toEqual(["raw", "value", "status", "message"]);
    expect(Object.keys(report.summary)).toEqual(
      expect.arrayContaining(["byStatus", "byAxis", "entries", "invalidEntries"])
    );
    expect(human).toMatch(
      /^Classeur .* — plan pays-segali-communaute-2021-2025 version 1\.0\.0, statuts évalués en 2023\./
    );
    expect(human).toMatch(/lu comme/);
    expect(human).toMatch(/Total : \d+ cibles, [\d\u202f]+ saisies dont \d+ invalide\(s\)\./);
    expect(human).toMatch(/saisie\(s\) invalide\(s\) : à corriger dans le classeur\.$/);
  });

  it("exits 0 when every entry is valid", async () => {
    const data = await withEvaluationDate(
      await fillSample(readFileSync(built), { seed: 9, density: 0.5, badShare: 0 }),
      "2023-06-15"
    );
    const file = join(tmp, "clean.xlsx");
    writeFileSync(file, data);
    const r = await ctg("check", file);
    expect(r.out).toContain("Toutes les saisies sont valides.");
    expect(r.status).toBe(0);
  });

  it("exits 2 with the reason for a missing file, a non-CTG workbook, or an altered structure", async () => {
    const missing = await ctg("check", join(tmp, "absent.xlsx"));
    expect(missing.status).toBe(2);
    expect(missing.err).toContain("fichier introuvable");

    const other = new ExcelJS.Workbook();
    other.addWorksheet("Feuil1").getCell("A1").value = "Budget";
    const otherFile = join(tmp, "other.xlsx");
    await other.xlsx.writeFile(otherFile);
    const notCtg = await ctg("check", otherFile);
    expect(notCtg.status).toBe(2);
    expect(notCtg.err).toContain("n'est pas un classeur CTG");

    const text = join(tmp, "notes.xlsx");
    writeFileSync(text, "pas un classeur");
    expect((await ctg("check", text)).err).toContain("n'est pas un classeur Excel (.xlsx) lisible");

    const altered = new ExcelJS.Workbook();
    await altered.xlsx.readFile(built);
    altered.getWorksheet("Axe II")!.spliceColumns(layout.col.firstYear + 1, 1);
    const alteredFile = join(tmp, "altered.xlsx");
    await altered.xlsx.writeFile(alteredFile);
    const r = await ctg("check", alteredFile);
    expect(r.status).toBe(2);
    expect(r.err).toContain("la structure de l'onglet « Axe II » a été modifiée");
  });

  it("does not modify the file it checks", async () => {
    const copy = join(tmp, "copy.xlsx");
    copyFileSync(built, copy);
    const before = readFileSync(copy);
    await ctg("check", copy);
    expect(readFileSync(copy).equals(before)).toBe(true);
  });
});
