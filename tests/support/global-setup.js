// jest globalSetup: one LibreOffice folder for the whole run. The listener itself starts lazily, on
// the first conversion of a test file that needs it (tests/support/libreoffice.ts); workers inherit
// CTG_LO_RUN, so every file of the run shares it. global-teardown.js stops it.
const { mkdtempSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");

module.exports = async function globalSetup() {
  if (!process.env.CTG_LO_RUN) {
    process.env.CTG_LO_RUN = mkdtempSync(join(tmpdir(), "ctg-lo-run-"));
    process.env.CTG_LO_RUN_OWNED = "1";
  }
};
