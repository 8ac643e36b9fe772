/**
 * Target registrations gwlb manages (model/stack.ts TargetRegistration): the exact desired set
 * for `managed` (what LBC's TargetGroupBinding controller registers from EndpointSlices or Nodes)
 * and the ALB for `alb` (frontend_nlb_target_synthesizer.go). `unmanaged` ones are never touched.
 */
import type { Target } from '../model/stack.js';
import type { StackContext } from './context.js';

export function managedTargets(ctx: StackContext, tgId: string, where: string): Target[] | undefined {
  const reg = ctx.desired?.extras.targets.find((t) => t.targetGroupId === tgId);
  if (!reg || reg.kind === 'unmanaged') return undefined;
  if (reg.kind === 'alb') return [{ id: reg.albArn, port: reg.port }];
  return reg.targets.map((t) => ctx.resolve(t, where));
}

export const targetKey = (t: { id: unknown; port: number }) => `${String(t.id)}:${t.port}`;
