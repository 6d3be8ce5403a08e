export { mockDeviations, mockDeviationNames } from './catalogue.js';
export type { MockDeviationName } from './catalogue.js';
export { DeviationSet } from './deviation-set.js';
export { defineDeviation } from './deviation.js';
export type { DeviationHooks, HttpCall, HttpInterceptor, MockDeviation, PushInterceptor, WebhookInterceptor } from './deviation.js';
export { UnknownDeviationError } from './unknown-deviation-error.js';
