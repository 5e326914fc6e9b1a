-- Grain state for the group-commit storage provider (silo/Storage): one row per grain and state name.
-- Writes from many grains are committed together as one multi-row upsert per transaction; each row
-- applies only when the stored version is the one its grain last read, and write_id tells each caller
-- afterwards whether its own write is the one that landed. The payload is a LONGBLOB: a grain's state is
-- bounded by max_allowed_packet, not by 64 KB.
CREATE TABLE IF NOT EXISTS crm_grain_state
(
    key_hash    BINARY(32)    NOT NULL,
    service_id  VARCHAR(150)  NOT NULL,
    state_name  VARCHAR(100)  NOT NULL,
    grain_id    VARCHAR(600)  NOT NULL,
    version     INT           NOT NULL,
    write_id    BINARY(16)    NOT NULL,
    payload     LONGBLOB      NULL,
    modified_on DATETIME(3)   NOT NULL,
    CONSTRAINT PK_crm_grain_state PRIMARY KEY (key_hash)
) DEFAULT CHARSET = utf8mb4;
