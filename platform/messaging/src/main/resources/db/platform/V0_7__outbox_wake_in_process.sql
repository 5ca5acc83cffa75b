-- Issue 20: the relay is woken in-process once a transaction that appended outbox rows has committed (Outbox and
-- AfterCommit in platform/messaging). The V0_2 trigger's pg_notify took PostgreSQL's cluster-wide notify lock in every
-- such commit and held it through the WAL flush, so those commits queued behind each other across all four
-- databases. The relay's 50 ms timer stays as the safety net for rows written without the hook.
DROP TRIGGER IF EXISTS outbox_event_notify ON outbox_event;
DROP FUNCTION IF EXISTS payguard_outbox_notify();
