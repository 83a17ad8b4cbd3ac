import type { Action, Item, Plan } from "../plan/schema";
import { kindLabel } from "../messages/plan";
import { formatNumberFr } from "../messages/format";
import { SheetBuilder, PROTECTED, text } from "./grid";
import type { SheetModel } from "./model";

export const FICHES_SHEET = "Fiches actions";

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
  const actions: Array<{ axis: string; action: Action }> = plan.axes.flatMap((a) =>
    a.objectives.flatMap((o) =>
      o.actions.map((action) => ({ axis: `${a.id} – ${a.title}`, action }))
    )
  );
  for (const { axis, action } of actions) {
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
    r++;
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
