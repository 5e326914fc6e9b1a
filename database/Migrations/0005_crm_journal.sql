-- The append-only journal of what happened (lead events, routing decisions, activities, escalations):
-- the audit trail, the drill-down source and the ML training data. Rows are never updated.
CREATE TABLE IF NOT EXISTS crm_journal
(
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    tenant      VARCHAR(64)  NOT NULL,
    stream      VARCHAR(160) NOT NULL,
    event_type  VARCHAR(64)  NOT NULL,
    occurred_at DATETIME(6)  NOT NULL,
    payload     LONGTEXT     NOT NULL,
    CONSTRAINT PK_crm_journal PRIMARY KEY (id),
    INDEX IX_crm_journal_stream (tenant, stream, id),
    INDEX IX_crm_journal_time (tenant, occurred_at)
) DEFAULT CHARSET = utf8mb4;
