-- Platform migrations share one version space across platform modules (protection has V0_3).
-- ProcessedEventsRetention deletes rows older than the retention. processed_at only grows, so a BRIN index finds
-- them at almost no cost per insert (a B-tree would add an index insertion to every consumed message).
CREATE INDEX processed_event_processed_at_brin ON processed_event USING brin (processed_at);
