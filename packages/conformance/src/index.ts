// Public entry of @kilocode/kilo-chat-conformance. Explicit named exports only.
export { check, checkApiError, checkEqual, checkUlid } from './assertions';
export { ConformanceError } from './conformance-error';
export type { ConformanceErrorCode } from './conformance-error';
export { EventRecorder, eventIs } from './event-recorder';
export type { EventMatcher } from './event-recorder';
export { CONFORMANCE_USAGE, formatReport, formatResult, parseConformanceArgs } from './cli-options';
export type { ParsedConformanceArgs } from './cli-options';
export { runConformance } from './run-conformance';
export type { ConformanceReport, RunConformanceOptions, ScenarioResult } from './run-conformance';
export { defineScenario } from './scenario';
export type { Scenario, ScenarioArea, ScenarioRequirement } from './scenario';
export { ScenarioContext } from './scenario-context';
export type { RawRequest, RawResponse, Role } from './scenario-context';
export { allScenarios } from './scenarios';
export type { ConformanceTarget, TokenSource } from './target';
