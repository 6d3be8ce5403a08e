// The page: runs the round trip against the server that serves it (same
// origin, so no CORS) and shows the outcome in #result for the test to read.
import { roundTrip } from './round-trip';

/** What the test harness gives the page: the signed-in user's token and a subscription probe. */
interface Harness {
  kiloConfig(): Promise<{ sandboxId: string; token: string }>;
  kiloSubscribed(context: string): Promise<void>;
}

const harness = window as unknown as Window & Harness;
const result = document.getElementById('result');

async function main(): Promise<string> {
  const { sandboxId, token } = await harness.kiloConfig();
  return roundTrip({
    chatUrl: location.origin,
    eventsUrl: location.origin,
    sandboxId,
    token,
    subscribed: (context) => harness.kiloSubscribed(context),
  });
}

main().then(
  (messageId) => {
    if (result) {
      result.textContent = `sent and received ${messageId}`;
      result.dataset.state = 'ok';
    }
  },
  (error: unknown) => {
    if (result) {
      result.textContent = `failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
      result.dataset.state = 'error';
    }
  },
);
