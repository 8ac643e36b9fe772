import { describe, expect, it } from 'vitest';
import { addressColumn, FIXED_COLUMNS, shortenAddress, STATE_COLUMNS } from './address.js';

const RULE = 'gateway["example-ns/my-alb-gateway"].listener_rule["443:12"]';
const TG = 'gateway["example-ns/my-alb-gateway"].target_group["example-ns/my-alb-gateway:example-ns-http-route-orange:HTTPRoute-example-ns-service-orange:8080"]';

describe('shortenAddress', () => {
  it('keeps an address that fits', () => {
    expect(shortenAddress(RULE, RULE.length)).toBe(RULE);
  });

  it('cuts the Gateway name in the middle first', () => {
    expect(shortenAddress(RULE, 45)).toBe('gateway["examp…eway"].listener_rule["443:12"]');
    expect(shortenAddress(RULE, 45)).toHaveLength(45);
  });

  it('then drops the Gateway, keeping the kind and the whole key', () => {
    expect(shortenAddress(RULE, 30)).toBe('…listener_rule["443:12"]');
  });

  it('then keeps the kind and the end of the key', () => {
    const s = shortenAddress(TG, 30);
    expect(s).toBe('…target_group["…-orange:8080"]');
    expect(s).toHaveLength(30);
    const deposed = shortenAddress(`${TG} (deposed)`, 30);
    expect(deposed).toHaveLength(30);
    expect(deposed).toBe('…target_group["…80"] (deposed)');
  });

  it('never exceeds the width, whatever it is', () => {
    for (const a of [RULE, TG, `${TG} (deposed)`, 'backend security group']) {
      for (let w = 1; w <= a.length + 2; w++) expect(shortenAddress(a, w).length).toBeLessThanOrEqual(w);
    }
  });
});

describe('addressColumn', () => {
  it('is the longest address when the terminal has room, else what the state column leaves', () => {
    expect(addressColumn(60, 200)).toBe(60);
    expect(addressColumn(148, 60)).toBe(60 - FIXED_COLUMNS - STATE_COLUMNS);
  });
});
