"""The encrypted vault: SQLCipher database, key slots, audit chain, backups."""
