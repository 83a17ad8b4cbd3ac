import { createFakeExcel, DEFAULT_PAYLOAD_LIMIT, type FakeExcel } from "../../src/fake-excel";
import {
  clientEventDelivery,
  HostEmulator,
  type ClientEventHooks,
  type RequestExecutor,
} from "../../src/fake-excel/host";

/**
 * The Excel host for the browser test, as one page script injected after Microsoft's Office.js
 * client (`@microsoft/office-js`, excel-web-16.00.js): the pane's `Excel` is Microsoft's, and every
 * request its contexts send is answered by the host emulator (src/fake-excel/host.ts) over an
 * in-memory workbook. `window.__fake` lets the test play the user (typing into a cell) and read the
 * state.
 */
interface ClientWindow {
  Excel: {
    RequestContext: { prototype: object };
    createWorkbook?: (base64: string) => Promise<void>;
  };
  OfficeExtension: ClientEventHooks;
  __fake: FakeExcel;
}

const page = window as unknown as ClientWindow;
const fake: FakeExcel = createFakeExcel();
const emulator = new HostEmulator(fake, {
  // Excel on the web's limits on request and response bodies.
  limits: { request: DEFAULT_PAYLOAD_LIMIT, response: DEFAULT_PAYLOAD_LIMIT },
  deliver: clientEventDelivery(page.OfficeExtension),
});
// Each request context Microsoft's `Excel.run` creates sends its batches to the emulator.
const executors = new WeakMap<object, RequestExecutor>();
Object.defineProperty(page.Excel.RequestContext.prototype, "_requestExecutor", {
  configurable: true,
  get(this: object): RequestExecutor {
    let executor = executors.get(this);
    if (!executor) {
      executor = emulator.executor();
      executors.set(this, executor);
    }
    return executor;
  },
  set(): void {
    // The client's own executors (to the real Excel) are not used here.
  },
});
// Opening a partner's workbook in a new window: the fake keeps it.
page.Excel.createWorkbook = (base64: string) =>
  fake.Excel.createWorkbook?.(base64) ?? Promise.resolve();
page.__fake = fake;
