/**
 * Native charts rendered by the add-in (src/office/render.ts) on the emulated host, through
 * Microsoft's Office.js client, on the API-set profiles of real Excel versions.
 */
import type { Cell, ChartModel, SheetModel, WorkbookModel } from "../../src/domain/workbook/model";
import { snapshot } from "../../src/fake-excel";
import { renderWorkbook } from "../../src/office/render";
import { widthToPoints } from "../../src/office/cells";
import type { RequestContextLike } from "../../src/office/excelApi";
import {
  createOfficeJsHost,
  excelMemberSets,
  PROFILES,
  type OfficeJsHost,
} from "../support/officeJs";
import { defaultPlan, modelOf, setup } from "./helpers";

jest.setTimeout(300_000);

const plan = defaultPlan();
const SHEET = "Essai graphiques";

const text = (t: string): Cell => ({ value: { kind: "text", text: t }, style: "header" });
const num = (v: number, format?: Cell["format"]): Cell => ({
  value: { kind: "number", value: v },
  format,
});

const CHARTS: readonly ChartModel[] = [
  {
    name: "StatutsParAxe",
    title: "Cibles par statut et par axe",
    type: "BarStacked",
    source: "A1:D4",
    colors: ["2E7D32", "F9A825", "C62828"],
    from: { row: 0, col: 6 },
    to: { row: 15, col: 13 },
  },
  {
    name: "TauxRenseignement",
    title: "Taux de renseignement par année",
    type: "Line",
    source: "A7:B10",
    colors: ["1F4E79"],
    percent: true,
    from: { row: 16, col: 6 },
    to: { row: 31, col: 13 },
  },
];

/** A sheet of two blocks (statuses per axis, a rate per year) and their charts, protected. */
function chartSheet(): SheetModel {
  const cells: Array<Array<Cell | null>> = [
    [text("Axe"), text("Atteinte"), text("En cours"), text("Non atteinte")],
    [text("Axe I"), num(4), num(2), num(1)],
    [text("Axe II"), num(3), num(3), num(0)],
    [text("Axe III"), num(1), num(5), num(2)],
    [],
    [],
    [text("Année"), text("Taux")],
    [text("2021"), num(0.5, "percent")],
    [text("2022"), num(0.75, "percent")],
    [text("2023"), num(0.25, "percent")],
  ];
  return {
    name: SHEET,
    cells,
    columns: [{ width: 20 }, { width: 12 }, { width: 12 }, { width: 12 }],
    rowHeights: { 0: 30 },
    tables: [],
    validations: [],
    conditionalFormats: [],
    dataBars: [],
    frozen: null,
    protection: {
      enabled: true,
      allowFormatColumns: true,
      allowSort: false,
      allowAutoFilter: false,
    },
    print: { orientation: "landscape", fitToWidth: true, repeatRows: null },
    tabColor: null,
    charts: CHARTS,
  };
}

function modelWithCharts(): WorkbookModel {
  const base = modelOf(plan);
  return { ...base, sheets: [...base.sheets, chartSheet()] };
}

async function render(host: OfficeJsHost, model: WorkbookModel): Promise<number> {
  const report = await host.Excel.run((ctx: RequestContextLike) =>
    renderWorkbook(ctx, model, () => undefined, {
      printSetup: host.isSetSupported("ExcelApi", "1.9"),
      outline: host.isSetSupported("ExcelApi", "1.10"),
    })
  );
  return report.syncs;
}

