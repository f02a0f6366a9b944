-- The allocation schema on MariaDB, version 1: products, batches, their lines and the read model.
-- Identifier columns are VARCHAR(255): Identifiers.MAX_LENGTH, which the domain checks before
-- anything reaches the database. Every table compares text byte for byte (utf8mb4_bin), so that
-- "sku-1" and "SKU-1" stay two products, as on H2 and PostgreSQL. Every statement creates only
-- what is absent.

-- One row per Product aggregate; version counts its changes (optimistic concurrency).
CREATE TABLE IF NOT EXISTS products (
    sku     VARCHAR(255) PRIMARY KEY,
    version BIGINT       NOT NULL CHECK (version >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Batches of stock. allocated_quantity is the running total of the batch's allocations, so that
-- allocating never sums them; addition_order keeps ties between equal etas deterministic.
CREATE TABLE IF NOT EXISTS batches (
    reference          VARCHAR(255) PRIMARY KEY,
    sku                VARCHAR(255) NOT NULL,
    purchased_quantity INTEGER      NOT NULL CHECK (purchased_quantity >= 0),
    allocated_quantity INTEGER      NOT NULL CHECK (allocated_quantity >= 0),
    eta                DATE,
    addition_order     INTEGER      NOT NULL,
    CONSTRAINT batches_within_purchase CHECK (allocated_quantity <= purchased_quantity),
    CONSTRAINT batches_of_product FOREIGN KEY (sku) REFERENCES products (sku)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX IF NOT EXISTS batches_by_sku ON batches (sku, addition_order);

-- Order lines allocated to batches; id gives the order of allocation. A line is held by one
-- batch at most, and the unique index finds it in one lookup.
CREATE TABLE IF NOT EXISTS allocations (
    id              BIGINT       AUTO_INCREMENT PRIMARY KEY,
    batch_reference VARCHAR(255) NOT NULL,
    sku             VARCHAR(255) NOT NULL,
    order_id        VARCHAR(255) NOT NULL,
    quantity        INTEGER      NOT NULL CHECK (quantity >= 1),
    CONSTRAINT allocations_one_batch_per_line UNIQUE (sku, order_id, quantity),
    CONSTRAINT allocations_in_batch FOREIGN KEY (batch_reference) REFERENCES batches (reference)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX IF NOT EXISTS allocations_by_batch ON allocations (batch_reference, id);

-- The read model (CQRS): what each order got, in allocation order, without touching the domain.
CREATE TABLE IF NOT EXISTS allocations_view (
    id              BIGINT       AUTO_INCREMENT PRIMARY KEY,
    order_id        VARCHAR(255) NOT NULL,
    sku             VARCHAR(255) NOT NULL,
    batch_reference VARCHAR(255) NOT NULL,
    CONSTRAINT allocations_view_one_row UNIQUE (order_id, sku, batch_reference)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX IF NOT EXISTS allocations_view_by_order ON allocations_view (order_id, id);
