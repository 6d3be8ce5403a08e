import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('README', () => {
  it('shows the chat screen that readme-example.check.tsx compiles', () => {
    const block = /## A complete small chat screen\n\n```tsx\n([\s\S]*?)```/.exec(read('../README.md'))?.[1];
    const file = read('./readme-example.check.tsx');
    // The file is the README's block after a header of comments and ambient declarations.
    const compiled = file.slice(file.indexOf('import ')).replace("from '../src/index'", "from '@kilocode/kilo-chat-hooks'");
    expect(block).toBeDefined();
    expect(compiled).toBe(block);
  });
});
