import Link from "next/link";

/** The unknown-MAC inbox, where machines that already tried to boot wait to be added. */
export function InboxNotice({ count }: { count: number }) {
  return (
    <p className="flex flex-wrap items-center gap-2 rounded border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm dark:border-zinc-800 dark:bg-zinc-900">
      <span className={`inline-flex min-w-6 justify-center rounded-full px-1.5 text-xs font-semibold ${count ? "bg-amber-200 text-amber-900 dark:bg-amber-800 dark:text-amber-100" : "bg-zinc-200 text-zinc-700 dark:bg-zinc-700 dark:text-zinc-200"}`}>
        {count.toLocaleString("en")}
      </span>
      {count ? (
        <span>
          unknown MAC{count === 1 ? "" : "s"} asked to boot.{" "}
          <Link href="/machines/unknown" className="text-sky-700 hover:underline dark:text-sky-400">Review the inbox</Link> to add {count === 1 ? "it" : "them"} here.
        </span>
      ) : (
        <span className="text-zinc-600 dark:text-zinc-400">
          unknown MACs in the <Link href="/machines/unknown" className="text-sky-700 hover:underline dark:text-sky-400">inbox</Link>: every machine that asked to boot is registered.
        </span>
      )}
    </p>
  );
}
