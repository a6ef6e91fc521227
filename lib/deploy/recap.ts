export interface Recap {
  ok: number;
  changed: number;
  unreachable: number;
  failed: number;
  skipped: number;
  rescued: number;
  ignored: number;
}

const LINE = /^(\S+)\s+:\s+((?:\w+=\d+\s*)+)$/;

/** Sums ansible-playbook's PLAY RECAP lines; null when the output has none. */
export function parseRecap(output: string): Recap | null {
  const start = output.lastIndexOf("PLAY RECAP");
  if (start === -1) return null;
  const recap: Recap = { ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 };
  let hosts = 0;
  for (const line of output.slice(start).split("\n").slice(1)) {
    const m = LINE.exec(line.trim());
    if (!m) continue;
    hosts++;
    for (const pair of m[2].trim().split(/\s+/)) {
      const [key, value] = pair.split("=");
      if (key in recap) recap[key as keyof Recap] += Number(value);
    }
  }
  return hosts ? recap : null;
}
