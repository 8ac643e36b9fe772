/** What an EC2 handler returns: the members under `<OpResponse>`, keyed by wire element name. */
import type { HandlerContext } from '../elbv2/context.js';
import type { Ec2Result } from '../wire/ec2-protocol.js';
import type { QueryInput } from '../wire/query-input.js';

export type Ec2Handler = (input: QueryInput, ctx: HandlerContext) => Ec2Result;
