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
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
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
  scroll: { overflowX: "auto" },
  // Fixed widths: each radio label on one line; the table scrolls sideways in a narrow pane.
  table: { tableLayout: "fixed", width: "800px" },
  sourceColumn: { width: "110px" },
  indicatorColumn: { width: "180px" },
  yearColumn: { width: "80px" },
  valueColumn: { width: "100px" },
  choiceColumn: { width: "230px" },
  value: { overflowWrap: "anywhere" },
  stacked: { display: "flex", flexDirection: "column" },
});

export interface ReturnImportProps {
  readonly enabled: boolean;
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
  readonly conflicts: readonly ImportConflict[];
  readonly choices: Choices;
  readonly disabled: boolean;
  readonly onChoice: ChooseConflict;
  readonly onAll: ChooseForAll;
}

function ConflictTable({
  conflicts,
  choices,
  disabled,
  onChoice,
  onAll,
}: ConflictTableProps): React.JSX.Element {
  const styles = useStyles();
  return (
    <>
      <Subtitle2 as="h4" className={styles.heading}>
        {T.importReturns.conflictsHeading(conflicts.length)}
      </Subtitle2>
      <Caption1>{T.importReturns.conflictsHint}</Caption1>
      <div className={styles.buttons}>
        <Button size="small" disabled={disabled} onClick={() => onAll("master")}>
          {T.importReturns.keepAll}
        </Button>
        <Button size="small" disabled={disabled} onClick={() => onAll("return")}>
          {T.importReturns.takeAll}
        </Button>
        <Caption1 role="status">
          {T.importReturns.taken(takenCount(conflicts, choices), conflicts.length)}
        </Caption1>
      </div>
      <div className={styles.scroll}>
        <Table size="small" className={styles.table} aria-label={T.importReturns.conflictsCaption}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.sourceColumn}>
                {T.importReturns.source}
              </TableHeaderCell>
              <TableHeaderCell className={styles.indicatorColumn}>
                {T.importReturns.indicator}
              </TableHeaderCell>
              <TableHeaderCell className={styles.yearColumn}>
                {T.importReturns.column}
              </TableHeaderCell>
              <TableHeaderCell className={styles.valueColumn}>
                {T.importReturns.sentValue}
              </TableHeaderCell>
              <TableHeaderCell className={styles.valueColumn}>
                {T.importReturns.masterValue}
              </TableHeaderCell>
              <TableHeaderCell className={styles.valueColumn}>
                {T.importReturns.returnedValue}
              </TableHeaderCell>
              <TableHeaderCell className={styles.choiceColumn}>
                {T.importReturns.choice}
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {conflicts.map((c) => (
              <TableRow key={c.id}>
                <TableCell className={styles.value}>
                  <span className={styles.stacked}>
                    <Text>{c.partner === "" ? c.file : c.partner}</Text>
                    {c.partner === "" ? null : <Caption1>{c.file}</Caption1>}
                  </span>
                </TableCell>
                <TableCell>
                  <span className={styles.stacked}>
                    <Text weight="semibold">{c.key}</Text>
                    <Caption1>{c.label}</Caption1>
                  </span>
                </TableCell>
                <TableCell>{c.column}</TableCell>
                <TableCell className={styles.value}>{entryText(c.sentValue)}</TableCell>
                <TableCell className={styles.value}>{entryText(c.masterValue)}</TableCell>
                <TableCell className={styles.value}>
                  {c.kind === "cleared" ? T.importReturns.cleared : entryText(c.returnedValue)}
                </TableCell>
                <TableCell>
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
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </>
  );
}

/** Pick the returned workbooks, see what merging them does (refused files, conflicts), choose, import. */
export default function ReturnImport({
  enabled,
  plan,
  service,
}: ReturnImportProps): React.JSX.Element {
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
  };

  const refused = result ? refusedFiles(result.files) : [];

  return (
    <section className={styles.root} aria-labelledby="titre-importer-retours">
      <Subtitle2 as="h3" id="titre-importer-retours">
        {T.importReturns.heading}
      </Subtitle2>
      <Caption1>{T.importReturns.hint}</Caption1>
      <div>
        <Button disabled={disabled} onClick={() => input.current?.click()}>
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
      {reading ? <Spinner size="tiny" label={T.importReturns.reading} /> : null}
      {!reading ? (
        <Caption1>
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
          disabled={disabled || files.length === 0 || result !== null}
          onClick={() => void onAnalyse()}
        >
          {T.importReturns.analyse}
        </Button>
        {busy === "analyse" ? <Spinner size="tiny" label={T.importReturns.analysing} /> : null}
      </div>
      {errors.length > 0 ? <Notice intent="error" messages={errors} /> : null}
      {preview || result ? (
        <>
          <Subtitle2 as="h4" className={styles.heading}>
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
        <ConflictTable
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
            disabled={disabled || result !== null || preview === null || !canImport(preview)}
            onClick={() => void onImport()}
          >
            {T.importReturns.import}
          </Button>
          {busy === "import" ? <Spinner size="tiny" label={T.importReturns.importing} /> : null}
        </div>
      ) : null}
      {result ? (
        <>
          <Notice
            intent="success"
            messages={[T.importReturns.done(result.written, result.journalRows)]}
          />
          {refused.length > 0 ? (
            <Notice intent="warning" messages={[T.importReturns.refusedFiles(refused)]} />
          ) : null}
          <Caption1>{T.importReturns.doneHint}</Caption1>
        </>
      ) : null}
    </section>
  );
}
