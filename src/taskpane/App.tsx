import * as React from "react";
import { Body1, Divider, Title3, makeStyles, tokens } from "@fluentui/react-components";
import type { GenerateResult, Progress, WorkbookService } from "../app/port";
import { features, noHost, type Features, type RequirementCheck } from "./requirements";
import {
  loadEmbeddedPlan,
  loadPlanText,
  loadPlanWorkbookBytes,
  type PlanLoad,
} from "./state/planSource";
import { attempt } from "./state/outcome";
import type { CheckView, ProblemCell } from "./state/checkView";
import { debounce, RECHECK_DELAY_MS } from "./state/debounce";
import { toDrafts, updateDraft, validateDrafts, type ScheduleDraft } from "./state/scheduleView";
import { T } from "./texts";
import { readFileBytes } from "./files";
import { Notice } from "./components/Notice";
import { PlanPicker, type PlanChoice, type PlanState } from "./components/PlanPicker";
import { WorkbookPanel } from "./components/WorkbookPanel";
import { CheckPanel } from "./components/CheckPanel";
import { SchedulePanel } from "./components/SchedulePanel";
import { PartnersPanel } from "./components/PartnersPanel";
import { SectionPanel, SectionTabs } from "./components/SectionTabs";
import { BilanPanel } from "./components/BilanPanel";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: `0 ${tokens.spacingHorizontalM} ${tokens.spacingVerticalL}`,
    maxWidth: "900px",
    minWidth: 0,
    boxSizing: "border-box",
  },
  // The title and the sections stay at hand at the top of the pane.
  header: {
    position: "sticky",
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    paddingTop: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  panel: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    minWidth: 0,
    paddingTop: tokens.spacingVerticalS,
    "&[hidden]": { display: "none" },
  },
});

const SECTIONS = ["workbook", "check", "schedule", "partners", "bilan"] as const;
export type Section = (typeof SECTIONS)[number];

/** `Office.context.requirements`, or a stub. */
export interface Requirements {
  isSetSupported: RequirementCheck;
}

export interface AppProps {
  readonly service: WorkbookService;
  readonly requirements: Requirements;
  /** Set when the page does not run inside Excel: every workbook command is then off, with this reason. */
  readonly hostMessage?: string | null;
  /** Loads the embedded plan (lazy by default; tests may give a smaller one). */
  readonly loadEmbedded?: () => Promise<PlanLoad>;
  /** Delay before checking again after an edit (ms). */
  readonly recheckDelay?: number;
  /** The section shown first (the workbook's by default). */
  readonly initialSection?: Section;
  /** Today, for the year a bilan is offered for (default: the clock). */
  readonly today?: Date;
}

type CurrentCtg = { planId: string; planVersion: string } | null;

async function readFileText(file: File): Promise<string> {
  if (typeof file.text === "function") return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === "string" ? reader.result : "");
    reader.onerror = () => reject(reader.error ?? new Error("read"));
    reader.readAsText(file, "utf-8");
  });
}

/**
 * The task pane: choose a plan, generate the workbook, check the entries, refresh, plan the schedule,
 * prepare partner workbooks and import what partners send back.
 */
