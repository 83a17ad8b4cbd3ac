import type {
  Cell,
  CellNote,
  CellStyle,
  ConditionalFormat,
  DataValidation,
  SheetModel,
  WorkbookModel,
} from "../domain/workbook/model";
import { NUMBER_FORMATS } from "../domain/workbook/model";
import { columnLetter } from "../domain/workbook/grid";
import { META_SHEET, metaSheetRows } from "../domain/workbook/meta";
import { isoToSerial } from "../domain/workbook/units";
import type { ZipWriter } from "./zip";
import { PKG_REL_NS, REL_NS, XML_HEAD } from "./ooxml";
import {
  chartContentTypes,
  chartedSheets,
  chartParts,
  DRAWING_REL_TYPE,
  drawingElement,
} from "./charts";

/**
 * The `.xlsx` renderer: the workbook model written as SpreadsheetML parts (ECMA-376 part 1, the
 * transitional schema Excel writes), straight into the zip.
 *
 * Why our own and not exceljs: exceljs builds its whole object model (a Cell object per cell, a
 * style object per cell, validations expanded cell by cell and grouped again) and then renders it;
 * on a plan ten times the size of the embedded one that took 7–9 s of the 16 s of a `ctg merge`, and
 * the model here is already laid out as the file needs it. The features written are exactly those
 * of the model: values, shared strings, styles (fonts, fills, borders, alignment, protection, number
 * formats), columns and outline groups, row heights, frozen panes, tables, data validations,
 * conditional formats and data bars, internal hyperlinks, sheet protection, print setup and titles,
 * defined names, the very hidden metadata sheet, a user's notes (legacy comments and their VML
 * drawing), native charts (charts.ts). exceljs still copies a user's own sheets over (`write.ts`), whose content the model does
 * not describe.
 *
 * Every string goes through `xmlText`/`xmlAttr`: text is always written as text (a shared string),
 * never as a formula, whatever it starts with.
 */

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const X14_NS = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main";
const XM_NS = "http://schemas.microsoft.com/office/excel/2006/main";
const REL_TYPE = {
  document: `${REL_NS}/officeDocument`,
  core: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
  app: `${REL_NS}/extended-properties`,
  worksheet: `${REL_NS}/worksheet`,
  styles: `${REL_NS}/styles`,
  sharedStrings: `${REL_NS}/sharedStrings`,
  table: `${REL_NS}/table`,
  hyperlink: `${REL_NS}/hyperlink`,
  comments: `${REL_NS}/comments`,
  vmlDrawing: `${REL_NS}/vmlDrawing`,
} as const;
const CONTENT_TYPE = {
  workbook: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  sharedStrings: "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  core: "application/vnd.openxmlformats-package.core-properties+xml",
  app: "application/vnd.openxmlformats-officedocument.extended-properties+xml",
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  vml: "application/vnd.openxmlformats-officedocument.vmlDrawing",
} as const;
/** The URI of the x14 extension that gives data bars their solid fill (Excel 2010+). */
const X14_DATA_BAR_EXT = "{B025F937-C7B1-47D3-B67F-A62EFF666E3E}";
const X14_CONDITIONAL_FORMATS_EXT = "{78C0D931-6437-407d-A8EE-F0AAD7539E65}";
/** Excel's built-in date format (`m/d/yyyy` in the user's locale), for a date cell without a format. */
const BUILT_IN_DATE_FORMAT = 14;
/** The first number format id a file may define (lower ids are Excel's built-in ones). */
const FIRST_CUSTOM_FORMAT = 164;
/** The date of the model's "date" validations' lower bound (1990-01-01): any real date passes. */
const DATE_VALIDATION_MIN = isoToSerial("1990-01-01");

/**
 * Characters XML 1.0 cannot hold (controls other than tab and line feed, lone surrogates, U+FFFE/F)
 * and the carriage return (a parser turns it into a line feed): written as Office's `_xHHHH_` escape,
 * which the readers (Excel, Calc, ours) decode. An `_xHHHH_` already in the text gets its underscore
 * escaped (`_x005F_`) so that it reads back as written.
 */

