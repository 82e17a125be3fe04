// `npm run build`: the emulator package's dist/ (for the bin and the benchmarks), then discloop's
// dist/ from rolldown.config.js, printing only warnings and errors (the CLI lists every chunk,
// which buried `npm start`'s first lines).
import { build } from 'rolldown';
import emulator from '../packages/emulator/rolldown.config.js';
import config from '../rolldown.config.js';

await build(emulator);
await build(config);
