import fc from "fast-check";
import { parseTargets } from "../../src/domain/targets/parse";
import { TargetSchema } from "../../src/domain/targets/schema";

function fragments(text: string): string[] {
  return parseTargets(text).map((t) => t.fragment);
}

describe("fragments: the verbatim wording each target was read from", () => {
  test.each<[string, string[]]>([
    ["à minima 12 enfants accueillis par an", ["à minima 12 enfants accueillis par an"]],
    ["  Création de la page Facebook  ", ["Création de la page Facebook"]],
    ["- Au moins 3 ateliers", ["Au moins 3 ateliers"]],
    ["2- Création d'un lieu dédié", ["Création d'un lieu dédié"]],
    // French spaces are kept as written.
    ["Au minimum 20\u202f% des parents", ["Au minimum 20\u202f% des parents"]],
    ["Au  moins   3\u00a0ateliers", ["Au  moins   3\u00a0ateliers"]],
    [
      "Mise en place de 50 % d'activités de loisirs, 30 % d'activités culturelles, 20% d'actions de prévention et de sensibilisation",
      [
        "Mise en place de 50 % d'activités de loisirs",
        "30 % d'activités culturelles",
        "20% d'actions de prévention et de sensibilisation",
      ],
    ],
    [
      "Accueil de + 20 % de filles et de + 20% de jeunes de 15-17 ans",
      ["Accueil de + 20 % de filles", "de + 20% de jeunes de 15-17 ans"],
    ],
    [
      "3 rencontres par an par groupe thématique avec 75 % des acteurs concernés présents",
      ["3 rencontres par an par groupe thématique", "75 % des acteurs concernés présents"],
    ],
    [
      "Mobilisation d'au moins 80 personnes, dont 1/3 au moins représente des associations du Pays Segali ou des habitants",
      [
        "Mobilisation d'au moins 80 personnes",
        "1/3 au moins représente des associations du Pays Segali ou des habitants",
      ],
    ],
    [
      "Mise en place d'au moins 2 projets transversaux par an avec les 4 ACM en associant au moins 2 autres acteurs associatifs du territoire",
      [
        "Mise en place d'au moins 2 projets transversaux par an avec les 4 ACM",
        "au moins 2 autres acteurs associatifs du territoire",
      ],
    ],
    [
      "Suivi du parcours et de la réussite scolaire des élèves et amélioration scolaire pour au moins 50 % des élèves du CLAS A minima 2 rencontres entre enseignants et les parents par an",
      [
        "Suivi du parcours et de la réussite scolaire des élèves et amélioration scolaire pour au moins 50 % des élèves du CLAS",
        "A minima 2 rencontres entre enseignants et les parents par an",
      ],
    ],
  ])("%s", (text, expected) => {
    expect(fragments(text)).toEqual(expected);
  });

  test("a unit keeps its accents and hyphens, in lower case", () => {
    expect(parseTargets("1 Évènement autour de la signature")[0]?.unit).toBe("évènement");
    expect(parseTargets("A minima 8 Visiteurs-Bénévoles")[0]?.unit).toBe("visiteurs-bénévoles");
  });
});

/** Pieces of French indicator wording, glued at random to make odd phrases. */
const PIECES = [
  "Au moins",
  "à minima",
  "d'au moins",
  "A minima",
  "au minimum",
  "minimum",
  "min.",
  "plus de",
  "+",
  "≥",
  "1",
  "2",
  "3-4",
  "12,5",
  "1 250",
  "1\u202f250",
  "1/3",
  "2ème",
  "2^{ème}",
  "2021",
  "CD12",
  "FOL 12",
  "un",
  "une",
  "deux",
  "la moitié",
  "%",
  "\u202f%",
  "des",
  "de",
  "d'",
  "du nombre de",
  "enfants",
  "places",
  "structures",
  "par an",
  "/an",
  "annuel",
  "biennal",
  "tous les 2 ans",
  "sous 2 ans",
  "d'ici 3 ans",
  "11-14 ans",
  "Augmentation",
  "baisse",
  "Création",
  "Mise en place",
  "Satisfaction",
  "dont",
  "avec les 4 ACM",
  ",",
  ";",
  ":",
  "(",
  ")",
  "-",
  "\u00a0",
  "  ",
  "œ",
  "É",
  "\t",
];

describe("odd text is data: never throws, always schema-valid", () => {
  test("random glued pieces of indicator wording", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }), (parts) => {
        const text = parts.join(" ");
        const targets = parseTargets(text);
        for (const t of targets) expect(TargetSchema.parse(t)).toEqual(t);
        if (text.trim() !== "" && /[\p{L}\p{N}]/u.test(text))
          expect(targets.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 }
    );
  });

  test("any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 80 }), (text) => {
        for (const t of parseTargets(text)) expect(TargetSchema.parse(t)).toEqual(t);
      }),
      { numRuns: 2000 }
    );
  });

  test("very long text stays fast", () => {
    const text = "Au moins 3 ateliers par an, ".repeat(2000);
    const started = Date.now();
    const targets = parseTargets(text);
    expect(targets.length).toBe(2000);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
