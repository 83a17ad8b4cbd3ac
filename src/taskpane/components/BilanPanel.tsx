import * as React from "react";
import {
  Body1,
  Button,
  Caption1,
  Checkbox,
  Field,
  Link,
  Select,
  Spinner,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Plan } from "../../domain/plan/schema";
import type { BilanFile, FrozenBilan, WorkbookService } from "../../app/port";
import { objectUrlOf } from "../files";
import { attempt } from "../state/outcome";
import { bilanYears, defaultBilanYear, isoToFrench } from "../state/bilanView";
import { T } from "../texts";
import { Notice } from "./Notice";
import { useFocusAfter } from "./focus";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  part: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  buttons: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
    alignItems: "center",
  },
  year: { maxWidth: "10rem" },
});

export interface BilanPanelProps {
  /** Whether the workbook commands are available (in Excel, with a CTG workbook open). */
  readonly enabled: boolean;
  /** Why the bilan is off (no CTG in the workbook yet), or null. */
  readonly disabledReason?: string | null;
  /** The pane's plan (its years; the workbook's own plan wins when it holds one). */
  readonly plan: Plan | null;
  readonly service: WorkbookService;
  /** Today (the year offered first is the last one completed). */
  readonly today?: Date;
}

interface Made {
  readonly file: BilanFile;
  /** An object URL of the file's bytes, or null where the browser cannot make one. */
  readonly url: string | null;
}

/**
 * The yearly bilan: freeze a year's values in a protected « Bilan AAAA » sheet, then make the bilan
 * document (Word to edit before the committee, or HTML to print as PDF) and download it.
 */
