/**
 * Adversarial suite, theme « refreshes »: `ctg refresh` of a filled master with new plan versions
 * (same plan, an indicator removed, reworded, reworded only in case and accents, a year removed, an
 * indicator added, another plan id), and refreshes run again over their own output (idempotent: the
 * same entries, the Archives and the journal not duplicated), on masters with archives, a journal,
 * locked cells edited, a sheet of the user's, and on partner workbooks. Each case asserts the exit
 * status, the French report, and the entries before and after (in place or archived, never lost).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Plan } from "../../src/domain/plan/schema";
import {
  FILL,
  build,
  buildPartner,
  census,
  clone,
  ctg,
  exists,
  filled,
  lost,
  sheetOf,
  smallPlan,
  tempDir,
  writeJson,
  type Census,
  unprotect,
} from "./helpers";

jest.setTimeout(300_000);

const dir = tempDir("refresh");
const at = (name: string) => join(dir, name);
let plan = "";
let master = "";

beforeAll(async () => {
  plan = writeJson(at("plan.json"), smallPlan());
  const empty = await build(at("vide.xlsx"), "--plan", plan);
  master = await filled(empty, at("maitre.xlsx"));
  expect((await census(master)).total).toBe(FILL.length);
});

let serial = 0;
const next = (name: string) => at(`${++serial}-${name}`);

/** The small plan as version 1.1.0, changed by `change`. */
function version(change: (p: Plan) => void): string {
  const p = clone(smallPlan());
  p.version = "1.1.0";
  change(p);
  return writeJson(next("plan-v1.1.json"), p);
}

function indicator(p: Plan, id: string) {
  for (const a of p.axes)
    for (const o of a.objectives)
      for (const x of o.actions) {
        const found = x.indicators.find((i) => i.id === id);
        if (found) return { action: x, indicator: found };
      }
  throw new Error(id);
}

const NEW_VERSIONS: Array<
  [name: string, change: (p: Plan) => void, reason: RegExp, kept: number, archived: number]
> = [
  [
    "the same plan, a new version number",
    () => undefined,
    /version 1\.1\.0 ; 7 saisie\(s\) gardée\(s\), 0 archivée\(s\)/,
    7,
    0,
  ],
  [
    "an indicator removed",
    (p) => {
      const { action } = indicator(p, "I.A.1-RES-1");
      action.indicators = action.indicators.filter((i) => i.id !== "I.A.1-RES-1");
    },
    /archivée I\.A\.1-RES-1 2021 « 15 » : indicateur \(ou action\) absent de la nouvelle version du plan/,
    3,
    4,
  ],
  [
    "an indicator reworded",
    (p) => {
      const { indicator: i } = indicator(p, "I.A.1-RES-1");
      i.text = "Nombre de familles reçues au relais";
      if (i.ficheText) i.ficheText = i.text;
      if (i.recapText) i.recapText = i.text;
    },
    /archivée I\.A\.1-RES-1 2022 « 18 » : indicateur renommé dans la nouvelle version du plan : la saisie mesurait l'ancien libellé/,
    3,
    4,
  ],
  [
    "an indicator reworded in case and accents only",
    (p) => {
      const { indicator: i } = indicator(p, "I.A.1-RES-1");
      const upper = (s: string) =>
        s
          .toUpperCase()
          .normalize("NFD")
          .replace(/[\u0300-\u036f]/g, "");
      i.text = upper(i.text);
      if (i.ficheText) i.ficheText = upper(i.ficheText);
      if (i.recapText) i.recapText = upper(i.recapText);
    },
    /7 saisie\(s\) gardée\(s\), 0 archivée\(s\)/,
    7,
    0,
  ],
  [
    "the first year removed from the plan",
    (p) => void (p.years = { start: 2022, end: 2025 }),
    /archivée I\.A\.1-RES-1 2021 « 15 » : colonne absente de la nouvelle version \(année retirée du plan \?\)/,
    3,
    4,
  ],
  [
    "an indicator added",
    (p) => {
      const { action, indicator: i } = indicator(p, "I.A.1-RES-1");
      action.indicators.push({
        ...clone(i),
        id: "I.A.1-RES-9",
        text: "Nouvel indicateur du comité",
      });
    },
    /7 saisie\(s\) gardée\(s\), 0 archivée\(s\), 1 nouvel\(le\)s ligne\(s\) d'indicateur vides/,
    7,
    0,
  ],
  [
    "a whole action removed",
    (p) => {
      const axis = p.axes[0];
      const objective = axis?.objectives[0];
      if (objective) objective.actions = objective.actions.filter((a) => a.ref !== "I.A.1");
    },
    /archivée I\.A\.1-REA-1 2021 « Oui » : indicateur \(ou action\) absent de la nouvelle version du plan/,
    1,
    6,
  ],
];

