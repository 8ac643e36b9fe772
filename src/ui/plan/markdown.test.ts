import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../diagnostics.js';
import { albStack, plan } from '../../plan/fixtures.test-util.js';
import type { Stack } from '../../model/index.js';
import { EMPTY_OBSERVED, type Plan, type PlannedStack } from '../../plan/index.js';
import { makeChalk } from '../color.js';
import { COMMENT_BUDGET, GITHUB_COMMENT_LIMIT, size } from './markdown-format.js';
import { renderPlanMarkdown, type MarkdownOptions } from './markdown.js';
import { renderResourceChange } from './text.js';

const plain = makeChalk(false);
const OFFLINE: MarkdownOptions = { target: 'offline', diagnostics: [], files: ['manifests/'] };

/** Gateways ns/gw-000… with `rules` path rules each, planned offline against an empty account. */
function gateways(count: number, rules: number): Plan {
  const paths = Array.from({ length: rules }, (_, i) => `/path-${i}`);
  const stacks = Array.from({ length: count }, (_, i) => albStack({ name: `gw-${String(i).padStart(3, '0')}`, paths }));
  return plan(stacks, EMPTY_OBSERVED, { mode: 'offline' });
}

/** The text of one resource change as the diff fence holds it: symbols moved to the first column. */
function diffOf(p: Plan, index: number): string {
  return renderResourceChange(p.resource_changes[index]!, plain)
    .filter((l) => l !== '')
    .map((l) => l.replace(/^(\s*)([+~-])( .*)?$/, (_m, sp: string, sym: string, rest?: string) => `${sym === '~' ? '!' : sym}${sp}${rest ?? ''}`))
    .join('\n');
}