const OFFICE_ESCAPED =
  // eslint-disable-next-line no-control-regex -- the control characters are what it matches
  /[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;
const XML_SPECIAL = /[&<>"]/;
const XML_CONTENT_SPECIAL = /[&<>]/;
/** Whether a string may need an Office escape (a cheap test before the exact one). */
const MAY_NEED_OFFICE_ESCAPE =
  // eslint-disable-next-line no-control-regex -- the control characters are what it matches
  /[\u0000-\u0008\u000B-\u001F_\uD800-\uDFFF\uFFFE\uFFFF]/;
function officeEscape(s: string): string {
  return s.replace(OFFICE_ESCAPED, (c) =>
    c === "_" ? "_x005F_" : `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`
  );
}

/** A string as an attribute value. */
function xml(s: string): string {
  const escaped = MAY_NEED_OFFICE_ESCAPE.test(s) ? officeEscape(s) : s;
  return XML_SPECIAL.test(escaped)
    ? escaped
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;")
    : escaped;
}

/** A string as element content: quotes stay as they are (formulas are full of them). */
function xmlText(s: string): string {
  const escaped = MAY_NEED_OFFICE_ESCAPE.test(s) ? officeEscape(s) : s;
  return XML_CONTENT_SPECIAL.test(escaped)
    ? escaped.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    : escaped;
}

function attr(name: string, value: string | number): string {
  return ` ${name}="${typeof value === "number" ? value : xml(value)}"`;
}

function argb(rgb: string): string {
  return `FF${rgb.toUpperCase()}`;
}

/** Quotes a sheet name for a reference, as Excel does (`'Axe I'!A1`). */
function quotedSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** A list of unique XML fragments, each with its index (fonts, fills, borders, xfs, dxfs). */
class Indexed {
  readonly items: string[] = [];
  private readonly index = new Map<string, number>();

  constructor(initial: readonly string[] = []) {
    for (const item of initial) this.id(item);
  }

  id(item: string): number {
    let i = this.index.get(item);
    if (i === undefined) {
      i = this.items.length;
      this.items.push(item);
      this.index.set(item, i);
    }
    return i;
  }
}

/** The shared string table: each distinct text once, in the order first met. */
class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly parts: string[] = [];
  count = 0;

  id(text: string): number {
    this.count++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.parts.length;
      this.index.set(text, i);
      const space = /^[\s]|[\s]$/.test(text) ? ' xml:space="preserve"' : "";
      this.parts.push(`<si><t${space}>${xmlText(text)}</t></si>`);
    }
    return i;
  }

  bytes(): Uint8Array {
    const sink = new ByteSink();
    sink.push(
      `${XML_HEAD}<sst xmlns="${MAIN_NS}"${attr("count", this.count)}${attr("uniqueCount", this.parts.length)}>`
    );
    for (const part of this.parts) sink.push(part);
    sink.push("</sst>");
    return sink.bytes();
  }
}

const DEFAULT_FONT = '<font><sz val="11"/><name val="Calibri"/></font>';
const NO_FILL = '<fill><patternFill patternType="none"/></fill>';
/** Excel requires the second fill to be gray125, whatever the file uses. */
const GRAY_FILL = '<fill><patternFill patternType="gray125"/></fill>';
const NO_BORDER = "<border><left/><right/><top/><bottom/><diagonal/></border>";
const DEFAULT_XF = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';

/** The workbook's styles part, filled as cells ask for their style. */
class Styles {
  private readonly fonts = new Indexed([DEFAULT_FONT]);
  private readonly fills = new Indexed([NO_FILL, GRAY_FILL]);
  private readonly borders = new Indexed([NO_BORDER]);
  private readonly xfs = new Indexed([DEFAULT_XF]);
  private readonly dxfs = new Indexed();
  private readonly formats = new Map<string, number>();
  /** The xf id of each (style name, number format) pair already seen. */
  private readonly byKey = new Map<string, number>();

  constructor(private readonly named: WorkbookModel["styles"]) {}

  private formatId(code: string): number {
    if (code === "General") return 0;
    let id = this.formats.get(code);
    if (id === undefined) {
      id = FIRST_CUSTOM_FORMAT + this.formats.size;
      this.formats.set(code, id);
    }
    return id;
  }

