export { calleeName, descendants, destructuredKey, isSpreadOfPlainConst, isThisLike, isWrittenTo, memberName, propertyKeyName, requiredModule, resolveConst, singleValueOf, singleValueOfName, staticString, unwrap, variableOf, within } from './ast.js';
export { ERROR_NAME } from './callback-answer.js';
export { connectsClientNeedsStartData } from './connects-client.js';
export { legacyClientField, legacyClientInPlace, legacyClientReadsFollowed, legacyClientUnfollowedUse, legacyStoreOption } from './in-place-client.js';
export { constTableEntryReads, constTableString } from './const-table.js';
export { unreadEntryKey, wordCount } from './unread-entry.js';
export { streamParsedOnly } from './stream-body.js';
export { memberPath } from './rtm-member-use.js';
export { propertyUrlReads, propertyUrlWrittenOnce } from './property-url.js';
export { helperAnswerUnread } from './helper-answer.js';
export { clientAnswerUnread, methodAnswerUnread } from './unread-answer.js';
export { DATA_STORE_HOLDS, followClientAnswer, followResponse, followUrl, isReportableRead, isSignificantEscape, type Escape, type FieldRead, type Flow, type Shape } from './flow.js';
export { classOf, enclosingFunction, localFunction, readsOwnArguments, type FunctionNode } from './functions.js';
export { parameterUses } from './handed-on.js';
export { scanHolder, scanOptions, scanPassedTo, scanRequestArguments, type OptionsScan, type UnsupportedArg } from './options.js';
export { declaredRange, declaringManifest, installedVersion, nearestManifest, type Manifest } from './modules.js';
export { packageVersion, undeclaredLockedVersion, type PackageVersion } from './package-version.js';
export { sdkOwnFile } from './sdk-files.js';
export { clientKindOfConstructor, constructedClass, constructionOf, isHttpLibraryModule, isHttpRequest, originOf, thisFieldWrites, thisOwner, type ClientKind, type Origin } from './origin.js';
export { factoryCall, returnedConstruction, returnedObjectMethod } from './factory-client.js';
export { classStaticMethod, ownInstanceMethod, ownStaticMethod } from './es5-class.js';
export { resolverOfSourceCode, type FunctionLike, type Located, type ProjectLinks, type Resolver, type VisitorKeys } from './resolver.js';
export {
  callsRtmStart,
  givesConnectData,
  classifyNode,
  findSites,
  siteNode,
  type ClientOptionSite,
  type ClientSite,
  type DataStoreSite,
  type MethodSite,
  type RtmMethod,
  type RtmSite,
  type StandInSite,
  type StartListenerSite,
  type StoreCacheSite,
  type TableSite,
  type UnfollowedNameSite,
  type UrlSite,
} from './sites.js';
export { rtmClientInMember, rtmClientStartable } from './rtm-member-client.js';
export { startListenerOf } from './event-name.js';
export type { LibraryStartSite, LibraryVersion } from './slack-package-bot.js';
export { startedThrough } from './slack-package-bot.js';
export { runsSlackbotapiOnInstance, runsSlackbotsOnInstance } from './library-start.js';
export { slackClientReads, type SlackClientRead } from './slack-client-reads.js';
export type { ChosenClients, ReceivedClient, UnfollowedClientSite } from './unfollowed-client.js';
export { typeDeclaredIn, typeIs, typeServices } from './types.js';
export { encodingCall, queryParameterNames, rtmMethodOfUrl, templateText, URI_ENCODERS, urlUseOf, type StringNode, type UrlUse } from './url.js';
export {
  contractOf,
  coveredByMigratedWrapper,
  methodUse,
  migratedByPreviousRun,
  readsBuilt,
  sameContract,
  wrapperTarget,
  type ModuleFunctions,
  type WholeData,
  type WrapperContract,
  type WrapperUse,
} from './covered-wrapper.js';
export { coveredByMigratedTable, storedByPreviousRun, tableFactoryOf } from './covered-table.js';
export { fileStores, handlerFilledUnasked, packageFiles, readsFilledStore, type FileStores } from './package-stores.js';
export {
  clientKey,
  filledStores,
  packageFolder,
  importedFromHelperModule,
  startedByHelperModule,
  storeClientKey,
  storeRole,
  type FilledStores,
  type PackageStores,
  type StoreRole,
  type StoreStart,
} from './stores.js';
export { ownRtmStartOf, type ModuleFiles } from './own-start.js';
export { REQUEST_PROMISE_MODULES } from './request-promise.js';
export { SUPERAGENT_CARRIERS, SUPERAGENT_KEPT, superagentHelperAnswer, superagentHelperOf } from './superagent-helper.js';
export { UNIREST_CARRIERS, UNIREST_KEPT } from './unirest-request.js';
export { literalMethod } from './object-member.js';
export { isJqueryRequest, unknownClientAnswer, type ClientAnswer } from './unknown-client.js';
export { libraryReach, type LibraryReach } from './library-reach.js';
export { baseClassHandings, baseClassPrepared, preparedByHelper } from './base-class-clients.js';
export { instanceFieldConstruction } from './instance-field.js';
