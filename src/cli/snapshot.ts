import { takeSnapshot } from "../app/snapshot";
import { frenchDate } from "../domain/snapshot/sheet";
import { message } from "../domain/messages/types";
import { missingArgument, parseCommand, yearOption } from "./args";
import { packageVersion, samePath } from "./io";
import { complain, EXIT, say, type Io } from "./output";
import { openWorkbook, writeOutput } from "./workflow";

/**
 * `ctg snapshot CLASSEUR --annee 2023 --out FICHIER [--force] [--plan F]`: the workbook with the
 * year's bilan frozen in a protected sheet « Bilan 2023 » (values, statuses, comments as they are
 * today). A year already frozen is refused unless `--force`, which replaces it (and an existing
 * output file).
 */
export async function cmdSnapshot(args: string[], io: Io): Promise<number> {
  const parsed = parseCommand(args, {
    annee: { type: "string" },
    out: { type: "string" },
    plan: { type: "string" },
    force: { type: "boolean" },
  });
  if ("code" in parsed) return (complain(io, parsed), EXIT.unusable);
  const file = parsed.positionals[0];
  const out = typeof parsed.values.out === "string" ? parsed.values.out : undefined;
  if (!file || parsed.values.annee === undefined || !out)
    return missingArgument(
      io,
      "ctg snapshot classeur.xlsx --annee 2023 --out classeur-bilan-2023.xlsx",
      [
        [file, "le classeur dont figer le bilan"],
        [parsed.values.annee, "l'année du bilan (--annee)"],
        [out, "le fichier de sortie (--out)"],
      ]
    );
  const year = yearOption(parsed.values.annee);
  if (typeof year !== "number") return (complain(io, year), EXIT.unusable);
  if (samePath(out, file)) return (complain(io, message("merge.same_file")), EXIT.unusable);
  const force = parsed.values.force === true;
  const plan = typeof parsed.values.plan === "string" ? parsed.values.plan : undefined;
  const opened = await openWorkbook(file, plan);
  if (!opened.ok) return (opened.problems.forEach((m) => complain(io, m)), EXIT.unusable);
  const taken = takeSnapshot(opened.value, year, {
    force,
    now: new Date(),
    generatorVersion: packageVersion(),
  });
  if (!taken.ok) return (taken.problems.forEach((m) => complain(io, m)), EXIT.unusable);
  const { writeXlsx } = await import("../xlsx/write");
  let userSheets: readonly string[] = [];
  const bytes = await writeXlsx(taken.value.model, {
    keepUserSheetsFrom: opened.value.bytes,
    onUserSheets: (names) => (userSheets = names),
  });
  const written = writeOutput(io, out, bytes, force);
  if (!written) return EXIT.unusable;
  const { snapshot, replaced, entered } = taken.value;
  if (replaced)
    say(
      io,
      message("snapshot.replaced", {
        year: String(year),
        previous: frenchDate(replaced.takenOn),
      })
    );
  say(
    io,
    message("snapshot.written", {
      year: String(year),
      taken: frenchDate(snapshot.takenOn),
      rows: snapshot.rows.length,
      entered,
      file: written,
    })
  );
  if (userSheets.length > 0)
    say(io, message("update.user_sheets", { names: userSheets.join(", ") }));
  return EXIT.ok;
}
