import fc from "fast-check";
import {
  actionNames,
  closePartnerNames,
  partnerActions,
  partnerDirectory,
  partnerFileName,
  restrictPlan,
} from "../../src/domain/plan/partners";
import type { Plan } from "../../src/domain/plan/schema";
import { parsePlanJson } from "../../src/domain/plan/validate";
import { axisRows } from "../../src/domain/workbook/axisSheet";
import { buildWorkbook } from "../../src/domain/workbook/build";
import { inputCells } from "../../src/domain/workbook/entries";
import {
  META_SHEET,
  PLAN_CHUNK,
  metaSheetRows,
  planJsonOfRows,
} from "../../src/domain/workbook/meta";
import { GEN, allRefs, clone, seedPlan } from "./helpers";

/**
 * Who a partner is in a plan (names are free text) and what a partner's workbook holds: only its
 * actions, instructions for someone without the add-in, no Écarts sheet, the plan stored with it.
 */

const actions = (plan: Plan) => plan.axes.flatMap((a) => a.objectives.flatMap((o) => o.actions));

/** Words of a name read independently: no accents, no case, letters and digits apart. */
const words = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/(\p{L})(\d)/gu, "$1 $2")
    .replace(/(\d)(\p{L})/gu, "$1 $2")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

describe("partnerActions: a partner found by the words of its name", () => {
  const caf = partnerActions(seedPlan, "CAF");

  it("finds every action naming the CAF however it is written (« La Caf12 », « CAF DDCSPP », « la CAF et la DDCSPP »)", () => {
    const expected = actions(seedPlan)
      .filter((a) => actionNames(a).some((n) => words(n).includes("caf")))
      .map((a) => a.ref);
    expect(caf).toEqual(expected);
    // The spellings of the plan, each found by `CAF`.
    expect(caf).toEqual(expect.arrayContaining(["III.A.4", "III.B.2"])); // « La Caf12 »
    expect(caf).toEqual(expect.arrayContaining(["I.D.1", "I.D.4"])); // « CAF DDCSPP »
    expect(caf).toEqual(expect.arrayContaining(["IV.B.1", "IV.B.3"])); // « la CAF (et la DDCSPP) »
    expect(caf.some((r) => r.startsWith("II."))).toBe(false);
  });

  it("ignores case, accents and a leading article; a word is whole (CAFE is not CAF)", () => {
    for (const spelling of ["caf", "la CAF", "LA Caf", "l'CAF", "  Caf  "])
      expect(partnerActions(seedPlan, spelling)).toEqual(caf);
    expect(partnerActions(seedPlan, "Écoles")).toEqual(partnerActions(seedPlan, "ecoles"));
    expect(partnerActions(seedPlan, "Écoles").length).toBeGreaterThan(0);
    expect(partnerActions(seedPlan, "CAFE")).toEqual([]);
    expect(partnerActions(seedPlan, "AF")).toEqual([]);
  });

  it("matches a name of several words as a whole (« CAF DDCSPP » is not every CAF action)", () => {
    expect(partnerActions(seedPlan, "CAF DDCSPP")).toEqual(["I.D.1", "I.D.4"]);
    // Without canonical names, « Caf12 » is its own name; the embedded plan makes it the CAF's.
    const unnormalised = { ...seedPlan, partners: [] };
    expect(partnerActions(unnormalised, "Caf12")).toEqual(["III.A.4", "III.B.2"]);
    expect(partnerActions(unnormalised, "La Caf12")).toEqual(["III.A.4", "III.B.2"]);
    expect(partnerActions(seedPlan, "La Caf12")).toEqual(partnerActions(seedPlan, "CAF"));
  });

  it("finds nothing for an empty name, punctuation, or an article alone", () => {
    for (const name of ["", "   ", "—", "la", "Le", "les", "l'"])
      expect(partnerActions(seedPlan, name)).toEqual([]);
  });

  it("finds, for every name of the directory, at least the actions the directory lists", () => {
    const directory = partnerDirectory(seedPlan);
    expect(directory.length).toBeGreaterThan(50);
    for (const p of directory)
      expect(partnerActions(seedPlan, p.name)).toEqual(expect.arrayContaining(p.actions));
  });
});

