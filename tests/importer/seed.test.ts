import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CorrectionsSchema } from "../../src/domain/importer/corrections";
import { importPlanFromText } from "../../src/domain/importer/importText";
import type { Action, Plan } from "../../src/domain/plan/schema";
import { validatePlan } from "../../src/domain/plan/validate";

const root = join(__dirname, "..", "..");
const sourceText = readFileSync(join(root, "seeds/source/pays-segali-ctg-2021-2025.txt"), "utf8");
const corrections = CorrectionsSchema.parse(
  JSON.parse(readFileSync(join(root, "seeds/corrections/pays-segali-2021-2025.json"), "utf8"))
);
const committed: unknown = JSON.parse(
  readFileSync(join(root, "seeds/pays-segali-2021-2025.json"), "utf8")
);

function importSeed(): ReturnType<typeof importPlanFromText> {
  return importPlanFromText(sourceText, {
    corrections,
    source: {
      file: "pays-segali-ctg-2021-2025.txt",
      sha256: createHash("sha256").update(sourceText, "utf8").digest("hex"),
    },
  });
}

const { plan, notes } = importSeed();
const actions: Action[] = plan.axes.flatMap((a) => a.objectives.flatMap((o) => o.actions));
const action = (ref: string): Action => {
  const found = actions.find((a) => a.ref === ref);
  if (!found) throw new Error(`no action ${ref}`);
  return found;
};

describe("the committed Pays Ségali plan", () => {
  it("is exactly the importer's output for the committed source text and corrections", () => {
    // If this fails after a change to the importer or the parser, regenerate with `npm run import-seed`
    // and review the diff of seeds/pays-segali-2021-2025.json like code.
    expect(JSON.parse(JSON.stringify(plan))).toEqual(committed);
  });

  it("is deterministic", () => {
    expect(JSON.stringify(importSeed().plan)).toBe(JSON.stringify(plan));
  });

  it("passes the plan schema, and the importer has nothing to report on the source", () => {
    expect(validatePlan(committed).ok).toBe(true);
    expect(notes).toEqual([]);
  });
});

