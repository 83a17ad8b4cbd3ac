import { parseTargets } from "../../src/domain/targets/parse";
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
  withoutFragments,
} from "./expect";

type Row = [phrase: string, expected: Expected[]];

function check(rows: Row[]): void {
  test.each(rows)("%s", (phrase, expected) => {
    expect(withoutFragments(parseTargets(phrase))).toEqual(expected);
  });
}

describe("comparators before or after the noun", () => {
  check([
    ["à minima 12 enfants accueillis par an", [count(">=", 12, "enfants", "year")]],
    ["A minima 4 actions jeunesse par an", [count(">=", 4, "actions", "year")]],
    ["À minima 7 parents réunis au sein du groupe", [count(">=", 7, "parents")]],
    ["Au moins 3 présentations du RAM hors les murs", [count(">=", 3, "présentations")]],
    ["Au minimum 2 toilettes aux normes", [count(">=", 2, "toilettes")]],
    ["minimum 5 ateliers", [count(">=", 5, "ateliers")]],
    ["min. 5 ateliers", [count(">=", 5, "ateliers")]],
    ["Plus de 20 jeunes", [count(">=", 20, "jeunes")]],
    ["+ 15 adhérents", [count(">=", 15, "adhérents")]],
    ["≥ 10 familles", [count(">=", 10, "familles")]],
    [
      "20 parents minimum en situation de fragilité touchés par an",
      [count(">=", 20, "parents", "year")],
    ],
    ["2 actions au moins initiées ou appuyées par le CSC", [count(">=", 2, "actions")]],
    ["10 orientations de jeunes à minima par an", [count(">=", 10, "orientations", "year")]],
    ["Un taux de remplissage des EAJE à 80% min.", [share(">=", 80, "remplissage")]],
    ["Mobilisation et accompagnement d'au moins 4 personnes", [count(">=", 4, "personnes")]],
    ["Mobilisation et accompagnement d'au minimum 4 personnes", [count(">=", 4, "personnes")]],
    ["Création à minima d'1 outil de communication", [count(">=", 1, "outil")]],
    ["Installation à minima d'un référent accompagnement social", [count(">=", 1, "référent")]],
    ["Au plus 3 enfants par groupe", [count("<=", 3, "enfants")]],
    ["Au maximum 3 enfants", [count("<=", 3, "enfants")]],
    ["20 personnes maximum par an", [count("<=", 20, "personnes", "year")]],
    ["Moins de 10 familles sur liste d'attente", [count("<=", 10, "familles")]],
    ["Jusqu'à 12 enfants par séance", [count("<=", 12, "enfants")]],
    // No comparator word: the figure itself.
    ["30 nouveaux visiteurs par an de la page Facebook", [count("=", 30, "visiteurs", "year")]],
    ["environ 30 participants", [count("=", 30, "participants")]],
  ]);
});

describe("ranges, and age bands that are not ranges", () => {
  check([
    ["2-3 installations d'AMA par an", [between(2, 3, "installations", "year")]],
    ["2 - 3 installations par an", [between(2, 3, "installations", "year")]],
    ["De 2 à 3 installations par an", [between(2, 3, "installations", "year")]],
    ["Entre 10 et 15 familles accompagnées", [between(10, 15, "familles")]],
    ["3-4 acteurs et habitants par secteur", [between(3, 4, "acteurs")]],
    // With a minimum word it is still a range (judged from its lower bound).
    [
      "Une mobilisation de minimum 3-4 acteurs et habitants par secteur géographique",
      [between(3, 4, "acteurs")],
    ],
    ["Au minimum 2 accueils distincts : 11-14 ans et 15-18 ans", [count(">=", 2, "accueils")]],
    ["Accueil des 0-18 ans", [qualitative()]],
    ["Au moins 20 jeunes de 15 à 17 ans", [count(">=", 20, "jeunes")]],
    // From-to wording: the second figure is the target, the first the baseline.
    ["Passer de 36 à 48 places", [count("=", 48, "places")]],
    ["48 places au lieu de 36", [count("=", 48, "places")]],
    ["Passer de 60 % à 80 % de taux de remplissage", [share("=", 80, "remplissage")]],
  ]);
});

