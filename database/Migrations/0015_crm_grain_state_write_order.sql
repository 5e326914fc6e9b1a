-- crm_grain_state stored in the order rows are first written, not in the order of their key hashes. With the hash
-- as the primary key, InnoDB kept the rows themselves sorted by hash, so each new customer's state (about 1.2 KB)
-- went to a random page of a table that grows with every lead: once the table outgrew the buffer pool, most
-- captures waited for a page read. Now the rows append at the end of the table, where the states being written
-- right now are, and the hash lives in a unique index of about 50 bytes a row, which a modest buffer pool holds
-- for millions of rows. Lookups by key_hash and the upsert (ON DUPLICATE KEY, now met on the unique index) are
-- unchanged, so a silo of the previous version runs against this shape as it did before.
-- The table is rebuilt once; state writes wait while it is (see docs/OPERATIONS.md, "Upgrading").
ALTER TABLE crm_grain_state
    DROP PRIMARY KEY,
    ADD COLUMN row_id BIGINT NOT NULL AUTO_INCREMENT FIRST,
    ADD CONSTRAINT PK_crm_grain_state PRIMARY KEY (row_id),
    ADD UNIQUE INDEX UX_crm_grain_state_key (key_hash);
