/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { message } from "../../src/domain/messages/types";
import type { PlanLoad } from "../../src/taskpane/state/planSource";
import { loadEmbeddedPlan } from "../../src/taskpane/state/planSource";
import { bilanYears, defaultBilanYear } from "../../src/taskpane/state/bilanView";
import { deferred, fail, ok, stubService } from "./stubService";
import { isOff, renderPane, stubObjectUrls } from "./helpers";
import type { BilanFile, Outcome } from "../../src/app/port";

jest.setTimeout(60_000);

let embedded: PlanLoad;
const loadEmbedded = (): Promise<PlanLoad> => Promise.resolve(embedded);
beforeAll(async () => {
  embedded = await loadEmbeddedPlan();
  if (!embedded.ok) throw new Error("embedded plan");
});

let blobs: Map<string, Blob>;
let revoked: string[];
beforeEach(() => {
  ({ blobs, revoked } = stubObjectUrls());
});

const TODAY = new Date(2024, 1, 5);

async function bilanSection(): Promise<HTMLElement> {
  const title = await screen.findByText("Bilan annuel", { selector: "h2" });
  const section = title.closest("section");
  if (!section) throw new Error("no bilan section");
  return section;
}

const yearSelect = (root: HTMLElement): HTMLSelectElement =>
  within(root).getByLabelText("Année du bilan") as HTMLSelectElement;

describe("years offered", () => {
  it("offers the plan's years, latest first, and the last completed year by default", () => {
    const plan = { years: { start: 2021, end: 2025 } };
    expect(bilanYears(plan)).toEqual([2025, 2024, 2023, 2022, 2021]);
    expect(defaultBilanYear(plan, new Date(2024, 1, 5))).toBe(2023);
    expect(defaultBilanYear(plan, new Date(2026, 11, 6))).toBe(2025);
    expect(defaultBilanYear(plan, new Date(2021, 3, 1))).toBe(2021);
  });
});

