import type { Action, Item, Plan } from "../plan/schema";
import { kindLabel } from "../messages/plan";
import { formatNumberFr } from "../messages/format";
import { SheetBuilder, PROTECTED, text } from "./grid";
import type { Cell, SheetModel } from "./model";

export const FICHES_SHEET = "Fiches actions";

/** The rows of one action in the sheet, from its heading to its last line, as cells. */
type ActionRows = ReadonlyArray<ReadonlyArray<Cell | null>>;

/**
 * Each action's rows, remembered per action object with the axis they were made under (plans are
 * immutable data, as in recapSheets.ts): a merge builds the fiches of the master's workbook and of
 * every partner's, which show the same actions (at ×10, 14 000 rows for the master, 48 000 for ten
 * partners), and cells are immutable values, so one action's cells serve every sheet.
 */
const rowsOfAction = new WeakMap<Action, { readonly axis: string; readonly rows: ActionRows }>();

function actionRows(axis: string, action: Action): ActionRows {
  const known = rowsOfAction.get(action);
  if (known && known.axis === axis) return known.rows;
  const s = new SheetBuilder(FICHES_SHEET);
  let r = 0;
  const line = (label: string, value: string, style: "textWrap" | "note" = "textWrap"): void => {
    s.set(r, 0, label ? text(label) : null, "computed");
    s.set(r, 1, text(value), style);
    r++;
  };
  const items = (label: string, list: readonly Item[]): void => {
    list.forEach((it, i) =>
      line(i === 0 ? label : "", `${it.bullet ? (it.level === 1 ? "    ◦ " : "• ") : ""}${it.text}`)
    );
  };
  s.set(r, 0, text(action.ref), "heading");
  s.set(r, 1, text(action.title), "heading");
  r++;
  line("Axe", axis, "note");
  line("Pilotage", action.pilotage);
  const f = action.fiche;
  if (!f) {
    line("", "Pas de fiche action pour cette action dans le plan.", "note");
  } else {
    items("Contexte", f.context);
    items("Résultats attendus", f.expectedResults);
    items("Méthode et étapes", f.method);
    f.vigilance.forEach((v, i) => line(i === 0 ? "Vigilance" : "", v));
    items("Ressources", f.resources);
    f.budget.forEach((b, i) =>
      line(
        i === 0 ? "Budget" : "",
        `${b.label} : ${b.amount === null ? "montant non précisé" : `${formatNumberFr(b.amount)} €${b.period === "year" ? " / an" : ""}`}${b.uncertain ? " (à confirmer)" : ""}`
      )
    );
    f.pilots.forEach((p, i) => line(i === 0 ? "Référents-pilotes" : "", p));
    if (f.partners.length > 0) line("Partenaires", f.partners.join(", "));
    if (f.inhabitants !== null) {
      if (f.inhabitants.length === 0) line("Place des habitants", "/");
      else items("Place des habitants", f.inhabitants);
    }
    for (const o of f.other) {
      if (o.items.length > 0) items(o.heading, o.items);
    }
  }
  for (const kind of ["realisation", "resultat", "impact"] as const) {
    const list = action.indicators.filter((i) => i.kind === kind);
    list.forEach((ind, i) =>
      line(i === 0 ? `Indicateurs de ${kindLabel(kind)}` : "", `• ${ind.text}  [${ind.id}]`)
    );
  }
  const rows = s.build().cells;
  rowsOfAction.set(action, { axis, rows });
  return rows;
}

/** The full text of every fiche, readable and printable: a label column and a wide wrapped text column. */
export function buildFichesSheet(plan: Plan): SheetModel {
  const s = new SheetBuilder(FICHES_SHEET);
  let r = 0;
  s.set(
    r++,
    0,
    text(`Fiches actions – ${plan.title} ${plan.years.start}-${plan.years.end}`),
    "title"
  );
  r++;
  for (const a of plan.axes)
    for (const o of a.objectives)
      for (const action of o.actions) {
        const rows = actionRows(`${a.id} – ${a.title}`, action);
        rows.forEach((line, i) =>
          line.forEach((cell, c) => {
            if (cell) s.setCell(r + i, c, cell);
          })
        );
        // A blank row after each action.
        r += rows.length + 1;
      }
  s.width(0, 24);
  s.width(1, 110);
  s.fitRowHeights(1);
  s.frozen = { rows: 1, columns: 0 };
  s.protection = PROTECTED;
  s.print = { orientation: "portrait", fitToWidth: true, repeatRows: null };
  s.tabColor = "A9D08E";
  return s.build();
}
