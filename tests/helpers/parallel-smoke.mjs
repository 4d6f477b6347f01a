// Starts parallel training the way bin/alea.mjs starts the CLI (tsx registered from a .mjs
// entry), and prints the result as JSON: proves the workers can load TypeScript from there.
import { register } from 'tsx/esm/api';

register();
const { runParallelSmoke } = await import('./parallel-smoke.ts');
process.stdout.write(`${JSON.stringify(await runParallelSmoke())}\n`);
