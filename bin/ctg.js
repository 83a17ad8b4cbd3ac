#!/usr/bin/env node
"use strict";
// Entry point of the `ctg` command: runs the compiled command line (built by `npm ci` / `npm run build:cli`).
const path = require("node:path");
const fs = require("node:fs");
const main = path.join(__dirname, "..", "dist", "src", "cli", "main.js");
if (!fs.existsSync(main)) {
  process.stderr.write(
    "La ligne de commande n'est pas encore compilée : lancez « npm run build:cli » (ou « npm ci »).\n"
  );
  process.exit(2);
}
// Output piped into `head` or a closed pager is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e && e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
}
require(main)
  .runAsync(process.argv.slice(2))
  .then((status) => {
    process.exitCode = status;
  });
