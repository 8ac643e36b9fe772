/**
 * `gwlb emulator --port N --seed --state FILE` in another process, used through the AWS SDK, and
 * its state surviving a restart. Needs the build (`npm run build`, which `npm test` runs first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateSecurityGroupCommand, DescribeSecurityGroupsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand, DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ListCertificatesCommand } from '@aws-sdk/client-acm';
import { afterAll, describe, expect, it } from 'vitest';
import { clientsFor, PUBLIC_SUBNETS } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILT = join(ROOT, 'dist/src/cli/commands/emulator.js');
const ENTRY = [join(ROOT, 'bin/gwlb.js')];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts the emulator process and resolves with its endpoint once it prints the listening line. */
function serve(port: number, statePath: string): Promise<{ child: ChildProcess; endpoint: string }> {
  const child = spawn(process.execPath, [...ENTRY, 'emulator', '--port', String(port), '--seed', '--state', statePath], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, endpoint: m[1]! });
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code} before listening: ${err}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

const dir = mkdtempSync(join(tmpdir(), 'gwlb-emulator-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!existsSync(BUILT))('gwlb emulator --port N --seed --state FILE in another process', () => {
  it('serves the SDK on the given port and keeps its state across a restart', async () => {
    const port = await freePort();
    const statePath = join(dir, 'state.json');
    const first = await serve(port, statePath);
    expect(first.endpoint).toBe(`http://127.0.0.1:${port}`);
    const a = clientsFor(first.endpoint, { maxAttempts: 1 });
    expect((await a.ec2.send(new DescribeVpcsCommand({}))).Vpcs).toHaveLength(1);
    expect((await a.acm.send(new ListCertificatesCommand({}))).CertificateSummaryList!.map((c) => c.DomainName)).toContain('*.example.com');
    const lb = (await a.elbv2.send(new CreateLoadBalancerCommand({ Name: 'survivor', Subnets: PUBLIC_SUBNETS }))).LoadBalancers![0]!;
    const sg = (await a.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'survivor', Description: 'kept', VpcId: lb.VpcId }))).GroupId!;
    [a.elbv2, a.ec2, a.acm].forEach((c) => c.destroy());
    expect(await stop(first.child)).toBe(0);
    expect(JSON.parse(readFileSync(statePath, 'utf8')).elbv2.loadBalancers[lb.LoadBalancerArn!].name).toBe('survivor');

    const second = await serve(port, statePath);
    const b = clientsFor(second.endpoint, { maxAttempts: 1 });
    const again = (await b.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['survivor'] }))).LoadBalancers![0]!;
    expect(again.LoadBalancerArn).toBe(lb.LoadBalancerArn);
    expect((await b.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [sg] }))).SecurityGroups![0]!.GroupName).toBe('survivor');
    // --seed only seeds an empty state: nothing was duplicated by the restart.
    expect((await b.ec2.send(new DescribeVpcsCommand({}))).Vpcs).toHaveLength(1);
    [b.elbv2, b.ec2, b.acm].forEach((c) => c.destroy());
    expect(await stop(second.child)).toBe(0);
  });
});
