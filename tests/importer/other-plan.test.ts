import { importPlanFromText } from "../../src/domain/importer/importText";
import { formatMessage } from "../../src/domain/messages";
import { validatePlan } from "../../src/domain/plan/validate";

/**
 * A made-up CTG in the same shape as the Pays Ségali text, with other names, years and irregularities:
 * the importer is built for the general case, not for the one document in the repo.
 */
const text = [
  "Convention Territoriale Globale Communauté de communes du Val Vert",
  "",
  "2023-2026",
  "",
  "Mars 2023",
  "",
  "FICHES ACTION",
  "",
  "I – Accueillir les familles",
  "",
  "A- Développer l'accueil du jeune enfant\t\tPilotage\tPage",
  "Ref\tIntitulé des actions\t\t",
  "I.A.1\tOuverture d'une micro-crèche\tRéférente PE\t4",
  "I.A.2\tCréation d'un relais petite enfance\tDirectrice CC\t5",
  "",
  "II- Vivre ensemble",
  "",
  "A- Soutenir les associations\t\tPilotage\tPage",
  "Ref\tIntitulé des actions\t\t",
  "II.A.1\tGuichet associatif\tCentre social\t7",
  "",
  "I – Accueillir les familles",
  "",
  "Éléments de contexte :",
  "",
  "- Peu de places d'accueil collectif",
  "",
  "Résultats attendus",
  "",
  "- Des places en plus",
  "",
  "Les référents-pilotes de l'action :",
  "",
  "- Référente PE",
  "",
  "Les partenaires techniques et institutionnels associés",
  "",
  "- CAF, PMI (service départemental, antenne nord), communes.",
  "",
  "La place des habitants : Consultation des parents",
  "",
  "Les Indicateurs d'évaluation",
  "",
  "Indicateurs de réalisation",
  "",
  "- Ouverture de la micro-crèche",
  "",
  "Indicateurs de résultat",
  "",
  "- Au moins 10 enfants accueillis par an",
  "",
  "Indicateur d'impact",
  "",
  "- Satisfaction des familles",
  "",
  "Eléments de contexte :",
  "",
  "- Aucun relais sur le territoire",
  "",
  "Les Indicateurs d'évaluation",
  "",
  "- **Indicateurs de réalisation :**",
  "- Création du relais",
  "",
  "II- Vivre ensemble",
  "",
  "A- Soutenir les associations",
  "",
  "1- Guichet unique pour les associations",
  "",
  "Éléments de contexte :",
  "",
  "- Des associations isolées",
  "",
  "Ressources mobilisables – moyens nécessaires :",
  "",
  "- Coût : 12 k€",
  "",
  "Indicateurs de résultat :",
  "",
  "- 30 associations accompagnées",
  "",
  "ECHÉANCIER DES ACTIONS",
  "",
  "I – Accueillir les familles\t\tCourts termes\tMoyens Termes\tLongs termes\tProchaine CTG",
  "I.A.1\tOuverture d'une micro-crèche\t\tX\t\t",
  "I.A.2\tCréation d'un relais petite enfance\t\t\t\t?",
  "",
  "RÉCAPITULATIF INDICATEURS D'ÉVALUATION",
  "",
  "A- Développer l'accueil du jeune enfant\t\tPilotage\tEvaluation\t\t",
  "Ref\tIntitulé des actions\t\tRéalisation\tRésultats\tImpacts",
  "I.A.1\tOuverture d'une micro-crèche\tRéférente PE\t<ul> - Ouverture de la micro-crèche </ul>\t<ul> - Au moins 12 enfants accueillis par an </ul>\t<ul> - Satisfaction des familles - Retour à l'emploi des parents </ul>",
  "",
].join("\n");

const { plan, notes } = importPlanFromText(text);
const actions = plan.axes.flatMap((a) => a.objectives.flatMap((o) => o.actions));
const byRef = (ref: string) => actions.find((a) => a.ref === ref);

