import * as React from "react";
import {
  Button,
  Caption1,
  Spinner,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { draftProblems, hasProblems, type ScheduleDraft } from "../state/scheduleView";
import { T } from "../texts";
import { Notice } from "./Notice";
import { useFocusAfter } from "./focus";
import type { EditSchedule } from "./handlers";

/** The editor (date inputs, selects) loads with the schedule: not in the first bundle. */
const ScheduleTable = React.lazy(
  () => import(/* webpackChunkName: "schedule-table" */ "./ScheduleTable")
);

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  buttons: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

export interface SchedulePanelProps {
  readonly enabled: boolean;
  /** Why the schedule is off (no CTG in the workbook yet), or null. */
  readonly disabledReason?: string | null;
  readonly busy: boolean;
  /** Grows after each load or save: the focus then goes to its result. */
  readonly focusToken?: number;
  readonly drafts: readonly ScheduleDraft[] | null;
  readonly saved: boolean;
  readonly errors: readonly string[];
  readonly invalid: readonly string[];
  onLoad(): void;
  readonly onChange: EditSchedule;
  onSave(): void;
  onClose?(): void;
}

/** Plan the actions: phase, dates, progress, written to the Échéancier sheet's own input cells. */
export function SchedulePanel(props: SchedulePanelProps): React.JSX.Element {
  const styles = useStyles();
  const { drafts } = props;
  const disabled = !props.enabled || props.busy;
  const reasonId = React.useId();
  const token = props.focusToken ?? 0;
  const hasNotice = props.saved || props.invalid.length > 0 || props.errors.length > 0;
  // A save's outcome (or a failure) takes the focus here; a load gives it to the list of actions.
  useFocusAfter(hasNotice ? token : 0, () => document.getElementById("resultat-echeancier"));
  const loadButton = React.useRef<HTMLButtonElement>(null);
  const [closed, setClosed] = React.useState(0);
  useFocusAfter(closed, () => loadButton.current);
  const firstInvalid =
    props.invalid.length > 0 && drafts
      ? (drafts.find((d) => hasProblems(draftProblems(d)))?.ref ?? null)
      : null;
  return (
    <section className={styles.root} aria-labelledby="titre-echeancier">
      <Subtitle2 as="h2" id="titre-echeancier">
        {T.schedule.heading}
      </Subtitle2>
      <Caption1>{T.schedule.hint}</Caption1>
      <div className={styles.buttons}>
        <Button
          ref={loadButton}
          appearance={drafts ? "secondary" : "primary"}
          disabledFocusable={disabled}
          aria-describedby={props.disabledReason ? reasonId : undefined}
          onClick={props.onLoad}
        >
          {drafts ? T.schedule.reload : T.schedule.load}
        </Button>
      </div>
      {props.disabledReason ? <Caption1 id={reasonId}>{props.disabledReason}</Caption1> : null}
      {props.busy ? <Spinner size="tiny" label={T.plan.loading} /> : null}
      <div id="resultat-echeancier" tabIndex={-1}>
        {props.invalid.length > 0 ? (
          <Notice intent="error" title={T.schedule.invalidTitle} messages={props.invalid} />
        ) : null}
        {props.errors.length > 0 ? <Notice intent="error" messages={props.errors} /> : null}
        {props.saved ? <Notice intent="success" messages={[T.schedule.saved]} /> : null}
      </div>
      {drafts && drafts.length === 0 ? <Caption1>{T.schedule.empty}</Caption1> : null}
      {drafts && drafts.length > 0 ? (
        <React.Suspense fallback={<Spinner size="tiny" label={T.plan.loading} />}>
          <ScheduleTable
            drafts={drafts}
            disabled={disabled}
            onChange={props.onChange}
            onSave={props.onSave}
            onClose={() => {
              props.onClose?.();
              setClosed((n) => n + 1);
            }}
            focusToken={hasNotice ? 0 : token}
            showRef={firstInvalid}
          />
        </React.Suspense>
      ) : null}
    </section>
  );
}
