/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { PlanLoad } from "../../src/taskpane/state/planSource";
import { englishIn, fail, ok, stubService } from "./stubService";
import { isOff, renderPane, userText } from "./helpers";

// The whole pane (Fluent UI in jsdom) renders in each test, and its lazy parts are compiled on first
// use: seconds each on a loaded 2-core machine. Waits for what shows up use helpers.tsx's timeout.
jest.setTimeout(60_000);

const noPlan = (): Promise<PlanLoad> => Promise.resolve({ ok: false, problems: [] });

const rows = [
  {
    ref: "I.A.1",
    title: "Accueillir les jeunes enfants",
    phase: null,
    start: null,
    end: null,
    progress: null,
  },
  {
    ref: "I.A.2",
    title: "Soutenir les parents",
    phase: "Court terme",
    start: "2021-01-01",
    end: "2022-12-31",
    progress: 40,
  },
];

async function loadSchedule(): Promise<HTMLElement> {
  const load = screen.getByRole("button", { name: "Charger l'échéancier" });
  // On once the pane knows the workbook holds a CTG.
  await waitFor(() => expect(isOff(load)).toBe(false));
  fireEvent.click(load);
  // The editor loads lazily (its own chunk): compiled on first use in a cold test run, hence the wait.
  return screen.findByRole("combobox", { name: "Actions de l'échéancier" }); // waits PANE_WAIT_MS (helpers.tsx)
}

test("the schedule is edited one action at a time (phase, dates, progress) and saved through the service", async () => {
  const service = stubService({ ctg: true });
  service.scheduleValue = ok(rows);
  renderPane(service, { section: "schedule", loadEmbedded: noPlan });
  const list = await loadSchedule();
  // The load moves the focus to the list of actions; the dates show as the workbook shows them.
  await waitFor(() => expect(document.activeElement).toBe(list));
  expect(
    within(list)
      .getAllByRole("option")
      .map((o) => o.textContent)
  ).toEqual([
    "I.A.1 — Accueillir les jeunes enfants (non planifiée)",
    "I.A.2 — Soutenir les parents (01/01/2021 → 31/12/2022)",
  ]);

  fireEvent.change(screen.getByRole("combobox", { name: "Phase de l'action I.A.1" }), {
    target: { value: "Moyen terme" },
  });
  fireEvent.change(screen.getByLabelText("Date de début de l'action I.A.1"), {
    target: { value: "2023-01-01" },
  });
  fireEvent.change(screen.getByLabelText("Date de fin de l'action I.A.1"), {
    target: { value: "2024-06-30" },
  });
  fireEvent.change(screen.getByLabelText("Avancement en pourcentage de l'action I.A.1"), {
    target: { value: "25" },
  });

  // The second action: chosen in the list, its phase cleared.
  fireEvent.change(list, { target: { value: "I.A.2" } });
  const phase2 = screen.getByRole("combobox", { name: "Phase de l'action I.A.2" });
  expect((phase2 as HTMLSelectElement).value).toBe("Court terme");
  fireEvent.change(phase2, { target: { value: "" } });

  fireEvent.click(screen.getByRole("button", { name: "Enregistrer" }));
  const saved = await screen.findByText("Échéancier enregistré dans le classeur.");
  await waitFor(() => expect(document.activeElement?.contains(saved)).toBe(true));
  expect(service.calls.writeSchedule).toEqual([
    [
      {
        ref: "I.A.1",
        title: "Accueillir les jeunes enfants",
        phase: "Moyen terme",
        start: "2023-01-01",
        end: "2024-06-30",
        progress: 25,
      },
      {
        ref: "I.A.2",
        title: "Soutenir les parents",
        phase: null,
        start: "2021-01-01",
        end: "2022-12-31",
        progress: 40,
      },
    ],
  ]);
  expect(englishIn(userText(document.body))).toEqual([]);

  // Closing the editor gives the focus back to the load button.
  fireEvent.click(screen.getByRole("button", { name: "Fermer l'échéancier" }));
  await waitFor(() =>
    expect(document.activeElement).toBe(
      screen.getByRole("button", { name: "Charger l'échéancier" })
    )
  );
});

test("mistakes are shown next to their field (aria-invalid), listed in French, and nothing is written", async () => {
  const service = stubService({ ctg: true });
  service.scheduleValue = ok(rows);
  renderPane(service, { section: "schedule", loadEmbedded: noPlan });
  const list = await loadSchedule();
  fireEvent.change(list, { target: { value: "I.A.2" } });
  const start = screen.getByLabelText("Date de début de l'action I.A.2");
  fireEvent.change(start, { target: { value: "2023-01-01" } });
  const end = screen.getByLabelText("Date de fin de l'action I.A.2");
  expect(end.getAttribute("aria-invalid")).toBe("true");
  const describedBy = end.getAttribute("aria-describedby") ?? "";
  expect(
    describedBy
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent)
      .join(" ")
  ).toContain("La fin précède le début.");
  fireEvent.change(list, { target: { value: "I.A.1" } });
  fireEvent.change(screen.getByLabelText("Avancement en pourcentage de l'action I.A.1"), {
    target: { value: "150" },
  });
  expect(screen.getByText("Un nombre entre 0 et 100.")).toBeTruthy();
  fireEvent.click(screen.getByRole("button", { name: "Enregistrer" }));
  expect(await screen.findByText("L'échéancier n'a pas été enregistré :")).toBeTruthy();
  expect(screen.getByText("I.A.2 : la date de fin précède la date de début.")).toBeTruthy();
  expect(service.calls.writeSchedule).toEqual([]);
});

test("without a CTG in the workbook the schedule is off, with the reason", async () => {
  renderPane(stubService(), { section: "schedule", loadEmbedded: noPlan });
  const load = screen.getByRole("button", { name: "Charger l'échéancier" });
  expect(isOff(load)).toBe(true);
  expect(screen.getAllByText(/ne contient pas encore de classeur CTG/).length).toBeGreaterThan(0);
});

test("a service failure while saving is shown in French", async () => {
  const service = stubService({ ctg: true });
  service.scheduleValue = ok(rows);
  service.writeValue = fail({ code: "check.sheet_missing", params: { sheet: "Échéancier" } });
  renderPane(service, { section: "schedule", loadEmbedded: noPlan });
  await loadSchedule();
  fireEvent.click(screen.getByRole("button", { name: "Enregistrer" }));
  expect(
    await screen.findByText("L'onglet « Échéancier » manque (renommé ou supprimé ?)")
  ).toBeTruthy();
});
