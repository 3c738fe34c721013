/**
 * unirest's own request (`unirest.get(url)` / `unirest.post(url)`: `isModuleRequest(…, 'unirest')`), whose links return
 * the same request and whose `.end(callback)` hands the callback its one response, the parsed data in `response.body`.
 */

/** Links of unirest's chain that set how the request is made, the same for every method. */
export const UNIREST_KEPT: ReadonlySet<string> = new Set(['headers', 'header', 'type', 'timeout', 'followRedirect', 'maxRedirects', 'strictSSL']);
/** Links that carry the arguments: the query, the form or JSON body. */
export const UNIREST_CARRIERS: ReadonlySet<string> = new Set(['query', 'send', 'form']);
