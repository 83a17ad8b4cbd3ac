/**
 * Office errors as French messages. Every error is logged with its debug info (console.error) before
 * it is turned into a message: nothing is swallowed.
 */
import { message, type Message, type MessageCode } from "../domain/messages/types";

interface OfficeLikeError {
  readonly code: string;
  readonly message: string;
  readonly debugInfo?: unknown;
}

function isOfficeError(e: unknown): e is OfficeLikeError {
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as { code?: unknown }).code === "string" &&
    typeof (e as { message?: unknown }).message === "string"
  );
}

const BY_CODE: Readonly<Record<string, MessageCode>> = {
  RequestPayloadSizeLimitExceeded: "office.payload_too_large",
  ResponsePayloadSizeLimitExceeded: "office.response_too_large",
  InactiveWorkbook: "office.inactive_workbook",
  FormulaLengthExceedsLimit: "office.formula_too_long",
  AccessDenied: "office.access_denied",
  ItemNotFound: "office.item_not_found",
  ItemAlreadyExists: "office.item_exists",
  InvalidArgument: "office.invalid_argument",
  InvalidOperation: "office.invalid_operation",
  InvalidOperationInCellEditMode: "office.cell_edit_mode",
  ApiNotFound: "office.api_unsupported",
  NotImplemented: "office.api_unsupported",
  UnsupportedOperation: "office.api_unsupported",
  ActivityLimitReached: "office.busy",
  RequestAborted: "office.busy",
  Conflict: "office.busy",
  ServiceNotAvailable: "office.busy",
  GeneralException: "office.general",
};

/** The French message of an error thrown while talking to Excel (logged first). */
export function officeErrorMessage(e: unknown, where: string): Message {
  if (isOfficeError(e)) {
    console.error(`[ctg] ${where}: Office error ${e.code}: ${e.message}`, e.debugInfo ?? null);
    const code = BY_CODE[e.code];
    return code ? message(code) : message("office.unknown", { code: e.code, reason: e.message });
  }
  console.error(`[ctg] ${where}: internal error`, e);
  return message("office.internal", { reason: e instanceof Error ? e.message : String(e) });
}
