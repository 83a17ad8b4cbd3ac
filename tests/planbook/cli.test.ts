import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAsync, type Io } from "../../src/cli/main";
import { readXlsx } from "../../src/xlsx/read";

async function ctg(...argv: string[]): Promise<{ status: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l) };
  const status = await runAsync(argv, io);
  return { status, out: out.join("\n"), err: err.join("\n") };
}

describe("ctg plan export-xlsx, import-xlsx, new", () => {
  const dir = mkdtempSync(join(tmpdir(), "planbook-"));
  const seed = JSON.parse(
    readFileSync(join(__dirname, "../../seeds/pays-segali-2021-2025.json"), "utf8")
  );

  it("exports the embedded plan, reads it back to the same plan, and refuses to overwrite", async () => {
    const book = join(dir, "plan.xlsx");
    expect((await ctg("plan", "export-xlsx", "--out", book)).status).toBe(0);
    const opened = await readXlsx(readFileSync(book));
    expect(opened.ok && [...opened.workbook.sheets.keys()]).toContain("Indicateurs");
    const again = await ctg("plan", "export-xlsx", "--out", book);
    expect(again.status).toBe(2);
    expect(again.err).toContain("--force");
    const json = join(dir, "plan.json");
    expect((await ctg("plan", "import-xlsx", book, "--out", json)).status).toBe(0);
    expect(JSON.parse(readFileSync(json, "utf8"))).toEqual(seed);
    expect((await ctg("plan", "import-xlsx", book, "--out", json)).status).toBe(2);
    // build and refresh take the plan workbook directly.
    const classeur = join(dir, "classeur.xlsx");
    expect((await ctg("build", "--plan", book, "--out", classeur)).status).toBe(0);
    const refreshed = join(dir, "classeur-2.xlsx");
    expect((await ctg("refresh", classeur, "--plan", book, "--out", refreshed)).status).toBe(0);
    // So do the other commands that take a plan.
    const check = await ctg("plan", "check", book);
    expect([check.status, check.out]).toEqual([0, expect.stringMatching(/^Plan valide/)]);
    expect((await ctg("targets", "--plan", book)).out).toMatch(/^288 indicateurs/);
    expect((await ctg("partners", "--plan", book)).out).toMatch(/25 {2}CAF/);
    expect((await ctg("plan", "diff", "--plan", book)).status).toBe(0);
    const caf = join(dir, "caf.xlsx");
    expect((await ctg("build", "--partner", "CAF", "--plan", book, "--out", caf)).status).toBe(0);
  }, 60_000);

  it("writes an empty plan workbook that reads back, and exits 2 without writing on a problem", async () => {
    const book = join(dir, "new.xlsx");
    expect((await ctg("plan", "new", "--out", book)).status).toBe(0);
    const json = join(dir, "new.json");
    expect((await ctg("plan", "import-xlsx", book, "--out", json)).status).toBe(0);
    const notPlan = join(dir, "not-plan.xlsx");
    writeFileSync(notPlan, "pas un classeur");
    const bad = await ctg("plan", "import-xlsx", notPlan, "--out", join(dir, "bad.json"));
    expect(bad.status).toBe(2);
    expect(existsSync(join(dir, "bad.json"))).toBe(false);
    const classeur = join(dir, "classeur-ctg.xlsx");
    expect((await ctg("build", "--out", classeur)).status).toBe(0);
    const ctgBook = await ctg("plan", "import-xlsx", classeur, "--out", join(dir, "bad.json"));
    expect(ctgBook.status).toBe(2);
    expect(ctgBook.err).toContain("n'est pas un classeur de plan");
    expect(existsSync(join(dir, "bad.json"))).toBe(false);
  }, 60_000);

  it("shows each command's help and does nothing else; a missing --out is exit 2", async () => {
    for (const sub of ["export-xlsx", "import-xlsx", "new"]) {
      const help = await ctg("plan", sub, "--help", "--out", join(dir, "h.xlsx"));
      expect(help.status).toBe(0);
      expect(help.out).toContain(`plan ${sub}`);
      expect(existsSync(join(dir, "h.xlsx"))).toBe(false);
    }
    expect((await ctg("plan", "new")).status).toBe(2);
    expect((await ctg("plan", "import-xlsx")).status).toBe(2);
    expect((await ctg("plan", "export-xlsx", "--bogus")).status).toBe(2);
  });
});
