/**
 * `@kilocode/kilo-chat-hooks` (issue 11), all in one run:
 *
 * 1. **Per-event cache cost.** One `message.created` applied to a message
 *    cache of 100 and of 10,000 messages (pages of 50, as the server sends
 *    them). Events are applied in a chain, each to the previous result, as
 *    the live cache sees them. Target: 10,000 costs at most 1.2× of 100.
 *    A `message.updated` for a row in the oldest page is measured the same
 *    way (the id → page index is what keeps it flat).
 * 2. **Rows re-rendered per incoming message** in a rendered list of 1,000
 *    messages: `useMessages` + `useMessageCacheUpdater` through a real
 *    `KiloChatClient` fed by an in-process event channel, rows wrapped in
 *    `React.memo` (happy-dom, React 19). Target: one.
 * 3. **Size**: the entry minified and gzipped (esbuild, ESM, es2022, zlib 9)
 *    with react, @tanstack/react-query and our packages external.
 *    Target: at most 8 KB (8,000 B).
 *
 *   pnpm bench hooks-cache
 *   pnpm exec tsx bench/hooks-cache.ts
 */
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Message, MessageListResponse } from '@kilocode/kilo-chat';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const hooksDir = join(repo, 'packages/kilo-chat-hooks');
const fromHooks = createRequire(join(hooksDir, 'package.json'));
// happy-dom and ulid are dev dependencies of the hooks package, not of the root.
const importFromHooks = (name: string) => import(pathToFileURL(fromHooks.resolve(name)).href);
// Typed loosely: the root tsconfig does not see the hooks package's dev dependencies.
type Loose = any;
const { Window } = (await importFromHooks('happy-dom')) as Loose;
const { monotonicFactory } = (await importFromHooks('ulid')) as { monotonicFactory: () => () => string };
const nextId = monotonicFactory();

// A DOM for React before anything loads it.
const window = new Window({ url: 'http://localhost/' });
Object.assign(globalThis, { window, document: window.document, navigator: window.navigator, HTMLElement: window.HTMLElement });
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

const hooks = await import('../packages/kilo-chat-hooks/src/index.ts');
const { KiloChatClient } = await import('@kilocode/kilo-chat');

type Data = { pages: MessageListResponse[]; pageParams: (string | undefined)[] };

function message(id: string, text: string): Message {
  return {
    id,
    senderId: 'alice',
    content: [{ type: 'text', text }],
    inReplyToMessageId: null,
    replyTo: null,
    updatedAt: null,
    clientUpdatedAt: null,
    deleted: false,
    deliveryFailed: false,
    reactions: [],
  };
}

