-- Issue 20: fewer index insertions per audit record. Measured on the load benchmark, a wallet payment writes 8 audit
-- records (6 domain events, 2 request records) and each went into 10 indexes. Three of them held entries that no query
-- can use:
-- - actor_subject of a form-2 record is ciphertext (searches by actor use actor_index there), and a domain event has
--   no actor at all: the search reads actor_subject only under form = 1;
-- - data_subject likewise (form 2 is searched through subject_index);
-- - correlation_id is NULL on every domain event, and a search compares it with a value.
-- Each index now holds only the rows a search can reach; the queries' own predicates imply the indexes' (ChainRepository.where).
DROP INDEX audit_record_subject_idx;
CREATE INDEX audit_record_subject_idx ON audit_record (actor_subject, seq) WHERE form = 1 AND actor_subject IS NOT NULL;
DROP INDEX audit_record_data_subject_idx;
CREATE INDEX audit_record_data_subject_idx ON audit_record (data_subject, seq) WHERE form = 1 AND data_subject IS NOT NULL;
DROP INDEX audit_record_correlation_idx;
CREATE INDEX audit_record_correlation_idx ON audit_record (correlation_id, seq) WHERE correlation_id IS NOT NULL;
