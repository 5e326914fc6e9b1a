-- Durable reminders for the ADO.NET reminder table. GrainHash places a reminder on the silo ring;
-- range reads by hash let each silo load exactly the reminders it owns.
CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    VARCHAR(150) NOT NULL,
    GrainId      VARCHAR(150) NOT NULL,
    ReminderName VARCHAR(150) NOT NULL,
    StartTime    DATETIME(3)  NOT NULL,
    Period       BIGINT       NOT NULL,
    GrainHash    INT          NOT NULL,
    Version      INT          NOT NULL,
    CONSTRAINT PK_OrleansRemindersTable PRIMARY KEY (ServiceId, GrainId, ReminderName),
    INDEX IX_OrleansRemindersTable_Hash (ServiceId, GrainHash)
) DEFAULT CHARSET = utf8mb4;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
-- A new row starts at version 0; an update moves it by one. LAST_INSERT_ID carries it to the SELECT.
('UpsertReminderRowKey', '
INSERT INTO OrleansRemindersTable (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, LAST_INSERT_ID(0))
ON DUPLICATE KEY UPDATE
    StartTime = @StartTime, Period = @Period, GrainHash = @GrainHash, Version = LAST_INSERT_ID(Version + 1);
SELECT LAST_INSERT_ID() AS Version;'),

('ReadReminderRowsKey', '
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId AND GrainId = @GrainId;'),

('ReadReminderRowKey', '
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName;'),

-- The ring range (BeginHash, EndHash] when it does not wrap around ...
('ReadRangeRows1Key', '
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash;'),

-- ... and when it does.
('ReadRangeRows2Key', '
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);'),

('DeleteReminderRowKey', '
DELETE FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version;
SELECT ROW_COUNT();'),

('DeleteReminderRowsKey', '
DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId;')
ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);
