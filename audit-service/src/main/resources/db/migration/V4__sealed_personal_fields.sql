-- Issue 18: personal fields sealed per data subject (canonical form 2, README "Personal data in the trail").
-- form: the canonical form the hash covers (1: personal fields in clear, as before; 2: actor_subject, origin_ip,
-- user_agent, data_subject and reason hold ciphertext under the data subject's key, or 'erased').
-- subject_index: blind index (HMAC, KMS key) of the data subject; it also names the subject's data key in
-- protection_subject_key. actor_index: blind index of actor.subject, for the search by actor.
-- Adding columns with a constant default rewrites no row and fires no UPDATE trigger.
ALTER TABLE audit_record ADD COLUMN form SMALLINT NOT NULL DEFAULT 1 CHECK (form IN (1, 2));
ALTER TABLE audit_record ADD COLUMN subject_index TEXT;
ALTER TABLE audit_record ADD COLUMN actor_index TEXT;
ALTER TABLE audit_record ADD CONSTRAINT audit_record_form2_index CHECK (form = 1 OR subject_index IS NOT NULL);
CREATE INDEX audit_record_subject_index_idx ON audit_record (subject_index, seq) WHERE subject_index IS NOT NULL;
CREATE INDEX audit_record_actor_index_idx ON audit_record (actor_index, seq) WHERE actor_index IS NOT NULL;

-- The data keys live in the kit's protection_subject_key (db/platform V0_3); shredding sets wrapped_key to NULL,
-- so the runtime role needs UPDATE there (it is not an audit table: no append-only trigger).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${audit_app_role}') THEN
        EXECUTE format('GRANT SELECT, INSERT, UPDATE ON protection_subject_key TO %I', '${audit_app_role}');
    END IF;
END;
$$;
