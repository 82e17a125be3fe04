import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { erasesIn } from '../helpers/ansi.js';
import { VirtualScreen } from '../helpers/virtual-screen.js';

/**
 * The real thing: bin/discloop.js (so dist/ must be built, as for the e2e tests) in a
 * pseudo-terminal made by util-linux `script`, against the sandbox. The config ends by itself
 * (every loop has a count), so nothing here depends on timing but the test's timeout.
 */
const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/discloop.js');
const CONFIG = `loops:
  - name: voice-report
    action: list-voice
    seconds: 1
    count: 3
  - name: counts
    action: member-count
    minutes: 1
    count: 1
`;

function hasScript(): boolean {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Runs `discloop run loops.yaml --sandbox` on a 100×30 terminal; resolves with what it showed. */
function runInTerminal(cwd: string): Promise<{ code: number | null; bytes: string }> {
  const command = `stty cols 100 rows 30; exec node ${JSON.stringify(BIN)} run loops.yaml --sandbox`;
  const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve) => {
    child.on('close', (code) => resolve({ code, bytes: Buffer.concat(chunks).toString() }));
  });
}

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!hasScript())('discloop run on a terminal', () => {
  it('keeps a status area under the results, redraws it in place, and leaves none behind', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'discloop-pty-'));
    await writeFile(path.join(dir, 'loops.yaml'), CONFIG);
    const { code, bytes } = await runInTerminal(dir);
    expect(code).toBe(0);

    // While it ran: the area, with its columns, erased (3 lines up) before each redraw.
    expect(bytes).toContain('── status');
    expect(bytes).toMatch(
      /voice-report {2}every 1s {2}(next in 1s {3}|running {6}) {2}1\/3 runs {2}✓ Alpha Guild · /,
    );
    expect(bytes).toMatch(/counts {8}every 1m {2}done {11}1\/1 runs {2}✓ Alpha Guild: \d+ members/);
    const erases = erasesIn(bytes);
    expect(erases.length).toBeGreaterThan(5);
    expect(new Set(erases)).toEqual(new Set([3]));

    // At the end: the results and diagnostics in order, and no area left on the screen.
    const screen = new VirtualScreen(100);
    screen.write(bytes);
    const lines = screen.lines();
    expect(lines.filter((line) => line.startsWith('── status'))).toEqual([]);
    const headers = lines
      .filter((line) => /^── \d\d:\d\d:\d\d /.test(line))
      .map((l) => l.slice(12));
    expect(headers.filter((header) => header.startsWith('voice-report'))).toEqual([
      'voice-report #1/3',
      'voice-report #2/3',
      'voice-report #3/3',
    ]);
    expect(headers).toContain('counts #1/1');
    expect(lines).toContain('voice-report finished after 3 runs');
    expect(lines).toContain('counts finished after 1 run');
  });
});
