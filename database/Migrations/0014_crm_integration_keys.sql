-- Integration keys: one per tenant and source system (an ERP, a finance or after-sales system), used to sign the
-- requests that system sends to /api/v1/integration. The secret is shown once when the key is created and never
-- stored: only its SHA-256 is kept here (the web API derives the secret again from the key id with its own signing
-- key, and checks it against this hash). Every request reads its key's row, so a revoked key is refused at once by
-- every web API instance.
CREATE TABLE IF NOT EXISTS crm_integration_keys
(
    key_id         VARCHAR(64)   NOT NULL,
    tenant         VARCHAR(64)   NOT NULL,
    source         VARCHAR(64)   NOT NULL,
    secret_sha256  BINARY(32)    NOT NULL,
    created_at     DATETIME(3)   NOT NULL,
    created_by     VARCHAR(128)  NOT NULL,
    revoked_at     DATETIME(3)   NULL,
    revoked_by     VARCHAR(128)  NULL,
    CONSTRAINT PK_crm_integration_keys PRIMARY KEY (key_id),
    INDEX IX_crm_integration_keys_tenant (tenant, created_at)
) DEFAULT CHARSET = utf8mb4;