describe("shares versus increases", () => {
  check([
    ["50 % des structures", [share("=", 50, "structures")]],
    [
      "Au minimum 70 % des parents –usagers des différents accueils informés",
      [share(">=", 70, "parents")],
    ],
    ["Au minimum 50 % du personnel formés à l'animation", [share(">=", 50, "personnel")]],
    ["1/3 au moins des participants", [share(">=", 100 / 3, "participants")]],
    ["La moitié des parents", [share("=", 50, "parents")]],
    ["Un tiers des participants", [share("=", 100 / 3, "participants")]],
    ["Au moins 1/4 des places réservées", [share(">=", 25, "places")]],
    ["Une occupation de 80% chez les AMA", [share("=", 80, "occupation")]],
    ["Augmentation du taux de remplissage à 80 %", [share("=", 80, "remplissage")]],
    ["Augmentation d'au moins 20 %", [increase(">=", 20, null)]],
    [
      "Augmentation de 20 % du nombre de participants aux animations parentalité",
      [increase("=", 20, "participants")],
    ],
    ["Augmentation de 20 % des utilisateurs du RAM", [increase("=", 20, "utilisateurs")]],
    [
      "Augmentation d'au minimum 20 % les utilisateurs du RAM",
      [increase(">=", 20, "utilisateurs")],
    ],
    ["+ 20 % de filles", [increase(">=", 20, "filles")]],
    ["20 % de jeunes en plus", [increase("=", 20, "jeunes")]],
    ["Augmentation du nombre d'enfants accueillis de 20 %", [increase("=", 20, "enfants")]],
    // A decrease is a negative increase; "baisse d'au moins 10 %" must reach -10 % or lower.
    ["Baisse de 10 % des absences", [increase("=", -10, "absences")]],
    ["Baisse d'au moins 10 % des absences", [increase("<=", -10, "absences")]],
    ["Une diminution de 15 % du nombre de familles en attente", [increase("=", -15, "familles")]],
    ["-20 % d'absences", [increase("<=", -20, "absences")]],
    ["Absences : −20\u202f%", [increase("<=", -20, null)]],
    ["+20% de filles", [increase(">=", 20, "filles")]],
    // "baisse" that does not bear on the figure.
    [
      "baisse de l'échec scolaire d'au minimum 30 familles accompagnées dans le cadre du CLAS",
      [count(">=", 30, "familles")],
    ],
    ["Amélioration scolaire pour au moins 50 % des élèves du CLAS", [share(">=", 50, "élèves")]],
    // An increase by a count is the number of new things.
    ["Augmentation de 7 agréments", [count("=", 7, "agréments")]],
    // A decrease by a count has no field: not guessed.
    ["Baisse de 5 places", [unknown({ comparator: "=", value: 5, unit: "places" })]],
    // An increase with no figure: nothing to check against.
    ["Augmentation du nombre de places en accueil collectif de proximité", [qualitative()]],
  ]);
});

describe("periods", () => {
  check([
    ["2 rencontres par an", [count("=", 2, "rencontres", "year")]],
    ["30 nouveaux visiteurs/ an de la page Facebook", [count("=", 30, "visiteurs", "year")]],
    ["Au moins 30 offres de bénévolat / an", [count(">=", 30, "offres", "year")]],
    ["Au moins 2 rencontres /an mises en place", [count(">=", 2, "rencontres", "year")]],
    ["1 bilan annuel statistique", [count("=", 1, "bilan", "year")]],
    ["3 rencontres annuelles", [count("=", 3, "rencontres", "year")]],
    ["2 réunions chaque année", [count("=", 2, "réunions", "year")]],
    ["Actualisation des données une fois par an", [count("=", 1, "fois", "year")]],
    [
      "Création d'un observatoire et actualisation des données une fois /an",
      [count("=", 1, "fois", "year")],
    ],
    ["Par an au minimum 3 rencontres entre acteurs", [count(">=", 3, "rencontres", "year")]],
    ["Au moins 100 participants au forum biennal", [count(">=", 100, "participants", "biennial")]],
    ["Au moins 2 forums tous les 2 ans", [count(">=", 2, "forums", "biennial")]],
    ["Au moins 2 forums tous les deux ans", [count(">=", 2, "forums", "biennial")]],
    ["Au moins 2 forums, une année sur deux", [count(">=", 2, "forums", "biennial")]],
    ["Au moins 2 forums", [count(">=", 2, "forums", "total")]],
    // "pluriannuel" is not "annuel".
    ["Au moins 3 conventions pluriannuelles", [count(">=", 3, "conventions", "total")]],
    // Periods shorter than a year (recorded, not judged by the engine).
    ["Au moins 4 réunions par mois", [count(">=", 4, "réunions", "month")]],
    ["Au moins 2 actions par trimestre", [count(">=", 2, "actions", "quarter")]],
    // Periods with no value in the schema: not guessed.
    [
      "Au moins 2 sessions tous les 3 ans",
      [unknown({ comparator: ">=", value: 2, unit: "sessions" })],
    ],
    // A milestone or qualitative aim has no period.
    ["Création d'un forum biennal de partage des expériences citoyennes", [milestone()]],
    ["Un programme annuel de rencontres thématiques", [milestone()]],
  ]);
});

