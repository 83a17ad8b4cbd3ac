import * as React from "react";
import {
  Button,
  Caption1,
  Field,
  Input,
  Select,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import {
  PHASE_LABELS,
  draftProblems,
  hasProblems,
  type ScheduleDraft,
} from "../state/scheduleView";
import { frenchDate } from "../state/display";
import { T } from "../texts";
import type { EditSchedule } from "./handlers";
import { useFocusAfter } from "./focus";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  editor: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  dates: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  date: { flex: "1 1 130px", minWidth: 0 },
  full: { width: "100%", minWidth: 0, maxWidth: "100%" },
  field: { minWidth: 0 },
  // Fluent's inputs are at least 250 px wide: two dates side by side fit, or go one under the other.
  // A native list's width follows its longest option: kept to the pane's width.
  list: {
    width: "100%",
    minWidth: 0,
    "& select": { width: "100%", minWidth: 0, textOverflow: "ellipsis" },
  },
  title: { overflowWrap: "anywhere" },
  buttons: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

export interface ScheduleTableProps {
  readonly drafts: readonly ScheduleDraft[];
  readonly disabled: boolean;
  readonly onChange: EditSchedule;
  readonly onSave: () => void;
  readonly onClose: () => void;
  /** Grows when the schedule is loaded: the focus then goes to the list of actions. */
  readonly focusToken?: number;
  /** The action to show (the first one with a mistake after a refused save), or null. */
  readonly showRef?: string | null;
}

/** The start and end date fields of an action, alike but for their key and labels. */
const DATE_FIELDS = [
  { key: "start", label: T.schedule.start, labelOf: T.schedule.startOf },
  { key: "end", label: T.schedule.end, labelOf: T.schedule.endOf },
] as const;

function optionText(d: ScheduleDraft): string {
  const dates =
    d.start === "" && d.end === ""
      ? T.schedule.noDates
      : T.schedule.dates(d.start ? frenchDate(d.start) : null, d.end ? frenchDate(d.end) : null);
  const mark = hasProblems(draftProblems(d)) ? " ⚠" : "";
  return `${d.ref} — ${d.title} (${dates})${mark}`;
}

/**
 * The schedule edited one action at a time (fits a 320 px pane): the list of actions (one field,
 * arrow keys), then the chosen action's phase, start and end dates, progress, each with its mistake
 * next to it; save and close at hand. Loaded with the schedule: not in the first bundle.
 */
export default function ScheduleTable({
  drafts,
  disabled,
  onChange,
  onSave,
  onClose,
  focusToken = 0,
  showRef = null,
}: ScheduleTableProps): React.JSX.Element {
  const styles = useStyles();
  const [chosen, setChosen] = React.useState<string | null>(null);
  React.useEffect(() => {
    if (showRef) setChosen(showRef);
  }, [showRef]);
  const draft = drafts.find((d) => d.ref === chosen) ?? drafts[0];
  const list = React.useRef<HTMLSelectElement>(null);
  useFocusAfter(focusToken, () => list.current);
  if (!draft) return <Caption1>{T.schedule.empty}</Caption1>;
  const problems = draftProblems(draft);
  const ref = draft.ref;
  return (
    <div className={styles.root}>
      <Field label={T.schedule.actions} className={styles.field}>
        <Select
          ref={list}
          className={styles.list}
          value={draft.ref}
          onChange={(_, data) => setChosen(data.value)}
        >
          {drafts.map((d) => (
            <option key={d.ref} value={d.ref}>
              {optionText(d)}
            </option>
          ))}
        </Select>
      </Field>
      <section className={styles.editor} aria-labelledby="titre-action-echeancier">
        <Text as="h3" weight="semibold" id="titre-action-echeancier" className={styles.title}>
          {T.schedule.editing(ref)} — {draft.title}
        </Text>
        <Field label={T.schedule.phase}>
          <Select
            className={styles.full}
            aria-label={T.schedule.phaseOf(ref)}
            disabled={disabled}
            value={draft.phase}
            onChange={(_, data) => onChange(ref, { phase: data.value })}
          >
            <option value="">{T.schedule.noPhase}</option>
            {PHASE_LABELS.map((label) => (
              <option key={label} value={label}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <div className={styles.dates}>
          {DATE_FIELDS.map(({ key, label, labelOf }) => (
            <Field
              key={key}
              className={styles.date}
              label={label}
              validationState={problems[key] ? "error" : "none"}
              validationMessage={problems[key]}
            >
              <Input
                className={styles.full}
                type="date"
                aria-label={labelOf(ref)}
                disabled={disabled}
                value={draft[key]}
                onChange={(_, data) => onChange(ref, { [key]: data.value })}
              />
            </Field>
          ))}
        </div>
        <Field
          label={T.schedule.progress}
          validationState={problems.progress ? "error" : "none"}
          validationMessage={problems.progress}
        >
          <Input
            className={styles.full}
            inputMode="decimal"
            aria-label={T.schedule.progressOf(ref)}
            disabled={disabled}
            value={draft.progress}
            onChange={(_, data) => onChange(ref, { progress: data.value })}
          />
        </Field>
      </section>
      <div className={styles.buttons}>
        <Button appearance="primary" disabledFocusable={disabled} onClick={onSave}>
          {T.schedule.save}
        </Button>
        <Button disabledFocusable={disabled} onClick={onClose}>
          {T.schedule.close}
        </Button>
      </div>
    </div>
  );
}
