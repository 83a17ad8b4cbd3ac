/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { partnerDirectory, type PartnerName } from "../../src/domain/plan/partners";
import { formatNumberFr } from "../../src/domain/messages/format";
import type { PlanLoad } from "../../src/taskpane/state/planSource";
import { loadEmbeddedPlan } from "../../src/taskpane/state/planSource";
import type {
  ImportConflict,
  ImportPreview,
  ImportResult,
  Outcome,
  PartnerFile,
} from "../../src/app/port";
import { deferred, englishIn, fail, fileReport, ok, stubService } from "./stubService";
import { isOff, renderPane, upTo, userText, stubObjectUrls } from "./helpers";

// The whole pane (Fluent UI in jsdom) renders in each test, and its lazy parts are compiled on first
// use: seconds each on a loaded 2-core machine. Waits for what shows up use helpers.tsx's timeout.
jest.setTimeout(60_000);

let embedded: PlanLoad;
let directory: PartnerName[];
let planId: string;
const loadEmbedded = (): Promise<PlanLoad> => Promise.resolve(embedded);
const noPlan = (): Promise<PlanLoad> => Promise.resolve({ ok: false, problems: [] });

beforeAll(async () => {
  embedded = await loadEmbeddedPlan();
  if (!embedded.ok) throw new Error("embedded plan");
  directory = partnerDirectory(embedded.plan);
  planId = embedded.plan.id;
});

let blobs: Map<string, Blob>;
let revoked: string[];
beforeEach(() => {
  ({ blobs, revoked } = stubObjectUrls());
});

/** Text compared as it is (the default normaliser turns French narrow no-break spaces into spaces). */
const exact = { normalizer: (text: string) => text };
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const button = (name: string, root: HTMLElement = document.body): HTMLButtonElement =>
  within(root).getByRole("button", { name }) as HTMLButtonElement;

/** A section of the panel, found by its heading (the panel's parts load lazily, in their own chunk). */
async function region(heading: string): Promise<HTMLElement> {
  const title = await screen.findByText(heading, { selector: "h3" }); // waits PANE_WAIT_MS (helpers.tsx)
  const section = title.closest("section");
  if (!section || section.getAttribute("aria-labelledby") !== title.id)
    throw new Error(`no section « ${heading} »`);
  return section;
}
const exportRegion = (): Promise<HTMLElement> => region("Préparer un classeur partenaire");
const importRegion = (): Promise<HTMLElement> => region("Importer des retours");

// The list holds ~200 partners: plain DOM queries keep these tests fast (role queries are slow there).
function partnerList(root: HTMLElement): HTMLElement {
  const list = root.querySelector<HTMLElement>(
    '[role="group"][aria-label="Partenaires cités dans le plan"]'
  );
  if (!list) throw new Error("no partner list");
  return list;
}

