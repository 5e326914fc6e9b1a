-- Accepted import files, kept until their import completes so that any web API instance can resume an import
-- whose instance died (docs/adr/0007-durable-imports.md). A file is stored as 1 MB chunks, each one row well
-- under max_allowed_packet (64M), so a 200 MB file is 200 inserts. The file row is written first and marked
-- complete after its last chunk; a file that never completed (its instance died during the upload) has no import
-- and is deleted with its chunks by the instances' resume sweep.
CREATE TABLE IF NOT EXISTS crm_import_files
(
    tenant      VARCHAR(64)  NOT NULL,
    import_id   VARCHAR(64)  NOT NULL,
    bytes       BIGINT       NOT NULL DEFAULT 0,
    chunks      INT          NOT NULL DEFAULT 0,
    complete    TINYINT(1)   NOT NULL DEFAULT 0,
    stored_at   DATETIME(3)  NOT NULL,
    CONSTRAINT PK_crm_import_files PRIMARY KEY (tenant, import_id)
) DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS crm_import_file_chunks
(
    tenant      VARCHAR(64)  NOT NULL,
    import_id   VARCHAR(64)  NOT NULL,
    seq         INT          NOT NULL,
    data        MEDIUMBLOB   NOT NULL,
    CONSTRAINT PK_crm_import_file_chunks PRIMARY KEY (tenant, import_id, seq)
) DEFAULT CHARSET = utf8mb4;
