// Reads a console event stream the way a browser's EventSource does, for benchmarks: calls
// `onData` with each event's `data:` text until the stream ends or `signal` aborts.
export async function readEventStream(url: string, headers: Record<string, string>, signal: AbortSignal, onData: (data: string) => void): Promise<void> {
  try {
    const res = await fetch(url, { headers, signal });
    const decoder = new TextDecoder();
    let buf = "";
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buf += decoder.decode(chunk, { stream: true });
      for (let cut = buf.indexOf("\n\n"); cut !== -1; cut = buf.indexOf("\n\n")) {
        const data = buf.slice(0, cut).split("\n").find((l) => l.startsWith("data: "));
        buf = buf.slice(cut + 2);
        if (data) onData(data.slice(6));
      }
    }
  } catch {
    // aborted
  }
}
