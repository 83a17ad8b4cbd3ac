import * as React from "react";
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Radio,
  RadioGroup,
  Spinner,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Plan } from "../../domain/plan/schema";
import type {
  ImportConflict,
  ImportFileReport,
  ImportPreview,
  ImportResult,
  ReturnFile,
  WorkbookService,
} from "../../app/port";
import type { EntryValue } from "../../domain/workbook/entries";
import { canonicalPartner } from "../../domain/plan/partners";
import { frenchDate } from "../state/display";
import { useFocusAfter } from "./focus";
import { attempt } from "../state/outcome";
import {
  canImport,
  chooseAll,
  choiceOf,
  choicesMap,
  entryText,
  fileReportView,
  isWorkbookFile,
  refusedFiles,
  setChoice,
  takenCount,
  type Choices,
} from "../state/partnersView";
import { XLSX_TYPE, readFileBytes } from "../files";
import { T } from "../texts";
import { Notice } from "./Notice";
import type { ChooseConflict, ChooseForAll } from "./handlers";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  hidden: { display: "none" },
  buttons: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
    alignItems: "center",
  },
  heading: { margin: `${tokens.spacingVerticalS} 0 0 0`, fontSize: tokens.fontSizeBase300 },
  reports: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  report: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  reportTitle: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    alignItems: "center",
    flexWrap: "wrap",
  },
  value: { overflowWrap: "anywhere" },
  values: {
    display: "grid",
    gridTemplateColumns: "minmax(0, auto) minmax(0, 1fr)",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    "& dt": { color: tokens.colorNeutralForeground3 },
    "& dd": { margin: 0, overflowWrap: "anywhere", fontWeight: tokens.fontWeightSemibold },
  },
});

export interface ReturnImportProps {
  readonly enabled: boolean;
  /** Why importing is off (no CTG in the workbook yet), or null. */
  readonly disabledReason?: string | null;
  readonly plan: Plan;
  readonly service: WorkbookService;
}

/** The files picked, read, and what could not be used (French notes). */
interface Picked {
  readonly files: readonly ReturnFile[];
  readonly notes: readonly string[];
}

type Read = { readonly file: ReturnFile } | { readonly note: string };

async function readPicked(list: readonly File[]): Promise<Picked> {
  const read = await Promise.all(
    list.map(async (f): Promise<Read> => {
      if (!isWorkbookFile(f.name)) return { note: T.importReturns.notWorkbook(f.name) };
      try {
        return { file: { name: f.name, bytes: await readFileBytes(f) } };
      } catch (e: unknown) {
        console.error(e);
        return { note: T.importReturns.unreadable(f.name) };
      }
    })
  );
  return {
    files: read.flatMap((r) => ("file" in r ? [r.file] : [])),
    notes: read.flatMap((r) => ("note" in r ? [r.note] : [])),
  };
}