function checkboxes(root: HTMLElement): HTMLInputElement[] {
  return [...partnerList(root).querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
}

/** A checkbox's label (`input.labels` scans the whole document in jsdom: too slow for 200 boxes). */
function labelOf(box: HTMLInputElement): string {
  const label = box.parentElement?.querySelector(`label[for="${box.id}"]`);
  return label?.textContent ?? "";
}

/** The listed partners, as their checkboxes' labels read. */
function labels(root: HTMLElement): string[] {
  return checkboxes(root).map(labelOf);
}

/** The names of the listed partners (without the number of actions). */
function listed(root: HTMLElement): string[] {
  return labels(root).map((l) => l.replace(/ \(\d+ actions?\)$/, ""));
}

function search(root: HTMLElement, text: string): void {
  const box = root.querySelector<HTMLInputElement>('input[type="search"]');
  if (!box) throw new Error("no search box");
  expect(root.querySelector(`label[for="${box.id}"]`)?.textContent).toBe(
    "Rechercher un partenaire"
  );
  fireEvent.change(box, {
    target: { value: text },
  });
}

function checkbox(root: HTMLElement, name: string): HTMLInputElement {
  const box = checkboxes(root).find((c) => labelOf(c).replace(/ \(\d+ actions?\)$/, "") === name);
  if (!box) throw new Error(`no checkbox ${name}`);
  return box;
}

/** Searches the name as a user would, then ticks it. */
function check(root: HTMLElement, name: string): void {
  search(root, name);
  fireEvent.click(checkbox(root, name));
}

test("partners are listed with their number of actions, filtered by words without case nor accents, and chosen", async () => {
  renderPane(stubService({ ctg: true }), { section: "partners", loadEmbedded });
  const region = await exportRegion();
  const [first] = directory;
  expect(directory.length).toBeGreaterThan(100);
  // The most cited first; the others on demand (or by a search).
  expect(listed(region)).toEqual(directory.slice(0, 40).map((p) => p.name));
  expect(
    within(region).getByText(`40 partenaires affichés sur ${formatNumberFr(directory.length)}.`)
  ).toBeTruthy();
  expect(
    within(region).getByText(
      `Et ${directory.length - 40} autres, moins souvent cités : précisez la recherche ou affichez-les tous.`
    )
  ).toBeTruthy();
  fireEvent.click(button(`Afficher les ${directory.length} partenaires`, region));
  expect(listed(region)).toEqual(directory.map((p) => p.name));
  expect(document.activeElement).toBe(checkboxes(region)[40]);
  expect(
    within(region).getByText(
      `${formatNumberFr(directory.length)} partenaires affichés sur ${formatNumberFr(directory.length)}.`
    )
  ).toBeTruthy();
  expect(within(region).queryByText(/moins souvent cités/)).toBeNull();
  expect(labels(region)[0]).toBe(`${first?.name} (${first?.actions.length} actions)`);
  expect(checkboxes(region)[0]?.getAttribute("type")).toBe("checkbox");

  // Words, any case, any accent: « PERISCOLAIRES » finds « Accueils périscolaires ».
  search(region, "PERISCOLAIRES");
  const periscolaires = directory
    .filter((p) => /p[ée]riscolaires/i.test(p.name))
    .map((p) => p.name);
  expect(periscolaires).toContain("Accueils périscolaires");
  expect(listed(region)).toEqual(periscolaires);
  fireEvent.click(checkbox(region, "Accueils périscolaires"));

  search(region, "accueils périsco");
  expect(listed(region)).toContain("Accueils périscolaires");
  expect(listed(region).every((n) => /accueils/i.test(n))).toBe(true);

  search(region, "caf");
  // « Caf12 » is a variant of the CAF in the embedded plan: one name, the canonical one.
  expect(listed(region)).toEqual(expect.arrayContaining(["CAF"]));
  expect(listed(region)).not.toContain("Caf12");
  expect(listed(region).every((n) => /caf/i.test(n))).toBe(true);
  fireEvent.click(checkbox(region, "CAF"));

  search(region, "zzz introuvable");
  expect(
    within(region).getByText("Aucun partenaire ne correspond à « zzz introuvable ».")
  ).toBeTruthy();
  expect(region.querySelector('[aria-label="Partenaires cités dans le plan"]')).toBeNull();

  // The choice outlives the filter, in the directory's order (most cited first).
  search(region, "");
  expect(
    within(region).getByText("2 partenaires choisis : CAF, Accueils périscolaires.")
  ).toBeTruthy();
  expect(checkbox(region, "CAF").checked).toBe(true);
  expect(checkbox(region, "Accueils périscolaires").checked).toBe(true);
  expect(checkboxes(region).filter((c) => c.checked)).toHaveLength(2);
  expect(isOff(button("Préparer", region))).toBe(false);

  fireEvent.click(button("Tout désélectionner", region));
  expect(
    within(region).getByText("Aucun partenaire choisi : cochez un ou plusieurs noms.")
  ).toBeTruthy();
  expect(isOff(button("Préparer", region))).toBe(true);
  expect(englishIn(userText(document.body))).toEqual([]);
});

test("preparing gives a download link per partner with its file name, and opens it in Excel where supported", async () => {
  const service = stubService({ ctg: true });
  const gate = deferred<Outcome<PartnerFile[]>>();
  const defaultPrepare = service.prepareImpl;
  service.prepareImpl = async (plan, partners) => {
    await gate.promise;
    return defaultPrepare(plan, partners);
  };
  const { unmount } = renderPane(service, { section: "partners", loadEmbedded });
  const region = await exportRegion();
  check(region, "CSC");
  check(region, "CAF");
  fireEvent.click(button("Préparer", region));
  expect(await within(region).findByText("Préparation des classeurs…")).toBeTruthy();
  expect(isOff(button("Préparer", region))).toBe(true);
  await act(async () => gate.resolve(ok([])));

  expect(await within(region).findByText("2 classeurs préparés :")).toBeTruthy();
  expect(service.calls.preparePartners).toHaveLength(1);
  expect(service.calls.preparePartners[0]?.partners).toEqual(["CSC", "CAF"]);
  expect(service.calls.preparePartners[0]?.plan.id).toBe(planId);

  const caf = within(region).getByRole("group", { name: "CAF" });
  const link = within(caf).getByRole("link", {
    name: `Télécharger « classeur-${planId}-caf.xlsx »`,
  });
  expect(link.getAttribute("download")).toBe(`classeur-${planId}-caf.xlsx`);
  const url = link.getAttribute("href") ?? "";
  expect(blobs.get(url)?.type).toBe(XLSX_TYPE);
  expect(blobs.get(url)?.size).toBe(4);
  expect(within(caf).getByText("4 actions, 12 saisies reprises de ce classeur.")).toBeTruthy();
  const csc = within(region).getByRole("group", { name: "CSC" });
  expect(
    within(csc)
      .getByRole("link", { name: `Télécharger « classeur-${planId}-csc.xlsx »` })
      .getAttribute("download")
  ).toBe(`classeur-${planId}-csc.xlsx`);

  fireEvent.click(button("Ouvrir dans Excel", csc));
  expect(
    await within(region).findByText(
      `« classeur-${planId}-csc.xlsx » est ouvert dans une nouvelle fenêtre d'Excel.`
    )
  ).toBeTruthy();
  expect(service.calls.openPartnerFile.map((f) => f.partner)).toEqual(["CSC"]);

  // Preparing again replaces the links (the old URLs are revoked), and so does leaving the pane.
  const first = [...blobs.keys()];
  fireEvent.click(button("Préparer", region));
  await waitFor(() => expect(service.calls.preparePartners).toHaveLength(2));
  await waitFor(() => expect(revoked).toEqual(first));
  expect(
    await within(region).findByRole("link", { name: `Télécharger « classeur-${planId}-caf.xlsx »` })
  ).toBeTruthy();
  unmount();
  expect(revoked.sort()).toEqual([...blobs.keys()].sort());
  expect(englishIn(userText(document.body))).toEqual([]);
});

test("without a way to open workbooks, only the download is offered; problems are shown in French", async () => {
  const service = stubService({ ctg: true });
  service.canOpen = false;
  renderPane(service, { section: "partners", loadEmbedded });
  const region = await exportRegion();
  check(region, "CAF");
  fireEvent.click(button("Préparer", region));
  expect(
    await within(region).findByRole("link", { name: `Télécharger « classeur-${planId}-caf.xlsx »` })
  ).toBeTruthy();
  expect(within(region).queryByRole("button", { name: "Ouvrir dans Excel" })).toBeNull();
  expect(
    within(region).getByText(
      /ne peut pas ouvrir un nouveau classeur depuis le complément : téléchargez le fichier/
    )
  ).toBeTruthy();

  service.prepareImpl = async () =>
    fail({ code: "merge.unknown_partner", params: { partner: "CAF" } });
  fireEvent.click(button("Préparer", region));
  expect(
    await within(region).findByText(
      "Le partenaire « CAF » n'a aucune action dans le plan du classeur maître"
    )
  ).toBeTruthy();
  expect(within(region).queryByRole("link")).toBeNull();

  service.canOpen = true;
  service.prepareImpl = async (_plan, partners) =>
    ok(
      partners.map((p) => ({
        partner: p,
        fileName: "caf.xlsx",
        bytes: new Uint8Array([1]),
        actions: 1,
        rows: 3,
        entries: 0,
      }))
    );
  service.openValue = fail({ code: "office.cannot_open", params: {} });
  fireEvent.click(button("Préparer", region));
  fireEvent.click(await within(region).findByRole("button", { name: "Ouvrir dans Excel" }));
  expect(
    await within(region).findByText(/Cette version d'Excel ne peut pas ouvrir un nouveau classeur/)
  ).toBeTruthy();
  expect(within(region).getByText("1 action, 0 saisie reprise de ce classeur.")).toBeTruthy();

  const spy = jest.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    service.preparePartners = () => Promise.reject(new Error("Network Error"));
    fireEvent.click(button("Préparer", region));
    expect(
      await within(region).findByText(/L'opération a échoué de façon inattendue/)
    ).toBeTruthy();
  } finally {
    spy.mockRestore();
  }
  expect(englishIn(userText(document.body))).toEqual([]);
});

// --- Importing returns

const conflicts: ImportConflict[] = [
  {
    id: "c1",
    file: "retour-caf.xlsx",
    partner: "CAF",
    sheet: "Axe I",
    key: "I.A.1-RES-1",
    label: "Nombre d'enfants accueillis",
    column: "2023",
    kind: "conflict",
    sentValue: null,
    masterValue: 12,
    returnedValue: 14,
  },
  {
    id: "c2",
    file: "retour-caf.xlsx",
    partner: "CAF",
    sheet: "Axe I",
    key: "I.A.1-RES-1",
    label: "Nombre d'enfants accueillis",
    column: "2024",
    kind: "conflict",
    sentValue: null,
    masterValue: 1250.5,
    returnedValue: "mille",
  },
  {
    id: "c3",
    file: "retour-caf.xlsx",
    partner: "CAF",
    sheet: "Axe II",
    key: "II.A.2",
    label: "Soutenir les parents",
    column: "Commentaire",
    kind: "conflict",
    sentValue: null,
    masterValue: "",
    returnedValue: "Bilan positif",
  },
];

const refusedReport = fileReport("retour-csc.xlsx", "CSC", {
  problems: [
    { code: "merge.sheet_missing", params: { sheet: "Axe I" } },
    { code: "merge.unprotected", params: { sheet: "Axe II" } },
  ],
});

const preview: ImportPreview = {
  files: [
    fileReport("retour-caf.xlsx", "CAF", {
      added: 12,
      same: 1250,
      conflicts: 3,
      warnings: [{ code: "merge.sheet_added", params: { sheet: "Notes" } }],
      invalid: [
        {
          key: "I.A.1-RES-2",
          column: "2023",
          problem: { code: "entry.text_not_number", params: { text: "douze" } },
        },
      ],
    }),
    refusedReport,
  ],
  conflicts,
};

const result: ImportResult = {
  files: [
    fileReport("retour-caf.xlsx", "CAF", { added: 12, same: 1250, conflicts: 3 }),
    refusedReport,
  ],
  written: 13,
  journalRows: 3,
};

function pick(region: HTMLElement, files: File[]): void {
  const input = within(region).getByLabelText(
    "Classeurs renvoyés par les partenaires (fichiers .xlsx)"
  );
  fireEvent.change(input, { target: { files } });
}

const returns = (): File[] => [
  new File([new Uint8Array([80, 75, 3, 4])], "retour-caf.xlsx", { type: XLSX_TYPE }),
  new File([new Uint8Array([80, 75, 5, 6])], "retour-csc.xlsx", { type: XLSX_TYPE }),
  new File(["notes"], "notes.txt", { type: "text/plain" }),
];

async function analysed(service: ReturnType<typeof stubService>): Promise<HTMLElement> {
  service.previewImpl = async () => ok(preview);
  service.applyImpl = async () => ok(result);
  renderPane(service, { section: "partners", loadEmbedded });
  const region = await importRegion();
  expect(within(region).getByText("Aucun fichier choisi.")).toBeTruthy();
  expect(isOff(button("Analyser", region))).toBe(true);
  pick(region, returns());
  expect(
    await within(region).findByText("2 fichiers choisis : retour-caf.xlsx, retour-csc.xlsx.")
  ).toBeTruthy();
  fireEvent.click(button("Analyser", region));
  await within(region).findByRole("list", { name: "Conflits entre le classeur et les retours" });
  return region;
}

function choiceGroup(region: HTMLElement, key: string, column: string): HTMLElement {
  return within(region).getByRole("radiogroup", {
    name: `Choix pour ${key}, ${column} (retour-caf.xlsx)`,
  });
}

test("the analysis shows each file merged or refused with its reasons, its counts, warnings and invalid entries, and the conflicts", async () => {
  const service = stubService({ ctg: true });
  const region = await analysed(service);
  expect(
    within(region).getByText("« notes.txt » n'est pas un classeur Excel (.xlsx) : il est ignoré.")
  ).toBeTruthy();
  // The bytes were read (jsdom has no Blob.arrayBuffer: the FileReader way) and given to the service.
  expect(service.calls.previewImport).toHaveLength(1);
  expect(service.calls.previewImport[0]?.plan.id).toBe(planId);
  expect(service.calls.previewImport[0]?.files.map((f) => [f.name, [...f.bytes]])).toEqual([
    ["retour-caf.xlsx", [80, 75, 3, 4]],
    ["retour-csc.xlsx", [80, 75, 5, 6]],
  ]);

  const caf = within(region).getByRole("group", { name: "retour-caf.xlsx — CAF" });
  expect(within(caf).getByText("À importer")).toBeTruthy();
  expect(
    within(caf).getByText("12 saisies à ajouter, 1\u202f250 identiques, 3 conflits.", exact)
  ).toBeTruthy();
  expect(
    within(caf).getByText("Un onglet « Notes » a été ajouté (il n'est pas repris)")
  ).toBeTruthy();
  expect(
    within(caf).getByText("1 saisie invalide reprise telle quelle (les statuts la signaleront) :")
  ).toBeTruthy();
  expect(
    within(caf).getByText(/^I\.A\.1-RES-2 2023 : « douze » n'est pas un nombre : saisissez/)
  ).toBeTruthy();

  const csc = within(region).getByRole("group", { name: "retour-csc.xlsx — CSC" });
  expect(within(csc).getByText("Refusé")).toBeTruthy();
  expect(within(csc).getByText("Fichier refusé : rien n'en sera importé.")).toBeTruthy();
  expect(within(csc).getByText("L'onglet « Axe I » a été supprimé")).toBeTruthy();
  expect(within(csc).getByText(/^La protection de l'onglet « Axe II » a été retirée/)).toBeTruthy();
  expect(within(csc).queryByText(/à ajouter/)).toBeNull();

  // One card per conflict: the indicator and year, the partner, the values as the workbook shows
  // them (numbers in French), and the choice.
  const list = within(region).getByRole("list", {
    name: "Conflits entre le classeur et les retours",
  });
  const cards = within(list).getAllByRole("listitem");
  expect(
    cards.map(
      (c) =>
        c.getAttribute("aria-labelledby") &&
        document.getElementById(c.getAttribute("aria-labelledby") ?? "")?.textContent
    )
  ).toEqual(["I.A.1-RES-1 — 2023", "I.A.1-RES-1 — 2024", "II.A.2 — Commentaire"]);
  const text = (c: HTMLElement | undefined): string =>
    (c?.textContent ?? "").replace(/[ \t\n]+/g, " ");
  expect(text(cards[0])).toContain("Nombre d'enfants accueillis");
  expect(text(cards[0])).toContain("CAF");
  expect(text(cards[0])).toContain("Valeur du classeur12Valeur renvoyée14");
  expect(text(cards[1])).toContain("Valeur du classeur1\u202f250,5Valeur renvoyéemille");
  expect(text(cards[2])).toContain("Valeur du classeur(vide)Valeur renvoyéeBilan positif");
  // The workbook's value is kept unless chosen otherwise.
  for (const c of conflicts)
    expect(
      (
        within(choiceGroup(region, c.key, c.column)).getByRole("radio", {
          name: "Garder la valeur du classeur",
        }) as HTMLInputElement
      ).checked
    ).toBe(true);
  expect(within(region).getByText("3 conflits : 3 valeurs gardées, 0 valeur prise.")).toBeTruthy();
  expect(service.calls.applyImport).toHaveLength(0);
  expect(englishIn(userText(document.body))).toEqual([]);
});

test("a choice per conflict reaches the import; the result is shown and the import cannot run twice", async () => {
  const service = stubService({ ctg: true });
  const region = await analysed(service);
  fireEvent.click(
    within(choiceGroup(region, "I.A.1-RES-1", "2024")).getByRole("radio", {
      name: "Prendre la valeur renvoyée",
    })
  );
  expect(within(region).getByText("3 conflits : 2 valeurs gardées, 1 valeur prise.")).toBeTruthy();

  const gate = deferred<Outcome<ImportResult>>();
  service.applyImpl = () => gate.promise;
  const importButton = button("Importer", region);
  fireEvent.click(importButton);
  fireEvent.click(importButton);
  expect(await within(region).findByText("Importation…")).toBeTruthy();
  expect(isOff(button("Importer", region))).toBe(true);
  await act(async () => gate.resolve(ok(result)));

  expect(service.calls.applyImport).toHaveLength(1);
  const call = service.calls.applyImport[0];
  expect(call?.plan.id).toBe(planId);
  expect(call?.files.map((f) => f.name)).toEqual(["retour-caf.xlsx", "retour-csc.xlsx"]);
  expect(call?.files).toEqual(service.calls.previewImport[0]?.files);
  expect([...(call?.choices ?? [])]).toEqual([
    ["c1", "master"],
    ["c2", "return"],
    ["c3", "master"],
  ]);

  expect(
    await within(region).findByText(
      "Importation terminée : 13 saisies écrites dans le classeur, 3 lignes ajoutées au Journal des imports."
    )
  ).toBeTruthy();
  expect(
    within(region).getByText("1 fichier refusé, rien n'en a été importé : retour-csc.xlsx.")
  ).toBeTruthy();
  const caf = within(region).getByRole("group", { name: "retour-caf.xlsx — CAF" });
  expect(within(caf).getByText("Importé")).toBeTruthy();
  expect(
    within(caf).getByText("12 saisies ajoutées, 1\u202f250 identiques, 3 conflits.", exact)
  ).toBeTruthy();
  expect(within(region).getByText("Fichier refusé : rien n'en a été importé.")).toBeTruthy();

  // Nothing can run the same import again: import, analysis and choices are off until new files.
  expect(isOff(button("Importer", region))).toBe(true);
  expect(isOff(button("Analyser", region))).toBe(true);
  expect(
    (
      within(choiceGroup(region, "I.A.1-RES-1", "2023")).getByRole("radio", {
        name: "Prendre la valeur renvoyée",
      }) as HTMLInputElement
    ).disabled
  ).toBe(true);
  expect(isOff(button("Tout prendre", region))).toBe(true);
  fireEvent.click(button("Importer", region));
  expect(service.calls.applyImport).toHaveLength(1);
  expect(
    within(region).getByText("Pour importer d'autres retours, choisissez de nouveaux fichiers.")
  ).toBeTruthy();

  pick(region, [new File([new Uint8Array([1])], "retour-mairie.xlsx")]);
  expect(await within(region).findByText("1 fichier choisi : retour-mairie.xlsx.")).toBeTruthy();
  expect(isOff(button("Analyser", region))).toBe(false);
  expect(within(region).queryByRole("button", { name: "Importer" })).toBeNull();
  expect(within(region).queryByText(/Importation terminée/)).toBeNull();
  expect(englishIn(userText(document.body))).toEqual([]);
});

test("« Tout prendre » and « Tout garder » set every conflict's choice", async () => {
  const service = stubService({ ctg: true });
  const region = await analysed(service);
  fireEvent.click(button("Tout prendre", region));
  expect(within(region).getByText("3 conflits : 0 valeur gardée, 3 valeurs prises.")).toBeTruthy();
  fireEvent.click(
    within(choiceGroup(region, "II.A.2", "Commentaire")).getByRole("radio", {
      name: "Garder la valeur du classeur",
    })
  );
  fireEvent.click(button("Importer", region));
  await within(region).findByText(/Importation terminée/);
  expect([...(service.calls.applyImport[0]?.choices ?? [])]).toEqual([
    ["c1", "return"],
    ["c2", "return"],
    ["c3", "master"],
  ]);
});

test("« Tout garder » after « Tout prendre » keeps every workbook value", async () => {
  const service = stubService({ ctg: true });
  const region = await analysed(service);
  fireEvent.click(button("Tout prendre", region));
  fireEvent.click(button("Tout garder", region));
  expect(within(region).getByText("3 conflits : 3 valeurs gardées, 0 valeur prise.")).toBeTruthy();
  fireEvent.click(button("Importer", region));
  await within(region).findByText(/Importation terminée/);
  expect([...(service.calls.applyImport[0]?.choices.values() ?? [])]).toEqual([
    "master",
    "master",
    "master",
  ]);
});

test("when every file is refused nothing can be imported; service problems are shown in French", async () => {
  const service = stubService({ ctg: true });
  service.previewImpl = async () => fail({ code: "office.not_ctg", params: {} });
  renderPane(service, { section: "partners", loadEmbedded });
  const region = await importRegion();
  pick(region, returns().slice(1, 2));
  await within(region).findByText("1 fichier choisi : retour-csc.xlsx.");
  fireEvent.click(button("Analyser", region));
  expect(
    await within(region).findByText(
      "Ce classeur ne contient pas de classeur CTG : générez-le d'abord depuis le volet."
    )
  ).toBeTruthy();
  expect(within(region).queryByRole("button", { name: "Importer" })).toBeNull();

  service.previewImpl = async () => ok({ files: [refusedReport], conflicts: [] });
  fireEvent.click(button("Analyser", region));
  expect(await within(region).findByText(/Aucun fichier ne peut être importé/)).toBeTruthy();
  expect(within(region).queryByText(/Ce classeur ne contient pas/)).toBeNull();
  expect(isOff(button("Importer", region))).toBe(true);
  expect(
    within(region).queryByRole("list", { name: "Conflits entre le classeur et les retours" })
  ).toBeNull();

  // An import that fails can be tried again.
  service.previewImpl = async () => ok(preview);
  service.applyImpl = async () => fail({ code: "office.busy", params: {} });
  fireEvent.click(button("Analyser", region));
  await within(region).findByRole("list", { name: "Conflits entre le classeur et les retours" });
  fireEvent.click(button("Importer", region));
  expect(
    await within(region).findByText(
      "Excel est occupé : patientez quelques secondes, puis réessayez."
    )
  ).toBeTruthy();
  expect(isOff(button("Importer", region))).toBe(false);
  expect(englishIn(userText(document.body))).toEqual([]);
});

test("the partner commands need the workbook features and a plan", async () => {
  const service = stubService({ ctg: true });
  renderPane(service, { section: "partners", loadEmbedded, requirements: upTo("1.7") });
  const exporting = await exportRegion();
  check(exporting, "CAF");
  expect(isOff(button("Préparer", exporting))).toBe(true);
  const importing = await importRegion();
  expect(isOff(button("Choisir les classeurs renvoyés…", importing))).toBe(true);
  expect(isOff(button("Analyser", importing))).toBe(true);
});

test("without a valid plan the pane asks for one first", async () => {
  renderPane(stubService({ ctg: true }), { section: "partners", loadEmbedded: noPlan });
  expect(
    await screen.findByText(/Choisissez d'abord un plan valide pour préparer ou importer/)
  ).toBeTruthy();
  expect(screen.queryByRole("region", { name: "Préparer un classeur partenaire" })).toBeNull();
  expect(screen.queryByRole("button", { name: "Analyser" })).toBeNull();
});