  /** The xf (cell format) id of a cell; 0 for a cell without style nor format. */
  xfOf(cell: Cell): number {
    const isDate = cell.value?.kind === "date";
    const key = `${cell.style ?? ""}\u0000${cell.format ?? (isDate ? "\u0000date" : "")}`;
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.xfs.id(this.xf(cell.style ? this.named[cell.style] : undefined, cell, isDate));
      this.byKey.set(key, id);
    }
    return id;
  }

  private xf(style: CellStyle | undefined, cell: Cell, isDate: boolean): string {
    const numFmtId = cell.format
      ? this.formatId(NUMBER_FORMATS[cell.format])
      : isDate
        ? BUILT_IN_DATE_FORMAT
        : 0;
    let fontId = 0;
    let fillId = 0;
    let borderId = 0;
    let inner = "";
    let applied = numFmtId ? ' applyNumberFormat="1"' : "";
    if (style) {
      fontId = this.fonts.id(
        `<font>${style.bold ? "<b/>" : ""}${style.italic ? "<i/>" : ""}${style.underline ? "<u/>" : ""}` +
          `${style.color ? `<color rgb="${argb(style.color)}"/>` : ""}<sz val="${style.size ?? 10}"/>` +
          `<name val="Calibri"/></font>`
      );
      if (style.fill)
        fillId = this.fills.id(
          `<fill><patternFill patternType="solid"><fgColor rgb="${argb(style.fill)}"/></patternFill></fill>`
        );
      if (style.border === "thin") {
        const side = (s: string) => `<${s} style="thin"><color rgb="FFBFBFBF"/></${s}>`;
        borderId = this.borders.id(
          `<border>${side("left")}${side("right")}${side("top")}${side("bottom")}<diagonal/></border>`
        );
      }
      const vertical = style.vertical === "middle" ? "center" : (style.vertical ?? "top");
      inner =
        `<alignment${style.horizontal ? attr("horizontal", style.horizontal) : ""}` +
        `${attr("vertical", vertical)}${style.wrap ? ' wrapText="1"' : ""}/>` +
        (style.unlocked ? '<protection locked="0"/>' : "");
      applied +=
        ' applyFont="1"' +
        (fillId ? ' applyFill="1"' : "") +
        (borderId ? ' applyBorder="1"' : "") +
        ' applyAlignment="1" applyProtection="1"';
    }
    const head = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applied}`;
    return inner ? `${head}>${inner}</xf>` : `${head}/>`;
  }

  /** The differential format (dxf) id of a conditional format's look. */
  dxfOf(cf: ConditionalFormat): number {
    const font =
      cf.color || cf.bold
        ? `<font>${cf.bold ? "<b/>" : ""}${cf.color ? `<color rgb="${argb(cf.color)}"/>` : ""}</font>`
        : "";
    return this.dxfs.id(
      `<dxf>${font}<fill><patternFill patternType="solid"><bgColor rgb="${argb(cf.fill)}"/></patternFill></fill></dxf>`
    );
  }

  xml(): string {
    const list = (tag: string, items: readonly string[]) =>
      `<${tag} count="${items.length}">${items.join("")}</${tag}>`;
    const formats = [...this.formats].map(
      ([code, id]) => `<numFmt numFmtId="${id}"${attr("formatCode", code)}/>`
    );
    return (
      `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
      (formats.length ? list("numFmts", formats) : "") +
      list("fonts", this.fonts.items) +
      list("fills", this.fills.items) +
      list("borders", this.borders.items) +
      list("cellStyleXfs", ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>']) +
      list("cellXfs", this.xfs.items) +
      list("cellStyles", ['<cellStyle name="Normal" xfId="0" builtinId="0"/>']) +
      list("dxfs", this.dxfs.items) +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      "</styleSheet>"
    );
  }
}

/** The parts of a sheet beyond its XML: its relationships (tables, hyperlinks). */
interface SheetRels {
  readonly rels: string[];
}

function relationship(id: string, type: string, target: string, external = false): string {
  return `<Relationship${attr("Id", id)}${attr("Type", type)}${attr("Target", target)}${external ? ' TargetMode="External"' : ""}/>`;
}

function relationships(items: readonly string[]): string {
  return `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${items.join("")}</Relationships>`;
}

/** `4:4` → `$4:$4` (print titles are absolute). */
function absoluteRows(rows: string): string {
  return rows
    .split(":")
    .map((r) => `$${r.replace(/^\$/, "")}`)
    .join(":");
}

/** `A1:C9` as `$A$1:$C$9`. */
function absoluteCells(cells: string): string {
  return cells.replace(/\$?([A-Z]+)\$?(\d+)/g, "$$$1$$$2");
}

function validationXml(v: DataValidation): string {
  let type: string;
  let operator = "";
  let formulas: string[];
  switch (v.rule.kind) {
    case "whole":
    case "decimal":
      type = v.rule.kind;
      if (v.rule.max === undefined) {
        operator = "greaterThanOrEqual";
        formulas = [String(v.rule.min)];
      } else {
        operator = "between";
        formulas = [String(v.rule.min), String(v.rule.max)];
      }
      break;
    case "list":
      type = "list";
      formulas = [v.rule.source];
      break;
    case "date":
      type = "date";
      operator = "greaterThan";
      formulas = [String(DATE_VALIDATION_MIN)];
      break;
  }
  // Excel's limits: 32 characters for a title, 255 for a message (longer: the file is "repaired").
  return (
    `<dataValidation${attr("type", type)}${operator ? attr("operator", operator) : ""}` +
    `${v.allowBlank ? ' allowBlank="1"' : ""} showInputMessage="1" showErrorMessage="1"` +
    `${attr("errorStyle", v.alert)}${attr("errorTitle", v.errorTitle.slice(0, 32))}` +
    `${attr("error", v.error.slice(0, 255))}${attr("promptTitle", v.promptTitle.slice(0, 32))}` +
    `${attr("prompt", v.prompt.slice(0, 255))}${attr("sqref", v.range)}>` +
    formulas.map((f, i) => `<formula${i + 1}>${xmlText(f)}</formula${i + 1}>`).join("") +
    "</dataValidation>"
  );
}

