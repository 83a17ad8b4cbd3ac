import type { Phase, Plan } from "../plan/schema";
import { SheetBuilder, PROTECTED, date, formula, num, text } from "./grid";
import { AGGREGATION_TEXT, COMPARATOR_TEXT, MILESTONE_TEXT, STATUS_TEXT } from "./labels";
import type { SheetModel } from "./model";

export const PARAMS_SHEET = "Paramètres";

/** Where things are on the Paramètres sheet (an interface: formulas and readers use these). */
export const PARAMS = {
  evaluationDateRef: "'Paramètres'!$B$3",
  currentYearRef: "'Paramètres'!$B$4",
  firstYearRef: "'Paramètres'!$B$5",
  lastYearRef: "'Paramètres'!$B$6",
  phaseNames: "'Paramètres'!$A$10:$A$13",
  phaseStarts: "'Paramètres'!$B$10:$B$13",
  phaseEnds: "'Paramètres'!$C$10:$C$13",
  statusList: "'Paramètres'!$A$17:$A$22",
  milestoneList: "'Paramètres'!$B$17:$B$19",
  aggregationList: "'Paramètres'!$C$17:$C$19",
  phaseList: "'Paramètres'!$D$17:$D$20",
  /** 0-based cell of the evaluation date, for readers. */
  evaluationDateCell: { row: 2, col: 1 },
} as const;

export const PHASE_TEXT: Readonly<Record<Phase, string>> = {
  court_terme: "Court terme",
  moyen_terme: "Moyen terme",
  long_terme: "Long terme",
  prochaine_ctg: "Prochaine CTG",
};

/**
 * Default dates of each phase: the plan's years split in three (short, medium, long term), and the
 * year after the plan for the next CTG. A default of the product, editable on the sheet — not a
 * statement about any action (actions start unplanned).
 */
export function defaultPhaseDates(plan: Plan): Array<{ phase: Phase; start: string; end: string }> {
  const n = plan.years.end - plan.years.start + 1;
  const third = Math.max(1, Math.round(n / 3));
  const y0 = plan.years.start;
  const shortEnd = Math.min(plan.years.end, y0 + third - 1);
  const mediumEnd = Math.min(plan.years.end, shortEnd + third);
  return [
    { phase: "court_terme", start: `${y0}-01-01`, end: `${shortEnd}-12-31` },
    {
      phase: "moyen_terme",
      start: `${Math.min(shortEnd + 1, plan.years.end)}-01-01`,
      end: `${mediumEnd}-12-31`,
    },
    {
      phase: "long_terme",
      start: `${Math.min(mediumEnd + 1, plan.years.end)}-01-01`,
      end: `${plan.years.end}-12-31`,
    },
    {
      phase: "prochaine_ctg",
      start: `${plan.years.end + 1}-01-01`,
      end: `${plan.years.end + 1}-12-31`,
    },
  ];
}

export function buildParamsSheet(plan: Plan): SheetModel {
  const s = new SheetBuilder(PARAMS_SHEET);
  s.set(0, 0, text("Paramètres du classeur"), "title");
  s.set(2, 0, text("Date d'évaluation"), "header");
  s.set(2, 1, formula("TODAY()"), "input", "date");
  s.set(
    2,
    2,
    text(
      "Les statuts sont calculés à cette date (aujourd'hui par défaut). Saisissez une date pour évaluer à une autre date."
    ),
    "note"
  );
  s.set(3, 0, text("Année d'évaluation"), "header");
  s.set(3, 1, formula("YEAR(B3)"), "computed");
  s.set(4, 0, text("Première année du plan"), "header");
  s.set(4, 1, num(plan.years.start), "computed");
  s.set(5, 0, text("Dernière année du plan"), "header");
  s.set(5, 1, num(plan.years.end), "computed");

  s.set(7, 0, text("Phases de l'échéancier (dates modifiables)"), "heading");
  s.row(8, 0, [text("Phase"), text("Début"), text("Fin")], "header");
  defaultPhaseDates(plan).forEach((p, i) => {
    s.set(9 + i, 0, text(PHASE_TEXT[p.phase]), "computed");
    s.set(9 + i, 1, date(p.start), "input", "date");
    s.set(9 + i, 2, date(p.end), "input", "date");
  });

  s.set(14, 0, text("Listes utilisées par les cellules de saisie"), "heading");
  s.row(
    15,
    0,
    [text("Statuts"), text("Jalons"), text("Agrégation"), text("Phases"), text("Comparateurs")],
    "header"
  );
  Object.values(STATUS_TEXT).forEach((v, i) => s.set(16 + i, 0, text(v), "computed"));
  Object.values(MILESTONE_TEXT).forEach((v, i) => s.set(16 + i, 1, text(v), "computed"));
  Object.values(AGGREGATION_TEXT).forEach((v, i) => s.set(16 + i, 2, text(v), "computed"));
  Object.values(PHASE_TEXT).forEach((v, i) => s.set(16 + i, 3, text(v), "computed"));
  Object.values(COMPARATOR_TEXT).forEach((v, i) => s.set(16 + i, 4, text(v), "computed"));

  s.width(0, 26);
  s.width(1, 16);
  s.width(2, 16);
  s.width(3, 16);
  s.width(4, 14);
  s.protection = PROTECTED;
  s.print = { orientation: "portrait", fitToWidth: true, repeatRows: null };
  s.tabColor = "7F7F7F";
  return s.build();
}
