import { existsSync } from "node:fs";
import { bilanCounts, bilanFormatOf, makeBilan, renderBilan } from "../app/bilan";
import { bilanHtml } from "../domain/bilan/html";
import { message } from "../domain/messages/types";
import { missingArgument, parseCommand, yearOption } from "./args";
import { findBrowser, printPdf } from "./browser";
import { samePath } from "./io";
import { complain, EXIT, say, type Io } from "./output";
import { openWorkbook, writeOutput } from "./workflow";

/**
 * `ctg bilan CLASSEUR --annee 2023 --out bilan-2023.docx|.pdf|.html [--force] [--plan F]`: the
 * yearly bilan document, its format from the output's extension. The PDF is the HTML page printed
 * by Chrome, Chromium or Edge (`CTG_CHROME`, the PATH, the usual install paths); without one, the
 * HTML is written beside it with the way to print it, and the status is 2.
 */
export async function cmdBilan(args: string[], io: Io): Promise<number> {
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
    return missingArgument(io, "ctg bilan classeur.xlsx --annee 2023 --out bilan-2023.docx", [
      [file, "le classeur dont faire le bilan"],
      [parsed.values.annee, "l'année du bilan (--annee)"],
      [out, "le fichier à écrire (--out bilan.docx, .pdf ou .html)"],
    ]);
  const format = bilanFormatOf(out);
  if (!format) return (complain(io, message("bilan.unknown_format", { file: out })), EXIT.unusable);
  const year = yearOption(parsed.values.annee);
  if (typeof year !== "number") return (complain(io, year), EXIT.unusable);
  if (samePath(out, file)) return (complain(io, message("merge.same_file")), EXIT.unusable);
  const force = parsed.values.force === true;
  const plan = typeof parsed.values.plan === "string" ? parsed.values.plan : undefined;
  const opened = await openWorkbook(file, plan);
  if (!opened.ok) return (opened.problems.forEach((m) => complain(io, m)), EXIT.unusable);
  const made = makeBilan(opened.value, year, new Date());
  if (!made.ok) return (made.problems.forEach((m) => complain(io, m)), EXIT.unusable);
  const doc = made.value;
  let bytes: Uint8Array;
  if (format === "pdf") {
    const browser = findBrowser();
    if (!browser) {
      const html = out.replace(/\.pdf$/i, ".html");
      if (existsSync(html) && !force)
        return (complain(io, message("bilan.no_browser_no_html")), EXIT.unusable);
      const written = writeOutput(io, html, bilanHtml(doc), force);
      if (!written) return EXIT.unusable;
      complain(io, message("bilan.no_browser", { html: written }));
      return EXIT.unusable;
    }
    try {
      bytes = await printPdf(browser, bilanHtml(doc));
    } catch (e) {
      const reason = (e instanceof Error ? e.message : String(e)).split("\n")[0] ?? "";
      complain(io, message("bilan.pdf_failed", { browser, reason }));
      return EXIT.unusable;
    }
  } else bytes = await renderBilan(doc, format);
  const written = writeOutput(io, out, bytes, force);
  if (!written) return EXIT.unusable;
  say(io, message("bilan.written", { year: String(year), file: written, ...bilanCounts(doc) }));
  if (doc.previous)
    say(
      io,
      message("bilan.compared", { year: String(doc.previous.year), taken: doc.previous.takenOn })
    );
  else say(io, message("bilan.no_snapshot"));
  return EXIT.ok;
}
