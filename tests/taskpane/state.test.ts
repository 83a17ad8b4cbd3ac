import { features, noHost } from "../../src/taskpane/requirements";
import { parseProgress, toDrafts, validateDrafts } from "../../src/taskpane/state/scheduleView";
import { checkView } from "../../src/taskpane/state/checkView";
import { planProblem } from "../../src/taskpane/state/planSource";
import { frenchMessage } from "../../src/taskpane/state/messages";
import { attempt } from "../../src/taskpane/state/outcome";
import { debounce } from "../../src/taskpane/state/debounce";
import { lazyService } from "../../src/taskpane/lazyService";
import { themeKind } from "../../src/taskpane/theme";
import { report, row, stubService } from "./stubService";

describe("requirement sets", () => {
  test("each feature with its set; missing ones explained in French", () => {
    const all = features(() => true);
    expect(Object.values(all).every((f) => f.available && f.reason === null)).toBe(true);
    const only18 = features((_, v) => v === "1.8");
    expect(only18.workbook.available).toBe(true);
    expect(only18.autoCheck).toEqual({
      available: false,
      reason: expect.stringContaining("ExcelApi 1.9"),
    });
    expect(only18.outline.reason).toContain("ExcelApi 1.10");
    const none = features(() => false);
    expect(none.workbook.reason).toContain("ExcelApi 1.8");
    expect(none.autoCheck).toEqual({ available: false, reason: null });
  });
  test("a check that throws counts as missing", () => {
    expect(
      features(() => {
        throw new Error("x");
      }).workbook.available
    ).toBe(false);
    expect(noHost("hors d'Excel").workbook).toEqual({ available: false, reason: "hors d'Excel" });
  });
});

describe("check view", () => {
  const r = report([
    row("Axe I", 5, "I.A.1-RES-1", "I.A.1", "Saisie invalide", {
      2025: ["x", "Saisie invalide", "illisible"],
    }),
    row("Axe I", 8, "I.B.1-RES-1", "I.B.1", "Saisie invalide"),
  ]);
  test("cells are 1-based with their A1 address; a row without an invalid year points at its status", () => {
    const view = checkView(r, null);
    expect(view.problemCount).toBe(2);
    const [axis] = view.axes;
    expect(axis?.title).toBe("Axe I");
    expect(axis?.actions.map((a) => [a.ref, a.title])).toEqual([
      ["I.A.1", null],
      ["I.B.1", null],
    ]);
    expect(axis?.actions[0]?.indicators[0]?.cells[0]).toMatchObject({
      row: 5,
      column: 22,
      address: "V5",
      label: "2025 : « x »",
    });
    expect(axis?.actions[1]?.indicators[0]?.cells[0]).toMatchObject({
      row: 8,
      column: 23,
      address: "W8",
      label: "la ligne",
    });
  });
  test("counts follow the statuses' order", () => {
    expect(checkView(r, null).counts.map((c) => [c.label, c.count])).toEqual([
      ["Atteint", 0],
      ["Non atteint", 0],
      ["En cours", 0],
      ["À renseigner", 0],
      ["Saisie invalide", 2],
      ["Qualitatif", 0],
    ]);
  });
});

describe("schedule drafts", () => {
  test("round trip and checks", () => {
    const drafts = toDrafts([
      {
        ref: "I.A.1",
        title: "t",
        phase: "Long terme",
        start: "2024-01-01",
        end: null,
        progress: 10,
      },
    ]);
    expect(validateDrafts(drafts)).toEqual({
      ok: true,
      rows: [
        {
          ref: "I.A.1",
          title: "t",
          phase: "Long terme",
          start: "2024-01-01",
          end: null,
          progress: 10,
        },
      ],
    });
    const [first] = drafts;
    if (!first) throw new Error("no draft");
    const bad = validateDrafts([
      { ...first, start: "2024-02-30", progress: "abc", phase: "Inconnue" },
    ]);
    expect(bad).toEqual({
      ok: false,
      problems: [
        "I.A.1 : la date de début n'est pas une date valide (AAAA-MM-JJ).",
        "I.A.1 : l'avancement doit être un nombre entre 0 et 100.",
      ],
    });
  });
  test("progress in French notation", () => {
    expect(parseProgress("45,5 %")).toBe(45.5);
    expect(parseProgress(" ")).toBeNull();
    expect(parseProgress("-3")).toBeNaN();
  });
});

describe("messages and outcomes", () => {
  test("plan problems keep their JSON path apart", () => {
    expect(
      planProblem({
        code: "plan.schema_problem",
        params: { path: "axes[0].title", detail: "trop court" },
      })
    ).toEqual({
      path: "axes[0].title",
      text: "Trop court",
    });
    expect(planProblem({ code: "plan.json_truncated", params: {} }).text).toMatch(
      /^Le fichier n'est pas du JSON valide/
    );
  });
  test("an unknown code is a French notice, not a crash", () => {
    expect(frenchMessage({ code: "nope.nothing", params: {} })).toContain(
      "référence interne : nope.nothing"
    );
  });
  test("attempt turns a rejection into a generic French sentence", async () => {
    const spy = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const result = await attempt(() => Promise.reject(new Error("boom")));
      expect(result).toEqual({
        ok: false,
        messages: [expect.stringMatching(/^L'opération a échoué/)],
      });
    } finally {
      spy.mockRestore();
    }
  });
});

test("debounce runs once after the last call, and can be cancelled", () => {
  jest.useFakeTimers();
  try {
    const fn = jest.fn();
    const d = debounce(fn, 800);
    d();
    jest.advanceTimersByTime(500);
    d();
    jest.advanceTimersByTime(799);
    expect(fn).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    d();
    d.cancel();
    jest.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
  } finally {
    jest.useRealTimers();
  }
});

test("the lazy service loads its implementation once, on first use, and retries after a failure", async () => {
  const stub = stubService();
  let loads = 0;
  let failNext = true;
  const service = lazyService(async () => {
    loads++;
    if (failNext) {
      failNext = false;
      throw new Error("chunk");
    }
    return stub;
  });
  expect(loads).toBe(0);
  await expect(service.check()).rejects.toThrow("chunk");
  await service.select("Axe I", 5, 19);
  await service.refresh();
  expect(loads).toBe(2);
  expect(stub.calls.select).toEqual([["Axe I", 5, 19]]);
});

test("theme from the Office body background", () => {
  expect(themeKind("#1F1F1F")).toBe("dark");
  expect(themeKind("#FFFFFF")).toBe("light");
  expect(themeKind(undefined)).toBe("light");
  expect(themeKind("n'importe quoi")).toBe("light");
});
