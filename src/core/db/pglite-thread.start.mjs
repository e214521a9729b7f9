// The embedded database's thread starts here (decision 0014): a worker thread gets none of the loader hooks of the
// thread that started it, so it registers tsx itself, as bin/vigie.mjs does, then loads its TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./pglite-thread.ts');
