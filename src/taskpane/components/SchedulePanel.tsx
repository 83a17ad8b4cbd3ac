import * as React from "react";
import {
  Button,
  Caption1,
  Spinner,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { ScheduleDraft } from "../state/scheduleView";
import { T } from "../texts";
import { Notice } from "./Notice";
import type { EditSchedule } from "./handlers";

/** The table (dropdowns, date inputs, spin buttons) loads with the schedule: not in the first bundle. */
const ScheduleTable = React.lazy(
  () => import(/* webpackChunkName: "schedule-table" */ "./ScheduleTable")
);

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  buttons: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

export interface SchedulePanelProps {
  readonly enabled: boolean;
  readonly busy: boolean;
  readonly drafts: readonly ScheduleDraft[] | null;
  readonly saved: boolean;
  readonly errors: readonly string[];
  readonly invalid: readonly string[];
  onLoad(): void;
  readonly onChange: EditSchedule;
  onSave(): void;
}

/** Plan the actions: phase, dates, progress, written to the Échéancier sheet's own input cells. */
export function SchedulePanel(props: SchedulePanelProps): React.JSX.Element {
  const styles = useStyles();
  const { drafts } = props;
  const disabled = !props.enabled || props.busy;
  return (
    <section className={styles.root} aria-labelledby="titre-echeancier">
      <Subtitle2 as="h2" id="titre-echeancier">
        {T.schedule.heading}
      </Subtitle2>
      <Caption1>{T.schedule.hint}</Caption1>
      <div className={styles.buttons}>
        <Button disabled={disabled} onClick={props.onLoad}>
          {drafts ? T.schedule.reload : T.schedule.load}
        </Button>
        {drafts && drafts.length > 0 ? (
          <Button appearance="primary" disabled={disabled} onClick={props.onSave}>
            {T.schedule.save}
          </Button>
        ) : null}
      </div>
      {props.busy ? <Spinner size="tiny" label={T.plan.loading} /> : null}
      {props.invalid.length > 0 ? (
        <Notice intent="error" title={T.schedule.invalidTitle} messages={props.invalid} />
      ) : null}
      {props.errors.length > 0 ? <Notice intent="error" messages={props.errors} /> : null}
      {props.saved ? <Notice intent="success" messages={[T.schedule.saved]} /> : null}
      {drafts && drafts.length === 0 ? <Caption1>{T.schedule.empty}</Caption1> : null}
      {drafts && drafts.length > 0 ? (
        <React.Suspense fallback={<Spinner size="tiny" label={T.plan.loading} />}>
          <ScheduleTable drafts={drafts} disabled={disabled} onChange={props.onChange} />
        </React.Suspense>
      ) : null}
    </section>
  );
}
