export * from "./types";
export * from "./codes";
export { entryKindOf, readEntry, isSpace, type ReadOptions } from "./read";
export {
  defaultAggregation,
  evaluateTarget,
  combineStatuses,
  type EvaluationInput,
  type QuantityParams,
  type Scope,
} from "./evaluate";
