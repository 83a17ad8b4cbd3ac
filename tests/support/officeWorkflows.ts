/**
 * The task pane's workflows, one after the other, on a workbook of an emulated Excel: what a
 * coordinator does in a year (generate, type, regenerate, check, refresh, plan the échéancier,
 * prepare a partner's file, import its return). Used by the host-profile tests and the bench
 * (`officejs.profiles`): it throws at the first step that does not do what a user expects.
 */
import ExcelJS from "exceljs";
import type { ReturnFile, WorkbookService } from "../../src/app/port";
import type { Plan } from "../../src/domain/plan/schema";
import { AXIS_FIRST_ROW, axisLayout, planYears } from "../../src/domain/workbook/axisSheet";
import { buildWorkbook } from "../../src/domain/workbook/build";
import { a1 } from "../../src/domain/workbook/grid";
import { JOURNAL_SHEET } from "../../src/domain/workbook/logSheets";
import type { FakeExcel } from "../../src/fake-excel";

function must(condition: boolean, step: string): void {
  if (!condition) throw new Error(`workflow step failed: ${step}`);
}

async function fillReturn(bytes: Uint8Array, id: string, col: number, value: number) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("Axe I");
  if (!ws) throw new Error("no Axe I in the partner file");
  ws.eachRow((r, n) => {
    if (r.getCell(1).value === id) ws.getCell(n, col + 1).value = value;
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Runs every workflow; throws with the failing step. */
export async function runWorkflows(
  service: WorkbookService,
  fake: FakeExcel,
  plan: Plan
): Promise<void> {
  const model = buildWorkbook(plan, { generatorVersion: "test", generatedOn: "2023-06-15" });
  const c = axisLayout(planYears(plan)).col;
  const id = plan.axes[0]?.objectives[0]?.actions[0]?.indicators[1]?.id ?? "";
  const row = (model.sheets.find((s) => s.name === "Axe I")?.cells ?? []).findIndex(
    (line) => line[0]?.value?.kind === "text" && line[0].value.text === id
  );
  must(row >= AXIS_FIRST_ROW, "an indicator row in Axe I");

  must((await service.generate(plan, () => undefined)).ok, "generate");
  let changes = 0;
  const stop = await service.onEntriesChanged(() => changes++);
  await fake.userEdit("Axe I", a1(row, c.firstYear), [[3]]);
  must(changes === 1, "automatic re-check after an entry");

  const again = await service.generate(plan, () => undefined);
  must(again.ok && again.value.keptEntries === 1, "regenerate keeping the entry");
  await fake.userEdit("Axe I", a1(row, c.firstYear + 1), [[4]]);
  must(changes === 2, "automatic re-check after a regeneration");
  stop();

  const checked = await service.check();
  must(checked.ok && checked.value.summary.entries >= 2, "check");
  must((await service.refresh()).ok, "refresh");

  const schedule = await service.readSchedule();
  must(schedule.ok, "read the échéancier");
  if (!schedule.ok) return;
  const first = schedule.value[0];
  must(first !== undefined, "an échéancier row");
  if (!first) return;
  const edited = [{ ...first, start: "2022-03-15" }, ...schedule.value.slice(1)];
  must((await service.writeSchedule(edited)).ok, "write the échéancier");
  const reread = await service.readSchedule();
  must(reread.ok && reread.value[0]?.start === "2022-03-15", "échéancier date kept");

  const prepared = await service.preparePartners(plan, ["CAF"]);
  must(prepared.ok, "prepare a partner's workbook");
  if (!prepared.ok) return;
  const caf = prepared.value[0];
  must(caf !== undefined, "the CAF's workbook");
  if (!caf) return;
  must((await service.openPartnerFile(caf)).ok, "open the partner's workbook");
  must(fake.createdWorkbooks.length === 1, "one workbook opened");

  const back: ReturnFile = {
    name: "retour-caf.xlsx",
    bytes: await fillReturn(caf.bytes, id, c.firstYear + 2, 6),
  };
  must((await service.previewImport(plan, [back])).ok, "preview an import");
  must((await service.applyImport(plan, [back], new Map())).ok, "import a return");
  must(
    fake.state.sheets.some((s) => !s.deleted && s.name === JOURNAL_SHEET),
    "the import is journaled"
  );
}
