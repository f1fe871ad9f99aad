import Foundation
import GRDB
@testable import LoyaltyStore
import Testing

/// Issue 9: a power cut during a migration. A store left at the first migration (core tables only, with enough
/// rows that the later migrations' indexes take a while to build) is opened by the real binary, which migrates
/// it, and SIGKILLed at random moments. After every kill the applied migrations are a prefix of the program's
/// list and the schema is exactly what that prefix builds (GRDB runs each migration in its own transaction);
/// the next start completes the migration. A store from a newer program is refused with a clear sentence.
@Suite(.serialized) struct ReliabilityMigrationTests {
    /// Every schema object, one line each, in the same words from GRDB and from the sqlite3 shell.
    static let schemaQuery = """
        SELECT type || '|' || name || '|' || tbl_name || '|' || replace(coalesce(sql, ''), char(10), ' ')
        FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name
        """

    /// The schema that the first `count` migrations build on an empty database.
    static func referenceSchema(after count: Int) throws -> String {
        let names = Schema.migrator.migrations
        let queue = try DatabaseQueue()
        if count > 0 { try Schema.migrator.migrate(queue, upTo: names[count - 1]) }
        return try queue.read { try String.fetchAll($0, sql: schemaQuery) }.joined(separator: "\n")
    }

    /// A store at the first migration only, with 30,000 customers, cards and 60,000 punches.
    static func oldStore(at path: String) throws {
        let pool = try DatabasePool(path: path)
        try Schema.migrator.migrate(pool, upTo: Schema.migrator.migrations[0])
        try pool.close()
        let fill = """
            PRAGMA synchronous = OFF;
            BEGIN;
            INSERT INTO programs (name, punches_required, created_at)
            VALUES ('Dog food', 10, '2026-01-01 00:00:00.000'), ('Cat food', 12, '2026-01-01 00:00:00.000');
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000)
            INSERT INTO customers (first_name, last_name, created_at, first_key, last_key, search_name)
            SELECT 'F' || i, 'L' || (i % 997), '2026-01-01 00:00:00.000', 'f' || i, 'l' || (i % 997),
                   'f' || i || ' l' || (i % 997) FROM n;
            INSERT INTO cards (customer_id, program_id, created_at)
            SELECT id, 1 + id % 2, '2026-01-01 00:00:00.000' FROM customers;
            INSERT INTO punches (card_id, upc, description, purchase_date, source, recorded_by, recorded_at, sale_id,
                                 sale_line_id, unit_index)
            SELECT c.id, '00007123000016', 'Dog food', '2026-01-0' || (1 + k.k), 'import', 'fill',
                   '2026-01-01 00:00:00.000', 'S' || c.id, 'L' || c.id, k.k
            FROM cards c, (SELECT 0 AS k UNION ALL SELECT 1) k;
            COMMIT;
            """
        let filled = try runChild("/usr/bin/sqlite3", [path], stdin: fill, timeout: 60)
        try #require(!filled.timedOut && filled.status == 0, "filling the old store failed: \(filled.stderr)")
    }

    static func applied(_ db: String) throws -> [String] {
        try sqlite(db, "SELECT identifier FROM grdb_migrations ORDER BY rowid").split(separator: "\n").map(String.init)
    }

