// Builds, for the browser test, the Excel fake (src/fake-excel/) as one page script, fake-excel.js:
// the project's own loader settings, a single entry, no HTML, no copies. The task pane itself is
// built with the project's webpack.config.js unchanged.
const path = require("path");
const base = require("../../webpack.config.js");

module.exports = async (env, options) => {
  const config = await base(env, options);
  return {
    ...config,
    entry: { "fake-excel": path.resolve(__dirname, "fake-entry.ts") },
    output: { ...config.output, filename: "[name].js", clean: false },
    devtool: false, // built in development mode by the test (no minifying), without a source map
    plugins: [],
    devServer: undefined,
  };
};
