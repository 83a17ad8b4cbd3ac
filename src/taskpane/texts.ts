/** The task pane's labels live in the message catalogue (src/domain/messages/taskpane.ts). */
export { T, plural } from "../domain/messages/taskpane";
