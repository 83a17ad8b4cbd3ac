/**
 * The `.docx` adapter: the bilan document written with the `docx` library, with Word's own heading
 * styles and real tables, so that the coordinator edits it in Word before the committee. Runs in Node
 * and in the task pane (no Node module).
 *
 * Charts: the HTML page draws them as SVG; here they are tables whose cells are shaded in proportion
 * (one row of cells per axis, a cell per status, as wide as its share). A picture rendered by a browser
 * would need Chromium, which the task pane does not have and a coordinator's computer may not either;
 * shaded tables come out the same everywhere, print crisply, and stay editable in Word.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import {
  BILAN_TEXT,
  STATUS_COLORS,
  STATUS_ORDER,
  changeText,
  percentText,
  type BilanAxis,
  type BilanDocument,
  type Tally,
} from "../domain/bilan/content";
import type { Status } from "../domain/engine/types";
import { formatNumberFr } from "../domain/messages/format";
import { STATUS_TEXT } from "../domain/workbook/labels";

/** The width of a landscape A4 page's text, in twentieths of a point (DXA). */
const TEXT_WIDTH = 14_000;
const LABEL_WIDTH = 2_600;
const BAR_WIDTH = 9_800;
const TOTAL_WIDTH = TEXT_WIDTH - LABEL_WIDTH - BAR_WIDTH;

const para = (text: string, options: { bold?: boolean; italics?: boolean; color?: string } = {}) =>
  new Paragraph({ children: [new TextRun({ text, ...options })] });

const cell = (
  text: string,
  width: number,
  options: { fill?: string; color?: string; bold?: boolean; center?: boolean } = {}
) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    ...(options.fill
      ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: options.fill } }
      : {}),
    children: [
      new Paragraph({
        ...(options.center ? { alignment: AlignmentType.CENTER } : {}),
        children: [
          new TextRun({
            text,
            size: 18,
            ...(options.bold ? { bold: true } : {}),
            ...(options.color ? { color: options.color } : {}),
          }),
        ],
      }),
    ],
  });

/** A row of shaded cells, each as wide as its share of `total` (at least a sliver to be seen). */
function barTable(
  label: string,
  segments: ReadonlyArray<{ n: number; fill: string; text: string; color?: string }>,
  total: number,
  after: string
): Table {
  const shown = segments.filter((s) => s.n > 0);
  const widths = shown.map((s) =>
    Math.max(120, Math.round((s.n / Math.max(1, total)) * BAR_WIDTH))
  );
  const sum = widths.reduce((a, b) => a + b, 0);
  // The rounding and the slivers are taken from (or given to) the widest cell.
  if (widths.length > 0) {
    const widest = widths.indexOf(Math.max(...widths));
    widths[widest] = (widths[widest] ?? 0) + BAR_WIDTH - sum;
  }
  const cells = shown.length
    ? shown.map((s, i) =>
        cell(s.text, widths[i] ?? 0, { fill: s.fill, color: s.color ?? "FFFFFF", center: true })
      )
    : [cell("", BAR_WIDTH)];
  const columnWidths = [LABEL_WIDTH, ...(shown.length ? widths : [BAR_WIDTH]), TOTAL_WIDTH];
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths,
    rows: [
      new TableRow({
        children: [cell(label, LABEL_WIDTH, { bold: true }), ...cells, cell(after, TOTAL_WIDTH)],
      }),
    ],
  });
}

function statusBar(label: string, tally: Tally): Table {
  return barTable(
    label,
    STATUS_ORDER.map((s) => ({
      n: tally.counts[s],
      fill: STATUS_COLORS[s],
      text: formatNumberFr(tally.counts[s]),
      ...(s === "a_renseigner" || s === "en_cours" ? { color: "000000" } : {}),
    })),
    tally.total,
    `${formatNumberFr(tally.total)} ${BILAN_TEXT.targets}`
  );
}

function rateBar(label: string, rate: number | null): Table {
  const done = Math.round((rate ?? 0) * 1000);
  return barTable(
    label,
    [
      { n: done, fill: "2F5496", text: done >= 80 ? percentText(rate) : "" },
      { n: 1000 - done, fill: "E7E6E6", text: done < 80 ? percentText(rate) : "", color: "000000" },
    ],
    1000,
    percentText(rate)
  );
}

const spacer = () => new Paragraph({ text: "" });

function legend(): Paragraph {
  return new Paragraph({
    children: STATUS_ORDER.flatMap((s: Status) => [
      new TextRun({ text: "■ ", color: STATUS_COLORS[s], size: 22 }),
      new TextRun({ text: `${STATUS_TEXT[s]}    `, size: 18 }),
    ]),
  });
}