/** A cache of `count` messages, newest first, in pages of 50. */
function cacheOf(count: number): Data {
  const ids = Array.from({ length: count }, () => nextId()).reverse();
  const pages: MessageListResponse[] = [];
  for (let i = 0; i < count; i += 50) {
    const rows = ids.slice(i, i + 50).map((id, j) => message(id, `message ${i + j}`));
    pages.push({ messages: rows, hasMore: i + 50 < count, nextCursor: i + 50 < count ? (rows.at(-1) as Message).id : null });
  }
  return { pages, pageParams: pages.map((_, i) => (i === 0 ? undefined : (pages[i - 1] as MessageListResponse).nextCursor ?? undefined)) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** ns per event over a chain of `events` events, median of `rounds` rounds. */
function perEvent(size: number, kind: 'created' | 'updated-oldest', events = 300, rounds = 15): number {
  const results: number[] = [];
  for (let round = 0; round < rounds + 3; round++) {
    let data = cacheOf(size);
    const oldest = (data.pages.at(-1) as MessageListResponse).messages.at(-1) as Message;
    const payloads = Array.from({ length: events }, (_, i) =>
      kind === 'created'
        ? { messageId: nextId(), senderId: 'bob', content: [{ type: 'text' as const, text: `live ${i}` }], inReplyToMessageId: null, replyTo: null, clientId: null }
        : { messageId: oldest.id, content: [{ type: 'text' as const, text: `edit ${i}` }], clientUpdatedAt: 1_000 + i },
    );
    // Index the fetched data once, as the first event after a fetch does.
    data = hooks.applyMessageUpdatedEventToPages(data, { messageId: oldest.id, content: oldest.content, clientUpdatedAt: 1 }) as Data;
    const start = process.hrtime.bigint();
    for (const payload of payloads) {
      data =
        kind === 'created'
          ? (hooks.applyMessageCreatedEventToPages(data, payload as never) as Data)
          : (hooks.applyMessageUpdatedEventToPages(data, payload as never) as Data);
    }
    const ns = Number(process.hrtime.bigint() - start) / events;
    if (round >= 3) results.push(ns);
  }
  return median(results);
}

async function rowsRenderedPerMessage(): Promise<{ rows: number; renders: number[]; rowsAfter: number }> {
  const React = fromHooks('react') as Loose;
  const { createRoot } = fromHooks('react-dom/client') as Loose;
  // The ESM build, the one the hooks' sources import (the CJS build would be a second QueryClient context).
  const queryPackage = join(hooksDir, 'node_modules/@tanstack/react-query');
  const esmEntry = (fromHooks(join(queryPackage, 'package.json')) as { exports: { '.': { import: { default: string } } } }).exports['.'].import.default;
  const { QueryClient, QueryClientProvider } = (await import(pathToFileURL(join(queryPackage, esmEntry)).href)) as Loose;
  const handlers = new Map<string, Set<(context: string, payload: unknown) => void>>();
  const channel = {
    on(event: string, handler: (context: string, payload: unknown) => void) {
      const set = handlers.get(event) ?? new Set();
      set.add(handler);
      handlers.set(event, set);
      return () => set.delete(handler);
    },
  };
  const client = new KiloChatClient({ baseUrl: 'http://127.0.0.1:9', getToken: () => 'unused', eventService: channel });
  const sandboxId = 'bench-sandbox';
  const conversationId = nextId();
  const context = `/kiloclaw/${sandboxId}/${conversationId}`;
  const queryClient = new QueryClient();
  queryClient.setQueryData(hooks.messagesKey(conversationId), cacheOf(1_000));

  let renders = 0;
  const Row = React.memo(function Row({ message: m }: { message: Message }) {
    renders++;
    const first = m.content[0];
    return React.createElement('li', null, first?.type === 'text' ? first.text : '');
  });
  function List() {
    const { data } = hooks.useMessages(client, conversationId);
    hooks.useMessageCacheUpdater(client, sandboxId, conversationId);
    return React.createElement('ul', null, (data?.messages ?? []).map((m: Message) => React.createElement(Row, { key: m.id, message: m })));
  }
  const container = window.document.createElement('div');
  window.document.body.appendChild(container);
  const root = createRoot(container);
  root.render(
    React.createElement(QueryClientProvider, { client: queryClient }, React.createElement(List)),
  );
  const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const rows = container.querySelectorAll('li').length;
  const counts: number[] = [];
  for (let i = 0; i < 10; i++) {
    renders = 0;
    const payload = { messageId: nextId(), senderId: 'bob', content: [{ type: 'text', text: `live ${i}` }], inReplyToMessageId: null, replyTo: null, clientId: null };
    for (const handler of handlers.get('message.created') ?? []) handler(context, payload);
    // Wait for the new row to be on screen (a cold first render can take a while on a loaded machine), then a little more.
    for (let waited = 0; container.querySelectorAll('li').length < rows + i + 1 && waited < 2_000; waited += 5) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await settle();
    counts.push(renders);
  }
  const rowsAfter = container.querySelectorAll('li').length;
  root.unmount();
  client.dispose();
  return { rows, renders: counts, rowsAfter };
}

/** Every name of the reference package's surface (api-surface.md §3). */
const REFERENCE_NAMES = [
  'KiloChatHooksProvider', 'useKiloChatClient', 'useEventServiceClient', 'usePresenceSubscription',
  'pendingActionGroupIdForMessage', 'tryStartPendingAction', 'clearPendingAction',
  'createMarkReadState', 'shouldStartMarkReadAttempt', 'startMarkReadAttempt', 'succeedMarkReadAttempt', 'finishMarkReadAttempt',
  'MARK_READ_RETRY_LIMIT', 'MARK_READ_RETRY_DELAY_MS', 'createMarkReadRetryState', 'clearMarkReadRetry', 'scheduleMarkReadRetry',
  'attemptMarkCurrentConversationRead', 'conversationsKey', 'conversationsKeyAll', 'conversationKey', 'messagesKey', 'botStatusKey',
  'attachmentUrlKey', 'reduceBotStatusOnEvent', 'useBotStatus', 'useConversations', 'useConversationDetail', 'useCreateConversation',
  'useRenameConversation', 'useLeaveConversation', 'useMarkConversationRead', 'updateConversationPages', 'filterConversationPages',
  'applyConversationActivityToPages', 'applyConversationCreatedToPages', 'settleCreateConversation', 'settleRenameConversation',
  'settleLeaveConversation', 'applyOptimisticLeaveConversation', 'rollbackOptimisticLeaveConversation', 'applyConversationReadToPages',
  'shouldApplyConversationRead', 'registerConversationListCacheHandlers', 'applyMarkConversationReadRollbackToPages',
  'applyOptimisticMarkConversationRead', 'rollbackOptimisticMarkConversationRead', 'settleMarkConversationRead', 'useKiloChatMutation',
  'PAGE_SIZE', 'createEmptyMessageInfiniteData', 'messagesFromListPage', 'getNextMessagesPageParam', 'applyReactionAdded',
  'applyReactionRemoved', 'createReactionOperationTracker', 'getReactionOperationTracker', 'applyReactionAddedEventToPages',
  'applyReactionRemovedEventToPages', 'applyReactionAddedMutationToPages', 'applyReactionRemovedMutationToPages',
  'applyReactionRemovedResponseToPages', 'latestMarkReadMessageId', 'restoreMessageInCache', 'removeMessageFromCache',
  'findMessageInCache', 'updateMessageInPages', 'rollbackEditMessageError', 'replaceMessageAndOrderNewestPage',
  'messageFromCreatedEvent', 'applyMessageCreatedEventToPages', 'applyCreateMessageResponseToPages', 'applyMessageUpdatedEventToPages',
  'applyExecuteActionResponseToPages', 'applyOptimisticMessageToPages', 'applyOptimisticSendMessageToCache', 'settleSendMessageSuccess',
  'useMessages', 'useSendMessage', 'useEditMessage', 'useRedeliverMessage', 'useDeleteMessage', 'useAddReaction', 'useRemoveReaction',
  'useExecuteAction', 'useMessageCacheUpdater', 'computeAttachmentUrlStaleMs', 'isAttachmentUrlValid', 'attachmentUrlQueryOptions',
  'useAttachmentUrl', 'attachmentQueueReducer', 'selectReadyBlocks', 'selectIsUploading', 'selectHasFailed', 'createXhrPerformUpload',
  'useAttachmentQueue',
];

/** What the README's chat screen imports. */
const README_SCREEN_NAMES = [
  'KiloChatHooksProvider', 'clientIdOfPendingMessage', 'latestMarkReadMessageId', 'typingLabel', 'useConnectionState',
  'useConversationListCache', 'useConversations', 'useKiloChatClient', 'useEventServiceClient', 'useMarkConversationReadWhenSeen',
  'useMessageCacheUpdater', 'useMessages', 'usePresenceSubscription', 'useSendMessage', 'useSendStates', 'useTyping',
];

async function entrySize(names?: readonly string[]): Promise<{ rawBytes: number; gzipBytes: number }> {
  const contents = names ? `export { ${names.join(', ')} } from './src/index.ts';` : "export * from './src/index.ts';";
  const result = await build({
    stdin: { contents, resolveDir: hooksDir, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    write: false,
    external: ['react', 'react/*', 'react-dom', '@tanstack/react-query', '@kilocode/*', 'ulid', 'zod'],
    logLevel: 'silent',
  });
  const code = (result.outputFiles[0] as { contents: Uint8Array }).contents;
  return { rawBytes: code.byteLength, gzipBytes: gzipSync(code, { level: 9 }).byteLength };
}

console.log(`# hooks-cache · ${new Date().toISOString()} · node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`);
const created100 = perEvent(100, 'created');
const created10k = perEvent(10_000, 'created');
const updated100 = perEvent(100, 'updated-oldest');
const updated10k = perEvent(10_000, 'updated-oldest');
const rerender = await rowsRenderedPerMessage();
const size = await entrySize();
const referenceSurface = await entrySize(REFERENCE_NAMES);
const readmeScreen = await entrySize(README_SCREEN_NAMES);
const report = {
  createdNsPerEvent: { cache100: Math.round(created100), cache10k: Math.round(created10k), ratio: +(created10k / created100).toFixed(2) },
  updatedOldestNsPerEvent: { cache100: Math.round(updated100), cache10k: Math.round(updated10k), ratio: +(updated10k / updated100).toFixed(2) },
  rowsRenderedPerIncomingMessage: rerender,
  entry: size,
  referenceSurfaceOnly: referenceSurface,
  readmeChatScreenImports: readmeScreen,
};
console.log(JSON.stringify(report, null, 2));
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
console.log(`${verdict(report.createdNsPerEvent.ratio <= 1.2)} message.created on 10,000 vs 100 messages: ${report.createdNsPerEvent.ratio}× (target ≤ 1.2×)`);
console.log(`${verdict(rerender.renders.every((n) => n === 1))} rows re-rendered per incoming message in a list of ${rerender.rows}: ${rerender.renders.join(', ')} (target 1)`);
console.log(`${verdict(size.gzipBytes <= 8_000)} entry gzip ${size.gzipBytes} B (target ≤ 8,000 B)`);
process.exit(0);
