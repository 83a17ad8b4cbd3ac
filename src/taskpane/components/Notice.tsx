import * as React from "react";
import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
} from "@fluentui/react-components";

const useStyles = makeStyles({
  list: { margin: 0, paddingInlineStart: "1.2em" },
});

export interface NoticeProps {
  readonly intent: "error" | "warning" | "success" | "info";
  /** French sentences; one is shown as text, several as a list. */
  readonly messages: readonly React.ReactNode[];
  readonly title?: string;
}

/** A French message bar (errors are announced at once, the rest politely). */
export function Notice({ intent, messages, title }: NoticeProps): React.JSX.Element | null {
  const styles = useStyles();
  if (messages.length === 0 && !title) return null;
  return (
    <MessageBar
      intent={intent}
      politeness={intent === "error" ? "assertive" : "polite"}
      layout="multiline"
    >
      <MessageBarBody>
        {title ? <MessageBarTitle>{title}</MessageBarTitle> : null}
        {messages.length === 1 ? (
          <span>{messages[0]}</span>
        ) : messages.length > 1 ? (
          <ul className={styles.list}>
            {messages.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        ) : null}
      </MessageBarBody>
    </MessageBar>
  );
}
