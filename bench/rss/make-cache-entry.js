// Bundled on the fly by bench/rss/caches.js: discloop's cache factory exactly as src/ has it.
export { cachePlan } from '../../src/connection/cache-plan.ts';
export { makeCache } from '../../src/discord/make-cache.ts';
