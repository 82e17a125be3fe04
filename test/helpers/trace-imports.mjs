// Preloaded with `node --import` by tests: writes every module URL this process resolves to
// fd 2 as "import: <url>", so a test can tell which packages a command really loaded.
import { register } from 'node:module';

const hooks = `
import { writeSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  writeSync(2, 'import: ' + result.url + '\\n');
  return result;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