describe("partnerDirectory", () => {
  const directory = partnerDirectory(seedPlan);

  it("lists each name once, the most concerned first (then alphabetical), articles removed", () => {
    // Each name comes with the actions its workbook would hold (also « La Caf12 »'s for the CAF).
    const caf = directory.find((p) => p.name === "CAF");
    expect(caf?.actions).toEqual(partnerActions(seedPlan, "CAF"));
    expect(caf?.actions).toHaveLength(25);
    for (const p of directory) expect(p.actions).toEqual(partnerActions(seedPlan, p.name));
    // « EN » (Éducation nationale) is not « VP en charge de… ».
    expect(directory.find((p) => p.name === "Éducation nationale")?.actions).toEqual(
      expect.arrayContaining(["I.B.2", "I.C.1"])
    );
    expect(
      directory.find((p) => p.name === "Éducation nationale")?.actions.some((r) => r === "I.A.1")
    ).toBe(false);
    for (let i = 1; i < directory.length; i++) {
      const [a, b] = [directory[i - 1]!, directory[i]!];
      expect(
        a.actions.length > b.actions.length ||
          (a.actions.length === b.actions.length && a.name.localeCompare(b.name, "fr") <= 0)
      ).toBe(true);
    }
    const keys = directory.map((p) => words(p.name).join(" "));
    expect(new Set(keys).size).toBe(keys.length);
    expect(directory.map((p) => p.name)).toEqual(expect.arrayContaining(["CAF", "CAF DDCSPP"]));
    // A variant of a canonical name is listed with it, not on its own.
    expect(directory.map((p) => p.name)).not.toContain("Caf12");
    expect(directory.find((p) => p.name === "CAF")?.variants).toContain("Caf12");
    for (const p of directory) expect(p.name).not.toMatch(/^(la|le|les|l')\s/i);
  });

  it("gives refs in plan order, each an action that names the partner", () => {
    const order = allRefs(seedPlan);
    for (const p of directory) {
      const idx = p.actions.map((r) => order.indexOf(r));
      expect(idx.every((x) => x >= 0)).toBe(true);
      expect([...idx].sort((a, b) => a - b)).toEqual(idx);
    }
  });

  it("suggests close names when a name is not found", () => {
    const close = closePartnerNames(seedPlan, "Caisse CAF Aveyron");
    expect(close).toEqual(expect.arrayContaining(["CAF"]));
    expect(close.length).toBeLessThanOrEqual(8);
    expect(closePartnerNames(seedPlan, "Zorglub")).toEqual([]);
  });
});

describe("restrictPlan", () => {
  it("keeps exactly the given actions in plan order, drops empty objectives and axes, leaves the plan alone", () => {
    const refs = allRefs(seedPlan);
    const before = JSON.stringify(seedPlan);
    fc.assert(
      fc.property(fc.subarray(refs), (chosen) => {
        const cut = restrictPlan(seedPlan, new Set(chosen));
        expect(allRefs(cut)).toEqual(chosen);
        for (const axis of cut.axes) {
          expect(axis.objectives.length).toBeGreaterThan(0);
          for (const o of axis.objectives) expect(o.actions.length).toBeGreaterThan(0);
        }
        expect(cut.differences.every((d) => chosen.includes(d.ref))).toBe(true);
        expect(cut.differences).toEqual(seedPlan.differences.filter((d) => chosen.includes(d.ref)));
      }),
      { numRuns: 40, seed: 5 }
    );
    expect(JSON.stringify(seedPlan)).toBe(before);
  });
});

describe("partnerFileName", () => {
  it("is `classeur-<plan>-<partner words>.xlsx`", () => {
    expect(partnerFileName("pays-segali", "La Caf12")).toBe("classeur-pays-segali-la-caf-12.xlsx");
    expect(partnerFileName("p", "Écoles publiques")).toBe("classeur-p-ecoles-publiques.xlsx");
    expect(partnerFileName("p", "???")).toBe("classeur-p-partenaire.xlsx");
  });

  it("is a plain file name whatever the partner is called (no folder, no odd character)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (name) => {
        const file = partnerFileName("pays-segali", name);
        expect(file).toMatch(/^classeur-pays-segali-[a-z0-9-]{1,40}\.xlsx$/);
      }),
      { numRuns: 200, seed: 7 }
    );
  });
});

