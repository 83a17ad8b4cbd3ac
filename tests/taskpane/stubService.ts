import type { Message } from "../../src/domain/messages/types";
import type { Plan } from "../../src/domain/plan/schema";
import { zeroPerStatus, type CheckReport, type RowReport } from "../../src/domain/workbook/check";
import type {
  BilanFile,
  ConflictChoice,
  FrozenBilan,
  GenerateResult,
  ImportFileReport,
  ImportPreview,
  ImportResult,
  Outcome,
  PartnerFile,
  Progress,
  ReturnFile,
  ScheduleRow,
  WorkbookService,
} from "../../src/app/port";

/** A WorkbookService stub for the pane's tests: records calls, answers what the test set. */
export interface StubService extends WorkbookService {
  calls: {
    generate: Plan[];
    select: Array<[string, number, number]>;
    writeSchedule: ScheduleRow[][];
    check: number;
    refresh: number;
    preparePartners: Array<{ plan: Plan; partners: string[] }>;
    openPartnerFile: PartnerFile[];
    previewImport: Array<{ plan: Plan; files: ReturnFile[] }>;
    applyImport: Array<{ plan: Plan; files: ReturnFile[]; choices: Map<string, ConflictChoice> }>;
    freezeBilan: Array<{ year: number; replace: boolean }>;
    makeBilan: Array<{ year: number; format: "docx" | "html" }>;
  };
  currentValue: Outcome<{ planId: string; planVersion: string } | null>;
  generateImpl: (plan: Plan, onProgress: (p: Progress) => void) => Promise<Outcome<GenerateResult>>;
  checkValue: Outcome<CheckReport>;
  refreshValue: Outcome<{ sheets: number }>;
  selectValue: Outcome<void>;
  scheduleValue: Outcome<ScheduleRow[]>;
  writeValue: Outcome<void>;
  /** Answers preparePartners (by default one file per partner, see `partnerFile`). */
  prepareImpl: (plan: Plan, partners: readonly string[]) => Promise<Outcome<PartnerFile[]>>;
  canOpen: boolean;
  openValue: Outcome<void>;
  previewImpl: (plan: Plan, files: readonly ReturnFile[]) => Promise<Outcome<ImportPreview>>;
  applyImpl: (
    plan: Plan,
    files: readonly ReturnFile[],
    choices: ReadonlyMap<string, ConflictChoice>
  ) => Promise<Outcome<ImportResult>>;
  freezeImpl: (year: number, replace: boolean) => Promise<Outcome<FrozenBilan>>;
  bilanImpl: (year: number, format: "docx" | "html") => Promise<Outcome<BilanFile>>;
  /** Fires the entries-changed callbacks (as Excel would after an edit). */
  fireEntriesChanged(): void;
  listeners: Set<() => void>;
}

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const fail = (...problems: Message[]): Outcome<never> => ({ ok: false, problems });

/** The CTG an open workbook holds when a test says it has one. */
export const CTG = { planId: "pays-segali-2021-2025", planVersion: "1" };

export function stubService(options: { ctg?: boolean } = {}): StubService {
  const s: StubService = {
    calls: {
      generate: [],
      select: [],
      writeSchedule: [],
      check: 0,
      refresh: 0,
      preparePartners: [],
      openPartnerFile: [],
      previewImport: [],
      applyImport: [],
      freezeBilan: [],
      makeBilan: [],
    },
    currentValue: ok(options.ctg ? CTG : null),
    generateImpl: async (_plan, onProgress) => {
      onProgress({ done: 1, total: 2, step: { kind: "sheet", sheet: "Axe I" } });
      return ok({ sheets: 10, rows: 290, keptEntries: 0, archivedEntries: 0, regenerated: false });
    },
    checkValue: ok(report([])),
    refreshValue: ok({ sheets: 2 }),
    selectValue: ok(undefined),
    scheduleValue: ok([]),
    writeValue: ok(undefined),
    prepareImpl: async (plan, partners) => ok(partners.map((p) => partnerFile(plan.id, p))),
    canOpen: true,
    openValue: ok(undefined),
    previewImpl: async (_plan, files) =>
      ok({ files: files.map((f) => fileReport(f.name, "CAF", { added: 3 })), conflicts: [] }),
    applyImpl: async (_plan, files) =>
      ok({
        files: files.map((f) => fileReport(f.name, "CAF", { added: 3 })),
        written: 3 * files.length,
        journalRows: 0,
      }),
    freezeImpl: async (year, replace) =>
      ok({
        year,
        sheet: `Bilan ${year}`,
        takenOn: "2024-02-05",
        targets: 296,
        entered: 120,
        replacedOn: replace ? "2024-01-10" : null,
      }),
    bilanImpl: async (year, format) =>
      ok({
        year,
        format,
        fileName: `bilan-pays-segali-2021-2025-${year}.${format}`,
        mimeType: format === "docx" ? "application/docx" : "text/html",
        bytes: new Uint8Array([80, 75, 3, 4]),
        axes: 4,
        actions: 40,
        targets: 296,
        comparedWith: null,
      }),
    listeners: new Set(),
    current: async () => s.currentValue,
    generate: async (plan, onProgress) => {
      s.calls.generate.push(plan);
      return s.generateImpl(plan, onProgress);
    },
    check: async () => {
      s.calls.check++;
      return s.checkValue;
    },
    refresh: async () => {
      s.calls.refresh++;
      return s.refreshValue;
    },
    select: async (sheet, row, column) => {
      s.calls.select.push([sheet, row, column]);
      return s.selectValue;
    },
    readSchedule: async () => s.scheduleValue,
    writeSchedule: async (rows) => {
      s.calls.writeSchedule.push([...rows]);
      return s.writeValue;
    },
    preparePartners: async (plan, partners) => {
      s.calls.preparePartners.push({ plan, partners: [...partners] });
      return s.prepareImpl(plan, partners);
    },
    canOpenWorkbooks: () => s.canOpen,
    openPartnerFile: async (file) => {
      s.calls.openPartnerFile.push(file);
      return s.openValue;
    },
    previewImport: async (plan, files) => {
      s.calls.previewImport.push({ plan, files: [...files] });
      return s.previewImpl(plan, files);
    },
    applyImport: async (plan, files, choices) => {
      s.calls.applyImport.push({ plan, files: [...files], choices: new Map(choices) });
      return s.applyImpl(plan, files, choices);
    },
    freezeBilan: async (_plan, year, replace) => {
      s.calls.freezeBilan.push({ year, replace });
      return s.freezeImpl(year, replace);
    },
    makeBilan: async (_plan, year, format) => {
      s.calls.makeBilan.push({ year, format });
      return s.bilanImpl(year, format);
    },
    onEntriesChanged: async (callback) => {
      s.listeners.add(callback);
      return () => s.listeners.delete(callback);
    },
    fireEntriesChanged: () => s.listeners.forEach((l) => l()),
  };
  return s;
}

