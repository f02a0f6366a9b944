-- An application's own migration, beside which the library migrates its tables.
CREATE TABLE shipments (id VARCHAR(50) PRIMARY KEY);
