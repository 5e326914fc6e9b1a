-- A grain's state may ask to be woken later (IWakeUpState): the instant travels in the same row write as the
-- state, so work that follows an acknowledged write (routing a captured lead) survives a crash without a
-- write of its own. The silo's sweeper reads due rows through the index; rows that need nothing keep NULL,
-- which the range scan never visits.
ALTER TABLE crm_grain_state
    ADD COLUMN wake_at DATETIME(3) NULL AFTER payload,
    ADD INDEX IX_crm_grain_state_wake (service_id, wake_at);
