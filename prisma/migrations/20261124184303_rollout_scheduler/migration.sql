-- AlterTable
ALTER TABLE "rollout_steps" ADD COLUMN     "active" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "intent_at" TIMESTAMPTZ(3),
ADD COLUMN     "method" "BmcType",
ADD COLUMN     "note" TEXT;

-- AlterTable
ALTER TABLE "rollouts" ADD COLUMN     "canary_approved_at" TIMESTAMPTZ(3),
ADD COLUMN     "canary_approved_by" TEXT,
ADD COLUMN     "canary_size" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "excluded" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "failures_accepted" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "power_order" "BmcType"[] DEFAULT ARRAY[]::"BmcType"[],
ADD COLUMN     "request_key" TEXT,
ADD COLUMN     "wait_reason" TEXT,
ADD COLUMN     "window_end" TEXT,
ADD COLUMN     "window_start" TEXT,
ADD COLUMN     "window_timezone" TEXT NOT NULL DEFAULT 'UTC';

-- CreateIndex
CREATE UNIQUE INDEX "rollouts_request_key_key" ON "rollouts"("request_key");

-- A machine is in at most one running or paused rollout, whatever the application does
-- (a partial unique index, which schema.prisma cannot declare).
CREATE UNIQUE INDEX "rollout_steps_one_active_per_machine" ON "rollout_steps" ("machine_id") WHERE "active";

ALTER TABLE "rollouts" ADD CONSTRAINT "rollouts_window_both_or_neither" CHECK (("window_start" IS NULL) = ("window_end" IS NULL));
ALTER TABLE "rollouts" ADD CONSTRAINT "rollouts_window_format" CHECK ("window_start" IS NULL OR ("window_start" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND "window_end" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'));
ALTER TABLE "rollouts" ADD CONSTRAINT "rollouts_canary_size_positive" CHECK ("canary_size" >= 1);
