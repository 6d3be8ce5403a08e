import { describe, expect, it } from 'vitest';
import { attachmentDisposition, inlineDisposition } from '../src/http/content-disposition';

describe('content dispositions of user files (RFC 6266, RFC 8187 filename*)', () => {
  it('gives an ASCII fallback and a UTF-8 filename*', () => {
    expect(attachmentDisposition('résumé.pdf')).toBe(`attachment; filename="r_sum_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`);
    expect(inlineDisposition('dot.png')).toBe(`inline; filename="dot.png"; filename*=UTF-8''dot.png`);
  });

  it("escapes ' ( ) * in filename*, which encodeURIComponent leaves alone but attr-char forbids", () => {
    expect(attachmentDisposition("it's (final)*.txt")).toContain("filename*=UTF-8''it%27s%20%28final%29%2A.txt");
  });

  it('keeps quotes, backslashes and line breaks out of the quoted fallback', () => {
    const value = attachmentDisposition('a"b\\c\r\nd.txt');
    expect(value).toMatch(/^attachment; filename="a_b_c__d\.txt"; /);
    expect(value).not.toMatch(/[\r\n]/);
  });

  it('encodes a name with a lone surrogate instead of throwing', () => {
    expect(attachmentDisposition('a\uD800.txt')).toContain("filename*=UTF-8''a%EF%BF%BD.txt");
  });

  it('never leaves the fallback empty', () => {
    expect(attachmentDisposition('')).toMatch(/^attachment; filename="download"; /);
  });
});
