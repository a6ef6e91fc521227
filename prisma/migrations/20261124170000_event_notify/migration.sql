-- Every committed insert into events wakes the consoles' LISTEN connections. One
-- notification per statement (and PostgreSQL folds identical ones within a transaction):
-- listeners read the rows themselves, in id order.
CREATE FUNCTION fleetboot_notify_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('fleetboot_events', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER events_notify AFTER INSERT ON events
  FOR EACH STATEMENT EXECUTE FUNCTION fleetboot_notify_events();
