/** The add-in's composition root: the task pane (src/taskpane) over the Office.js adapter (src/office). */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { App, type Requirements } from "../taskpane/App";
import { officeWorkbookService } from "./officeService";
import { officeRequirementCheck } from "../taskpane/requirements";
import { officeBodyBackground, themeKind } from "../taskpane/theme";
import { T } from "../taskpane/texts";
import type { WorkbookService } from "../app/port";

/** Outside Excel nothing is called (every command is off); each call would fail in French anyway. */
const noService: WorkbookService = {
  current: async () => ({ ok: false, problems: [] }),
  generate: async () => ({ ok: false, problems: [] }),
  check: async () => ({ ok: false, problems: [] }),
  refresh: async () => ({ ok: false, problems: [] }),
  select: async () => ({ ok: false, problems: [] }),
  readSchedule: async () => ({ ok: false, problems: [] }),
  writeSchedule: async () => ({ ok: false, problems: [] }),
  preparePartners: async () => ({ ok: false, problems: [] }),
  canOpenWorkbooks: () => false,
  openPartnerFile: async () => ({ ok: false, problems: [] }),
  previewImport: async () => ({ ok: false, problems: [] }),
  applyImport: async () => ({ ok: false, problems: [] }),
  onEntriesChanged: async () => () => undefined,
};

function render(
  service: WorkbookService,
  requirements: Requirements,
  hostMessage: string | null
): void {
  const container = document.getElementById("container");
  if (!container) return;
  const theme = themeKind(officeBodyBackground()) === "dark" ? webDarkTheme : webLightTheme;
  createRoot(container).render(
    <FluentProvider theme={theme} lang="fr">
      <App service={service} requirements={requirements} hostMessage={hostMessage} />
    </FluentProvider>
  );
}

const offline: Requirements = { isSetSupported: () => false };

if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  Office.onReady((info) => {
    if (info.host === Office.HostType.Excel)
      render(officeWorkbookService(), { isSetSupported: officeRequirementCheck() }, null);
    else render(noService, offline, T.notExcel);
  });
} else {
  render(noService, offline, T.noHost);
}
