import { eventDeviations } from './event-deviations.js';
import { httpDeviations } from './http-deviations.js';
import { realtimeDeviations } from './realtime-deviations.js';
import { webhookDeviations } from './webhook-deviations.js';

/**
 * Every deliberately wrong server the mock can be, one contract point each,
 * in catalogue order. For testing a conformance suite (each should be caught
 * by at least one scenario); never use them otherwise.
 */
export const mockDeviations = [...httpDeviations, ...eventDeviations, ...realtimeDeviations, ...webhookDeviations] as const;

/** The name of one entry of {@link mockDeviations}. */
export type MockDeviationName = (typeof mockDeviations)[number]['name'];

/** Every deviation name, in catalogue order. */
export const mockDeviationNames: readonly MockDeviationName[] = mockDeviations.map((d) => d.name);
