/**
 * Adversarial suite, theme « scale »: a plan five times the embedded one (250 actions, about 1 500
 * indicator rows) checked, built, filled in every year cell (about 7 000 entries), checked and
 * refreshed; ten partners' returns merged in one command, with overlapping actions (conflicts); a
 * master merged and refreshed round after round. Sizes are kept to what runs in seconds; each case
 * asserts the exit status, the French report and the entries before and after.
 */
import { join } from "node:path";
import type { Plan } from "../../src/domain/plan/schema";
import {
  build,
  buildPartner,
  census,
  clone,
  ctg,
  editZip,
  filled,
  loadSeed,
  lost,
  reported,
  sheetPart,
  smallPlan,
  tempDir,
  writeJson,
  type Fill,
  type Typed,
} from "./helpers";

jest.setTimeout(300_000);

const dir = tempDir("scale");
const at = (name: string) => join(dir, name);

/** The embedded plan with every action repeated `k` times (new refs and indicator ids). */
function timesPlan(k: number): Plan {
  const plan = clone(loadSeed());
  for (const axis of plan.axes)
    for (const objective of axis.objectives) {
      const actions: typeof objective.actions = [];
      let n = 0;
      for (let copy = 0; copy < k; copy++)
        for (const action of objective.actions) {
          const ref = `${objective.id}.${++n}`;
          const a = clone(action);
          a.ref = ref;
          a.indicators = a.indicators.map((i) => ({ ...i, id: i.id.replace(action.ref, ref) }));
          actions.push(a);
        }
      objective.actions = actions;
    }
  return { ...plan, differences: [] };
}

describe("a plan five times the embedded one", () => {
  it("is checked, built, filled in every year cell, checked and refreshed without losing an entry", async () => {
    const plan = writeJson(at("plan-x5.json"), timesPlan(5));
    const check = await ctg("plan", "check", plan);
    expect(check.status).toBe(0);
    expect(check.out).toMatch(/4 axes, 15 objectifs, 250 actions, 1\s440 indicateurs/);
    const empty = await build(at("x5.xlsx"), "--plan", plan);
    // Every empty year cell (R to V) of every indicator row of the axis sheets gets a number.
    let typed = 0;
    const full = await editZip(empty, at("x5-rempli.xlsx"), async (zip) => {
      for (const sheet of ["Axe I", "Axe II", "Axe III", "Axe IV"]) {
        const part = await sheetPart(zip, sheet);
        const text = (await zip.file(part)?.async("string")) ?? "";
        const changed = text.replace(
          /<c r="([R-V])(\d+)" s="(\d+)"\/>/g,
          (all, col: string, row: string, style: string) => {
            if (Number(row) < 5) return all;
            typed++;
            return `<c r="${col}${row}" s="${style}"><v>${(typed % 9) + 1}</v></c>`;
          }
        );
        zip.file(part, changed);
      }
    });
    expect(typed).toBeGreaterThan(7000);
    const before = await census(full);
    expect(before.entries).toHaveLength(typed);
    const checked = await ctg("check", full);
    expect([0, 1]).toContain(checked.status);
    expect(reported(checked, /Total : [\d\s]+ cibles, ([\d\s]+) saisies dont/)).toBe(typed);
    const out = at("x5-regen.xlsx");
    const refresh = await ctg("refresh", full, "--out", out);
    expect(refresh.status).toBe(0);
    expect(refresh.out).toMatch(
      /version 1\.0\.0 ; [\d\s]+ saisie\(s\) gardée\(s\), 0 archivée\(s\)/
    );
    expect(reported(refresh, /; ([\d\s]+) saisie\(s\) gardée\(s\)/)).toBe(typed);
    const after = await census(out);
    expect(after.entries).toHaveLength(typed);
    expect(after.total).toBe(before.total);
  });
});

