/**
 * Deleting the shared backend SG as LBC's backend_sg_provider.go releases it: DependencyViolation
 * (a deleted load balancer's ENIs still going) is retried every interval up to the timeout
 * (LBC: 2 s, 2 min), then the error stands; a group already gone is done.
 */
import { describe, expect, it } from 'vitest';
import type { AwsSession } from '../aws/session.js';
import { BACKEND_SG_DELETE_TIMEOUT_MS, deleteBackendSecurityGroup } from './backend-sg.js';

function awsError(code: string): Error {
  return Object.assign(new Error(code), { name: code, Code: code, $metadata: {} });
}

function session(answers: (Error | undefined)[]): { s: AwsSession; calls: () => number } {
  let n = 0;
  const send = async () => {
    const a = answers[Math.min(n++, answers.length - 1)];
    if (a) throw a;
    return {};
  };
  return { s: { conn: { ec2: { send } } } as unknown as AwsSession, calls: () => n };
}

describe('deleteBackendSecurityGroup', () => {
  it('waits out DependencyViolation, then deletes', async () => {
    const { s, calls } = session([awsError('DependencyViolation'), awsError('DependencyViolation'), undefined]);
    await deleteBackendSecurityGroup(s, 'sg-backend', 1);
    expect(calls()).toBe(3);
  });

  it('gives up after the timeout with the last error (bounded: timeout / interval + 1 attempts)', async () => {
    const { s, calls } = session([awsError('DependencyViolation')]);
    await expect(deleteBackendSecurityGroup(s, 'sg-backend', 1, 5)).rejects.toThrow('DependencyViolation');
    expect(calls()).toBe(6);
    expect(BACKEND_SG_DELETE_TIMEOUT_MS).toBe(120_000);
  });

  it('a group already gone is deleted; other errors are not retried', async () => {
    const gone = session([awsError('InvalidGroup.NotFound')]);
    await deleteBackendSecurityGroup(gone.s, 'sg-backend', 1);
    expect(gone.calls()).toBe(1);
    const denied = session([awsError('UnauthorizedOperation')]);
    await expect(deleteBackendSecurityGroup(denied.s, 'sg-backend', 1)).rejects.toThrow('UnauthorizedOperation');
    expect(denied.calls()).toBe(1);
  });
});
