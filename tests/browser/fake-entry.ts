import { createFakeExcel, type FakeExcel } from "../../src/fake-excel";

/**
 * The Excel fake (src/fake-excel/) as a page script for the browser test: injected before the task
 * pane loads, it becomes the `Excel` global the real Office.js adapter (src/office/service) talks to;
 * `window.__fake` lets the test play the user (typing into a cell) and read the state.
 */
const fake: FakeExcel = createFakeExcel();
const page = window as unknown as { Excel: FakeExcel["Excel"]; __fake: FakeExcel };
page.Excel = fake.Excel;
page.__fake = fake;
