-- The allocation schema, version 3: each product row gets a random number when it is inserted, so
-- that a process which kept what it last read of a product at some version can tell that product
-- from one deleted and created again under the same sku, which counts its versions anew. Rows
-- stored before this version all share 0, and are told apart by their version alone, as before.
ALTER TABLE products ADD COLUMN IF NOT EXISTS incarnation BIGINT NOT NULL DEFAULT 0;
