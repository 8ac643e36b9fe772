import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../helpers/golden.js';
import { gwlb, ROOT } from './run-cli.js';

// explain where people debug (issue 8 item 5): golden text views plus the sentence each case is about.
const CASES: [string, string, RegExp[]][] = [
  [
    'nlb-debug',
    'test/fixtures/explain/nlb-debug.yaml',
    [
      /TCPRoute default\/db-new via db[\s\S]*GWLB295 Port 5432: LBC uses TCPRoute default\/db-old, not this route, because it is older/,
      /TCPRoute default\/db-old via db[\s\S]*GWLB295 Port 5432: LBC uses this route; TCPRoute default\/db-new is attached to the same port too and gets no traffic/,
      /GWLB273 .*no listener for the port at all/,
      /GWLB296 Port 6379: no listener is created at all/,
      /GWLB267 Certificate not checked offline: LBC looks up an ISSUED ACM certificate for api\.example\.com/,
      /HTTPRoute default\/web\n.*parentRefs\[0\] Gateway default\/mesh\n.*GWLB293 Gateway default\/mesh belongs to controller istio\.io\/gateway-controller/,
      /parentRefs\[1\] Gateway default\/tpc\n.*GWLB290 Gateway default\/tpc is not in the input/,
    ],
  ],
  [
    'alb-debug',
    'test/fixtures/explain/alb-debug.yaml',
    [
      /Listener https :443[\s\S]*GWLB267 Certificate not checked offline: .*shop\.example\.com/,
      /Listener admin :8443[\s\S]*GWLB267 Certificate arn:aws:acm:.* \(from the LoadBalancerConfiguration\): not checked offline/,
      /parentRefs\[0\] Gateway prod\/web\n.*GWLB290/,
      /parentRefs\[1\] ListenerSet default\/extra-listeners\n.*GWLB290/,
    ],
  ],
  [
    'redirect-307',
    'test/fixtures/preflight/redirect-307.yaml',
    [
      /Accepted=False \(Invalid\) Check Gateway Events for more information\.\n.*GWLB257 LBC builds this model, but AWS rejects one of its deploy calls/,
      /Event Warning FailedDeployModel: Failed deploy model due to .*CreateRule, api error ValidationError: .*Value 'HTTP_307'/,
    ],
  ],
];

describe('gwlb explain where people debug', () => {
  it.each(CASES)('%s (golden text)', (name, file, patterns) => {
    const r = gwlb(['explain', '--no-color', '-f', file]);
    expect(r.code).toBe(0);
    for (const p of patterns) expect(r.stdout).toMatch(p);
    expectGolden(`${ROOT}test/golden/explain/text/${name}.txt`, r.stdout);
  });

  it('selecting a route with only ignored parentRefs shows why, instead of "no status"', () => {
    const r = gwlb(['explain', '--no-color', '-f', 'test/fixtures/explain/alb-debug.yaml', 'httproute/default/shop-canary']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('HTTPRoute default/shop-canary');
    expect(r.stdout).toContain('GWLB290 Gateway prod/web is not in the input');
    expect(r.stdout).not.toContain('HTTPRoute default/shop\n');
  });

  it('--sandbox looks the certificates up in ACM: found for one hostname, none for another (the build fails)', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gwlb-explain-'));
    const found = gwlb(['explain', '--sandbox', '-f', `${ROOT}test/fixtures/explain/alb-debug.yaml`], { cwd });
    expect(found.code).toBe(0);
    expect(found.stdout).toMatch(/Listener https :443[\s\S]*GWLB268 Certificate arn:aws:acm:\S+: found in ACM for the listener's hostnames\./);
    expect(found.stdout).toContain('(from the LoadBalancerConfiguration, used as given; ACM is not searched)');
    expect(found.stdout).not.toContain('not checked offline');
    const unknownHost = readFileSync(`${ROOT}test/fixtures/explain/alb-debug.yaml`, 'utf8').replace('shop.example.com', 'shop.example.io');
    const none = gwlb(['explain', '--sandbox', '-f', '-'], { cwd, input: unknownHost });
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('error GWLB305');
    expect(none.stdout).toMatch(/Listener https :443 HTTPS shop\.example\.io[\s\S]*GWLB266 ACM has no ISSUED certificate for shop\.example\.io/);
  });

  it('an unreachable AWS target is one line and exit 1', () => {
    const r = gwlb(['explain', '-f', 'test/fixtures/explain/alb-debug.yaml', '--endpoint-url', 'not a url']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('gwlb explain: --endpoint-url not a url is not a URL');
  });
});
