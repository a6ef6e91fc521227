import type { ReactNode } from "react";
import { Button } from "./button";

/** A question in place, with the action that answers yes and the way back. */
export function ConfirmInline({
  question,
  confirm,
  pendingLabel,
  back,
  pending,
  variant = "danger",
  onConfirm,
  onBack,
}: {
  question: ReactNode;
  confirm: string;
  pendingLabel: string;
  back: string;
  pending: boolean;
  variant?: "primary" | "danger";
  onConfirm: () => void;
  onBack: () => void;
}) {
  return (
    <>
      <span className="text-sm">{question}</span>
      <Button variant={variant} disabled={pending} onClick={onConfirm}>
        {pending ? pendingLabel : confirm}
      </Button>
      <Button variant="secondary" disabled={pending} onClick={onBack}>
        {back}
      </Button>
    </>
  );
}
