import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run, type Io } from "../../src/cli/main";

const root = join(__dirname, "..", "..");
const seedPlan = join(root, "seeds/pays-segali-2021-2025.json");

function ctg(...argv: string[]): { status: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l) };
  const status = run(argv, io);
  return { status, out: out.join("\n"), err: err.join("\n") };
}

const tmp = mkdtempSync(join(tmpdir(), "ctg-cli-"));
function file(name: string, content: string): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

describe("ctg targets --json", () => {
  const result = ctg("targets", "--json");
  const entries = JSON.parse(result.out) as Array<Record<string, unknown>>;

  it("prints every indicator of the embedded plan with its parsed targets", () => {
    expect(result.status).toBe(0);
    expect(entries.length).toBeGreaterThan(280);
    for (const e of entries) {
      expect(Object.keys(e)).toEqual(
        expect.arrayContaining(["id", "ref", "kind", "text", "recapText", "sources", "targets"])
      );
      expect(["realisation", "resultat", "impact"]).toContain(e.kind);
      for (const t of e.targets as Array<Record<string, unknown>>) {
        expect(Object.keys(t)).toEqual(
          expect.arrayContaining([
            "measure",
            "comparator",
            "value",
            "valueMax",
            "unit",
            "period",
            "deadlineYears",
          ])
        );
      }
    }
  });

  it("gives the fiche wording as text, the recap wording apart, and where each appears", () => {
    const i = entries.find((e) => e.id === "I.A.4-RES-2");
    expect(i).toMatchObject({
      ref: "I.A.4",
      kind: "resultat",
      text: "Augmentation d'au minimum 20 % les utilisateurs du RAM",
      recapText: "Augmentation de 20 % des utilisateurs du RAM",
      sources: ["fiche", "recap"],
    });
    const recapOnly = entries.find((e) => e.id === "I.A.5-IMP-R2");
    expect(recapOnly).toMatchObject({
      text: "Un taux de remplissage des EAJE à 80% min.",
      sources: ["recap"],
    });
  });

  it("reads the targets of the wordings the issue lists", () => {
    const t = (id: string) =>
      (entries.find((e) => e.id === id)?.targets ?? []) as Array<Record<string, unknown>>;
    expect(t("I.A.1-RES-1")[0]).toMatchObject({
      measure: "count",
      comparator: ">=",
      value: 12,
      period: "year",
    });
    expect(t("I.A.1-RES-2")[0]).toMatchObject({ measure: "count", value: 10, deadlineYears: 2 });
    expect(t("I.A.3-RES-3")[0]).toMatchObject({
      measure: "count",
      comparator: "between",
      value: 2,
      valueMax: 3,
      period: "year",
    });
    expect(t("I.A.4-RES-2")[0]).toMatchObject({
      measure: "increase_percent",
      comparator: ">=",
      value: 20,
    });
    expect(t("I.A.4-REA-1")[0]).toMatchObject({ measure: "milestone" });
    expect(t("I.B.1-IMP-1")[0]).toMatchObject({ measure: "qualitative" });
    expect(t("I.C.5-RES-1").map((x) => x.value)).toEqual([50, 30, 20]);
    expect(t("I.C.5-RES-1").every((x) => x.measure === "percent")).toBe(true);
  });

  it("prints a French table without --json", () => {
    const human = ctg("targets");
    expect(human.status).toBe(0);
    expect(human.out).toMatch(/^\d+ indicateurs, \d+ cibles lues/);
    expect(human.out).toContain("I.A.1-RES-1");
  });
});

