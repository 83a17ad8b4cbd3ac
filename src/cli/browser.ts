import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

/**
 * Finding a Chromium-based browser on the user's machine to print the bilan as PDF (never a
 * download): `CTG_CHROME` when it names a file; else Chrome, Chromium or Edge by their usual command
 * names on the PATH; else their usual install paths on Linux, macOS and Windows.
 */

const COMMANDS = [
  "google-chrome",
  "google-chrome-stable",
  "chromium",
  "chromium-browser",
  "chrome",
  "microsoft-edge",
  "microsoft-edge-stable",
  "msedge",
];

function installPaths(
  env: Readonly<Record<string, string | undefined>>,
  platform: string
): string[] {
  if (platform === "darwin")
    return [
      "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
      "/Applications/Chromium.app/Contents/MacOS/Chromium",
      "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
      ...(env.HOME
        ? [join(env.HOME, "Applications/Google Chrome.app/Contents/MacOS/Google Chrome")]
        : []),
    ];
  if (platform === "win32") {
    const roots = [env.ProgramFiles, env["ProgramFiles(x86)"], env.LOCALAPPDATA].filter(
      (r): r is string => typeof r === "string" && r !== ""
    );
    return roots.flatMap((root) => [
      `${root}\\Google\\Chrome\\Application\\chrome.exe`,
      `${root}\\Microsoft\\Edge\\Application\\msedge.exe`,
      `${root}\\Chromium\\Application\\chrome.exe`,
    ]);
  }
  return [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/usr/bin/microsoft-edge",
    "/snap/bin/chromium",
    "/opt/google/chrome/chrome",
    "/opt/microsoft/msedge/msedge",
  ];
}

/** The path of a browser to print with, or null when none is found. */
export function findBrowser(
  env: Readonly<Record<string, string | undefined>> = process.env,
  exists: (path: string) => boolean = existsSync,
  platform: string = process.platform
): string | null {
  const given = env.CTG_CHROME?.trim();
  if (given && exists(given)) return given;
  const dirs = (env.PATH ?? env.Path ?? "").split(platform === "win32" ? ";" : delimiter);
  const names = platform === "win32" ? COMMANDS.map((c) => `${c}.exe`) : COMMANDS;
  for (const name of names)
    for (const dir of dirs) {
      if (dir === "") continue;
      const path = platform === "win32" ? `${dir.replace(/\\$/, "")}\\${name}` : join(dir, name);
      if (exists(path)) return path;
    }
  for (const path of installPaths(env, platform)) if (exists(path)) return path;
  return null;
}

/** Prints an HTML page to PDF bytes with the browser at `executable` (headless, A4 landscape). */
export async function printPdf(executable: string, html: string): Promise<Uint8Array> {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: executable,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: "load" });
    const pdf = await page.pdf({
      format: "A4",
      landscape: true,
      printBackground: true,
      preferCSSPageSize: true,
    });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
