import { formatMessage } from "../messages";
import { statusLabelCode } from "./codes";
import type { Status } from "./types";

/** The French label a user sees for a status ("Atteint", "À renseigner"...), from the catalogue. */
export function statusLabel(status: Status): string {
  return formatMessage({ code: statusLabelCode(status), params: {} });
}
