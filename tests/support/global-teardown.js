// jest globalTeardown: stops the run's LibreOffice listener (its whole process group) and removes
// its folder (profile, lock, log). See global-setup.js and libreoffice.ts.
const { existsSync, readFileSync, rmSync } = require("node:fs");
const { join } = require("node:path");

module.exports = async function globalTeardown() {
  const dir = process.env.CTG_LO_RUN;
  if (!dir) return;
  const pidFile = join(dir, "soffice.pid");
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, "utf8").trim());
    if (Number.isInteger(pid) && pid > 0) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
  if (process.env.CTG_LO_RUN_OWNED === "1") {
    rmSync(dir, { recursive: true, force: true });
    delete process.env.CTG_LO_RUN;
    delete process.env.CTG_LO_RUN_OWNED;
  }
};