    @Test(.timeLimit(.minutes(2)))
    func aMigrationKilledAtRandomIsNeverHalfApplied() throws {
        let scratch = try Scratch()
        let template = scratch.path("old.sqlite")
        try Self.oldStore(at: template)
        let names = Schema.migrator.migrations
        try #require(names.count > 1)
        #expect(try Self.applied(template) == [names[0]])
        let references = try (0...names.count).map(Self.referenceSchema(after:))

        // How long the migration takes: the binary opening and checking the old store, then the migrated one.
        let probe = scratch.path("probe.sqlite")
        try FileManager.default.copyItem(atPath: template, toPath: probe)
        let migrating = try KillableRun(scratch, ["db", "check", "--db", probe], stdin: "")
        #expect(migrating.wait() == 0, "\(migrating.stderr)")
        #expect(try Self.applied(probe) == names)
        let migrated = try KillableRun(scratch, ["db", "check", "--db", probe], stdin: "")
        #expect(migrated.wait() == 0, "\(migrated.stderr)")
        // The migration starts once the process is up (well under 0.15 s) and lasts the difference.
        let window = max(0.05, migrating.elapsed - migrated.elapsed) + 0.15

        var generator = SystemRandomNumberGenerator()
        var outcomes: [Int] = [], insideAMigration: [Int] = []
        for attempt in 0..<8 {
            let db = scratch.path("killed-\(attempt).sqlite")
            try FileManager.default.copyItem(atPath: template, toPath: db)
            let delay = Double.random(in: 0.01...window, using: &generator)
            let run = try KillableRun(scratch, ["db", "check", "--db", db], stdin: "")
            let lock = try WriteLockProbe(db)
            usleep(UInt32(delay * 1_000_000))
            // The write lock refused at the moment of the kill: a migration's transaction was open (`db check`
            // itself only reads).
            let migrating = lock.isHeldByAnother() && run.process.isRunning
            lock.close()
            run.killNow()
            let applied = try Self.applied(db)
            if migrating { insideAMigration.append(applied.count) }
            #expect(Array(names.prefix(applied.count)) == applied, "kill \(attempt): applied \(applied) is not a prefix")
            #expect(try sqlite(db, Self.schemaQuery) == references[applied.count],
                    "kill \(attempt) at \(delay) s: the schema is not what \(applied.count) migrations build")
            #expect(try sqlite(db, "PRAGMA integrity_check") == "ok")
            outcomes.append(applied.count)

            // The next start completes an interrupted migration and the store is whole.
            if applied.count < names.count && outcomes.filter({ $0 < names.count }).count <= 3 {
                let next = try scratch.run(["db", "check", "--db", db])
                #expect(next.status == 0, "\(next.stderr)")
                #expect(next.stdout.contains("The store is sound."))
                #expect(try Self.applied(db) == names)
                #expect(try sqlite(db, Self.schemaQuery) == references[names.count])
                #expect(try sqliteCount(db, "SELECT count(*) FROM punches") == 60_000)
            }
            for file in [db, db + "-wal", db + "-shm"] { try? FileManager.default.removeItem(atPath: file) }
        }
        print("killed migrations (window \(String(format: "%.2f", window)) s): migrations applied after each kill "
              + "\(outcomes) of \(names.count); \(insideAMigration.count) kills inside a migration's transaction")
        #expect(outcomes.contains { $0 < names.count }, "no kill landed before the migration ended: \(outcomes)")
        #expect(!insideAMigration.isEmpty, "no kill landed inside a migration: \(outcomes)")
    }

    @Test func aStoreFromANewerProgramIsRefusedClearly() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        _ = try sqlite(db, "INSERT INTO grdb_migrations (identifier) VALUES ('v999-from-the-future')")
        // Its whole content (every schema object and row, as the sqlite3 shell dumps it) before and after. (Not
        // its bytes: closing a connection lets SQLite tidy pages without changing any row.)
        let before = try runChild("/usr/bin/sqlite3", [db, ".dump"], timeout: 60).stdout
        let result = try scratch.run(["db", "check", "--db", db])
        #expect(!before.isEmpty && before.contains("v999-from-the-future"))
        #expect(try runChild("/usr/bin/sqlite3", [db, ".dump"], timeout: 60).stdout == before, "the refused store was changed")
        #expect(result.status != 0)
        #expect(result.stderr.contains("written by a newer version of Astro Loyalty"), "\(result.stderr)")
        #expect(try sqliteCount(db, "SELECT count(*) FROM grdb_migrations WHERE identifier = 'v999-from-the-future'") == 1)
    }
}
