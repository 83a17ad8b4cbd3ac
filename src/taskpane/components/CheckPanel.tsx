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
import type { SelectCell } from "./handlers";

/** The results (table, accordion) load with the first check: they are not in the pane's first bundle. */
const CheckResults = React.lazy(
  () => import(/* webpackChunkName: "check-results" */ "./CheckResults")
);

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

export interface CheckPanelProps {
  readonly enabled: boolean;
  readonly autoCheck: boolean;
  readonly running: boolean;
  readonly view: CheckView | null;
  readonly errors: readonly string[];
  readonly onCheck: () => void;
  readonly onSelect: SelectCell;
}

/** Check the entries: counts per status, and the invalid entries grouped by axis and action. */
export function CheckPanel({
  enabled,
  autoCheck,
  running,
  view,
  errors,
  onCheck,
  onSelect,
}: CheckPanelProps): React.JSX.Element {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-labelledby="titre-verification">
      <Subtitle2 as="h2" id="titre-verification">
        {T.check.heading}
      </Subtitle2>
      <Button appearance="primary" disabled={!enabled || running} onClick={onCheck}>
        {T.check.button}
      </Button>
      {enabled && autoCheck ? <Caption1>{T.check.autoHint}</Caption1> : null}
      {running ? <Spinner size="tiny" label={T.check.running} /> : null}
      {errors.length > 0 ? <Notice intent="error" messages={errors} /> : null}
      {view ? (
        <React.Suspense fallback={<Spinner size="tiny" label={T.check.running} />}>
          <CheckResults view={view} onSelect={onSelect} />
        </React.Suspense>
      ) : null}
    </section>
  );
}