function summary(doc: BilanDocument): Array<Paragraph | Table> {
  const rows = [
    ...doc.axes.map((a) => ({ label: `Axe ${a.id}`, tally: a as Tally })),
    { label: BILAN_TEXT.whole, tally: doc.overall },
  ];
  const out: Array<Paragraph | Table> = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      text: `${BILAN_TEXT.title(doc.year)} : ${doc.planTitle}`,
    }),
    para(`${BILAN_TEXT.subtitle} ; ${doc.territory} (plan version ${doc.planVersion})`, {
      italics: true,
    }),
    para(
      `${BILAN_TEXT.madeOn(doc.madeOn)}. ${BILAN_TEXT.evaluation(doc.year, doc.evaluationYear, doc.madeOn)}`,
      {
        color: "666666",
      }
    ),
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: BILAN_TEXT.summary }),
    para(
      BILAN_TEXT.keyFigures(
        doc.overall.total,
        percentText(doc.overall.reportingRate),
        doc.overall.counts.atteint
      )
    ),
    ...doc.axes.map(
      (a) => new Paragraph({ text: BILAN_TEXT.axis(a.id, a.title), bullet: { level: 0 } })
    ),
    para(
      doc.previous
        ? `${BILAN_TEXT.compared(doc.previous.year, doc.previous.takenOn)} ${BILAN_TEXT.changedCount(doc.overall.changed)}`
        : BILAN_TEXT.noPrevious
    ),
    new Paragraph({ heading: HeadingLevel.HEADING_2, text: BILAN_TEXT.statusesPerAxis }),
  ];
  for (const r of rows) out.push(statusBar(r.label, r.tally), spacer());
  out.push(legend());
  out.push(
    new Paragraph({ heading: HeadingLevel.HEADING_2, text: BILAN_TEXT.reportingPerAxis(doc.year) })
  );
  for (const r of rows) out.push(rateBar(r.label, r.tally.reportingRate), spacer());
  out.push(new Paragraph({ heading: HeadingLevel.HEADING_2, text: BILAN_TEXT.reportingPerYear }));
  for (const r of doc.ratesByYear) out.push(rateBar(String(r.year), r.rate), spacer());
  out.push(para(BILAN_TEXT.reportingHint, { italics: true, color: "666666" }));
  return out;
}

const COLUMN_WIDTHS = [3_400, 2_000, 1_200, 1_400, 1_400, 1_700, 2_900];

function axisSection(doc: BilanDocument, axis: BilanAxis): Array<Paragraph | Table> {
  const counts = STATUS_ORDER.filter((s) => axis.counts[s] > 0)
    .map((s) => `${STATUS_TEXT[s]} ${formatNumberFr(axis.counts[s])}`)
    .join(", ");
  const out: Array<Paragraph | Table> = [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      text: BILAN_TEXT.axis(axis.id, axis.title),
      pageBreakBefore: true,
    }),
    para(
      `${formatNumberFr(axis.total)} ${BILAN_TEXT.targets} : ${counts || BILAN_TEXT.empty}. Taux de renseignement ${doc.year} : ${percentText(axis.reportingRate)}.`
    ),
  ];
  const header = new TableRow({
    tableHeader: true,
    children: BILAN_TEXT.columns(doc.year).map((h, i) =>
      cell(h, COLUMN_WIDTHS[i] ?? 1_000, { fill: "DDEBF7", bold: true })
    ),
  });
  for (const action of axis.actions) {
    out.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_2,
        text: BILAN_TEXT.action(action.ref, action.title),
      })
    );
    if (action.targets.length === 0) {
      out.push(para(BILAN_TEXT.noTarget, { italics: true }));
      continue;
    }
    const rows = action.targets.map(
      (t) =>
        new TableRow({
          cantSplit: true,
          children: [
            t.indicator,
            t.target,
            t.value || BILAN_TEXT.empty,
            STATUS_TEXT[t.yearStatus],
            STATUS_TEXT[t.status],
            changeText(t.change),
            t.comment,
          ].map((text, i) =>
            cell(
              text,
              COLUMN_WIDTHS[i] ?? 1_000,
              i === 3 || i === 4
                ? { fill: STATUS_COLORS[i === 3 ? t.yearStatus : t.status], color: "FFFFFF" }
                : {}
            )
          ),
        })
    );
    out.push(
      new Table({
        layout: TableLayoutType.FIXED,
        width: { size: TEXT_WIDTH, type: WidthType.DXA },
        columnWidths: COLUMN_WIDTHS,
        rows: [header, ...rows],
      })
    );
  }
  return out;
}

/** The bilan as `.docx` bytes. */
export async function bilanDocx(doc: BilanDocument): Promise<Uint8Array> {
  const document = new Document({
    creator: "Classeur CTG",
    title: `${BILAN_TEXT.title(doc.year)} : ${doc.planTitle}`,
    description: BILAN_TEXT.subtitle,
    styles: { default: { document: { run: { font: "Calibri", size: 20 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { orientation: PageOrientation.LANDSCAPE, width: 11_906, height: 16_838 },
            margin: { top: 900, bottom: 900, left: 1_000, right: 1_000 },
          },
        },
        children: [...summary(doc), ...doc.axes.flatMap((a) => axisSection(doc, a))],
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
