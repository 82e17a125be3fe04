// Bundled on the fly by bench/metrics.js: the monitor exactly as src/ has it.
export { startMonitor } from '../../src/service/monitor.ts';
