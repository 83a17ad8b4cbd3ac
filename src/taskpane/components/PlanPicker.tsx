import * as React from "react";
import {
  Body1,
  Button,
  Caption1,
  Card,
  CardHeader,
  Radio,
  RadioGroup,
  Spinner,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { PlanLoad } from "../state/planSource";
import { XLSX_TYPE } from "../files";
import { T } from "../texts";
import { Notice } from "./Notice";
import type { ChoosePlan, PickFile } from "./handlers";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  hidden: { display: "none" },
  path: { fontFamily: tokens.fontFamilyMonospace },
});

export type PlanChoice = "embedded" | "file";

export interface PlanState {
  readonly choice: PlanChoice;
  /** The chosen file's name (choice `file`), or null before one is chosen. */
  readonly fileName: string | null;
  /** null while loading (or before a file is chosen). */
  readonly load: PlanLoad | null;
  readonly loading: boolean;
  /** A file the browser could not read. */
  readonly readError: string | null;
}

export interface PlanPickerProps {
  readonly state: PlanState;
  readonly disabled: boolean;
  readonly onChoice: ChoosePlan;
  readonly onFile: PickFile;
}

/** Choose the plan: the embedded one, or a JSON file checked on the spot. */
export function PlanPicker({
  state,
  disabled,
  onChoice,
  onFile,
}: PlanPickerProps): React.JSX.Element {
  const styles = useStyles();
  const input = React.useRef<HTMLInputElement>(null);
  const { load } = state;
  return (
    <section className={styles.root} aria-labelledby="titre-plan">
      <Subtitle2 as="h2" id="titre-plan">
        {T.plan.heading}
      </Subtitle2>
      <RadioGroup
        aria-label={T.plan.choice}
        value={state.choice}
        disabled={disabled}
        onChange={(_, data) => onChoice(data.value === "file" ? "file" : "embedded")}
      >
        <Radio value="embedded" label={T.plan.embedded} />
        <Radio value="file" label={T.plan.file} />
      </RadioGroup>
      {state.choice === "file" ? (
        <div>
          <Button disabled={disabled} onClick={() => input.current?.click()}>
            {T.plan.chooseFile}
          </Button>
          <input
            ref={input}
            className={styles.hidden}
            type="file"
            accept={`.json,.xlsx,application/json,${XLSX_TYPE}`}
            aria-label={T.plan.fileInputLabel}
            tabIndex={-1}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = "";
              if (file) onFile(file);
            }}
          />
        </div>
      ) : null}
      {state.loading ? <Spinner size="tiny" label={T.plan.loading} /> : null}
      {state.readError ? <Notice intent="error" messages={[state.readError]} /> : null}
      {state.choice === "file" && state.fileName === null && !state.loading ? (
        <Caption1>{T.plan.noFileYet}</Caption1>
      ) : null}
      {!state.loading && load?.ok ? (
        <Card aria-label={T.plan.loaded}>
          <CardHeader
            header={<Subtitle2 as="h3">{load.summary.title}</Subtitle2>}
            description={<Caption1>{load.summary.period}</Caption1>}
          />
          <Body1>
            {T.plan.counts(load.summary.axes, load.summary.actions, load.summary.indicators)}
          </Body1>
          {state.choice === "file" && state.fileName ? (
            <Caption1>{T.plan.fromFile(state.fileName)}</Caption1>
          ) : null}
        </Card>
      ) : null}
      {!state.loading && load && !load.ok ? (
        <Notice
          intent="error"
          title={T.plan.invalidTitle(state.fileName ?? "", load.problems.length)}
          messages={load.problems.map((p, i) =>
            p.path === null ? (
              p.text
            ) : (
              <React.Fragment key={i}>
                <code className={styles.path} aria-label={`${T.plan.path} ${p.path}`}>
                  {p.path}
                </code>{" "}
                : {p.text}
              </React.Fragment>
            )
          )}
        />
      ) : null}
    </section>
  );
}
