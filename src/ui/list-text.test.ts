import { describe, expect, it } from 'vitest';
import { someOf } from './list-text.js';

describe('someOf', () => {
  it('names all items that fit, and counts the rest', () => {
    expect(someOf([], 3)).toBe('');
    expect(someOf(['a', 'b', 'c'], 3)).toBe('a, b, c');
    expect(someOf(['a', 'b', 'c', 'd', 'e'], 3)).toBe('a, b, c and 2 more');
  });
});