describe("a new version of the plan", () => {
  it.each(NEW_VERSIONS)("%s", async (_name, change, reason, kept, archived) => {
    const newPlan = version(change);
    const out = next("v1.1.xlsx");
    const run = await ctg("refresh", master, "--plan", newPlan, "--out", out);
    expect(run.status).toBe(0);
    expect(run.out).toMatch(reason);
    expect(run.out).toMatch(
      new RegExp(`; ${kept} saisie\\(s\\) gardée\\(s\\), ${archived} archivée\\(s\\)`)
    );
    const after = await census(out);
    expect(after.entries).toHaveLength(kept);
    expect(after.archives).toHaveLength(archived);
    expect(after.total).toBe(FILL.length);
    expect(lost(after, FILL)).toEqual([]);
    // Run again over its own output with the same plan: nothing moves, nothing doubles.
    const again = next("v1.1-encore.xlsx");
    const second = await ctg("refresh", out, "--plan", newPlan, "--out", again);
    expect(second.status).toBe(0);
    expect(second.out).toMatch(
      new RegExp(`; ${kept} saisie\\(s\\) gardée\\(s\\), 0 archivée\\(s\\)`)
    );
    const twice = await census(again);
    expect(twice.total).toBe(FILL.length);
    expect(twice.archives).toHaveLength(archived);
  });

  it("another plan (another id): exit 2, nothing written", async () => {
    const other = writeJson(next("autre.json"), { ...clone(smallPlan()), id: "autre-ctg" });
    const out = next("autre.xlsx");
    const run = await ctg("refresh", master, "--plan", other, "--out", out);
    expect(run.status).toBe(2);
    expect(run.err).toMatch(
      /Le nouveau plan \(autre-ctg\) n'est pas le plan du classeur \(pays-segali-communaute-2021-2025\) : un classeur suit un seul plan/
    );
    expect(exists(out)).toBe(false);
    expect((await census(master)).total).toBe(FILL.length);
  });
});

/** Refreshes `file` `times` times, each over the previous output; the census of each output. */
async function refreshChain(file: string, times: number, ...more: string[]) {
  const runs: Array<{ out: string; all: string; status: number; census: Census }> = [];
  let input = file;
  for (let i = 0; i < times; i++) {
    const out = next(`chaine-${i}.xlsx`);
    const run = await ctg("refresh", input, "--out", out, ...more);
    runs.push({ out, all: run.all, status: run.status, census: await census(out) });
    input = out;
  }
  return runs;
}

