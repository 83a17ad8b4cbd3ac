// Lints code snippets as if they were files of the project (jest cannot load ESLint's ESM config itself).
// Input (stdin): JSON { probes: [{ code, file }], files: [globs] }. Output: JSON { probes: [[ruleIds]], files: [problems] }.
import { ESLint } from "eslint";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const root = process.cwd();
const input = JSON.parse(readFileSync(0, "utf8"));
const eslint = new ESLint({ cwd: root });
const probes = [];
for (const { code, file } of input.probes) {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  probes.push(
    (result?.messages ?? []).map((m) => m.ruleId ?? "").filter((id) => id !== "prettier/prettier")
  );
}
const results = input.files.length > 0 ? await eslint.lintFiles(input.files) : [];
const files = results.flatMap((r) =>
  r.messages
    .filter((m) => m.severity === 2)
    .map((m) => `${r.filePath}:${m.line} ${m.ruleId} ${m.message}`)
);
process.stdout.write(JSON.stringify({ probes, files }));
