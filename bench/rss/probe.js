// Preloaded into each measured process by bench/rss.js (`node --expose-gc --import <this>`):
// on SIGUSR2 it writes the V8 heap figures to $RSS_PROBE_FILE, once as they are and once after
// a full GC (what the caches actually keep alive). bench/rss.js reads /proc's VmHWM/VmRSS
// before sending SIGUSR2, so the GC here never lowers a recorded figure. Neither discloop nor
// the script uses SIGUSR2, and the handler costs a few KB.
import { writeFileSync } from 'node:fs';

const file = process.env.RSS_PROBE_FILE;
if (file) {
  process.on('SIGUSR2', () => {
    const before = process.memoryUsage();
    globalThis.gc?.();
    const after = process.memoryUsage();
    writeFileSync(
      file,
      JSON.stringify({
        heapUsed: before.heapUsed,
        heapTotal: before.heapTotal,
        external: before.external,
        arrayBuffers: before.arrayBuffers,
        heapUsedAfterGc: globalThis.gc ? after.heapUsed : null,
      }),
    );
  });
}