describe("refresh run again over its own output", () => {
  it("a filled master: the same entries every time", async () => {
    const runs = await refreshChain(master, 3);
    for (const r of runs) {
      expect(r.status).toBe(0);
      expect(r.all).toMatch(/7 saisie\(s\) gardée\(s\), 0 archivée\(s\)/);
      expect(r.census.total).toBe(FILL.length);
      expect(lost(r.census, FILL)).toEqual([]);
    }
  });

  it("a master with Archives: the archives are kept, never doubled", async () => {
    const removed = version((p) => {
      const { action } = indicator(p, "I.A.1-RES-1");
      action.indicators = action.indicators.filter((i) => i.id !== "I.A.1-RES-1");
    });
    const withArchives = next("avec-archives.xlsx");
    expect((await ctg("refresh", master, "--plan", removed, "--out", withArchives)).status).toBe(0);
    const runs = await refreshChain(withArchives, 2);
    for (const r of runs) {
      expect(r.status).toBe(0);
      expect(r.all).toMatch(/3 saisie\(s\) gardée\(s\), 0 archivée\(s\)/);
      expect(r.census.archives).toHaveLength(4);
      expect(lost(r.census, FILL)).toEqual([]);
    }
  });

  it("a master with a Journal des imports: the journal is kept, never doubled", async () => {
    const empty = next("vide.xlsx");
    await build(empty, "--plan", plan);
    const caf = await buildPartner(next("caf.xlsx"), "CAF", "--from", empty);
    const ret = await filled(caf, next("retour.xlsx"));
    const merged = next("fusion.xlsx");
    expect((await ctg("merge", empty, ret, "--out", merged)).status).toBe(0);
    expect((await census(merged)).journal).toHaveLength(8);
    const runs = await refreshChain(merged, 2);
    for (const r of runs) {
      expect(r.status).toBe(0);
      expect(r.all).toMatch(/7 saisie\(s\) gardée\(s\), 0 archivée\(s\)/);
      expect(r.census.journal).toHaveLength(8);
      expect(lost(r.census, FILL)).toEqual([]);
    }
  });

  it("a locked cell edited: archived by the first refresh only", async () => {
    const edited = await filled(master, next("verrou.xlsx"), (wb) => {
      const ws = sheetOf(wb, "Axe I");
      unprotect(ws);
      ws.getCell("H7").value = "≥ 20 enfants (à valider)";
    });
    const runs = await refreshChain(edited, 2);
    expect(runs[0]?.all).toMatch(/7 saisie\(s\) gardée\(s\), 1 archivée\(s\)/);
    expect(runs[0]?.all).toMatch(
      /archivée H7 {2}« ≥ 20 enfants \(à valider\) » : cellule verrouillée modifiée/
    );
    expect(runs[1]?.all).toMatch(/7 saisie\(s\) gardée\(s\), 0 archivée\(s\)/);
    for (const r of runs) {
      expect(r.status).toBe(0);
      expect(r.census.archives).toHaveLength(1);
      expect(lost(r.census, FILL)).toEqual([]);
    }
  });

  it("a sheet of the user's: carried over every time", async () => {
    const mine = await filled(master, next("notes.xlsx"), (wb) => {
      wb.addWorksheet("Notes").getCell("A1").value = "Comité du 12 juin";
    });
    const runs = await refreshChain(mine, 2);
    for (const r of runs) {
      expect(r.status).toBe(0);
      expect(r.all).toMatch(/Onglets ajoutés par vous, repris tels quels : Notes\./);
      expect(r.census.total).toBe(FILL.length);
    }
  });

  it("a partner workbook: it stays a partner workbook, no stray archived", async () => {
    const caf = await buildPartner(next("caf-seul.xlsx"), "CAF", "--from", master);
    const ret = await filled(caf, next("caf-rempli.xlsx"));
    const runs = await refreshChain(ret, 2);
    for (const r of runs) {
      expect(r.status).toBe(0);
      expect(r.all).toMatch(/7 saisie\(s\) gardée\(s\), 0 archivée\(s\)/);
      expect(r.census.total).toBe(FILL.length);
      expect(lost(r.census, FILL)).toEqual([]);
    }
    // Still the CAF's: merged into the master as the CAF's return, all identical.
    const last = runs[runs.length - 1]?.out ?? "";
    const merged = await ctg("merge", master, last, "--out", next("fusion-caf.xlsx"));
    expect(merged.status).toBe(0);
    expect(merged.out).toMatch(/\(CAF\) : 0 ajoutée\(s\), 7 identique\(s\)/);
  });

  it("--json: one object, its counts matching the workbook", async () => {
    const out = next("json.xlsx");
    const run = await ctg("refresh", master, "--out", out, "--json");
    expect(run.status).toBe(0);
    const report = JSON.parse(run.out) as {
      kept: number;
      archived: number;
      plan: { id: string; from: string; to: string };
    };
    expect(report).toMatchObject({ kept: 7, archived: 0, plan: { from: "1.0.0", to: "1.0.0" } });
    expect((await census(out)).total).toBe(report.kept);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe("PK");
  });
});
