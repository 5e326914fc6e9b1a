-- The table Orleans' ADO.NET providers read their SQL from, keyed by the names the providers ask for.
-- Every later migration upserts its rows here, so a new version of a query replaces the old one.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  VARCHAR(64)   NOT NULL,
    QueryText VARCHAR(8000) NOT NULL,
    CONSTRAINT PK_OrleansQuery PRIMARY KEY (QueryKey)
) DEFAULT CHARSET = utf8mb4;
