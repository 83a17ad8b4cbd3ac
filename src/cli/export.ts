import { existsSync, readFileSync } from "node:fs";
import { consolidate, readChecked, rowsOf, type ConsolidationSource } from "../app/export";
import { momentOf } from "../app/workbooks";
import { exportCsvRows, exportJsonText } from "../domain/export/formats";
import { formatMessage, formatNumberFr, formatPercentFr } from "../domain/messages";
import { message } from "../domain/messages/types";
import { csvText } from "../node/csv";
import { missingArgument, parseCommand, str } from "./args";
import { fileErrorReason, loadPlan, packageVersion, readFileBytes, samePath } from "./io";
import { complain, EXIT, say, type Io } from "./output";
import { writeOutput } from "./workflow";

/**
 * `ctg export` and `ctg consolidate`: files in and out, and printing. The rows and the consolidation
 * workbook are the domain's (src/domain/export/), the reading the app's (src/app/export.ts).
 */

/** The embedded plan (or `--plan`), for a workbook made before the plan was stored in it. */
const fallbackOf = (planFile: string | undefined) => () => {
  const loaded = loadPlan(planFile);
  return loaded.ok ? loaded.value : null;
};

/** « Le fichier existe déjà » for an output that exists, unless `--force`; true when refused. */
function outTaken(io: Io, out: string, force: boolean): boolean {
  if (force || !existsSync(out)) return false;
  complain(
    io,
    message("cli.write_failed", { file: out, reason: formatMessage(message("io.exists")) })
  );
  return true;
}

/** `ctg export CLASSEUR --format csv|json --out FICHIER [--force] [--plan F]`. */
export async function cmdExport(args: string[], io: Io): Promise<number> {
  const parsed = parseCommand(args, {
    format: { type: "string" },
    out: { type: "string" },
    plan: { type: "string" },
    force: { type: "boolean" },
  });
  if ("code" in parsed) return (complain(io, parsed), EXIT.unusable);
  const file = parsed.positionals[0];
  const out = str(parsed.values.out);
  if (!file || !out)
    return missingArgument(io, "ctg export classeur.xlsx --format csv --out export.csv", [
      [file, "le classeur à exporter"],
      [out, "le fichier de sortie (--out)"],
    ]);
  // The format: --format, else the extension of --out, else CSV.
  const given = str(parsed.values.format)?.trim().toLowerCase();
  const format = given ?? (/\.json$/i.test(out) ? "json" : "csv");
  if (format !== "csv" && format !== "json")
    return (complain(io, message("export.bad_format", { value: given ?? "" })), EXIT.unusable);
  if (samePath(out, file))
    return (complain(io, message("export.out_is_input", { file: out })), EXIT.unusable);
  const force = parsed.values.force === true;
  if (outTaken(io, out, force)) return EXIT.unusable;
  const bytes = readFileBytes(file);
  if (!bytes.ok) return (bytes.problems.forEach((m) => complain(io, m)), EXIT.unusable);
  const checked = await readChecked(bytes.value, fallbackOf(str(parsed.values.plan)), new Date());
  if (!checked.ok) {
    checked.reasons.forEach((reason) =>
      complain(io, message("export.unusable", { file, reason: formatMessage(reason) }))
    );
    return EXIT.unusable;
  }
  const rows = rowsOf(checked.value);
  const data = format === "csv" ? await csvText(exportCsvRows(rows)) : exportJsonText(rows);
  const written = writeOutput(io, out, data, force);
  if (!written) return EXIT.unusable;
  const targets = checked.value.report.indicators.length;
  say(
    io,
    message("export.written", {
      file: written,
      format: format.toUpperCase(),
      rows: rows.length,
      targets,
      years: targets === 0 ? 0 : rows.length / targets,
    })
  );
  return EXIT.ok;
}

const percent = (v: number | null): string =>
  v === null ? "sans objet" : formatPercentFr(Math.round(v * 1000) / 10);

/**
 * `ctg consolidate A.xlsx B.xlsx... --out consolidation.xlsx [--force] [--json] [--plan F]`. A file
 * that is not a readable CTG workbook is left out with its reason and the others are consolidated:
 * exit 1 (like a refused return in `ctg merge`); 2 when none can be, or the command cannot run.
 */
export async function cmdConsolidate(args: string[], io: Io): Promise<number> {
  const parsed = parseCommand(args, {
    out: { type: "string" },
    plan: { type: "string" },
    force: { type: "boolean" },
    json: { type: "boolean" },
  });
  if ("code" in parsed) return (complain(io, parsed), EXIT.unusable);
  const files = parsed.positionals;
  const out = str(parsed.values.out);
  if (files.length === 0 || !out)
    return missingArgument(
      io,
      "ctg consolidate territoire-a.xlsx territoire-b.xlsx --out consolidation.xlsx",
      [
        [files.length > 0, "les classeurs CTG des territoires à consolider"],
        [out, "le fichier de sortie (--out)"],
      ]
    );
  const input = files.find((f) => samePath(out, f));
  if (input !== undefined)
    return (complain(io, message("export.out_is_input", { file: out })), EXIT.unusable);
  const force = parsed.values.force === true;
  if (outTaken(io, out, force)) return EXIT.unusable;
  // Each file is read when its turn comes (by `consolidate`), never all of them at once.
  const sources: ConsolidationSource[] = files.map((file, i) => ({
    file,
    load: () => {
      const first = files.slice(0, i).find((f) => samePath(f, file));
      if (first !== undefined) return message("consolidate.duplicate", { first });
      try {
        return readFileSync(file);
      } catch (e) {
        return message("consolidate.read_failed", { reason: fileErrorReason(e) });
      }
    },
  }));
  const now = new Date();
  const { outcomes, model } = await consolidate(sources, fallbackOf(str(parsed.values.plan)), {
    now,
    on: momentOf(now).on,
    generatorVersion: packageVersion(),
  });
  const leftOut = outcomes.filter((o) => o.reason !== undefined);
  for (const o of leftOut)
    if (o.reason)
      complain(
        io,
        message("consolidate.left_out", { file: o.file, reason: formatMessage(o.reason) })
      );
  const consolidated = outcomes.length - leftOut.length;
  if (consolidated === 0) {
    complain(io, message("consolidate.none", { count: files.length }));
    return EXIT.unusable;
  }
  const { writeXlsx } = await import("../xlsx/write");
  const written = writeOutput(io, out, await writeXlsx(model), force);
  if (!written) return EXIT.unusable;
  const status = leftOut.length > 0 ? EXIT.attention : EXIT.ok;
  if (parsed.values.json) {
    io.out(
      JSON.stringify(
        {
          out: written,
          consolidated,
          leftOut: leftOut.length,
          files: outcomes.map((o) =>
            o.figures
              ? { consolidated: true, ...o.figures }
              : {
                  file: o.file,
                  consolidated: false,
                  reason: o.reason
                    ? { code: o.reason.code, message: formatMessage(o.reason) }
                    : null,
                }
          ),
        },
        null,
        2
      )
    );
    return status;
  }
  say(io, message("consolidate.written", { file: written, territories: consolidated }));
  for (const o of outcomes)
    if (o.figures)
      say(
        io,
        message("consolidate.territory", {
          territory: o.figures.territory,
          file: o.file,
          targets: o.figures.total.targets,
          made: formatNumberFr(o.figures.total.made),
          expected: formatNumberFr(o.figures.total.expected),
          rate: percent(o.figures.total.rate),
          progress: percent(o.figures.total.progress),
        })
      );
  if (leftOut.length > 0) say(io, message("consolidate.some_left_out", { count: leftOut.length }));
  return status;
}
