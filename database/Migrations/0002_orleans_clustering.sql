-- Cluster membership for the ADO.NET clustering provider (silos and clients of a cluster id).
-- The version row is the optimistic-concurrency token of the whole membership view: every change to
-- a silo row must move it by exactly one, in the same transaction.

CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId VARCHAR(150) NOT NULL,
    Timestamp    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    Version      INT          NOT NULL DEFAULT 0,
    CONSTRAINT PK_OrleansMembershipVersionTable PRIMARY KEY (DeploymentId)
) DEFAULT CHARSET = utf8mb4;

CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId VARCHAR(150)  NOT NULL,
    Address      VARCHAR(45)   NOT NULL,
    Port         INT           NOT NULL,
    Generation   INT           NOT NULL,
    SiloName     VARCHAR(150)  NOT NULL,
    HostName     VARCHAR(150)  NOT NULL,
    Status       INT           NOT NULL,
    ProxyPort    INT           NULL,
    SuspectTimes VARCHAR(8000) NULL,
    StartTime    DATETIME(3)   NOT NULL,
    IAmAliveTime DATETIME(3)   NOT NULL,
    CONSTRAINT PK_OrleansMembershipTable PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_OrleansMembershipTable_Version FOREIGN KEY (DeploymentId)
        REFERENCES OrleansMembershipVersionTable (DeploymentId)
) DEFAULT CHARSET = utf8mb4;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', '
INSERT IGNORE INTO OrleansMembershipVersionTable (DeploymentId, Version)
VALUES (@DeploymentId, 0);
SELECT ROW_COUNT();'),

-- The version is claimed first (it row-locks the cluster''s version row); the silo row is added only
-- when the claim succeeded and no row for that silo incarnation exists yet.
('InsertMembershipKey', '
START TRANSACTION;
UPDATE OrleansMembershipVersionTable
   SET Version = Version + 1
 WHERE DeploymentId = @DeploymentId AND Version = @Version;
INSERT INTO OrleansMembershipTable
       (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
SELECT @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
  FROM DUAL
 WHERE ROW_COUNT() > 0
   AND NOT EXISTS (SELECT 1 FROM OrleansMembershipTable
                    WHERE DeploymentId = @DeploymentId AND Address = @Address
                      AND Port = @Port AND Generation = @Generation);
SELECT ROW_COUNT();
COMMIT;'),

('UpdateMembershipKey', '
START TRANSACTION;
UPDATE OrleansMembershipVersionTable
   SET Version = Version + 1
 WHERE DeploymentId = @DeploymentId AND Version = @Version;
UPDATE OrleansMembershipTable
   SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = @IAmAliveTime
 WHERE ROW_COUNT() > 0
   AND DeploymentId = @DeploymentId AND Address = @Address
   AND Port = @Port AND Generation = @Generation;
SELECT ROW_COUNT();
COMMIT;'),

('UpdateIAmAlivetimeKey', '
UPDATE OrleansMembershipTable
   SET IAmAliveTime = @IAmAliveTime
 WHERE DeploymentId = @DeploymentId AND Address = @Address
   AND Port = @Port AND Generation = @Generation;'),

-- Reads return the version row even when the cluster has no silo rows yet (hence the outer join).
('MembershipReadRowKey', '
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
       m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
  FROM OrleansMembershipVersionTable v
  LEFT JOIN OrleansMembershipTable m
         ON m.DeploymentId = v.DeploymentId AND m.Address = @Address
        AND m.Port = @Port AND m.Generation = @Generation
 WHERE v.DeploymentId = @DeploymentId;'),

('MembershipReadAllKey', '
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
       m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
  FROM OrleansMembershipVersionTable v
  LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
 WHERE v.DeploymentId = @DeploymentId;'),

('GatewaysQueryKey', '
SELECT Address, ProxyPort, Generation
  FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;'),

('DeleteMembershipTableEntriesKey', '
DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;'),

-- Status 3 is Active: only rows of silos that stopped answering long ago are removed.
('CleanupDefunctSiloEntriesKey', '
DELETE FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status <> 3;')
ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);
