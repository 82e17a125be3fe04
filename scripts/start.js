// `npm start`: the example config against real Discord when DISCORD_TOKEN is set, else against the sandbox.
import { runAndExit } from '../dist/cli/main.js';

await runAndExit([
  'run',
  'loops.example.yaml',
  ...(process.env.DISCORD_TOKEN ? [] : ['--sandbox']),
]);
