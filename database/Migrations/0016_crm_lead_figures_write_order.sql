-- crm_lead_figures stored per tenant in the order leads first reported figures, not in lead-id order. Intake derives
-- a lead's id from its phone number, so lead ids arrive in random order, and with (tenant, lead_id) as the primary
-- key each new lead's row (about 0.9 KB) went to a random page of a table that grows with every lead: once it
-- outgrew the buffer pool, nearly every new lead cost a page read. Now a tenant's rows append at its end, the lead
-- id lives in a unique index of about 50 bytes a row, and the stats grain still loads a tenant's rows as one range.
-- The upsert (ON DUPLICATE KEY, now met on the unique index) and the load are unchanged, so a silo of the previous
-- version runs against this shape as it did before. The table is rebuilt once; figure writes wait while it is.
ALTER TABLE crm_lead_figures
    DROP PRIMARY KEY,
    ADD COLUMN row_id BIGINT NOT NULL AUTO_INCREMENT FIRST,
    ADD CONSTRAINT PK_crm_lead_figures PRIMARY KEY (tenant, row_id),
    ADD UNIQUE INDEX UX_crm_lead_figures_lead (tenant, lead_id),
    ADD INDEX IX_crm_lead_figures_row (row_id);
