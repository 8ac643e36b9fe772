/**
 * Why apply refused to run, in one message each: a saved plan that no longer means what it shows,
 * names held by resources without this cluster's tags, stacks LBC would refuse to touch.
 */
import type { SavedPlanVerdict } from '../../plan/saved-plan.js';
import type { PlannedStack, UntrackedResource } from '../../plan/types.js';

/** The refusal for a saved plan that may not be applied; undefined when it may. */
export function savedPlanRefusal(file: string, verdict: SavedPlanVerdict): string | undefined {
  const again = `run gwlb plan --out ${file} again, review it, then apply it`;
  switch (verdict.kind) {
    case 'current':
      return undefined;
    case 'edited':
      return `saved plan ${file} was edited after it was written: its changes no longer match the digest saved with them, so gwlb cannot tell what was reviewed; ${again}`;
    case 'no-changes-digest':
      return `saved plan ${file} has no digest of its changes (it was written by an older gwlb); ${again}`;
    case 'offline':
      return `saved plan ${file} was made with --offline, against an empty account, so it cannot be applied; ${again} without --offline`;
    case 'errored':
      return `saved plan ${file} was made from input with errors and cannot be applied; fix the errors, then ${again}`;
    case 'stale-inputs':
      return `saved plan ${file} is stale: the manifests, settings or discovered facts changed since it was made; ${again}`;
    case 'stale-account':
      return `saved plan ${file} is stale: the AWS account changed since it was made; ${again}`;
    case 'different':
      return `saved plan ${file} does not match what apply would do now (first difference: ${verdict.address}), though its inputs and the account are unchanged; ${again}`;
  }
}

/** Every create the plan needs whose name a resource without our tags already holds. */
export function collisionRefusal(untracked: readonly UntrackedResource[]): string {
  const lines = untracked
    .filter((u) => u.reason === 'name-collision')
    .map((u) => `  ${u.address ?? u.type} needs the name ${u.name ?? ''}, held by ${u.arn}`);
  return [
    `the plan cannot be applied: ${lines.length === 1 ? 'a resource' : `${lines.length} resources`} without this cluster's tracking tags already hold${lines.length === 1 ? 's' : ''} a name the plan needs:`,
    ...lines,
    'gwlb never modifies or deletes such resources: rename or delete them (or set loadBalancerName / targetGroupName), then plan again.',
  ].join('\n');
}

/** The apply's closing error for stacks left alone because a target group waits for a nodePort. */
export function refusedText(stacks: readonly PlannedStack[]): string {
  const pending = stacks.flatMap((s) => s.pending_node_ports ?? []);
  const services = [...new Set(pending.map((p) => `${p.service} port ${p.port}`))].join(', ');
  const [ns, name] = (pending[0]?.service ?? 'NAMESPACE/NAME').split('/');
  const ids = stacks.map((s) => s.id).join(', ');
  const one = stacks.length === 1;
  return `${one ? 'Gateway' : 'Gateways'} ${ids} ${one ? 'was' : 'were'} not applied: the nodePort of Service ${services} is not in the input (the API server assigns it), so ${one ? 'its' : 'their'} target group port and name are unknown. Set spec.ports[].nodePort in the Service, or read the Service from the cluster (kubectl get service -n ${ns ?? ''} ${name ?? ''} -o yaml) into the input, then apply again`;
}

/** The apply's closing error when some stacks were left alone because LBC would abort them. */
export function abortedText(stacks: readonly PlannedStack[]): string {
  const ids = stacks.map((s) => s.id).join(', ');
  return `${stacks.length === 1 ? 'Gateway' : 'Gateways'} ${ids} ${stacks.length === 1 ? 'was' : 'were'} not applied: an owned resource lacks its resource tag (errors above); nothing in ${stacks.length === 1 ? 'that stack' : 'those stacks'} was changed`;
}
