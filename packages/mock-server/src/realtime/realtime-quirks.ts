/**
 * Switches that make the realtime face deliberately wrong, one contract point
 * each. Only the deviations layer (`src/deviations/`) sets them, to give a
 * conformance suite wrong servers to catch; every switch is off by default
 * and the hub and the upgrade path behave as the event service does.
 */
export interface RealtimeQuirks {
  /** Replaces exact context matching (e.g. prefix matching). */
  contextMatches?: (subscribed: ReadonlySet<string>, context: string) => boolean;
  /** Never close a socket with 4002, however far behind it falls. */
  noZombieClose?: boolean;
  /** Apply the 4002 rule before the first ack too. */
  zombieBeforeAck?: boolean;
  /** One seq counter per user, shared by all of that user's sockets. */
  seqPerUser?: boolean;
  /** The first event of a socket carries this seq instead of 1. */
  firstSeq?: number;
  /** Accept contexts past the 200 limit without an error frame. */
  noContextLimit?: boolean;
  /** Apply what can be read of an invalid subscribe frame instead of dropping it whole. */
  lenientSubscribe?: boolean;
  /** Ignore `context.unsubscribe`. */
  ignoreUnsubscribe?: boolean;
  /** A context a user already subscribed on any socket (ever) is not added to a new socket. */
  subscriptionsPerUser?: boolean;
  /**
   * Sees every push before delivery; `deliver` delivers a push as the hub
   * would. Returns whether a socket received it.
   */
  interceptPush?: (push: RealtimePush, deliver: (push: RealtimePush) => boolean) => boolean;
  /** A consumed ticket keeps working. */
  reusableTickets?: boolean;
  /** Refuse (400) an upgrade that offers no `kilo.events.v1` subprotocol. */
  requireSubprotocol?: boolean;
}

/** One event push to one user, as {@link RealtimeQuirks.interceptPush} sees it. */
export interface RealtimePush {
  /** Recipient user. */
  userId: string;
  /** Context pushed to. */
  context: string;
  /** Event name. */
  event: string;
  /** Payload. */
  payload: unknown;
}
