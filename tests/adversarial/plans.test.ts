/**
 * Adversarial suite, theme « plan files »: bad plan JSON given to `ctg plan check`, `ctg build --plan`
 * and `ctg refresh --plan` (empty, cut, not JSON, UTF-16, an array, duplicate axis numbers, an axis
 * number making a sheet name over Excel's 31 characters, a text over 32 767 characters, duplicate
 * refs and ids, bad years...), each refused with exit 2 and its French reason, nothing written and
 * the filled master untouched; odd plans that are valid (a byte-order mark, an action without
 * indicators, wordings that look like formulas); and `import-text` of a text that is not a CTG.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Plan } from "../../src/domain/plan/schema";
import {
  FILL,
  build,
  census,
  ctg,
  exists,
  filled,
  formulasOf,
  lost,
  sha256,
  smallPlan,
  tempDir,
  writeJson,
} from "./helpers";

jest.setTimeout(300_000);

const dir = tempDir("plans");
const at = (name: string) => join(dir, name);
let master = "";
let planText = "";

beforeAll(async () => {
  const plan = writeJson(at("plan.json"), smallPlan());
  planText = JSON.stringify(smallPlan());
  master = await filled(await build(at("vide.xlsx"), "--plan", plan), at("maitre.xlsx"));
});

type Bad = [name: string, make: (file: string) => void, reason: RegExp];
const mutated =
  (change: (p: Plan & Record<string, unknown>) => void) =>
  (file: string): void => {
    const p = smallPlan() as Plan & Record<string, unknown>;
    change(p);
    writeFileSync(file, JSON.stringify(p));
  };
const firstAction = (p: Plan) => {
  const a = p.axes[0]?.objectives[0]?.actions[0];
  if (!a) throw new Error("no action");
  return a;
};

const BAD: Bad[] = [
  [
    "an empty file",
    (f) => writeFileSync(f, ""),
    /le fichier n'est pas du JSON valide \(il semble incomplet ou vide\)/,
  ],
  ["a cut file", (f) => writeFileSync(f, planText.slice(0, 500)), /il semble incomplet ou vide/],
  [
    "not JSON",
    (f) => writeFileSync(f, "ceci n'est pas du JSON"),
    /le fichier n'est pas du JSON valide \(ligne 1, colonne 1, près de « ceci n'est pas du JS »\)/,
  ],
  [
    "UTF-16",
    (f) =>
      writeFileSync(
        f,
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(planText, "utf16le")])
      ),
    /le fichier n'est pas du JSON valide \(ligne 1, colonne 1/,
  ],
  [
    "a JSON array",
    (f) => writeFileSync(f, "[]"),
    /\(racine\) : Entrée invalide : objet attendu, tableau reçu/,
  ],
  ["null", (f) => writeFileSync(f, "null"), /objet attendu, null reçu/],
  [
    "a folder",
    (f) => mkdirSync(f),
    /impossible de lire le fichier .* \(c'est un dossier, pas un fichier\)/,
  ],
  ["a missing file", () => undefined, /impossible de lire le fichier .* \(fichier introuvable\)/],
  [
    "two axes with one number",
    mutated((p) => void ((p.axes[1] as { id: string }).id = "I")),
    /axes\[1\]\.id : numéro d'axe en double : I \(chaque axe a son onglet « Axe I »\)/,
  ],
  [
    "an axis number making a sheet name over 31 characters",
    mutated((p) => void ((p.axes[0] as { id: string }).id = "I".repeat(28))),
    /axes\[0\]\.id : numéro d'axe trop long \(28 caractères\) : l'onglet « Axe … » aurait plus de 31 caractères, la limite d'Excel/,
  ],
  [
    "a text over 32 767 characters",
    mutated((p) => void (p.title = "t".repeat(40_000))),
    /title : texte de 40\s000 caractères : une cellule d'Excel en contient au plus 32\s767/,
  ],
  [
    "a fiche text over 32 767 characters",
    mutated((p) => void (firstAction(p).title = "x".repeat(33_000))),
    /axes\[0\]\.objectives\[0\]\.actions\[0\]\.title : texte de 33\s000 caractères/,
  ],
  [
    "two actions with one ref",
    mutated((p) => {
      const o = p.axes[0]?.objectives[0];
      if (o?.actions[1] && o.actions[0]) o.actions[1].ref = o.actions[0].ref;
    }),
    /actions\[1\]\.ref : référence en double : I\.A\.1/,
  ],
  [
    "two indicators with one id",
    mutated((p) => {
      const a = firstAction(p);
      if (a.indicators[1] && a.indicators[0]) a.indicators[1].id = a.indicators[0].id;
    }),
    /identifiant d'indicateur en double : I\.A\.1-REA-1/,
  ],
  [
    "an indicator id with a space",
    mutated((p) => void ((firstAction(p).indicators[0] as { id: string }).id = "I.A.1 REA 1")),
    /indicators\[0\]\.id : id: lettres, chiffres, point, tiret ou souligné/,
  ],
  [
    "the years reversed",
    mutated((p) => void (p.years = { start: 2025, end: 2021 })),
    /years : l'année de fin précède l'année de début/,
  ],
  [
    "a plan over 40 years",
    mutated((p) => void (p.years = { start: 2000, end: 2040 })),
    /years : un plan couvre au plus 20 ans/,
  ],
  [
    "no axis",
    mutated((p) => void (p.axes = [])),
    /axes : Trop petit : tableau doit avoir >=1 éléments/,
  ],
  [
    "an objective without action",
    mutated((p) => void ((p.axes[0]?.objectives[0] as { actions: unknown[] }).actions = [])),
    /axes\[0\]\.objectives\[0\]\.actions : Trop petit/,
  ],
  ["a bad version", mutated((p) => void (p.version = "v2")), /version : version au format 1\.0\.0/],
  [
    "a bad plan id",
    mutated((p) => void (p.id = "Mon Plan")),
    /id : identifiant en minuscules, chiffres et tirets/,
  ],
  [
    "an unknown field",
    mutated((p) => void (p.extra = 1)),
    /\(racine\) : Clé non reconnue : "extra"/,
  ],
  [
    "another schema version",
    mutated((p) => void ((p as { schemaVersion: number }).schemaVersion = 99)),
    /schemaVersion : Entrée invalide : 1 attendu/,
  ],
  [
    "an empty title",
    mutated((p) => void (p.title = "")),
    /title : Trop petit : chaîne de caractères doit avoir >=1 caractères/,
  ],
  [
    "an objective of another axis",
    mutated((p) => void ((p.axes[0]?.objectives[0] as { id: string }).id = "II.A")),
    /l'objectif II\.A ne correspond pas à l'axe I et à la lettre A/,
  ],
];

let serial = 0;

describe("a bad plan file", () => {
  it.each(BAD)(
    "ctg plan check: %s, exit 2, the reason with its path, nothing on stdout",
    async (_name, make, reason) => {
      const file = at(`plan-${++serial}.json`);
      make(file);
      const run = await ctg("plan", "check", file);
      expect(run.status).toBe(2);
      expect(run.err).toMatch(/Le plan .* n'est pas valide \(\d+ problème\(s\)\) :/);
      expect(run.err).toMatch(reason);
      expect(run.out).toBe("");
    }
  );

  it.each(BAD.filter((_, i) => i % 2 === 0))(
    "ctg build --plan: %s, exit 2, nothing written",
    async (_name, make, reason) => {
      const file = at(`plan-${++serial}.json`);
      make(file);
      const out = at(`classeur-${serial}.xlsx`);
      const run = await ctg("build", "--plan", file, "--out", out);
      expect(run.status).toBe(2);
      expect(run.err).toMatch(reason);
      expect(exists(out)).toBe(false);
    }
  );

  it.each(BAD.filter((_, i) => i % 2 === 1))(
    "ctg refresh --plan: %s, exit 2, nothing written, the master untouched",
    async (_name, make, reason) => {
      const file = at(`plan-${++serial}.json`);
      make(file);
      const before = sha256(master);
      const out = at(`regen-${serial}.xlsx`);
      const run = await ctg("refresh", master, "--plan", file, "--out", out);
      expect(run.status).toBe(2);
      expect(run.err).toMatch(reason);
      expect(exists(out)).toBe(false);
      expect(sha256(master)).toBe(before);
      expect((await census(master)).total).toBe(FILL.length);
    }
  );
});

describe("odd plans that are valid", () => {
  it("a byte-order mark before the JSON: accepted, the master refreshed with every entry", async () => {
    const file = at("bom.json");
    writeFileSync(file, `\ufeff${planText}`);
    const check = await ctg("plan", "check", file);
    expect(check.status).toBe(0);
    expect(check.out).toMatch(
      /Plan valide : .* — 4 axes, 9 objectifs, 10 actions, 63 indicateurs\./
    );
    const out = at("bom.xlsx");
    const run = await ctg("refresh", master, "--plan", file, "--out", out);
    expect(run.status).toBe(0);
    expect(run.out).toMatch(/7 saisie\(s\) gardée\(s\), 0 archivée/);
    expect(lost(await census(out), FILL)).toEqual([]);
  });

  it("wordings that look like formulas are written as texts, and entries kept", async () => {
    const p = smallPlan();
    const action = firstAction(p);
    const target = action.indicators.find((i) => i.id === "I.A.1-RES-2");
    if (!target) throw new Error("no I.A.1-RES-2");
    action.title = '=HYPERLINK("http://exemple.fr","clic")';
    target.text = "=1+1 places";
    if (target.ficheText) target.ficheText = target.text;
    if (target.recapText) target.recapText = target.text;
    const file = writeJson(at("formules.json"), p);
    expect((await ctg("plan", "check", file)).status).toBe(0);
    const out = at("formules.xlsx");
    const run = await ctg("build", "--plan", file, "--out", out);
    expect(run.status).toBe(0);
    expect(run.out).toMatch(/Classeur écrit : .* \(11 onglets, 69 lignes d'indicateurs\)/);
    const formulas = await formulasOf(out, "Axe I");
    // Row 8 (I.A.1-RES-2): the action (D) and the indicator (G) are texts, not formulas.
    expect(formulas.has("7,3")).toBe(false);
    expect(formulas.has("7,6")).toBe(false);
    expect([...formulas.values()].some((f) => /HYPERLINK\("http:\/\/exemple/.test(f))).toBe(false);
    expect((await census(out)).total).toBe(0);
  });

  it("an action without indicators: built, its entries on the schedule kept", async () => {
    const p = smallPlan();
    firstAction(p).indicators = [];
    const file = writeJson(at("sans-indicateurs.json"), p);
    const check = await ctg("plan", "check", file);
    expect(check.status).toBe(0);
    expect(check.out).toMatch(/10 actions, 56 indicateurs/);
    const out = at("sans-indicateurs.xlsx");
    const run = await ctg("build", "--plan", file, "--out", out);
    expect(run.status).toBe(0);
    expect((await census(out)).total).toBe(0);
  });
});

describe("import-text of a text that is not a CTG", () => {
  // The importer's result failed the plan schema and the command said « Erreur interne » (exit 70),
  // although the problem is the user's file: now a French refusal with exit 2.
  it("is refused with exit 2 and a French reason, not an internal error", async () => {
    const file = at("pas-une-ctg.txt");
    writeFileSync(file, "Compte rendu du comité\nRien à voir avec une CTG.\n");
    const out = at("pas-une-ctg.json");
    const run = await ctg("import-text", file, "--out", out);
    expect(run.status).toBe(2);
    expect(run.err).not.toMatch(/Erreur interne/);
    expect(run.err).toMatch(/aucun axe reconnu/);
    expect(exists(out)).toBe(false);
  });
});
