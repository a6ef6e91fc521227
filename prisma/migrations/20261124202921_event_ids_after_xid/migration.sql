-- Event ids come from events_id_seq, but only after the inserting transaction has an xid.
-- A statement may take a sequence value before its transaction is assigned an xid (the
-- first row it writes assigns one). A live stream that sees id 42 committed and 41
-- missing records the snapshot's xmax and waits for every transaction below it to end
-- before treating 41 as rolled back; a transaction that took 41 first and got its xid
-- only afterwards would be above that xmax, and its event would be skipped for good.
-- Assigning the xid first closes that window.
CREATE FUNCTION fleetboot_next_event_id() RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_current_xact_id();
  RETURN nextval('events_id_seq');
END
$$;

ALTER TABLE "events" ALTER COLUMN "id" SET DEFAULT fleetboot_next_event_id();
ALTER SEQUENCE "events_id_seq" OWNED BY NONE;