describe("nothing of the source is lost", () => {
  it("has the 4 axes, 15 objectives and 50 actions of the summary tables, in order", () => {
    expect(plan.axes.map((a) => a.id)).toEqual(["I", "II", "III", "IV"]);
    // The product brief says 11 objectives; the source has 15 (A-E, A-D, A-C, A-C).
    expect(plan.axes.flatMap((a) => a.objectives.map((o) => o.id))).toEqual([
      "I.A",
      "I.B",
      "I.C",
      "I.D",
      "I.E",
      "II.A",
      "II.B",
      "II.C",
      "II.D",
      "III.A",
      "III.B",
      "III.C",
      "IV.A",
      "IV.B",
      "IV.C",
    ]);
    expect(actions).toHaveLength(50);
    const refsInSource = [
      ...sourceText.matchAll(/^([IV]+\.[A-Z]\.\d+)\t[^\t]*\t[^\t]*\t\d+$/gm),
    ].map((m) => m[1]);
    expect(actions.map((a) => a.ref)).toEqual(refsInSource);
  });

  it("gives every action its fiche, in document order", () => {
    expect(actions.every((a) => a.fiche !== null)).toBe(true);
    expect(action("I.A.1").fiche?.context[0]?.text).toMatch(/^Une augmentation de la population/);
    expect(action("II.A.1").fiche?.context[0]?.text).toMatch(/^Une palette importante de services/);
    expect(action("IV.C.2").fiche?.context[0]?.text).toMatch(
      /^Le projet social de territoire formalisé/
    );
  });

  it("keeps every indicator line of every fiche verbatim (bullet removed, markup cleaned)", () => {
    // An independent reading of the source: every bullet between an indicators heading and the next fiche.
    const expected: string[] = [];
    let inIndicators = false;
    for (const raw of sourceText.split("\n")) {
      const line = raw.replace(/\*\*/g, "").trim();
      if (/^(-\s*)?Indicateurs? d/i.test(line) || /Indicateurs d'évaluation/.test(line)) {
        inIndicators = true;
        continue;
      }
      if (
        /^[EÉ]l[ée]ments de contexte/.test(line) ||
        /^(I|II|III|IV)\s*[-–]/.test(line) ||
        /^ECH/.test(line)
      ) {
        inIndicators = false;
      }
      if (inIndicators && line.startsWith("- ")) {
        expected.push(
          line
            .slice(2)
            .replace(/\^\{([^}]*)\}/g, "$1")
            .replace(/<\/?i>/g, "")
            .trim()
        );
      }
    }
    const ficheTexts = actions.flatMap((a) =>
      a.indicators.map((i) => i.ficheText).filter((t): t is string => t !== null)
    );
    expect(expected.length).toBeGreaterThan(240);
    expect(ficheTexts.sort()).toEqual(expected.sort());
  });

  it("keeps every item of the recap table, linked to its fiche indicator or as its own indicator", () => {
    const recapItems = actions.flatMap((a) => [
      ...(a.recap?.realisation ?? []),
      ...(a.recap?.resultats ?? []),
      ...(a.recap?.impacts ?? []),
    ]);
    const recapTexts = actions.flatMap((a) =>
      a.indicators.map((i) => i.recapText).filter((t): t is string => t !== null)
    );
    expect(recapTexts.sort()).toEqual(recapItems.sort());
    // Every word of the recap cells is in some item (no item dropped by the splitting).
    const recapRows = sourceText.split("\n").filter((l) => /^[IV]+\.[A-Z]\.\d+\t.*<ul/.test(l));
    expect(recapRows).toHaveLength(49); // every action but IV.A.1, whose recap row is empty
    for (const row of recapRows) {
      const ref = row.split("\t")[0] ?? "";
      const words = row
        .split("\t")
        .slice(3)
        .join(" ")
        .replace(/<[^>]+>/g, " ")
        .replace(/\^\{([^}]*)\}/g, "$1")
        .split(/\s+/)
        .filter((w) => w.length > 3);
      const kept = [
        ...(action(ref).recap?.realisation ?? []),
        ...(action(ref).recap?.resultats ?? []),
        ...(action(ref).recap?.impacts ?? []),
      ].join(" ");
      for (const w of words) expect(`${ref}: ${kept}`).toContain(w);
    }
  });

  it("keeps the fiches mission (roles)", () => {
    expect(plan.roles.map((r) => r.title)).toEqual([
      "Chargé de coopération CTG (référentiel CNAF)",
      "Référent-e petite enfance (fiche métier 108 cnfpt)",
      "Référent-e Enfance (fiche métier 108 cnfpt)",
      "Référent-e Jeunesse",
      "Référent-e parcours de l'enfant, parentalité et handicap",
      "Référent-e animation de la vie sociale et culturelle",
      "Référent-e accompagnement social et réseaux des solidarités / animation territoriale",
    ]);
    for (const role of plan.roles) {
      expect(role.missions.length).toBeGreaterThan(0);
      expect(role.links.length).toBeGreaterThan(0);
    }
    expect(plan.roles[0]?.missions).toContain(
      "Organisation et animation de la relation avec la population"
    );
    // A wrapped line of the source is one mission, not two.
    expect(plan.roles[2]?.missions).toContain(
      "Mise en œuvre des politiques enfance et entre autres des actions prévues à la CTG"
    );
  });

  it("reads the title page", () => {
    expect(plan.title).toBe("Convention Territoriale Globale Pays Ségali Communauté");
    expect(plan.territory).toBe("Pays Ségali Communauté");
    expect(plan.years).toEqual({ start: 2021, end: 2025 });
    expect(plan.dateLabel).toBe("Avril 2021");
  });
});

