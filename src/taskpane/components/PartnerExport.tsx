import * as React from "react";
import {
  Body1,
  Button,
  Caption1,
  Checkbox,
  Field,
  Link,
  SearchBox,
  Spinner,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { partnerDirectory } from "../../domain/plan/partners";
import type { Plan } from "../../domain/plan/schema";
import type { PartnerFile, WorkbookService } from "../../app/port";
import { attempt } from "../state/outcome";
import {
  filterPartners,
  partnerOptions,
  selectionInOrder,
  toggleSelected,
  visiblePartners,
} from "../state/partnersView";
import { objectUrlOf, XLSX_TYPE } from "../files";
import { T } from "../texts";
import { Notice } from "./Notice";
import { useFocusAfter } from "./focus";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  // Fluent's search box is at least 250 px wide: kept to the pane's width.
  search: { width: "100%", minWidth: 0, maxWidth: "100%", boxSizing: "border-box" },
  list: {
    display: "flex",
    flexDirection: "column",
    maxHeight: "16rem",
    overflowY: "auto",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalXS,
  },
  selection: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
  },
  buttons: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
    alignItems: "center",
  },
  files: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  file: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
});

export interface PartnerExportProps {
  readonly enabled: boolean;
  readonly plan: Plan;
  readonly service: WorkbookService;
}

interface Prepared {
  readonly file: PartnerFile;
  /** An object URL of the file's bytes, or null where the browser cannot make one. */
  readonly url: string | null;
}

function revoke(prepared: readonly Prepared[]): void {
  for (const p of prepared) if (p.url !== null) URL.revokeObjectURL(p.url);
}

function canOpen(service: WorkbookService): boolean {
  try {
    return service.canOpenWorkbooks();
  } catch (e: unknown) {
    console.error(e);
    return false;
  }
}

