import { columnLetter } from "../domain/workbook/grid";
import type { Cell, ChartModel, ChartType, SheetModel } from "../domain/workbook/model";
import { escapeXml } from "../domain/workbook/xmlText";
import { PKG_REL_NS, REL_NS, XML_HEAD } from "./ooxml";

/**
 * The native charts of a sheet (`SheetModel.charts`) as DrawingML parts: one drawing per sheet
 * (`xl/drawings/drawingN.xml`, a two-cell anchored graphic frame per chart) and one chart part per
 * chart (`xl/charts/chartK.xml`, a `c:chartSpace` whose series refer to the sheet's own cells).
 *
 * Written by hand because no maintained library adds charts to a workbook: exceljs (which writes the
 * file when a user's sheets are carried over) has no chart support and drops the charts of a file it
 * reads, and the model is already laid out as the parts need it. Kept to what the model declares:
 * bar/column (stacked or clustered) and line charts, a title, series colours, a legend, a percent
 * value axis. Series refer to their cells (`c:strRef`/`c:numRef`): Excel and LibreOffice compute
 * them from the sheet; the texts (series names, categories) are cached, the numbers (formulas the
 * writer has no value for) are not.
 */

const C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main";
const XDR_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";

export const DRAWING_REL_TYPE = `${REL_NS}/drawing`;
const CHART_REL_TYPE = `${REL_NS}/chart`;
const DRAWING_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml";
const CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";

/** Where a sheet's charts go: the sheet's file number, and the number of its first chart part. */
export interface SheetChartParts {
  readonly sheet: SheetModel;
  /** `N` of `xl/worksheets/sheetN.xml`; also the drawing's number. */
  readonly file: number;
  /** `K` of the first `xl/charts/chartK.xml`. */
  readonly firstChart: number;
}

/** The sheets with charts among `sheets` (each with its file number), their chart parts numbered. */
export function chartedSheets(
  sheets: ReadonlyArray<{ readonly sheet: SheetModel; readonly file: number }>
): SheetChartParts[] {
  const out: SheetChartParts[] = [];
  let next = 1;
  for (const { sheet, file } of sheets) {
    const count = sheet.charts?.length ?? 0;
    if (count === 0) continue;
    out.push({ sheet, file, firstChart: next });
    next += count;
  }
  return out;
}

/** The drawing's path from the sheet (the target of the sheet's relationship). */
export function drawingTarget(parts: SheetChartParts): string {
  return `../drawings/drawing${parts.file}.xml`;
}

/** The `<drawing>` element of a sheet (after its page setup, before any legacy drawing). */
export function drawingElement(rId: string): string {
  return `<drawing r:id="${rId}"/>`;
}

/** The content type overrides of the drawings and charts. */
export function chartContentTypes(all: readonly SheetChartParts[]): string {
  let out = "";
  for (const p of all) {
    out += `<Override PartName="/xl/drawings/drawing${p.file}.xml" ContentType="${DRAWING_CONTENT_TYPE}"/>`;
    const count = p.sheet.charts?.length ?? 0;
    for (let k = 0; k < count; k++)
      out += `<Override PartName="/xl/charts/chart${p.firstChart + k}.xml" ContentType="${CHART_CONTENT_TYPE}"/>`;
  }
  return out;
}

