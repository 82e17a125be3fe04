import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_IDS, type Emulator, startEmulator } from '@discloop/emulator';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';

let emu: Emulator;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'discloop-hardening-'));
});
afterEach(() => emu?.close());

const { channels } = DEFAULT_IDS;
const NOT_A_BUG = /This is a bug|\n\s+at /;
const json = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

async function config(yaml: string): Promise<string> {
  const file = path.join(dir, `loops-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(file, yaml);
  return file;
}

describe('the token, however it is pasted', () => {
  it('"Bot <token>" with -v connects, and no form of the token is printed', async () => {
    emu = await startEmulator();
    const { code, stdout, stderr } = await spawnCli(['guilds', '--once', '-v'], {
      DISCORD_TOKEN: `Bot ${emu.token}`,
      DISCLOOP_API_URL: emu.apiUrl,
    }).exit;
    expect(code).toBe(0);
    const all = `${stdout}${stderr}`;
    expect(all).not.toContain(emu.token);
    expect(all).not.toContain(emu.token.split('.')[0]);
    expect(all).not.toMatch(/Provided token/);
  });

  it('a token ending in a CRLF line break (a Windows env file) works', async () => {
    emu = await startEmulator();
    const { code, stdout, stderr } = await spawnCli(['guilds', '--once'], {
      DISCORD_TOKEN: `${emu.token}\r\n`,
      DISCLOOP_API_URL: emu.apiUrl,
    }).exit;
    expect(code).toBe(0);
    expect(`${stdout}${stderr}`).not.toContain(emu.token);
  });

  it('a token with a line break inside is a usage error, not a crash', async () => {
    emu = await startEmulator();
    const [head, ...rest] = emu.token.split('.');
    const { code, stdout, stderr } = await spawnCli(['guilds', '--once'], {
      DISCORD_TOKEN: `${head}\n${rest.join('.')}`,
      DISCLOOP_API_URL: emu.apiUrl,
    }).exit;
    expect(code).toBe(2);
    expect(stderr).toContain('DISCORD_TOKEN holds more than a token');
    expect(stderr).not.toMatch(NOT_A_BUG);
    expect(`${stdout}${stderr}`).not.toContain(rest.join('.'));
  });
});

describe('--api-url', () => {
  it('takes https://host, …/api and …/api/ alike', async () => {
    emu = await startEmulator();
    const origin = new URL(emu.apiUrl).origin;
    for (const url of [origin, `${origin}/api/`, `${origin}/api/v10`]) {
      const { code, stderr } = await spawnCli(['guilds', '--once', '--api-url', url], {
        DISCORD_TOKEN: emu.token,
      }).exit;
      expect(code, `${url}: ${stderr}`).toBe(0);
    }
  });

  it('says what it expects when given something that is not a URL (exit 2)', async () => {
    const { code, stderr } = await spawnCli(['guilds', '--once', '--api-url', 'foo'], {
      DISCORD_TOKEN: 'x'.repeat(40),
    }).exit;
    expect(code).toBe(2);
    expect(stderr).toContain('--api-url expects an http(s) URL such as https://discord.com/api');
    expect(stderr).not.toMatch(NOT_A_BUG);
  });

  it('a server that does not speak Discord is exit 5, with what was expected', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>Not Found</h1>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const { code, stderr } = await spawnCli(['guilds', '--once'], {
        DISCORD_TOKEN: 'x'.repeat(40),
        DISCLOOP_API_URL: `http://127.0.0.1:${port}`,
      }).exit;
      expect(code).toBe(5);
      expect(stderr).toContain(`http://127.0.0.1:${port}/api does not answer like Discord's API`);
      expect(stderr).not.toMatch(NOT_A_BUG);
    } finally {
      server.close();
    }
  });
});

