-- Grain state for the ADO.NET grain storage provider.
-- One row per (service, grain type, grain id). KeyHash is derived from exactly those values so the row
-- has a real unique key: two activations racing to create the same grain's first row cannot both win.
-- The payload is a LONGBLOB, so a grain's state is bounded by max_allowed_packet, not by 64 KB.
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            INT           NOT NULL,
    GrainIdN0              BIGINT        NOT NULL,
    GrainIdN1              BIGINT        NOT NULL,
    GrainTypeHash          INT           NOT NULL,
    GrainTypeString        VARCHAR(512)  NOT NULL,
    GrainIdExtensionString VARCHAR(512)  NULL,
    ServiceId              VARCHAR(150)  NOT NULL,
    PayloadBinary          LONGBLOB      NULL,
    ModifiedOn             DATETIME(3)   NOT NULL,
    Version                INT           NULL,
    KeyHash                BINARY(32) AS (UNHEX(SHA2(CONCAT_WS(0x1F, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1,
                                              IFNULL(GrainIdExtensionString, 0x1E)), 256))) STORED,
    CONSTRAINT UX_OrleansStorage_Key UNIQUE (KeyHash)
) DEFAULT CHARSET = utf8mb4;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
SELECT PayloadBinary, Version
  FROM OrleansStorage
 WHERE KeyHash = UNHEX(SHA2(CONCAT_WS(0x1F, @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
                                      IFNULL(@GrainIdExtensionString, 0x1E)), 256));'),

-- A write either updates the row at the version the grain last saw, or creates the first row when the
-- grain saw none. LAST_INSERT_ID(x) carries the new version to the final SELECT without session
-- variables; it is zeroed first because pooled connections keep it. When neither statement changed a
-- row, the grain''s own version comes back unchanged and Orleans raises InconsistentStateException.
('WriteToStorageKey', '
DO LAST_INSERT_ID(0);
UPDATE OrleansStorage
   SET PayloadBinary = @PayloadBinary, ModifiedOn = UTC_TIMESTAMP(3), Version = LAST_INSERT_ID(Version + 1)
 WHERE KeyHash = UNHEX(SHA2(CONCAT_WS(0x1F, @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
                                      IFNULL(@GrainIdExtensionString, 0x1E)), 256))
   AND @GrainStateVersion IS NOT NULL AND Version = @GrainStateVersion;
INSERT INTO OrleansStorage
       (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString,
        ServiceId, PayloadBinary, ModifiedOn, Version)
SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
       @ServiceId, @PayloadBinary, UTC_TIMESTAMP(3), LAST_INSERT_ID(1)
  FROM DUAL
 WHERE @GrainStateVersion IS NULL
   AND NOT EXISTS (SELECT 1 FROM OrleansStorage
                    WHERE KeyHash = UNHEX(SHA2(CONCAT_WS(0x1F, @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
                                                         IFNULL(@GrainIdExtensionString, 0x1E)), 256)));
SELECT IF(LAST_INSERT_ID() > 0, LAST_INSERT_ID(), @GrainStateVersion) AS NewGrainStateVersion;'),

-- Clearing keeps the row (payload gone, version moved on) so a stale activation still conflicts.
('ClearStorageKey', '
DO LAST_INSERT_ID(0);
UPDATE OrleansStorage
   SET PayloadBinary = NULL, ModifiedOn = UTC_TIMESTAMP(3), Version = LAST_INSERT_ID(Version + 1)
 WHERE KeyHash = UNHEX(SHA2(CONCAT_WS(0x1F, @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
                                      IFNULL(@GrainIdExtensionString, 0x1E)), 256))
   AND @GrainStateVersion IS NOT NULL AND Version = @GrainStateVersion;
SELECT IF(LAST_INSERT_ID() > 0, LAST_INSERT_ID(), @GrainStateVersion) AS NewGrainStateVersion;'),

('DeleteStorageKey', '
DELETE FROM OrleansStorage
 WHERE KeyHash = UNHEX(SHA2(CONCAT_WS(0x1F, @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
                                      IFNULL(@GrainIdExtensionString, 0x1E)), 256))
   AND @GrainStateVersion IS NOT NULL AND Version = @GrainStateVersion;
SELECT IF(ROW_COUNT() > 0, @GrainStateVersion + 1, @GrainStateVersion) AS NewGrainStateVersion;')
ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);