function liveSheet(host: OfficeJsHost, name: string) {
  const sheet = host.fake.state.sheets.find((s) => s.name === name && !s.deleted);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** Every chart of every sheet of the workbook, as the emulator holds it. */
function allCharts(host: OfficeJsHost) {
  return snapshot(host.fake.state).sheets.flatMap((s) =>
    s.charts.map((c) => ({ sheet: s.name, ...c }))
  );
}

describe.each(PROFILES)("charts on the %s profile, through Microsoft's client", (profile) => {
  it("renders the model's charts: type, source, title, frame, colours, legend, percent axis", async () => {
    const host = createOfficeJsHost(profile);
    try {
      await render(host, modelWithCharts());
      const sheet = liveSheet(host, SHEET);
      expect(sheet.protection.protected).toBe(true);
      const charts = snapshot(host.fake.state).sheets.find((s) => s.name === SHEET)?.charts ?? [];
      expect(charts.map((c) => [c.name, c.type, c.address, c.seriesBy])).toEqual([
        ["StatutsParAxe", "BarStacked", "A1:D4", "Columns"],
        ["TauxRenseignement", "Line", "A7:B10", "Columns"],
      ]);
      const [statuses, rate] = charts;
      if (!statuses || !rate) throw new Error("charts missing");
      expect(statuses.title).toEqual({ text: "Cibles par statut et par axe", visible: true });
      // Series in columns: names from the first row, colours in the model's order (filled bars;
      // a line chart's line).
      expect(statuses.series.map((s) => [s.name, s.fill, s.line])).toEqual([
        ["Atteinte", "#2E7D32", null],
        ["En cours", "#F9A825", null],
        ["Non atteinte", "#C62828", null],
      ]);
      expect(rate.series.map((s) => [s.name, s.fill, s.line])).toEqual([["Taux", null, "#1F4E79"]]);
      expect(statuses.legend).toEqual({ position: "Bottom", visible: true });
      // The frame: from its top-left cell to the cell just past it (the model's `to`).
      expect(statuses.anchor).toEqual({ from: { row: 0, col: 6 }, to: { row: 15, col: 13 } });
      expect(rate.anchor).toEqual({ from: { row: 16, col: 6 }, to: { row: 31, col: 13 } });
      // In points, from the column widths and row heights the adapter set before.
      const before = [20, 12, 12, 12].reduce((sum, w) => sum + widthToPoints(w), 0) + 2 * 48;
      expect(statuses.left).toBeCloseTo(before, 5);
      expect(statuses.top).toBe(0);
      expect(statuses.width).toBeCloseTo(7 * 48, 5);
      expect(statuses.height).toBe(30 + 14 * 15);
      expect(rate.top).toBe(30 + 15 * 15);
      // Percent: the value axis from 0 to 100 %; the other keeps Excel's automatic axis.
      expect(rate.valueAxis).toEqual({ numberFormat: "0 %", minimum: 0, maximum: 1 });
      expect(statuses.valueAxis).toEqual({ numberFormat: "General", minimum: null, maximum: null });
    } finally {
      host.close();
    }
  });

  it("reads the charts back through the client (names, types, titles, series, axis)", async () => {
    const host = createOfficeJsHost(profile);
    try {
      await render(host, modelWithCharts());
      const read = await host.Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(SHEET);
        const charts = ws.charts.load("items/name,items/chartType");
        const count = ws.charts.getCount();
        const rate = ws.charts.getItem("TauxRenseignement");
        rate.load("name,top,left,width,height");
        const title = rate.title;
        const axis = rate.axes.valueAxis;
        const legend = rate.legend;
        const series = rate.series.load("items/name");
        const seriesCount = rate.series.getCount();
        const missing = ws.charts.getItemOrNullObject("Absent").load("name");
        // Loads of sub-objects go through the client's own load paths.
        (title as unknown as { load(p: string): void }).load("text,visible");
        (axis as unknown as { load(p: string): void }).load("numberFormat,minimum,maximum");
        (legend as unknown as { load(p: string): void }).load("position,visible");
        await ctx.sync();
        return {
          charts: charts.items.map((c) => [c.name, c.chartType]),
          count: count.value,
          rate: [rate.name, rate.width > 0, rate.height > 0],
          title: [title.text, title.visible],
          axis: [axis.numberFormat, axis.minimum, axis.maximum],
          legend: [legend.position, legend.visible],
          series: series.items.map((s) => s.name),
          seriesCount: seriesCount.value,
          missing: missing.isNullObject,
        };
      });
      expect(read).toEqual({
        charts: [
          ["StatutsParAxe", "BarStacked"],
          ["TauxRenseignement", "Line"],
        ],
        count: 2,
        rate: ["TauxRenseignement", true, true],
        title: ["Taux de renseignement par année", true],
        axis: ["0 %", 0, 1],
        legend: ["Bottom", true],
        series: ["Taux"],
        seriesCount: 1,
        missing: true,
      });
    } finally {
      host.close();
    }
  });

  it("does not duplicate the charts when the workbook is generated again", async () => {
    const host = createOfficeJsHost(profile);
    try {
      const model = modelWithCharts();
      await render(host, model);
      const once = allCharts(host).map((c) => `${c.sheet}/${c.name}`);
      await render(host, model);
      const twice = allCharts(host).map((c) => `${c.sheet}/${c.name}`);
      expect(twice).toEqual(once);
      expect(twice.filter((n) => n.startsWith(`${SHEET}/`))).toHaveLength(CHARTS.length);
      // The old sheets (and their charts) are gone: none is left aside.
      expect(host.fake.state.sheets.filter((s) => !s.deleted && s.name.startsWith("~"))).toEqual(
        []
      );
    } finally {
      host.close();
    }
  });

  it("adds no round trip: the charts ride in the requests of their sheet", async () => {
    const model = modelWithCharts();
    const small: WorkbookModel = { ...model, sheets: [chartSheet()], names: [] };
    const bodies: number[][] = [];
    const syncs: number[] = [];
    for (const m of [model, small]) {
      for (const charts of [CHARTS, []]) {
        const host = createOfficeJsHost(profile);
        try {
          syncs.push(await render(host, { ...m, sheets: m.sheets.map((s) => ({ ...s, charts })) }));
          bodies.push(host.emulator.requests.map((r) => r.request));
        } finally {
          host.close();
        }
      }
    }
    // The built workbook with the chart sheet, with and without its charts: as many round trips.
    expect(syncs[0]).toBe(syncs[1]);
    expect(syncs[2]).toBe(syncs[3]);
    // What the two charts (four series) cost in the real bodies: under COST.chart and
    // COST.chartSeries of render.ts, which the batcher counts.
    const total = (b: number[] | undefined) => (b ?? []).reduce((t, x) => t + x, 0);
    const extra = total(bodies[2]) - total(bodies[3]);
    expect(extra).toBeGreaterThan(0);
    expect(extra).toBeLessThan(2 * 4_000 + 4 * 800);
  });

  it("renders every chart of the built workbook through the service, once after a regeneration", async () => {
    const { fake, service, host } = setup({}, {}, profile);
    try {
      const model = modelOf(plan);
      const expected = model.sheets.flatMap((s) =>
        (s.charts ?? []).map(
          (c) => `${s.name}/${c.name}/${c.type}/${c.source}/${c.colors.map((x) => `#${x}`).join()}`
        )
      );
      const charts = () =>
        snapshot(fake.state).sheets.flatMap((s) =>
          s.charts.map(
            (c) =>
              `${s.name}/${c.name}/${c.type}/${c.address}/${c.series.map((x) => x.fill ?? x.line).join()}`
          )
        );
      // The Tableau de bord's charts (issue 13), once it is built.
      expect(expected.length).toBeGreaterThanOrEqual(5);
      const generated = await service.generate(plan, () => undefined);
      expect(generated.ok).toBe(true);
      expect(charts()).toEqual(expected);
      const again = await service.generate(plan, () => undefined);
      expect(again.ok).toBe(true);
      expect(charts()).toEqual(expected);
      // The dashboard prints block by block: its page breaks, where the host has page layout (1.9).
      const breaks = model.sheets.find((s) => s.name === "Tableau de bord")?.print.rowBreaks;
      expect(breaks?.length).toBeGreaterThan(0);
      const printed = snapshot(fake.state).sheets.find((s) => s.name === "Tableau de bord")?.print;
      expect(printed?.rowBreaks).toEqual(
        host?.isSetSupported("ExcelApi", "1.9") ? breaks : undefined
      );
    } finally {
      host?.close();
    }
  });
});

