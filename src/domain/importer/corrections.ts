import { z } from "zod";
import { PartnerGroupSchema } from "../plan/schema";

/**
 * Hand corrections applied by the importer: a small explicit file, each entry with its reason.
 * Kept apart from the source text so that the source stays verbatim and every correction is reviewed.
 */
export const LinkCorrectionSchema = z
  .object({
    ref: z.string().regex(/^[IVX]+\.[A-Z]\.\d+$/),
    /** Start of the fiche wording (compared without accents, case or punctuation). */
    fiche: z.string().min(3),
    /** Start of the recap wording. */
    recap: z.string().min(3),
    reason: z.string().min(10),
  })
  .strict();
export type LinkCorrection = z.infer<typeof LinkCorrectionSchema>;

export const CorrectionsSchema = z
  .object({
    $comment: z.string().optional(),
    plan: z
      .object({
        id: z
          .string()
          .regex(/^[a-z0-9-]+$/)
          .optional(),
        version: z
          .string()
          .regex(/^\d+\.\d+\.\d+$/)
          .optional(),
        reason: z.string().optional(),
      })
      .strict()
      .default({}),
    /** Pairs of wordings that are the same indicator although the similarity rule does not see it. */
    links: z.array(LinkCorrectionSchema).default([]),
    /** Canonical partner names and their variants, copied to the plan's `partners`. */
    partners: z.array(PartnerGroupSchema).default([]),
  })
  .strict();
export type Corrections = z.infer<typeof CorrectionsSchema>;

export const NO_CORRECTIONS: Corrections = { plan: {}, links: [], partners: [] };
