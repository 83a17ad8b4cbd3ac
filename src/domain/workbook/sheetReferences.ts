/**
 * What Excel does to formulas when a sheet they refer to is renamed or deleted: a rename follows
 * into every formula (`='Axe I'!B5` becomes `='Ancien'!B5`); a deletion leaves `#REF!` in place of
 * the sheet (`=#REF!B5`). The emulator applies it to cell formulas and defined names; the Office.js
 * adapter uses it to point a user's formulas back at a regenerated sheet.
 *
 * Microsoft: "Rename a worksheet" and "How to correct a #REF! error" (support.microsoft.com).
 */

/** `'Axe I'` or `Feuil1`: a sheet name as a formula writes it. */
export function sheetPrefix(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

const IDENT = /[\p{L}\p{N}_.]/u;

/**
 * The formula with its references to sheet `from` pointing at `to`, or at `#REF!` when `to` is
 * null. Text in double quotes is left alone.
 */
export function renameSheetInFormula(formula: string, from: string, to: string | null): string {
  const target = from.toLowerCase();
  const replacement = to === null ? "#REF!" : `${sheetPrefix(to)}!`;
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i] ?? "";
    if (ch === '"') {
      // A string literal ("" is a quote inside it).
      let j = i + 1;
      while (j < formula.length) {
        if (formula[j] === '"') {
          if (formula[j + 1] === '"') j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "'") {
      let j = i + 1;
      let name = "";
      while (j < formula.length) {
        if (formula[j] === "'") {
          if (formula[j + 1] === "'") {
            name += "'";
            j += 2;
            continue;
          }
          break;
        }
        name += formula[j] ?? "";
        j++;
      }
      if (formula[j + 1] === "!" && name.toLowerCase() === target) {
        out += replacement;
        i = j + 2;
        continue;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (IDENT.test(ch) && !IDENT.test(formula[i - 1] ?? "")) {
      let j = i;
      while (j < formula.length && IDENT.test(formula[j] ?? "")) j++;
      const word = formula.slice(i, j);
      if (formula[j] === "!" && word.toLowerCase() === target) {
        out += replacement;
        i = j + 1;
        continue;
      }
      out += word;
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
