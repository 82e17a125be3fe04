/**
 * The little language in which each action declares its options. From it come the CLI flags
 * of `discloop <action>`, the `with:` part of the config schema and the docs table, so an
 * option is declared once. Kept free of zod: the ad hoc commands must start fast.
 */
export type OptionSpec =
  | { kind: 'targets'; description: string; required?: boolean }
  | { kind: 'boolean'; description: string }
  | { kind: 'string'; description: string; required?: boolean };

export type OptionsSpec = Record<string, OptionSpec>;

type ValueOf<S extends OptionSpec> = S extends { kind: 'targets' }
  ? string[]
  : S extends { kind: 'boolean' }
    ? boolean
    : string;

type IsRequired<S extends OptionSpec> = S extends { required: true } ? true : false;

/** The options an action receives: targets normalised to lists, booleans defaulting to false. */
export type OptionValues<S extends OptionsSpec> = {
  [K in keyof S as IsRequired<S[K]> extends true
    ? K
    : S[K] extends { kind: 'boolean' }
      ? K
      : never]: ValueOf<S[K]>;
} & {
  [K in keyof S as IsRequired<S[K]> extends true
    ? never
    : S[K] extends { kind: 'boolean' }
      ? never
      : K]?: ValueOf<S[K]>;
};

/** Turns raw values (from flags or config) into the shape an action receives. */
export function normaliseOptions(
  spec: OptionsSpec,
  raw: Record<string, unknown>,
): OptionValues<OptionsSpec> {
  const values: Record<string, string | boolean | string[]> = {};
  for (const [name, option] of Object.entries(spec)) {
    const value = raw[name];
    if (option.kind === 'boolean') values[name] = value === true;
    else if (value === undefined) continue;
    else if (option.kind === 'targets')
      values[name] = (Array.isArray(value) ? value : [value]).map(String);
    else values[name] = String(value);
  }
  return values;
}
