import { formatNumberFr } from "../messages/format";
import { STATUS_TEXT } from "../workbook/labels";
import {
  BILAN_TEXT,
  STATUS_COLORS,
  STATUS_ORDER,
  changeText,
  percentText,
  type BilanDocument,
  type Tally,
} from "./content";

/**
 * The bilan as one self-contained HTML page (pure: a string): inline CSS, charts as inline SVG drawn
 * here, a page break before each axis when printed (the `.pdf` is this page printed by Chromium).
 */

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(t: string): string {
  return t.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const CSS = `
body { font-family: "Segoe UI", Calibri, Arial, sans-serif; font-size: 10.5pt; color: #222; margin: 2em; }
h1 { font-size: 22pt; margin: 0 0 .2em; color: #1F3864; }
h2 { font-size: 15pt; color: #1F3864; border-bottom: 2px solid #1F3864; padding-bottom: .15em; margin-top: 1.2em; }
h3 { font-size: 11.5pt; color: #2F5496; margin: 1em 0 .3em; }
p.subtitle { font-size: 12pt; color: #555; margin-top: 0; }
figure { margin: .8em 0 1.2em; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: .3em; }
table { border-collapse: collapse; width: 100%; margin-bottom: .6em; }
th, td { border: 1px solid #BFBFBF; padding: 3px 5px; vertical-align: top; text-align: left; }
th { background: #DDEBF7; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
.status { white-space: nowrap; }
.swatch { display: inline-block; width: .8em; height: .8em; margin-right: .3em; vertical-align: -0.05em; }
.legend span.item { margin-right: 1em; white-space: nowrap; }
.muted { color: #666; }
section.axis { page-break-before: always; break-before: page; }
@page { size: A4 landscape; margin: 12mm; }
@media print { body { margin: 0; } }
`;

function statusCell(status: keyof typeof STATUS_TEXT): string {
  return `<span class="status"><span class="swatch" style="background:#${STATUS_COLORS[status]}"></span>${escapeHtml(STATUS_TEXT[status])}</span>`;
}

function legend(): string {
  return `<p class="legend">${STATUS_ORDER.map(
    (s) =>
      `<span class="item"><span class="swatch" style="background:#${STATUS_COLORS[s]}"></span>${escapeHtml(STATUS_TEXT[s])}</span>`
  ).join("")}</p>`;
}

/** Horizontal stacked bars: one per axis and one for the whole plan, a segment per status. */
function statusBars(rows: ReadonlyArray<{ label: string; tally: Tally }>): string {
  const labelWidth = 190;
  const barWidth = 560;
  const rowHeight = 28;
  const height = rows.length * rowHeight + 10;
  const parts: string[] = [];
  rows.forEach(({ label, tally }, i) => {
    const y = 5 + i * rowHeight;
    parts.push(`<text x="0" y="${y + 17}" font-size="12">${escapeHtml(label)}</text>`);
    let x = labelWidth;
    for (const s of STATUS_ORDER) {
      const n = tally.counts[s];
      if (n === 0 || tally.total === 0) continue;
      const w = (n / tally.total) * barWidth;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="22" fill="#${STATUS_COLORS[s]}"><title>${escapeHtml(`${STATUS_TEXT[s]} : ${formatNumberFr(n)}`)}</title></rect>`
      );
      if (w > 22)
        parts.push(
          `<text x="${(x + w / 2).toFixed(1)}" y="${y + 15}" font-size="11" text-anchor="middle" fill="${s === "a_renseigner" || s === "en_cours" ? "#000" : "#fff"}">${formatNumberFr(n)}</text>`
        );
      x += w;
    }
    parts.push(
      `<text x="${labelWidth + barWidth + 8}" y="${y + 16}" font-size="11">${formatNumberFr(tally.total)} ${BILAN_TEXT.targets}</text>`
    );
  });
  return `<svg role="img" aria-label="${escapeHtml(BILAN_TEXT.statusesPerAxis)}" xmlns="http://www.w3.org/2000/svg" width="${labelWidth + barWidth + 90}" height="${height}" viewBox="0 0 ${labelWidth + barWidth + 90} ${height}">${parts.join("")}</svg>`;
}

/** Vertical bars of rates from 0 to 100 %. */
function rateBars(
  label: string,
  bars: ReadonlyArray<{ label: string; rate: number | null }>
): string {
  const barWidth = 56;
  const gap = 24;
  const chartHeight = 150;
  const width = 40 + bars.length * (barWidth + gap);
  const height = chartHeight + 40;
  const parts: string[] = [];
  for (const tick of [0, 0.5, 1]) {
    const y = 10 + chartHeight * (1 - tick);
    parts.push(
      `<line x1="34" x2="${width}" y1="${y}" y2="${y}" stroke="#DDD"/><text x="30" y="${y + 4}" font-size="10" text-anchor="end">${formatNumberFr(tick * 100)} %</text>`
    );
  }
  bars.forEach((b, i) => {
    const x = 40 + i * (barWidth + gap);
    const h = (b.rate ?? 0) * chartHeight;
    parts.push(
      `<rect x="${x}" y="${(10 + chartHeight - h).toFixed(1)}" width="${barWidth}" height="${h.toFixed(1)}" fill="#2F5496"/>`,
      `<text x="${x + barWidth / 2}" y="${(6 + chartHeight - h).toFixed(1)}" font-size="11" text-anchor="middle">${escapeHtml(percentText(b.rate))}</text>`,
      `<text x="${x + barWidth / 2}" y="${chartHeight + 28}" font-size="11" text-anchor="middle">${escapeHtml(b.label)}</text>`
    );
  });
  return `<svg role="img" aria-label="${escapeHtml(label)}" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join("")}</svg>`;
}

