import type { OfflinePlacement } from '../run/offline-placement.js';
import type { Style } from './style.js';

/** validate's placement block: a summary line, then each group's loops with why. */
export function renderPlacement(placement: OfflinePlacement, style: Style): string {
  const { here, elsewhere, atStart } = placement;
  const runs = `runs ${here.length} loop${here.length === 1 ? '' : 's'} here`;
  const lines = [
    `Shards ${placement.shards} of ${placement.shardCount}: ${runs}, ${elsewhere.length} elsewhere, ${atStart.length} decided at start`,
  ];
  for (const [title, loops] of [
    ['here', here],
    ['elsewhere', elsewhere],
    ['decided at start', atStart],
  ] as const) {
    if (loops.length === 0) continue;
    lines.push(`  ${title}:`, ...loops.map((l) => `    ${style.bold(l.loop)} (${l.why})`));
  }
  return lines.join('\n');
}
