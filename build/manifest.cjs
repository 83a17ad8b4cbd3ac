// The add-in's manifest for a deployment: every https://localhost:3000/ address of the development
// manifest (pane, icons, app domain) pointed at the deployment URL. Plain CommonJS: webpack.config.js
// loads it before any TypeScript is compiled (as the Office add-in template does with its urlProd).
"use strict";

const DEV_URL = "https://localhost:3000/";

/**
 * The deployment URL, normalised (`https://…/`, with a trailing slash), or a French reason it is not
 * one. Office only loads add-ins over https.
 */
function deploymentUrl(raw) {
  let url;
  try {
    url = new URL(String(raw).trim());
  } catch {
    return { ok: false, reason: `adresse de déploiement illisible : « ${raw} »` };
  }
  if (url.protocol !== "https:")
    return { ok: false, reason: `Office ne charge un complément qu'en https : « ${raw} »` };
  if (url.search || url.hash)
    return {
      ok: false,
      reason: `l'adresse de déploiement ne prend ni « ? » ni « # » : « ${raw} »`,
    };
  const href = url.href.endsWith("/") ? url.href : `${url.href}/`;
  return { ok: true, url: href };
}

/** The manifest's XML with the development addresses replaced by `url` (normalised, with its /). */
function manifestFor(xml, url) {
  const origin = new URL(url).origin;
  return xml
    .split(DEV_URL)
    .join(url)
    .replace(
      /<AppDomain>https:\/\/localhost:3000<\/AppDomain>/g,
      `<AppDomain>${origin}</AppDomain>`
    );
}

module.exports = { DEV_URL, deploymentUrl, manifestFor };
