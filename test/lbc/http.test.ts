/** Port of LBC v3.5.0 pkg/gateway/routeutils/http_test.go (cases shared with grpc_test.go: route-kind-cases.ts). */
import { routeKindCases } from './route-kind-cases.js';

routeKindCases('HTTPRoute', 'http_test.go', {
  convert: 'Test_ConvertHTTPRuleToRouteRule',
  list: 'Test_ListHTTPRoutes',
  load: 'Test_HTTP_LoadAttachedRules',
  refs: 'Test_HTTP_GetRouteListenerRuleConfigRefs',
});
