/** Runs `fn` `warmup` times unmeasured, then `runs` times; returns the median and p95 in ms. */
export async function measure(fn: () => Promise<unknown>, runs = 30, warmup = 3): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))] * 100) / 100;
  return { median: at(0.5), p95: at(0.95) };
}
