import * as React from "react";
import {
  Button,
  Caption1,
  Spinner,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { CheckView } from "../state/checkView";
import { T } from "../texts";
import { Notice } from "./Notice";
import { useFocusAfter } from "./focus";
import type { SelectCell } from "./handlers";

/** The results (table, accordion) load with the first check: they are not in the pane's first bundle. */
const CheckResults = React.lazy(
  () => import(/* webpackChunkName: "check-results" */ "./CheckResults")
);

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
});

export interface CheckPanelProps {
  readonly enabled: boolean;
  /** Why checking is off (no CTG in the workbook yet), or null. */
  readonly disabledReason?: string | null;
  readonly autoCheck: boolean;
  readonly running: boolean;
  readonly view: CheckView | null;
  readonly errors: readonly string[];
  /** Grows with each check the user asks for: the focus then goes to its result. */
  readonly focusToken?: number;
  /** The cell just selected in the workbook (French), or null. */
  readonly selected?: string | null;
  readonly onCheck: () => void;
  readonly onSelect: SelectCell;
}

/** Check the entries: counts per status, and the invalid entries grouped by axis and action. */
export function CheckPanel({
  enabled,
  disabledReason = null,
  autoCheck,
  running,
  view,
  errors,
  focusToken = 0,
  selected = null,
  onCheck,
  onSelect,
}: CheckPanelProps): React.JSX.Element {
  const styles = useStyles();
  const reasonId = React.useId();
  // Errors take the focus here; results take it in CheckResults (loaded with the first check).
  useFocusAfter(errors.length > 0 ? focusToken : 0, () =>
    document.getElementById("erreurs-verification")
  );
  return (
    <section className={styles.root} aria-labelledby="titre-verification">
      <Subtitle2 as="h2" id="titre-verification">
        {T.check.heading}
      </Subtitle2>
      <Button
        appearance="primary"
        disabledFocusable={!enabled || running}
        aria-describedby={disabledReason ? reasonId : undefined}
        onClick={onCheck}
      >
        {T.check.button}
      </Button>
      {disabledReason ? <Caption1 id={reasonId}>{disabledReason}</Caption1> : null}
      {enabled && autoCheck ? <Caption1>{T.check.autoHint}</Caption1> : null}
      {running ? <Spinner size="tiny" label={T.check.running} /> : null}
      {errors.length > 0 ? (
        <Notice id="erreurs-verification" intent="error" messages={errors} />
      ) : null}
      <div role="status" aria-live="polite">
        {selected ? <Caption1>{selected}</Caption1> : null}
      </div>
      {view ? (
        <React.Suspense fallback={<Spinner size="tiny" label={T.check.running} />}>
          <CheckResults
            view={view}
            onSelect={onSelect}
            focusToken={errors.length > 0 ? 0 : focusToken}
          />
        </React.Suspense>
      ) : null}
    </section>
  );
}
