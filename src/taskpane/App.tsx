import * as React from "react";
import {
  Body1,
  Caption1,
  Card,
  CardHeader,
  Subtitle1,
  Title3,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { PlanSummary } from "./planSummary";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
  },
});

export interface AppProps {
  readonly plan: PlanSummary;
  /** Message shown when Office is not available (page opened outside Excel). */
  readonly hostMessage: string | null;
}

/** The task pane. In this version it shows the embedded plan; the workbook commands come next. */
export function App({ plan, hostMessage }: AppProps): React.JSX.Element {
  const styles = useStyles();
  return (
    <main className={styles.root} aria-labelledby="titre-volet">
      <Title3 as="h1" id="titre-volet">
        Classeur CTG
      </Title3>
      <Body1>
        Suivi des indicateurs de la Convention Territoriale Globale, directement dans Excel.
      </Body1>
      <Card aria-label="Plan chargé">
        <CardHeader
          header={<Subtitle1 as="h2">{plan.title}</Subtitle1>}
          description={<Caption1>{plan.period}</Caption1>}
        />
        <Body1>
          {plan.axes} axes, {plan.actions} actions, {plan.indicators} indicateurs.
        </Body1>
      </Card>
      {hostMessage ? <Caption1 role="status">{hostMessage}</Caption1> : null}
    </main>
  );
}
