"use client";

import { useEffect, useRef, useState } from "react";
import type { RolloutPlan } from "@/lib/rollouts/mutations";

export type PreviewAnswer = { ok: true; plan: RolloutPlan } | { ok: false; message: string; fieldErrors: Record<string, string> };
export type PreviewAction = (fd: FormData) => Promise<PreviewAnswer>;

const DEBOUNCE_MS = 400;
const SELECTION = ["role", "rack", "tag", "machines"];

/** The form's content as a string: two equal keys mean the same rollout. */
function keyOf(fd: FormData): string {
  return JSON.stringify([...fd.entries()].filter(([k]) => k !== "requestKey" && !k.startsWith("$ACTION")).map(([k, v]) => [k, String(v).trim()]));
}

/**
 * A dry run of the form ~400 ms after its last change (or at once on request). Answers can
 * arrive out of order; only the one for the form as it is now counts, and `current` says
 * whether the shown answer is for the form as it is now (nothing is started on an older one).
 */
export function useRolloutPreview(preview: PreviewAction, form: React.RefObject<HTMLFormElement | null>) {
  const [formKey, setFormKey] = useState("");
  const [hasSelection, setHasSelection] = useState(false);
  const [answer, setAnswer] = useState<{ key: string; value: PreviewAnswer } | null>(null);
  const asked = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  function run(delay: number) {
    if (!form.current) return;
    const fd = new FormData(form.current);
    const key = keyOf(fd);
    const selected = SELECTION.some((name) => String(fd.get(name) ?? "").trim() !== "");
    setFormKey(key);
    setHasSelection(selected);
    clearTimeout(timer.current);
    if (!selected) return;
    timer.current = setTimeout(async () => {
      const id = ++asked.current;
      const value = await preview(fd).catch((): PreviewAnswer => ({ ok: false, message: "The preview could not be loaded; try again.", fieldErrors: {} }));
      if (id === asked.current) setAnswer({ key, value });
    }, delay);
  }

  // A prefilled form shows its plan at once (once the form is in the page).
  useEffect(() => {
    const first = setTimeout(() => run(0), 0);
    return () => {
      clearTimeout(first);
      clearTimeout(timer.current);
    };
    // Once per form load: later changes call `changed`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const current = !!answer && answer.key === formKey;
  return {
    /** The latest answer (possibly for an older form: see `current`). */
    answer: hasSelection ? (answer?.value ?? null) : null,
    current: hasSelection && current,
    hasSelection,
    changed: () => run(DEBOUNCE_MS),
    now: () => run(0),
  };
}
