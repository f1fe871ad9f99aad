
/// The store's schema as named migrations. A shipped migration is never edited: a change is a
/// new migration appended at the end. Invariants live here, in SQL, so that no code path
/// (ours, a future engine, the sqlite3 shell) can store what the rules forbid.
enum Schema {
    /// One migration: its identifier (recorded in the store once it ran) and what it does, in one transaction.
    typealias Migration = (identifier: String, body: @Sendable (any SQLConnection) throws -> Void)

    /// The migrations of one engine, in order. Both lists have the same identifiers: a store moved from one
    /// engine to the other is at the same version.
    static func migrations(for dialect: SQLDialect) -> [Migration] {
        switch dialect {
        case .sqlite: sqliteMigrations
        case .postgresql: postgresqlMigrations
        }
    }

    /// SQLite's: the DDL every store file has been created with since the first version.
    static let sqliteMigrations: [Migration] = [
        ("v1-core-tables", createCoreTables),
        ("v1-search", createSearch),
        ("v1-audit", createAudit),
        ("v2-duplicate-names", createDuplicateNameIndex),
        ("v3-punches-by-sale-line", createSaleLineIndex),
        ("v5-cards-by-customer-program", createCardsByCustomerProgram),
        ("v6-report-indexes", LoyaltyStore.createReportIndexes),
        ("v7-program-catalog-stamp", createProgramCatalogStamp),
        ("v9-watcher", LoyaltyStore.createWatcherTables),
        ("v9-punch-scan-ids", LoyaltyStore.createPunchScanIDs),
        ("v9-pending-presses", LoyaltyStore.createPendingSales),
        ("v9-claims", createClaims),
        ("v10-scan-id-index", LoyaltyStore.createCounterScanIDs),
        ("v10-lightspeed-changes", LoyaltyStore.createLightspeedChanges),
        ("v10-locations", createLocations),
        ("v10-watcher-sale-totals", LoyaltyStore.addWatcherSaleTotals),
        // PostgreSQL's capacity check per statement (`PostgresSchema.checkCapacityPerStatement`); SQLite has
        // no statement triggers and keeps its per-row one, which costs it little (no round trip, no plpgsql).
        ("v11-capacity-per-statement", { _ in }),
        // PostgreSQL's planner statistics for the lookup's keys (`PostgresSchema.keepFinerSearchStatistics`);
        // SQLite walks the index for `ORDER BY key LIMIT` whatever its statistics say.
        ("v11-search-key-statistics", { _ in }),
        ("v12-email-local-part-search", rebuildSearchOnEmailLocalPart),
        ("v13-configuration-stamp", createConfigurationStamp),
        // PostgreSQL's trigram indexes without a pending list (`PostgresSchema.searchWithoutPendingList`); SQLite's
        // FTS5 index takes each row into its segments as it is written.
        ("v13-search-without-pending-list", { _ in }),
    ]

    /// PostgreSQL's, with the same identifiers, in `PostgresSchema` (the translation rules are written there).
    static let postgresqlMigrations: [Migration] = PostgresSchema.migrations

