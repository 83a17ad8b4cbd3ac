import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAsync, type Io } from "../../src/cli/main";

jest.setTimeout(120_000);

/**
 * No command overwrites a user's file silently (issue 11): an existing output is refused unless
 * `--force`, paths are compared through symbolic links, partner file names never collide, and
 * `--help` never acts, whatever else is on the line.
 */

async function ctg(
  cwd: string,
  ...argv: string[]
): Promise<{ status: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l) };
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const status = await runAsync(argv, io);
    return { status, out: out.join("\n"), err: err.join("\n") };
  } finally {
    process.chdir(before);
  }
}

const hash = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

function folder(): string {
  return mkdtempSync(join(tmpdir(), "ctg-no-overwrite-"));
}

describe("--help never acts", () => {
  const commands: string[][] = [
    ["build"],
    ["build", "--partner", "CAF", "--out", "x.xlsx"],
    ["check", "x.xlsx"],
    ["merge", "a.xlsx", "b.xlsx", "--out", "c.xlsx"],
    ["refresh", "a.xlsx", "--out", "b.xlsx"],
    ["targets"],
    ["partners"],
    ["import-text", "plan.txt", "--out", "plan.json"],
    ["plan", "check", "plan.json"],
    ["plan", "schema", "--out", "schema.json"],
  ];
  it.each(commands)(
    "ctg %s … --help shows the command's help and writes nothing",
    async (...argv) => {
      for (const flag of ["--help", "-h"]) {
        const dir = folder();
        const result = await ctg(dir, ...argv, flag);
        expect(result.status).toBe(0);
        const name = argv[0] === "plan" ? `plan ${argv[1] ?? ""}` : (argv[0] ?? "");
        expect(result.out).toContain(`ctg ${name} — aide de la commande`);
        expect(result.out).toMatch(/Statuts de sortie/);
        expect(readdirSync(dir)).toEqual([]);
      }
    }
  );
});

describe("an output that exists", () => {
  it("is refused by ctg build, in French, and kept as it was; --force replaces it", async () => {
    const dir = folder();
    expect((await ctg(dir, "build")).status).toBe(0);
    const [made] = readdirSync(dir);
    if (!made) throw new Error("no workbook");
    // Yesterday's filled workbook, built again by mistake.
    writeFileSync(join(dir, made), "saisies de la semaine");
    const again = await ctg(dir, "build");
    expect(again.status).toBe(2);
    expect(again.err).toMatch(/existe déjà.*--force/);
    expect(readFileSync(join(dir, made), "utf8")).toBe("saisies de la semaine");
    expect(readdirSync(dir)).toEqual([made]);
    const forced = await ctg(dir, "build", "--force");
    expect(forced.status).toBe(0);
    // Replaced by a workbook again (an .xlsx is a zip: "PK").
    expect(readFileSync(join(dir, made)).subarray(0, 2).toString()).toBe("PK");
    expect(readFileSync(join(dir, made)).length).toBeGreaterThan(10_000);
  });

  it("is refused by ctg build --partner when it is a returned partner file", async () => {
    const dir = folder();
    expect((await ctg(dir, "build", "--out", "maitre.xlsx")).status).toBe(0);
    expect((await ctg(dir, "build", "--partner", "CAF", "--from", "maitre.xlsx")).status).toBe(0);
    const [partner] = readdirSync(dir).filter((f) => f !== "maitre.xlsx");
    if (!partner) throw new Error("no partner file");
    writeFileSync(join(dir, partner), "retour rempli par la CAF");
    const again = await ctg(dir, "build", "--partner", "CAF", "--from", "maitre.xlsx");
    expect(again.status).toBe(2);
    expect(again.err).toMatch(/existe déjà/);
    expect(readFileSync(join(dir, partner), "utf8")).toBe("retour rempli par la CAF");
  });

  it("is refused by ctg merge and ctg refresh, and by plan schema", async () => {
    const dir = folder();
    expect((await ctg(dir, "build", "--out", "maitre.xlsx")).status).toBe(0);
    writeFileSync(join(dir, "sortie.xlsx"), "autre classeur");
    const refresh = await ctg(dir, "refresh", "maitre.xlsx", "--out", "sortie.xlsx");
    expect(refresh.status).toBe(2);
    expect(refresh.err).toMatch(/existe déjà/);
    expect(readFileSync(join(dir, "sortie.xlsx"), "utf8")).toBe("autre classeur");
    expect(
      (await ctg(dir, "build", "--partner", "CAF", "--from", "maitre.xlsx", "--out", "caf.xlsx"))
        .status
    ).toBe(0);
    const merge = await ctg(dir, "merge", "maitre.xlsx", "caf.xlsx", "--out", "sortie.xlsx");
    expect(merge.status).toBe(2);
    expect(readFileSync(join(dir, "sortie.xlsx"), "utf8")).toBe("autre classeur");
    expect(
      (await ctg(dir, "merge", "maitre.xlsx", "caf.xlsx", "--out", "sortie.xlsx", "--force")).status
    ).toBe(0);
    writeFileSync(join(dir, "schema.json"), "{}");
    expect((await ctg(dir, "plan", "schema", "--out", "schema.json")).status).toBe(2);
    expect(readFileSync(join(dir, "schema.json"), "utf8")).toBe("{}");
  });

  it("reaches the master through a symbolic link to its folder: refused as the same file", async () => {
    const dir = folder();
    mkdirSync(join(dir, "vrai"));
    symlinkSync(join(dir, "vrai"), join(dir, "lien"));
    expect((await ctg(dir, "build", "--out", join("vrai", "maitre.xlsx"))).status).toBe(0);
    const before = hash(join(dir, "vrai", "maitre.xlsx"));
    const refresh = await ctg(
      dir,
      "refresh",
      join("vrai", "maitre.xlsx"),
      "--out",
      join("lien", "maitre.xlsx"),
      "--force"
    );
    expect(refresh.status).toBe(2);
    expect(hash(join(dir, "vrai", "maitre.xlsx"))).toBe(before);
  });
});

