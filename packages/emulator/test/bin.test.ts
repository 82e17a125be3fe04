import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTimeline } from '../src/index.js';
import { tryOpen } from './raw-gateway.js';

// The script runs packages/emulator/dist: `npm test` builds it first.
const bin = fileURLToPath(new URL('../bin/discloop-emulator.js', import.meta.url));
const scenarios = fileURLToPath(new URL('../scenarios/', import.meta.url));

describe('discloop-emulator, the standalone script', () => {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const timelineFile = (entries: unknown): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'discloop-emulator-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'timeline.json'), JSON.stringify(entries));
    return path.join(dir, 'timeline.json');
  };

  const start = (args: string[]) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
      child.once('exit', (code) => resolve({ code, stderr })),
    );
    const listening = () =>
      new Promise<{ apiUrl: string; token: string }>((resolve, reject) => {
        child.stdout.once('data', (chunk) => resolve(JSON.parse(String(chunk))));
        void exited.then(({ code }) => reject(new Error(`exited ${code}: ${stderr}`)));
      });
    return { listening, exited };
  };

  it('replays a fault timeline on top of the demo world: the gateway down, REST up', async () => {
    const outage = timelineFile([{ at: 0, event: { type: 'gatewayOutage' } }]);
    const { apiUrl, token } = await start(['--demo', '--timeline', outage]).listening();

    const guilds = await fetch(`${apiUrl}/v10/users/@me/guilds`, {
      headers: { Authorization: `Bot ${token}` },
    });
    const gateway = await tryOpen(apiUrl.replace(/^http/, 'ws').replace(/\/api$/, ''));

    expect(guilds.status).toBe(200);
    expect(((await guilds.json()) as unknown[]).length).toBe(2);
    expect(gateway).toMatch(/503/);
  });

  it('refuses a timeline that does not hold together, naming the problem, with exit 2', async () => {
    const bad = timelineFile([{ at: 0, event: { type: 'closeGateway', code: 1006 } }]);
    const { code, stderr } = await start(['--timeline', bad]).exited;

    expect(code).toBe(2);
    expect(stderr).toContain('timeline[0].event.code: must be ≥ 4000');
  });

  it('ships fault scenarios that load as timelines', () => {
    const files = readdirSync(scenarios).filter((file) => file.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const json = JSON.parse(readFileSync(path.join(scenarios, file), 'utf8'));
      expect(() => loadTimeline(json), file).not.toThrow();
    }
  });
});
