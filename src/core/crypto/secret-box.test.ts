import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box.ts';

describe('secret box', () => {
  it('seals and opens, with a fresh nonce each time, and refuses a tampered text', () => {
    const box = createSecretBox(randomBytes(32));
    const a = box.seal('JBSWY3DPEHPK3PXPJBSWY3DP');
    expect(a).not.toContain('JBSWY3DP');
    expect(box.seal('JBSWY3DPEHPK3PXPJBSWY3DP')).not.toBe(a);
    expect(box.open(a)).toBe('JBSWY3DPEHPK3PXPJBSWY3DP');
    const parts = a.split('.');
    parts[3] = `${parts[3]!.slice(0, -2)}AA`;
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => createSecretBox(randomBytes(32)).open(a)).toThrow();
  });
});
