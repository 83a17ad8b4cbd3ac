import * as React from "react";
import { Caption1, Spinner, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import type { Plan } from "../../domain/plan/schema";
import type { WorkbookService } from "../../app/port";
import { T } from "../texts";

/** The partner list and the import (tables, radios, the plan's partner directory) load in their own chunk. */
const PartnerExport = React.lazy(
  () => import(/* webpackChunkName: "partners" */ "./PartnerExport")
);
const ReturnImport = React.lazy(() => import(/* webpackChunkName: "partners" */ "./ReturnImport"));

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
});

export interface PartnersPanelProps {
  /** The workbook commands are available (ExcelApi 1.8, inside Excel). */
  readonly enabled: boolean;
  /** The pane's plan, or null while none is loaded and valid. */
  readonly plan: Plan | null;
  readonly service: WorkbookService;
  /** Why importing is off (no CTG in the workbook yet to import into), or null. */
  readonly needCtg?: string | null;
}

/** Partners: prepare a workbook holding only their actions, and import the workbooks they send back. */
export function PartnersPanel({
  enabled,
  plan,
  service,
  needCtg = null,
}: PartnersPanelProps): React.JSX.Element {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-labelledby="titre-partenaires">
      <Subtitle2 as="h2" id="titre-partenaires">
        {T.partners.heading}
      </Subtitle2>
      <Caption1>{T.partners.intro}</Caption1>
      {plan === null ? (
        <Caption1>{T.partners.needPlan}</Caption1>
      ) : (
        <React.Suspense fallback={<Spinner size="tiny" label={T.partners.loading} />}>
          <PartnerExport enabled={enabled} plan={plan} service={service} />
          <ReturnImport
            enabled={enabled && needCtg === null}
            disabledReason={needCtg}
            plan={plan}
            service={service}
          />
        </React.Suspense>
      )}
    </section>
  );
}