describe("deadlines", () => {
  check([
    ["Le passage à 10 places sous 2 ans", [count("=", 10, "places", "total", 2)]],
    ["10 places d'ici 3 ans", [count("=", 10, "places", "total", 3)]],
    ["10 places dans les 2 ans", [count("=", 10, "places", "total", 2)]],
    ["Au moins 20 familles accompagnées sous 24 mois", [count(">=", 20, "familles", "total", 2)]],
    ["Au moins 2 rencontres par an d'ici 3 ans", [count(">=", 2, "rencontres", "year", 3)]],
    ["Création de la crèche d'ici 2 ans", [milestone(2)]],
    ["Création de la crèche sous deux ans", [milestone(2)]],
    // A duration is not a deadline.
    ["Définition d'une stratégie de développement et de consolidation sur 4 ans", [milestone()]],
    // A deadline that is not a whole number of years: not guessed.
    [
      "Au moins 20 familles accompagnées sous 6 mois",
      [unknown({ comparator: ">=", value: 20, unit: "familles" })],
    ],
  ]);
});

describe("number words: numbers or articles", () => {
  check([
    ["1 bilan annuel", [count("=", 1, "bilan", "year")]],
    ["Deux rencontres par an", [count("=", 2, "rencontres", "year")]],
    ["Au moins trois ateliers", [count(">=", 3, "ateliers")]],
    ["dix places", [count("=", 10, "places")]],
    ["À minima une réunion annuelle", [count(">=", 1, "réunion", "year")]],
    ["Création à minima d'1 nouveau conseil municipal d'enfants", [count(">=", 1, "conseil")]],
    ["L'installation d'1 référent par commune", [count("=", 1, "référent")]],
    // "un"/"une" without a comparator are articles.
    ["Une personne désignée à la fonction de coordination", [milestone()]],
    ["Arbitrage pour un des scénarios", [milestone()]],
    // One per period: "Une réunion annuelle" is 1 réunion / an (issue 12), not a milestone.
    ["Une réunion annuelle", [count("=", 1, "réunion", "year")]],
    ["Création d'un tiers-lieu", [milestone()]],
    ["Un local neuf et accessible", [unknown()]],
    ["1 Évènement autour de la signature CTG", [count("=", 1, "évènement")]],
  ]);
});

describe("ordinals are not numbers", () => {
  check([
    ["Mise en œuvre d'un 2ème agrément Centre Social", [milestone()]],
    ["Mise en œuvre d'un 2^{ème} agrément", [milestone()]],
    ["Mise en œuvre d'un 2e agrément", [milestone()]],
    ["Ouverture d'une 1ère classe", [milestone()]],
    ["Ouverture d'un 1er lieu", [milestone()]],
    ["Mise en place d'un deuxième accueil", [milestone()]],
    ["Mise en œuvre d'un 2<sup>e</sup> agrément", [milestone()]],
  ]);
});

