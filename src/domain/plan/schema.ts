import { z } from "zod";
import { TargetSchema } from "../targets/schema";

/**
 * The CTG plan as data. This schema is the contract for plan files (`ctg plan check`,
 * `seeds/ctg-plan.schema.json`): other territories write their plan in this shape.
 * Types come from the schema, never the other way round.
 */

export const PLAN_SCHEMA_VERSION = 1;

const NonEmpty = z.string().trim().min(1);

/** One line of a fiche section, verbatim (markup cleaned), with its nesting level. */
export const ItemSchema = z
  .object({
    text: NonEmpty,
    /** 0: top-level line, 1: sub-bullet. */
    level: z.union([z.literal(0), z.literal(1)]),
    /** false for a paragraph that was not written as a bullet in the source. */
    bullet: z.boolean(),
  })
  .strict();
export type Item = z.infer<typeof ItemSchema>;

export const IndicatorKindSchema = z.enum(["realisation", "resultat", "impact"]);
export type IndicatorKind = z.infer<typeof IndicatorKindSchema>;

export const IndicatorSourceSchema = z.enum(["fiche", "recap"]);
export type IndicatorSource = z.infer<typeof IndicatorSourceSchema>;

export const AggregationSchema = z.enum(["per_year", "cumulative", "latest"]);

export const IndicatorSchema = z
  .object({
    /** Stable id, never reused: `<ref>-<REA|RES|IMP>-<n>`; recap-only indicators end with `-R<n>`. */
    id: z.string().regex(/^[A-Za-z0-9._-]+$/, "id: lettres, chiffres, point, tiret ou souligné"),
    kind: IndicatorKindSchema,
    /** The fiche wording where the fiche has the indicator, else the recap wording. */
    text: NonEmpty,
    ficheText: NonEmpty.nullable(),
    recapText: NonEmpty.nullable(),
    /** Kind under which the recap table lists it, when it differs from the fiche (columns shifted). */
    recapKind: IndicatorKindSchema.nullable().default(null),
    sources: z.array(IndicatorSourceSchema).min(1),
    /** Targets parsed from `text`. */
    targets: z.array(TargetSchema),
    /** Targets parsed from the recap wording, when it differs from `text`. */
    recapTargets: z.array(TargetSchema).nullable().default(null),
    /** Aggregation chosen for whole-period targets; null: the engine's default for the target. */
    aggregation: AggregationSchema.nullable().default(null),
  })
  .strict();
export type Indicator = z.infer<typeof IndicatorSchema>;

export const BudgetLineSchema = z
  .object({
    label: NonEmpty,
    kind: z.enum(["cost", "funding"]),
    /** Amount in euros; null where the source gives none (`?` or blank). */
    amount: z.number().nonnegative().nullable(),
    period: z.enum(["year", "total"]),
    /** true where the source marks the amount as uncertain (`?`). */
    uncertain: z.boolean(),
    /** The source line, verbatim. */
    raw: NonEmpty,
  })
  .strict();
export type BudgetLine = z.infer<typeof BudgetLineSchema>;

export const FicheSchema = z
  .object({
    context: z.array(ItemSchema),
    expectedResults: z.array(ItemSchema),
    method: z.array(ItemSchema),
    /** "Point de vigilance" remarks. */
    vigilance: z.array(NonEmpty),
    resources: z.array(ItemSchema),
    budget: z.array(BudgetLineSchema),
    /** "Les référents-pilotes de l'action", one entry per line. */
    pilots: z.array(NonEmpty),
    /** Partner names, split from the partners lines. */
    partners: z.array(NonEmpty),
    /** The partners lines verbatim (names are split from these). */
    partnersText: z.array(ItemSchema),
    /** "La place des habitants"; empty where the source says `/` or nothing; null where the section is absent. */
    inhabitants: z.array(ItemSchema).nullable(),
    /** Any other titled block of the fiche, kept verbatim (nothing of the source is dropped). */
    other: z.array(z.object({ heading: NonEmpty, items: z.array(ItemSchema) }).strict()),
  })
  .strict();
export type Fiche = z.infer<typeof FicheSchema>;

export const RecapRowSchema = z
  .object({
    title: NonEmpty,
    pilotage: z.string(),
    realisation: z.array(NonEmpty),
    resultats: z.array(NonEmpty),
    impacts: z.array(NonEmpty),
  })
  .strict();
export type RecapRow = z.infer<typeof RecapRowSchema>;

export const PhaseSchema = z.enum(["court_terme", "moyen_terme", "long_terme", "prochaine_ctg"]);
export type Phase = z.infer<typeof PhaseSchema>;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date au format AAAA-MM-JJ");

export const ScheduleSchema = z
  .object({
    /** Start phase; null: not planned yet (the source's marks were lost: never invent one). */
    startPhase: PhaseSchema.nullable(),
    start: IsoDate.nullable(),
    end: IsoDate.nullable(),
    /** Progress in percent, 0 to 100. */
    progress: z.number().min(0).max(100).nullable(),
    /** Marks found in the source schedule cells that are not a phase (e.g. `?`), verbatim. */
    sourceMarks: z.array(z.object({ column: NonEmpty, mark: NonEmpty }).strict()),
  })
  .strict();
