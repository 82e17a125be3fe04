import type { ReportEvent } from '../output/events.js';
import { OUTCOMES, type Outcome, outcomeOf } from './monitor-state.js';

const RUNS = 'discloop_runs_total';
const LATENESS = 'discloop_run_lateness_seconds';
const DURATION = 'discloop_run_duration_seconds';
const SKIPS = 'discloop_skips_total';
const LAST_SUCCESS = 'discloop_last_success_timestamp_seconds';

/**
 * The families with a `loop` label, in the order /metrics lists them, each with the aggregator
 * prom-client's cluster support asks for. Under `run --processes` each child's samples carry its
 * `shards` label, so two children's never meet and the aggregator is not used to merge them.
 */
const FAMILIES = [
  {
    name: RUNS,
    type: 'counter',
    help: 'Runs finished, by loop, action and outcome (ok, failed, or unknown: cut off after a request may have reached Discord).',
    aggregator: 'sum',
  },
  {
    name: LATENESS,
    type: 'histogram',
    help: 'How long after its scheduled time a run started.',
    aggregator: 'sum',
  },
  {
    name: DURATION,
    type: 'histogram',
    help: 'How long a run took, from its start to its end.',
    aggregator: 'sum',
  },
  {
    name: SKIPS,
    type: 'counter',
    help: 'Slots skipped: the previous run was still going (overlap), the process was busy or paused (missed), or discloop was down (downtime).',
    aggregator: 'sum',
  },
  {
    name: LAST_SUCCESS,
    type: 'gauge',
    help: 'When the loop last finished a successful run (Unix time).',
    aggregator: 'max',
  },
] as const;

/** One sample as prom-client's `getMetricsAsJSON` gives it: label values unescaped. */
export interface SampleJson {
  value: number;
  labels: Record<string, string>;
  /** For a histogram's samples: `…_bucket`, `…_sum`, `…_count`. */
  metricName?: string;
}

/** One family as prom-client's `getMetricsAsJSON` gives it, for its cluster aggregation. */
export interface FamilyJson {
  name: string;
  help: string;
  type: (typeof FAMILIES)[number]['type'];
  aggregator: (typeof FAMILIES)[number]['aggregator'];
  values: SampleJson[];
}

/** Each family's HELP and TYPE, after a blank line as prom-client separates them. */
const FAMILY_HEADS = FAMILIES.map(({ name, type, help }) =>
  Buffer.from(`\n# HELP ${name} ${help}\n# TYPE ${name} ${type}\n`),
);

/**
 * Lateness is usually a few milliseconds (BENCHMARKS.md); a catch-up run, a slot missed while
 * discloop was down, is hours late. Ten buckets or fewer each: a thousand loops already make
 * some 30,000 samples.
 */
const LATENESS_BUCKETS = [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 300];
const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120];
const SKIP_REASONS = ['overlap', 'missed', 'downtime'] as const;

/** A label value in the text format: backslash, double quote and line feed escaped. */
export const labelValue = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

interface Histogram {
  /** Observations per bucket, not cumulative; one more for +Inf. */
  counts: number[];
  sum: number;
}

const histogram = (bounds: readonly number[]): Histogram => ({
  counts: new Array(bounds.length + 1).fill(0),
  sum: 0,
});

function observe(h: Histogram, bounds: readonly number[], value: number) {
  let i = 0;
  while (i < bounds.length && value > (bounds[i] as number)) i++;
  h.counts[i] = (h.counts[i] ?? 0) + 1;
  h.sum += value;
}

/** `name_bucket{le="0.5",loop="` for each bound and +Inf: made once, not per loop and scrape. */
const bucketHeads = (name: string, bounds: readonly number[]) =>
  [...bounds.map(String), '+Inf'].map((le) => `${name}_bucket{le="${le}",loop="`);
const LATENESS_HEADS = bucketHeads(LATENESS, LATENESS_BUCKETS);
const DURATION_HEADS = bucketHeads(DURATION, DURATION_BUCKETS);

/** Plain loops and `+=`: this runs for each loop that changed, at each scrape. */
function histogramText(name: string, heads: readonly string[], h: Histogram, loop: string) {
  let text = '';
  let cumulative = 0;
  for (let i = 0; i < heads.length; i++) {
    cumulative += h.counts[i] ?? 0;
    text += `${heads[i]}${loop}"} ${cumulative}\n`;
  }
  return `${text}${name}_sum{loop="${loop}"} ${h.sum}\n${name}_count{loop="${loop}"} ${cumulative}\n`;
}

interface LoopData {
  name: string;
  /** The label value, escaped once. */
  loop: string;
  /** By action. */
  runs: Map<string, Record<Outcome, number>>;
  lateness: Histogram;
  duration: Histogram;
  skips: Record<(typeof SKIP_REASONS)[number], number>;
  lastSuccess: number | undefined;
  /** Its samples of each family, as bytes to send, until its next event. */
  bytes: Buffer[] | undefined;
}