export function App({
  service,
  requirements,
  hostMessage = null,
  loadEmbedded = loadEmbeddedPlan,
  recheckDelay = RECHECK_DELAY_MS,
  initialSection = "workbook",
  today,
}: AppProps): React.JSX.Element {
  const styles = useStyles();
  const [section, setSection] = React.useState<Section>(initialSection);
  const feats: Features = React.useMemo(
    () =>
      hostMessage
        ? noHost(hostMessage)
        : features((name, version) => requirements.isSetSupported(name, version)),
    [hostMessage, requirements]
  );
  const enabled = feats.workbook.available;

  // --- plan
  const [plan, setPlan] = React.useState<PlanState>({
    choice: "embedded",
    fileName: null,
    load: null,
    loading: true,
    readError: null,
  });
  const planRequest = React.useRef(0);
  const loadPlan = React.useCallback(
    (choice: PlanChoice, fileName: string | null, loader: (() => Promise<PlanLoad>) | null) => {
      const request = ++planRequest.current;
      setPlan({ choice, fileName, load: null, loading: loader !== null, readError: null });
      if (!loader) return;
      loader().then(
        (load) => {
          if (request === planRequest.current)
            setPlan({ choice, fileName, load, loading: false, readError: null });
        },
        (e: unknown) => {
          console.error(e);
          if (request === planRequest.current)
            setPlan({
              choice,
              fileName,
              load: null,
              loading: false,
              readError: fileName ? T.plan.unreadable(fileName) : T.unexpected,
            });
        }
      );
    },
    []
  );
  React.useEffect(() => loadPlan("embedded", null, loadEmbedded), [loadPlan, loadEmbedded]);
  const onChoice = (choice: PlanChoice): void =>
    choice === "embedded" ? loadPlan("embedded", null, loadEmbedded) : loadPlan("file", null, null);
  // A plan file: JSON, or a plan workbook (`.xlsx`) as the coordinator fills it in Excel.
  const onFile = (file: File): void =>
    loadPlan("file", file.name, async () =>
      /\.xlsx$/i.test(file.name)
        ? loadPlanWorkbookBytes(await readFileBytes(file))
        : loadPlanText(await readFileText(file))
    );
  const readyPlan = !plan.loading && plan.load?.ok ? plan.load.plan : null;

  // --- workbook
  const [current, setCurrent] = React.useState<CurrentCtg>(null);
  const [busy, setBusy] = React.useState(false);
  const [progress, setProgress] = React.useState<Progress | null>(null);
  const [generated, setGenerated] = React.useState<GenerateResult | null>(null);
  const [refreshed, setRefreshed] = React.useState<number | null>(null);
  const [workbookErrors, setWorkbookErrors] = React.useState<string[]>([]);

  const readCurrent = React.useCallback(async () => {
    const result = await attempt(() => service.current());
    if (result.ok) setCurrent(result.value);
    else setWorkbookErrors(result.messages);
  }, [service]);
  React.useEffect(() => {
    if (enabled) void readCurrent();
  }, [enabled, readCurrent]);

  const [workbookFocus, setWorkbookFocus] = React.useState(0);
  const onGenerate = async (): Promise<void> => {
    if (!readyPlan) {
      setWorkbookErrors([T.generate.needPlan]);
      return;
    }
    setBusy(true);
    setGenerated(null);
    setRefreshed(null);
    setWorkbookErrors([]);
    setProgress({ done: 0, total: 0, step: { kind: "prepare" } });
    const result = await attempt(() => service.generate(readyPlan, (p) => setProgress(p)));
    setBusy(false);
    setProgress(null);
    if (result.ok) {
      setGenerated(result.value);
      await readCurrent();
    } else setWorkbookErrors(result.messages);
    setWorkbookFocus((n) => n + 1);
  };

  const onRefresh = async (): Promise<void> => {
    setBusy(true);
    setRefreshed(null);
    setGenerated(null);
    setWorkbookErrors([]);
    const result = await attempt(() => service.refresh());
    setBusy(false);
    if (result.ok) setRefreshed(result.value.sheets);
    else setWorkbookErrors(result.messages);
    setWorkbookFocus((n) => n + 1);
  };

  // --- check
  const [view, setView] = React.useState<CheckView | null>(null);
  const [checking, setChecking] = React.useState(false);
  const [checkErrors, setCheckErrors] = React.useState<string[]>([]);
  const checkRequest = React.useRef(0);
  const checkedOnce = React.useRef(false);
  const planForTitles = React.useRef(readyPlan);
  planForTitles.current = readyPlan;

  const [checkFocus, setCheckFocus] = React.useState(0);
  const [selectedCell, setSelectedCell] = React.useState<string | null>(null);
  const runCheck = React.useCallback(
    async (focus = false) => {
      const request = ++checkRequest.current;
      setChecking(true);
      const [result, views] = await Promise.all([
        attempt(() => service.check()),
        // The view's layout code (and the engine it shares with the sheets) loads with the first check.
        import(/* webpackChunkName: "check-results" */ "./state/checkView").catch((e: unknown) => {
          console.error(e);
          return null;
        }),
      ]);
      if (request !== checkRequest.current) return;
      setChecking(false);
      if (result.ok && views) {
        checkedOnce.current = true;
        setCheckErrors([]);
        setView(views.checkView(result.value, planForTitles.current));
      } else setCheckErrors(result.ok ? [T.unexpected] : result.messages);
      // A check the user asked for moves the focus to its result (an automatic one does not).
      if (focus) {
        setSelectedCell(null);
        setCheckFocus((n) => n + 1);
      }
    },
    [service]
  );

  React.useEffect(() => {
    if (!enabled || !feats.autoCheck.available) return undefined;
    const recheck = debounce(() => {
      if (checkedOnce.current) void runCheck();
    }, recheckDelay);
    let unsubscribe: (() => void) | null = null;
    let stopped = false;
    service.onEntriesChanged(recheck).then(
      (off) => {
        if (stopped) off();
        else unsubscribe = off;
      },
      (e: unknown) => console.error(e)
    );
    return () => {
      stopped = true;
      recheck.cancel();
      unsubscribe?.();
    };
  }, [enabled, feats.autoCheck.available, service, runCheck, recheckDelay]);

  const onSelect = async (cell: ProblemCell): Promise<void> => {
    const result = await attempt(() => service.select(cell.sheet, cell.row, cell.column));
    setCheckErrors(result.ok ? [] : result.messages);
    setSelectedCell(result.ok ? T.check.selected(cell.address, cell.sheet) : null);
  };

  // --- schedule
  const [drafts, setDrafts] = React.useState<ScheduleDraft[] | null>(null);
  const [scheduleBusy, setScheduleBusy] = React.useState(false);
  const [scheduleSaved, setScheduleSaved] = React.useState(false);
  const [scheduleErrors, setScheduleErrors] = React.useState<string[]>([]);
  const [scheduleInvalid, setScheduleInvalid] = React.useState<string[]>([]);

  const onLoadSchedule = async (): Promise<void> => {
    setScheduleBusy(true);
    setScheduleSaved(false);
    setScheduleInvalid([]);
    const result = await attempt(() => service.readSchedule());
    setScheduleBusy(false);
    if (result.ok) {
      setDrafts(toDrafts(result.value));
      setScheduleErrors([]);
    } else setScheduleErrors(result.messages);
    setScheduleFocus((n) => n + 1);
  };
  const onScheduleChange = (
    ref: string,
    change: Partial<Omit<ScheduleDraft, "ref" | "title">>
  ): void => {
    setScheduleSaved(false);
    setDrafts((d) => (d ? updateDraft(d, ref, change) : d));
  };
  const [scheduleFocus, setScheduleFocus] = React.useState(0);
  const onSaveSchedule = async (): Promise<void> => {
    if (!drafts) return;
    const validation = validateDrafts(drafts);
    setScheduleSaved(false);
    if (!validation.ok) {
      setScheduleInvalid(validation.problems);
      setScheduleFocus((n) => n + 1);
      return;
    }
    setScheduleInvalid([]);
    setScheduleBusy(true);
    const result = await attempt(() => service.writeSchedule(validation.rows));
    setScheduleBusy(false);
    if (result.ok) {
      setScheduleSaved(true);
      setScheduleErrors([]);
    } else setScheduleErrors(result.messages);
    setScheduleFocus((n) => n + 1);
  };

  const featureNotes = [feats.workbook.reason, feats.autoCheck.reason, feats.outline.reason].filter(
    (r): r is string => r !== null
  );

  const hasCtg = enabled && current !== null;
  const needCtg = enabled && current === null ? T.needCtg : null;

  return (
    <main className={styles.root} aria-labelledby="titre-volet">
      <div className={styles.header}>
        <Title3 as="h1" id="titre-volet">
          {T.title}
        </Title3>
        <SectionTabs
          label={T.nav.label}
          sections={SECTIONS}
          names={T.nav}
          selected={section}
          onSelect={setSection}
        />
      </div>
      <SectionPanel section="workbook" selected={section} className={styles.panel}>
        <Body1>{T.intro}</Body1>
        {featureNotes.map((note) => (
          <Notice key={note} intent={enabled ? "info" : "warning"} messages={[note]} />
        ))}
        <PlanPicker state={plan} disabled={busy} onChoice={onChoice} onFile={onFile} />
        <Divider />
        <WorkbookPanel
          current={current}
          canGenerate={enabled && readyPlan !== null}
          canRefresh={hasCtg}
          busy={busy}
          progress={progress}
          generated={generated}
          refreshed={refreshed}
          errors={workbookErrors}
          onGenerate={() => void onGenerate()}
          onRefresh={() => void onRefresh()}
          focusToken={workbookFocus}
          onCheck={() => {
            setSection("check");
            void runCheck(true);
          }}
        />
      </SectionPanel>
      <SectionPanel section="check" selected={section} className={styles.panel}>
        <CheckPanel
          enabled={hasCtg}
          disabledReason={needCtg}
          autoCheck={feats.autoCheck.available}
          running={checking}
          view={view}
          errors={checkErrors}
          selected={selectedCell}
          focusToken={checkFocus}
          onCheck={() => void runCheck(true)}
          onSelect={(cell) => void onSelect(cell)}
        />
      </SectionPanel>
      <SectionPanel section="schedule" selected={section} className={styles.panel}>
        <SchedulePanel
          enabled={hasCtg}
          disabledReason={needCtg}
          busy={scheduleBusy}
          focusToken={scheduleFocus}
          drafts={drafts}
          saved={scheduleSaved}
          errors={scheduleErrors}
          invalid={scheduleInvalid}
          onLoad={() => void onLoadSchedule()}
          onChange={onScheduleChange}
          onSave={() => void onSaveSchedule()}
          onClose={() => {
            setDrafts(null);
            setScheduleSaved(false);
            setScheduleInvalid([]);
          }}
        />
      </SectionPanel>
      <SectionPanel section="partners" selected={section} className={styles.panel}>
        <PartnersPanel enabled={enabled} needCtg={needCtg} plan={readyPlan} service={service} />
      </SectionPanel>
      <SectionPanel section="bilan" selected={section} className={styles.panel}>
        <BilanPanel
          enabled={hasCtg}
          disabledReason={needCtg}
          plan={readyPlan}
          service={service}
          today={today}
        />
      </SectionPanel>
    </main>
  );
}
