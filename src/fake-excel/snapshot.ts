/** A plain, serialisable snapshot of the fake's workbook (dense grids from A1), for tests and toXlsx. */
import { localAddress, type Rect } from "./address";
import {
  keyCol,
  keyRow,
  type CellState,
  type ChartState,
  type ConditionalFormatState,
  type TableState,
  type ValidationState,
  type WorkbookState,
} from "./state";

export interface SnapshotSheet {
  readonly name: string;
  readonly visibility: "Visible" | "Hidden" | "VeryHidden";
  readonly tabColor: string;
  /** Dense grid from A1 over the used cells: `cells[row][col]`, null where nothing was ever set. */
  readonly cells: ReadonlyArray<ReadonlyArray<CellState | null>>;
  readonly columns: ReadonlyArray<{
    readonly index: number;
    readonly width?: number;
    readonly hidden?: boolean;
    readonly outlineLevel?: number;
  }>;
  readonly rowHeights: Readonly<Record<number, number>>;
  readonly tables: readonly (TableState & { readonly address: string })[];
  readonly validations: readonly (ValidationState & { readonly address: string })[];
  readonly conditionalFormats: readonly (ConditionalFormatState & { readonly address: string })[];
  /** Charts, with the A1 address of their source block. */
  readonly charts: readonly (ChartState & { readonly address: string })[];
  readonly protection: {
    readonly protected: boolean;
    readonly options: Readonly<Record<string, boolean>>;
  };
  readonly frozen: { readonly rows: number; readonly columns: number } | null;
  readonly print: {
    readonly orientation: "Portrait" | "Landscape" | null;
    readonly fitToWidth: boolean;
    readonly titleRows: string | null;
    readonly paperSize?: string;
    readonly margins?: Readonly<Record<string, number>>;
    readonly area?: string;
    readonly rowBreaks?: readonly number[];
  };
}

export interface FakeSnapshot {
  readonly sheets: readonly SnapshotSheet[];
  readonly names: ReadonlyArray<{ readonly name: string; readonly formula: string }>;
  readonly customXmlParts: ReadonlyArray<{ readonly namespaceUri: string; readonly xml: string }>;
  readonly calculationMode: string;
  readonly activeSheet: string | null;
}

const addr = (rect: Rect) => localAddress(rect);

export function snapshot(state: WorkbookState): FakeSnapshot {
  const sheets = state.sheets.filter((s) => !s.deleted);
  return {
    sheets: sheets.map((s) => {
      let rows = 0;
      let cols = 0;
      for (const key of s.cells.keys()) {
        rows = Math.max(rows, keyRow(key) + 1);
        cols = Math.max(cols, keyCol(key) + 1);
      }
      const cells: Array<Array<CellState | null>> = Array.from({ length: rows }, () =>
        new Array<CellState | null>(cols).fill(null)
      );
      for (const [key, cell] of s.cells) {
        const line = cells[keyRow(key)];
        if (line) line[keyCol(key)] = { ...cell };
      }
      return {
        name: s.name,
        visibility: s.visibility,
        tabColor: s.tabColor,
        cells,
        columns: [...s.columns.entries()]
          .sort((a, b) => a[0] - b[0])
          .map(([index, c]) => ({ index, ...c })),
        rowHeights: Object.fromEntries(
          [...s.rows.entries()]
            .filter(([, r]) => r.height !== undefined)
            .map(([i, r]) => [i, r.height as number])
        ),
        tables: s.tables.map((t) => ({ ...t, address: addr(t.rect) })),
        validations: s.validations.map((v) => ({ ...v, address: addr(v.rect) })),
        conditionalFormats: s.conditionalFormats.map((c) => ({ ...c, address: addr(c.rect) })),
        charts: s.charts.map((c) => ({
          ...(JSON.parse(JSON.stringify(c)) as ChartState),
          address: addr(c.source),
        })),
        protection: { protected: s.protection.protected, options: { ...s.protection.options } },
        frozen: s.frozen,
        print: { ...s.print, ...(s.print.rowBreaks ? { rowBreaks: [...s.print.rowBreaks] } : {}) },
      };
    }),
    names: state.names.map((n) => ({ name: n.name, formula: n.formula })),
    customXmlParts: state.customXmlParts.map((p) => ({ namespaceUri: p.namespaceUri, xml: p.xml })),
    calculationMode: state.calculationMode,
    activeSheet: sheets.find((s) => s.id === state.activeSheetId)?.name ?? null,
  };
}
