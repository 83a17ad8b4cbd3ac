/**
 * Adversarial suite, theme « damaged and odd files »: what arrives instead of a CTG workbook (an
 * empty file, a text renamed .xlsx, a cut zip, an .ods, an old .xls, an encrypted file, a folder, a
 * missing file, an .xlsx of another origin), masters altered by hand (sheets deleted, renamed,
 * hidden, rows and columns inserted, protection removed, notes beside the tables, metadata edited),
 * outputs that already exist or are an input (never replaced), and `--help` on every command (never
 * acts). Each case asserts the exit status, the French reason, and the entries before and after.
 */
import JSZip from "jszip";
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import {
  FILL,
  ROOT,
  build,
  buildPartner,
  census,
  ctg,
  ctgIn,
  editXlsx,
  editZip,
  exists,
  filled,
  lost,
  setMeta,
  sha256,
  sheetOf,
  smallPlan,
  tempDir,
  tryCensus,
  writeJson,
  type Typed,
  moveLast,
  unprotect,
} from "./helpers";

jest.setTimeout(300_000);

const dir = tempDir("files");
const at = (name: string) => join(dir, name);
let plan = "";
let empty = "";
/** The small master with the standard filling: 7 entries. */
let master = "";

beforeAll(async () => {
  plan = writeJson(at("plan.json"), smallPlan());
  empty = await build(at("vide.xlsx"), "--plan", plan);
  master = await filled(empty, at("maitre.xlsx"));
  expect((await census(master)).total).toBe(FILL.length);
});

// ------------------------------------------------------------------------------------------------
// Files that are not CTG workbooks

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

async function damaged(name: string): Promise<string> {
  const file = at(`abime-${name}`);
  const good = readFileSync(master);
  switch (name) {
    case "vide.xlsx":
      writeFileSync(file, "");
      break;
    case "texte.xlsx":
      writeFileSync(file, "Nos chiffres 2023 : 12 enfants, 15 familles.\n");
      break;
    case "coupe.xlsx":
      writeFileSync(file, good.subarray(0, Math.floor(good.length / 2)));
      break;
    case "entete.xlsx":
      writeFileSync(file, good.subarray(0, 30));
      break;
    case "calc.ods":
    case "calc-renomme.xlsx": {
      const ods = new JSZip();
      ods.file("mimetype", "application/vnd.oasis.opendocument.spreadsheet", {
        compression: "STORE",
      });
      ods.file("content.xml", "<office:document-content/>");
      writeFileSync(file, await ods.generateAsync({ type: "nodebuffer" }));
      break;
    }
    case "ancien.xls": {
      const bytes = Buffer.alloc(4096);
      Buffer.from(CFB).copy(bytes, 0);
      writeFileSync(file, bytes);
      break;
    }
    case "chiffre.xlsx": {
      const bytes = Buffer.alloc(4096);
      Buffer.from(CFB).copy(bytes, 0);
      Buffer.from("EncryptionInfo", "utf16le").copy(bytes, 1024);
      Buffer.from("EncryptedPackage", "utf16le").copy(bytes, 1200);
      writeFileSync(file, bytes);
      break;
    }
    case "sans-meta.xlsx":
      await editZip(master, file, async (zip) => {
        const book = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
        zip.file("xl/workbook.xml", book.replace(/<sheet [^>]*name="CTG_meta"[^>]*\/>/, ""));
      });
      break;
    case "xml-casse.xlsx":
      await editZip(master, file, (zip) => {
        zip.file("xl/worksheets/sheet3.xml", '<worksheet><sheetData><row r="1"><c r="A1"');
      });
      break;
    case "sans-classeur.xlsx":
      await editZip(master, file, (zip) => {
        zip.remove("xl/workbook.xml");
      });
      break;
    case "zip-quelconque.xlsx": {
      const zip = new JSZip();
      zip.file("lisez-moi.txt", "rien");
      writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
      break;
    }
    case "un-dossier.xlsx":
      mkdirSync(file, { recursive: true });
      break;
    case "introuvable.xlsx":
      break;
    case "excel-ordinaire.xlsx":
      await editXlsx(master, file, (wb) => {
        const meta = sheetOf(wb, "CTG_meta");
        wb.removeWorksheet(meta.id);
      });
      break;
    case "meta-modifiee.xlsx":
      await editXlsx(master, file, (wb) => setMeta(wb, "schema", "autre-chose/9"));
      break;
    default:
      throw new Error(name);
  }
  return file;
}