describe("names and years are not numbers", () => {
  check([
    ["Partenariat avec le CD 12 et la FOL 12", [milestone()]],
    [
      "Mobilisation à minima des Collectivités Territoriales -CCAS, des associations caritatives et du CD12",
      [milestone()],
    ],
    ["Avec Caf12 et PAH12", [unknown()]],
    ["des animateurs de la FOL 12 associés à des agents communaux", [unknown()]],
    ["Appui de la FOL12 pour 3 ateliers", [count("=", 3, "ateliers")]],
    [
      "Dans le cadre du réseau parents 12, 3 rencontres par an",
      [count("=", 3, "rencontres", "year")],
    ],
    ["Intervention du Plan handicap 12 pour 5 structures", [count("=", 5, "structures")]],
    ["Intervention du Plan Handicap 12 auprès des équipes", [unknown()]],
    ["Appui de la Caf 12 et du CD 12 pour 3 ateliers", [count("=", 3, "ateliers")]],
    ["Axe 2 : au moins 3 ateliers", [count(">=", 3, "ateliers")]],
    ["Achat d'un 4x4", [milestone()]],
    ["Aménagement de la 2x2 voies", [milestone()]],
    ["Bilan en 2021", [{ ...milestone(), deadlineYear: 2021 }]],
    ["Au moins 3 rencontres en 2022", [{ ...count(">=", 3, "rencontres"), deadlineYear: 2022 }]],
    ["Réalisation du diagnostic 2021-2025", [milestone()]],
    ["Au moins 3 ateliers (Aveyron 12)", [count(">=", 3, "ateliers")]],
    ["Aveyron (12) : au moins 3 ateliers", [count(">=", 3, "ateliers")]],
    ["Au moins 2 réunions le 12/05/2021", [{ ...count(">=", 2, "réunions"), deadlineYear: 2021 }]],
    // "les 4 ACM", "ces 2 projets": known things referred to, not targets.
    [
      "Mise en place d'au moins 2 projets transversaux par an avec les 4 ACM en associant au moins 2 autres acteurs associatifs du territoire",
      [count(">=", 2, "projets", "year"), count(">=", 2, "acteurs")],
    ],
    [
      "Au moins 50 % des structures enfance/jeunesse fédérés autour de ces 2 projets",
      [share(">=", 50, "structures")],
    ],
    ["Mise en place de liens avec les 4 ACM", [milestone()]],
  ]);
});

test.each([
  "Le Plan handicap 12 accompagne les équipes",
  "des animateurs de la FOL 12 associés à des agents communaux",
  "Appui : Réseau parents 12, le cas échéant Plan Handicap 12",
  "la FOL12, Education Nationale, communes, garderies périscolaires, Familles Rurales, Plan handicap 12",
  "L'ouverture de la 2x2 voies et l'augmentation des demandes de permis de construire",
  "liés à la 4x4 voies : plus de flux dans ce secteur",
  "FOL12, CAF, MSA, DLA12",
])("no figure is read in the name of %s", (text) => {
  expect(parseTargets(text).map((t) => t.value)).not.toContain(12);
  expect(parseTargets(text).every((t) => t.measure !== "count" && t.measure !== "percent")).toBe(
    true
  );
});

describe("several targets in one sentence", () => {
  check([
    [
      "Mise en place de 50 % d'activités de loisirs, 30 % d'activités culturelles, 20% d'actions de prévention et de sensibilisation",
      [share("=", 50, "activités"), share("=", 30, "activités"), share("=", 20, "actions")],
    ],
    [
      "Accueil de + 20 % de filles et de + 20% de jeunes de 15-17 ans",
      [increase(">=", 20, "filles"), increase(">=", 20, "jeunes")],
    ],
    [
      "3 rencontres par an par groupe thématique avec 75 % des acteurs concernés présents",
      [count("=", 3, "rencontres", "year"), share("=", 75, "acteurs")],
    ],
    [
      "Mobilisation d'au moins 80 personnes, dont 1/3 au moins représente des associations du Pays Segali ou des habitants",
      [count(">=", 80, "personnes"), share(">=", 100 / 3, "personnes")],
    ],
    [
      "A minima 1 action de formation par an sur le territoire pour au moins 2 métiers de la CTG",
      [count(">=", 1, "action", "year"), count(">=", 2, "métiers")],
    ],
    [
      "Au moins 2 projets ou actions communs portés impliquant au moins 3 acteurs culturels différents du territoire",
      [count(">=", 2, "projets"), count(">=", 3, "acteurs")],
    ],
    ["Au moins 20 parents, 30 % de pères", [count(">=", 20, "parents"), share("=", 30, "pères")]],
    [
      "Au moins 50 familles dont 10 monoparentales",
      [count(">=", 50, "familles"), count("=", 10, "monoparentales")],
    ],
    [
      "Par an au minimum 3 rencontres entre acteurs et 2 projets communs",
      [count(">=", 3, "rencontres", "year"), count("=", 2, "projets", "year")],
    ],
  ]);
});

