/**
 * The faults a watcher must survive, as tests drive them: watches cut after a while (no clean
 * end), 410 Expired for watches (in the stream or as the answer), the API down (connections reset
 * or 503) for a period, and the request log counting watch connections.
 */
import { describe, expect, it } from 'vitest';
import { GW, useKube } from './helpers.js';

const { client, kube } = useKube();
const WATCH = `${GW}/gateways?watch=true&allowWatchBookmarks=true`;

/** Opens a watch and reads until the server ends it; whether it ended cleanly, and the events. */
async function watchToEnd(endpoint: string, path: string): Promise<{ clean: boolean; lines: string[]; ms: number }> {
  const started = Date.now();
  const res = await fetch(`${endpoint}${path}`);
  let text = '';
  try {
    for await (const chunk of res.body!) text += Buffer.from(chunk).toString('utf8');
    return { clean: true, lines: text.split('\n').filter((l) => l !== ''), ms: Date.now() - started };
  } catch {
    return { clean: false, lines: text.split('\n').filter((l) => l !== ''), ms: Date.now() - started };
  }
}

describe('watch faults', () => {
  it('cuts every watch after the set lifetime, and counts watch connections in the log', async () => {
    kube().faults.clearRequests();
    kube().faults.dropWatchesAfter(150);
    try {
      const cut = await watchToEnd(kube().endpoint, `${WATCH}&timeoutSeconds=30`);
      expect(cut.clean).toBe(false);
      expect(cut.ms).toBeGreaterThanOrEqual(140);
      expect(cut.ms).toBeLessThan(5000);
    } finally {
      kube().faults.dropWatchesAfter(undefined);
    }
    const ended = await watchToEnd(kube().endpoint, `${WATCH}&timeoutSeconds=0`);
    expect(ended.clean).toBe(true);
    await client().get(`${GW}/gateways`);
    expect(kube().faults.watchCount()).toBe(2);
    expect(kube().faults.watchCount(`${GW}/gateways`)).toBe(2);
    expect(kube().faults.watchCount(`${GW}/httproutes`)).toBe(0);
  });

  it('answers watches from a resourceVersion 410, in the stream or as the status, the given number of times', async () => {
    const rv = (await client().get(`${GW}/gateways`)).body.metadata.resourceVersion as string;
    kube().faults.expireWatches({ times: 1 });
    const inStream = await watchToEnd(kube().endpoint, `${WATCH}&resourceVersion=${rv}&timeoutSeconds=0`);
    expect(JSON.parse(inStream.lines[0]!)).toMatchObject({ type: 'ERROR', object: { code: 410, reason: 'Expired' } });
    // Used up: the next watch is served.
    const served = await watchToEnd(kube().endpoint, `${WATCH}&resourceVersion=${rv}&timeoutSeconds=0`);
    expect(served.lines.map((l) => JSON.parse(l).type)).toEqual(['BOOKMARK']);
    kube().faults.expireWatches({ as: 'status' });
    const answered = await client().get(`${GW}/gateways?watch=true&resourceVersion=${rv}`);
    expect(answered).toMatchObject({ status: 410, body: { reason: 'Expired', code: 410 } });
    // A watch with no resourceVersion starts from now and cannot be too old.
    const initial = await watchToEnd(kube().endpoint, `${WATCH}&timeoutSeconds=0`);
    expect(initial.clean).toBe(true);
    kube().faults.stopExpiringWatches();
  });

  it('is down for a period: connections reset or 503, open watches cut, then up again by itself', async () => {
    const open = watchToEnd(kube().endpoint, `${WATCH}&timeoutSeconds=30`);
    await new Promise((r) => setTimeout(r, 50));
    kube().faults.down({ forMs: 300 });
    expect((await open).clean).toBe(false);
    await expect(fetch(`${kube().endpoint}${GW}/gateways`)).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 350));
    expect((await client().get(`${GW}/gateways`)).status).toBe(200);
    kube().faults.down({ mode: 'unavailable' });
    expect(await client().get(`${GW}/gateways`)).toMatchObject({ status: 503, body: { reason: 'ServiceUnavailable', code: 503 } });
    kube().faults.up();
    expect((await client().get(`${GW}/gateways`)).status).toBe(200);
  });
});
