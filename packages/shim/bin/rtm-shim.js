#!/usr/bin/env node
// The `rtm-shim` command. A file of its own, not dist/cli.js, so that package managers can link the
// command before dist/ is built (a fresh clone: `pnpm install`, then `pnpm build`).
import '../dist/cli.js';
