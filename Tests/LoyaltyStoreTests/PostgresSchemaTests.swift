import Foundation
import Testing
@testable import LoyaltyStore

/// The PostgreSQL schema: the same migrations as SQLite's, the same invariants, the same sentences.
@Suite(.enabled(if: PostgresTestDatabase.isAvailable, "ASTRO_TEST_DATABASE names no PostgreSQL server"))
struct PostgresSchemaTests {
    @Test func theMigrationsAreSQLitesUnderTheSameIdentifiersInTheSameOrder() {
        #expect(PostgresSchema.migrations.map(\.identifier) == Schema.migrator.migrations)
    }

    @Test func migratingRecordsEveryIdentifierOnceAndAgainChangesNothing() throws {
        let engine = try PostgresTestDatabase().kept().engine()
        try engine.migrate()
        try engine.migrate()
        let applied = try engine.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied.sorted() == PostgresSchema.migrations.map(\.identifier).sorted())
    }

    @Test func aDatabaseWithAMigrationThisProgramDoesNotKnowIsRefusedUntouched() throws {
        let engine = try PostgresTestDatabase().kept().engine()
        try engine.migrate(Array(PostgresSchema.migrations.prefix(1)))
        try engine.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        #expect(throws: StoreError.newerThanThisProgram(path: engine.displayLocation)) { try engine.migrate() }
        // Nothing of the later migrations was run.
        let tables = try engine.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM pg_tables WHERE tablename = 'audit_log'")
        }
        #expect(tables == 0)
    }

    @Test func twoCountersMigratingAnEmptyDatabaseAtOnceBothSucceed() throws {
        let database = try PostgresTestDatabase()
        let failures = LockedResults()
        let group = DispatchGroup()
        for _ in 0..<2 {
            DispatchQueue.global().async(group: group) {
                do { try database.engine().migrate() } catch { failures.append("\(error)") }
            }
        }
        group.wait()
        #expect(failures.all == [])
    }

    /// A migrated database with a customer, a program needing `required` punches and an open card.
    private func seeded(required: Int = 2) throws -> (PostgresEngine, card: Int64, customer: Int64) {
        let engine = try PostgresTestDatabase().kept().engine()
        try engine.migrate()
        let ids = try engine.write { db -> [Int64] in
            let customer = try Int64.fetchOne(db, sql: """
                INSERT INTO customers (first_name, last_name, created_at, first_key, last_key, search_name, phone)
                VALUES ('Sally', 'Pet', '2026-12-04 10:00:00.000', 'sally', 'pet', 'sally pet', '5558675309') RETURNING id
                """)!
            let program = try Int64.fetchOne(db, sql: """
                INSERT INTO programs (name, punches_required, created_at) VALUES ('Dog Food', ?, '2026-12-04') RETURNING id
                """, arguments: [required])!
            let card = try Int64.fetchOne(db, sql: """
                INSERT INTO cards (customer_id, program_id, created_at) VALUES (?, ?, '2026-12-04') RETURNING id
                """, arguments: [customer, program])!
            return [card, customer]
        }
        return (engine, ids[0], ids[1])
    }

    private func punch(_ engine: PostgresEngine, card: Int64, saleLine: String? = nil, unit: Int = 0) throws {
        try engine.write { db in
            try db.execute(sql: """
                INSERT INTO punches (card_id, description, purchase_date, source, recorded_by, recorded_at,
                                     sale_id, sale_line_id, unit_index)
                VALUES (?, 'MeNow 12 lb', '2026-12-04', 'counter', 'cashier', '2026-12-04 10:00:00.000', ?, ?, ?)
                """, arguments: [card, saleLine.map { _ in "sale-1" }, saleLine, unit])
        }
    }

    @Test func aCardNeverTakesMoreThanItsProgramsPunches() throws {
        let (engine, card, _) = try seeded(required: 2)
        try punch(engine, card: card)
        try punch(engine, card: card)
        #expect(throws: SQLError(.constraint, "card is full or redeemed")) { try punch(engine, card: card) }
        // Removing one makes room; restoring the removed one when full is refused too.
        try engine.write { db in
            try db.execute(sql: """
                UPDATE punches SET removed_at = 'x', removed_by = 'm', removal_reason = 'r'
                WHERE id = (SELECT min(id) FROM punches)
                """)
        }
        try punch(engine, card: card)
        #expect(throws: SQLError(.constraint, "card is full or redeemed")) {
            try engine.write { db in
                try db.execute(sql: "UPDATE punches SET removed_at = NULL, removed_by = NULL, removal_reason = NULL")
            }
        }
    }

    /// The capacity check runs once per INSERT statement (migration v11): Import History's commit inserts
    /// 100 punches per statement, and one statement must not slip N + 1 onto a card past a per-row check.
    @Test func oneStatementOfManyPunchesFillsACardToNButNeverPastIt() throws {
        let (engine, card, _) = try seeded(required: 3)
        func insert(_ rows: Int, on card: Int64) throws {
            try engine.write { db in
                let values = Array(repeating: "(?, 'MeNow 12 lb', '2026-12-04', 'import', 'cashier', '2026-12-04 10:00:00.000')",
                                   count: rows).joined(separator: ", ")
                try db.execute(sql: """
                    INSERT INTO punches (card_id, description, purchase_date, source, recorded_by, recorded_at) VALUES \(values)
                    """, arguments: SQLArguments(Array(repeating: card, count: rows)))
            }
        }
        func count() throws -> Int? {
            try engine.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM punches WHERE card_id = ?", arguments: [card]) }
        }
        #expect(throws: SQLError(.constraint, "card is full or redeemed")) { try insert(4, on: card) }
        #expect(try count() == 0)
        try insert(3, on: card)
        #expect(try count() == 3)
        // Already full: one more counting punch is refused.
        #expect(throws: SQLError(.constraint, "card is full or redeemed")) { try insert(1, on: card) }
        try engine.write { db in try db.execute(sql: """
            UPDATE cards SET state = 'redeemed', completed_at = '2026-12-04', redeemed_at = '2026-12-04', redeemed_by = 'm',
                             reward_upc = '00012345678905' WHERE id = ?
            """, arguments: [card]) }
        try engine.write { db in
            try db.execute(sql: "UPDATE punches SET removed_at = 'x', removed_by = 'm', removal_reason = 'r' WHERE card_id = ?",
                           arguments: [card])
        }
        // A redeemed card takes no counting punch, however empty.
        #expect(throws: SQLError(.constraint, "card is full or redeemed")) { try insert(1, on: card) }
        #expect(try count() == 3)
    }

    /// Migration v11: the lookup's prefix keys keep 1,000 most-common values, so that a common name's range is
    /// estimated as many rows and read from the index in order (the figure is the benchmark's, at a million).
    @Test func theLookupsKeysKeepFinerStatistics() throws {
        let engine = try PostgresTestDatabase().kept().engine()
        try engine.migrate()
        let targets = try engine.read { db in
            try SQLRow.fetchAll(db, sql: """
                SELECT attname, attstattarget FROM pg_attribute
                WHERE attrelid = 'customers'::regclass AND attname IN ('first_key', 'last_key', 'email', 'phone', 'phone_reversed')
                ORDER BY attname
                """).map { "\($0[0] as String)=\($0[1] as Int)" }
        }
        #expect(targets == ["email=1000", "first_key=1000", "last_key=1000", "phone=1000", "phone_reversed=1000"])
    }

    @Test func eachSaleLineUnitIsPunchedOnceAndTheRefusalNamesTheIndex() throws {
        let (engine, card, _) = try seeded(required: 5)
        try punch(engine, card: card, saleLine: "line-1", unit: 0)
        try punch(engine, card: card, saleLine: "line-1", unit: 1)
        let error = #expect(throws: SQLError.self) { try punch(engine, card: card, saleLine: "line-1", unit: 1) }
        #expect(error?.kind == .constraint)
        #expect(error?.message.contains("punches_one_per_sale_line_unit") == true)
    }

    @Test func historyIsAppendOnlyAndNothingIsDeleted() throws {
        let (engine, card, customer) = try seeded()
        try punch(engine, card: card)
        try engine.write { db in
            try db.execute(sql: """
                INSERT INTO audit_log (at, username, role, action, customer_id, summary)
                VALUES ('2026-12-04', 'admin', 'admin', 'test', ?, 'x')
                """, arguments: [customer])
        }
        let refusals: [(String, String)] = [
            ("UPDATE audit_log SET summary = 'y'", "the audit log is append-only"),
            ("DELETE FROM audit_log", "the audit log is append-only"),
            ("DELETE FROM punches", "punches are removed, never deleted"),
            ("DELETE FROM customers", "customers are merged, never deleted"),
        ]
        for (sql, sentence) in refusals {
            #expect(throws: SQLError(.constraint, sentence)) { try engine.write { db in try db.execute(sql: sql) } }
        }
    }

    @Test func namesAreUniqueWhateverTheirCaseAndTheRefusalNamesTheColumn() throws {
        let engine = try PostgresTestDatabase().kept().engine()
        try engine.migrate()
        let insert = """
            INSERT INTO users (username, display_name, role, password_hash, created_at)
            VALUES (?, 'x', 'admin', 'pbkdf2-sha256$1', '2026-12-04')
            """
        try engine.write { db in try db.execute(sql: insert, arguments: ["Admin"]) }
        let error = #expect(throws: SQLError.self) { try engine.write { db in try db.execute(sql: insert, arguments: ["aDMIN"]) } }
        #expect(error?.kind == .constraint)
        #expect(error?.message.contains("users.username") == true)
        // The CHECKs translated from GLOB still hold.
        let bad = #expect(throws: SQLError.self) { try engine.write { db in try db.execute(sql: insert, arguments: ["no spaces"]) } }
        #expect(bad?.kind == .constraint)
    }

    @Test func theProgramCatalogStampChangesWithEveryProgramWrite() throws {
        let (engine, _, _) = try seeded()
        let stamp = { try engine.read { db in try Int64.fetchOne(db, sql: "SELECT stamp FROM program_catalog_stamp") } }
        let before = try stamp()
        try engine.write { db in try db.execute(sql: "UPDATE programs SET manufacturer = 'MeNow'") }
        let after = try stamp()
        #expect(before != nil && after != nil && before != after)
    }

    @Test func textSortsAndComparesInByteOrderAsOnSQLite() throws {
        let engine = try PostgresTestDatabase().kept().engine()
        try engine.migrate()
        let order = try engine.write { db -> [String] in
            for key in ["b", "B", "a", "a b", "ab", "Z"] {
                try db.execute(sql: "INSERT INTO settings (key, value) VALUES (?, '')", arguments: [key])
            }
            return try String.fetchAll(db, sql: "SELECT key FROM settings ORDER BY key")
        }
        #expect(order == ["B", "Z", "a", "a b", "ab", "b"])
    }
}
