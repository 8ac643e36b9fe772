/**
 * Region-wide ELBv2 listings with the fewest calls the API allows, shared by discovery and
 * observe within one run: DescribeLoadBalancers and DescribeTargetGroups in pages of 400, then
 * DescribeTags for the ones in our VPC in batches of 20 ARNs (the ELBv2 maximum). This is LBC's
 * native lookup (pkg/deploy/elbv2/tagging_manager.go, lbc-model-deploy.md §3.3) without its
 * 20-minute cache: a CLI run reads each listing once and keeps it for the run.
 */
import {
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  type LoadBalancer,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';

export const PAGE_SIZE = 400;
export const TAGS_PER_CALL = 20;

export type TagMap = Readonly<Record<string, string>>;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** How many independent read calls run at once (ELBv2 Describe* allows bursts of 200). */
export const READ_CONCURRENCY = 8;

export class Elbv2Inventory {
  private lbs?: Promise<LoadBalancer[]>;
  private tgs?: Promise<TargetGroup[]>;
  private readonly tags = new Map<string, TagMap>();

  constructor(private readonly client: ElasticLoadBalancingV2Client) {}

  loadBalancers(): Promise<LoadBalancer[]> {
    this.lbs ??= (async () => {
      const out: LoadBalancer[] = [];
      let marker: string | undefined;
      do {
        const page = await this.client.send(new DescribeLoadBalancersCommand({ PageSize: PAGE_SIZE, ...(marker ? { Marker: marker } : {}) }));
        out.push(...(page.LoadBalancers ?? []));
        marker = page.NextMarker || undefined;
      } while (marker);
      return out;
    })();
    return this.lbs;
  }

  targetGroups(): Promise<TargetGroup[]> {
    this.tgs ??= (async () => {
      const out: TargetGroup[] = [];
      let marker: string | undefined;
      do {
        const page = await this.client.send(new DescribeTargetGroupsCommand({ PageSize: PAGE_SIZE, ...(marker ? { Marker: marker } : {}) }));
        out.push(...(page.TargetGroups ?? []));
        marker = page.NextMarker || undefined;
      } while (marker);
      return out;
    })();
    return this.tgs;
  }

  /** Tags of every ARN, 20 ARNs per DescribeTags call; ARNs read before are not asked again. */
  async tagsOf(arns: readonly string[]): Promise<Map<string, TagMap>> {
    const missing = [...new Set(arns)].filter((a) => !this.tags.has(a));
    await mapLimit(chunks(missing, TAGS_PER_CALL), READ_CONCURRENCY, async (batch) => {
      const out = await this.client.send(new DescribeTagsCommand({ ResourceArns: batch }));
      for (const d of out.TagDescriptions ?? []) {
        if (d.ResourceArn) this.tags.set(d.ResourceArn, Object.fromEntries((d.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])));
      }
      for (const a of batch) if (!this.tags.has(a)) this.tags.set(a, {});
    });
    return new Map(arns.map((a) => [a, this.tags.get(a) ?? {}]));
  }
}
