import { describe, expect, it } from 'vitest';
import { markFromKey } from './marks.ts';

describe('markFromKey', () => {
  it('maps Lightroom keys', () => {
    expect(markFromKey('0')).toEqual({ rating: 0 });
    expect(markFromKey('5')).toEqual({ rating: 5 });
    expect(markFromKey('P')).toEqual({ flag: 'pick' });
    expect(markFromKey('x')).toEqual({ flag: 'reject' });
    expect(markFromKey('u')).toEqual({ flag: 'none' });
    expect(markFromKey('6')).toEqual({ label: 'red' });
    expect(markFromKey('9')).toEqual({ label: 'blue' });
    expect(markFromKey('a')).toBeNull();
  });
});
