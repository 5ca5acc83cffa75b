-- Wake the outbox relay as soon as a transaction that wrote outbox rows commits (NOTIFY is delivered on
-- commit only, and identical notifications in one transaction are folded into one). The relay still polls
-- as a safety net.
CREATE FUNCTION payguard_outbox_notify() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('payguard_outbox', '');
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER outbox_event_notify AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION payguard_outbox_notify();