function FileReports({
  files,
  done,
}: {
  files: readonly ImportFileReport[];
  done: boolean;
}): React.JSX.Element {
  const styles = useStyles();
  return (
    <ul className={styles.reports}>
      {files.map((report, i) => {
        const view = fileReportView(report, i, done);
        return (
          <li key={view.key}>
            <div role="group" aria-label={view.title} className={styles.report}>
              <span className={styles.reportTitle}>
                <Text weight="semibold">{view.title}</Text>
                <Badge appearance="tint" color={view.merged ? "success" : "danger"}>
                  {view.merged
                    ? done
                      ? T.importReturns.merged
                      : T.importReturns.willMerge
                    : T.importReturns.refused}
                </Badge>
              </span>
              {view.counts !== null ? <Body1>{view.counts}</Body1> : null}
              {view.threeWay !== undefined ? <Caption1>{view.threeWay}</Caption1> : null}
              {!view.merged ? (
                <Notice
                  intent="error"
                  title={done ? T.importReturns.refusedTitleDone : T.importReturns.refusedTitle}
                  messages={view.problems}
                />
              ) : null}
              {view.warnings.length > 0 ? (
                <Notice
                  intent="warning"
                  title={T.importReturns.warningsTitle}
                  messages={view.warnings}
                />
              ) : null}
              {view.invalid.length > 0 ? (
                <Notice
                  intent="warning"
                  title={T.importReturns.invalidTitle(view.invalid.length)}
                  messages={view.invalid}
                />
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

interface ConflictTableProps {
  readonly plan: Plan;
  readonly conflicts: readonly ImportConflict[];
  readonly choices: Choices;
  readonly disabled: boolean;
  readonly onChoice: ChooseConflict;
  readonly onAll: ChooseForAll;
}

/** A value as the workbook shows it: a date as dd/mm/yyyy, a number in French. */
function shownValue(value: EntryValue | null): string {
  return typeof value === "string" ? frenchDate(entryText(value)) : entryText(value);
}

/** One card per conflict (fits 320 px): what it is about, the values, and an explicit choice. */
function ConflictCards({
  plan,
  conflicts,
  choices,
  disabled,
  onChoice,
  onAll,
}: ConflictTableProps): React.JSX.Element {
  const styles = useStyles();
  const taken = takenCount(conflicts, choices);
  return (
    <section className={styles.root} aria-labelledby="titre-conflits">
      <Subtitle2 as="h4" className={styles.heading} id="titre-conflits">
        {T.importReturns.conflictsHeading(conflicts.length)}
      </Subtitle2>
      <Caption1>{T.importReturns.conflictsHint}</Caption1>
      <Body1 role="status">{T.importReturns.summary(conflicts.length, taken)}</Body1>
      <div className={styles.buttons}>
        <Button size="small" disabledFocusable={disabled} onClick={() => onAll("master")}>
          {T.importReturns.keepAll}
        </Button>
        <Button size="small" disabledFocusable={disabled} onClick={() => onAll("return")}>
          {T.importReturns.takeAll}
        </Button>
      </div>
      <ul className={styles.reports} aria-label={T.importReturns.conflictsCaption}>
        {conflicts.map((c) => {
          const partner = c.partner === "" ? c.file : canonicalPartner(plan, c.partner);
          const titleId = `conflit-${c.id}`;
          return (
            <li key={c.id} className={styles.report} aria-labelledby={titleId}>
              <Text weight="semibold" id={titleId} className={styles.value}>
                {T.importReturns.conflictTitle(c.key, c.column)}
              </Text>
              <Caption1 className={styles.value}>{c.label}</Caption1>
              <Caption1 className={styles.value}>{partner}</Caption1>
              <dl className={styles.values}>
                {c.sentValue !== null ? (
                  <>
                    <dt>{T.importReturns.sentValue}</dt>
                    <dd>{shownValue(c.sentValue)}</dd>
                  </>
                ) : null}
                <dt>{T.importReturns.masterValue}</dt>
                <dd>{shownValue(c.masterValue)}</dd>
                <dt>{T.importReturns.returnedValue}</dt>
                <dd>
                  {c.kind === "cleared" ? T.importReturns.cleared : shownValue(c.returnedValue)}
                </dd>
              </dl>
              <RadioGroup
                aria-label={T.importReturns.choiceOf(c.key, c.column, c.file)}
                value={choiceOf(choices, c.id)}
                disabled={disabled}
                onChange={(_, data) =>
                  onChoice(c.id, data.value === "return" ? "return" : "master")
                }
              >
                <Radio value="master" label={T.importReturns.keep} />
                <Radio value="return" label={T.importReturns.take} />
              </RadioGroup>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Pick the returned workbooks, see what merging them does (refused files, conflicts), choose, import. */
export default function ReturnImport({
  enabled,
  disabledReason = null,
  plan,
  service,
}: ReturnImportProps): React.JSX.Element {
  const reasonId = React.useId();
  // Each step (files chosen, analysis, import) moves the focus to its result.
  const [pickToken, setPickToken] = React.useState(0);
  const [analyseToken, setAnalyseToken] = React.useState(0);
  const [importToken, setImportToken] = React.useState(0);
  useFocusAfter(pickToken, () => document.getElementById("fichiers-retours"));
  const resultOr = (id: string) => () =>
    document.getElementById(id) ?? document.getElementById("erreurs-retours");
  useFocusAfter(analyseToken, resultOr("resultat-analyse"));
  useFocusAfter(importToken, resultOr("resultat-import"));
  const styles = useStyles();
  const input = React.useRef<HTMLInputElement>(null);
  const [picked, setPicked] = React.useState<Picked | null>(null);
  const [reading, setReading] = React.useState(false);
  const [analysis, setAnalysis] = React.useState<{
    readonly plan: Plan;
    readonly files: readonly ReturnFile[];
    readonly preview: ImportPreview;
  } | null>(null);
  const [choices, setChoices] = React.useState<Choices>({});
  const [done, setDone] = React.useState<{
    readonly files: readonly ReturnFile[];
    readonly result: ImportResult;
  } | null>(null);
  const [busy, setBusy] = React.useState<"analyse" | "import" | null>(null);
  const [errors, setErrors] = React.useState<string[]>([]);
  const pickRequest = React.useRef(0);
  // A second click before the first call is answered must not start a second import.
  const running = React.useRef(false);

  const files = picked?.files ?? [];
  // An analysis or an import holds for the files (and the plan) it was made with: new files start over.
  const preview =
    analysis && analysis.files === picked?.files && analysis.plan === plan
      ? analysis.preview
      : null;
  const result = done && done.files === picked?.files ? done.result : null;
  const disabled = !enabled || busy !== null || reading;

  const onPick = async (list: readonly File[]): Promise<void> => {
    const request = ++pickRequest.current;
    setReading(true);
    setErrors([]);
    const read = await readPicked(list);
    if (request !== pickRequest.current) return;
    setReading(false);
    setPicked(read);
    setChoices({});
    setPickToken((n) => n + 1);
  };

  const onAnalyse = async (): Promise<void> => {
    if (running.current || !picked || picked.files.length === 0) return;
    running.current = true;
    const forFiles = picked.files;
    const forPlan = plan;
    setBusy("analyse");
    setErrors([]);
    const answer = await attempt(() => service.previewImport(forPlan, forFiles));
    running.current = false;
    setBusy(null);
    if (answer.ok) {
      setAnalysis({ plan: forPlan, files: forFiles, preview: answer.value });
      setChoices({});
    } else {
      setAnalysis(null);
      setErrors(answer.messages);
    }
    setAnalyseToken((n) => n + 1);
  };

  const onImport = async (): Promise<void> => {
    if (running.current || !analysis || !preview || result !== null) return;
    running.current = true;
    const forFiles = analysis.files;
    setBusy("import");
    setErrors([]);
    const answer = await attempt(() =>
      service.applyImport(analysis.plan, forFiles, choicesMap(preview.conflicts, choices))
    );
    running.current = false;
    setBusy(null);
    if (answer.ok) setDone({ files: forFiles, result: answer.value });
    else setErrors(answer.messages);
    setImportToken((n) => n + 1);
  };

  const refused = result ? refusedFiles(result.files) : [];

  return (
    <section className={styles.root} aria-labelledby="titre-importer-retours">
      <Subtitle2 as="h3" id="titre-importer-retours">
        {T.importReturns.heading}
      </Subtitle2>
      <Caption1>{T.importReturns.hint}</Caption1>
      <div>
        <Button
          disabledFocusable={disabled}
          aria-describedby={disabledReason ? reasonId : undefined}
          onClick={() => input.current?.click()}
        >
          {T.importReturns.choose}
        </Button>
        <input
          ref={input}
          className={styles.hidden}
          type="file"
          multiple
          accept={`.xlsx,${XLSX_TYPE}`}
          aria-label={T.importReturns.inputLabel}
          tabIndex={-1}
          onChange={(e) => {
            const list = Array.from(e.currentTarget.files ?? []);
            e.currentTarget.value = "";
            if (list.length > 0) void onPick(list);
          }}
        />
      </div>
      {disabledReason ? <Caption1 id={reasonId}>{disabledReason}</Caption1> : null}
      {reading ? <Spinner size="tiny" label={T.importReturns.reading} /> : null}
      {!reading ? (
        <Caption1 id="fichiers-retours" tabIndex={-1} role="status">
          {files.length === 0
            ? T.importReturns.noFiles
            : T.importReturns.chosen(files.map((f) => f.name))}
        </Caption1>
      ) : null}
      {picked && picked.notes.length > 0 ? (
        <Notice intent="warning" messages={picked.notes} />
      ) : null}
      <div className={styles.buttons}>
        <Button
          appearance={preview ? "secondary" : "primary"}
          disabledFocusable={disabled || files.length === 0 || result !== null}
          onClick={() => void onAnalyse()}
        >
          {T.importReturns.analyse}
        </Button>
        {busy === "analyse" ? <Spinner size="tiny" label={T.importReturns.analysing} /> : null}
      </div>
      {errors.length > 0 ? <Notice id="erreurs-retours" intent="error" messages={errors} /> : null}
      {preview || result ? (
        <>
          <Subtitle2 as="h4" className={styles.heading} id="resultat-analyse" tabIndex={-1}>
            {T.importReturns.filesHeading}
          </Subtitle2>
          <FileReports
            files={result ? result.files : (preview?.files ?? [])}
            done={result !== null}
          />
        </>
      ) : null}
      {preview && !result && !canImport(preview) ? (
        <Notice intent="warning" messages={[T.importReturns.nothingToImport]} />
      ) : null}
      {preview && preview.conflicts.length > 0 ? (
        <ConflictCards
          plan={plan}
          conflicts={preview.conflicts}
          choices={choices}
          disabled={disabled || result !== null}
          onChoice={(id, choice) => setChoices((c) => setChoice(c, id, choice))}
          onAll={(choice) => setChoices(chooseAll(preview.conflicts, choice))}
        />
      ) : null}
      {preview || result ? (
        <div className={styles.buttons}>
          <Button
            appearance="primary"
            disabledFocusable={
              disabled || result !== null || preview === null || !canImport(preview)
            }
            onClick={() => void onImport()}
          >
            {T.importReturns.import}
          </Button>
          {busy === "import" ? <Spinner size="tiny" label={T.importReturns.importing} /> : null}
        </div>
      ) : null}
      {result ? (
        <div id="resultat-import" tabIndex={-1} className={styles.root}>
          <Notice
            intent="success"
            messages={[T.importReturns.done(result.written, result.journalRows)]}
          />
          {refused.length > 0 ? (
            <Notice intent="warning" messages={[T.importReturns.refusedFiles(refused)]} />
          ) : null}
          <Caption1>{T.importReturns.doneHint}</Caption1>
        </div>
      ) : null}
    </section>
  );
}
