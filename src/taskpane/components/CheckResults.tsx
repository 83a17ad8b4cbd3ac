import * as React from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Body1,
  Button,
  Caption1,
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
import type { CheckView, ProblemCell } from "../state/checkView";
import { T } from "../texts";
import { Notice } from "./Notice";
import type { SelectCell } from "./handlers";
import { useFocusAfter } from "./focus";

const useStyles = makeStyles({
  action: {
    margin: `${tokens.spacingVerticalS} 0 ${tokens.spacingVerticalXS} 0`,
    fontSize: tokens.fontSizeBase300,
  },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  problem: {
    justifyContent: "flex-start",
    textAlign: "start",
    height: "auto",
    paddingBlock: tokens.spacingVerticalXS,
  },
  problemText: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    minWidth: 0,
    overflowWrap: "anywhere",
  },
  // A problem is a link to its cell: it looks like one.
  problemLink: { color: tokens.colorBrandForegroundLink, textDecorationLine: "underline" },
  count: { textAlign: "end" },
  results: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
});

export interface CheckResultsProps {
  readonly view: CheckView;
  readonly onSelect: SelectCell;
  /** Grows with each check the user asks for: the focus goes to the first problem, or the summary. */
  readonly focusToken?: number;
}

function ProblemButton({
  cell,
  onSelect,
}: {
  cell: ProblemCell;
  onSelect: SelectCell;
}): React.JSX.Element {
  const styles = useStyles();
  return (
    <Button
      appearance="subtle"
      className={styles.problem}
      title={T.check.goTo(cell.sheet, cell.address)}
      data-probleme=""
      onClick={() => onSelect(cell)}
    >
      <span className={styles.problemText}>
        <Text weight="semibold" className={styles.problemLink}>
          {cell.address} — {cell.label}
        </Text>
        <Caption1>{cell.message}</Caption1>
      </span>
    </Button>
  );
}

/** Counts per status (badges in a table) and the problems by axis (accordion) and action; each problem goes to its cell. */
export default function CheckResults({
  view,
  onSelect,
  focusToken = 0,
}: CheckResultsProps): React.JSX.Element {
  const styles = useStyles();
  const root = React.useRef<HTMLDivElement>(null);
  useFocusAfter(focusToken, () =>
    root.current
      ? (root.current.querySelector<HTMLElement>("[data-probleme]") ??
        root.current.querySelector<HTMLElement>("#resume-verification"))
      : null
  );
  const over =
    view.period && view.evaluationYear > view.period.end
      ? T.check.periodOver(view.period.start, view.period.end, view.evaluationYear)
      : null;
  return (
    <div ref={root} className={styles.results}>
      <Body1 role="status" id="resume-verification" tabIndex={-1}>
        {T.check.summary(view.rows, view.entries, view.invalidEntries, view.evaluationYear)}
      </Body1>
      {over ? <Notice intent="info" messages={[over]} /> : null}
      <Caption1>{T.check.countsHint}</Caption1>
      <Table size="extra-small" aria-label={T.check.countsCaption}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{T.check.statusColumn}</TableHeaderCell>
            <TableHeaderCell className={styles.count}>{T.check.countColumn}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {view.counts.map((c) => (
            <TableRow key={c.code}>
              <TableCell>{c.label}</TableCell>
              <TableCell className={styles.count}>
                <Badge appearance={c.count > 0 ? "filled" : "outline"} color={c.tone}>
                  {c.count}
                </Badge>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {view.problemCount === 0 ? (
        <Notice intent="success" messages={[T.check.allValid]} />
      ) : (
        <>
          <Subtitle2 as="h3">{T.check.problemsHeading(view.problemCount)}</Subtitle2>
          <Accordion
            key={view.axes.map((a) => a.sheet).join("|")}
            multiple
            collapsible
            defaultOpenItems={view.axes.map((a) => a.sheet)}
          >
            {view.axes.map((axis) => (
              <AccordionItem key={axis.sheet} value={axis.sheet}>
                <AccordionHeader as="h4">
                  {T.check.axisHeader(axis.title, axis.count)}
                </AccordionHeader>
                <AccordionPanel>
                  {axis.actions.map((action) => (
                    <div
                      key={action.ref}
                      role="group"
                      aria-label={action.title ? `${action.ref} ${action.title}` : action.ref}
                    >
                      <h5 className={styles.action}>
                        {action.ref}
                        {action.title ? ` — ${action.title}` : ""}
                      </h5>
                      <ul className={styles.list}>
                        {action.indicators.map((indicator) => (
                          <li key={indicator.id}>
                            <Caption1>
                              {indicator.id} · {indicator.text} ({indicator.target})
                            </Caption1>
                            <ul className={styles.list}>
                              {indicator.cells.map((cell) => (
                                <li key={`${cell.row}-${cell.column}`}>
                                  <ProblemButton cell={cell} onSelect={onSelect} />
                                </li>
                              ))}
                            </ul>
                          </li>
                        ))}
                      </ul>
                    </div>
                  ))}
                </AccordionPanel>
              </AccordionItem>
            ))}
          </Accordion>
        </>
      )}
    </div>
  );
}
