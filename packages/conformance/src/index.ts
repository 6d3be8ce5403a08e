// Public entry of @kilocode/kilo-chat-conformance. Explicit named exports only.
export { check, checkApiError, checkEqual, checkUlid } from './assertions.js';
export { ConformanceError } from './conformance-error.js';
export type { ConformanceErrorCode } from './conformance-error.js';
export { EventRecorder, eventIs } from './event-recorder.js';
export type { EventMatcher } from './event-recorder.js';
export { CONFORMANCE_USAGE, formatReport, formatResult, parseConformanceArgs } from './cli-options.js';
export type { ParsedConformanceArgs } from './cli-options.js';
export { runConformance } from './run-conformance.js';
export type { ConformanceReport, RunConformanceOptions, ScenarioResult } from './run-conformance.js';
export { defineScenario } from './scenario.js';
export type { Scenario, ScenarioArea, ScenarioRequirement } from './scenario.js';
export { ScenarioContext } from './scenario-context.js';
export { ServerClock } from './server-clock.js';
export type { ClockOffset } from './server-clock.js';
export type { RawRequest, RawResponse, Role } from './scenario-context.js';
export { allScenarios } from './scenarios/index.js';
export type { ConformanceTarget, TokenSource } from './target.js';
