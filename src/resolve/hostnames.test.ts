import { describe, expect, it } from 'vitest';
import { compatibleHostname, intersectHostnames, isValidHostname } from './hostnames.js';

// lbc-l7-routes-status.md §8 E24 (listener_attachment_helper_test.go, utils_test.go).
describe('intersectHostnames (E24)', () => {
  it.each([
    ['bar.com', [], { kind: 'attached', compatible: ['bar.com'] }],
    [undefined, ['foo.com'], { kind: 'attached', compatible: [] }],
    ['bar.com', ['bar.com'], { kind: 'attached', compatible: ['bar.com'] }],
    ['*.bar.com', ['foo.bar.com'], { kind: 'attached', compatible: ['foo.bar.com'] }],
    ['foo.bar.com', ['*.bar.com'], { kind: 'attached', compatible: ['foo.bar.com'] }],
    ['*.bar.com', ['*.bar.com'], { kind: 'attached', compatible: ['*.bar.com'] }],
    ['bar.com', ['foo.com'], { kind: 'no-match' }],
    ['*.bar.com', ['foo.bar.com', 'baz.bar.com', 'unrelated.com'], { kind: 'attached', compatible: ['foo.bar.com', 'baz.bar.com'] }],
    ['10.0.0.1', ['a.com'], { kind: 'invalid-listener-hostname', hostname: '10.0.0.1' }],
  ] as const)('listener %s / route %j', (listener, route, expected) => {
    expect(intersectHostnames(listener, route)).toEqual(expected);
  });

  it.each([
    ['*.example.com', 'example.com', undefined],
    ['*.example.com', 'testexample.com', undefined],
    ['*.example.com', 'A.EXAMPLE.COM', undefined],
    ['*.example.com', 'a.b.example.com', 'a.b.example.com'],
    ['*.example.com', '*.sub.example.com', '*.sub.example.com'],
  ])('compatibleHostname(%s, %s)', (a, b, expected) => {
    expect(compatibleHostname(a, b)).toBe(expected);
  });
});

// utils.go IsHostNameInValidFormat: only what Go's net.ParseIP accepts is an IP address.
describe('isValidHostname', () => {
  it.each([
    ['192.168.1.1', false],
    ['0.0.0.0', false],
    ['255.255.255.255', false],
    ['999.1.1.1', true],
    ['01.2.3.4', true],
    ['1.2.3', true],
    ['1.2.3.4.5', true],
    ['2001:db8::1', false],
    [`${'a'.repeat(64)}.com`, false],
    ['*.example.com', true],
  ])('%s → %s', (host, valid) => {
    expect(isValidHostname(host)).toBe(valid);
  });
});

