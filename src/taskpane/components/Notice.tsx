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
  /** An id (to move the focus to the message after an action: it can then be focused). */
  readonly id?: string;
}

/** A French message bar (errors are announced at once, the rest politely). */
export function Notice({ intent, messages, title, id }: NoticeProps): React.JSX.Element | null {
  const styles = useStyles();
  const bodyId = React.useId();
  if (messages.length === 0 && !title) return null;
  return (
    <MessageBar
      id={id}
      tabIndex={id ? -1 : undefined}
      intent={intent}
      politeness={intent === "error" ? "assertive" : "polite"}
      layout="multiline"
      // Labelled by its title when it has one, else by its text (never by a missing id).
      {...(title ? {} : { "aria-labelledby": bodyId })}
    >
      <MessageBarBody id={bodyId}>
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
