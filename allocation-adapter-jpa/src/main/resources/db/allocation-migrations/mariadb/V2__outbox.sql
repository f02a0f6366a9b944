-- The allocation schema on MariaDB, version 2: the transactional outbox. Every statement creates
-- only what is absent.

-- The events commits stored, in the transaction that changed the products, until every handler
-- is done with them. seq is the order they were stored in; ids are UUIDs (version 7, see
-- RecordedEvent.newId); payload is the event in EventEncoding's form, its version in encoding.
-- Times are epoch milliseconds; next_attempt_ms is when a dispatcher looks at the event next,
-- null when only parked handlers are left.
CREATE TABLE IF NOT EXISTS outbox_events (
    seq             BIGINT        AUTO_INCREMENT PRIMARY KEY,
    event_id        UUID          NOT NULL,
    sku             VARCHAR(255)  NOT NULL,
    event_type      VARCHAR(64)   NOT NULL,
    encoding        INTEGER       NOT NULL,
    payload         VARCHAR(8000) NOT NULL,
    stored_at_ms    BIGINT        NOT NULL,
    next_attempt_ms BIGINT,
    CONSTRAINT outbox_events_one_id UNIQUE (event_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX IF NOT EXISTS outbox_events_by_sku ON outbox_events (sku, event_type, seq);

-- How far each handler got with an event: done, retrying (with when) or parked.
CREATE TABLE IF NOT EXISTS outbox_progress (
    event_id    UUID          NOT NULL,
    handler     VARCHAR(100)  NOT NULL,
    status      VARCHAR(8)    NOT NULL CHECK (status IN ('DONE', 'RETRYING', 'PARKED')),
    attempts    INTEGER       NOT NULL CHECK (attempts >= 0),
    retry_at_ms BIGINT,
    last_error  VARCHAR(2000) NOT NULL,
    PRIMARY KEY (event_id, handler)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
