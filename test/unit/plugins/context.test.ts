import { describe, expect, it } from 'vitest';
import { ActionError } from '../../../src/errors.js';
import { pluginContext } from '../../../src/plugins/context.js';
import { dataContext } from '../../helpers/data-port.js';

const base = () => dataContext([{ id: '1', name: 'Alpha Guild', channels: [] }], 3);

describe("a plugin run's context", () => {
  it('has the loop, its slot (now when the engine gives none) and the same state object', () => {
    const engine = base();
    const ctx = pluginContext(engine);
    expect(ctx.loop).toEqual({ name: 'test', iteration: 3, scheduledAt: engine.now });
    expect(ctx.state).toBe(engine.state);
    const slot = engine.now - 50;
    const scheduled = pluginContext({ ...engine, loop: { ...engine.loop, scheduledAt: slot } });
    expect(scheduled.loop.scheduledAt).toBe(slot);
  });

  it("logs through the engine's log", () => {
    const lines: string[] = [];
    const log = {
      info: (m: string) => lines.push(`i ${m}`),
      warn: (m: string) => lines.push(`w ${m}`),
    };
    const ctx = pluginContext({ ...base(), log });
    ctx.log.info('one');
    ctx.log.warn('two');
    expect(lines).toEqual(['i one', 'w two']);
  });

  it('renders templates like the built-ins, guild placeholders with a guild', async () => {
    const ctx = pluginContext(base());
    expect(await ctx.render('{loop.name} #{loop.iteration} at {now}')).toBe(
      'test #3 at 2026-11-24 18:30',
    );
    expect(await ctx.render('{guild.name}: {bot.guildCount}', 'Alpha Guild')).toBe(
      'Alpha Guild: 1',
    );
  });

  it('fails the run on an unknown placeholder or guild, naming it', async () => {
    const ctx = pluginContext(base());
    await expect(ctx.render('{loop.nmae}')).rejects.toThrow(
      /Template "\{loop.nmae\}": unknown placeholder \{loop.nmae\}: did you mean \{loop.name\}\?/,
    );
    await expect(ctx.render('{guild.name}')).rejects.toThrow(ActionError);
    await expect(ctx.render('{guild.name}', 'Nope')).rejects.toMatchObject({
      code: 'unknown_guild',
    });
  });
});
