import { formatTarget, formatTargets } from "../../src/domain/targets/format";
import { parseTargets } from "../../src/domain/targets/parse";
import type { Target } from "../../src/domain/targets/schema";
import {
  between,
  count,
  type Expected,
  increase,
  milestone,
  qualitative,
  share,
  tracked,
  trackedShare,
  unknown,
} from "./expect";

/** French narrow no-break space, used before "%". */
const NNBSP = "\u202f";

function withFragment(e: Expected): Target {
  return { ...e, fragment: "" };
}

describe("formatTarget", () => {
  test.each<[Expected, string]>([
    [count(">=", 12, "enfants", "year"), "≥ 12 enfants / an"],
    [count("=", 30, "visiteurs", "year"), "30 visiteurs / an"],
    [count("<=", 3, "enfants"), "≤ 3 enfants"],
    [count("=", 10, "places", "total", 2), "10 places sous 2 ans"],
    [count(">=", 2, "forums", "biennial"), "≥ 2 forums / 2 ans"],
    [count("=", 1, "bilan", "year", 1), "1 bilan / an sous 1 an"],
    [count(">=", 1250, "enfants"), "≥ 1\u202f250 enfants"],
    [count(">=", 3, null), "≥ 3"],
    [between(2, 3, "installations", "year"), "2 à 3 installations / an"],
    [share(">=", 80, "structures"), `≥ 80${NNBSP}% des structures`],
    [share(">=", 50, "personnel"), `≥ 50${NNBSP}% (personnel)`],
    [share("=", 12.5, "familles"), `12,5${NNBSP}% des familles`],
    [share(">=", 100 / 3, "personnes"), `≥ 33,33${NNBSP}% des personnes`],
    [share(">=", 80, null), `≥ 80${NNBSP}%`],
    [increase(">=", 20, null), `+20${NNBSP}% min. (hausse)`],
    [increase(">=", 20, "utilisateurs"), `+20${NNBSP}% min. (hausse des utilisateurs)`],
    [increase("=", 20, "participants"), `+20${NNBSP}% (hausse des participants)`],
    [increase("<=", 10, "absences"), `+10${NNBSP}% max. (hausse des absences)`],
    [increase("=", -10, "absences"), `-10${NNBSP}% (baisse des absences)`],
    [increase("<=", -10, "absences"), `-10${NNBSP}% min. (baisse des absences)`],
    [increase(">=", -10, null), `-10${NNBSP}% max. (baisse)`],
    [increase(">=", 20, "personnel"), `+20${NNBSP}% min. (hausse : personnel)`],
    [tracked("formations"), "Nombre de formations (à suivre)"],
    [tracked("enfants"), "Nombre d'enfants (à suivre)"],
    [tracked("réunions", "year"), "Nombre de réunions / an (à suivre)"],
    [trackedShare("remplissage"), "Taux de remplissage (à suivre)"],
    [milestone(), "Réalisé (oui / non)"],
    [milestone(2), "Réalisé sous 2 ans (oui / non)"],
    [qualitative(), "Qualitatif"],
    [unknown(), "À préciser"],
    [unknown({ comparator: ">=", value: 4, unit: "réunions" }), "À préciser"],
  ])("%j -> %s", (target, expected) => {
    expect(formatTarget(withFragment(target))).toBe(expected);
  });

  test("between increases", () => {
    const t: Target = {
      measure: "increase_percent",
      comparator: "between",
      value: 10,
      valueMax: 20,
      unit: null,
      period: "total",
      deadlineYears: null,
      fragment: "",
    };
    expect(formatTarget(t)).toBe(`+10 à 20${NNBSP}% (hausse)`);
  });
});

describe("formatTargets", () => {
  test("joins several targets with ' ; '", () => {
    expect(
      formatTargets([
        withFragment(count("=", 3, "rencontres", "year")),
        withFragment(share("=", 75, "acteurs")),
      ])
    ).toBe(`3 rencontres / an ; 75${NNBSP}% des acteurs`);
  });

  test("nothing for no target", () => {
    expect(formatTargets([])).toBe("");
  });

  test.each<[string, string]>([
    ["à minima 12 enfants accueillis par an", "≥ 12 enfants / an"],
    ["Au minimum 80 % des structures d'accueil impliquées", `≥ 80${NNBSP}% des structures`],
    ["Augmentation d'au moins 20 %", `+20${NNBSP}% min. (hausse)`],
    ["2-3 installations d'AMA par an", "2 à 3 installations / an"],
    ["Le passage à 10 places sous 2 ans", "10 places sous 2 ans"],
    ["Création de la page Facebook", "Réalisé (oui / non)"],
    ["La satisfaction des parents", "Qualitatif"],
    ["Score de 4", "À préciser"],
    [
      "Mise en place de 50 % d'activités de loisirs, 30 % d'activités culturelles, 20% d'actions de prévention",
      `50${NNBSP}% des activités ; 30${NNBSP}% des activités ; 20${NNBSP}% des actions`,
    ],
    [
      "Mobilisation d'au moins 80 personnes, dont 1/3 au moins représente des associations",
      `≥ 80 personnes ; ≥ 33,33${NNBSP}% des personnes`,
    ],
  ])("parsed then formatted: %s", (text, expected) => {
    expect(formatTargets(parseTargets(text))).toBe(expected);
  });
});
