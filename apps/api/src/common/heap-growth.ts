/**
 * How far V8 lets the heap grow past what survived its last full collection (issue 18: the service under 250 MB
 * resident after the 9:00 rush).
 *
 * Under load most of what a request allocates is garbage a few milliseconds later, but with 200 requests in flight
 * much of it outlives a young-generation collection and is promoted. V8 then sizes the old generation for throughput,
 * up to several times what is live, and keeps those pages once the rush is over: measured after the mixed workload of
 * `npm run bench:api`, 103-133 MB of old generation held 53-58 MB of live objects, and the process stayed at 287-373
 * MB. With the old generation allowed 20 % above what is live, it stayed at 222-239 MB, at about the same requests
 * per CPU-second (README, "Throughput").
 *
 * `HEAP_GROWING_PERCENT` sets it (0: V8's own sizing). V8 reads the flag at each collection, so setting it once the
 * process runs takes effect from the next one; flags are per process, so the checkpoint worker's heap follows it too.
 */
import { setFlagsFromString } from 'node:v8';

export function limitHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${Math.round(percent)}`);
}