/** A data bar's GUID, derived from its place so that the same model gives the same file. */
function dataBarId(sheetIndex: number, barIndex: number): string {
  const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, "0");
  return `{00000000-0000-4000-8000-${hex(sheetIndex, 4)}${hex(barIndex, 8)}}`;
}

/**
 * A sheet's notes: the comments part (cell, author, the text in one run as Excel writes it; exceljs
 * reads nothing else) and the legacy VML drawing Excel needs to show them (one hidden shape per
 * note, anchored beside its cell). Shape ids are unique in the workbook: each sheet has its own
 * blocks of 1 024 (`o:idmap`), from `block`.
 */
function notesParts(notes: readonly CellNote[], block: number): { comments: string; vml: string } {
  const authors = new Map<string, number>();
  for (const n of notes) if (!authors.has(n.author)) authors.set(n.author, authors.size);
  const comments =
    `${XML_HEAD}<comments xmlns="${MAIN_NS}"><authors>` +
    [...authors.keys()].map((a) => `<author>${xmlText(a)}</author>`).join("") +
    "</authors><commentList>" +
    notes
      .map(
        (n) =>
          `<comment ref="${columnLetter(n.col)}${n.row + 1}" authorId="${authors.get(n.author) ?? 0}">` +
          `<text><r><t xml:space="preserve">${xmlText(n.text)}</t></r></text></comment>`
      )
      .join("") +
    "</commentList></comments>";
  const blocks = Array.from({ length: Math.floor(notes.length / 1024) + 1 }, (_, i) => block + i);
  const shapes = notes.map(
    (n, i) =>
      `<v:shape id="_x0000_s${block * 1024 + i + 1}" type="#_x0000_t202" style="position:absolute;` +
      `margin-left:59.25pt;margin-top:1.5pt;width:108pt;height:59.25pt;z-index:${i + 1};visibility:hidden"` +
      ' fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>' +
      '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
      '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>' +
      `<x:Anchor>${n.col + 1}, 15, ${Math.max(n.row - 1, 0)}, 10, ${n.col + 3}, 15, ${n.row + 3}, 4</x:Anchor>` +
      `<x:AutoFill>False</x:AutoFill><x:Row>${n.row}</x:Row><x:Column>${n.col}</x:Column></x:ClientData></v:shape>`
  );
  const vml =
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"' +
    ' xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${blocks.join(",")}"/></o:shapelayout>` +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
    '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
    shapes.join("") +
    "</xml>";
  return { comments, vml };
}

/** Excel's error values: a formula's last result written as an error (`t="e"`), not as a string. */
const ERROR_VALUES = /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!)$/;

/**
 * The rest of a formula cell's start tag, its formula and its last computed value (a user's
 * formula kept as an entry: `<c … t="str"><f>…</f><v>…</v>`), from the type attribute on.
 */
function cachedResult(formula: string, cached: number | string | boolean): string {
  const f = `<f>${xmlText(formula)}</f>`;
  if (typeof cached === "boolean") return ` t="b">${f}<v>${cached ? 1 : 0}</v>`;
  if (typeof cached === "number")
    return Number.isFinite(cached) ? `>${f}<v>${cached}</v>` : ` t="e">${f}<v>#NUM!</v>`;
  return ERROR_VALUES.test(cached)
    ? ` t="e">${f}<v>${cached}</v>`
    : ` t="str">${f}<v>${xmlText(cached)}</v>`;
}

