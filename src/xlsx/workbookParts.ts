import type ExcelJS from "exceljs";
import type { ZipWriter } from "./zip";

/**
 * The parts of the `.xlsx` file exceljs writes for a workbook, without its zip: the steps of
 * exceljs 4.4's `XLSX.write` (src `lib/xlsx/xlsx.js`), in its order, each handing its parts to a
 * collector instead of JSZip. The collector adds the folder entries as JSZip does (a folder before its
 * first file, a parent before its child), so the entries and their order are exceljs's own.
 *
 * This leans on exceljs's internal steps: `null` when they are not the expected ones (another
 * exceljs version), and the caller then lets exceljs write the file itself.
 */

const STEPS = [
  "addContentTypes",
  "addOfficeRels",
  "addWorkbookRels",
  "addWorksheets",
  "addSharedStrings",
  "addDrawings",
  "addTables",
  "addThemes",
  "addStyles",
  "addMedia",
  "addApp",
  "addCore",
  "addWorkbook",
] as const;
type Step = (typeof STEPS)[number];

type PartData = string | Uint8Array | ArrayBuffer;

interface Collector {
  append(data: PartData, options: { name: string; base64?: boolean }): void;
}

type Internals = Record<Step, (zip: Collector, model: unknown) => unknown> & {
  prepareModel(model: unknown, options: object): void;
  write(stream: unknown, options: object): Promise<unknown>;
};

/** The steps `XLSX.write` calls, as its source names them (`this.addX(`), in order. */
function stepsOf(write: (...args: never[]) => unknown): string[] {
  return [...Function.prototype.toString.call(write).matchAll(/this\.(add[A-Za-z]+)\(/g)].map(
    (m) => m[1] ?? ""
  );
}

function parentFolder(path: string): string {
  const trimmed = path.endsWith("/") ? path.slice(0, -1) : path;
  const slash = trimmed.lastIndexOf("/");
  return slash > 0 ? trimmed.slice(0, slash + 1) : "";
}

function base64Bytes(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * Adds the parts of the workbook's file to `zip` (which deflates each as it comes, while exceljs
 * renders the next); false, and nothing added, when exceljs's steps are not the expected ones.
 * `patch` may change a part exceljs writes as text (the charts exceljs cannot write: write.ts).
 */
export async function addWorkbookParts(
  wb: ExcelJS.Workbook,
  zip: ZipWriter,
  patch?: (name: string, xml: string) => string
): Promise<boolean> {
  const xlsx = wb.xlsx as unknown as Internals;
  if (
    typeof xlsx.prepareModel !== "function" ||
    typeof xlsx.write !== "function" ||
    STEPS.some((s) => typeof xlsx[s] !== "function") ||
    stepsOf(xlsx.write).join() !== STEPS.join()
  )
    return false;

  const encoder = new TextEncoder();
  const addFolder = (name: string): void => {
    if (zip.has(name)) return;
    const parent = parentFolder(name);
    if (parent) addFolder(parent);
    zip.add(name, null);
  };
  const collector: Collector = {
    append(data, { name, base64 }) {
      const parent = parentFolder(name);
      if (parent) addFolder(parent);
      zip.add(
        name,
        typeof data === "string"
          ? base64
            ? base64Bytes(data)
            : encoder.encode(patch ? patch(name, data) : data)
          : data instanceof Uint8Array
            ? data
            : new Uint8Array(data)
      );
    },
  };

  // As XLSX.write does, but with the collector for JSZip.
  const model = (wb as unknown as { model: unknown }).model;
  xlsx.prepareModel(model, {});
  await xlsx.addContentTypes(collector, model);
  await xlsx.addOfficeRels(collector, model);
  await xlsx.addWorkbookRels(collector, model);
  await xlsx.addWorksheets(collector, model);
  await xlsx.addSharedStrings(collector, model);
  await xlsx.addDrawings(collector, model);
  await xlsx.addTables(collector, model);
  await Promise.all([xlsx.addThemes(collector, model), xlsx.addStyles(collector, model)]);
  await xlsx.addMedia(collector, model);
  await Promise.all([xlsx.addApp(collector, model), xlsx.addCore(collector, model)]);
  await xlsx.addWorkbook(collector, model);
  return true;
}
