import type { Plan } from "../plan/schema";
import { parseTargets } from "../targets/parse";

/** The worked example of an empty plan workbook (`ctg plan new`): one row per sheet, to replace. */
export function examplePlan(): Plan {
  const indicator = (id: string, kind: "realisation" | "resultat" | "impact", text: string) => ({
    id,
    kind,
    text,
    ficheText: text,
    recapText: null,
    recapKind: null,
    sources: ["fiche" as const],
    targets: parseTargets(text),
    recapTargets: null,
    aggregation: null,
  });
  return {
    schemaVersion: 1,
    id: "ctg-mon-territoire-2025-2029",
    version: "1.0.0",
    title: "Convention Territoriale Globale de Mon Territoire",
    territory: "Communauté de communes de Mon Territoire",
    years: { start: 2025, end: 2029 },
    dateLabel: null,
    source: null,
    axes: [
      {
        id: "I",
        number: 1,
        title: "Petite enfance, enfance et jeunesse",
        objectives: [
          {
            id: "I.A",
            letter: "A",
            title: "Développer l'offre d'accueil du jeune enfant",
            titleVariants: [],
            actions: [
              {
                ref: "I.A.1",
                title: "Ouvrir une micro-crèche intercommunale",
                pilotage: "Communauté de communes",
                page: null,
                titleVariants: [],
                fiche: {
                  context: [
                    {
                      text: "Le territoire compte peu de places d'accueil collectif.",
                      level: 0,
                      bullet: false,
                    },
                  ],
                  expectedResults: [
                    { text: "Augmenter le nombre de places d'accueil", level: 0, bullet: true },
                  ],
                  method: [
                    { text: "Étude des besoins", level: 0, bullet: true },
                    { text: "Recherche d'un local", level: 1, bullet: true },
                  ],
                  vigilance: [],
                  resources: [{ text: "Un agent à mi-temps", level: 0, bullet: true }],
                  budget: [
                    {
                      label: "Aménagement du local",
                      kind: "cost",
                      amount: 40000,
                      period: "total",
                      uncertain: false,
                      raw: "Aménagement du local : 40 K€",
                    },
                  ],
                  pilots: ["Coordinatrice CTG"],
                  partners: ["CAF", "PMI"],
                  partnersText: [{ text: "CAF, PMI", level: 0, bullet: false }],
                  inhabitants: [],
                  other: [],
                },
                recap: null,
                indicators: [
                  indicator("I.A.1-REA-1", "realisation", "Ouverture de la micro-crèche"),
                  indicator("I.A.1-RES-1", "resultat", "à minima 10 enfants accueillis par an"),
                ],
                schedule: {
                  startPhase: "court_terme",
                  start: null,
                  end: null,
                  progress: null,
                  sourceMarks: [],
                },
              },
            ],
          },
        ],
      },
    ],
    roles: [
      {
        id: "coordinateur-ctg",
        title: "Coordinateur·rice CTG",
        subtitle: [],
        summary: ["Anime la convention et suit ses indicateurs."],
        missions: ["Préparer les comités de pilotage", "Rassembler les bilans des partenaires"],
        links: [],
      },
    ],
    partners: [{ name: "CAF", variants: ["Caf12", "Caisse d'Allocations Familiales"] }],
    differences: [],
  };
}