describe("several partners", () => {
  it("with --out on an existing file: a French refusal, not a crash", async () => {
    const dir = folder();
    writeFileSync(join(dir, "partenaires"), "un fichier");
    const result = await ctg(
      dir,
      "build",
      "--partner",
      "CAF",
      "--partner",
      "PMI",
      "--out",
      "partenaires"
    );
    expect(result.status).toBe(2);
    expect(result.err).toMatch(/--out est un dossier/);
    expect(readFileSync(join(dir, "partenaires"), "utf8")).toBe("un fichier");
  });

  it("each get a file in the folder, none replaced", async () => {
    const dir = folder();
    const result = await ctg(
      dir,
      "build",
      "--partner",
      "CAF",
      "--partner",
      "PMI",
      "--out",
      "partenaires"
    );
    expect(result.status).toBe(0);
    expect(readdirSync(join(dir, "partenaires"))).toHaveLength(2);
    const again = await ctg(
      dir,
      "build",
      "--partner",
      "CAF",
      "--partner",
      "PMI",
      "--out",
      "partenaires"
    );
    expect(again.status).toBe(2);
    expect(existsSync(join(dir, "partenaires"))).toBe(true);
  });
});

describe("two partners whose names make the same file name", () => {
  it("each get their own file (-2), none replaced", async () => {
    const dir = folder();
    const seed = JSON.parse(
      readFileSync(join(__dirname, "..", "..", "seeds", "pays-segali-2021-2025.json"), "utf8")
    ) as {
      axes: Array<{
        objectives: Array<{ actions: Array<{ fiche: { partners: string[] } | null }> }>;
      }>;
    };
    const long = "Association départementale des familles rurales de l'Aveyron";
    const fiche = seed.axes[0]?.objectives[0]?.actions[0]?.fiche;
    if (!fiche) throw new Error("no fiche");
    fiche.partners.push(`${long} nord`, `${long} sud`);
    writeFileSync(join(dir, "plan.json"), JSON.stringify(seed));
    const result = await ctg(
      dir,
      "build",
      "--plan",
      "plan.json",
      "--partner",
      `${long} nord`,
      "--partner",
      `${long} sud`,
      "--out",
      "envoi"
    );
    expect(result.status).toBe(0);
    const files = readdirSync(join(dir, "envoi")).sort();
    expect(files).toHaveLength(2);
    expect(files.filter((f) => /-2\.xlsx$/.test(f))).toHaveLength(1);
  });
});