describe("a partner's workbook model", () => {
  const master = buildWorkbook(seedPlan, GEN);
  const model = buildWorkbook(seedPlan, { ...GEN, partner: "CAF" });
  const csc = buildWorkbook(seedPlan, { ...GEN, partner: "CSC" });
  const caf = partnerActions(seedPlan, "CAF");

  it("holds only the partner's actions, and no Écarts sheet", () => {
    expect(model.sheets.map((s) => s.name)).toEqual([
      "Sommaire",
      "Tableau de bord",
      "Axe I",
      "Axe III",
      "Axe IV",
      "Récapitulatif",
      "Échéancier",
      "Fiches actions",
      "Paramètres",
    ]);
    for (const sheet of model.sheets.filter((s) => /^Axe /.test(s.name))) {
      const refs = sheet.cells.slice(4).map((line) => line[2]?.value);
      for (const v of refs) expect(v && v.kind === "text" && caf.includes(v.text)).toBe(true);
    }
    const rows = seedPlan.axes.flatMap((a) => axisRows(a)).filter((r) => caf.includes(r.ref));
    const ids = model.sheets
      .filter((s) => /^Axe /.test(s.name))
      .flatMap((s) => s.cells.slice(4).map((line) => (line[0]?.value as { text: string }).text));
    expect(ids).toEqual(rows.map((r) => r.rowId));
  });

  it("has a Sommaire for someone who has never seen the add-in", () => {
    const texts = model.sheets[0]!.cells.flatMap((line) =>
      line.map((c) => (c?.value?.kind === "text" ? c.value.text : ""))
    );
    const all = texts.join("\n");
    expect(all).toContain("Classeur préparé pour : CAF");
    expect(all).toContain("À lire d'abord");
    expect(all).toContain(`(${caf.length} actions : ${caf.join(", ")})`);
    expect(all).toContain("sans aucun complément à installer");
    expect(all).toContain("Vous ne pouvez écrire que dans les cellules jaunes");
    expect(all).toContain("Ne renommez pas les onglets");
    expect(all).toContain("renvoyez-le à la coordination CTG");
    expect(texts).toContain("Partenaire");
    expect(all).not.toContain("Écarts");
  });

  it("carries plan, version, partner and a fingerprint of its own", () => {
    expect(model.meta).toMatchObject({
      planId: seedPlan.id,
      planVersion: seedPlan.version,
      partner: "CAF",
    });
    expect(model.meta.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(model.meta.fingerprint).not.toBe(master.meta.fingerprint);
    expect(model.meta.fingerprint).not.toBe(csc.meta.fingerprint);
    expect(
      buildWorkbook(seedPlan, { ...GEN, generatedOn: "2030-01-01", partner: "CAF" }).meta
    ).toEqual(model.meta);
    const stored = parsePlanJson(model.planJson);
    expect(stored.ok && allRefs(stored.plan)).toEqual(caf);
  });

  it("has the same input cells as the master for the partner's rows", () => {
    const mine = [...inputCells(model).keys()];
    const all = new Set(inputCells(master).keys());
    for (const l of mine) expect(all.has(l)).toBe(true);
    expect(mine.length).toBeGreaterThan(500);
  });
});

describe("the plan stored in the CTG_meta sheet", () => {
  it("is cut in chunks a cell can hold and read back whole", () => {
    const model = buildWorkbook(seedPlan, GEN);
    const rows = metaSheetRows(model);
    const chunks = rows.filter(([k]) => k.startsWith("plan."));
    expect(chunks.length).toBe(Math.ceil(model.planJson.length / PLAN_CHUNK));
    expect(chunks.length).toBeGreaterThan(1);
    for (const [, v] of chunks) expect(v.length).toBeLessThanOrEqual(32_767);
    const read = planJsonOfRows(Object.fromEntries(rows));
    expect(read).toBe(model.planJson);
    const parsed = parsePlanJson(read ?? "");
    expect(parsed.ok && parsed.plan).toEqual(seedPlan);
    expect(META_SHEET).toBe("CTG_meta");
  });

  it("is absent (not half read) when a chunk is missing", () => {
    const model = buildWorkbook(clone(seedPlan), GEN);
    const rows = Object.fromEntries(metaSheetRows(model));
    expect(planJsonOfRows({ schema: "x" })).toBeNull();
    delete rows["plan.1"];
    expect(planJsonOfRows(rows)).toBeNull();
  });
});