/** Renders one generated sheet; tables and hyperlinks go to the collector. */
function sheetXml(
  sheet: SheetModel,
  sheetIndex: number,
  styles: Styles,
  strings: SharedStrings,
  tableIds: () => number,
  zip: ZipWriter,
  rels: SheetRels,
  shapeBlock: number
): Uint8Array {
  const out: string[] = [];
  const links: string[] = [];
  let maxCol = 0;
  let maxRow = 0;
  const rows: string[] = [];
  const heights = sheet.rowHeights;
  const letters = Array.from({ length: sheet.columns.length + 1 }, (_, c) => columnLetter(c));
  let rowCount = sheet.cells.length;
  for (const r of Object.keys(heights)) rowCount = Math.max(rowCount, Number(r) + 1);
  for (let r = 0; r < rowCount; r++) {
    const line = sheet.cells[r];
    const height = heights[r];
    let cells = "";
    if (line) {
      for (let c = 0; c < line.length; c++) {
        const cell = line[c];
        if (!cell) continue;
        const ref = `${letters[c] ?? columnLetter(c)}${r + 1}`;
        const s = styles.xfOf(cell);
        const sAttr = s ? ` s="${s}"` : "";
        const v = cell.value;
        if (c + 1 > maxCol) maxCol = c + 1;
        if (r + 1 > maxRow) maxRow = r + 1;
        if (v === null) {
          cells += `<c r="${ref}"${sAttr}/>`;
          continue;
        }
        switch (v.kind) {
          case "text":
            cells += `<c r="${ref}"${sAttr} t="s"><v>${strings.id(v.text)}</v></c>`;
            break;
          case "number":
            cells += Number.isFinite(v.value)
              ? `<c r="${ref}"${sAttr}><v>${v.value}</v></c>`
              : `<c r="${ref}"${sAttr} t="e"><v>#NUM!</v></c>`;
            break;
          case "date":
            cells += `<c r="${ref}"${sAttr}><v>${isoToSerial(v.iso)}</v></c>`;
            break;
          case "boolean":
            cells += `<c r="${ref}"${sAttr} t="b"><v>${v.value ? 1 : 0}</v></c>`;
            break;
          case "formula":
            cells +=
              v.cached === undefined
                ? `<c r="${ref}"${sAttr}><f>${xmlText(v.formula)}</f></c>`
                : `<c r="${ref}"${sAttr}${cachedResult(v.formula, v.cached)}</c>`;
            break;
          case "link": {
            cells += `<c r="${ref}"${sAttr} t="s"><v>${strings.id(v.text)}</v></c>`;
            const target = `${quotedSheet(v.sheet)}!${v.cell}`;
            links.push(
              `<hyperlink${attr("ref", ref)}${attr("location", target)} display="${xml(v.text)}"/>`
            );
            break;
          }
        }
      }
    }
    if (cells || height !== undefined) {
      if (r + 1 > maxRow) maxRow = r + 1;
      const ht = height !== undefined ? ` ht="${height}" customHeight="1"` : "";
      rows.push(cells ? `<row r="${r + 1}"${ht}>${cells}</row>` : `<row r="${r + 1}"${ht}/>`);
    }
  }

  const hasGroups = sheet.columns.some((c) => c.hidden);
  const sheetPr =
    (hasGroups ? '<outlinePr summaryRight="1"/>' : "") +
    (sheet.tabColor ? `<tabColor rgb="${argb(sheet.tabColor)}"/>` : "") +
    (sheet.print.fitToWidth ? '<pageSetUpPr fitToPage="1"/>' : "");
  out.push(
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`,
    sheetPr ? `<sheetPr>${sheetPr}</sheetPr>` : "",
    `<dimension ref="A1${maxRow && maxCol ? `:${columnLetter(maxCol - 1)}${maxRow}` : ""}"/>`
  );
  const selected = sheetIndex === 0 ? ' tabSelected="1"' : "";
  if (sheet.frozen && (sheet.frozen.rows > 0 || sheet.frozen.columns > 0)) {
    const { rows: fr, columns: fc } = sheet.frozen;
    const pane = fr > 0 && fc > 0 ? "bottomRight" : fr > 0 ? "bottomLeft" : "topRight";
    out.push(
      `<sheetViews><sheetView${selected} workbookViewId="0"><pane` +
        (fc > 0 ? ` xSplit="${fc}"` : "") +
        (fr > 0 ? ` ySplit="${fr}"` : "") +
        ` topLeftCell="${columnLetter(fc)}${fr + 1}" activePane="${pane}" state="frozen"/>` +
        `<selection pane="${pane}"/></sheetView></sheetViews>`
    );
  } else {
    out.push(`<sheetViews><sheetView${selected} workbookViewId="0"/></sheetViews>`);
  }
  out.push(`<sheetFormatPr defaultRowHeight="15"${hasGroups ? ' outlineLevelCol="1"' : ""}/>`);

  // Columns: runs of identical specs in one element. The column after a hidden group carries
  // `collapsed`, so that Excel shows the group's `+` button closed.
  if (sheet.columns.length) {
    const cols: string[] = [];
    const spec = (i: number) => {
      const c = sheet.columns[i];
      if (!c) return "";
      const collapsed = !c.hidden && sheet.columns[i - 1]?.hidden ? ' collapsed="1"' : "";
      return `${attr("width", c.width)} customWidth="1"${c.hidden ? ' hidden="1" outlineLevel="1"' : ""}${collapsed}`;
    };
    let start = 0;
    for (let i = 1; i <= sheet.columns.length; i++) {
      if (i < sheet.columns.length && spec(i) === spec(start)) continue;
      cols.push(`<col min="${start + 1}" max="${i}"${spec(start)}/>`);
      start = i;
    }
    out.push(`<cols>${cols.join("")}</cols>`);
  }
  const rowsAt = out.push("<sheetData>");
  out.push("</sheetData>");

  const p = sheet.protection;
  if (p?.enabled) {
    out.push(
      '<sheetProtection sheet="1"' +
        (p.allowFormatColumns ? ' formatColumns="0"' : "") +
        (p.allowSort ? ' sort="0"' : "") +
        (p.allowAutoFilter ? ' autoFilter="0"' : "") +
        "/>"
    );
  }

  for (const cf of sheet.conditionalFormats) {
    out.push(
      `<conditionalFormatting${attr("sqref", cf.range)}><cfRule type="expression"` +
        ` dxfId="${styles.dxfOf(cf)}" priority="${cf.priority}"><formula>${xmlText(cf.formula)}</formula>` +
        "</cfRule></conditionalFormatting>"
    );
  }
  const bars = sheet.dataBars.map((bar, i) => ({ bar, id: dataBarId(sheetIndex, i) }));
  for (const { bar, id } of bars) {
    out.push(
      `<conditionalFormatting${attr("sqref", bar.range)}><cfRule type="dataBar" priority="100">` +
        `<dataBar><cfvo type="num" val="0"/><cfvo type="num" val="1"/><color rgb="${argb(bar.color)}"/></dataBar>` +
        `<extLst><ext uri="${X14_DATA_BAR_EXT}" xmlns:x14="${X14_NS}"><x14:id>${id}</x14:id></ext></extLst>` +
        "</cfRule></conditionalFormatting>"
    );
  }
  if (sheet.validations.length) {
    out.push(
      `<dataValidations count="${sheet.validations.length}">${sheet.validations.map(validationXml).join("")}</dataValidations>`
    );
  }
  const sheetRels = rels.rels;
  if (links.length) {
    // Internal links need no relationship: `location` names the target cell.
    out.push(`<hyperlinks>${links.join("")}</hyperlinks>`);
  }
  out.push(
    sheet.print.narrowMargins
      ? '<pageMargins left="0.25" right="0.25" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
      : '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
    `<pageSetup paperSize="9"${attr("orientation", sheet.print.orientation)}` +
      (sheet.print.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : "") +
      "/>"
  );
  const breaks = sheet.print.rowBreaks ?? [];
  if (breaks.length > 0)
    // A break's id is the last row of a page (1-based), i.e. the 0-based index of the next page's first.
    out.push(
      `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">` +
        breaks.map((r) => `<brk id="${r}" max="16383" man="1"/>`).join("") +
        "</rowBreaks>"
    );
  if (sheet.charts?.length) {
    // Its charts (charts.ts): the drawing is named after the sheet's number.
    const rId = `rId${sheetRels.length + 1}`;
    sheetRels.push(relationship(rId, DRAWING_REL_TYPE, `../drawings/drawing${sheetIndex + 1}.xml`));
    out.push(drawingElement(rId));
  }
  if (sheet.notes?.length) {
    // Named as exceljs names them (`xl/commentsN.xml`), N being the sheet's number.
    const { comments, vml } = notesParts(sheet.notes, shapeBlock);
    zip.add(`xl/comments${sheetIndex + 1}.xml`, encode(comments));
    zip.add(`xl/drawings/vmlDrawing${sheetIndex + 1}.vml`, encode(vml));
    // The comments' relationship before the drawing's (exceljs reads them in that order).
    const n = sheetRels.length;
    sheetRels.push(
      relationship(`rId${n + 1}`, REL_TYPE.comments, `../comments${sheetIndex + 1}.xml`),
      relationship(
        `rId${n + 2}`,
        REL_TYPE.vmlDrawing,
        `../drawings/vmlDrawing${sheetIndex + 1}.vml`
      )
    );
    // After the page setup, before the tables (the order of CT_Worksheet).
    out.push(`<legacyDrawing r:id="rId${n + 2}"/>`);
  }
  if (sheet.tables.length) {
    const parts = sheet.tables.map((t) => {
      const id = tableIds();
      const last = columnLetter(t.left + t.columns.length - 1);
      const ref = `${columnLetter(t.left)}${t.top + 1}:${last}${t.top + 1 + t.rowCount}`;
      const columns = t.columns
        .map((name, i) => `<tableColumn id="${i + 1}"${attr("name", name)}/>`)
        .join("");
      zip.add(
        `xl/tables/table${id}.xml`,
        encode(
          `${XML_HEAD}<table xmlns="${MAIN_NS}" id="${id}"${attr("name", t.name)}${attr("displayName", t.name)}` +
            `${attr("ref", ref)} totalsRowShown="0"><autoFilter${attr("ref", ref)}/>` +
            `<tableColumns count="${t.columns.length}">${columns}</tableColumns>` +
            `<tableStyleInfo${attr("name", t.style)} showFirstColumn="0" showLastColumn="0"` +
            ' showRowStripes="0" showColumnStripes="0"/></table>'
        )
      );
      const rId = `rId${sheetRels.length + 1}`;
      sheetRels.push(relationship(rId, REL_TYPE.table, `../tables/table${id}.xml`));
      return `<tablePart r:id="${rId}"/>`;
    });
    out.push(`<tableParts count="${parts.length}">${parts.join("")}</tableParts>`);
  }
  if (bars.length) {
    const rules = bars
      .map(
        ({ bar, id }) =>
          `<x14:conditionalFormatting xmlns:xm="${XM_NS}"><x14:cfRule type="dataBar" id="${id}">` +
          '<x14:dataBar minLength="0" maxLength="100" gradient="0">' +
          '<x14:cfvo type="num"><xm:f>0</xm:f></x14:cfvo><x14:cfvo type="num"><xm:f>1</xm:f></x14:cfvo>' +
          `</x14:dataBar></x14:cfRule><xm:sqref>${xmlText(bar.range)}</xm:sqref></x14:conditionalFormatting>`
      )
      .join("");
    out.push(
      `<extLst><ext uri="${X14_CONDITIONAL_FORMATS_EXT}" xmlns:x14="${X14_NS}">` +
        `<x14:conditionalFormattings>${rules}</x14:conditionalFormattings></ext></extLst>`
    );
  }
  out.push("</worksheet>");
  const sink = new ByteSink();
  out.forEach((piece, i) => {
    sink.push(piece);
    if (i + 1 === rowsAt) for (const row of rows) sink.push(row);
  });
  return sink.bytes();
}

