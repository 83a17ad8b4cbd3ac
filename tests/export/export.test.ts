import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fillSample } from "../../tools/sampleFill";

jest.setTimeout(180_000);

/**
 * `ctg export` and `ctg consolidate` through the package's bin (run `npm run build:cli` first): one row
 * per indicator target and plan year, consistent with `ctg check --json`; totals of a consolidation
 * computed from each file's check, never hard-coded.
 */
const root = join(__dirname, "..", "..");
const bin = join(root, "bin/ctg.js");
const dir = mkdtempSync(join(tmpdir(), "ctg-export-"));

function ctg(...argv: string[]): { status: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [bin, ...argv], { cwd: dir, encoding: "utf8" });
  return { status: r.status ?? -1, out: r.stdout, err: r.stderr };
}

interface CheckJson {
  indicators: Array<{
    id: string;
    sheet: string;
    statusCode: string;
    years: Record<string, { raw: unknown; value: number | string | null; status: string }>;
  }>;
  summary: { rows: number; evaluationYear: number; byStatus: Record<string, number> };
}

const files = ["a", "b", "c"];
let checks: Record<string, CheckJson> = {};

beforeAll(async () => {
  expect(ctg("build", "--out", "base.xlsx").status).toBe(0);
  const base = readFileSync(join(dir, "base.xlsx"));
  const densities = [0.7, 0.3, 0.95];
  for (const [i, name] of files.entries())
    writeFileSync(
      join(dir, `${name}.xlsx`),
      await fillSample(base, { seed: i + 1, density: densities[i] ?? 0.5, badShare: 0.1 })
    );
  checks = Object.fromEntries(
    files.map((f) => [f, JSON.parse(ctg("check", `${f}.xlsx`, "--json").out) as CheckJson])
  );
});

function csvLines(text: string): string[][] {
  // The export's texts hold no line break nor quote in this sample: a plain split is enough here.
  return text
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter((l) => l !== "")
    .map((l) => l.split(";"));
}

describe("ctg export", () => {
  it("writes one CSV row per indicator target and plan year, with a BOM and `;`, as check reads it", () => {
    const r = ctg("export", "a.xlsx", "--format", "csv", "--out", "a.csv");
    expect(r.status).toBe(0);
    const bytes = readFileSync(join(dir, "a.csv"));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = csvLines(bytes.toString("utf8"));
    expect(header?.slice(0, 3)).toEqual(["territory", "plan_id", "plan_version"]);
    const check = checks.a as CheckJson;
    const years = Object.keys(check.indicators[0]?.years ?? {});
    expect(years.length).toBe(5);
    expect(rows.length).toBe(check.summary.rows * years.length);
    const col = (name: string) => (header ?? []).indexOf(name);
    const seen = new Set<string>();
    for (const row of rows) {
      const id = row[col("target_id")] ?? "";
      const year = row[col("year")] ?? "";
      seen.add(`${id} ${year}`);
      const ind = check.indicators.find((i) => i.id === id);
      expect(ind).toBeDefined();
      expect(row[col("target_status")]).toBe(ind?.statusCode);
      const y = ind?.years[year];
      expect(row[col("status_label")]).toBe(y?.status);
      if (typeof y?.value === "number")
        expect(row[col("value_read")]).toBe(String(y.value).replace(".", ","));
      else expect(row[col("value_read")]).toBe("");
    }
    expect(seen.size).toBe(rows.length);
  });

  it("writes the same rows as JSON, with numbers as numbers", () => {
    expect(ctg("export", "a.xlsx", "--format", "json", "--out", "a.json").status).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, "a.json"), "utf8")) as Array<
      Record<string, unknown>
    >;
    const csv = csvLines(readFileSync(join(dir, "a.csv"), "utf8"));
    expect(json.length).toBe(csv.length - 1);
    expect(Object.keys(json[0] ?? {})).toEqual(csv[0]);
    for (const row of json) {
      expect(typeof row.year).toBe("number");
      expect(row.value_read === null || typeof row.value_read === "number").toBe(true);
    }
  });

  it("refuses an existing --out without --force, and replaces it with --force", () => {
    const before = readFileSync(join(dir, "a.csv"));
    const r = ctg("export", "a.xlsx", "--format", "csv", "--out", "a.csv");
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/existe déjà/);
    expect(readFileSync(join(dir, "a.csv")).equals(before)).toBe(true);
    expect(ctg("export", "a.xlsx", "--format", "csv", "--out", "a.csv", "--force").status).toBe(0);
  });

  it("refuses a file that is not a CTG workbook, with the reason", () => {
    writeFileSync(join(dir, "notes.xlsx"), "pas un classeur");
    const r = ctg("export", "notes.xlsx", "--out", "notes.csv");
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/notes\.xlsx/);
    expect(r.err).toMatch(/n'est pas un classeur Excel/);
    expect(existsSync(join(dir, "notes.csv"))).toBe(false);
  });

  it("--help does nothing", () => {
    for (const argv of [
      ["export", "a.xlsx", "--out", "help.csv", "--help"],
      ["consolidate", "a.xlsx", "--out", "help.xlsx", "-h"],
    ]) {
      const r = ctg(...argv);
      expect(r.status).toBe(0);
      expect(r.out).toMatch(/aide de la commande/);
    }
    expect(existsSync(join(dir, "help.csv"))).toBe(false);
    expect(existsSync(join(dir, "help.xlsx"))).toBe(false);
  });
});

describe("ctg consolidate", () => {
  it("gives each copy's totals as its check does, and leaves out a file that is not a CTG workbook", () => {
    const r = ctg(
      "consolidate",
      "a.xlsx",
      "b.xlsx",
      "c.xlsx",
      "notes.xlsx",
      "--out",
      "consolidation.xlsx",
      "--json"
    );
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/notes\.xlsx est écarté de la consolidation/);
    const report = JSON.parse(r.out) as {
      consolidated: number;
      files: Array<{
        file: string;
        consolidated: boolean;
        total?: {
          targets: number;
          made: number;
          expected: number;
          byStatus: Record<string, number>;
        };
      }>;
    };
    expect(report.consolidated).toBe(3);
    for (const name of files) {
      const check = checks[name] as CheckJson;
      const f = report.files.find((x) => x.file === `${name}.xlsx`);
      const due = Object.keys(check.indicators[0]?.years ?? {}).filter(
        (y) => Number(y) <= check.summary.evaluationYear
      );
      const made = check.indicators.reduce(
        (n, i) =>
          n +
          due.filter((y) => {
            const raw = i.years[y]?.raw;
            return raw !== null && raw !== undefined && String(raw).trim() !== "";
          }).length,
        0
      );
      expect(f?.total?.targets).toBe(check.summary.rows);
      expect(f?.total?.expected).toBe(check.summary.rows * due.length);
      expect(f?.total?.made).toBe(made);
      expect(f?.total?.byStatus.atteint).toBe(check.summary.byStatus.Atteint);
      expect(f?.total?.byStatus.a_renseigner).toBe(check.summary.byStatus["À renseigner"]);
    }
    expect(report.files.find((x) => x.file === "notes.xlsx")?.consolidated).toBe(false);
    expect(existsSync(join(dir, "consolidation.xlsx"))).toBe(true);
    // The consolidation is not a territory's workbook.
    const again = ctg("consolidate", "consolidation.xlsx", "--out", "again.xlsx");
    expect(again.status).toBe(2);
    expect(again.err).toMatch(/classeur de consolidation/);
  });

  it("refuses an existing --out without --force", () => {
    const r = ctg("consolidate", "a.xlsx", "--out", "consolidation.xlsx");
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/existe déjà/);
  });
});
