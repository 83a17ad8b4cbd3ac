// Prints the slowest test files and the run's duration, then the plain closing line that CI reads:
// "N passed, N failed".
const { relative } = require("node:path");

class SummaryReporter {
  constructor() {
    this.files = [];
    this.start = Date.now();
  }
  onTestResult(_test, result) {
    const { start, end } = result.perfStats;
    this.files.push({ path: result.testFilePath, seconds: (end - start) / 1000 });
  }
  onRunComplete(_contexts, results) {
    const slowest = [...this.files].sort((a, b) => b.seconds - a.seconds).slice(0, 5);
    const lines = slowest.map(
      (f) => `  ${f.seconds.toFixed(1).padStart(6)} s  ${relative(process.cwd(), f.path)}`
    );
    process.stdout.write(
      `\nSlowest test files:\n${lines.join("\n")}\nJest ran for ${((Date.now() - this.start) / 1000).toFixed(0)} s.\n`
    );
    const passed = results.numPassedTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  }
}
module.exports = SummaryReporter;
