import * as React from "react";
import {
  Button,
  Caption1,
  Field,
  ProgressBar,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { GenerateResult, Progress } from "../../app/port";
import { T } from "../texts";
import { progressStepLabel } from "../state/messages";
import { Notice } from "./Notice";
import { useFocusAfter } from "./focus";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    alignItems: "stretch",
  },
});

export interface WorkbookPanelProps {
  /** The CTG the workbook holds already, or null. */
  readonly current: { readonly planId: string; readonly planVersion: string } | null;
  readonly canGenerate: boolean;
  readonly canRefresh: boolean;
  readonly busy: boolean;
  readonly progress: Progress | null;
  readonly generated: GenerateResult | null;
  readonly refreshed: number | null;
  readonly errors: readonly string[];
  readonly onGenerate: () => void;
  readonly onRefresh: () => void;
  /** Goes to the check (after a generation, checking is the next step). */
  readonly onCheck?: () => void;
  /** Grows with each generation or refresh: the focus then goes to its message. */
  readonly focusToken?: number;
}

export function generateSummary(result: GenerateResult): string[] {
  const lines = [
    result.regenerated
      ? T.generate.regenerated(result.sheets, result.rows)
      : T.generate.done(result.sheets, result.rows),
  ];
  if (result.regenerated || result.keptEntries > 0) lines.push(T.generate.kept(result.keptEntries));
  if (result.archivedEntries > 0) lines.push(T.generate.archived(result.archivedEntries));
  return lines;
}

/** Generate or regenerate the workbook (with progress), and refresh its derived sheets. */
export function WorkbookPanel(props: WorkbookPanelProps): React.JSX.Element {
  const styles = useStyles();
  const { current, progress } = props;
  const ratio = progress && progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  useFocusAfter(props.focusToken ?? 0, () => document.getElementById("resultat-classeur"));
  const working = props.busy;
  return (
    <section className={styles.root} aria-labelledby="titre-classeur">
      <Subtitle2 as="h2" id="titre-classeur">
        {T.generate.heading}
      </Subtitle2>
      {current ? (
        <>
          <Caption1>{T.generate.current(current.planId, current.planVersion)}</Caption1>
          <Caption1>{T.generate.regenerateHint}</Caption1>
        </>
      ) : null}
      {/* Before generation, generating is the step to take; after it, checking the entries is. */}
      {current && props.onCheck ? (
        <Button appearance="primary" disabledFocusable={working} onClick={props.onCheck}>
          {T.check.button}
        </Button>
      ) : null}
      <Button
        appearance={current ? "secondary" : "primary"}
        disabledFocusable={!props.canGenerate || working}
        onClick={props.onGenerate}
      >
        {current ? T.generate.regenerate : T.generate.generate}
      </Button>
      {progress ? (
        <Field
          label={T.generate.progressLabel}
          validationState="none"
          validationMessage={
            progress.total > 0
              ? T.generate.step(progressStepLabel(progress.step), progress.done, progress.total)
              : T.generate.starting
          }
        >
          <ProgressBar value={ratio} max={1} thickness="large" />
        </Field>
      ) : null}
      <div id="resultat-classeur" tabIndex={-1}>
        {props.generated ? (
          <Notice intent="success" messages={generateSummary(props.generated)} />
        ) : null}
        {props.refreshed !== null ? (
          <Notice intent="success" messages={[T.refresh.done(props.refreshed)]} />
        ) : null}
        {props.errors.length > 0 ? <Notice intent="error" messages={props.errors} /> : null}
      </div>
      <Button disabledFocusable={!props.canRefresh || working} onClick={props.onRefresh}>
        {T.refresh.button}
      </Button>
      <Caption1>{T.refresh.hint}</Caption1>
    </section>
  );
}