export type Schedule = z.infer<typeof ScheduleSchema>;

export const ActionSchema = z
  .object({
    ref: z.string().regex(/^[IVX]+\.[A-Z]\.\d+$/, "référence d'action attendue, par ex. I.A.1"),
    title: NonEmpty,
    /** Pilotage as written in the plan's summary table. */
    pilotage: z.string(),
    page: z.number().int().positive().nullable(),
    /** Other titles the source gives the action (section list, schedule, recap), verbatim. */
    titleVariants: z.array(
      z.object({ where: z.enum(["section", "schedule", "recap"]), title: NonEmpty }).strict()
    ),
    fiche: FicheSchema.nullable(),
    recap: RecapRowSchema.nullable(),
    indicators: z.array(IndicatorSchema),
    schedule: ScheduleSchema,
  })
  .strict();
export type Action = z.infer<typeof ActionSchema>;

export const ObjectiveSchema = z
  .object({
    id: z.string().regex(/^[IVX]+\.[A-Z]$/, "identifiant d'objectif attendu, par ex. I.A"),
    letter: z.string().regex(/^[A-Z]$/),
    title: NonEmpty,
    titleVariants: z.array(
      z.object({ where: z.enum(["section", "schedule", "recap"]), title: NonEmpty }).strict()
    ),
    actions: z.array(ActionSchema).min(1),
  })
  .strict();
export type Objective = z.infer<typeof ObjectiveSchema>;

export const AxisSchema = z
  .object({
    id: z.string().regex(/^[IVX]+$/, "numéro d'axe en chiffres romains attendu, par ex. II"),
    number: z.number().int().positive(),
    title: NonEmpty,
    objectives: z.array(ObjectiveSchema).min(1),
  })
  .strict();
export type Axis = z.infer<typeof AxisSchema>;

/**
 * A partner's canonical name and the other ways the plan writes it (« CAF » = « Caf12 » = « Caisse
 * d'Allocations Familiales »): `ctg partners` lists the canonical name, and `--partner` accepts any
 * of them (see `partners.ts`).
 */
export const PartnerGroupSchema = z
  .object({
    name: NonEmpty,
    variants: z.array(NonEmpty),
  })
  .strict();
export type PartnerGroup = z.infer<typeof PartnerGroupSchema>;

export const RoleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: NonEmpty,
    /** Lines under the title (reference, who holds it), verbatim. */
    subtitle: z.array(NonEmpty),
    summary: z.array(NonEmpty),
    missions: z.array(NonEmpty),
    links: z.array(NonEmpty),
  })
  .strict();
export type Role = z.infer<typeof RoleSchema>;

export const DifferenceSchema = z
  .object({
    ref: z.string(),
    /** What differs: title, pilotage, indicator wording, target, kind (recap column), or presence. */
    code: z.enum([
      "title",
      "pilotage",
      "indicator_wording",
      "indicator_target",
      "indicator_kind",
      "indicator_fiche_only",
      "indicator_recap_only",
      "recap_missing",
      "fiche_missing",
      "recap_items_merged",
      "recap_items_split",
    ]),
    indicatorId: z.string().nullable(),
    fiche: z.string().nullable(),
    recap: z.string().nullable(),
    /** Where else the title differs (section list, schedule). */
    where: z.enum(["fiche", "recap", "section", "schedule", "summary"]).nullable(),
  })
  .strict();
export type Difference = z.infer<typeof DifferenceSchema>;

