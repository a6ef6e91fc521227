-- One deployment per machine per boot from report-in, however often the agent retries
-- (a partial unique index, which schema.prisma cannot declare).
CREATE UNIQUE INDEX "deployments_one_report_per_boot" ON "deployments" ("machine_id", "boot_id") WHERE "trigger" = 'report';
