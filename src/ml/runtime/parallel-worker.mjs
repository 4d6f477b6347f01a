// Worker-thread entry: lets the worker import TypeScript (the replica and the task module)
// whether the parent runs under tsx (bin/alea.mjs) or vitest, then starts the replica.
import { register } from 'tsx/esm/api';

register();
await import('./parallel-worker.ts');