export const PlanSchema = z
  .object({
    schemaVersion: z.literal(PLAN_SCHEMA_VERSION),
    id: z.string().regex(/^[a-z0-9-]+$/, "identifiant en minuscules, chiffres et tirets"),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, "version au format 1.0.0"),
    title: NonEmpty,
    territory: NonEmpty,
    years: z
      .object({
        start: z.number().int().min(2000).max(2100),
        end: z.number().int().min(2000).max(2100),
      })
      .strict()
      .refine((y) => y.end >= y.start, { message: "l'année de fin précède l'année de début" })
      .refine((y) => y.end - y.start < 20, { message: "un plan couvre au plus 20 ans" }),
    /** Date of the document, as written (e.g. `Avril 2021`). */
    dateLabel: z.string().nullable(),
    source: z
      .object({ file: NonEmpty, sha256: z.string().regex(/^[0-9a-f]{64}$/) })
      .strict()
      .nullable(),
    axes: z.array(AxisSchema).min(1),
    roles: z.array(RoleSchema),
    /** Canonical partner names with their variants (none: every name is its own partner). */
    partners: z.array(PartnerGroupSchema).default([]),
    /** Differences between the fiches and the recap table (and other title lists), for the coordinator. */
    differences: z.array(DifferenceSchema),
  })
  .strict()
  .superRefine((plan, ctx) => {
    // Refs and indicator ids are keys across the workbook: they must be unique and consistent.
    const refs = new Set<string>();
    const ids = new Set<string>();
    const axisIds = new Set<string>();
    // What `ctg build` cannot write is refused here, with its path, rather than there.
    const long = (value: unknown, path: (string | number)[]): void => {
      if (typeof value === "string") {
        if (value.length > EXCEL_CELL_LIMIT)
          ctx.addIssue({
            code: "custom",
            path,
            message: `texte de ${FR.format(value.length)} caractères : une cellule d'Excel en contient au plus ${FR.format(EXCEL_CELL_LIMIT)}`,
          });
      } else if (Array.isArray(value)) value.forEach((v, i) => long(v, [...path, i]));
      else if (typeof value === "object" && value !== null)
        for (const [k, v] of Object.entries(value)) long(v, [...path, k]);
    };
    long(plan, []);
    // Beyond this size a workbook is more than Excel and the tool handle in reasonable memory (a
    // refresh of 10 000 actions needed 3.9 GB): refused here, with the reason, not by a crash later.
    const actions = plan.axes.reduce(
      (n, a) => n + a.objectives.reduce((m, o) => m + o.actions.length, 0),
      0
    );
    const indicators = plan.axes.reduce(
      (n, a) =>
        n +
        a.objectives.reduce(
          (m, o) => m + o.actions.reduce((k, c) => k + c.indicators.length, 0),
          0
        ),
      0
    );
    if (actions > PLAN_MAX_ACTIONS || indicators > PLAN_MAX_INDICATORS)
      ctx.addIssue({
        code: "custom",
        path: ["axes"],
        message: `plan trop grand (${FR.format(actions)} actions, ${FR.format(indicators)} indicateurs) : un classeur en tient au plus ${FR.format(PLAN_MAX_ACTIONS)} actions et ${FR.format(PLAN_MAX_INDICATORS)} indicateurs ; découpez le plan (par exemple une convention par territoire)`,
      });
    // A partner name belongs to one group at most: otherwise `--partner` could not say which.
    const partnerOf = new Map<string, string>();
    plan.partners.forEach((group, gi) =>
      [group.name, ...group.variants].forEach((name, ni) => {
        const key = name
          .normalize("NFD")
          .replace(/[\u0300-\u036f]/g, "")
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, " ")
          .trim();
        const other = partnerOf.get(key);
        if (other !== undefined && other !== group.name)
          ctx.addIssue({
            code: "custom",
            path: ["partners", gi, ni === 0 ? "name" : "variants"],
            message: `le nom « ${name} » est déjà une variante de « ${other} » : un nom désigne un seul partenaire`,
          });
        partnerOf.set(key, group.name);
      })
    );
    plan.axes.forEach((axis, ai) => {
      if (axisIds.has(axis.id))
        ctx.addIssue({
          code: "custom",
          path: ["axes", ai, "id"],
          message: `numéro d'axe en double : ${axis.id} (chaque axe a son onglet « Axe ${axis.id} »)`,
        });
      axisIds.add(axis.id);
      // The axis sheet is `Axe <id>`: Excel limits a sheet name to 31 characters.
      if (`Axe ${axis.id}`.length > 31)
        ctx.addIssue({
          code: "custom",
          path: ["axes", ai, "id"],
          message: `numéro d'axe trop long (${axis.id.length} caractères) : l'onglet « Axe … » aurait plus de 31 caractères, la limite d'Excel`,
        });
      axis.objectives.forEach((objective, oi) => {
        if (
          !objective.id.startsWith(`${axis.id}.`) ||
          objective.id !== `${axis.id}.${objective.letter}`
        ) {
          ctx.addIssue({
            code: "custom",
            path: ["axes", ai, "objectives", oi, "id"],
            message: `l'objectif ${objective.id} ne correspond pas à l'axe ${axis.id} et à la lettre ${objective.letter}`,
          });
        }
        objective.actions.forEach((action, aci) => {
          const path = ["axes", ai, "objectives", oi, "actions", aci];
          if (!action.ref.startsWith(`${objective.id}.`)) {
            ctx.addIssue({
              code: "custom",
              path: [...path, "ref"],
              message: `l'action ${action.ref} n'appartient pas à l'objectif ${objective.id}`,
            });
          }
          if (refs.has(action.ref)) {
            ctx.addIssue({
              code: "custom",
              path: [...path, "ref"],
              message: `référence en double : ${action.ref}`,
            });
          }
          refs.add(action.ref);
          action.indicators.forEach((indicator, ii) => {
            if (ids.has(indicator.id)) {
              ctx.addIssue({
                code: "custom",
                path: [...path, "indicators", ii, "id"],
                message: `identifiant d'indicateur en double : ${indicator.id}`,
              });
            }
            ids.add(indicator.id);
          });
        });
      });
    });
  });
export type Plan = z.infer<typeof PlanSchema>;

/** The most characters an Excel cell holds (Excel's specifications and limits). */
export const EXCEL_CELL_LIMIT = 32_767;

/**
 * The largest plan a workbook is built for: 40 times the Pays Ségali plan (50 actions, 288
 * indicators). A CTG has a few dozen to 150 actions; a refresh at this size needs about 1 GB.
 */
export const PLAN_MAX_ACTIONS = 2_000;
export const PLAN_MAX_INDICATORS = 12_000;
const FR = new Intl.NumberFormat("fr-FR");
