-- doc/roles.sql: the roles of a sumaho installation on PostgreSQL. Run it as a superuser in the
-- sumaho database after `sumaho init` made the schema (psql -v ON_ERROR_STOP=1 -d sumaho -f
-- doc/roles.sql), and again after an upgrade adds tables. Give the login roles passwords in
-- ~/.pgpass or PGPASSWORD on the terminals, never in sumaho's configuration.
--
--   sumaho_owner  owns the schema: sumaho init, upgrades, copy --to, backup (pg_dump).
--   sumaho_staff  the reception terminals: reads and writes the data, never the schema.
--   sumaho_kiosk  the lobby kiosk: reads only what the kiosk shows. No resident's record, no
--                 audit log, nothing that ties a row to a resident, no staff account (the
--                 server checks the exit's PIN). Its guard is the server's own.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sumaho_owner') THEN
    CREATE ROLE sumaho_owner LOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sumaho_staff') THEN
    CREATE ROLE sumaho_staff LOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sumaho_kiosk') THEN
    CREATE ROLE sumaho_kiosk LOGIN; END IF;
END $$;

ALTER SCHEMA sumaho OWNER TO sumaho_owner;
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'sumaho' LOOP
    EXECUTE format('ALTER TABLE sumaho.%I OWNER TO sumaho_owner', r.tablename); END LOOP;
END $$;

-- Nobody else may create anything in the schema.
REVOKE ALL ON SCHEMA sumaho FROM PUBLIC;
GRANT USAGE ON SCHEMA sumaho TO sumaho_staff, sumaho_kiosk;

-- Reception: the data, not the schema.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA sumaho TO sumaho_staff;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA sumaho TO sumaho_staff;

-- The kiosk: the classes, their sessions and seats, the free consultation times.
REVOKE ALL ON ALL TABLES IN SCHEMA sumaho FROM sumaho_kiosk;
GRANT SELECT ON sumaho.venues, sumaho.courses, sumaho.offerings, sumaho.sessions, sumaho.counters,
  sumaho.consultation_slots, sumaho.closures, sumaho.slot_templates, sumaho.lottery_rounds,
  sumaho.lottery_round_offerings, sumaho.lottery_round_sessions, sumaho.schema_version
  TO sumaho_kiosk;
-- Applications, bookings and the roll are counted, never tied to a person.
GRANT SELECT (id, offering_id, channel, choice, applied_at, status, duplicate_of,
  waiting_position, session_id, confirmed_at) ON sumaho.applications TO sumaho_kiosk;
GRANT SELECT (id, slot_id, status, walk_in, booked_at, sequence, updated_at)
  ON sumaho.bookings TO sumaho_kiosk;
GRANT SELECT (session_id, status, substitute, recorded_at) ON sumaho.attendance TO sumaho_kiosk;
-- Leaving the kiosk takes a staff member's PIN, which the server checks (staff_pin_check runs
-- as the owner and answers only whether it is right): the kiosk reads no staff account. The
-- PIN is a parameter of that call: the kiosk's statements are never logged with theirs.
GRANT EXECUTE ON FUNCTION sumaho.staff_pin_check(text, text, text) TO sumaho_kiosk;
ALTER FUNCTION sumaho.staff_pin_check(text, text, text) OWNER TO sumaho_owner;
ALTER ROLE sumaho_kiosk SET log_parameter_max_length = 0;
ALTER ROLE sumaho_kiosk SET log_parameter_max_length_on_error = 0;