describe("importing another CTG written in the same shape", () => {
  it("reads its title page, axes and actions", () => {
    expect(plan.territory).toBe("Communauté de communes du Val Vert");
    expect(plan.id).toBe("communaute-de-communes-du-val-vert-2023-2026");
    expect(plan.years).toEqual({ start: 2023, end: 2026 });
    expect(plan.dateLabel).toBe("Mars 2023");
    expect(actions.map((a) => a.ref)).toEqual(["I.A.1", "I.A.2", "II.A.1"]);
    expect(validatePlan(plan).ok).toBe(true);
  });

  it("reads its fiches and indicators", () => {
    expect(byRef("I.A.1")?.indicators.map((i) => [i.id, i.kind, i.text])).toEqual([
      ["I.A.1-REA-1", "realisation", "Ouverture de la micro-crèche"],
      ["I.A.1-RES-1", "resultat", "Au moins 10 enfants accueillis par an"],
      ["I.A.1-IMP-1", "impact", "Satisfaction des familles"],
      ["I.A.1-IMP-R1", "impact", "Retour à l'emploi des parents"],
    ]);
    expect(byRef("I.A.1")?.fiche?.partners).toEqual([
      "CAF",
      "PMI (service départemental, antenne nord)",
      "communes",
    ]);
    expect(byRef("I.A.1")?.fiche?.inhabitants).toEqual([
      { text: "Consultation des parents", level: 0, bullet: false },
    ]);
    expect(byRef("I.A.2")?.indicators.map((i) => i.text)).toEqual(["Création du relais"]);
    expect(byRef("II.A.1")?.fiche?.budget[0]).toMatchObject({ amount: 12000, kind: "cost" });
  });

  it("reports the changed target and the recap-only indicator", () => {
    expect(plan.differences).toContainEqual(
      expect.objectContaining({
        ref: "I.A.1",
        code: "indicator_target",
        indicatorId: "I.A.1-RES-1",
      })
    );
    expect(plan.differences).toContainEqual(
      expect.objectContaining({ ref: "I.A.1", code: "indicator_recap_only" })
    );
    expect(plan.differences).toContainEqual(
      expect.objectContaining({ ref: "II.A.1", code: "title", where: "section" })
    );
    expect(plan.differences).toContainEqual(
      expect.objectContaining({ ref: "I.A.2", code: "recap_missing" })
    );
  });

  it("takes a clear schedule mark as the start phase, and keeps an unclear one as a mark", () => {
    expect(byRef("I.A.1")?.schedule.startPhase).toBe("moyen_terme");
    expect(byRef("I.A.2")?.schedule).toMatchObject({
      startPhase: null,
      sourceMarks: [{ column: "Prochaine CTG", mark: "?" }],
    });
    expect(byRef("II.A.1")?.schedule.startPhase).toBeNull();
  });

  it("has nothing to report when every action has its fiche", () => {
    expect(notes).toEqual([]);
  });
});

describe("problems in a source document are reported as data, in French", () => {
  it("reports an action of the summary without a fiche", () => {
    const truncated = text.slice(
      0,
      text.indexOf("II- Vivre ensemble\n\nA- Soutenir les associations\n\n1-")
    );
    const result = importPlanFromText(truncated);
    expect(result.notes.map((n) => n.code)).toEqual(["import.action_without_fiche"]);
    expect(result.notes.map(formatMessage)).toEqual([
      "l'action II.A.1 n'a pas de fiche action dans le document",
    ]);
    expect(result.plan.differences).toContainEqual(
      expect.objectContaining({ ref: "II.A.1", code: "fiche_missing" })
    );
  });

  it("reports a document without years", () => {
    const result = importPlanFromText(text.replace("2023-2026", "deux mille vingt-trois"));
    expect(result.notes.map((n) => n.code)).toContain("import.years_missing");
    expect(validatePlan(result.plan).ok).toBe(false);
  });
});
