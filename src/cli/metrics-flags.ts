import { parseDuration } from '../config/durations.js';
import { UsageError } from '../errors.js';
import { type Listen, parseListen } from '../service/listen.js';

/** `run --metrics [host:]port --health-grace <duration>` as commander hands them over. */
export interface MetricsFlags {
  metrics?: string;
  healthGrace?: string;
}

export interface MetricsOptions {
  listen: Listen;
  healthGraceMs: number;
}

const DEFAULT_HEALTH_GRACE = '60s';

/**
 * SPEC §8: --metrics, else DISCLOOP_METRICS; none: no server. A value that is not a port or
 * host:port, or a grace that is not a positive duration, is a usage error (exit 2).
 */
export function metricsOptionsOf(
  flags: MetricsFlags,
  env: Record<string, string | undefined>,
): MetricsOptions | undefined {
  const grace = flags.healthGrace ?? DEFAULT_HEALTH_GRACE;
  const healthGraceMs = parseDuration(grace);
  if (healthGraceMs === undefined || healthGraceMs <= 0)
    throw new UsageError(
      `--health-grace expects a positive duration such as 60s or 2m, not ${JSON.stringify(grace)}.`,
    );
  const [value, source] =
    flags.metrics !== undefined
      ? [flags.metrics, '--metrics']
      : [env.DISCLOOP_METRICS || undefined, 'DISCLOOP_METRICS'];
  if (value === undefined) return undefined;
  const listen = parseListen(value);
  if (!listen)
    throw new UsageError(
      `${source} expects a port or host:port such as 9464 or 0.0.0.0:9464, not ${JSON.stringify(value)}.`,
    );
  return { listen, healthGraceMs };
}
