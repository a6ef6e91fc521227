-- CreateIndex
CREATE INDEX "deployments_queued_at_idx" ON "deployments"("queued_at");

-- CreateIndex
CREATE INDEX "machines_last_boot_at_idx" ON "machines"("last_boot_at");
