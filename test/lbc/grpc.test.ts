/** Port of LBC v3.5.0 pkg/gateway/routeutils/grpc_test.go (cases shared with http_test.go: route-kind-cases.ts). */
import { routeKindCases } from './route-kind-cases.js';

routeKindCases('GRPCRoute', 'grpc_test.go', {
  convert: 'Test_ConvertGRPCRuleToRouteRule',
  list: 'Test_ListGRPCRoutes',
  load: 'Test_GRPC_LoadAttachedRules',
  refs: 'Test_GRPC_GetListenerRuleConfigRefs',
});
