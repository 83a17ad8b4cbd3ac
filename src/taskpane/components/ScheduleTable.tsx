import * as React from "react";
import {
  Caption1,
  Dropdown,
  Input,
  Option,
  SpinButton,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
} from "@fluentui/react-components";
import { PHASE_LABELS, parseProgress, type ScheduleDraft } from "../state/scheduleView";
import { T } from "../texts";
import type { EditSchedule } from "./handlers";

const useStyles = makeStyles({
  scroll: { overflowX: "auto" },
  table: { minWidth: "640px" },
  title: { display: "flex", flexDirection: "column" },
  dropdown: { minWidth: "130px" },
});

export interface ScheduleTableProps {
  readonly drafts: readonly ScheduleDraft[];
  readonly disabled: boolean;
  readonly onChange: EditSchedule;
}

function ScheduleLine({
  draft,
  disabled,
  onChange,
}: {
  draft: ScheduleDraft;
  disabled: boolean;
  onChange: EditSchedule;
}): React.JSX.Element {
  const styles = useStyles();
  const progress = parseProgress(draft.progress);
  const phaseText = draft.phase === "" ? T.schedule.noPhase : draft.phase;
  return (
    <TableRow>
      <TableCell>
        <span className={styles.title}>
          <Text weight="semibold">{draft.ref}</Text>
          <Caption1>{draft.title}</Caption1>
        </span>
      </TableCell>
      <TableCell>
        <Dropdown
          className={styles.dropdown}
          aria-label={T.schedule.phaseOf(draft.ref)}
          disabled={disabled}
          value={phaseText}
          selectedOptions={[draft.phase]}
          onOptionSelect={(_, data) => onChange(draft.ref, { phase: data.optionValue ?? "" })}
        >
          <Option value="">{T.schedule.noPhase}</Option>
          {PHASE_LABELS.map((label) => (
            <Option key={label} value={label}>
              {label}
            </Option>
          ))}
        </Dropdown>
      </TableCell>
      <TableCell>
        <Input
          type="date"
          aria-label={T.schedule.startOf(draft.ref)}
          disabled={disabled}
          value={draft.start}
          onChange={(_, data) => onChange(draft.ref, { start: data.value })}
        />
      </TableCell>
      <TableCell>
        <Input
          type="date"
          aria-label={T.schedule.endOf(draft.ref)}
          disabled={disabled}
          value={draft.end}
          onChange={(_, data) => onChange(draft.ref, { end: data.value })}
        />
      </TableCell>
      <TableCell>
        <SpinButton
          aria-label={T.schedule.progressOf(draft.ref)}
          disabled={disabled}
          min={0}
          max={100}
          step={5}
          value={progress !== null && !Number.isNaN(progress) ? progress : null}
          displayValue={draft.progress}
          onChange={(_, data) => {
            if (data.value !== undefined && data.value !== null)
              onChange(draft.ref, { progress: String(data.value) });
            else onChange(draft.ref, { progress: data.displayValue ?? "" });
          }}
        />
      </TableCell>
    </TableRow>
  );
}

/** One line per action: phase, start, end, progress (loaded with the schedule: not in the first bundle). */
export default function ScheduleTable({
  drafts,
  disabled,
  onChange,
}: ScheduleTableProps): React.JSX.Element {
  const styles = useStyles();
  return (
    <div className={styles.scroll}>
      <Table size="small" className={styles.table} aria-label={T.schedule.caption}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{T.schedule.action}</TableHeaderCell>
            <TableHeaderCell>{T.schedule.phase}</TableHeaderCell>
            <TableHeaderCell>{T.schedule.start}</TableHeaderCell>
            <TableHeaderCell>{T.schedule.end}</TableHeaderCell>
            <TableHeaderCell>{T.schedule.progress}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {drafts.map((d) => (
            <ScheduleLine key={d.ref} draft={d} disabled={disabled} onChange={onChange} />
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