describe("the Bilan section", () => {
  it("freezes the chosen year's bilan and says what it wrote; focus goes to the result", async () => {
    const service = stubService({ ctg: true });
    renderPane(service, { loadEmbedded, section: "bilan", today: TODAY });
    const section = await bilanSection();
    await waitFor(() => expect(yearSelect(section).value).toBe("2023"));
    fireEvent.change(yearSelect(section), { target: { value: "2022" } });
    const freeze = await within(section).findByRole("button", { name: "Figer le bilan 2022" });
    await waitFor(() => expect(isOff(freeze)).toBe(false));
    fireEvent.click(freeze);
    await within(section).findByText(
      /Bilan 2022 figé le 05\/02\/2024 : onglet « Bilan 2022 », protégé/
    );
    expect(service.calls.freezeBilan).toEqual([{ year: 2022, replace: false }]);
    expect(section.textContent).toMatch(/296\u00a0cibles|296 cibles/);
    await waitFor(() => expect(document.activeElement?.id).toBe("resultat-figer"));
  });

  it("shows why a year already frozen is refused, and replaces it once the box is ticked", async () => {
    const service = stubService({ ctg: true });
    service.freezeImpl = async (year, replace) =>
      replace
        ? ok({
            year,
            sheet: `Bilan ${year}`,
            takenOn: "2024-02-05",
            targets: 296,
            entered: 130,
            replacedOn: "2024-01-10",
          })
        : fail(
            message("snapshot.exists", {
              year: String(year),
              sheet: `Bilan ${year}`,
              taken: "10/01/2024",
            })
          );
    renderPane(service, { loadEmbedded, section: "bilan", today: TODAY });
    const section = await bilanSection();
    const freeze = await within(section).findByRole("button", { name: "Figer le bilan 2023" });
    await waitFor(() => expect(isOff(freeze)).toBe(false));
    fireEvent.click(freeze);
    await within(section).findByText(/Le bilan 2023 est déjà figé .* figé le 10\/01\/2024/);
    fireEvent.click(within(section).getByLabelText("Remplacer le bilan déjà figé"));
    fireEvent.click(freeze);
    await within(section).findByText(/Il remplace le bilan 2023 figé le 10\/01\/2024\./);
    expect(service.calls.freezeBilan).toEqual([
      { year: 2023, replace: false },
      { year: 2023, replace: true },
    ]);
    // The box is cleared after a replacement: the next freeze does not replace by accident.
    expect(
      (within(section).getByLabelText("Remplacer le bilan déjà figé") as HTMLInputElement).checked
    ).toBe(false);
  });

  it("makes the Word document, offers it to download and says what it compares with", async () => {
    const service = stubService({ ctg: true });
    const pending = deferred<Outcome<BilanFile>>();
    const made = service.bilanImpl;
    service.bilanImpl = () => pending.promise;
    renderPane(service, { loadEmbedded, section: "bilan", today: TODAY });
    const section = await bilanSection();
    const word = await within(section).findByRole("button", { name: "Bilan Word (.docx)" });
    await waitFor(() => expect(isOff(word)).toBe(false));
    fireEvent.click(word);
    await within(section).findByText("Préparation du document…");
    // While working, the buttons stay focusable (disabledFocusable) but do nothing.
    expect(isOff(word)).toBe(true);
    pending.resolve(
      ok({
        year: 2023,
        format: "docx",
        fileName: "bilan-pays-segali-2021-2025-2023.docx",
        mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        bytes: new Uint8Array([80, 75, 3, 4]),
        axes: 4,
        actions: 40,
        targets: 296,
        comparedWith: { year: 2022, takenOn: "2023-02-01" },
      })
    );
    const link = await within(section).findByRole("link", {
      name: "Télécharger « bilan-pays-segali-2021-2025-2023.docx »",
    });
    const firstUrl = link.getAttribute("href");
    expect(link.getAttribute("download")).toBe("bilan-pays-segali-2021-2025-2023.docx");
    expect(blobs.get(link.getAttribute("href") ?? "")?.type).toMatch(/wordprocessingml/);
    expect(section.textContent).toContain("Évolutions comparées au bilan 2022 figé le 01/02/2023.");
    expect(section.textContent).toMatch(/Word/);
    expect(service.calls.makeBilan).toEqual([{ year: 2023, format: "docx" }]);
    await waitFor(() => expect(document.activeElement?.id).toBe("resultat-document"));

    // A second document replaces the first: its object URL is revoked.
    service.bilanImpl = made;
    fireEvent.click(within(section).getByRole("button", { name: "Bilan HTML (à imprimer)" }));
    await within(section).findByRole("link", {
      name: "Télécharger « bilan-pays-segali-2021-2025-2023.html »",
    });
    expect(revoked).toEqual([firstUrl]);
    expect(section.textContent).toMatch(/Ctrl\+P/);
    expect(section.textContent).toContain("Aucun bilan d'une année antérieure n'est figé");
  });

  it("forgets the results of another year", async () => {
    const service = stubService({ ctg: true });
    renderPane(service, { loadEmbedded, section: "bilan", today: TODAY });
    const section = await bilanSection();
    const word = await within(section).findByRole("button", { name: "Bilan Word (.docx)" });
    await waitFor(() => expect(isOff(word)).toBe(false));
    fireEvent.click(word);
    const link = await within(section).findByRole("link", { name: /2023\.docx/ });
    const url = link.getAttribute("href");
    fireEvent.change(yearSelect(section), { target: { value: "2022" } });
    await waitFor(() => expect(within(section).queryByRole("link")).toBeNull());
    expect(revoked).toEqual([url]);
    expect(section.textContent).not.toContain("Document prêt");
  });

  it("names no year while there is no plan", async () => {
    const service = stubService({ ctg: true });
    const noPlan = (): Promise<PlanLoad> => Promise.resolve({ ok: false, problems: [] });
    renderPane(service, { loadEmbedded: noPlan, section: "bilan", today: TODAY });
    const section = await bilanSection();
    const freeze = await within(section).findByRole("button", { name: "Figer le bilan" });
    expect(isOff(freeze)).toBe(true);
    expect(section.textContent).not.toMatch(/bilan 0/);
  });

  it("is off, with the reason, while the workbook holds no CTG", async () => {
    const service = stubService({ ctg: false });
    renderPane(service, { loadEmbedded, section: "bilan", today: TODAY });
    const section = await bilanSection();
    await within(section).findByText(/ne contient pas encore de classeur CTG/);
    const freeze = within(section).getByRole("button", { name: "Figer le bilan 2023" });
    expect(isOff(freeze)).toBe(true);
    expect(isOff(within(section).getByRole("button", { name: "Bilan Word (.docx)" }))).toBe(true);
    fireEvent.click(freeze);
    expect(service.calls.freezeBilan).toEqual([]);
  });
});
