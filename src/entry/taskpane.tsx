/** The add-in's composition root: the task pane (src/taskpane) over the Office.js adapter (src/office). */
import * as React from "react";
import { createRoot } from "react-dom/client";
import {
  FluentProvider,
  teamsHighContrastTheme,
  webDarkTheme,
  webLightTheme,
  type Theme,
} from "@fluentui/react-components";
import { App, type Requirements } from "../taskpane/App";
import { officeWorkbookService } from "./officeService";
import { officeRequirementCheck } from "../taskpane/requirements";
import { currentLook, watchLook, type PaneLook } from "../taskpane/theme";
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
  freezeBilan: async () => ({ ok: false, problems: [] }),
  makeBilan: async () => ({ ok: false, problems: [] }),
  onEntriesChanged: async () => () => undefined,
};

const THEMES: Record<PaneLook, Theme> = {
  light: webLightTheme,
  dark: webDarkTheme,
  contrast: teamsHighContrastTheme,
};

/** The page itself takes the theme's background: no white frame around the pane. */
function paintPage(theme: Theme): void {
  document.documentElement.style.backgroundColor = theme.colorNeutralBackground1;
  document.documentElement.style.colorScheme = theme === webLightTheme ? "light" : "dark";
  document.body.style.margin = "0";
  document.body.style.backgroundColor = theme.colorNeutralBackground1;
}

/** The pane in Office's theme, following its changes (theme.ts says how). */
function ThemedPane({ children }: { children: React.ReactNode }): React.JSX.Element {
  const [look, setLook] = React.useState<PaneLook>(currentLook);
  React.useEffect(() => watchLook(setLook), []);
  const theme = THEMES[look];
  React.useLayoutEffect(() => paintPage(theme), [theme]);
  return (
    <FluentProvider theme={theme} lang="fr" applyStylesToPortals>
      {children}
    </FluentProvider>
  );
}

function render(
  service: WorkbookService,
  requirements: Requirements,
  hostMessage: string | null
): void {
  const container = document.getElementById("container");
  if (!container) return;
  createRoot(container).render(
    <ThemedPane>
      <App service={service} requirements={requirements} hostMessage={hostMessage} />
    </ThemedPane>
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