describe("ctg plan check", () => {
  it("accepts the embedded plan", () => {
    const r = ctg("plan", "check", seedPlan);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(
      /^Plan valide : Convention Territoriale Globale Pays Ségali Communauté .* 4 axes, 15 objectifs, 50 actions, \d+ indicateurs\.$/
    );
  });

  it("lists each problem with its JSON path in French, exits 2 and writes nothing on standard output", () => {
    const plan = JSON.parse(readFileSync(seedPlan, "utf8"));
    plan.years.start = "2021";
    plan.axes[1].objectives[0].actions[2].ref = "II-A-3";
    delete plan.axes[0].objectives[0].actions[0].title;
    plan.axes[0].objectives[0].actions[0].indicators[0].kind = "resultats";
    plan.extra = true;
    const bad = file("bad.json", JSON.stringify(plan));
    const before = readdirSync(tmp).sort();
    const r = ctg("plan", "check", bad);
    expect(r.status).toBe(2);
    expect(r.out).toBe("");
    expect(readdirSync(tmp).sort()).toEqual(before);
    expect(r.err).toContain("n'est pas valide (5 problème(s))");
    expect(r.err).toContain("years.start : ");
    expect(r.err).toContain(
      "axes[1].objectives[0].actions[2].ref : référence d'action attendue, par ex. I.A.1"
    );
    expect(r.err).toContain("axes[0].objectives[0].actions[0].title : ");
    expect(r.err).toContain("axes[0].objectives[0].actions[0].indicators[0].kind : ");
    expect(r.err).toMatch(/\(racine\) : .*extra/);
    // French, not zod's English
    expect(r.err).not.toMatch(/Expected|Invalid input|Required/);
  });

  it("reports duplicate refs and ids", () => {
    const plan = JSON.parse(readFileSync(seedPlan, "utf8"));
    plan.axes[0].objectives[0].actions[1].ref = "I.A.1";
    const r = ctg("plan", "check", file("dup.json", JSON.stringify(plan)));
    expect(r.status).toBe(2);
    expect(r.err).toContain("axes[0].objectives[0].actions[1].ref : référence en double : I.A.1");
  });

  it("says where a JSON syntax error is", () => {
    const r = ctg("plan", "check", file("syntax.json", '{\n  "id": "x",\n  "axes": [,]\n}'));
    expect(r.status).toBe(2);
    expect(r.err).toContain("le fichier n'est pas du JSON valide (ligne 3, colonne 12");
  });

  it("says when the file is missing, empty, or not given", () => {
    expect(ctg("plan", "check", join(tmp, "absent.json"))).toMatchObject({ status: 2 });
    expect(ctg("plan", "check", join(tmp, "absent.json")).err).toContain("fichier introuvable");
    expect(ctg("plan", "check", file("empty.json", "")).err).toContain(
      "il semble incomplet ou vide"
    );
    expect(ctg("plan", "check").err).toMatch(/^Il manque le fichier de plan à vérifier/);
  });
});

describe("ctg plan diff", () => {
  it("prints the differences between fiches and recap, grouped by action, in French", () => {
    const r = ctg("plan", "diff");
    expect(r.status).toBe(0);
    expect(r.out).toMatch(
      /^\d+ écart\(s\) entre les fiches action et le récapitulatif, sur \d+ action\(s\) :/
    );
    expect(r.out).toContain("I.C.4 — Elaboration d'un pré-projet sur le Naucellois");
    expect(r.out).toContain(
      "intitulé différent dans le récapitulatif : « Mise en place d'un projet jeunesse sur le Naucellois »"
    );
    expect(r.out).toContain(
      "indicateur IV.B.4-REA-1 classé en résultat dans le récapitulatif, en réalisation dans la fiche (colonnes décalées)"
    );
  });

  it("prints JSON with --json", () => {
    const r = ctg("plan", "diff", "--json");
    const diffs = JSON.parse(r.out) as Array<{ ref: string; code: string; message: string }>;
    expect(diffs.length).toBeGreaterThan(50);
    expect(diffs.every((d) => typeof d.message === "string" && d.message.length > 0)).toBe(true);
  });
});

describe("ctg plan schema and import-text", () => {
  it("the committed JSON Schema is the one the code exports", () => {
    const r = ctg("plan", "schema");
    expect(r.status).toBe(0);
    expect(`${r.out}\n`).toBe(readFileSync(join(root, "seeds/ctg-plan.schema.json"), "utf8"));
  });

  it("imports the source text into the committed plan, written atomically", () => {
    const out = join(tmp, "imported.json");
    const r = ctg(
      "import-text",
      join(root, "seeds/source/pays-segali-ctg-2021-2025.txt"),
      "--corrections",
      join(root, "seeds/corrections/pays-segali-2021-2025.json"),
      "--out",
      out
    );
    expect(r.status).toBe(0);
    expect(r.out).toBe(`Fichier écrit : ${out}`);
    expect(readFileSync(out, "utf8")).toBe(readFileSync(seedPlan, "utf8"));
    expect(readdirSync(tmp).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

describe("the command line as a user meets it", () => {
  it("answers unknown commands and options in French with status 2", () => {
    expect(ctg("fabrique")).toMatchObject({ status: 2 });
    expect(ctg("fabrique").err).toContain("Commande inconnue : « fabrique »");
    expect(ctg("targets", "--jsn").err).toContain("Option non reconnue ou mal formée : --jsn");
  });

  it("runs as `ctg` through the package's bin, with French help", () => {
    const bin = join(root, "bin/ctg.js");
    expect(existsSync(join(root, "dist/src/cli/main.js"))).toBe(true);
    const help = execFileSync(process.execPath, [bin, "--help"], { encoding: "utf8" });
    expect(help).toContain("Utilisation : ctg <commande> [options]");
    const bad = spawnSync(process.execPath, [bin, "plan", "check", join(tmp, "absent.json")], {
      encoding: "utf8",
    });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
  });
});
