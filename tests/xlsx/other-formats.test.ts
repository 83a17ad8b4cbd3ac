import { strToU8, zipSync } from "fflate";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAsync, type Io } from "../../src/cli/main";
import { formatMessage } from "../../src/domain/messages";
import { readXlsx } from "../../src/xlsx/read";

jest.setTimeout(120_000);

/**
 * Files that are not `.xlsx` (issue 11): an `.ods` return was told it was not produced by
 * `ctg build`, an encrypted file got a generic reason, and an unreadable return was labelled
 * « classeur complet » with advice about its structure. Each now gets its own French reason.
 */
const CFB = Buffer.from("D0CF11E0A1B11AE1", "hex");
const utf16 = (s: string) => Buffer.from(s, "utf16le");
const ods = zipSync({
  mimetype: [strToU8("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }],
  "content.xml": strToU8("<office:document-content/>"),
});
const encrypted = Buffer.concat([
  CFB,
  Buffer.alloc(400),
  utf16("EncryptionInfo"),
  Buffer.alloc(200),
  utf16("EncryptedPackage"),
]);
const xls = Buffer.concat([CFB, Buffer.alloc(400), utf16("Workbook"), Buffer.alloc(200)]);

describe("a file that is not an .xlsx", () => {
  it.each([
    ["an OpenDocument spreadsheet", ods, "check.ods", /OpenDocument \(\.ods/],
    [
      "a workbook encrypted with a password",
      encrypted,
      "check.encrypted",
      /mot de passe à l'ouverture/,
    ],
    ["an old .xls workbook", xls, "check.xls", /ancien format \(\.xls\)/],
    ["a text file", Buffer.from("bonjour"), "check.not_xlsx", /pas un classeur Excel/],
  ])("%s gets its own reason", async (_what, bytes, code, text) => {
    const read = await readXlsx(bytes);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problem.code).toBe(code);
    expect(formatMessage(read.problem)).toMatch(text);
  });

  it("is labelled unreadable in a merge, with advice that fits", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ctg-other-"));
    const lines: string[] = [];
    const io: Io = { out: (l) => lines.push(l), err: (l) => lines.push(l) };
    expect(await runAsync(["build", "--out", join(dir, "maitre.xlsx")], io)).toBe(0);
    writeFileSync(join(dir, "retour.ods"), ods);
    writeFileSync(join(dir, "retour-chiffre.xlsx"), encrypted);
    const status = await runAsync(
      [
        "merge",
        join(dir, "maitre.xlsx"),
        join(dir, "retour.ods"),
        join(dir, "retour-chiffre.xlsx"),
        "--out",
        join(dir, "fusion.xlsx"),
      ],
      io
    );
    expect(status).toBe(1);
    const text = lines.join("\n");
    expect(text).toMatch(/retour\.ods \(fichier illisible\) : refusé/);
    expect(text).toMatch(/retour-chiffre\.xlsx \(fichier illisible\) : refusé/);
    expect(text).toMatch(/2 fichier\(s\) illisible\(s\)/);
    expect(text).not.toMatch(/classeur complet|sans en modifier la structure/);
  });
});
