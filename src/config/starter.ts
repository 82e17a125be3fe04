/** What `discloop init` writes: a config that validates as it is and teaches by its comments. */
export const STARTER_CONFIG = `# yaml-language-server: $schema=https://unpkg.com/discloop/schema.json
# discloop config. Check it with \`discloop validate\`, run it with \`discloop run\`.
# The bot token comes from DISCORD_TOKEN (never write it here).

# Default timezone of \`time\` and \`cron\` schedules (default: this machine's).
# timezone: Europe/Berlin

loops:
  # Every 10 seconds: who sits in which voice channel, in every guild of the bot.
  - name: voice-report
    action: list-voice
    seconds: 10           # or minutes / hours (they add up), every: 1h30m,
                          # time: "09:00" (or a list), cron: "*/5 * * * *"
    # count: 5            # stop after 5 runs
    # with:
    #   guild: My Server  # id or name, one or a list

  # Every day at 09:00: member counts.
  - name: member-counts
    action: member-count
    time: "09:00"
    # overlap: skip       # a run due while the last one is going: skip (default), wait, allow
    # onError: continue   # a failed run: continue (default) or stop this loop
    # timeout: 30s        # a run that takes longer fails
    # jitter: 10s         # start each run up to 10s late, to spread load
`;

/** The smallest useful config: what an empty file is shown as an example. */
export const MINIMAL_CONFIG = `loops:
  - name: voice-report
    action: list-voice
    seconds: 10
`;