/** Choose one or several partners (filtered by words), prepare their workbooks, download or open them. */
export default function PartnerExport({
  enabled,
  plan,
  service,
}: PartnerExportProps): React.JSX.Element {
  const styles = useStyles();
  // The list is one Tab stop; the arrow keys (Home, End) move from name to name (a roving
  // tabindex: no hidden focusable helpers, which screen readers would meet).
  const [current, setCurrent] = React.useState(0);
  const [prepareToken, setPrepareToken] = React.useState(0);
  useFocusAfter(prepareToken, () => document.getElementById("resultat-preparation"));
  const options = React.useMemo(() => partnerOptions(partnerDirectory(plan)), [plan]);
  const [query, setQuery] = React.useState("");
  const [showAll, setShowAll] = React.useState(false);
  const [selected, setSelected] = React.useState<string[]>([]);
  const [busy, setBusy] = React.useState(false);
  const [prepared, setPrepared] = React.useState<Prepared[] | null>(null);
  const [errors, setErrors] = React.useState<string[]>([]);
  const [opening, setOpening] = React.useState<string | null>(null);
  const [opened, setOpened] = React.useState<string | null>(null);

  // The object URLs of the files shown: revoked when replaced and when the pane goes away.
  const urls = React.useRef<readonly Prepared[]>([]);
  const mounted = React.useRef(true);
  React.useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      revoke(urls.current);
      urls.current = [];
    };
  }, []);

  const matching = React.useMemo(() => filterPartners(options, query), [options, query]);
  const { shown, hidden } = visiblePartners(matching, showAll);

  // « Show all » goes away once clicked: the keyboard focus moves to the first name it revealed.
  const list = React.useRef<HTMLDivElement>(null);
  const focusFrom = React.useRef<number | null>(null);
  React.useEffect(() => {
    if (focusFrom.current === null) return;
    const boxes = list.current?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]');
    const index = Math.min(focusFrom.current, (boxes?.length ?? 1) - 1);
    setCurrent(index);
    boxes?.item(index)?.focus();
    focusFrom.current = null;
  }, [showAll]);
  const onShowAll = (): void => {
    focusFrom.current = shown.length;
    setShowAll(true);
  };
  const chosen = selectionInOrder(options, selected);
  const active = Math.min(current, Math.max(0, shown.length - 1));
  const onListKey = (e: React.KeyboardEvent<HTMLDivElement>): void => {
    const next =
      e.key === "ArrowDown"
        ? active + 1
        : e.key === "ArrowUp"
          ? active - 1
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? shown.length - 1
              : null;
    if (next === null) return;
    e.preventDefault();
    const index = Math.max(0, Math.min(shown.length - 1, next));
    setCurrent(index);
    list.current?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]').item(index)?.focus();
  };

  const onPrepare = async (): Promise<void> => {
    if (chosen.length === 0) return;
    setBusy(true);
    setErrors([]);
    setOpened(null);
    const result = await attempt(() => service.preparePartners(plan, chosen));
    if (!mounted.current) return;
    setBusy(false);
    revoke(urls.current);
    urls.current = [];
    if (result.ok) {
      const made = result.value.map((file) => ({ file, url: objectUrlOf(file.bytes, XLSX_TYPE) }));
      urls.current = made;
      setPrepared(made);
    } else {
      setPrepared(null);
      setErrors(result.messages);
    }
    setPrepareToken((n) => n + 1);
  };

  const onOpen = async (file: PartnerFile): Promise<void> => {
    setOpening(file.fileName);
    setOpened(null);
    setErrors([]);
    const result = await attempt(() => service.openPartnerFile(file));
    setOpening(null);
    if (result.ok) setOpened(file.fileName);
    else setErrors(result.messages);
  };

  const openable = prepared !== null && prepared.length > 0 && canOpen(service);

  return (
    <section className={styles.root} aria-labelledby="titre-preparer-partenaire">
      <Subtitle2 as="h3" id="titre-preparer-partenaire">
        {T.exportPartner.heading}
      </Subtitle2>
      <Caption1>{T.exportPartner.hint}</Caption1>
      <Field label={T.exportPartner.search}>
        <SearchBox
          className={styles.search}
          value={query}
          placeholder={T.exportPartner.searchPlaceholder}
          onChange={(_, data) => setQuery(data.value)}
          dismiss={{
            "aria-label": T.exportPartner.clearSearch,
            title: T.exportPartner.clearSearch,
          }}
        />
      </Field>
      <Caption1 role="status">
        {shown.length === 0
          ? T.exportPartner.noMatch(query.trim())
          : T.exportPartner.shown(shown.length, options.length)}
      </Caption1>
      {shown.length > 0 ? (
        <div
          ref={list}
          role="group"
          aria-label={T.exportPartner.list}
          className={styles.list}
          onKeyDown={onListKey}
        >
          {shown.map((o, i) => (
            <Checkbox
              key={o.name}
              input={{ tabIndex: i === active ? 0 : -1, onFocus: () => setCurrent(i) }}
              checked={selected.includes(o.name)}
              onChange={(_, data) =>
                setSelected((s) => toggleSelected(s, o.name, data.checked === true))
              }
              label={
                <>
                  {o.name} <Caption1>({T.exportPartner.actions(o.actions)})</Caption1>
                </>
              }
            />
          ))}
        </div>
      ) : null}
      {hidden > 0 ? (
        <div className={styles.selection}>
          <Caption1>{T.exportPartner.more(hidden)}</Caption1>
          <Button size="small" appearance="subtle" onClick={onShowAll}>
            {T.exportPartner.showAll(matching.length)}
          </Button>
        </div>
      ) : null}
      <div className={styles.selection}>
        <Body1>
          {chosen.length === 0 ? T.exportPartner.noneSelected : T.exportPartner.selected(chosen)}
        </Body1>
        {chosen.length > 0 ? (
          <Button size="small" appearance="subtle" onClick={() => setSelected([])}>
            {T.exportPartner.clear}
          </Button>
        ) : null}
      </div>
      <div className={styles.buttons}>
        <Button
          appearance="primary"
          disabledFocusable={!enabled || busy || chosen.length === 0}
          onClick={() => void onPrepare()}
        >
          {T.exportPartner.prepare}
        </Button>
        {busy ? <Spinner size="tiny" label={T.exportPartner.preparing} /> : null}
      </div>
      <div id="resultat-preparation" tabIndex={-1}>
        {errors.length > 0 ? <Notice intent="error" messages={errors} /> : null}
        {prepared && prepared.length > 0 ? (
          <Body1 role="status">{T.exportPartner.prepared(prepared.length)}</Body1>
        ) : null}
      </div>
      {prepared && prepared.length > 0 ? (
        <>
          <ul className={styles.files}>
            {prepared.map(({ file, url }) => (
              <li key={file.fileName}>
                <div role="group" aria-label={file.partner} className={styles.file}>
                  <Text weight="semibold">{file.partner}</Text>
                  <Caption1>{T.exportPartner.fileSummary(file.actions, file.entries)}</Caption1>
                  <div className={styles.buttons}>
                    {url !== null ? (
                      <Link href={url} download={file.fileName}>
                        {T.exportPartner.download(file.fileName)}
                      </Link>
                    ) : null}
                    {openable ? (
                      <Button
                        size="small"
                        disabledFocusable={!enabled || opening !== null}
                        onClick={() => void onOpen(file)}
                      >
                        {T.exportPartner.open}
                      </Button>
                    ) : null}
                    {opening === file.fileName ? (
                      <Spinner size="tiny" label={T.exportPartner.opening} />
                    ) : null}
                  </div>
                </div>
              </li>
            ))}
          </ul>
          {!openable ? <Caption1>{T.exportPartner.cannotOpen}</Caption1> : null}
          <Caption1>{T.exportPartner.sendHint}</Caption1>
        </>
      ) : null}
      {opened !== null ? (
        <Notice intent="success" messages={[T.exportPartner.opened(opened)]} />
      ) : null}
    </section>
  );
}