/** A prepared partner workbook as the service gives it (the file name as `partnerFileName` makes it). */
export function partnerFile(
  planId: string,
  partner: string,
  actions = 4,
  entries = 12
): PartnerFile {
  const slug = partner
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "")
    .join("-");
  return {
    partner,
    fileName: `classeur-${planId}-${slug}.xlsx`,
    bytes: new Uint8Array([80, 75, 3, 4]),
    actions,
    rows: actions * 3,
    entries,
  };
}

/** One file of an import report (merged unless problems are given). */
export function fileReport(
  file: string,
  partner: string,
  options: Partial<Omit<ImportFileReport, "file" | "partner">> = {}
): ImportFileReport {
  const problems = options.problems ?? [];
  return {
    file,
    partner,
    merged: options.merged ?? problems.length === 0,
    problems,
    warnings: options.warnings ?? [],
    added: options.added ?? 0,
    same: options.same ?? 0,
    conflicts: options.conflicts ?? 0,
    updated: options.updated ?? 0,
    cleared: options.cleared ?? 0,
    masterNewer: options.masterNewer ?? 0,
    baseRecorded: options.baseRecorded ?? true,
    invalid: options.invalid ?? [],
  };
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

export function deferred<T>(): Deferred<T> {
  const d: { resolve: Deferred<T>["resolve"] } = { resolve: () => undefined };
  const promise = new Promise<T>((r) => (d.resolve = r));
  return { promise, resolve: (value) => d.resolve(value) };
}

const YEARS = [2021, 2022, 2023, 2024, 2025];

/** One indicator row of a check report; `entries` maps a year to [raw, status, message]. */
export function row(
  sheet: string,
  rowNumber: number,
  id: string,
  ref: string,
  status: string,
  entries: Record<number, [string | number, string, string]> = {}
): RowReport {
  const years: RowReport["years"] = Object.fromEntries(
    YEARS.map((y) => {
      const e = entries[y];
      return [
        String(y),
        e
          ? {
              raw: e[0],
              value: typeof e[0] === "number" ? e[0] : null,
              status: e[1],
              message: e[2],
            }
          : { raw: null, value: null, status: "À renseigner", message: "rien n'est saisi" },
      ];
    })
  );
  return {
    id,
    ref,
    kind: "resultat",
    text: `Indicateur ${id}`,
    target: "≥ 12 enfants / an",
    sheet,
    row: rowNumber,
    status,
    statusCode:
      status === "Saisie invalide"
        ? "saisie_invalide"
        : status === "Atteint"
          ? "atteint"
          : "a_renseigner",
    message: status === "Saisie invalide" ? "une saisie est invalide" : "à renseigner",
    workbookStatus: null,
    invalid: status === "Saisie invalide",
    years,
  };
}

export function report(rows: RowReport[]): CheckReport {
  const byStatus = zeroPerStatus();
  for (const r of rows) byStatus[r.statusCode]++;
  return {
    indicators: rows,
    summary: {
      rows: rows.length,
      entries: rows.reduce(
        (n, r) => n + Object.values(r.years).filter((y) => y.raw !== null).length,
        0
      ),
      invalidEntries: rows.reduce(
        (n, r) => n + Object.values(r.years).filter((y) => y.status === "Saisie invalide").length,
        0
      ),
      byStatus,
      byAxis: {},
      evaluationYear: 2024,
    },
  };
}

/** Common English words that must never show in the pane. */
export const ENGLISH_WORDS = [
  "Generate",
  "Regenerate",
  "Check",
  "Error",
  "Loading",
  "Cancel",
  "Save",
  "Refresh",
  "Schedule",
  "Progress",
  "Select",
  "Close",
  "Dismiss",
  "Open",
  "File",
  "Choose",
  "Invalid",
  "Warning",
  "Success",
  "Failed",
  "undefined",
  "null",
  "NaN",
  "[object Object]",
  "Unexpected",
  "Expected",
  "Required",
  "Browse",
  "No file",
];

/** The English words found in a text (whole words, case-sensitive for capitalised ones). */
export function englishIn(text: string): string[] {
  return ENGLISH_WORDS.filter((w) =>
    new RegExp(`(^|[^\\p{L}])${w.replace(/[[\]]/g, "\\$&")}($|[^\\p{L}])`, "u").test(text)
  );
}
