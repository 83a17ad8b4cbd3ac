import { frenchDate, frenchNumber } from "../../src/taskpane/state/display";
import { features, noHost } from "../../src/taskpane/requirements";
import { parseProgress, toDrafts, validateDrafts } from "../../src/taskpane/state/scheduleView";
import { checkView } from "../../src/taskpane/state/checkView";
import { planProblem } from "../../src/taskpane/state/planSource";
import { frenchMessage } from "../../src/taskpane/state/messages";
import { attempt } from "../../src/taskpane/state/outcome";
import { debounce } from "../../src/taskpane/state/debounce";
import { lazyService } from "../../src/taskpane/lazyService";
import { themeKind } from "../../src/taskpane/theme";
import {
  canImport,
  chooseAll,
  choiceOf,
  choicesMap,
  entryText,
  fileReportView,
  filterPartners,
  isWorkbookFile,
  partnerOptions,
  refusedFiles,
  searchWords,
  selectionInOrder,
  setChoice,
  takenCount,
  toggleSelected,
  visiblePartners,
} from "../../src/taskpane/state/partnersView";
import { readFileBytes } from "../../src/taskpane/files";
import type { ImportConflict } from "../../src/app/port";
import { fileReport, partnerFile, report, row, stubService } from "./stubService";

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
    // @ts-expect-error an unknown code does not compile: simulated here (a code from elsewhere)
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

test("the lazy service passes the partner calls on, and knows whether workbooks open once loaded", async () => {
  const stub = stubService();
  stub.canOpen = true;
  const service = lazyService(async () => stub);
  expect(service.canOpenWorkbooks()).toBe(false);
  const prepared = await service.preparePartners({} as never, ["CAF"]);
  expect(prepared.ok).toBe(true);
  expect(service.canOpenWorkbooks()).toBe(true);
  const file = { name: "retour.xlsx", bytes: new Uint8Array([1]) };
  await service.previewImport({} as never, [file]);
  await service.applyImport({} as never, [file], new Map([["c1", "return"]]));
  await service.openPartnerFile(partnerFile("p", "CAF"));
  expect(stub.calls.preparePartners.map((c) => c.partners)).toEqual([["CAF"]]);
  expect(stub.calls.previewImport[0]?.files).toEqual([file]);
  expect([...(stub.calls.applyImport[0]?.choices ?? [])]).toEqual([["c1", "return"]]);
  expect(stub.calls.openPartnerFile[0]?.partner).toBe("CAF");
});

