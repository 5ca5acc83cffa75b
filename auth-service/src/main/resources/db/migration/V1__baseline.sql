-- Baseline of the auth-service schema. The platform tables (outbox_event, processed_event) come from
-- db/platform in payguard-messaging; this service's own tables arrive as V2+ with its features.
SELECT 1;
