/**
 * The WAFv2 and Shield calls gwlb makes, as LBC's managers make them
 * (pkg/deploy/wafv2/web_acl_association_manager.go, pkg/deploy/shield/protection_manager.go),
 * behind plain functions so observe/ and apply/ never load these SDK packages themselves. The
 * clients are built on first use (clients.ts `addons()`): only a plan with an existing ALB or a
 * Shield configuration, or an apply that changes an addon, needs them (cli/aws-runtime.ts says
 * why loading matters). Same configuration, call counting and pacing as the other clients.
 */
import {
  CreateProtectionCommand,
  DeleteProtectionCommand,
  DescribeProtectionCommand,
  GetSubscriptionStateCommand,
  ListProtectionsCommand,
  ResourceNotFoundException,
  ShieldClient,
  type ShieldClientConfig,
} from '@aws-sdk/client-shield';
import {
  AssociateWebACLCommand,
  DisassociateWebACLCommand,
  GetWebACLForResourceCommand,
  ListResourcesForWebACLCommand,
  ListWebACLsCommand,
  WAFV2Client,
  type WAFV2ClientConfig,
} from '@aws-sdk/client-wafv2';
import type { CallCounter } from './calls.js';
import { pace, type Pacer } from './pace.js';

/** A Shield protection as LBC's manager keeps it (ProtectionInfo), with the protected resource. */
export interface ProtectionInfo {
  readonly id: string;
  readonly name: string;
  readonly resourceArn: string;
}

export interface AddonClients {
  readonly wafv2: WAFV2Client;
  readonly shield: ShieldClient;
  /** The web ACL ARN associated with the resource, '' for none (GetAssociatedWebACL). */
  webAclOf(resourceArn: string): Promise<string>;
  /** The REGIONAL web ACLs' ARNs (ListWebACLs, all pages). */
  webAcls(): Promise<string[]>;
  /** The application load balancers a web ACL is associated with (ListResourcesForWebACL). */
  resourcesOf(webAclArn: string): Promise<string[]>;
  /** Associates, replacing any web ACL the resource had (LBC's create and update alike). */
  associate(resourceArn: string, webAclArn: string): Promise<void>;
  disassociate(resourceArn: string): Promise<void>;
  /** Whether the account subscribes to Shield Advanced (IsSubscribed: state ACTIVE). */
  shieldSubscribed(): Promise<boolean>;
  /** Every protection of an application load balancer (ListProtections, all pages). */
  albProtections(): Promise<ProtectionInfo[]>;
  /** The protection of one resource, if any (GetProtection: ResourceNotFound → none). */
  protectionOf(resourceArn: string): Promise<ProtectionInfo | undefined>;
  createProtection(resourceArn: string, name: string): Promise<string>;
  deleteProtection(protectionId: string): Promise<void>;
}

export function makeAddonClients(config: WAFV2ClientConfig & ShieldClientConfig, calls: CallCounter, pacer: Pacer | undefined): AddonClients {
  const wafv2 = new WAFV2Client(config);
  // In the cluster's region, as LBC builds it (pkg/aws/provider/default_aws_clients_provider.go).
  const shield = new ShieldClient(config);
  calls.instrument('wafv2', wafv2);
  calls.instrument('shield', shield);
  if (pacer) {
    pace('wafv2', wafv2, pacer);
    pace('shield', shield, pacer);
  }
  const info = (p: { Id?: string; Name?: string; ResourceArn?: string }): ProtectionInfo => ({ id: p.Id ?? '', name: p.Name ?? '', resourceArn: p.ResourceArn ?? '' });
  return {
    wafv2,
    shield,
    async webAclOf(resourceArn) {
      return (await wafv2.send(new GetWebACLForResourceCommand({ ResourceArn: resourceArn }))).WebACL?.ARN ?? '';
    },
    async webAcls() {
      const out: string[] = [];
      let marker: string | undefined;
      do {
        const page = await wafv2.send(new ListWebACLsCommand({ Scope: 'REGIONAL', Limit: 100, ...(marker ? { NextMarker: marker } : {}) }));
        out.push(...(page.WebACLs ?? []).map((a) => a.ARN ?? '').filter(Boolean));
        // WAF returns a marker even on the last page; an empty page ends the listing.
        marker = (page.WebACLs ?? []).length > 0 ? page.NextMarker || undefined : undefined;
      } while (marker);
      return out;
    },
    async resourcesOf(webAclArn) {
      return (await wafv2.send(new ListResourcesForWebACLCommand({ WebACLArn: webAclArn, ResourceType: 'APPLICATION_LOAD_BALANCER' }))).ResourceArns ?? [];
    },
    async associate(resourceArn, webAclArn) {
      await wafv2.send(new AssociateWebACLCommand({ ResourceArn: resourceArn, WebACLArn: webAclArn }));
    },
    async disassociate(resourceArn) {
      await wafv2.send(new DisassociateWebACLCommand({ ResourceArn: resourceArn }));
    },
    async shieldSubscribed() {
      return (await shield.send(new GetSubscriptionStateCommand({}))).SubscriptionState === 'ACTIVE';
    },
    async albProtections() {
      const out: ProtectionInfo[] = [];
      let token: string | undefined;
      do {
        const page = await shield.send(new ListProtectionsCommand({ InclusionFilters: { ResourceTypes: ['APPLICATION_LOAD_BALANCER'] }, MaxResults: 10000, ...(token ? { NextToken: token } : {}) }));
        out.push(...(page.Protections ?? []).map(info));
        token = page.NextToken || undefined;
      } while (token);
      return out;
    },
    async protectionOf(resourceArn) {
      try {
        const p = (await shield.send(new DescribeProtectionCommand({ ResourceArn: resourceArn }))).Protection;
        return p ? info(p) : undefined;
      } catch (err) {
        if (err instanceof ResourceNotFoundException) return undefined;
        throw err;
      }
    },
    async createProtection(resourceArn, name) {
      return (await shield.send(new CreateProtectionCommand({ ResourceArn: resourceArn, Name: name }))).ProtectionId ?? '';
    },
    async deleteProtection(protectionId) {
      await shield.send(new DeleteProtectionCommand({ ProtectionId: protectionId }));
    },
  };
}
