export * from './plan.js';
export { scan, parseWorkspace, findTsconfig, unsupportedInline } from './scan/index.js';