/** The loop's samples of each of FAMILIES, in order, each line ending in \n; '' where none. */
function render(data: LoopData): Buffer[] {
  const { loop } = data;
  let runs = '';
  for (const [action, counts] of data.runs) {
    const head = `${RUNS}{loop="${loop}",action="${labelValue(action)}",outcome="`;
    for (const outcome of OUTCOMES) runs += `${head}${outcome}"} ${counts[outcome]}\n`;
  }
  let skips = '';
  for (const reason of SKIP_REASONS)
    skips += `${SKIPS}{loop="${loop}",reason="${reason}"} ${data.skips[reason]}\n`;
  return [
    runs,
    histogramText(LATENESS, LATENESS_HEADS, data.lateness, loop),
    histogramText(DURATION, DURATION_HEADS, data.duration, loop),
    skips,
    data.lastSuccess === undefined ? '' : `${LAST_SUCCESS}{loop="${loop}"} ${data.lastSuccess}\n`,
  ].map((text) => Buffer.from(text));
}

export interface LoopSeries {
  /** Makes a loop's series exist (at 0) before its first run, so rate() works from the start. */
  declare(loop: string, action: string | undefined): void;
  observe(event: Extract<ReportEvent, { type: 'run' | 'skip' }>): void;
  /** Every family with its HELP and TYPE, each loop's samples under it, as UTF-8. */
  bytes(): Buffer;
  /** The same as prom-client's JSON, for `run --processes` (slower: a scrape of children only). */
  json(): FamilyJson[];
}

/**
 * The series labelled by loop: runs, lateness, duration, skips, last success. These are most of
 * /metrics (some 32 samples a loop), so they are kept as plain counts and rendered here, each
 * loop's text kept until its next event: with a thousand loops a scrape costs a few
 * milliseconds, where prom-client's own histograms took 70 ms and more (BENCHMARKS.md).
 * prom-client serves everything else.
 */
export function createLoopSeries(): LoopSeries {
  const loops = new Map<string, LoopData>();
  let whole: Buffer | undefined;

  const dataOf = (loop: string) => {
    let data = loops.get(loop);
    if (!data) {
      data = {
        name: loop,
        loop: labelValue(loop),
        runs: new Map(),
        lateness: histogram(LATENESS_BUCKETS),
        duration: histogram(DURATION_BUCKETS),
        skips: { overlap: 0, missed: 0, downtime: 0 },
        lastSuccess: undefined,
        bytes: undefined,
      };
      loops.set(loop, data);
    }
    data.bytes = undefined;
    whole = undefined;
    return data;
  };
  const runsOf = (data: LoopData, action: string) => {
    let counts = data.runs.get(action);
    if (!counts) {
      counts = { ok: 0, failed: 0, unknown: 0 };
      data.runs.set(action, counts);
    }
    return counts;
  };

  return {
    declare(loop, action) {
      const data = dataOf(loop);
      if (action !== undefined) runsOf(data, action);
    },
    observe(event) {
      const data = dataOf(event.loop);
      if (event.type === 'skip') {
        data.skips[event.reason] += event.ticks;
        return;
      }
      runsOf(data, event.action)[outcomeOf(event)] += 1;
      observe(
        data.lateness,
        LATENESS_BUCKETS,
        Math.max(0, event.startedAt - event.scheduledAt) / 1000,
      );
      observe(
        data.duration,
        DURATION_BUCKETS,
        Math.max(0, event.finishedAt - event.startedAt) / 1000,
      );
      if (event.ok) data.lastSuccess = event.finishedAt / 1000;
    },
    bytes() {
      if (whole !== undefined) return whole;
      const rendered = [...loops.values()].map((data) => {
        data.bytes ??= render(data);
        return data.bytes;
      });
      // Pieces, joined once: no 2 MB string is built, flattened and encoded at each scrape.
      const pieces: Buffer[] = [];
      for (const [i, head] of FAMILY_HEADS.entries()) {
        const samples = rendered.flatMap((bytes) => {
          const mine = bytes[i];
          return mine && mine.length > 0 ? [mine] : [];
        });
        // A family no loop has a sample of yet (no success so far) is left out, header and all.
        if (samples.length > 0) pieces.push(head, ...samples);
      }
      whole = Buffer.concat(pieces);
      return whole;
    },
    json() {
      const families = FAMILIES.map((family) => ({ ...family, values: [] as SampleJson[] }));
      for (const data of loops.values())
        for (const [i, samples] of samplesJson(data).entries())
          families[i]?.values.push(...samples);
      return families.filter((family) => family.values.length > 0);
    },
  };
}

/** A loop's samples of each of FAMILIES, in order, as prom-client's JSON. */
function samplesJson(data: LoopData): SampleJson[][] {
  const loop = data.name;
  const runs = [...data.runs].flatMap(([action, counts]) =>
    OUTCOMES.map((outcome) => ({ value: counts[outcome], labels: { loop, action, outcome } })),
  );
  const skips = SKIP_REASONS.map((reason) => ({
    value: data.skips[reason],
    labels: { loop, reason },
  }));
  return [
    runs,
    histogramJson(LATENESS, LATENESS_BUCKETS, data.lateness, loop),
    histogramJson(DURATION, DURATION_BUCKETS, data.duration, loop),
    skips,
    data.lastSuccess === undefined ? [] : [{ value: data.lastSuccess, labels: { loop } }],
  ];
}

function histogramJson(name: string, bounds: readonly number[], h: Histogram, loop: string) {
  let cumulative = 0;
  const buckets = [...bounds.map(String), '+Inf'].map((le, i) => {
    cumulative += h.counts[i] ?? 0;
    return { value: cumulative, labels: { le, loop }, metricName: `${name}_bucket` };
  });
  return [
    ...buckets,
    { value: h.sum, labels: { loop }, metricName: `${name}_sum` },
    { value: cumulative, labels: { loop }, metricName: `${name}_count` },
  ];
}
