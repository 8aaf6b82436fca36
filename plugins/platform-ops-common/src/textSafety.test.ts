import { findControlCharacter, freeTextBodySchema, hasControlCharacter } from './textSafety';

describe('control characters in free text', () => {
  it('refuses NUL and the C0 range, allows tab / newline only where text may span lines', () => {
    expect(hasControlCharacter('a\u0000b')).toBe(true);
    expect(hasControlCharacter('a\u001bb', true)).toBe(true);
    expect(hasControlCharacter('a\u007fb', true)).toBe(true);
    expect(hasControlCharacter('line one\nline two\tend', true)).toBe(false);
    expect(hasControlCharacter('name\nwith a break')).toBe(true);
    expect(hasControlCharacter('café ☕ 日本')).toBe(false);
  });

  it('names the first field holding one, however deep, keys included', () => {
    expect(findControlCharacter({ reason: 'multi\nline', name: 'ok' })).toBeUndefined();
    expect(findControlCharacter({ reason: 'nul \u0000 here' })).toBe('reason');
    expect(findControlCharacter({ name: 'a\nb' })).toBe('name');
    expect(findControlCharacter({ accessDenied: ['sqs:*', 'x\u0001'] })).toBe('accessDenied.1');
    expect(findControlCharacter({ nested: { 'bad\u0000key': 1 } })).toBe('nested."bad\\u0000key"');
  });

  it('is one zod refinement with a message naming the field', () => {
    const parsed = freeTextBodySchema.safeParse({ reason: 'fine', name: 'night\u0000off' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['name'], message: 'name must not contain control characters (such as NUL)' });
  });
});
