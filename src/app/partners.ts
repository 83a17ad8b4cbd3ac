/**
 * Partners' workbooks (`ctg build --partner`, the add-in's « Préparer pour un partenaire »): one
 * workbook per partner, with only its actions and the master's entries for them, as `.xlsx` bytes.
 */
import { message, type Message } from "../domain/messages/types";
import {
  canonicalPartner,
  closePartnerNames,
  nameWords,
  partnerActions,
  partnerFileName,
} from "../domain/plan/partners";
import type { Plan } from "../domain/plan/schema";
import { axisRows } from "../domain/workbook/axisSheet";
import { workbookPlan } from "../domain/workbook/build";
import type { Entry } from "../domain/workbook/entries";
import { buildPartnerWorkbook } from "../domain/workbook/update";
import type { PartnerFile } from "./port";
import type { Opened, OpenedWorkbook } from "./workbooks";

/** Where partners' workbooks come from: a master workbook (its plan and entries), or a plan alone. */
export type PartnerSource =
  | { readonly kind: "master"; readonly master: OpenedWorkbook }
  | { readonly kind: "plan"; readonly plan: Plan };

/**
 * The partners asked, one per file name (`CAF` and `caf` are one partner), each known to the plan;
 * else a `partner.none` (and `partner.suggest` when close names exist) per unknown name.
 */
export function partnersToPrepare(plan: Plan, asked: readonly string[]): Opened<string[]> {
  // One partner per name, whatever its case or accents (`CAF` and `caf`); two different names stay
  // two partners even when their file names would be the same.
  const byName = new Map<string, string>();
  for (const name of asked) {
    // A variant of a canonical partner (« Caf12 ») asks for that partner (« CAF »).
    const p = canonicalPartner(plan, name);
    const key = nameWords(p).join("-");
    if (!byName.has(key)) byName.set(key, p);
  }
  const partners = [...byName.values()];
  const problems: Message[] = [];
  for (const partner of partners) {
    if (partnerActions(plan, partner).length > 0) continue;
    problems.push(message("partner.none", { partner }));
    const close = closePartnerNames(plan, partner);
    if (close.length > 0) problems.push(message("partner.suggest", { names: close.join(", ") }));
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: partners };
}

/** Builds each partner's workbook as `.xlsx` bytes, in the order asked. */
export async function preparePartnerFiles(
  source: PartnerSource,
  asked: readonly string[],
  options: { readonly generatorVersion: string; readonly generatedOn: string }
): Promise<Opened<PartnerFile[]>> {
  if (source.kind === "master" && source.master.stored.meta.partner !== "")
    return { ok: false, problems: [message("merge.not_master")] };
  const plan = source.kind === "master" ? source.master.plan : source.plan;
  const entries: readonly Entry[] = source.kind === "master" ? source.master.state.entries : [];
  const partners = partnersToPrepare(plan, asked);
  if (!partners.ok) return partners;
  const { writeXlsx } = await import(/* webpackChunkName: "xlsx" */ "../xlsx/write");
  const files: PartnerFile[] = [];
  const taken = new Set<string>();
  for (const partner of partners.value) {
    // Names cut at 40 characters may make the same file name: `-2`, `-3`… keep them apart.
    const base = partnerFileName(plan.id, partner);
    let fileName = base;
    for (let n = 2; taken.has(fileName.toLowerCase()); n++)
      fileName = base.replace(/\.xlsx$/, `-${n}.xlsx`);
    taken.add(fileName.toLowerCase());
    const { model, copied } = buildPartnerWorkbook(plan, partner, options, entries);
    const bytes = await writeXlsx(model);
    files.push({
      partner,
      fileName,
      bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      actions: partnerActions(plan, partner).length,
      rows: workbookPlan(plan, partner).axes.reduce((n, a) => n + axisRows(a).length, 0),
      entries: copied,
    });
  }
  return { ok: true, value: files };
}