    private static func createCoreTables(_ db: any SQLConnection) throws {
        try db.execute(sql: """
            CREATE TABLE settings (
                key TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL
            ) WITHOUT ROWID;

            CREATE TABLE users (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                username TEXT NOT NULL UNIQUE COLLATE NOCASE
                    CHECK (length(username) BETWEEN 1 AND 64 AND username NOT GLOB '*[^A-Za-z0-9._-]*'),
                display_name TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('cashier', 'manager', 'admin')),
                password_hash TEXT NOT NULL CHECK (password_hash LIKE 'pbkdf2-sha256$%'),
                pin_hash TEXT CHECK (pin_hash IS NULL OR pin_hash LIKE 'pbkdf2-sha256$%'),
                disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
                failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
                locked_until DATETIME,
                created_at DATETIME NOT NULL
            );

            CREATE TABLE customers (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                first_name TEXT NOT NULL CHECK (length(trim(first_name)) > 0),
                last_name TEXT NOT NULL CHECK (length(trim(last_name)) > 0),
                phone TEXT CHECK (phone IS NULL OR (length(phone) BETWEEN 3 AND 20 AND phone NOT GLOB '*[^0-9]*')),
                email TEXT CHECK (email IS NULL OR (email = lower(email) AND email LIKE '_%@_%')),
                notes TEXT NOT NULL DEFAULT '',
                lightspeed_customer_id TEXT UNIQUE CHECK (lightspeed_customer_id IS NULL OR lightspeed_customer_id <> ''),
                last_realtime_import DATETIME,
                merged_into INTEGER REFERENCES customers(id) CHECK (merged_into IS NULL OR merged_into <> id),
                created_at DATETIME NOT NULL,
                -- Search keys, computed by the store: folded (case and accents) names, reversed phone.
                first_key TEXT NOT NULL,
                last_key TEXT NOT NULL,
                search_name TEXT NOT NULL,
                phone_reversed TEXT,
                CHECK (merged_into IS NULL OR lightspeed_customer_id IS NULL)
            );
            CREATE INDEX customers_by_first ON customers(first_key) WHERE merged_into IS NULL;
            CREATE INDEX customers_by_last ON customers(last_key) WHERE merged_into IS NULL;
            CREATE INDEX customers_by_phone ON customers(phone) WHERE merged_into IS NULL;
            CREATE INDEX customers_by_phone_reversed ON customers(phone_reversed) WHERE merged_into IS NULL;
            CREATE INDEX customers_by_email ON customers(email) WHERE merged_into IS NULL;
            CREATE INDEX customers_by_merged_into ON customers(merged_into) WHERE merged_into IS NOT NULL;

            CREATE TABLE pets (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                customer_id INTEGER NOT NULL REFERENCES customers(id),
                name TEXT NOT NULL CHECK (length(trim(name)) > 0),
                species TEXT NOT NULL DEFAULT ''
            );
            CREATE INDEX pets_by_customer ON pets(customer_id);

            CREATE TABLE programs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
                manufacturer TEXT NOT NULL DEFAULT '',
                punches_required INTEGER NOT NULL CHECK (punches_required > 0),
                reward_rule TEXT NOT NULL DEFAULT '',
                completion_window_months INTEGER CHECK (completion_window_months IS NULL OR completion_window_months > 0),
                active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                created_at DATETIME NOT NULL
            );

            -- The UPC is the primary key: one program per UPC.
            CREATE TABLE program_items (
                upc TEXT PRIMARY KEY NOT NULL CHECK (length(upc) = 14 AND upc NOT GLOB '*[^0-9]*'),
                program_id INTEGER NOT NULL REFERENCES programs(id),
                description TEXT NOT NULL CHECK (length(trim(description)) > 0),
                size TEXT NOT NULL DEFAULT ''
            ) WITHOUT ROWID;
            CREATE INDEX program_items_by_program ON program_items(program_id);

            CREATE TABLE cards (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                customer_id INTEGER NOT NULL REFERENCES customers(id),
                program_id INTEGER NOT NULL REFERENCES programs(id),
                state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'complete', 'redeemed')),
                created_at DATETIME NOT NULL,
                completed_at DATETIME,
                redeemed_at DATETIME,
                redeemed_by TEXT,
                reward_upc TEXT CHECK (reward_upc IS NULL OR (length(reward_upc) = 14 AND reward_upc NOT GLOB '*[^0-9]*')),
                note TEXT NOT NULL DEFAULT '',
                split_from INTEGER REFERENCES cards(id),
                CHECK ((state = 'redeemed') = (redeemed_at IS NOT NULL AND redeemed_by IS NOT NULL AND reward_upc IS NOT NULL)),
                CHECK (state = 'open' OR completed_at IS NOT NULL)
            );
            CREATE INDEX cards_by_customer ON cards(customer_id, state);
            CREATE INDEX cards_by_program ON cards(program_id);
            CREATE INDEX cards_by_split_from ON cards(split_from) WHERE split_from IS NOT NULL;

            CREATE TABLE punches (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                card_id INTEGER NOT NULL REFERENCES cards(id),
                upc TEXT CHECK (upc IS NULL OR (length(upc) = 14 AND upc NOT GLOB '*[^0-9]*')),
                description TEXT NOT NULL,
                purchase_date TEXT NOT NULL
                    CHECK (purchase_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                source TEXT NOT NULL CHECK (source IN ('counter', 'realtime', 'import', 'exception', 'paper')),
                recorded_by TEXT NOT NULL,
                approved_by TEXT,
                recorded_at DATETIME NOT NULL,
                sale_id TEXT,
                sale_line_id TEXT,
                -- Which unit of a sale line (quantity 3 → units 0, 1, 2), so each unit is punched once.
                unit_index INTEGER NOT NULL DEFAULT 0 CHECK (unit_index >= 0),
                exception_reason TEXT,
                removed_at DATETIME,
                removed_by TEXT,
                removal_reason TEXT,
                CHECK ((source = 'exception') = (exception_reason IS NOT NULL)),
                CHECK (sale_line_id IS NULL OR sale_id IS NOT NULL),
                CHECK ((removed_at IS NULL) = (removed_by IS NULL) AND (removed_at IS NULL) = (removal_reason IS NULL))
            );
            CREATE INDEX punches_by_card ON punches(card_id);
            CREATE INDEX punches_by_sale ON punches(sale_id) WHERE sale_id IS NOT NULL;
            CREATE UNIQUE INDEX punches_one_per_sale_line_unit ON punches(sale_line_id, unit_index)
                WHERE sale_line_id IS NOT NULL AND removed_at IS NULL;

            -- A card never holds more counting punches than its program's N, and a redeemed card
            -- takes no new punch.
            CREATE TRIGGER punches_card_capacity_insert BEFORE INSERT ON punches
            WHEN NEW.removed_at IS NULL AND (
                (SELECT state FROM cards WHERE id = NEW.card_id) = 'redeemed'
                OR (SELECT count(*) FROM punches WHERE card_id = NEW.card_id AND removed_at IS NULL)
                   >= (SELECT p.punches_required FROM cards c JOIN programs p ON p.id = c.program_id
                       WHERE c.id = NEW.card_id))
            BEGIN SELECT RAISE(ABORT, 'card is full or redeemed'); END;

            CREATE TRIGGER punches_card_capacity_update BEFORE UPDATE OF card_id, removed_at ON punches
            WHEN NEW.removed_at IS NULL AND (OLD.card_id <> NEW.card_id OR OLD.removed_at IS NOT NULL) AND (
                (SELECT state FROM cards WHERE id = NEW.card_id) = 'redeemed'
                OR (SELECT count(*) FROM punches WHERE card_id = NEW.card_id AND removed_at IS NULL)
                   >= (SELECT p.punches_required FROM cards c JOIN programs p ON p.id = c.program_id
                       WHERE c.id = NEW.card_id))
            BEGIN SELECT RAISE(ABORT, 'card is full or redeemed'); END;

            CREATE TRIGGER punches_never_deleted BEFORE DELETE ON punches
            BEGIN SELECT RAISE(ABORT, 'punches are removed, never deleted'); END;

            CREATE TABLE points_entries (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                customer_id INTEGER NOT NULL REFERENCES customers(id),
                delta INTEGER NOT NULL CHECK (delta <> 0),
                kind TEXT NOT NULL CHECK (kind IN ('sale', 'refund', 'reward', 'import', 'adjustment')),
                reason TEXT NOT NULL DEFAULT '',
                sale_id TEXT,
                created_at DATETIME NOT NULL,
                created_by TEXT NOT NULL,
                CHECK (kind NOT IN ('sale', 'refund', 'import') OR sale_id IS NOT NULL),
                CHECK (kind <> 'adjustment' OR length(trim(reason)) > 0)
            );
            CREATE INDEX points_by_customer ON points_entries(customer_id, delta);
            -- Points are earned once per sale, whether by the button or by Import History for Points.
            CREATE UNIQUE INDEX points_earned_once_per_sale ON points_entries(sale_id)
                WHERE kind IN ('sale', 'import');
            CREATE UNIQUE INDEX points_refunded_once_per_sale ON points_entries(sale_id)
                WHERE kind = 'refund';

            CREATE TABLE points_rewards (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
                cost INTEGER NOT NULL CHECK (cost > 0),
                active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
            );

            -- At most one Lightspeed account per store.
            CREATE TABLE lightspeed_link (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                account_id TEXT NOT NULL CHECK (account_id <> ''),
                account_name TEXT NOT NULL,
                access_token TEXT NOT NULL,
                refresh_token TEXT NOT NULL,
                access_expires_at DATETIME NOT NULL,
                updated_at DATETIME NOT NULL
            );

            CREATE TABLE import_runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                customer_id INTEGER NOT NULL REFERENCES customers(id),
                run_by TEXT NOT NULL,
                run_at DATETIME NOT NULL,
                range_start TEXT,
                range_end TEXT,
                punches_added INTEGER NOT NULL CHECK (punches_added >= 0),
                points_added INTEGER NOT NULL DEFAULT 0,
                rows_json TEXT NOT NULL CHECK (json_valid(rows_json))
            );
            CREATE INDEX import_runs_by_customer ON import_runs(customer_id, run_at);
            """)
    }

