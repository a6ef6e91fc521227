"use client";

import { useEffect, useRef, useState } from "react";
import type { ImportResult } from "@/lib/onboarding/schema";
import type { DefaultsValue } from "./defaults-fields";

export type ImportAction = (input: { text: string; defaults: DefaultsValue }) => Promise<
  { ok: true; result: ImportResult } | { ok: false; error: string; fieldErrors?: Record<string, string> }
>;

interface Answer {
  key: string;
  result: ImportResult | null;
  error: string | null;
  fieldErrors: Record<string, string>;
}

const DEBOUNCE_MS = 300;

/**
 * A dry run of the paste ~300 ms after the last keystroke. Answers can arrive out of
 * order; only the one for the latest input counts, and `stale` says the shown one is
 * for older input (so nothing is committed on the strength of it).
 */
export function useImportPreview(preview: ImportAction, text: string, defaults: DefaultsValue) {
  const key = JSON.stringify([text, defaults]);
  const [answer, setAnswer] = useState<Answer>({ key: "", result: null, error: null, fieldErrors: {} });
  const asked = useRef(0);
  const empty = text.trim() === "";

  useEffect(() => {
    if (empty) return;
    const timer = setTimeout(async () => {
      const id = ++asked.current;
      const r = await preview({ text, defaults }).catch(() => ({ ok: false as const, error: "The preview could not be loaded. If the paste is very large, import it in parts." }));
      if (id !== asked.current) return;
      setAnswer(r.ok ? { key, result: r.result, error: null, fieldErrors: {} } : { key, result: null, error: r.error, fieldErrors: ("fieldErrors" in r && r.fieldErrors) || {} });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // `key` stands for text and defaults.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, empty, preview]);

  /** Shows an answer obtained otherwise (a refused commit) for the current input. */
  const show = (result: ImportResult) => {
    asked.current++;
    setAnswer({ key, result, error: null, fieldErrors: {} });
  };

  if (empty) return { result: null, error: null, fieldErrors: {}, stale: false, show };
  const stale = answer.key !== key;
  return { result: answer.result, error: answer.error, fieldErrors: answer.fieldErrors, stale, show };
}