describe("milestones", () => {
  check([
    ["Création de la page Facebook", [milestone()]],
    ["Création de la page Facebook..", [milestone()]],
    ["Arbitrage pour un des scénarios", [milestone()]],
    ["Extension des locaux actuels", [milestone()]],
    ["Mise en place du forum PE", [milestone()]],
    ["Etat des lieux", [milestone()]],
    ["État des lieux des besoins de formation", [milestone()]],
    ["Etat des lieux réalisé", [milestone()]],
    ["Réalisation de l'état des lieux", [milestone()]],
    ["Installation d'un groupe de travail", [milestone()]],
    ["Définition d'une stratégie", [milestone()]],
    ["Elaboration de la charte", [milestone()]],
    ["Élaboration de la charte", [milestone()]],
    ["Formalisation d'un cadre de référence", [milestone()]],
    ["Organisation du forum aux échéances prévues", [milestone()]],
    ["Désignation de référents pour l'animation de thématiques transversales", [milestone()]],
    ["Attribution d'une mission parcours de l'enfant et parentalité", [milestone()]],
    ["Aboutissement du projet MAM sur Sauveterre", [milestone()]],
    ["Instauration de conventions pluriannuelles pour chaque partenaire", [milestone()]],
    ["Etablissement d'un plan de formation pluriannuel", [milestone()]],
    ["Identification et activation des relais sur le territoire", [milestone()]],
    ["Repérage et mobilisation des associations ressources", [milestone()]],
    ["Recensement des besoins", [milestone()]],
    ["Signalétique urbaine dans les villages", [milestone()]],
    ["Des projets/programmes communs mis en œuvre", [milestone()]],
    ["Un programme trimestriel avec diffusion large de ce programme", [milestone()]],
    ["Support de communication", [milestone()]],
    // Bullets and list numbers before the wording are not part of it.
    ["- Création d'un outil en ligne", [milestone()]],
    ["2- Création d'un lieu dédié au CSC à Baraqueville", [milestone()]],
    ["3) Recensement des besoins", [milestone()]],
  ]);
});

describe("qualitative aims and tracked counts", () => {
  check([
    ["La satisfaction des parents/usagers", [qualitative()]],
    ["Amélioration du parcours de l'enfant", [qualitative()]],
    ["Meilleure prise en compte des besoins liés au vieillissement", [qualitative()]],
    ["Une meilleure visibilité", [qualitative()]],
    ["Diversité géographique des parents membres de l'instance", [qualitative()]],
    ["Le maintien des effectifs des écoles", [qualitative()]],
    ["Maintien des effectifs d'AMA sur le territoire", [qualitative()]],
    ["Augmentation du nombre de jeunes touchés", [qualitative()]],
    ["Une baisse du nombre de pers. sur liste d'attente des EAJE,", [qualitative()]],
    ["Une commission Enfance-Jeunesse vivante et impliquée", [qualitative()]],
    ["Une organisation des services à la mesure du projet CTG", [qualitative()]],
    ["Plus de flexibilité dans les accueils possibles sur Baraqueville", [qualitative()]],
    // A count with no target: tracked, not judged.
    ["Nombre de formations réalisées", [tracked("formations")]],
    ["Nombre d'enfants et parents accompagnés et orientés", [tracked("enfants")]],
    ["Nombre de réunions par an", [tracked("réunions", "year")]],
    ["Taux de remplissage des EAJE", [trackedShare("remplissage")]],
    ["Nombre de formations : au moins 3", [count(">=", 3, "formations")]],
  ]);
});

