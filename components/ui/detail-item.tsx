import type { ReactNode } from "react";

const LABEL_WIDTH = { narrow: "grid-cols-[9rem_1fr]", medium: "grid-cols-[10rem_1fr]", wide: "grid-cols-[11rem_1fr]" } as const;

/** One row of a <dl>: a label and its value. */
export function DetailItem({ label, children, width = "medium" }: { label: string; children: ReactNode; width?: keyof typeof LABEL_WIDTH }) {
  return (
    <div className={`grid ${LABEL_WIDTH[width]} gap-2 py-1`}>
      <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}
