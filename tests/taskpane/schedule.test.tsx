/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { PlanLoad } from "../../src/taskpane/state/planSource";
import { englishIn, fail, ok, stubService } from "./stubService";
import { renderPane, userText } from "./helpers";

// The whole pane (Fluent UI in jsdom) renders in each test, and its lazy parts are compiled on first
// use: seconds each on a loaded 2-core machine. Waits for what shows up use helpers.tsx's timeout.
jest.setTimeout(60_000);

const noPlan = (): Promise<PlanLoad> => Promise.resolve({ ok: false, problems: [] });

const rows = [
  { ref: "I.A.1", title: "Accueillir les jeunes enfants", phase: null, start: null, end: null, progress: null },
  { ref: "I.A.2", title: "Soutenir les parents", phase: "Court terme", start: "2021-01-01", end: "2022-12-31", progress: 40 },
];

async function loadSchedule(): Promise<HTMLElement> {
  fireEvent.click(screen.getByRole("button", { name: "Charger l'échéancier" }));
  // The table loads lazily (its own chunk): compiled on first use in a cold test run, hence the wait.
  return screen.findByRole("table", { name: "Planification des actions" }); // waits PANE_WAIT_MS (helpers.tsx)
}

test("the schedule is read, edited (phase, dates, progress) and saved through the service", async () => {
  const service = stubService();
  service.scheduleValue = ok(rows);
  renderPane(service, { loadEmbedded: noPlan });
  const table = await loadSchedule();
  expect(within(table).getByText("Accueillir les jeunes enfants")).toBeTruthy();
  expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual([
    "Action",
    "Phase",
    "Début",
    "Fin",
    "Avancement (%)",
  ]);

  const phase = screen.getByRole("combobox", { name: "Phase de l'action I.A.1" });
  expect(phase.textContent).toContain("Aucune");
  fireEvent.click(phase);
  fireEvent.click(await screen.findByRole("option", { name: "Moyen terme" }));
  await waitFor(() => expect(phase.textContent).toContain("Moyen terme"));

  fireEvent.change(screen.getByLabelText("Date de début de l'action I.A.1"), { target: { value: "2023-01-01" } });
  fireEvent.change(screen.getByLabelText("Date de fin de l'action I.A.1"), { target: { value: "2024-06-30" } });
  const progress = screen.getByLabelText("Avancement en pourcentage de l'action I.A.1");
  fireEvent.change(progress, { target: { value: "25" } });
  fireEvent.blur(progress);

  // Clear the second action's phase.
  const phase2 = screen.getByRole("combobox", { name: "Phase de l'action I.A.2" });
  fireEvent.click(phase2);
  fireEvent.click(await screen.findByRole("option", { name: "Aucune" }));

  fireEvent.click(screen.getByRole("button", { name: "Enregistrer" }));
  expect(await screen.findByText("Échéancier enregistré dans le classeur.")).toBeTruthy();
  expect(service.calls.writeSchedule).toEqual([
    [
      { ref: "I.A.1", title: "Accueillir les jeunes enfants", phase: "Moyen terme", start: "2023-01-01", end: "2024-06-30", progress: 25 },
      { ref: "I.A.2", title: "Soutenir les parents", phase: null, start: "2021-01-01", end: "2022-12-31", progress: 40 },
    ],
  ]);
  expect(englishIn(userText(document.body))).toEqual([]);
});

test("mistakes in the schedule are listed in French and nothing is written", async () => {
  const service = stubService();
  service.scheduleValue = ok(rows);
  renderPane(service, { loadEmbedded: noPlan });
  await loadSchedule();
  fireEvent.change(screen.getByLabelText("Date de début de l'action I.A.2"), { target: { value: "2023-01-01" } });
  const progress = screen.getByLabelText("Avancement en pourcentage de l'action I.A.1");
  fireEvent.change(progress, { target: { value: "150" } });
  fireEvent.blur(progress);
  fireEvent.click(screen.getByRole("button", { name: "Enregistrer" }));
  expect(await screen.findByText("L'échéancier n'a pas été enregistré :")).toBeTruthy();
  expect(screen.getByText("I.A.2 : la date de fin précède la date de début.")).toBeTruthy();
  expect(service.calls.writeSchedule).toEqual([]);
});

test("a service failure while saving is shown in French", async () => {
  const service = stubService();
  service.scheduleValue = ok(rows);
  service.writeValue = fail({ code: "check.sheet_missing", params: { sheet: "Échéancier" } });
  renderPane(service, { loadEmbedded: noPlan });
  await loadSchedule();
  fireEvent.click(screen.getByRole("button", { name: "Enregistrer" }));
  expect(await screen.findByText("L'onglet « Échéancier » manque (renommé ou supprimé ?)")).toBeTruthy();
});
