/** NDJSON lines of `discloop --json`, parsed. */
export interface JsonRun {
  type: 'run';
  loop: string;
  iteration: number;
  ok: boolean;
  data?: {
    guilds: { name: string; channels: { name: string; members: { displayName: string }[] }[] }[];
  };
  error?: { code: string; message: string };
}

export const parseLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { type: string } & Record<string, unknown>);

/** `{ General: ['Alice', 'Bobby'], … }` for one guild of a list-voice run: easy to compare. */
export function voiceOf(run: JsonRun, guild: string): Record<string, string[]> {
  const found = run.data?.guilds.find((g) => g.name === guild);
  return Object.fromEntries(
    (found?.channels ?? []).map((c) => [c.name, c.members.map((m) => m.displayName)]),
  );
}