describe('markdown plan', () => {
  it('shows a small plan whole: the table, then every Gateway in its own collapsed diff block', () => {
    const p = gateways(3, 2);
    const md = renderPlanMarkdown(p, OFFLINE);
    expect(md).toContain('**Plan:** 21 to add, 0 to change, 0 to destroy.');
    expect(md).toContain('| Gateway | Status | To add | To change | To destroy |\n| --- | --- | ---: | ---: | ---: |\n| `ns/gw-000` | changes | 7 | 0 | 0 |\n| `ns/gw-001` | changes | 7 | 0 | 0 |\n| `ns/gw-002` | changes | 7 | 0 | 0 |\n');
    for (const id of ['ns/gw-000', 'ns/gw-001', 'ns/gw-002']) expect(md).toContain(`<details><summary><code>${id}</code>: 7 to add, 0 to change, 0 to destroy</summary>\n\n\`\`\`diff\n  # gateway["${id}"].security_group`);
    for (let i = 0; i < p.resource_changes.length; i++) expect(md).toContain(diffOf(p, i));
    expect(md.match(/<details>/g)).toHaveLength(3);
    expect(md).toContain('\n+   resource "AWS::EC2::SecurityGroup" "ManagedLBSecurityGroup" {\n');
    expect(md).not.toMatch(/Cut short|Left out/);
    expect(md).not.toMatch(/\u001b\[/);
  });

  it('names the cluster and what the plan was compared with', () => {
    const p = gateways(1, 1);
    expect(renderPlanMarkdown(p, OFFLINE)).toContain('Cluster `my-cluster`, planned offline, against an empty account (`--offline`).');
    expect(renderPlanMarkdown(p, { target: 'sandbox', diagnostics: [] })).toContain('Cluster `my-cluster`, planned against the built-in AWS emulator (`--sandbox`).');
    expect(renderPlanMarkdown(p, { target: 'endpoint', diagnostics: [] })).toContain('planned against an AWS API endpoint (`--endpoint-url`).');
    expect(renderPlanMarkdown(p, { target: 'account', diagnostics: [] })).toContain('Cluster `my-cluster`, planned against the AWS account.');
  });

  it('lists the errors and warnings of the input with their locations, and points to them', () => {
    const diagnostics: Diagnostic[] = [
      { severity: 'warning', code: 'GWLB209', message: 'HTTPRoute ns/r: BackendNotFound', location: { file: 'routes.yaml', line: 12, column: 7 }, path: 'spec.rules[0].backendRefs[0]' },
      { severity: 'error', code: 'GWLB101', message: 'Gateway ns/bad: spec.listeners is required', location: { file: 'gw.yaml', line: 3, column: 1 } },
      { severity: 'info', code: 'GWLB001', message: 'skipped a ConfigMap' },
    ];
    const md = renderPlanMarkdown(plan([albStack()], EMPTY_OBSERVED, { errored: true }), { target: 'account', diagnostics });
    expect(md).toContain(
      '**Diagnostics:** 1 error, 1 warning\n\n```\ngw.yaml:3:1: error GWLB101: Gateway ns/bad: spec.listeners is required\nroutes.yaml:12:7: warning GWLB209: HTTPRoute ns/r: BackendNotFound (at spec.rules[0].backendRefs[0])\n```\n',
    );
    expect(md).not.toContain('GWLB001');
    expect(md).toContain('> Error: the input has errors (see Diagnostics); the Gateways they affect are not in this plan.');
    expect(md).not.toContain('listed above');
    // Nothing planned at all: the totals line points to the section too.
    const failed = renderPlanMarkdown(plan([], EMPTY_OBSERVED, { errored: true }), { target: 'account', diagnostics });
    expect(failed).toContain('**Planning failed.** The input has errors (see Diagnostics), so gwlb planned no changes.');
  });

  it('has a row for every Gateway the plan covers, with changes or not, and why it is left alone', () => {
    const p = gateways(1, 1);
    const extra: PlannedStack[] = [
      { id: 'ns/same', load_balancer_type: 'application', status: 'planned', uid_source: 'metadata', uid: 'u' },
      { id: 'ns/gone', load_balancer_type: 'network', status: 'orphaned' },
      { id: 'ns/broken', load_balancer_type: 'application', status: 'model-failed' },
      { id: 'ns/held', load_balancer_type: 'application', status: 'aborted', aborts: [{ type: 'AWS::ElasticLoadBalancingV2::TargetGroup', arn: 'arn:tg', name: 'tg', error: 'unexpected targetGroup with no resourceID: arn:tg', tag_key: 'gateway.k8s.aws.alb/resource' }] },
    ];
    const md = renderPlanMarkdown({ ...p, stacks: [...p.stacks, ...extra] }, OFFLINE);
    expect(md).toContain('| `ns/gw-000` | changes | 5 | 0 | 0 |\n| `ns/same` | no changes | 0 | 0 | 0 |\n| `ns/gone` | orphaned, left as is | 0 | 0 | 0 |\n| `ns/broken` | no model, left as is | 0 | 0 | 0 |\n| `ns/held` | **aborted** (see the errors below) | 0 | 0 | 0 |\n');
    // Errors first among the notes, and `<its resource id>` escaped so GitHub shows it.
    const notes = md.split('\n').filter((l) => l.startsWith('> '));
    expect(notes[0]).toMatch(/^> Error: Gateway ns\/held: unexpected targetGroup/);
    expect(notes[0]).toContain('Value=&lt;its resource id>');
    expect(md.match(/<details>/g)).toHaveLength(1);
  });

  it('stays under GitHub’s limit for 200 Gateways of 12 rules, cut short with the command that shows the rest', () => {
    const p = gateways(200, 12);
    // Without metadata.uid every Gateway has a note: they become one sentence.
    const standIn = { ...p, stacks: p.stacks.map((s) => ({ ...s, uid_source: 'stand-in' as const, uid: 'uid' })) };
    const md = renderPlanMarkdown(standIn, OFFLINE);
    expect(md.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(size(md)).toBeLessThanOrEqual(COMMENT_BUDGET);
    expect(md).toContain('**Plan:** 5400 to add, 0 to change, 0 to destroy.');
    expect(md.match(/^\| `ns\/gw-\d{3}` \| changes \| 27 \| 0 \| 0 \|$/gm)).toHaveLength(200);
    expect(md).toContain('> Note: 200 Gateways have no metadata.uid, so their load balancer and security group names hash stand-in UIDs: `ns/gw-000`, `ns/gw-001`');
    expect(md).toContain('> Note: planned against an empty account (--offline)');
    // The first Gateway's block is whole; one is cut at a line with its command; the rest are counted.
    expect(md).toContain('<details><summary><code>ns/gw-000</code>: 27 to add, 0 to change, 0 to destroy</summary>');
    const cut = /<summary><code>(ns\/gw-\d{3})<\/code>: 27 to add, 0 to change, 0 to destroy \(cut short\)<\/summary>/.exec(md);
    expect(cut).not.toBeNull();
    const id = cut![1]!;
    expect(md).toMatch(new RegExp(`\\n\`\`\`\\n\\n> \\*\\*Cut short:\\*\\* this Gateway's plan has [\\d,]+ more lines, not shown to keep this comment under GitHub's 65,536-character limit\\. To see all of it, run \`gwlb plan -f manifests/ --offline --gateway ${id}\` with the other options of this plan; \`-o json\` prints the plan data\\.\\n\\n</details>`));
    const next = `ns/gw-${String(Number(id.slice(6)) + 1).padStart(3, '0')}`;
    expect(md).toMatch(new RegExp(`> \\*\\*Left out:\\*\\* the changes of \\d+ more Gateways, from \`${next}\` on in the table, to keep this comment under GitHub's 65,536-character limit\\. To see a Gateway's, run \`gwlb plan -f manifests/ --offline --gateway NS/NAME\` with the other options of this plan; \`-o json\` prints the whole plan\\.\\n$`));
    expect(md.match(/<details>/g)!.length).toBe(Number(id.slice(6)) + 1);
    // Every fence and block that opens closes.
    expect(md.match(/^```diff$/gm)!.length).toBe(md.match(/^```$/gm)!.length);
    expect(md.match(/<\/details>/g)!.length).toBe(md.match(/<details>/g)!.length);
  });

  it('stays under the budget when every part is huge: Gateways, diagnostics, notes, names', () => {
    const p = gateways(20, 12);
    const long = (i: number) => `ns-${'é'.repeat(120)}/${i}-${'x'.repeat(300)}`;
    const orphans: PlannedStack[] = Array.from({ length: 3000 }, (_, i) => ({ id: long(i), load_balancer_type: 'application', status: 'orphaned' }));
    const untracked = Array.from({ length: 2000 }, (_, i) => ({ type: 'AWS::ElasticLoadBalancingV2::TargetGroup' as const, arn: `arn:aws:elasticloadbalancing:tg/${i}`, name: `tg-${i}`, reason: 'missing-tracking-tags' as const }));
    const diagnostics: Diagnostic[] = Array.from({ length: 5000 }, (_, i) => ({ severity: 'error', code: 'GWLB101', message: `problem ${i} ${'ü'.repeat(150)}`, location: { file: `f${i}.yaml`, line: i, column: 1 } }));
    const md = renderPlanMarkdown({ ...p, cluster: '`c`'.repeat(300), stacks: [...p.stacks, ...orphans], untracked }, { target: 'account', diagnostics, files: Array.from({ length: 500 }, (_, i) => `dir ${i}/`) });
    expect(size(md)).toBeLessThanOrEqual(COMMENT_BUDGET);
    expect(md).toMatch(/^\| … 2,\d{3} more Gateways: `-o json` lists every one \| \| \| \| \|$/m);
    expect(md).toMatch(/^… 4,\d{3} more diagnostics are not shown; gwlb plan writes every one to standard error\.$/m);
    expect(md).toMatch(/^> … [\d,]+ more notes are not shown; `gwlb plan` without `-o markdown` prints every one\.$/m);
    expect(md).toContain('> Warning: the account holds 3000 stacks owned by this cluster whose Gateways are not in the input:');
    // Too many files to repeat: the command says `-f …`.
    expect(md).toContain('`gwlb plan -f … --gateway ns/gw-000`');
    expect(md.match(/<details>/g)!.length).toBeGreaterThanOrEqual(1);
  });

  it('keeps a fence that a value in the plan cannot close', () => {
    // AWS rejects a backtick in a tag (the model's pre-flight says so), so the value is put in
    // after the build: the renderer must hold whatever a plan carries, e.g. a live account's value.
    const built = albStack();
    const fenced = { ...built, resources: built.resources.map((r) => (r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer' ? { ...r, spec: { ...r.spec, tags: { note: '```' } } } : r)) } as Stack;
    const md = renderPlanMarkdown(plan([fenced], EMPTY_OBSERVED), { target: 'account', diagnostics: [] });
    expect(md).toContain('\n````diff\n');
    expect(md).toContain('"note"');
    expect(md).toMatch(/\n````\n\n<\/details>/);
  });
});
