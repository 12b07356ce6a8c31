// Entry of the publication worker thread (server/publish/publication-runner.ts). A worker starts with Node's
// own loader, without the TypeScript hooks of the thread that made it: register tsx here, as bin/vigie.mjs does.
import { register } from 'tsx/esm/api';

register();
await import('./publication-worker.ts');
