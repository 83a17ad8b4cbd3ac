/** Imitates Office.js's `Excel.RequestContext`: the queue of operations and `sync()`. */
import { ErrorCodes, FakeOfficeError } from "./errors";
import type { RequestContextLike } from "../office/excelApi";
import type { Host, Op, RequestStat } from "./core";
import { FakeWorkbook, type FakeApplication } from "./workbook";

const encoder = new TextEncoder();

// ---------------------------------------------------------------------------------------------
// The request context

export class FakeContext implements RequestContextLike {
  private queue: Op[] = [];
  private nextId = 1;
  private suspendScreen = false;
  closed = false;
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;

  constructor(readonly host: Host) {
    this.workbook = new FakeWorkbook(this);
    this.application = this.workbook.application;
  }

  newId(): number {
    return this.nextId++;
  }

  enqueue(json: unknown, location: string, run: () => void): void {
    if (this.closed) {
      throw new FakeOfficeError(
        ErrorCodes.invalidObjectPath,
        "The object path isn't working for what you're trying to do. (request context already closed: the object was used outside its Excel.run)",
        location
      );
    }
    this.queue.push({ json, location, run });
  }

  suspendScreenUpdating(): void {
    this.suspendScreen = true;
  }

  get pending(): number {
    return this.queue.length;
  }

  /**
   * Runs the queued operations as one request. `measured` is the real request's size, when a real
   * client (Microsoft's, through the host emulator of host.ts) sent it; else the queue's estimate.
   */
  async sync(measured?: RequestStat): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    const suspended = this.suspendScreen;
    this.suspendScreen = false;
    const bytes = measured?.bytes ?? encoder.encode(JSON.stringify(ops.map((o) => o.json))).length;
    this.host.stats.requests.push({ bytes, operations: measured?.operations ?? ops.length });
    if (this.host.failRequests.has(this.host.stats.requests.length)) {
      throw new FakeOfficeError(
        ErrorCodes.generalException,
        "An internal error has occurred. (failure injected by the test)",
        "RequestContext.sync"
      );
    }
    if (bytes > this.host.limit) {
      throw new FakeOfficeError(
        ErrorCodes.requestPayloadSizeLimitExceeded,
        `The request payload size has exceeded the limit. (${bytes} bytes > ${this.host.limit})`,
        "RequestContext.sync"
      );
    }
    if (suspended) this.host.state.screenUpdatingSuspendedSyncs++;
    this.host.beforeRequest?.(this.host.stats.requests.length);
    for (const op of ops) {
      try {
        op.run();
      } catch (e) {
        if (e instanceof FakeOfficeError) {
          throw new FakeOfficeError(
            e.code,
            e.message,
            e.debugInfo.errorLocation ?? op.location,
            JSON.stringify(op.json).slice(0, 200)
          );
        }
        throw new FakeOfficeError(
          ErrorCodes.generalException,
          `An internal error has occurred. (${String(e)})`,
          op.location
        );
      }
    }
    await Promise.resolve();
  }
}