    private static func createSearch(_ db: any SQLConnection) throws {
        // Substring search (any 3+ characters of a name, phone or email) over non-merged
        // customers. External content: the text lives once, in `customers`.
        try db.execute(sql: """
            CREATE VIRTUAL TABLE customer_search USING fts5(
                search_name, phone, email,
                content='customers', content_rowid='id', tokenize='trigram');

            CREATE TRIGGER customer_search_insert AFTER INSERT ON customers
            WHEN NEW.merged_into IS NULL
            BEGIN
                INSERT INTO customer_search(rowid, search_name, phone, email)
                VALUES (NEW.id, NEW.search_name, NEW.phone, NEW.email);
            END;

            CREATE TRIGGER customer_search_update_old AFTER UPDATE OF search_name, phone, email, merged_into ON customers
            WHEN OLD.merged_into IS NULL
            BEGIN
                INSERT INTO customer_search(customer_search, rowid, search_name, phone, email)
                VALUES ('delete', OLD.id, OLD.search_name, OLD.phone, OLD.email);
            END;

            CREATE TRIGGER customer_search_update_new AFTER UPDATE OF search_name, phone, email, merged_into ON customers
            WHEN NEW.merged_into IS NULL
            BEGIN
                INSERT INTO customer_search(rowid, search_name, phone, email)
                VALUES (NEW.id, NEW.search_name, NEW.phone, NEW.email);
            END;

            CREATE TRIGGER customers_never_deleted BEFORE DELETE ON customers
            BEGIN SELECT RAISE(ABORT, 'customers are merged, never deleted'); END;
            """)
    }

