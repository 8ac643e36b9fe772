/** Gateways LBC ignores: a GatewayClass missing from input and settings, or of another controller. */
import type { ChalkInstance } from 'chalk';
import type { UnhandledGateway } from '../../resolve/types.js';

/** Why LBC ignores the Gateway, and what would make it handled. */
export function unhandledText(u: UnhandledGateway): string {
  switch (u.reason) {
    case 'class-missing': {
      const hint = u.suggestion !== undefined ? ` Did you mean ${u.suggestion}?` : '';
      return `GatewayClass ${u.className} is neither in the input nor in the gatewayClasses setting, so LBC ignores this Gateway until the class exists and writes no status; gwlb plans nothing for it and leaves its AWS resources as they are.${hint} Fix spec.gatewayClassName, add the GatewayClass to the input, or name it in the settings file under gatewayClasses.`;
    }
    case 'other-controller':
      return `GatewayClass ${u.className} belongs to controller ${u.controllerName}, not to LBC, so LBC ignores this Gateway and writes no status; gwlb plans nothing for it.`;
  }
}

export function unhandledBlock(u: UnhandledGateway, chalk: ChalkInstance): string {
  return [`${chalk.bold(`Gateway ${u.gateway.namespace}/${u.gateway.name}`)}  not handled · class ${u.className}`, `  ${chalk.yellow('–')} ${unhandledText(u)}`].join('\n');
}
