import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { openStateFile } from '../../../src/state/file-store.js';
import { parseState, StateFormatError, serializeState } from '../../../src/state/format.js';
import { fingerprint, type LoopRecord } from '../../../src/state/record.js';
import type { StateStore } from '../../../src/state/store.js';

let dir: string;
let file: string;
const open: StateStore[] = [];
const notices: string[] = [];
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'discloop-state-'));
  file = path.join(dir, '.discloop', 'state.json');
  notices.length = 0;
});
afterEach(async () => {
  for (const store of open.splice(0)) await store.close().catch(() => {});
});

async function openStore(fresh = false) {
  const store = await openStateFile(file, { fresh, onNotice: (m) => notices.push(m) });
  open.push(store);
  return store;
}

const record = (runs: number): LoopRecord => ({
  fingerprint: fingerprint('send-message', { content: 'hi' }),
  runs,
  lastScheduledAt: Date.UTC(2026, 11, 2, 9),
  lastOutcome: 'ok',
  actionState: { messageId: '1234' },
});

describe('the state format', () => {
  it('round-trips, with a version and readable times', () => {
    const text = serializeState({ post: record(3) });
    expect(JSON.parse(text)).toMatchObject({
      version: 1,
      loops: { post: { runs: 3, lastScheduledAt: '2026-12-02T09:00:00.000Z' } },
    });
    expect(parseState(text)).toEqual({ post: record(3) });
  });

  it('refuses what it cannot read as state rather than guessing', () => {
    expect(() => parseState('{"version": 2, "loops": {}}')).toThrow(/newer discloop/);
    expect(() => parseState('{"loops": {}}')).toThrow(StateFormatError);
    expect(() => parseState('{"version":1,"loops":{"a":{"runs":-1}}}')).toThrow(/loop "a"/);
    expect(() => parseState('{"version":1,')).toThrow(/not JSON/);
  });

  it('keys a loop by its action and options, not its schedule', () => {
    expect(fingerprint('send-message', { content: 'a' })).toBe(
      fingerprint('send-message', { content: 'a' }),
    );
    expect(fingerprint('send-message', { content: 'a' })).not.toBe(
      fingerprint('send-message', { content: 'b' }),
    );
  });
});

describe('the state file', () => {
  it('is written atomically after saves and read back on the next start', async () => {
    const store = await openStore();
    store.save('post', record(1));
    store.save('post', record(2));
    await store.close();
    open.length = 0;
    expect(await readdir(path.dirname(file))).toEqual(['state.json']);
    const again = await openStore();
    expect(again.get('post')).toEqual(record(2));
  });

  it('--fresh ignores what is stored', async () => {
    const store = await openStore();
    store.save('post', record(4));
    await store.close();
    open.length = 0;
    expect((await openStore(true)).get('post')).toBeUndefined();
  });

  it('refuses a second run on the same file, naming the pid that holds it', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      await (await openStore()).close();
      open.length = 0;
      await writeFile(`${file}.lock`, `${holder.pid}\n`);
      const failure = openStore();
      await expect(failure).rejects.toBeInstanceOf(UsageError);
      await expect(failure).rejects.toThrow(`Another discloop (pid ${holder.pid}) is running`);
    } finally {
      holder.kill();
    }
  });

  it('takes over the lock of a process that is gone (kill -9), and says so', async () => {
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => gone.on('exit', resolve));
    await (await openStore()).close();
    open.length = 0;
    await writeFile(`${file}.lock`, `${gone.pid}\n`);
    const store = await openStore();
    expect(store.get('post')).toBeUndefined();
    expect(notices).toEqual([expect.stringContaining(`from pid ${gone.pid}, which is gone`)]);
    expect((await readFile(`${file}.lock`, 'utf8')).trim()).toBe(String(process.pid));
  });

  it('keeps a corrupt file aside and refuses it with exit 2 and the --fresh hint', async () => {
    await (await openStore()).close();
    open.length = 0;
    await writeFile(file, '{"version":1,"loops":{"post":');
    const failure = openStore();
    await expect(failure).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining(`The state file ${file} cannot be read`),
      hint: expect.stringContaining('--fresh'),
    });
    const files = await readdir(path.dirname(file));
    const aside = files.find((f) => f.startsWith('state.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(await readFile(path.join(path.dirname(file), aside ?? ''), 'utf8')).toBe(
      '{"version":1,"loops":{"post":',
    );
    // The lock was let go: --fresh can start at once.
    expect((await openStore(true)).get('post')).toBeUndefined();
  });
});
