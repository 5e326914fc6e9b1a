-- A tenant's own next-action and scoring models, trained from its journal (ml-models/README.md, "Tenant models"):
-- every version stays (its three model zips: next action, score, the team's practice; manifest, training report and held-out summary) so the API can show its
-- report and roll back; crm_tenant_model_current names the version every silo serves (NULL: the starter model).
CREATE TABLE IF NOT EXISTS crm_tenant_models
(
    tenant          VARCHAR(64)  NOT NULL,
    version         VARCHAR(64)  NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    closed_leads    INT          NOT NULL,
    next_action_zip LONGBLOB     NOT NULL,
    scoring_zip     LONGBLOB     NOT NULL,
    practice_zip    LONGBLOB     NOT NULL,
    manifest        LONGTEXT     NOT NULL,
    report          LONGTEXT     NOT NULL,
    summary         LONGTEXT     NOT NULL,
    CONSTRAINT PK_crm_tenant_models PRIMARY KEY (tenant, version),
    INDEX IX_crm_tenant_models_created (tenant, created_at)
) DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS crm_tenant_model_current
(
    tenant      VARCHAR(64)  NOT NULL,
    version     VARCHAR(64)  NULL,
    changed_at  DATETIME(6)  NOT NULL,
    changed_by  VARCHAR(128) NOT NULL,
    CONSTRAINT PK_crm_tenant_model_current PRIMARY KEY (tenant)
) DEFAULT CHARSET = utf8mb4;
