-- When a silo dies, a survivor asks the leads written shortly before to send their statistics figures again
-- (figures a dead silo had not flushed yet): it reads recently written rows through this index.
ALTER TABLE crm_grain_state
    ADD INDEX IX_crm_grain_state_modified (service_id, modified_on);