const NOT_XLSX = /ce fichier n'est pas un classeur Excel \(\.xlsx\) lisible/;
const ODS = /c'est un classeur OpenDocument \(\.ods, LibreOffice\)/;
const NOT_CTG = /n'est pas un classeur CTG \(il n'a pas été produit par « ctg build »/;
const DAMAGED: Array<[file: string, reason: RegExp]> = [
  ["vide.xlsx", NOT_XLSX],
  ["texte.xlsx", NOT_XLSX],
  ["coupe.xlsx", NOT_XLSX],
  ["entete.xlsx", NOT_XLSX],
  ["calc.ods", ODS],
  ["calc-renomme.xlsx", ODS],
  ["ancien.xls", /c'est un classeur Excel ancien format \(\.xls\)/],
  ["chiffre.xlsx", /ce classeur est protégé par un mot de passe à l'ouverture/],
  ["sans-meta.xlsx", NOT_CTG],
  ["excel-ordinaire.xlsx", NOT_CTG],
  [
    "meta-modifiee.xlsx",
    /les informations internes du classeur CTG sont illisibles ou ont été modifiées/,
  ],
  ["xml-casse.xlsx", NOT_XLSX],
  ["sans-classeur.xlsx", NOT_XLSX],
  ["zip-quelconque.xlsx", NOT_XLSX],
  ["un-dossier.xlsx", /c'est un dossier, pas un fichier/],
  ["introuvable.xlsx", /fichier introuvable/],
];

/** The file's bytes (a folder or a missing file: a mark), to show it was not touched. */
const fingerprint = (file: string): string =>
  !exists(file) ? "absent" : readdirSafe(file) ? "dossier" : sha256(file);
const readdirSafe = (file: string): boolean => {
  try {
    readdirSync(file);
    return true;
  } catch {
    return false;
  }
};

describe("a file that is not a CTG workbook", () => {
  it.each(DAMAGED)("ctg check %s: exit 2 with the reason", async (name, reason) => {
    const file = await damaged(name);
    const before = fingerprint(file);
    const run = await ctg("check", file);
    expect(run.status).toBe(2);
    expect(run.err).toMatch(new RegExp(`Impossible de vérifier .*${name.replace(".", "\\.")}`));
    expect(run.err).toMatch(reason);
    expect(run.out).toBe("");
    expect(fingerprint(file)).toBe(before);
    // The master it was made from still holds its 7 entries.
    expect((await census(master)).total).toBe(FILL.length);
  });

  it.each(DAMAGED)(
    "ctg refresh %s: exit 2 with the reason, nothing written",
    async (name, reason) => {
      const file = await damaged(name);
      const before = fingerprint(file);
      const out = at(`regen-${name}`);
      const run = await ctg("refresh", file, "--out", out);
      expect(run.status).toBe(2);
      expect(run.err).toMatch(reason);
      expect(exists(out)).toBe(false);
      expect(fingerprint(file)).toBe(before);
    }
  );

  it.each(DAMAGED)(
    "ctg merge with %s as a return: refused (exit 1), journaled, the master's entries kept",
    async (name, reason) => {
      const file = await damaged(name);
      const out = at(`fusion-${name}`);
      const run = await ctg("merge", master, file, "--out", out);
      expect(run.status).toBe(1);
      expect(run.out).toMatch(/\(fichier illisible\) : refusé, rien n'est repris/);
      expect(run.out).toMatch(reason);
      expect(run.out).toMatch(/1 fichier\(s\) illisible\(s\) : demandez au partenaire/);
      const after = await census(out);
      expect(after.entries).toHaveLength(FILL.length);
      expect(after.journal.filter((j) => j.outcome === "Retour refusé")).toHaveLength(1);
      expect(lost(after, FILL)).toEqual([]);
    }
  );

  it.each(DAMAGED.filter((_, i) => i % 3 === 0))(
    "ctg merge with %s as the master: exit 2, nothing written",
    async (name, reason) => {
      const file = await damaged(name);
      const caf = await buildPartner(at(`caf-pour-${name}.xlsx`), "CAF", "--from", master);
      const out = at(`fusion-maitre-${name}`);
      const run = await ctg("merge", file, caf, "--out", out);
      expect(run.status).toBe(2);
      expect(run.err).toMatch(reason);
      expect(exists(out)).toBe(false);
    }
  );

  it.each(DAMAGED.filter((_, i) => i % 3 === 1))(
    "ctg build --partner --from %s: exit 2, nothing written",
    async (name, reason) => {
      const file = await damaged(name);
      const out = at(`partenaire-${name}`);
      const run = await ctg("build", "--partner", "CAF", "--from", file, "--out", out);
      expect(run.status).toBe(2);
      expect(run.err).toMatch(reason);
      expect(exists(out)).toBe(false);
    }
  );
});

// ------------------------------------------------------------------------------------------------
// A master altered by hand

type Change = (wb: ExcelJS.Workbook) => void;
const unprotected = (wb: ExcelJS.Workbook, sheet: string): ExcelJS.Worksheet => {
  const ws = sheetOf(wb, sheet);
  return unprotect(ws);
};

const ALTERED: Array<
  [
    name: string,
    change: Change,
    check: [status: number, reason: RegExp],
    refresh: [status: number, reason: RegExp],
    archived: number | null,
  ]
> = [
  [
    "an axis sheet renamed",
    (wb) => void (sheetOf(wb, "Axe I").name = "Axe 1"),
    [2, /l'onglet « Axe I » est introuvable \(renommé ou supprimé\)/],
    [2, /Redonnez-lui son nom « Axe I »/],
    null,
  ],
  [
    "an axis sheet deleted",
    (wb) => wb.removeWorksheet(sheetOf(wb, "Axe III").id),
    [2, /l'onglet « Axe III » est introuvable/],
    [2, /l'onglet « Axe III » est introuvable/],
    null,
  ],
  [
    "an axis sheet hidden",
    (wb) => void (sheetOf(wb, "Axe I").state = "hidden"),
    [0, /Toutes les saisies sont valides/],
    [0, /7 saisie\(s\) gardée\(s\), 0 archivée/],
    0,
  ],
  [
    "the Sommaire deleted",
    (wb) => wb.removeWorksheet(sheetOf(wb, "Sommaire").id),
    [0, /Total : 69 cibles, 5 saisies/],
    [0, /7 saisie\(s\) gardée\(s\), 0 archivée/],
    0,
  ],
  [
    "the Récapitulatif deleted",
    (wb) => wb.removeWorksheet(sheetOf(wb, "Récapitulatif").id),
    [0, /Total : 69 cibles, 5 saisies/],
    [0, /7 saisie\(s\) gardée\(s\), 0 archivée/],
    0,
  ],
  [
    "the sheets reordered",
    (wb) => moveLast(sheetOf(wb, "Axe I")),
    [0, /Total : 69 cibles, 5 saisies/],
    [0, /7 saisie\(s\) gardée\(s\), 0 archivée/],
    0,
  ],
  [
    "a sheet of the user's added",
    (wb) => void (wb.addWorksheet("Notes du comité").getCell("A1").value = "Relancer la CAF"),
    [0, /Toutes les saisies sont valides/],
    [0, /Onglets ajoutés par vous, repris tels quels : Notes du comité/],
    0,
  ],
  [
    "a sheet of the user's named Archives",
    (wb) => void (wb.addWorksheet("Archives").getCell("B2").value = 42),
    [0, /Toutes les saisies sont valides/],
    [2, /l'onglet « Archives » de ce classeur n'est pas celui que le classeur CTG y tient/],
    null,
  ],
  [
    "a sheet of the user's named Journal des imports",
    (wb) => void (wb.addWorksheet("Journal des imports").getCell("A1").value = "mon journal"),
    [0, /Toutes les saisies sont valides/],
    [2, /« Journal des imports » de ce classeur n'est pas celui que le classeur CTG y tient/],
    null,
  ],
  [
    "the protection removed, nothing else",
    (wb) => void unprotected(wb, "Axe I"),
    [0, /Toutes les saisies sont valides/],
    [0, /7 saisie\(s\) gardée\(s\), 0 archivée/],
    0,
  ],
  [
    "a target text changed after removing the protection",
    (wb) => void (unprotected(wb, "Axe I").getCell("H7").value = "≥ 15 enfants (dit le pilote)"),
    [0, /Toutes les saisies sont valides/],
    [0, /archivée H7 {2}« ≥ 15 enfants \(dit le pilote\) » : cellule verrouillée modifiée/],
    1,
  ],
  [
    "a note typed beside the table",
    (wb) => void (unprotected(wb, "Axe I").getCell("AH6").value = "Note du pilote"),
    [0, /Toutes les saisies sont valides/],
    [0, /archivée AH6 {2}« Note du pilote » : saisie hors des cellules de saisie/],
    1,
  ],
  [
    "a row inserted",
    (wb) => void sheetOf(wb, "Axe I").spliceRows(6, 0, ["inséré"]),
    [
      2,
      /la ligne 6 de l'onglet « Axe I » \(inséré\) est illisible : colonnes Type ou Mesure modifiées/,
    ],
    [0, /7 saisie\(s\) gardée\(s\)/],
    null,
  ],
  [
    "a row deleted (without entries)",
    (wb) => void sheetOf(wb, "Axe I").spliceRows(9, 1),
    [0, /Total : 68 cibles, 5 saisies/],
    [0, /7 saisie\(s\) gardée\(s\)/],
    null,
  ],
  [
    "an indicator id edited",
    (wb) => void (unprotected(wb, "Axe I").getCell("A7").value = "I.A.1-RES-9"),
    [0, /Total : 69 cibles/],
    [0, /archivée I\.A\.1-RES-9 2021 « 15 » : indicateur \(ou action\) absent/],
    null,
  ],
  [
    "the metadata's schema edited",
    (wb) => setMeta(wb, "schema", "autre/2"),
    [2, /les informations internes du classeur CTG sont illisibles ou ont été modifiées/],
    [2, /les informations internes du classeur CTG sont illisibles/],
    null,
  ],
];

describe("a master altered by hand", () => {
  it.each(ALTERED)(
    "%s",
    async (name, change, [checkStatus, checkReason], [refreshStatus, refreshReason], archived) => {
      const file = at(`modifie-${name.replace(/\W+/g, "-")}.xlsx`);
      await filled(empty, file, change);
      const check = await ctg("check", file);
      expect(check.status).toBe(checkStatus);
      expect(check.all).toMatch(checkReason);
      const out = at(`modifie-${name.replace(/\W+/g, "-")}-regen.xlsx`);
      const refresh = await ctg("refresh", file, "--out", out);
      expect(refresh.status).toBe(refreshStatus);
      expect(refresh.all).toMatch(refreshReason);
      if (refreshStatus !== 0) {
        expect(exists(out)).toBe(false);
        return;
      }
      const after = await census(out);
      // An edited id takes the row's entries with it (archived under the id the sheet shows).
      const typed = FILL.map((f) =>
        name === "an indicator id edited" && f.key === "I.A.1-RES-1"
          ? { ...f, key: "I.A.1-RES-9" }
          : f
      );
      expect(lost(after, typed)).toEqual([]);
      if (archived !== null) {
        expect(after.entries).toHaveLength(FILL.length);
        expect(after.archives).toHaveLength(archived);
      }
    }
  );
});

describe("a master altered by hand: nothing lost, nothing misreported", () => {
  // A value typed under the table went to the Archives twice, once as « indicateur absent de la
  // nouvelle version du plan » (there is no new version) — issue 11.
  it("a value typed under the table is archived once, as typed outside the input cells", async () => {
    const file = await filled(empty, at("sous-le-tableau.xlsx"), (wb) => {
      unprotected(wb, "Axe I").getCell("R60").value = 99;
    });
    const refresh = await ctg("refresh", file, "--out", at("sous-le-tableau-regen.xlsx"));
    expect(refresh.status).toBe(0);
    expect(refresh.all).toMatch(/saisie hors des cellules de saisie/);
    const after = await census(at("sous-le-tableau-regen.xlsx"));
    expect(lost(after, FILL)).toEqual([]);
    const archived = after.archives.filter((a) => a.value === 99);
    expect(archived).toHaveLength(1);
    expect(archived[0]?.reason).toMatch(/saisie hors des cellules de saisie/);
  });

  // `check` refuses a master whose axis sheet has a column inserted; `refresh` took it and moved
  // every entry of that sheet to the Archives as « indicateur renommé dans la nouvelle version du
  // plan » (there is no new version: the label was read from the wrong column). Now it keeps them.
  it("a column inserted: refresh refuses it as check does, or keeps the entries in place", async () => {
    const file = await filled(empty, at("colonne.xlsx"), (wb) => {
      sheetOf(wb, "Axe I").spliceColumns(3, 0, ["x"]);
    });
    const check = await ctg("check", file);
    expect(check.status).toBe(2);
    expect(check.err).toMatch(/la structure de l'onglet « Axe I » a été modifiée/);
    const out = at("colonne-regen.xlsx");
    const refresh = await ctg("refresh", file, "--out", out);
    expect(refresh.all).not.toMatch(/indicateur renommé dans la nouvelle version du plan/);
    if (refresh.status === 0) expect((await census(out)).entries).toHaveLength(FILL.length);
    else expect(refresh.status).toBe(2);
  });

  // An indicator's wording edited in the master (protection removed): its entries were moved to the
  // Archives as « indicateur renommé dans la nouvelle version du plan » although the plan did not
  // change; now only the edited wording is archived (as a locked cell changed).
  it("an indicator's wording edited: its entries stay in place, the wording is archived", async () => {
    const file = await filled(empty, at("libelle.xlsx"), (wb) => {
      unprotected(wb, "Axe I").getCell("G7").value = "Enfants accueillis (libellé revu)";
    });
    const out = at("libelle-regen.xlsx");
    const refresh = await ctg("refresh", file, "--out", out);
    expect(refresh.status).toBe(0);
    expect(refresh.all).toMatch(/7 saisie\(s\) gardée\(s\), 1 archivée/);
    const after = await census(out);
    expect(after.entries).toHaveLength(FILL.length);
    expect(after.archives).toHaveLength(1);
  });

  // A master whose metadata names a partner the plan does not know: refresh crashed (exit 70,
  // « Cannot set properties of undefined »); now a French refusal.
  it("the metadata's partner edited: a French refusal (exit 2), not an internal error", async () => {
    const file = await filled(empty, at("partenaire-inconnu.xlsx"), (wb) => {
      setMeta(wb, "partner", "Inconnu SARL");
    });
    const out = at("partenaire-inconnu-regen.xlsx");
    const refresh = await ctg("refresh", file, "--out", out);
    expect(refresh.status).toBe(2);
    expect(refresh.all).not.toMatch(/Erreur interne/);
    expect(refresh.err).toMatch(/« Inconnu SARL », que son plan ne cite pas/);
    expect(exists(out)).toBe(false);
  });

  const SCHEDULE_AND_PARAMS: Array<[string, string, string, string, string, string]> = [
    ["Échéancier", "Echeancier", "D6", "I.A.1", "Phase de démarrage", "Court terme"],
    ["Paramètres", "Parametres", "B3", "Date d'évaluation", "#1", "2024-06-30"],
  ];

  it.each(SCHEDULE_AND_PARAMS)(
    "(control) an entry of %s is kept by refresh when the sheet keeps its name",
    async (sheet, renamed, cell, key, column, value) => {
      const typed: Typed = { sheet, key, column, value };
      const file = await filled(empty, at(`garde-${renamed}.xlsx`), (wb) => {
        sheetOf(wb, sheet).getCell(cell).value = value;
      });
      const out = at(`garde-${renamed}-regen.xlsx`);
      const refresh = await ctg("refresh", file, "--out", out);
      expect(refresh.status).toBe(0);
      expect(refresh.all).toMatch(/8 saisie\(s\) gardée\(s\), 0 archivée/);
      expect((await census(file)).total).toBe(FILL.length + 1);
      expect(lost(await census(out), [...FILL, typed])).toEqual([]);
    }
  );

  // A renamed Échéancier (or Paramètres) was carried over as a sheet of the user's, its entries in
  // neither the input cells, the Archives nor the journal; now refused like a renamed axis sheet.
  it.each(SCHEDULE_AND_PARAMS)(
    "a renamed %s: refused with its name (exit 2), nothing written",
    async (sheet, renamed, cell, _key, _column, value) => {
      const file = await filled(empty, at(`renomme-${renamed}.xlsx`), (wb) => {
        sheetOf(wb, sheet).getCell(cell).value = value;
        sheetOf(wb, sheet).name = renamed;
      });
      const out = at(`renomme-${renamed}-regen.xlsx`);
      const refresh = await ctg("refresh", file, "--out", out);
      expect(refresh.status).toBe(2);
      expect(refresh.err).toMatch(new RegExp(`l'onglet « ${sheet} » est introuvable`));
      expect(exists(out)).toBe(false);
    }
  );
});

// ------------------------------------------------------------------------------------------------
// Outputs that exist, outputs that are inputs

describe("an output that exists or is an input is never replaced", () => {
  const CASES: Array<[name: string, argv: (o: string) => string[], reason: RegExp]> = [
    ["build", (o) => ["build", "--plan", plan, "--out", o], /existe déjà ; ajoutez --force/],
    [
      "build --partner",
      (o) => ["build", "--partner", "CAF", "--from", master, "--out", o],
      /existe déjà/,
    ],
    ["refresh", (o) => ["refresh", master, "--out", o], /existe déjà/],
    ["merge", (o) => ["merge", master, master, "--out", o], /existe déjà/],
    ["plan schema", (o) => ["plan", "schema", "--out", o], /existe déjà/],
    [
      "import-text",
      (o) => [
        "import-text",
        join(ROOT, "seeds", "source", "pays-segali-ctg-2021-2025.txt"),
        "--out",
        o,
      ],
      /existe déjà/,
    ],
  ];
  it.each(CASES)(
    "ctg %s --out on an existing file: exit 2, the file unchanged byte for byte",
    async (name, argv, reason) => {
      const taken = await filled(empty, at(`existe-${name.replace(/\W+/g, "-")}.xlsx`));
      const before = sha256(taken);
      const run = await ctg(...argv(taken));
      expect(run.status).toBe(2);
      expect(run.err).toMatch(reason);
      expect(sha256(taken)).toBe(before);
      expect((await census(taken)).total).toBe(FILL.length);
    }
  );

  it.each([
    [
      "refresh --out the input",
      () => ["refresh", master, "--out", master, "--force"],
      /ne peut pas être le classeur maître/,
    ],
    [
      "merge --out the master",
      () => ["merge", master, empty, "--out", master, "--force"],
      /ne peut pas être le classeur maître/,
    ],
    [
      "merge --out a return",
      () => ["merge", empty, master, "--out", master, "--force"],
      /ne peut pas être un des classeurs renvoyés/,
    ],
    [
      "build --partner --out the master",
      () => ["build", "--partner", "CAF", "--from", master, "--out", master, "--force"],
      /ne peut pas être le classeur maître/,
    ],
    [
      "refresh --out the input through a symbolic link",
      () => {
        const link = at("lien");
        if (!exists(link)) symlinkSync(dir, link);
        return ["refresh", master, "--out", join(link, "maitre.xlsx"), "--force"];
      },
      /ne peut pas être le classeur maître/,
    ],
  ])("ctg %s (even with --force): exit 2, the input unchanged", async (_name, argv, reason) => {
    const before = sha256(master);
    const run = await ctg(...argv());
    expect(run.status).toBe(2);
    expect(run.err).toMatch(reason);
    expect(sha256(master)).toBe(before);
    expect((await census(master)).total).toBe(FILL.length);
  });
});

describe("--help never acts", () => {
  const COMMANDS: string[][] = [
    ["build", "--out", "x.xlsx"],
    ["build", "--partner", "CAF", "--out", "caf.xlsx"],
    ["check", "maitre.xlsx"],
    ["merge", "maitre.xlsx", "retour.xlsx", "--out", "fusion.xlsx"],
    ["refresh", "maitre.xlsx", "--out", "regen.xlsx", "--force"],
    ["targets", "--json"],
    ["partners"],
    ["import-text", "plan.txt", "--out", "plan.json"],
    ["plan", "check", "plan.json"],
    ["plan", "diff"],
    ["plan", "schema", "--out", "schema.json"],
  ];
  it.each(COMMANDS)("ctg %s … -h: the command's help, nothing written", async (...argv) => {
    const here = tempDir("help");
    const kept = await filled(empty, join(here, "maitre.xlsx"));
    const before = sha256(kept);
    const run = await ctgIn(here, ...argv, "-h");
    expect(run.status).toBe(0);
    expect(run.out).toMatch(/aide de la commande/);
    expect(run.out).toMatch(/Statuts de sortie/);
    expect(readdirSync(here)).toEqual(["maitre.xlsx"]);
    expect(sha256(kept)).toBe(before);
    const c = await tryCensus(kept);
    expect(typeof c === "string" ? c : c.total).toBe(FILL.length);
  });
});
