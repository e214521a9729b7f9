#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx: `npx vigie` works from a fresh checkout, no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/main/cli.ts');
