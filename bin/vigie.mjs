#!/usr/bin/env node
// The `vigie` command. The CLI is TypeScript run through tsx (a runtime dependency), so `npx vigie`
// works straight after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli/main.ts');
