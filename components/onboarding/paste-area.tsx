"use client";

import { useRef, useState, type DragEvent, type KeyboardEvent } from "react";
import { TextAreaField } from "@/components/ui/field";

const HINT =
  "A MAC, then optionally hostname and IP, separated by spaces, commas, semicolons or tabs; any MAC notation. " +
  "A header row (mac,hostname,ip,role,rack,bmc) names the columns. Lines starting with # are ignored.";

/** The paste box; a CSV/TSV file can be dropped onto it or chosen instead. */
export function PasteArea({
  value,
  onChange,
  onSubmitShortcut,
  error,
}: {
  value: string;
  onChange: (text: string) => void;
  onSubmitShortcut: () => void;
  error?: string;
}) {
  const [dragging, setDragging] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  async function load(file: File | undefined) {
    if (!file) return;
    setFileError(null);
    if (file.size > 2 * 1024 * 1024) return setFileError(`${file.name} is larger than 2 MB; import it in parts`);
    onChange(await file.text());
  }

  function drop(e: DragEvent<HTMLTextAreaElement>) {
    // Dropped text goes in as usual; only files are read here.
    if (!e.dataTransfer.files.length) return;
    e.preventDefault();
    setDragging(false);
    void load(e.dataTransfer.files[0]);
  }

  function keyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      onSubmitShortcut();
    }
  }

  return (
    <div className="space-y-2">
      <div className={dragging ? "rounded ring-2 ring-sky-500" : undefined}>
        <TextAreaField
          name="text"
          label="Machines, one per line"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={keyDown}
          onDragOver={(e) => {
            if (e.dataTransfer.types.includes("Files")) {
              e.preventDefault();
              setDragging(true);
            }
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={drop}
          rows={12}
          spellCheck={false}
          autoComplete="off"
          placeholder={"For example, one MAC per line, with a hostname and an IP if you like:\n52:54:00:12:34:56\n52-54-00-12-34-57  storage-r01-30  10.20.1.60\nor a CSV with a header row: mac,hostname,ip,rack"}
          error={error ?? fileError ?? undefined}
          hint={HINT}
        />
      </div>
      <div className="flex items-center gap-2 text-sm">
        <input
          ref={fileInput}
          id="f-file"
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
          className="peer sr-only"
          onChange={(e) => {
            void load(e.target.files?.[0]);
            e.target.value = "";
          }}
        />
        <label htmlFor="f-file" className="cursor-pointer rounded border border-zinc-300 px-2 py-1 peer-focus-visible:outline-2 peer-focus-visible:outline-sky-500 hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800">
          Load a CSV file…
        </label>
        <span className="text-xs text-zinc-500 dark:text-zinc-400">or drop one onto the box. Ctrl+Enter adds the machines when every line is ready.</span>
      </div>
    </div>
  );
}
