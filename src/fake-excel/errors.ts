/** Errors shaped like Office.js's `OfficeExtension.Error`: a `code`, a message and `debugInfo`. */

export interface FakeDebugInfo {
  readonly code: string;
  readonly message: string;
  readonly errorLocation?: string;
  readonly statement?: string;
}

export class FakeOfficeError extends Error {
  override readonly name = "RichApi.Error";
  readonly code: string;
  readonly debugInfo: FakeDebugInfo;

  constructor(code: string, message: string, location?: string, statement?: string) {
    super(message);
    this.code = code;
    this.debugInfo = {
      code,
      message,
      ...(location ? { errorLocation: location } : {}),
      ...(statement ? { statement } : {}),
    };
  }
}

export const ErrorCodes = {
  propertyNotLoaded: "PropertyNotLoaded",
  valueNotLoaded: "ValueNotLoaded",
  invalidArgument: "InvalidArgument",
  itemNotFound: "ItemNotFound",
  itemAlreadyExists: "ItemAlreadyExists",
  invalidOperation: "InvalidOperation",
  invalidObjectPath: "InvalidObjectPath",
  accessDenied: "AccessDenied",
  requestPayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
  notImplemented: "NotImplemented",
  generalException: "GeneralException",
} as const;

export function propertyNotLoaded(property: string): FakeOfficeError {
  return new FakeOfficeError(
    ErrorCodes.propertyNotLoaded,
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`
  );
}

export function invalidArgument(location: string, detail: string): FakeOfficeError {
  return new FakeOfficeError(
    ErrorCodes.invalidArgument,
    `The argument is invalid or missing or has an incorrect format. (${detail})`,
    location
  );
}

export function itemNotFound(location: string, detail: string): FakeOfficeError {
  return new FakeOfficeError(
    ErrorCodes.itemNotFound,
    `The requested resource doesn't exist. (${detail})`,
    location
  );
}

export function itemAlreadyExists(location: string, detail: string): FakeOfficeError {
  return new FakeOfficeError(
    ErrorCodes.itemAlreadyExists,
    `A resource with the same name or identifier already exists. (${detail})`,
    location
  );
}

export function invalidOperation(location: string, detail: string): FakeOfficeError {
  return new FakeOfficeError(
    ErrorCodes.invalidOperation,
    `The requested operation is invalid. (${detail})`,
    location
  );
}

export function accessDenied(location: string, detail: string): FakeOfficeError {
  return new FakeOfficeError(
    ErrorCodes.accessDenied,
    `The cell or chart you're trying to change is on a protected sheet. (${detail})`,
    location
  );
}

export function notImplemented(location: string, detail: string): FakeOfficeError {
  return new FakeOfficeError(
    ErrorCodes.notImplemented,
    `The fake Excel does not implement this. (${detail})`,
    location
  );
}
