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
});
