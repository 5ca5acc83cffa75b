-- The foreign key audit_checkpoint.key_id -> audit_signing_key is checked with SELECT ... FOR KEY SHARE run as the
-- owner of audit_signing_key, and row locks need UPDATE privilege on at least one column. V2 revoked UPDATE from
-- the runtime role; where that role also owns the table (./dev, and any install where the service migrates its own
-- database) every checkpoint insert then failed with "permission denied for table audit_signing_key" and the
-- appender stalled. Give back UPDATE on the key column only: the append-only trigger still refuses every UPDATE
-- and DELETE, so no row can change. Where the owner is another role (production), the owner keeps its rights and
-- nothing is granted.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'audit_signing_key'
               AND tableowner = '${audit_app_role}') THEN
        EXECUTE format('GRANT UPDATE (key_id) ON audit_signing_key TO %I', '${audit_app_role}');
    END IF;
END;
$$;
