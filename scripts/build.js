// `npm run build`: dist/ from rolldown.config.js, printing only warnings and errors (the CLI
// lists every chunk, which buried `npm start`'s first lines).
import { build } from 'rolldown';
import config from '../rolldown.config.js';

await build(config);
