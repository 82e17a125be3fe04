import { describe, expect, it } from 'vitest';
import { mapLoginFailure } from '../../../src/connection/login-errors.js';
import { IntentsRefusedError } from '../../../src/errors.js';

const closed = (code: number) => new Error(`gateway closed with ${code}`);

describe('a 4014 from Discord', () => {
  it('names the privileged intent, the loops that need it and the switch to turn on', () => {
    const error = mapLoginFailure(closed(4014), 4014, ['Guilds', 'GuildPresences'], {
      GuildPresences: ['online-count'],
    });
    expect(error).toBeInstanceOf(IntentsRefusedError);
    expect(error?.message).toContain('GuildPresences (needed by online-count)');
    expect((error as IntentsRefusedError).hint).toContain('Turn on "Presence Intent"');
  });

  it('says plainly that the intents were refused when none of them is privileged, with no blanks', () => {
    const error = mapLoginFailure(closed(4014), 4014, ['Guilds', 'GuildVoiceStates'], {});
    const text = `${error?.message} ${(error as IntentsRefusedError).hint}`;
    expect(error?.message).toContain(
      'refused the gateway intents this session asked for (Guilds, GuildVoiceStates',
    );
    expect(text).not.toMatch(/ : |Turn on {2}|Turn on in|intents? :/);
    expect((error as IntentsRefusedError).exitCode).toBe(4);
  });
});
