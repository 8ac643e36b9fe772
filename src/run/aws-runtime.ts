/**
 * What `gwlb plan` and `gwlb apply` need once they talk to AWS: the SDK clients, the session and
 * the live planning pipeline. The commands load it with one `await import()` where they connect,
 * not at the top of their modules: the AWS SDK alone takes several times Node's own start-up to
 * load (npm run bench), and `gwlb --help`, `plan --offline` and every other command never use it.
 * test/cli/startup.test.ts checks which commands load it.
 */
export { connectAws } from '../aws/clients.js';
export { AwsSession } from '../aws/session.js';
export { discoverFacts } from '../aws/discovery.js';
export { livePlan } from '../observe/live-plan.js';
export { readLiveAws } from '../observe/live-health.js';