describe("partners view", () => {
  const options = partnerOptions([
    { name: "CAF", actions: ["I.A.1", "I.A.2", "II.B.1"], variants: [] },
    { name: "Communauté de communes", actions: ["I.A.1", "III.A.2"], variants: [] },
    { name: "Accueils périscolaires", actions: ["II.A.1"], variants: [] },
    { name: "Caf12", actions: ["IV.A.1"], variants: [] },
    { name: "Centre social et culturel", actions: ["I.B.1"], variants: [] },
  ]);
  const names = (query: string): string[] => filterPartners(options, query).map((o) => o.name);

  test("each name with its number of actions", () => {
    expect(options.map((o) => [o.name, o.actions])).toEqual([
      ["CAF", 3],
      ["Communauté de communes", 2],
      ["Accueils périscolaires", 1],
      ["Caf12", 1],
      ["Centre social et culturel", 1],
    ]);
  });
  test("a search matches the starts of words, without case nor accents, in the directory's order", () => {
    expect(names("")).toEqual(options.map((o) => o.name));
    expect(names("   ")).toHaveLength(5);
    expect(names("caf")).toEqual(["CAF", "Caf12"]);
    expect(names("COMMUNAUTE")).toEqual(["Communauté de communes"]);
    expect(names("périsco")).toEqual(["Accueils périscolaires"]);
    expect(names("PERISCOLAIRES accueils")).toEqual(["Accueils périscolaires"]);
    expect(names("social culturel")).toEqual(["Centre social et culturel"]);
    expect(names("la caf")).toEqual(["CAF", "Caf12"]);
    expect(names("caf 12")).toEqual(["Caf12"]);
    expect(names("mairie")).toEqual([]);
    expect(searchWords("L'Été des Communes")).toEqual(["ete", "communes"]);
  });
  test("the list shows the most cited first, the others on demand", () => {
    expect(visiblePartners(options, false, 2)).toEqual({ shown: options.slice(0, 2), hidden: 3 });
    expect(visiblePartners(options, true, 2)).toEqual({ shown: options, hidden: 0 });
    expect(visiblePartners(options, false)).toEqual({ shown: options, hidden: 0 });
  });
  test("the selection: checked and unchecked, without duplicates, in the directory's order", () => {
    let selected = toggleSelected([], "Caf12", true);
    selected = toggleSelected(selected, "CAF", true);
    selected = toggleSelected(selected, "CAF", true);
    expect(selected).toEqual(["Caf12", "CAF"]);
    expect(selectionInOrder(options, [...selected, "Inconnu"])).toEqual(["CAF", "Caf12"]);
    expect(toggleSelected(selected, "Caf12", false)).toEqual(["CAF"]);
  });
  test("entries are shown the French way", () => {
    expect(entryText(1250.5)).toBe("1\u202f250,5");
    expect(entryText(12)).toBe("12");
    expect(entryText(true)).toBe("VRAI");
    expect(entryText(false)).toBe("FAUX");
    expect(entryText("  ")).toBe("(vide)");
    expect(entryText("douze")).toBe("douze");
  });

  const conflict = (id: string): ImportConflict => ({
    id,
    file: "retour-caf.xlsx",
    partner: "CAF",
    sheet: "Axe I",
    key: "I.A.1-RES-1",
    label: "Nombre d'enfants accueillis",
    column: "2023",
    kind: "conflict",
    sentValue: null,
    masterValue: 12,
    returnedValue: 14,
  });
  test("conflict choices: the workbook's value unless chosen otherwise; every conflict in the map", () => {
    const conflicts = [conflict("a"), conflict("b"), conflict("c")];
    let choices = setChoice({}, "b", "return");
    expect(choiceOf(choices, "a")).toBe("master");
    expect(takenCount(conflicts, choices)).toBe(1);
    expect([...choicesMap(conflicts, choices)]).toEqual([
      ["a", "master"],
      ["b", "return"],
      ["c", "master"],
    ]);
    choices = chooseAll(conflicts, "return");
    expect(takenCount(conflicts, choices)).toBe(3);
    choices = setChoice(choices, "c", "master");
    expect([...choicesMap(conflicts, choices).values()]).toEqual(["return", "return", "master"]);
    expect(takenCount(conflicts, chooseAll(conflicts, "master"))).toBe(0);
  });
  test("file reports in French sentences; refused files; whether anything can be imported", () => {
    const merged = fileReport("retour-caf.xlsx", "CAF", {
      added: 1,
      same: 30,
      conflicts: 2,
      warnings: [{ code: "merge.sheet_added", params: { sheet: "Notes" } }],
    });
    const refused = fileReport("retour-csc.xlsx", "", {
      problems: [{ code: "merge.sheet_missing", params: { sheet: "Axe I" } }],
    });
    expect(fileReportView(merged, 0, false)).toEqual({
      key: "0-retour-caf.xlsx",
      title: "retour-caf.xlsx — CAF",
      merged: true,
      counts: "1 saisie à ajouter, 30 identiques, 2 conflits.",
      problems: [],
      warnings: ["Un onglet « Notes » a été ajouté (il n'est pas repris)"],
      invalid: [],
    });
    expect(fileReportView(merged, 0, true).counts).toBe(
      "1 saisie ajoutée, 30 identiques, 2 conflits."
    );
    expect(fileReportView(refused, 1, false)).toMatchObject({
      title: "retour-csc.xlsx",
      merged: false,
      counts: null,
      problems: ["L'onglet « Axe I » a été supprimé"],
    });
    expect(refusedFiles([merged, refused])).toEqual(["retour-csc.xlsx"]);
    expect(canImport({ files: [merged, refused], conflicts: [] })).toBe(true);
    expect(canImport({ files: [refused], conflicts: [] })).toBe(false);
    expect(isWorkbookFile("Retour CAF.XLSX")).toBe(true);
    expect(isWorkbookFile("retour.xls")).toBe(false);
    expect(isWorkbookFile("retour.xlsx.pdf")).toBe(false);
  });
  test("a picked file's bytes through Blob.arrayBuffer (jsdom, without it, takes the FileReader way: partners.test.tsx)", async () => {
    const bytes = new Uint8Array([80, 75, 3, 4]);
    const blob = { arrayBuffer: async () => bytes.buffer.slice(0) } as unknown as Blob;
    expect([...(await readFileBytes(blob))]).toEqual([80, 75, 3, 4]);
  });
});

test("values are shown as the workbook shows them: dates as dd/mm/yyyy, other text as it is", () => {
  expect(frenchDate("2024-03-15")).toBe("15/03/2024");
  expect(frenchDate("mille")).toBe("mille");
  expect(frenchNumber(1250.5)).toBe("1\u202f250,5");
});