    /// The part of an email before its first "@" (all of it when it holds none; NULL for NULL): PostgreSQL's
    /// `split_part(email, '@', 1)` in SQLite's SQL. What `customer_search` indexes of an email, written by its
    /// triggers (from v12 on) and by the bulk load's hand-filled insert; changing it needs a new migration.
    static func emailLocalPart(_ email: String) -> String {
        "CASE WHEN instr(\(email), '@') > 0 THEN substr(\(email), 1, instr(\(email), '@') - 1) ELSE \(email) END"
    }

    /// Substring search on email looks inside the local part only (`CustomerQuery.emailLocalTerm`): the domain's
    /// trigrams (".co", "com", "gma", "ail") are in nearly every address, so a term such as "james.co" had FTS5
    /// read a posting list of about every customer. `customer_search` is made again with an `email_local`
    /// column and filled from the non-merged customers. It is contentless (`content=''`): what it indexes is no
    /// longer a column of `customers`, so nothing may read its values back from there; the triggers hand
    /// FTS5's 'delete' the values they inserted, as before. `customer_search_insert` keeps its name (the bulk
    /// load replaces it by name).
    ///
    /// One update trigger, deleting the old entry and then inserting the new one, in that order, instead of v1's
    /// two: SQLite fires the triggers of one event newest first, so v1's "new" trigger inserted before its "old"
    /// one deleted, and the delete took away every trigram the old and new rows shared. An edited customer (a new
    /// phone) or a merge's survivor could no longer be found by the unchanged parts of their name or email
    /// inside; the rebuild here repairs the rows that lost them.
    ///
    /// Cost, once: the table is filled again from every customer, ≈ 16 s for the benchmark's million (their
    /// names, phones and emails, the migration's statements in the sqlite3 shell on this 2-core machine: 1.1 s
    /// to drop the old table, 13 s to fill the new one, 1.5 s to commit), plus the foreign-key check GRDB runs
    /// after every migration. The FTS5 query for "james.co" went from 18–20 ms to 6–7 ms there.
    private static func rebuildSearchOnEmailLocalPart(_ db: any SQLConnection) throws {
        let newLocal = emailLocalPart("NEW.email"), oldLocal = emailLocalPart("OLD.email")
        try db.execute(sql: """
            DROP TRIGGER customer_search_insert;
            DROP TRIGGER customer_search_update_old;
            DROP TRIGGER customer_search_update_new;
            DROP TABLE customer_search;

            CREATE VIRTUAL TABLE customer_search USING fts5(
                search_name, phone, email_local, content='', tokenize='trigram');

            CREATE TRIGGER customer_search_insert AFTER INSERT ON customers
            WHEN NEW.merged_into IS NULL
            BEGIN
                INSERT INTO customer_search(rowid, search_name, phone, email_local)
                VALUES (NEW.id, NEW.search_name, NEW.phone, \(newLocal));
            END;

            CREATE TRIGGER customer_search_update AFTER UPDATE OF search_name, phone, email, merged_into ON customers
            BEGIN
                INSERT INTO customer_search(customer_search, rowid, search_name, phone, email_local)
                SELECT 'delete', OLD.id, OLD.search_name, OLD.phone, \(oldLocal) WHERE OLD.merged_into IS NULL;
                INSERT INTO customer_search(rowid, search_name, phone, email_local)
                SELECT NEW.id, NEW.search_name, NEW.phone, \(newLocal) WHERE NEW.merged_into IS NULL;
            END;

            INSERT INTO customer_search(rowid, search_name, phone, email_local)
            SELECT id, search_name, phone, \(emailLocalPart("email")) FROM customers WHERE merged_into IS NULL ORDER BY id;
            \(optimizeSearchIndex);
            """)
    }

