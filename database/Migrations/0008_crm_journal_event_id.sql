-- Journal rows are written from the writer's outbox, which may send a row again after a crash: each row names
-- its event, and a row whose (tenant, event_id) is already there is skipped (INSERT IGNORE). Older rows keep
-- NULL, which the unique index allows any number of times.
ALTER TABLE crm_journal
    ADD COLUMN event_id VARCHAR(200) NULL AFTER stream,
    ADD UNIQUE INDEX UX_crm_journal_event (tenant, event_id);
