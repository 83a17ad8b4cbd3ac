/**
 * The value of a formula made only of constants and operators (`5-5`, `2*3`, `(1+2)/4`, `1=2`,
 * `10%`, `VRAI`), as Excel computes it, for formula cells saved without their last computed value
 * (openpyxl and other generators write the formula alone). Anything else (a reference, a function,
 * a text) gives `undefined`: the cell stays uncomputed.
 *
 * Written here because the few operators a user types in an entry do not warrant a formula engine
 * (HyperFormula and the like are large, and evaluate far more than an entry cell needs).
 */

export type ArithmeticValue = number | boolean | "#DIV/0!" | "#NUM!";

class Unsupported extends Error {}
class DivisionByZero extends Error {}

const COMPARISONS = ["<=", ">=", "<>", "=", "<", ">"] as const;

/** The formula's value (its text without the leading `=`), or undefined if it is not only arithmetic. */
export function evaluateArithmetic(formula: string): ArithmeticValue | undefined {
  const text = formula.replace(/^=/, "").trim();
  if (text === "" || text.length > 1000) return undefined;
  let i = 0;
  const space = () => {
    while (text[i] === " ") i++;
  };
  const toNumber = (v: number | boolean): number => (typeof v === "boolean" ? (v ? 1 : 0) : v);

  function primary(): number | boolean {
    space();
    if (text[i] === "(") {
      i++;
      const v = comparison();
      space();
      if (text[i] !== ")") throw new Unsupported();
      i++;
      return v;
    }
    const number = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
    if (number) {
      i += number[0].length;
      return Number(number[0]);
    }
    const word = /^(TRUE|FALSE|VRAI|FAUX)\b/i.exec(text.slice(i));
    if (word) {
      i += word[0].length;
      // TRUE() with parentheses is a function call: not handled.
      space();
      if (text[i] === "(") throw new Unsupported();
      const w = (word[0] ?? "").toUpperCase();
      return w === "TRUE" || w === "VRAI";
    }
    throw new Unsupported();
  }
  function percent(): number | boolean {
    let v = primary();
    space();
    while (text[i] === "%") {
      i++;
      v = toNumber(v) / 100;
      space();
    }
    return v;
  }
  function unary(): number | boolean {
    space();
    if (text[i] === "-") {
      i++;
      return -toNumber(unary());
    }
    if (text[i] === "+") {
      i++;
      return unary();
    }
    return percent();
  }
  function power(): number | boolean {
    let v = unary();
    space();
    while (text[i] === "^") {
      i++;
      v = toNumber(v) ** toNumber(unary());
      space();
    }
    return v;
  }
  function term(): number | boolean {
    let v = power();
    space();
    while (text[i] === "*" || text[i] === "/") {
      const op = text[i];
      i++;
      const r = toNumber(power());
      if (op === "/" && r === 0) throw new DivisionByZero();
      v = op === "*" ? toNumber(v) * r : toNumber(v) / r;
      space();
    }
    return v;
  }
  function additive(): number | boolean {
    let v = term();
    space();
    while (text[i] === "+" || text[i] === "-") {
      const op = text[i];
      i++;
      const r = toNumber(term());
      v = op === "+" ? toNumber(v) + r : toNumber(v) - r;
      space();
    }
    return v;
  }
  function comparison(): number | boolean {
    const left = additive();
    space();
    const op = COMPARISONS.find((c) => text.startsWith(c, i));
    if (!op) return left;
    i += op.length;
    const right = additive();
    // Excel compares a boolean with a number as different types: TRUE > any number.
    if (typeof left !== typeof right) {
      const rank = (v: number | boolean) => (typeof v === "boolean" ? 1 : 0);
      return compare(op, rank(left), rank(right));
    }
    return compare(op, toNumber(left), toNumber(right));
  }

  try {
    const v = comparison();
    space();
    if (i !== text.length) return undefined;
    if (typeof v === "number" && !Number.isFinite(v)) return "#NUM!";
    return v;
  } catch (e) {
    if (e instanceof DivisionByZero) return "#DIV/0!";
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

function compare(op: (typeof COMPARISONS)[number], a: number, b: number): boolean {
  switch (op) {
    case "=":
      return a === b;
    case "<>":
      return a !== b;
    case "<":
      return a < b;
    case ">":
      return a > b;
    case "<=":
      return a <= b;
    case ">=":
      return a >= b;
  }
}