/** The drawing, its relationships and the chart parts of a sheet: `[path in the zip, XML]`. */
export function chartParts(p: SheetChartParts): Array<[string, string]> {
  const charts = p.sheet.charts ?? [];
  const anchors = charts.map((chart, k) => anchorXml(chart, k));
  const rels = charts.map(
    (_, k) =>
      `<Relationship Id="rId${k + 1}" Type="${CHART_REL_TYPE}" Target="../charts/chart${p.firstChart + k}.xml"/>`
  );
  return [
    [
      `xl/drawings/drawing${p.file}.xml`,
      `${XML_HEAD}<xdr:wsDr xmlns:xdr="${XDR_NS}" xmlns:a="${A_NS}">${anchors.join("")}</xdr:wsDr>`,
    ],
    [
      `xl/drawings/_rels/drawing${p.file}.xml.rels`,
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${rels.join("")}</Relationships>`,
    ],
    ...charts.map((chart, k): [string, string] => [
      `xl/charts/chart${p.firstChart + k}.xml`,
      chartXml(chart, p.sheet),
    ]),
  ];
}

function anchorXml(chart: ChartModel, k: number): string {
  const corner = (tag: string, at: { row: number; col: number }) =>
    `<xdr:${tag}><xdr:col>${at.col}</xdr:col><xdr:colOff>0</xdr:colOff>` +
    `<xdr:row>${at.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell">${corner("from", chart.from)}${corner("to", chart.to)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${k + 2}" name="${escapeXml(chart.name)}"/>` +
    "<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>" +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
    `<a:graphic><a:graphicData uri="${C_NS}"><c:chart xmlns:c="${C_NS}" xmlns:r="${REL_NS}" r:id="rId${k + 1}"/>` +
    "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>"
  );
}

/** A range `B5:F9` as rows and columns from 0. */
export function parseRange(source: string): {
  top: number;
  left: number;
  bottom: number;
  right: number;
} {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(source);
  if (!m) throw new Error(`chart source ${source}: not an A1 range`);
  const col = (letters: string) =>
    [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return {
    top: Number(m[2]) - 1,
    left: col(m[1] as string),
    bottom: Number(m[4]) - 1,
    right: col(m[3] as string),
  };
}

/** The text a cell shows when the writer knows it (text, link, number), else null. */
function knownText(cell: Cell | null | undefined): string | null {
  const v = cell?.value;
  if (!v) return null;
  if (v.kind === "text" || v.kind === "link") return v.text;
  if (v.kind === "number") return String(v.value);
  return null;
}

/** A `c:strRef` to cells of the sheet, with their texts cached when all are known. */
function strRef(
  sheet: SheetModel,
  top: number,
  left: number,
  bottom: number,
  right: number
): string {
  const quoted = `'${sheet.name.replace(/'/g, "''")}'`;
  const ref = `${quoted}!$${columnLetter(left)}$${top + 1}${
    top === bottom && left === right ? "" : `:$${columnLetter(right)}$${bottom + 1}`
  }`;
  const texts: Array<string | null> = [];
  for (let r = top; r <= bottom; r++)
    for (let c = left; c <= right; c++) texts.push(knownText(sheet.cells[r]?.[c]));
  const cache = texts.every((t) => t !== null)
    ? `<c:strCache><c:ptCount val="${texts.length}"/>${texts
        .map((t, i) => `<c:pt idx="${i}"><c:v>${escapeXml(t ?? "")}</c:v></c:pt>`)
        .join("")}</c:strCache>`
    : "";
  return `<c:strRef><c:f>${escapeXml(ref)}</c:f>${cache}</c:strRef>`;
}

function numRef(sheet: SheetModel, top: number, col: number, bottom: number): string {
  const quoted = `'${sheet.name.replace(/'/g, "''")}'`;
  const ref = `${quoted}!$${columnLetter(col)}$${top + 1}:$${columnLetter(col)}$${bottom + 1}`;
  return `<c:numRef><c:f>${escapeXml(ref)}</c:f></c:numRef>`;
}

function solidFill(color: string): string {
  return `<a:solidFill><a:srgbClr val="${color}"/></a:solidFill>`;
}

const BAR_SHAPES: Readonly<Record<Exclude<ChartType, "Line">, { dir: string; grouping: string }>> =
  {
    BarStacked: { dir: "bar", grouping: "stacked" },
    BarClustered: { dir: "bar", grouping: "clustered" },
    ColumnStacked: { dir: "col", grouping: "stacked" },
    ColumnClustered: { dir: "col", grouping: "clustered" },
  };

/** One chart part: its series read from `chart.source` on `sheet`. */
export function chartXml(chart: ChartModel, sheet: SheetModel): string {
  const { top, left, bottom, right } = parseRange(chart.source);
  const line = chart.type === "Line";
  const series: string[] = [];
  for (let c = left + 1; c <= right; c++) {
    const k = c - left - 1;
    const color = chart.colors[k] ?? "808080";
    const look = line
      ? `<c:spPr><a:ln w="28575" cap="rnd">${solidFill(color)}<a:round/></a:ln></c:spPr>` +
        `<c:marker><c:symbol val="circle"/><c:size val="6"/><c:spPr>${solidFill(color)}</c:spPr></c:marker>`
      : `<c:spPr>${solidFill(color)}</c:spPr><c:invertIfNegative val="0"/>`;
    series.push(
      `<c:ser><c:idx val="${k}"/><c:order val="${k}"/><c:tx>${strRef(sheet, top, c, top, c)}</c:tx>${look}` +
        `<c:cat>${strRef(sheet, top + 1, left, bottom, left)}</c:cat>` +
        `<c:val>${numRef(sheet, top + 1, c, bottom)}</c:val>` +
        (line ? '<c:smooth val="0"/>' : "") +
        "</c:ser>"
    );
  }
  const axes = '<c:axId val="500001"/><c:axId val="500002"/>';
  let plot: string;
  let catPos = "b";
  let valPos = "l";
  if (line) {
    plot =
      '<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>' +
      `${series.join("")}<c:marker val="1"/>${axes}</c:lineChart>`;
  } else {
    const shape = BAR_SHAPES[chart.type as Exclude<ChartType, "Line">];
    if (shape.dir === "bar") {
      catPos = "l";
      valPos = "b";
    }
    plot =
      `<c:barChart><c:barDir val="${shape.dir}"/><c:grouping val="${shape.grouping}"/>` +
      `<c:varyColors val="0"/>${series.join("")}<c:gapWidth val="60"/>` +
      (shape.grouping === "stacked" ? '<c:overlap val="100"/>' : "") +
      `${axes}</c:barChart>`;
  }
  const percent = chart.percent === true;
  const noLine = "<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>";
  const text = (size: number, bold: boolean) =>
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}"${bold ? ' b="1"' : ""}/></a:pPr>` +
    '<a:endParaRPr lang="fr-FR"/></a:p></c:txPr>';
  return (
    `${XML_HEAD}<c:chartSpace xmlns:c="${C_NS}" xmlns:a="${A_NS}" xmlns:r="${REL_NS}">` +
    '<c:lang val="fr-FR"/><c:roundedCorners val="0"/><c:chart>' +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr>` +
    `<a:r><a:rPr lang="fr-FR" sz="1200" b="1"/><a:t>${escapeXml(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>` +
    '<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>' +
    plot +
    '<c:catAx><c:axId val="500001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>' +
    `<c:axPos val="${catPos}"/><c:numFmt formatCode="General" sourceLinked="0"/>` +
    '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
    `${text(900, false)}<c:crossAx val="500002"/><c:crosses val="autoZero"/><c:auto val="1"/>` +
    '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>' +
    '<c:valAx><c:axId val="500002"/><c:scaling><c:orientation val="minMax"/>' +
    (percent ? '<c:max val="1"/><c:min val="0"/>' : "") +
    `</c:scaling><c:delete val="0"/><c:axPos val="${valPos}"/><c:majorGridlines/>` +
    `<c:numFmt formatCode="${percent ? "0%" : "General"}" sourceLinked="0"/>` +
    `<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${noLine}` +
    `${text(900, false)}<c:crossAx val="500001"/><c:crosses val="autoZero"/>` +
    `<c:crossBetween val="between"/></c:valAx></c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/>${text(900, false)}</c:legend>` +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>' +
    "</c:chartSpace>"
  );
}

/**
 * A sheet's XML written by another writer (exceljs) with its `<drawing>` element added where
 * CT_Worksheet wants it: after the page setup and breaks, before a legacy drawing, the table parts
 * and the worksheet's extension list.
 */
export function withDrawing(sheetXml: string, rId: string): string {
  const from = Math.max(
    sheetXml.indexOf("</sheetData>"),
    sheetXml.lastIndexOf("</conditionalFormatting>"),
    sheetXml.lastIndexOf("</dataValidations>"),
    sheetXml.lastIndexOf("</hyperlinks>")
  );
  let at = -1;
  for (const tag of [
    "<legacyDrawing ",
    "<legacyDrawingHF",
    "<picture",
    "<oleObjects",
    "<controls",
    "<webPublishItems",
    "<tableParts",
    "<extLst",
    "</worksheet>",
  ]) {
    const i = sheetXml.indexOf(tag, from);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  if (at < 0) throw new Error("withDrawing: no </worksheet>");
  return sheetXml.slice(0, at) + drawingElement(rId) + sheetXml.slice(at);
}

/** A relationships part (or none yet) with one more relationship. */
export function withRelationship(
  relsXml: string | null,
  rId: string,
  type: string,
  target: string
): string {
  const rel = `<Relationship Id="${rId}" Type="${type}" Target="${escapeXml(target)}"/>`;
  if (relsXml === null)
    return `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${rel}</Relationships>`;
  const end = relsXml.lastIndexOf("</Relationships>");
  if (end < 0) throw new Error("withRelationship: no </Relationships>");
  return relsXml.slice(0, end) + rel + relsXml.slice(end);
}

/** `[Content_Types].xml` with the drawings' and charts' overrides. */
export function withChartContentTypes(typesXml: string, all: readonly SheetChartParts[]): string {
  const end = typesXml.lastIndexOf("</Types>");
  if (end < 0) throw new Error("withChartContentTypes: no </Types>");
  return typesXml.slice(0, end) + chartContentTypes(all) + typesXml.slice(end);
}
