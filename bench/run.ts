/**
 * Benchmarks (`npm run bench`, `npm run bench --silent -- --json`). Figures are throughputs and ratios,
 * medians of several runs; they are never asserted in tests (timing depends on the machine).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { evaluateTarget, defaultAggregation } from "../src/domain/engine";
import type { EvaluationContext, RawEntry } from "../src/domain/engine/types";
import { parsePlanJson } from "../src/domain/plan/validate";
import { parseTargets } from "../src/domain/targets/parse";
import type { Target } from "../src/domain/targets/schema";

const RUNS = 7;
const json = process.argv.includes("--json");

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Runs `fn` RUNS times after a warm-up; returns the median duration in milliseconds. */
function time(fn: () => void): number {
  fn();
  const durations: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    fn();
    durations.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(durations);
}

const root = join(__dirname, "..", "..");
const checked = parsePlanJson(readFileSync(join(root, "seeds/pays-segali-2021-2025.json"), "utf8"));
if (!checked.ok) throw new Error("the embedded plan does not pass its schema");
const plan = checked.plan;
const indicators = plan.axes.flatMap((a) =>
  a.objectives.flatMap((o) => o.actions.flatMap((x) => x.indicators))
);
const phrases = indicators.flatMap((i) => [
  i.text,
  ...(i.recapText && i.recapText !== i.text ? [i.recapText] : []),
]);

// Parser: every wording of the plan, parsed again and again.
const parserRounds = 50;
const parserMs = time(() => {
  for (let r = 0; r < parserRounds; r++) for (const p of phrases) parseTargets(p);
});
const phrasesPerSecond = Math.round((phrases.length * parserRounds) / (parserMs / 1000));

// Engine: one million (indicator, year) entries, a realistic mix of what people type.
const years = [2021, 2022, 2023, 2024, 2025];
const ctx: EvaluationContext = { years, today: { year: 2023, month: 6 } };
const targets: Target[] = indicators.flatMap((i) => i.targets);
const samples: RawEntry[] = [
  12,
  "12",
  "14",
  "",
  null,
  "12,5",
  "1 250",
  "20 %",
  0.35,
  "Oui",
  "Non",
  "En cours",
  "beaucoup",
  -3,
  7,
];
const INDICATORS = 200_000;
const inputs = Array.from({ length: INDICATORS }, (_, k) => {
  const target = targets[k % targets.length] as Target;
  const entries: Record<number, RawEntry> = {};
  years.forEach((y, j) => (entries[y] = samples[(k * 7 + j * 3) % samples.length]));
  return {
    target,
    input: {
      aggregation: defaultAggregation(target),
      entries,
      baseline: k % 3 === 0 ? "10" : null,
    },
  };
});
const engineMs = time(() => {
  for (const { target, input } of inputs) evaluateTarget(target, input, ctx);
});
const entries = INDICATORS * years.length;
const entriesPerSecond = Math.round(entries / (engineMs / 1000));

const result = {
  runs: RUNS,
  parser: { phrases: phrases.length, phrasesPerSecond, medianMs: Number(parserMs.toFixed(2)) },
  engine: {
    entries,
    entriesPerSecond,
    millionEntriesMs: Number(((engineMs * 1_000_000) / entries).toFixed(1)),
  },
};

if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  const fr = new Intl.NumberFormat("fr-FR");
  process.stdout.write(
    [
      `Analyse des cibles : ${fr.format(phrasesPerSecond)} formulations/s (${phrases.length} formulations, médiane de ${RUNS} passes)`,
      `Moteur d'évaluation : ${fr.format(entriesPerSecond)} saisies/s ; un million de saisies en ${fr.format(result.engine.millionEntriesMs)} ms`,
    ].join("\n") + "\n"
  );
}
