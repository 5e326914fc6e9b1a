-- The stream index carries each row's time and event id as well, so a reader can list a stream's rows from the
-- index alone and read only the rows it needs. A rep's periodic read of its assignment stream needs only the rows of
-- leads it does not hold, usually none; reading every hand-over row of the last minutes read pages that sit between
-- the larger routing rows, long gone from the buffer pool on a busy tenant. The index replaces the one it extends
-- (same leading columns), so queries of the previous version, which name no index, are served as before.
ALTER TABLE crm_journal
    DROP INDEX IX_crm_journal_stream,
    ADD INDEX IX_crm_journal_stream_keys (tenant, stream, id, occurred_at, event_id);