/** The very hidden metadata sheet: key / value rows, all text. */
function metaSheetXml(model: WorkbookModel, strings: SharedStrings): string {
  const rows = metaSheetRows(model).map(
    ([k, v], i) =>
      `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${strings.id(k)}</v></c>` +
      `<c r="B${i + 1}" t="s"><v>${strings.id(v)}</v></c></row>`
  );
  return (
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<dimension ref="A1:B${Math.max(rows.length, 1)}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/><sheetData>${rows.join("")}</sheetData>` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
  );
}

const encoder = new TextEncoder();
function encode(s: string): Uint8Array {
  return encoder.encode(s);
}

/**
 * UTF-8 bytes gathered in chunks: a sheet of a large plan is tens of megabytes of XML, which as one
 * string would be flattened and then copied whole (most of the writer's garbage collection).
 */
class ByteSink {
  private buffer = new Uint8Array(1 << 16);
  private length = 0;
  private pending: string[] = [];
  private pendingLength = 0;

  push(s: string): void {
    this.pending.push(s);
    this.pendingLength += s.length;
    if (this.pendingLength > 1 << 15) this.flush();
  }

  private flush(): void {
    if (!this.pending.length) return;
    const s = this.pending.join("");
    this.pending = [];
    this.pendingLength = 0;
    // At most 3 bytes per UTF-16 unit.
    const needed = this.length + s.length * 3;
    if (needed > this.buffer.length) {
      const grown = new Uint8Array(Math.max(needed, this.buffer.length * 2));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.length += encoder.encodeInto(s, this.buffer.subarray(this.length)).written;
  }

  bytes(): Uint8Array {
    this.flush();
    return this.buffer.subarray(0, this.length);
  }
}

/**
 * Writes the model's parts into `zip`, in the order Excel writes them (content types first): the
 * generated sheets, then the very hidden metadata sheet. Each sheet goes to the zip as soon as it is
 * rendered, so that deflating it runs while the next one is rendered. `created` dates the document.
 */
export function renderWorkbook(model: WorkbookModel, zip: ZipWriter, created: Date): void {
  const sheets: Array<{ name: string; state: "visible" | "veryHidden" }> = [
    ...model.sheets.map((s) => ({ name: s.name, state: "visible" as const })),
    { name: META_SHEET, state: "veryHidden" },
  ];
  const sheetCount = sheets.length;
  const tableCount = model.sheets.reduce((n, s) => n + s.tables.length, 0);
  /** The numbers of the sheets with notes (each has its comments part). */
  const noted = model.sheets.flatMap((s, i) => (s.notes?.length ? [i + 1] : []));
  const charted = chartedSheets(model.sheets.map((sheet, i) => ({ sheet, file: i + 1 })));

  zip.add(
    "[Content_Types].xml",
    encode(
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        (noted.length ? `<Default Extension="vml" ContentType="${CONTENT_TYPE.vml}"/>` : "") +
        `<Override PartName="/xl/workbook.xml" ContentType="${CONTENT_TYPE.workbook}"/>` +
        sheets
          .map(
            (_, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CONTENT_TYPE.worksheet}"/>`
          )
          .join("") +
        Array.from(
          { length: tableCount },
          (_, t) =>
            `<Override PartName="/xl/tables/table${t + 1}.xml" ContentType="${CONTENT_TYPE.table}"/>`
        ).join("") +
        noted
          .map(
            (n) =>
              `<Override PartName="/xl/comments${n}.xml" ContentType="${CONTENT_TYPE.comments}"/>`
          )
          .join("") +
        chartContentTypes(charted) +
        `<Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPE.styles}"/>` +
        `<Override PartName="/xl/sharedStrings.xml" ContentType="${CONTENT_TYPE.sharedStrings}"/>` +
        `<Override PartName="/docProps/core.xml" ContentType="${CONTENT_TYPE.core}"/>` +
        `<Override PartName="/docProps/app.xml" ContentType="${CONTENT_TYPE.app}"/>` +
        "</Types>"
    )
  );
  zip.add(
    "_rels/.rels",
    encode(
      relationships([
        relationship("rId1", REL_TYPE.document, "xl/workbook.xml"),
        relationship("rId2", REL_TYPE.core, "docProps/core.xml"),
        relationship("rId3", REL_TYPE.app, "docProps/app.xml"),
      ])
    )
  );
  const when = `${created.toISOString().slice(0, 19)}Z`;
  const creator = `${model.meta.generator} ${model.meta.generatorVersion}`;
  zip.add(
    "docProps/core.xml",
    encode(
      `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"' +
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<dc:title>${xml(model.sheets[0]?.name ?? "CTG")}</dc:title><dc:creator>${xml(creator)}</dc:creator>` +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
        `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`
    )
  );
  zip.add(
    "docProps/app.xml",
    encode(
      `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
        `<Application>${xml(model.meta.generator)}</Application></Properties>`
    )
  );

  // Defined names: the model's, then each sheet's print area and titles (local to the sheet).
  const names = model.names.map(
    (n) => `<definedName${attr("name", n.name)}>${xmlText(n.ref)}</definedName>`
  );
  model.sheets.forEach((s, i) => {
    if (s.print.area)
      names.push(
        `<definedName name="_xlnm.Print_Area" localSheetId="${i}">${xmlText(
          `${quotedSheet(s.name)}!${absoluteCells(s.print.area)}`
        )}</definedName>`
      );
    if (s.print.repeatRows)
      names.push(
        `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlText(
          `${quotedSheet(s.name)}!${absoluteRows(s.print.repeatRows)}`
        )}</definedName>`
      );
  });
  zip.add(
    "xl/workbook.xml",
    encode(
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr/>` +
        '<bookViews><workbookView activeTab="0"/></bookViews><sheets>' +
        sheets
          .map(
            (s, i) =>
              `<sheet${attr("name", s.name)} sheetId="${i + 1}"` +
              `${s.state === "visible" ? "" : attr("state", s.state)} r:id="rId${i + 1}"/>`
          )
          .join("") +
        "</sheets>" +
        (names.length ? `<definedNames>${names.join("")}</definedNames>` : "") +
        '<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>'
    )
  );
  zip.add(
    "xl/_rels/workbook.xml.rels",
    encode(
      relationships([
        ...sheets.map((_, i) =>
          relationship(`rId${i + 1}`, REL_TYPE.worksheet, `worksheets/sheet${i + 1}.xml`)
        ),
        relationship(`rId${sheetCount + 1}`, REL_TYPE.styles, "styles.xml"),
        relationship(`rId${sheetCount + 2}`, REL_TYPE.sharedStrings, "sharedStrings.xml"),
      ])
    )
  );

  const styles = new Styles(model.styles);
  const strings = new SharedStrings();
  let tables = 0;
  const nextTable = () => ++tables;
  // Blocks of VML shape ids, 1 024 each: each sheet with notes takes the next ones.
  let shapeBlock = 1;
  model.sheets.forEach((sheet, i) => {
    const rels: SheetRels = { rels: [] };
    zip.add(
      `xl/worksheets/sheet${i + 1}.xml`,
      sheetXml(sheet, i, styles, strings, nextTable, zip, rels, shapeBlock)
    );
    shapeBlock += sheet.notes?.length ? Math.floor(sheet.notes.length / 1024) + 1 : 0;
    if (rels.rels.length)
      zip.add(`xl/worksheets/_rels/sheet${i + 1}.xml.rels`, encode(relationships(rels.rels)));
  });
  for (const parts of charted)
    for (const [name, xml] of chartParts(parts)) zip.add(name, encode(xml));
  zip.add(`xl/worksheets/sheet${sheetCount}.xml`, encode(metaSheetXml(model, strings)));
  zip.add("xl/styles.xml", encode(styles.xml()));
  zip.add("xl/sharedStrings.xml", strings.bytes());
}