describe("many returns at once", () => {
  it("ten partners' returns merged in one command: every value in the master or the journal", async () => {
    const plan = writeJson(at("plan.json"), smallPlan());
    const master = await build(at("maitre.xlsx"), "--plan", plan);
    const listed = await ctg("partners", "--plan", plan, "--json");
    expect(listed.status).toBe(0);
    const partners = (JSON.parse(listed.out) as Array<{ name: string }>)
      .slice(0, 10)
      .map((p) => p.name);
    expect(partners).toHaveLength(10);
    const typed: Typed[] = [];
    const returns: string[] = [];
    for (const [i, partner] of partners.entries()) {
      const prepared = await buildPartner(at(`partenaire-${i}.xlsx`), partner, "--from", master);
      const fill: Fill[] = [];
      returns.push(
        await filled(
          prepared,
          at(`retour-${i}.xlsx`),
          (wb) => {
            for (const ws of wb.worksheets.filter((w) => /^Axe [IVX]+$/.test(w.name)))
              for (let r = 5; r <= ws.rowCount; r++) {
                const key = String(ws.getCell(r, 1).value ?? "");
                if (!key) continue;
                const value = `${partner} : ${key}`;
                ws.getCell(r, 24).value = value; // Commentaire
                fill.push({ sheet: ws.name, cell: `X${r}`, key, column: "Commentaire", value });
              }
          },
          []
        )
      );
      typed.push(...fill);
    }
    const out = at("fusion-10.xlsx");
    const run = await ctg("merge", master, ...returns, "--out", out);
    expect(run.status).toBe(0);
    expect(run.out.match(/^✓ /gm)).toHaveLength(10);
    expect(run.out).toMatch(
      /conflit .* Commentaire : (?:envoyé « [^»]* », )?classeur « .* », retour « .* » — valeur du classeur gardée/
    );
    const after = await census(out);
    expect(lost(after, typed)).toEqual([]);
    // Each distinct row got one value; every other one is a conflict in the journal.
    const rows = new Set(typed.map((t) => t.key)).size;
    expect(after.entries).toHaveLength(rows);
    const added = after.journal.filter((j) => j.outcome === "Ajoutée").length;
    const conflicts = after.journal.filter((j) => /^Conflit/.test(j.outcome)).length;
    expect(added).toBe(rows);
    expect(added + conflicts).toBe(typed.length);
  });

  it("a master merged and refreshed round after round: the journal grows, nothing is lost", async () => {
    const plan = writeJson(at("plan-tours.json"), smallPlan());
    let master = await build(at("tour-0.xlsx"), "--plan", plan);
    const typed: Typed[] = [];
    for (let round = 1; round <= 4; round++) {
      const prepared = await buildPartner(at(`tour-${round}-caf.xlsx`), "CAF", "--from", master);
      const value = 10 + round;
      const fill: Fill[] = [
        {
          sheet: "Axe I",
          cell: "X7",
          key: "I.A.1-RES-1",
          column: "Commentaire",
          value: `tour ${round}`,
        },
        {
          sheet: "Axe I",
          cell: `${"RSTUV"[round - 1] ?? "V"}7`,
          key: "I.A.1-RES-1",
          column: String(2020 + round),
          value,
        },
      ];
      const ret = await filled(prepared, at(`tour-${round}-retour.xlsx`), undefined, fill);
      const merged = at(`tour-${round}-fusion.xlsx`);
      const run = await ctg("merge", master, ret, "--out", merged);
      expect(run.status).toBe(0);
      expect(run.out).toMatch(
        round === 1
          ? /2 ajoutée\(s\)/
          : // The partner changed the comment it was sent: a conflict, or (three-way merge) its update.
            /1 ajoutée\(s\)[\s\S]*I\.A\.1-RES-1 Commentaire : .*retour « tour \d » — valeur/
      );
      const refreshed = at(`tour-${round}.xlsx`);
      const again = await ctg("refresh", merged, "--out", refreshed);
      expect(again.status).toBe(0);
      expect(again.out).toMatch(
        new RegExp(`; ${round + 1} saisie\\(s\\) gardée\\(s\\), 0 archivée\\(s\\)`)
      );
      typed.push(...fill);
      master = refreshed;
      const now = await census(master);
      expect(lost(now, typed)).toEqual([]);
      expect(now.entries).toHaveLength(round + 1);
    }
  });
});