export function BilanPanel({
  enabled,
  disabledReason = null,
  plan,
  service,
  today,
}: BilanPanelProps): React.JSX.Element {
  const styles = useStyles();
  const reasonId = React.useId();
  const years = React.useMemo(() => (plan ? bilanYears(plan) : []), [plan]);
  const [year, setYear] = React.useState<number | null>(null);
  const chosenYear =
    year !== null && years.includes(year)
      ? year
      : plan
        ? defaultBilanYear(plan, today ?? new Date())
        : null;
  const [replace, setReplace] = React.useState(false);
  const [busy, setBusy] = React.useState<"freeze" | "docx" | "html" | null>(null);
  const [frozen, setFrozen] = React.useState<FrozenBilan | null>(null);
  const [made, setMade] = React.useState<Made | null>(null);
  const [freezeErrors, setFreezeErrors] = React.useState<string[]>([]);
  const [documentErrors, setDocumentErrors] = React.useState<string[]>([]);
  const [freezeToken, setFreezeToken] = React.useState(0);
  const [documentToken, setDocumentToken] = React.useState(0);
  useFocusAfter(freezeToken, () => document.getElementById("resultat-figer"));
  useFocusAfter(documentToken, () => document.getElementById("resultat-document"));

  // The object URL of the document shown: revoked when replaced and when the pane goes away.
  const url = React.useRef<string | null>(null);
  const mounted = React.useRef(true);
  React.useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      if (url.current !== null) URL.revokeObjectURL(url.current);
      url.current = null;
    };
  }, []);

  const disabled = !enabled || plan === null || chosenYear === null || busy !== null;

  /** Forgets the document shown (its link is revoked). */
  const dropDocument = (): void => {
    if (url.current !== null) URL.revokeObjectURL(url.current);
    url.current = null;
    setMade(null);
  };
  // Another year: the results shown were the previous year's.
  const onYear = (y: number): void => {
    setYear(y);
    setFrozen(null);
    setFreezeErrors([]);
    setDocumentErrors([]);
    dropDocument();
  };

  const onFreeze = async (): Promise<void> => {
    if (!plan || chosenYear === null) return;
    setBusy("freeze");
    setFrozen(null);
    setFreezeErrors([]);
    const result = await attempt(() => service.freezeBilan(plan, chosenYear, replace));
    if (!mounted.current) return;
    setBusy(null);
    if (result.ok) {
      setFrozen(result.value);
      setReplace(false);
      // A document made before this bilan was frozen compares with an older one: made again on demand.
      dropDocument();
    } else setFreezeErrors(result.messages);
    setFreezeToken((n) => n + 1);
  };

  const onDocument = async (format: "docx" | "html"): Promise<void> => {
    if (!plan || chosenYear === null) return;
    setBusy(format);
    setDocumentErrors([]);
    const result = await attempt(() => service.makeBilan(plan, chosenYear, format));
    if (!mounted.current) return;
    setBusy(null);
    dropDocument();
    if (result.ok) {
      url.current = objectUrlOf(result.value.bytes, result.value.mimeType);
      setMade({ file: result.value, url: url.current });
    } else setDocumentErrors(result.messages);
    setDocumentToken((n) => n + 1);
  };

  const describedBy = disabledReason ? reasonId : undefined;
  return (
    <section className={styles.root} aria-labelledby="titre-bilan">
      <Subtitle2 as="h2" id="titre-bilan">
        {T.bilan.heading}
      </Subtitle2>
      <Caption1>{T.bilan.hint}</Caption1>
      {disabledReason ? <Caption1 id={reasonId}>{disabledReason}</Caption1> : null}
      <Field label={T.bilan.year} className={styles.year}>
        <Select
          value={chosenYear === null ? "" : String(chosenYear)}
          disabled={plan === null || busy !== null}
          onChange={(_, data) => onYear(Number(data.value))}
        >
          {years.map((y) => (
            <option key={y} value={String(y)}>
              {y}
            </option>
          ))}
        </Select>
      </Field>

      <div className={styles.part} role="group" aria-labelledby="titre-figer">
        <Subtitle2 as="h3" id="titre-figer">
          {T.bilan.freezeHeading}
        </Subtitle2>
        <Checkbox
          checked={replace}
          disabled={busy !== null}
          onChange={(_, data) => setReplace(data.checked === true)}
          label={T.bilan.replace}
        />
        <Caption1>{T.bilan.replaceHint}</Caption1>
        <div className={styles.buttons}>
          <Button
            appearance="primary"
            disabledFocusable={disabled}
            aria-describedby={describedBy}
            onClick={() => void onFreeze()}
          >
            {chosenYear === null ? T.bilan.freezeHeading : T.bilan.freeze(chosenYear)}
          </Button>
          {busy === "freeze" ? <Spinner size="tiny" label={T.bilan.freezing} /> : null}
        </div>
        <div id="resultat-figer" tabIndex={-1}>
          {freezeErrors.length > 0 ? <Notice intent="error" messages={freezeErrors} /> : null}
          {frozen ? (
            <Notice
              intent="success"
              messages={[
                [
                  T.bilan.frozen(
                    frozen.year,
                    frozen.sheet,
                    isoToFrench(frozen.takenOn),
                    frozen.targets,
                    frozen.entered
                  ),
                  frozen.replacedOn
                    ? T.bilan.replaced(frozen.year, isoToFrench(frozen.replacedOn))
                    : "",
                ]
                  .filter((t) => t !== "")
                  .join(" "),
              ]}
            />
          ) : null}
        </div>
      </div>

      <div className={styles.part} role="group" aria-labelledby="titre-document-bilan">
        <Subtitle2 as="h3" id="titre-document-bilan">
          {T.bilan.documentHeading}
        </Subtitle2>
        <Caption1>{T.bilan.documentHint}</Caption1>
        <div className={styles.buttons}>
          <Button
            disabledFocusable={disabled}
            aria-describedby={describedBy}
            onClick={() => void onDocument("docx")}
          >
            {T.bilan.word}
          </Button>
          <Button
            disabledFocusable={disabled}
            aria-describedby={describedBy}
            onClick={() => void onDocument("html")}
          >
            {T.bilan.html}
          </Button>
          {busy === "docx" || busy === "html" ? (
            <Spinner size="tiny" label={T.bilan.making} />
          ) : null}
        </div>
        <div id="resultat-document" tabIndex={-1}>
          {documentErrors.length > 0 ? <Notice intent="error" messages={documentErrors} /> : null}
          {made ? (
            <Body1 role="status">
              {T.bilan.made(made.file.fileName)}{" "}
              {T.bilan.counts(made.file.axes, made.file.actions, made.file.targets)}{" "}
              {made.file.comparedWith
                ? T.bilan.compared(
                    made.file.comparedWith.year,
                    isoToFrench(made.file.comparedWith.takenOn)
                  )
                : T.bilan.noPrevious}
            </Body1>
          ) : null}
        </div>
        {made ? (
          <>
            {made.url !== null ? (
              <Link href={made.url} download={made.file.fileName}>
                {T.bilan.download(made.file.fileName)}
              </Link>
            ) : (
              <Caption1>{T.bilan.cannotDownload}</Caption1>
            )}
            <Caption1>{made.file.format === "docx" ? T.bilan.wordHint : T.bilan.htmlHint}</Caption1>
          </>
        ) : null}
      </div>
    </section>
  );
}
