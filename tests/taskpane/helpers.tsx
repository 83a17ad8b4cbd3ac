import * as React from "react";
import { configure, fireEvent, render, screen, type RenderResult } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App, type Requirements, type Section } from "../../src/taskpane/App";
import type { PlanLoad } from "../../src/taskpane/state/planSource";
import type { WorkbookService } from "../../src/app/port";

/**
 * How long `findBy...` and `waitFor` wait for the pane (Testing Library's default is 1 s): its parts
 * load lazily and are compiled on first use, which takes seconds on a loaded machine. A wait that
 * succeeds returns at once; only a failing test waits this long.
 */
export const PANE_WAIT_MS = 20_000;
configure({ asyncUtilTimeout: PANE_WAIT_MS });

export const allSets: Requirements = { isSetSupported: () => true };

/** Requirement sets up to a version (e.g. "1.8": 1.9 and later missing). */
export function upTo(max: string): Requirements {
  const [maxMajor = 0, maxMinor = 0] = max.split(".").map(Number);
  return {
    isSetSupported: (name, version) => {
      const [major = 0, minor = 0] = version.split(".").map(Number);
      return name === "ExcelApi" && (major < maxMajor || (major === maxMajor && minor <= maxMinor));
    },
  };
}

export function renderPane(
  service: WorkbookService,
  options: {
    requirements?: Requirements;
    loadEmbedded?: () => Promise<PlanLoad>;
    recheckDelay?: number;
    hostMessage?: string;
    section?: Section;
    today?: Date;
  } = {}
): RenderResult {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App
        service={service}
        requirements={options.requirements ?? allSets}
        hostMessage={options.hostMessage ?? null}
        {...(options.loadEmbedded ? { loadEmbedded: options.loadEmbedded } : {})}
        {...(options.recheckDelay !== undefined ? { recheckDelay: options.recheckDelay } : {})}
        {...(options.section ? { initialSection: options.section } : {})}
        {...(options.today ? { today: options.today } : {})}
      />
    </FluentProvider>
  );
}

/** Everything a user reads or hears: text content plus labels, titles and placeholders. */
export function userText(root: HTMLElement): string {
  const parts = [root.textContent ?? ""];
  root
    .querySelectorAll("[aria-label],[title],[placeholder],[alt],[aria-valuetext]")
    .forEach((el) => {
      for (const attr of ["aria-label", "title", "placeholder", "alt", "aria-valuetext"]) {
        const v = el.getAttribute(attr);
        if (v) parts.push(v);
      }
    });
  return parts.join("\n");
}

/** Shows a section of the pane (a click on its tab). */
export function showSection(name: string): void {
  fireEvent.click(screen.getByRole("tab", { name }));
}

/** Off for the user: disabled, or disabled but focusable (`aria-disabled`). */
export function isOff(element: HTMLElement): boolean {
  return (
    (element as HTMLButtonElement).disabled === true ||
    element.getAttribute("aria-disabled") === "true"
  );
}

/** Object URLs made and revoked by the pane (jsdom has none): what each URL holds, the ones revoked. */
export interface ObjectUrls {
  readonly blobs: Map<string, Blob>;
  readonly revoked: string[];
}

/**
 * Gives jsdom `URL.createObjectURL` / `revokeObjectURL` for the pane's download links, recording them;
 * call it in `beforeEach` (a fresh record each test).
 */
export function stubObjectUrls(): ObjectUrls {
  const urls: ObjectUrls = { blobs: new Map(), revoked: [] };
  Object.defineProperty(URL, "createObjectURL", {
    configurable: true,
    writable: true,
    value: (blob: Blob) => {
      const url = `blob:classeur/${urls.blobs.size + 1}`;
      urls.blobs.set(url, blob);
      return url;
    },
  });
  Object.defineProperty(URL, "revokeObjectURL", {
    configurable: true,
    writable: true,
    value: (url: string) => urls.revoked.push(url),
  });
  return urls;
}