describe('stopping', () => {
  it('SIGTERM while Discord is still unreachable exits 0, announcing each retry meanwhile', async () => {
    const cli = spawnCli(['guilds', '--once'], {
      DISCORD_TOKEN: 'x'.repeat(40),
      DISCLOOP_API_URL: 'http://127.0.0.1:9/api',
    });
    await waitFor(() =>
      cli.stderr.some((line) => line.includes('retrying in 1 s, attempt 2 of 5')),
    );
    cli.child.kill('SIGTERM');
    const { code, stderr } = await cli.exit;
    expect(code).toBe(0);
    expect(stderr).toContain('Stopped before Discord was ready.');
  });

  it('SIGTERM in an endless 429 storm stops within seconds: the run is cancelled and never posts later', async () => {
    const { cli, route } = await runInStorm();
    await cli.nextLine((line) => line.includes('"type":"rate-limit"'));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const stoppedAt = Date.now();
    cli.child.kill('SIGTERM');
    const { code, stdout } = await cli.exit;
    const tookMs = Date.now() - stoppedAt;
    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(10_000);
    const lines = json(stdout);
    const runs = lines.filter((l) => l.type === 'run');
    expect(runs).toEqual([
      expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'cancelled' }) }),
    ]);
    // One line for the storm, however many 429s it answered.
    expect(lines.filter((l) => l.type === 'rate-limit')).toHaveLength(1);
    const posted = () => emu.requests.filter((r) => r.route === route && r.status === 200);
    expect(posted()).toHaveLength(0);
  }, 20_000);

  it('--shutdown-timeout 0s cancels the runs in flight at once; a bad value is a usage error', async () => {
    const { cli } = await runInStorm(['--shutdown-timeout', '0s']);
    await cli.nextLine((line) => line.includes('"type":"rate-limit"'));
    cli.child.kill('SIGTERM');
    const { code, stdout } = await cli.exit;
    expect(code).toBe(0);
    expect(json(stdout).filter((l) => l.type === 'run')).toEqual([
      expect.objectContaining({ error: expect.objectContaining({ code: 'cancelled' }) }),
    ]);
    const file = await config('loops:\n  - { name: a, action: guilds, seconds: 1 }\n');
    const bad = await spawnCli(['run', file, '--shutdown-timeout', 'soon'], {}).exit;
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '--shutdown-timeout expects a duration such as 10s or 1m, got "soon"',
    );
  });

  it('a second SIGTERM quits at once with 130', async () => {
    const { cli } = await runInStorm();
    await cli.nextLine((line) => line.includes('"type":"rate-limit"'));
    cli.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    cli.child.kill('SIGTERM');
    expect((await cli.exit).code).toBe(130);
  });
});

describe('a timed-out run', () => {
  it('never has its effect later: the message held by rate limits is not posted after the timeout', async () => {
    emu = await startEmulator();
    const route = `POST /channels/${channels.alphaGeneralText}/messages`;
    emu.rateLimit({ route, count: 6, retryAfterMs: 500 });
    const file = await config(`loops:
  - { name: post, action: send-message, with: { channel: general, guild: Alpha Guild, content: late }, seconds: 30, count: 1, timeout: 1s }
`);
    const { code, stdout } = await spawnCli(['run', file, '--json'], {
      DISCORD_TOKEN: emu.token,
      DISCLOOP_API_URL: emu.apiUrl,
    }).exit;
    expect(code).toBe(0);
    expect(json(stdout).filter((l) => l.type === 'run')).toEqual([
      expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'timeout' }) }),
    ]);
    // The storm is over by now (6 × 0.5 s): had the request survived the timeout, it would be here.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(emu.requests.filter((r) => r.route === route && r.status === 200)).toHaveLength(0);
  }, 20_000);
});

/** A send-message loop every 2 s while its channel answers nothing but 429s. */
async function runInStorm(extra: string[] = []) {
  emu = await startEmulator();
  const route = `POST /channels/${channels.alphaGeneralText}/messages`;
  emu.rateLimit({ route, count: 100_000, retryAfterMs: 400 });
  const file = await config(`loops:
  - { name: post, action: send-message, with: { channel: general, guild: Alpha Guild, content: hi }, seconds: 2 }
`);
  const cli = spawnCli(['run', file, '--json', ...extra], {
    DISCORD_TOKEN: emu.token,
    DISCLOOP_API_URL: emu.apiUrl,
  });
  return { cli, route };
}

async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