describe("each irregularity of the source, handled on purpose", () => {
  it("reads headings written as bullets (I.E.3)", () => {
    const kinds = action("I.E.3").indicators.map((i) => i.kind);
    expect(kinds).toEqual(["realisation", "realisation", "resultat", "impact", "impact", "impact"]);
    expect(action("I.E.3").fiche?.partners).toContain("FOL12");
  });

  it("reads a heading glued to bold text (II.A.3)", () => {
    const fiche = action("II.A.3").fiche;
    expect(fiche?.method[0]?.text).toBe("Dans le cadre de l'animation du réseau partenarial :");
    expect(
      action("II.A.3")
        .indicators.filter((i) => i.kind === "realisation")
        .map((i) => i.text)
    ).toEqual(["Réalisation de l'état des lieux"]);
  });

  it("reads singular headings and headings without a colon (I.A.4, I.B.3)", () => {
    expect(action("I.A.4").indicators.filter((i) => i.kind === "impact")).toHaveLength(1);
    expect(action("I.B.3").indicators.filter((i) => i.kind === "impact")).toHaveLength(3);
    expect(action("I.B.3").indicators.filter((i) => i.kind === "resultat")).toHaveLength(2);
  });

  it("keeps a fiche without indicators as it is, and its budget (IV.A.1)", () => {
    const a = action("IV.A.1");
    expect(a.indicators).toEqual([]);
    expect(a.fiche?.budget).toEqual([
      {
        label: "Coût",
        kind: "cost",
        amount: 40000,
        period: "total",
        uncertain: false,
        raw: "Coût : 40 K€",
      },
      {
        label: "Financement CAF",
        kind: "funding",
        amount: 24000,
        period: "total",
        uncertain: false,
        raw: "Financement CAF : 24 K€",
      },
    ]);
    expect(a.fiche?.pilots).toEqual(["Présidente et Directeur de la Communauté de Communes"]);
  });

  it("keeps budget lines with amounts, and marks unknown ones", () => {
    expect(action("II.B.2").fiche?.budget).toEqual([
      {
        label: "Service civique",
        kind: "cost",
        amount: 1320,
        period: "year",
        uncertain: false,
        raw: "Service civique : 1320 € / an",
      },
    ]);
    expect(action("III.A.4").fiche?.budget[0]).toMatchObject({ amount: 5000, uncertain: true });
    expect(action("I.A.1").fiche?.budget.map((b) => [b.label, b.amount, b.uncertain])).toEqual([
      ["Estimation du projet d'investissement", null, true],
      ["Coût moyen de fonctionnement", null, true],
    ]);
  });

  it("tells a missing 'place des habitants' from one that says none (I.D.4, I.A.1)", () => {
    expect(action("I.D.4").fiche?.inhabitants).toBeNull();
    expect(action("I.A.1").fiche?.inhabitants).toEqual([]);
    expect(action("IV.C.2").fiche?.inhabitants?.[0]?.text).toBe(
      "Information au comité d'usagers pour relais"
    );
  });

  it("links recap items listed in a shifted column (IV.B.4) and reports it", () => {
    const a = action("IV.B.4");
    expect(a.recap?.realisation).toEqual([]);
    expect(a.recap?.resultats).toHaveLength(2);
    const real = a.indicators.filter((i) => i.kind === "realisation");
    expect(real.map((i) => i.recapKind)).toEqual(["resultat", "resultat"]);
    expect(real.every((i) => i.sources.includes("recap"))).toBe(true);
    expect(
      plan.differences.filter((d) => d.ref === "IV.B.4" && d.code === "indicator_kind")
    ).toHaveLength(2);
  });

  it("splits two recap bullets merged by a missing separator (I.D.3)", () => {
    expect(action("I.D.3").recap?.resultats).toEqual([
      "baisse de l'échec scolaire d'au minimum 30 familles accompagnées dans le cadre du CLAS",
      "Suivi du parcours et de la réussite scolaire des élèves et amélioration scolaire pour au moins 50 % des élèves du CLAS",
      "A minima 2 rencontres entre enseignants et les parents par an",
    ]);
    expect(plan.differences.some((d) => d.ref === "I.D.3" && d.code === "recap_items_merged")).toBe(
      true
    );
  });

  it("does not split a recap item on a hyphen inside it (II.A.3, IV.A.2)", () => {
    expect(action("II.A.3").recap?.resultats[0]).toBe(
      "Mobilisation à minima des Collectivités Territoriales - CCAS, des associations caritatives et du CD12"
    );
    expect(action("IV.A.2").recap?.resultats).toEqual([
      "Une organisation des services à la mesure du projet CTG et de la politique Enfance - Jeunesse",
    ]);
  });

  it("keeps recap-only and fiche-only indicators as their own (I.A.5)", () => {
    const a = action("I.A.5");
    expect(
      a.indicators
        .filter((i) => i.sources.length === 1 && i.sources[0] === "recap")
        .map((i) => i.id)
    ).toEqual(["I.A.5-IMP-R1", "I.A.5-IMP-R2", "I.A.5-IMP-R3"]);
    expect(a.indicators.find((i) => i.text === "Communication aux élu-s-es")?.sources).toEqual([
      "fiche",
    ]);
  });

  it("applies the hand correction that links a reworded indicator (I.C.5)", () => {
    const i = action("I.C.5").indicators.find(
      (x) => x.recapText === "10 orientations de jeunes à minima par an"
    );
    expect(i?.ficheText).toMatch(/^Nombre de jeunes accompagnés et orientés/);
    expect(i?.id).toBe("I.C.5-RES-3");
  });

  it("never invents the échéancier: every action is unplanned, the `?` mark is kept", () => {
    expect(actions.every((a) => a.schedule.startPhase === null && a.schedule.start === null)).toBe(
      true
    );
    expect(action("I.E.2").schedule.sourceMarks).toEqual([{ column: "Courts termes", mark: "?" }]);
    expect(actions.filter((a) => a.schedule.sourceMarks.length > 0).map((a) => a.ref)).toEqual([
      "I.E.2",
    ]);
  });

  it("cleans markup (`**`, `<i>`, `^{ème}`) without changing words", () => {
    const all = JSON.stringify(plan.axes);
    expect(all).not.toMatch(/\*\*|<\/?i>|\^\{|<ul/);
    expect(action("IV.B.2").title).toBe(
      "Evolution de l'agrément de EVS vers un 2ème agrément Centre Social"
    );
    expect(action("III.B.3").pilotage).toBe("Coordination CTG Directrice CSC");
  });

  it("gives stable ids by kind and position", () => {
    expect(action("I.A.1").indicators.map((i) => i.id)).toEqual([
      "I.A.1-REA-1",
      "I.A.1-REA-2",
      "I.A.1-RES-1",
      "I.A.1-RES-2",
      "I.A.1-IMP-1",
      "I.A.1-IMP-2",
      "I.A.1-IMP-3",
    ]);
    const ids = actions.flatMap((a) => a.indicators.map((i) => i.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("differences between the fiches and the recap, as data", () => {
  const codes = (ref: string): string[] =>
    plan.differences.filter((d) => d.ref === ref).map((d) => d.code);

  it("lists changed titles and pilots", () => {
    expect(plan.differences).toContainEqual(
      expect.objectContaining({
        ref: "I.C.4",
        code: "title",
        where: "recap",
        recap: "Mise en place d'un projet jeunesse sur le Naucellois",
      })
    );
    expect(plan.differences).toContainEqual(
      expect.objectContaining({ ref: "III.A.3", code: "pilotage", recap: "Animatrice EVS" })
    );
    expect(codes("II.A.2")).toContain("title");
  });

  it("lists a target whose comparator or number changed", () => {
    const i = action("I.C.1").indicators.find((x) =>
      x.recapText?.startsWith("Participation d'au moins 20 %")
    );
    expect(i?.ficheText).toMatch(/^Participation à minima de 15 jeunes/);
    expect(plan.differences).toContainEqual(
      expect.objectContaining({ ref: "I.C.1", code: "indicator_target", indicatorId: i?.id })
    );
    expect(plan.differences).toContainEqual(
      expect.objectContaining({
        ref: "I.E.4",
        code: "indicator_target",
        indicatorId: "I.E.4-RES-1",
      })
    );
  });

  it("does not report identical wordings", () => {
    const plain = plan.differences.filter(
      (d) => d.code === "indicator_wording" || d.code === "indicator_target"
    );
    for (const d of plain) expect(d.fiche).not.toBe(d.recap);
    expect(codes("II.C.2")).toEqual([]);
  });
});

export type { Plan };
