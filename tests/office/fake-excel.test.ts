import { createFakeExcel, FakeOfficeError, snapshot } from "../../src/fake-excel";

/** The fake behaves like Office.js where it matters: queued calls, load before read, errors at sync. */

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FakeOfficeError) return e.code;
    throw e;
  }
  return "no error";
}

describe("the fake Excel", () => {
  it("throws PropertyNotLoaded when a property is read before load and sync", async () => {
    const { Excel } = createFakeExcel();
    await Excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Feuil1").getRange("A1:B2");
      expect(() => range.values).toThrow(/The property 'values' is not available/);
      range.load("values");
      expect(() => range.values).toThrow(/call the load method/);
      await ctx.sync();
      expect(range.values).toEqual([
        ["", ""],
        ["", ""],
      ]);
      expect(() => range.address).toThrow(/'address'/);
      const sheets = ctx.workbook.worksheets;
      expect(() => sheets.items).toThrow(/'items'/);
      sheets.load("items/name");
      await ctx.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["Feuil1"]);
    });
  });

  it("queues writes: the workbook changes only at sync", async () => {
    const fake = createFakeExcel();
    await fake.Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Feuil1");
      ws.getRange("A1:B1").values = [[1, "deux"]];
      ws.getRange("C1").formulas = [["=A1*2"]];
      expect(fake.state.sheets[0]?.cells.size).toBe(0);
      await ctx.sync();
      const cells = snapshot(fake.state).sheets[0]?.cells[0] ?? [];
      expect(cells.map((c) => c?.value ?? c?.formula)).toEqual([1, "deux", "=A1*2"]);
      const read = ws.getRange("A1:C1").load("values,formulas");
      await ctx.sync();
      // Formulas are stored, not computed: a formula cell reads "" through values.
      expect(read.values).toEqual([[1, "deux", ""]]);
      expect(read.formulas).toEqual([[1, "deux", "=A1*2"]]);
    });
  });

  it("reads a string starting with = (or +, -, @) as a formula, and a quote-prefixed one as text", async () => {
    const fake = createFakeExcel();
    await fake.Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Feuil1");
      ws.getRange("A1:F1").values = [
        ["=1+1", "'=1+1", "12", "'12", "+ de partenaires", "'-à revoir"],
      ];
      ws.getRange("A2").numberFormat = [["@"]];
      ws.getRange("A2").values = [["=texte"]];
      const read = ws.getRange("A1:F2").load("values,formulas");
      await ctx.sync();
      expect(read.formulas[0]).toEqual([
        "=1+1",
        "=1+1",
        12,
        "12",
        "=+ de partenaires",
        "-à revoir",
      ]);
      expect(read.values[0]).toEqual(["", "=1+1", 12, "12", "", "-à revoir"]);
      expect(read.values[1]?.[0]).toBe("=texte");
      const cell = fake.state.sheets[0]?.cells;
      expect([...(cell?.values() ?? [])].filter((c) => c.formula !== null)).toHaveLength(2);
    });
  });

  it("throws InvalidArgument at sync for a values array of the wrong shape or not rectangular", async () => {
    const { Excel } = createFakeExcel();
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Feuil1");
      ws.getRange("A1:B2").values = [[1, 2]];
      expect(await codeOf(ctx.sync())).toBe("InvalidArgument");
      ws.getRange("A1:B2").values = [[1, 2], [3]];
      expect(await codeOf(ctx.sync())).toBe("InvalidArgument");
      ws.getRange("A1").format.font.underline = "oui";
      expect(await codeOf(ctx.sync())).toBe("InvalidArgument");
      ws.getRange("A1").format.fill.color = "jaune pâle";
      expect(await codeOf(ctx.sync())).toBe("InvalidArgument");
      ws.getRange("A1").dataValidation.prompt = {
        showPrompt: true,
        title: "x".repeat(40),
        message: "",
      };
      expect(await codeOf(ctx.sync())).toBe("InvalidArgument");
      ws.getRange("A1").values = [["=SUM(A2"]];
      expect(await codeOf(ctx.sync())).toBe("InvalidArgument");
    });
  });

  it("throws ItemNotFound, ItemAlreadyExists and InvalidOperation like Office.js", async () => {
    const { Excel } = createFakeExcel();
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Nope");
      expect(await codeOf(ctx.sync())).toBe("ItemNotFound");
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope");
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      ctx.workbook.worksheets.add("Axe I");
      await ctx.sync();
      ctx.workbook.worksheets.add("axe i");
      expect(await codeOf(ctx.sync())).toBe("ItemAlreadyExists");
      const ws = ctx.workbook.worksheets.getItem("Axe I");
      ws.getRange("A1:B1").values = [["a", "b"]];
      ws.tables.add("A1:B2", true).name = "T";
      ctx.workbook.worksheets.getItem("Feuil1").tables.add("A1:B2", true).name = "t";
      expect(await codeOf(ctx.sync())).toBe("ItemAlreadyExists");
      ctx.workbook.worksheets.getItem("Feuil1").delete();
      await ctx.sync();
      ctx.workbook.worksheets.getItem("Axe I").delete();
      expect(await codeOf(ctx.sync())).toBe("InvalidOperation");
      ctx.workbook.worksheets.add("a/b");
      expect(await codeOf(ctx.sync())).toBe("InvalidArgument");
    });
  });

  it("refuses to delete a very hidden sheet until its visibility is changed, as Office.js does", async () => {
    const { Excel, state } = createFakeExcel();
    await Excel.run(async (ctx) => {
      const meta = ctx.workbook.worksheets.add("CTG_meta");
      meta.visibility = "VeryHidden";
      await ctx.sync();
      ctx.workbook.worksheets.getItem("CTG_meta").delete();
      expect(await codeOf(ctx.sync())).toBe("InvalidOperation");
      expect(snapshot(state).sheets.map((s) => s.name)).toContain("CTG_meta");
      const again = ctx.workbook.worksheets.getItem("CTG_meta");
      again.visibility = "Hidden";
      again.delete();
      await ctx.sync();
      expect(snapshot(state).sheets.map((s) => s.name)).not.toContain("CTG_meta");
    });
  });

  it("refuses writes to locked cells of a protected sheet, accepts unlocked ones", async () => {
    const { Excel } = createFakeExcel();
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Feuil1");
      ws.getRange("B2").format.protection.locked = false;
      ws.protection.protect({ allowFormatColumns: true });
      await ctx.sync();
      ws.getRange("B2").values = [[5]];
      await ctx.sync();
      ws.getRange("A1").values = [[5]];
      expect(await codeOf(ctx.sync())).toBe("AccessDenied");
      ws.protection.protect();
      expect(await codeOf(ctx.sync())).toBe("InvalidOperation");
    });
  });

  it("refuses a request above the payload limit, before running any of it", async () => {
    const fake = createFakeExcel({ payloadLimitBytes: 10_000 });
    await fake.Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Feuil1");
      ws.getRange("A1:A100").values = Array.from({ length: 100 }, () => ["x".repeat(200)]);
      expect(await codeOf(ctx.sync())).toBe("RequestPayloadSizeLimitExceeded");
      expect(fake.state.sheets[0]?.cells.size).toBe(0);
    });
  });

  it("counts round trips, request bytes and operations", async () => {
    const fake = createFakeExcel();
    await fake.Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Feuil1");
      ws.getRange("A1").values = [["bonjour"]];
      await ctx.sync();
      ws.getRange("A2").values = [["encore"]];
      // Excel.run syncs what is left at the end.
    });
    expect(fake.stats.syncs).toBe(2);
    expect(fake.stats.requests[0]?.operations).toBe(3);
    expect(fake.stats.maxRequestBytes).toBeGreaterThan(20);
    expect(fake.stats.totalRequestBytes).toBeGreaterThan(fake.stats.maxRequestBytes);
  });

  it("applies borders by edge like Excel (EdgeTop only on the top row)", async () => {
    const fake = createFakeExcel();
    await fake.Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Feuil1").getRange("A1:B2");
      r.format.borders.getItem("EdgeTop").style = "Continuous";
      await ctx.sync();
    });
    const cells = snapshot(fake.state).sheets[0]?.cells ?? [];
    expect(cells[0]?.[0]?.format.borderTop?.style).toBe("Continuous");
    expect(cells[1]?.[0]?.format.borderTop ?? null).toBeNull();
  });

  it("keeps custom XML parts by namespace and freezes panes", async () => {
    const { Excel } = createFakeExcel();
    await Excel.run(async (ctx) => {
      ctx.workbook.customXmlParts.add('<m xmlns="urn:x"><a>1</a></m>');
      const part = ctx.workbook.customXmlParts.getByNamespace("urn:x").getOnlyItemOrNullObject();
      await ctx.sync();
      const xml = part.getXml();
      expect(() => xml.value).toThrow(/has not been loaded/);
      await ctx.sync();
      expect(xml.value).toContain("<a>1</a>");
      const ws = ctx.workbook.worksheets.getItem("Feuil1");
      ws.freezePanes.freezeAt(ws.getRange("A1:C4"));
      const at = ws.freezePanes.getLocationOrNullObject().load("address");
      await ctx.sync();
      expect(at.address).toBe("Feuil1!A1:C4");
    });
  });
});
