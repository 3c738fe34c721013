export { calleeName, descendants, memberName, propertyKeyName, resolveConst, staticString, unwrap, variableOf } from './ast.js';
export { followFrom, followResponse, isReportableRead, isSignificantEscape, PROMISED_RESPONSE, RESPONSE, type Escape, type FieldRead, type Flow, type Shape } from './flow.js';
export { functionOf, type FunctionNode } from './functions.js';
export { scanHolder, scanOptions, scanPassedTo, scanRequestArguments, type OptionsScan, type UnsupportedArg } from './options.js';
export { clientKindOfConstructor, originOf, type ClientKind, type Origin } from './origin.js';
export { resolverOfSourceCode, type FunctionLike, type Located, type ProjectLinks, type Resolver, type VisitorKeys } from './resolver.js';
export {
  callsRtmStart,
  classifyCall,
  classifyNode,
  classifyString,
  findSites,
  siteNode,
  type ClientOptionSite,
  type ClientSite,
  type DataStoreSite,
  type MethodSite,
  type RtmMethod,
  type RtmSite,
  type StoreCacheSite,
  type TableSite,
  type UrlSite,
} from './sites.js';
export { typeDeclaredIn, typeIs, typeServices, withTypeInformation } from './types.js';
export { queryParameterNames, rtmMethodOfUrl, templateText, urlUseOf, type StringNode, type UrlUse } from './url.js';