describe("chart members and requirement sets", () => {
  it("uses only members that every tested profile has (Excel 2019, ExcelApi 1.8, and newer)", () => {
    // The members render.ts calls, with the set the client library declares for each (none: 1.1).
    const used = [
      "Worksheet.charts",
      "ChartCollection.add",
      "Chart.name",
      "Chart.title",
      "Chart.setPosition",
      "Chart.series",
      "Chart.legend",
      "Chart.axes",
      "ChartTitle.text",
      "ChartTitle.visible",
      "ChartSeriesCollection.getItemAt",
      "ChartSeries.format",
      "ChartSeriesFormat.fill",
      "ChartSeriesFormat.line",
      "ChartFill.setSolidColor",
      "ChartLineFormat.color",
      "ChartLegend.position",
      "ChartLegend.visible",
      "ChartAxes.valueAxis",
      "ChartAxis.numberFormat",
      "ChartAxis.minimum",
      "ChartAxis.maximum",
    ];
    const sets = excelMemberSets();
    const needs = Object.fromEntries(
      used.map((m) => [m, sets.get(m) ? `${sets.get(m)?.set} ${sets.get(m)?.version}` : "1.1"])
    );
    expect(needs["ChartAxis.numberFormat"]).toBe("ExcelApi 1.8");
    const lowest = createOfficeJsHost("ExcelApi 1.8");
    try {
      for (const m of used) {
        const need = sets.get(m);
        expect({ m, ok: need ? lowest.isSetSupported(need.set, need.version) : true }).toEqual({
          m,
          ok: true,
        });
      }
    } finally {
      lowest.close();
    }
  });

  it("the host refuses a chart member above its requirement sets (ApiNotFound), as Excel does", async () => {
    const host = createOfficeJsHost("ExcelApi 1.8");
    try {
      await render(host, modelWithCharts());
      // Chart.activate is ExcelApi 1.9: Excel 2019 does not know it.
      const outcome = await host.Excel.run(async (ctx) => {
        const chart = ctx.workbook.worksheets.getItem(SHEET).charts.getItem("StatutsParAxe");
        (chart as unknown as { activate(): void }).activate();
        try {
          await ctx.sync();
          return "done";
        } catch (e) {
          return (e as { code?: string }).code ?? String(e);
        }
      });
      expect(outcome).toBe("ApiNotFound");
    } finally {
      host.close();
    }
  });
});
