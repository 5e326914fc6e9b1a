-- The live statistics' read model: each lead's latest figures as its tenant's stats grain last stored them
-- (JSON, replaced whole on every change). The stats grain loads a tenant's rows when it activates, so the
-- dashboard's numbers survive restarts; rows are written in one batch per tenant per flush.
CREATE TABLE IF NOT EXISTS crm_lead_figures
(
    tenant      VARCHAR(64)  NOT NULL,
    lead_id     VARCHAR(160) NOT NULL,
    figures     LONGTEXT     NOT NULL,
    updated_at  DATETIME(3)  NOT NULL,
    CONSTRAINT PK_crm_lead_figures PRIMARY KEY (tenant, lead_id)
) DEFAULT CHARSET = utf8mb4;
