/**
 * What `gwlb plan` and `gwlb apply` need once they talk to AWS: the SDK clients, the session and
 * the live planning pipeline. The commands load it with one `await import()` where they connect,
 * not at the top of their modules: the AWS SDK alone takes several times Node's own start-up to
 * load (npm run bench), and `gwlb --help`, `plan --offline` and every other command never use it.
 * test/cli/startup.test.ts checks which commands load it.
 */
import { connectAws, type AwsTarget } from '../aws/clients.js';
import { AwsSession } from '../aws/session.js';
import type { ClusterSettings } from '../model/settings.js';

export { connectAws, AwsSession };
export { discoverFacts } from '../aws/discovery.js';
export { livePlan } from '../observe/live-plan.js';
export { readLiveAws } from '../observe/live-health.js';

/**
 * One AWS session for a command that reads and writes nothing (plan, explain): connected,
 * handed to `use`, and closed whatever `use` does — for --sandbox the close writes the state.
 */
export async function withSession<T>(target: AwsTarget, settings: Pick<ClusterSettings, 'clusterName' | 'vpcId'>, use: (session: AwsSession) => Promise<T>): Promise<T> {
  const conn = await connectAws(target);
  try {
    return await use(new AwsSession(conn, settings.clusterName, settings.vpcId));
  } finally {
    await conn.close();
  }
}
