import { describe, expect, it } from 'vitest';
import {
  attachmentQueueReducer,
  selectHasFailed,
  selectIsUploading,
  selectReadyBlocks,
  type AttachmentQueueState,
  type QueuedAttachment,
} from '../src/index';

function row(tempId: string, overrides: Partial<QueuedAttachment> = {}): QueuedAttachment {
  return { tempId, filename: `${tempId}.png`, mimeType: 'image/png', size: 10, status: 'uploading', progress: 0, ...overrides };
}

function stateOf(...rows: QueuedAttachment[]): AttachmentQueueState {
  return { rows };
}

describe('attachmentQueueReducer (pure core)', () => {
  it('H83: add appends an uploading row with progress 0', () => {
    const next = attachmentQueueReducer(stateOf(row('a')), { type: 'add', row: row('b') });
    expect(next.rows.map((r) => r.tempId)).toEqual(['a', 'b']);
    expect(next.rows[1]).toMatchObject({ status: 'uploading', progress: 0 });
  });

  it('H83: progress is clamped to [0, 1] and only the targeted row changes', () => {
    const start = stateOf(row('a'), row('b'));
    const over = attachmentQueueReducer(start, { type: 'setProgress', tempId: 'a', progress: 1.7 });
    expect(over.rows[0]!.progress).toBe(1);
    expect(over.rows[1]).toBe(start.rows[1]);
    const under = attachmentQueueReducer(start, { type: 'setProgress', tempId: 'b', progress: -0.2 });
    expect(under.rows[1]!.progress).toBe(0);
    expect(attachmentQueueReducer(start, { type: 'setProgress', tempId: 'a', progress: Number.NaN }).rows[0]!.progress).toBe(0);
    const half = attachmentQueueReducer(start, { type: 'setProgress', tempId: 'a', progress: 0.5 });
    expect(half.rows[0]!.progress).toBe(0.5);
    expect(half.rows[1]).toBe(start.rows[1]);
  });

  it('H83: an action that changes nothing returns the same state (no re-render)', () => {
    const start = stateOf(row('a'));
    expect(attachmentQueueReducer(start, { type: 'setProgress', tempId: 'a', progress: 0 })).toBe(start);
    expect(attachmentQueueReducer(start, { type: 'setReady', tempId: 'unknown' })).toBe(start);
    expect(attachmentQueueReducer(start, { type: 'clearFiles', tempIds: ['unknown'] })).toBe(start);
    expect(attachmentQueueReducer(stateOf(), { type: 'clear' }).rows).toEqual([]);
  });

  it('H83: setInited stores the attachment id on the row', () => {
    const next = attachmentQueueReducer(stateOf(row('a')), { type: 'setInited', tempId: 'a', attachmentId: '01ATT' });
    expect(next.rows[0]!.attachmentId).toBe('01ATT');
  });

  it('H84: ready sets progress to 1; failed records the error; retry returns to uploading with progress 0 and no error', () => {
    const inited = attachmentQueueReducer(stateOf(row('a', { progress: 0.4 })), { type: 'setInited', tempId: 'a', attachmentId: '01ATT' });
    const ready = attachmentQueueReducer(inited, { type: 'setReady', tempId: 'a' });
    expect(ready.rows[0]).toMatchObject({ status: 'ready', progress: 1, attachmentId: '01ATT' });

    const failed = attachmentQueueReducer(inited, { type: 'setFailed', tempId: 'a', error: 'Upload failed (500)', errorCode: 'upload_failed' });
    expect(failed.rows[0]).toMatchObject({ status: 'failed', error: 'Upload failed (500)', errorCode: 'upload_failed', progress: 0.4 });

    const retried = attachmentQueueReducer(failed, { type: 'retry', tempId: 'a' });
    expect(retried.rows[0]).toEqual({ ...row('a'), attachmentId: '01ATT', status: 'uploading', progress: 0 });
    expect('error' in retried.rows[0]!).toBe(false);
    expect('errorCode' in retried.rows[0]!).toBe(false);
  });

  it('H84: a failure without a code leaves errorCode unset', () => {
    const failed = attachmentQueueReducer(stateOf(row('a')), { type: 'setFailed', tempId: 'a', error: 'boom' });
    expect(failed.rows[0]).toEqual({ ...row('a'), status: 'failed', error: 'boom' });
  });

  it('H85: clearFiles removes only the given temp ids; remove drops one row; clear drops all', () => {
    const start = stateOf(row('a'), row('b'), row('c'));
    expect(attachmentQueueReducer(start, { type: 'clearFiles', tempIds: ['a', 'c'] }).rows.map((r) => r.tempId)).toEqual(['b']);
    expect(attachmentQueueReducer(start, { type: 'remove', tempId: 'b' }).rows.map((r) => r.tempId)).toEqual(['a', 'c']);
    expect(attachmentQueueReducer(start, { type: 'clear' }).rows).toEqual([]);
  });

  it('H86: ready blocks include only ready rows with an attachment id, in row order, with filename/mime/size', () => {
    const rows = [
      row('a', { status: 'ready', attachmentId: '01A', filename: 'a.pdf', mimeType: 'application/pdf', size: 3 }),
      row('b', { status: 'ready' }), // no attachment id
      row('c', { status: 'uploading', attachmentId: '01C' }),
      row('d', { status: 'failed', attachmentId: '01D' }),
      row('e', { status: 'ready', attachmentId: '01E' }),
    ];
    expect(selectReadyBlocks(rows)).toEqual([
      { type: 'attachment', attachmentId: '01A', mimeType: 'application/pdf', size: 3, filename: 'a.pdf' },
      { type: 'attachment', attachmentId: '01E', mimeType: 'image/png', size: 10, filename: 'e.png' },
    ]);
  });

  it('H87: isUploading and hasFailed reflect any row in that state', () => {
    expect(selectIsUploading([])).toBe(false);
    expect(selectHasFailed([])).toBe(false);
    const mixed = [row('a', { status: 'ready' }), row('b', { status: 'uploading' })];
    expect(selectIsUploading(mixed)).toBe(true);
    expect(selectHasFailed(mixed)).toBe(false);
    const failed = [row('a', { status: 'ready' }), row('b', { status: 'failed', error: 'x' })];
    expect(selectIsUploading(failed)).toBe(false);
    expect(selectHasFailed(failed)).toBe(true);
  });
});
