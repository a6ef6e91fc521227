-- The attempt number of a machine's last boot script, kept on the machine row by the write
-- that serves the script: the boot path no longer reads it back from the machine's recent
-- events, a subquery whose plan depended on the events table's statistics.
ALTER TABLE "machines" ADD COLUMN     "boot_attempt" INTEGER;

-- Machines in the middle of a boot keep counting from their last script.
UPDATE "machines" m SET "boot_attempt" = (
  SELECT (e.payload->>'attempt')::int FROM "events" e
  WHERE e.machine_id = m.id AND e.kind = 'boot.script_served' AND jsonb_typeof(e.payload->'attempt') = 'number'
  ORDER BY e.id DESC LIMIT 1
) WHERE m.state = 'booting';