describe("French spacing and number formats", () => {
  check([
    ["Au moins 1\u00a0250 enfants accueillis", [count(">=", 1250, "enfants")]],
    ["Au moins 1\u202f250 enfants accueillis", [count(">=", 1250, "enfants")]],
    ["Au moins 1\u2009250 enfants accueillis", [count(">=", 1250, "enfants")]],
    ["Au moins 1 250 enfants accueillis", [count(">=", 1250, "enfants")]],
    ["Au moins 10 000 visiteurs", [count(">=", 10000, "visiteurs")]],
    ["Au moins 1.250 visiteurs", [count(">=", 1250, "visiteurs")]],
    ["12,5 % des familles", [share("=", 12.5, "familles")]],
    ["12,5\u202f% des familles", [share("=", 12.5, "familles")]],
    ["12,5\u00a0% des familles", [share("=", 12.5, "familles")]],
    ["Au minimum 20% des parents", [share(">=", 20, "parents")]],
    ["Au\u00a0minimum\u00a020\u00a0%\u00a0des\u00a0parents", [share(">=", 20, "parents")]],
    ["Au  moins   3\tateliers\n", [count(">=", 3, "ateliers")]],
    ["20 pour cent des familles", [share("=", 20, "familles")]],
    [
      "Augmentation d\u2019au moins 20\u202f% des utilisateurs",
      [increase(">=", 20, "utilisateurs")],
    ],
    ["Augmentation d’au moins 20 % des utilisateurs", [increase(">=", 20, "utilisateurs")]],
    ["AU MOINS 3 ATELIERS", [count(">=", 3, "ateliers")]],
  ]);
});

describe("units", () => {
  check([
    ["Au moins 3 nouvelles initiatives soutenues", [count(">=", 3, "initiatives")]],
    [
      "La création d'au moins 1 autre action visant à répondre aux besoins",
      [count(">=", 1, "action")],
    ],
    ["Identification de 2 grandes orientations", [count("=", 2, "orientations")]],
    ["A minima 8 visiteurs-bénévoles mobilisés et formés", [count(">=", 8, "visiteurs-bénévoles")]],
    [
      "A minima 75% de professionnels-les de la parentalité",
      [share(">=", 75, "professionnels-les")],
    ],
    [
      "Augmentation de 20% de ces publics dans les actions plus classiques",
      [increase("=", 20, "publics")],
    ],
    ["Sollicitation du groupe au moins 1 fois pour chaque projet", [count(">=", 1, "fois")]],
  ]);
});

describe("other wordings found in plans of the same style", () => {
  check([
    ["Au moins 80 % de taux de satisfaction", [share(">=", 80, "satisfaction")]],
    ["Taux de satisfaction ≥ 80 %", [share(">=", 80, "satisfaction")]],
    ["Un taux de satisfaction d'au moins 80 %", [share(">=", 80, "satisfaction")]],
    ["Taux d'occupation de 70 %", [share("=", 70, "occupation")]],
    ["Taux de remplissage supérieur à 80 %", [share(">=", 80, "remplissage")]],
    ["Taux de remplissage supérieur ou égal à 80 %", [share(">=", 80, "remplissage")]],
    ["Nombre de familles en attente inférieur à 5", [count("<=", 5, "familles")]],
    ["Au-delà de 100 participants", [count(">=", 100, "participants")]],
    ["Ouverture de 12 places supplémentaires", [count("=", 12, "places")]],
    ["Le nombre de places passe de 36 à 48", [count("=", 48, "places")]],
    ["Maintien à 45 places", [count("=", 45, "places")]],
    ["Budget de 20 000 €", [{ ...count("=", 20000, "€"), measure: "amount" }]],
    [
      "Au moins 50 % des familles, soit 120 familles",
      [share(">=", 50, "familles"), count("=", 120, "familles")],
    ],
    // A deadline given as a year is an absolute deadline.
    ["12 places supplémentaires d'ici 2024", [{ ...count("=", 12, "places"), deadlineYear: 2024 }]],
    ["Création de la crèche d'ici 2025", [{ ...milestone(), deadlineYear: 2025 }]],
    // A year after "en" is an absolute deadline (issue 12).
    ["Au moins 3 rencontres en 2022", [{ ...count(">=", 3, "rencontres"), deadlineYear: 2022 }]],
    // Approximate words: about that many.
    ["Une dizaine de familles", [count("=", 10, "familles")]],
  ]);
});

describe("numbers whose role cannot be told", () => {
  check([
    ["Score de 4", [unknown({ comparator: "=", value: 4 })]],
    ["Objectif : 12", [unknown({ comparator: "=", value: 12 })]],
    ["12", [unknown({ comparator: "=", value: 12 })]],
    ["Jeunesse", [unknown()]],
  ]);
});

describe("blank text", () => {
  test.each(["", "   ", "\u00a0\n\t", "- ", "**"])("%j gives no target", (text) => {
    expect(parseTargets(text)).toEqual([]);
  });
});