function summary(doc: BilanDocument): string {
  const rows = [
    ...doc.axes.map((a) => ({ label: `Axe ${a.id}`, tally: a as Tally })),
    { label: BILAN_TEXT.whole, tally: doc.overall },
  ];
  const previous = doc.previous
    ? `${escapeHtml(BILAN_TEXT.compared(doc.previous.year, doc.previous.takenOn))} ${escapeHtml(BILAN_TEXT.changedCount(doc.overall.changed))}`
    : escapeHtml(BILAN_TEXT.noPrevious);
  return [
    `<h1>${escapeHtml(BILAN_TEXT.title(doc.year))} : ${escapeHtml(doc.planTitle)}</h1>`,
    `<p class="subtitle">${escapeHtml(BILAN_TEXT.subtitle)} ; ${escapeHtml(doc.territory)} (plan version ${escapeHtml(doc.planVersion)})</p>`,
    `<p class="muted">${escapeHtml(BILAN_TEXT.madeOn(doc.madeOn))}. ${escapeHtml(BILAN_TEXT.evaluation(doc.year, doc.evaluationYear, doc.madeOn))}</p>`,
    `<h2>${escapeHtml(BILAN_TEXT.summary)}</h2>`,
    `<p>${escapeHtml(BILAN_TEXT.keyFigures(doc.overall.total, percentText(doc.overall.reportingRate), doc.overall.counts.atteint))}</p>`,
    `<ul>${doc.axes.map((a) => `<li>${escapeHtml(BILAN_TEXT.axis(a.id, a.title))}</li>`).join("")}</ul>`,
    `<p>${previous}</p>`,
    `<figure><figcaption>${escapeHtml(BILAN_TEXT.statusesPerAxis)}</figcaption>${statusBars(rows)}${legend()}</figure>`,
    `<figure><figcaption>${escapeHtml(BILAN_TEXT.reportingPerAxis(doc.year))}</figcaption>${rateBars(
      BILAN_TEXT.reportingPerAxis(doc.year),
      rows.map((r) => ({
        label: r.label === BILAN_TEXT.whole ? "Ensemble" : r.label,
        rate: r.tally.reportingRate,
      }))
    )}</figure>`,
    `<figure><figcaption>${escapeHtml(BILAN_TEXT.reportingPerYear)}</figcaption>${rateBars(
      BILAN_TEXT.reportingPerYear,
      doc.ratesByYear.map((r) => ({ label: String(r.year), rate: r.rate }))
    )}</figure>`,
    `<p class="muted">${escapeHtml(BILAN_TEXT.reportingHint)}</p>`,
  ].join("\n");
}

function axisSection(doc: BilanDocument, axis: BilanDocument["axes"][number]): string {
  const head = BILAN_TEXT.columns(doc.year)
    .map((h) => `<th>${escapeHtml(h)}</th>`)
    .join("");
  const counts = STATUS_ORDER.filter((s) => axis.counts[s] > 0)
    .map((s) => `${STATUS_TEXT[s]} ${formatNumberFr(axis.counts[s])}`)
    .join(", ");
  const actions = axis.actions.map((a) => {
    const title = `<h3>${escapeHtml(BILAN_TEXT.action(a.ref, a.title))}</h3>`;
    if (a.targets.length === 0)
      return `${title}<p class="muted">${escapeHtml(BILAN_TEXT.noTarget)}</p>`;
    const rows = a.targets.map(
      (t) =>
        `<tr><td>${escapeHtml(t.indicator)}</td><td>${escapeHtml(t.target)}</td><td>${escapeHtml(t.value || BILAN_TEXT.empty)}</td><td>${statusCell(t.yearStatus)}</td><td>${statusCell(t.status)}</td><td>${escapeHtml(changeText(t.change))}</td><td>${escapeHtml(t.comment)}</td></tr>`
    );
    return `${title}<table><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
  });
  return [
    `<section class="axis">`,
    `<h2>${escapeHtml(BILAN_TEXT.axis(axis.id, axis.title))}</h2>`,
    `<p>${escapeHtml(`${formatNumberFr(axis.total)} ${BILAN_TEXT.targets} : ${counts || BILAN_TEXT.empty}. Taux de renseignement ${doc.year} : ${percentText(axis.reportingRate)}.`)}</p>`,
    ...actions,
    `</section>`,
  ].join("\n");
}

/** The whole bilan as an HTML page. */
export function bilanHtml(doc: BilanDocument): string {
  return [
    "<!DOCTYPE html>",
    `<html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(`${BILAN_TEXT.title(doc.year)} : ${doc.planTitle}`)}</title>`,
    `<style>${CSS}</style></head><body>`,
    summary(doc),
    ...doc.axes.map((a) => axisSection(doc, a)),
    "</body></html>",
    "",
  ].join("\n");
}
