-- DropIndex
DROP INDEX "machines_hostname_trgm";

-- CreateTable
CREATE TABLE "machine_names" (
    "machine_id" UUID NOT NULL,
    "hostname" TEXT NOT NULL,

    CONSTRAINT "machine_names_pkey" PRIMARY KEY ("machine_id")
);

-- CreateIndex
CREATE INDEX "machine_names_hostname_trgm" ON "machine_names" USING GIN ("hostname" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "machine_names" ADD CONSTRAINT "machine_names_machine_id_fkey" FOREIGN KEY ("machine_id") REFERENCES "machines"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Kept in step with machines.hostname by a trigger (the application never writes it).
INSERT INTO "machine_names" ("machine_id", "hostname") SELECT "id", "hostname" FROM "machines";

CREATE FUNCTION fleetboot_machine_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO machine_names (machine_id, hostname) VALUES (NEW.id, NEW.hostname)
  ON CONFLICT (machine_id) DO UPDATE SET hostname = EXCLUDED.hostname;
  RETURN NULL;
END
$$;

CREATE TRIGGER machines_name AFTER INSERT OR UPDATE OF hostname ON machines
  FOR EACH ROW EXECUTE FUNCTION fleetboot_machine_name();
