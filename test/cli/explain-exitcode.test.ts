/** explain's exit codes from files: 0, 2 with --detailed-exitcode when a condition needs a fix, 1 on a usage error. */
import { describe, expect, it } from 'vitest';
import { gwlb } from './run-cli.js';

describe('gwlb explain --detailed-exitcode (files)', () => {
  it('0 without the flag, 2 with it when a route or listener is not healthy', () => {
    expect(gwlb(['explain', '-f', 'examples/misconfigured-service']).code).toBe(0);
    const r = gwlb(['explain', '-f', 'examples/misconfigured-service', '--detailed-exitcode']);
    expect(r.stdout).toContain('BackendNotFound');
    expect(r.code).toBe(2);
  });

  it('--offline with an AWS target is a usage error naming both', () => {
    const r = gwlb(['explain', '-f', 'examples/nlb-tcp', '--offline', '--sandbox']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe("error: option '--sandbox' cannot be used with option '--offline'");
  });
});