    /// FTS5's own merge of its index into one segment, after a bulk fill. Filled in one go, a million customers'
    /// entries sat in many segments that each query read in turn (15,798 rows of its segment index before the
    /// merge, 5,716 after): run-together names ("andreak") took 4–6 ms to match, 1–3 ms after it (2.7 s for the
    /// million, measured with the sqlite3 shell, 2026-12-04).
    static let optimizeSearchIndex = "INSERT INTO customer_search(customer_search) VALUES('optimize')"

    /// Likely duplicates are customers with the same folded name: one ordered pass over this index.
    private static func createDuplicateNameIndex(_ db: any SQLConnection) throws {
        try db.execute(sql: """
            CREATE INDEX customers_by_name ON customers(last_key, first_key) WHERE merged_into IS NULL;
            """)
    }

    /// Punches by Lightspeed sale line, removed ones included (refunds, idempotent button presses).
    private static func createSaleLineIndex(_ db: any SQLConnection) throws {
        try db.execute(sql: "CREATE INDEX punches_by_sale_line ON punches(sale_line_id) WHERE sale_line_id IS NOT NULL")
    }

    private static func createAudit(_ db: any SQLConnection) throws {
        try db.execute(sql: """
            CREATE TABLE audit_log (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at DATETIME NOT NULL,
                username TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('cashier', 'manager', 'admin', 'system')),
                approver TEXT,
                action TEXT NOT NULL CHECK (length(action) > 0),
                customer_id INTEGER REFERENCES customers(id),
                summary TEXT NOT NULL,
                details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
            );
            CREATE INDEX audit_by_customer ON audit_log(customer_id, id) WHERE customer_id IS NOT NULL;
            CREATE INDEX audit_by_user ON audit_log(username, id);
            CREATE INDEX audit_by_action ON audit_log(action, id);
            CREATE INDEX audit_by_time ON audit_log(at);

            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """)
    }
}
