import Foundation
import GRDB
import LoyaltyCore
import Testing
import TestSupport
@testable import LoyaltyStore

/// The engine-neutral SQL seam (issue 18): values, rows and errors as the store sees them, whichever engine.
@Suite struct SQLSeamTests {
    /// Instants whose text form is easy to get wrong: before 1970 (negative seconds, floor not truncation),
    /// a millisecond either side of a second, the last millisecond of a year, a leap day.
    static let instants: [Double] = [
        0, -0.001, -1, -86_400.5, -2_208_988_800.25, 951_782_400.999, 1_750_000_000.123, 1_750_000_000.001,
        1_750_000_000.9995, 1_767_225_599.999, 4_102_444_800,
    ]

    @Test func datesAreStoredAsGRDBStoresThem() throws {
        for seconds in Self.instants {
            let date = Date(timeIntervalSince1970: seconds)
            guard case .text(let text) = date.sqlValue else { Issue.record("\(seconds) not text"); continue }
            guard case .string(let grdb) = date.databaseValue.storage else { Issue.record("GRDB: \(seconds)"); continue }
            #expect(text == grdb, "\(seconds)")
            // And back: the same instant as GRDB reads it, to the millisecond.
            let back = try #require(Date(sqlValue: .text(text)))
            let grdbBack = try #require(Date.fromDatabaseValue(grdb.databaseValue))
            #expect(back == grdbBack, "\(text)")
            #expect(abs(back.timeIntervalSince1970 - (seconds * 1000).rounded() / 1000) < 1e-6, "\(text)")
        }
        // And a spread of instants from 1900 to 2100, each with its own milliseconds and a sub-millisecond rest
        // clear of the half (at exactly half a millisecond the two roundings may differ by floating-point noise).
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let milliseconds = Int64.random(in: -2_208_988_800_000...4_102_444_800_000, using: &random)
            let rest = Double.random(in: 0...0.0003, using: &random) * (Bool.random(using: &random) ? 1 : -1)
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000 + rest)
            #expect(date.sqlValue == .text(String(describing: date.databaseValue.storage.value!)), "\(date.timeIntervalSince1970)")
        }
    }

    @Test func datesWrittenByHandStillRead() throws {
        let midnight = Date(timeIntervalSince1970: 1_750_000_000 - 1_750_000_000.truncatingRemainder(dividingBy: 86_400))
        #expect(Date(sqlValue: .text("2025-06-15")) == midnight)
        #expect(Date(sqlValue: .text("2025-06-15 00:00")) == midnight)
        #expect(Date(sqlValue: .text("2025-06-15T00:00:00.000Z")) == midnight)
        #expect(Date(sqlValue: .integer(1_750_000_000)) == Date(timeIntervalSince1970: 1_750_000_000))
        #expect(Date(sqlValue: .text("15 June")) == nil)
    }

    @Test func valuesRoundTrip() throws {
        #expect(Int(sqlValue: 42.sqlValue) == 42)
        #expect(Int64(sqlValue: Int64.min.sqlValue) == .min)
        #expect(Double(sqlValue: 2.5.sqlValue) == 2.5)
        #expect(Double(sqlValue: .integer(3)) == 3)
        #expect(Bool(sqlValue: true.sqlValue) == true && Bool(sqlValue: false.sqlValue) == false)
        #expect(String(sqlValue: "Zoë 🐕".sqlValue) == "Zoë 🐕")
        #expect(Data(sqlValue: Data([0, 1, 255]).sqlValue) == Data([0, 1, 255]))
        #expect(String(sqlValue: .integer(1)) == nil)
        // Optional: NULL is nil, a value is wrapped, a value of another type is no Optional at all.
        #expect((nil as String?).sqlValue == .null)
        #expect(String?(sqlValue: .null) == .some(nil))
        #expect(String?(sqlValue: .text("a")) == .some("a"))
        #expect(String?(sqlValue: .integer(1)) == nil)
        #expect(SQLArguments(["a", nil, 3, true] as [(any SQLValueConvertible)?]).values
                == [.text("a"), .null, .integer(3), .integer(1)])
    }

    @Test func valuesComeBackFromTheStoreAsBound() throws {
        let t = try TestStore()
        let date = Date(timeIntervalSince1970: -86_400.5)
        let row = try #require(try t.raw().read { db in
            try SQLRow.fetchOne(db, sql: """
                SELECT ? AS "Whole", ? AS "Real", ? AS "Words", ? AS "Missing", ? AS "Bytes", ? AS "Day"
                """,
                                arguments: [Int64.max, 0.25, "it's", nil as String?, Data([7, 8]), date])
        })
        #expect(row["whole"] as Int64 == .max)
        #expect(row["REAL"] as Double == 0.25)
        #expect(row["Words"] as String == "it's")
        #expect(row["missing"] as String? == nil)
        #expect(row["bytes"] as Data == Data([7, 8]))
        #expect(row["day"] as Date == date)
        #expect(row.columns.names == ["Whole", "Real", "Words", "Missing", "Bytes", "Day"])
        #expect(row.columns.index(of: "WORDS") == 2 && row.columns.index(of: "absent") == nil)
    }

    @Test func rowsOfOneResultShareTheirColumns() throws {
        let t = try TestStore()
        let rows = try t.raw().read { db in
            try SQLRow.fetchAll(db, sql: "SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3 ORDER BY n")
        }
        #expect(rows.map { $0[0] as Int } == [1, 2, 3])
        #expect(rows.allSatisfy { $0.columns === rows[0].columns })
    }

    @Test func aUniqueViolationIsAConstraintRefusal() throws {
        let t = try TestStore()
        _ = try t.store.addProgram(Program(name: "Dog", manufacturer: "", punchesRequired: 3, rewardRule: ""), by: TestStore.admin)
        let error = try #require(throws: SQLError.self) {
            try t.raw().write { db in
                try db.execute(sql: "INSERT INTO programs (name, punches_required, created_at) VALUES (?, 3, ?)",
                               arguments: ["Dog", Date()])
            }
        }
        #expect(error.kind == .constraint)
        #expect(error.message.contains("programs.name"), "\(error.message)")
        // The store turns it into the sentence a manager reads.
        #expect(throws: StoreError.invalid("The store refused the change: \(error.message)")) { throw t.store.translate(error) }
    }

    @Test func aTriggerRefusalCarriesTheTriggersSentence() throws {
        let t = try TestStore()
        try t.store.updateSettings(StoreSettings(storeName: "A"), by: TestStore.admin)
        let error = try #require(throws: SQLError.self) {
            try t.raw().write { db in try db.execute(sql: "DELETE FROM audit_log") }
        }
        #expect(error.kind == .constraint)
        #expect(error.message.contains("the audit log is append-only"), "\(error.message)")
        #expect(throws: StoreError.invalid("The audit log cannot be changed.")) { throw t.store.translate(error) }
    }

    @Test(.enabled(if: TestStore.isSQLite, "SQLite's busy"))
    func aBusyStoreIsAConflictAndSaysSo() throws {
        #expect(SQLError(DatabaseError(resultCode: .SQLITE_BUSY, message: "database is locked")).kind == .conflict)
        #expect(SQLError(DatabaseError(resultCode: .SQLITE_LOCKED)).kind == .conflict)
        #expect(SQLError(DatabaseError(resultCode: .SQLITE_CONSTRAINT_TRIGGER, message: "x")).kind == .constraint)
        #expect(SQLError(DatabaseError(resultCode: .SQLITE_ERROR, message: "no such table: x")).kind == .other)
        let t = try TestStore()
        #expect(throws: StoreError.invalid("The store is busy with another counter; try again.")) {
            throw t.store.translate(SQLError(.conflict, "database is locked"))
        }
        #expect(throws: StoreError.serverUnreachable(location: t.store.location)) {
            throw t.store.translate(SQLError(.unavailable, "connection refused"))
        }
    }

    @Test func insertedIDIsTheNewRowsID() throws {
        let t = try TestStore()
        let ids = try t.raw().write { db in
            try (0..<3).map { n in
                try db.insertedID(sql: "INSERT INTO points_rewards (name, cost) VALUES (?, 5) RETURNING id", arguments: ["r\(n)"])
            }
        }
        let stored = try t.raw().read { db in try Int64.fetchAll(db, sql: "SELECT id FROM points_rewards ORDER BY id") }
        #expect(ids == stored && ids.count == 3)
    }

    /// A conflict is run again: a write that meets other writers five times still lands, once; one that keeps
    /// meeting them for `conflictPatience` is told the store is busy.
    @Test func aConflictingWriteIsRunAgain() throws {
        let t = try TestStore()
        let attempts = AttemptCounter()
        let result = try t.store.write { db -> Int in
            attempts.increment()
            if attempts.value <= 5 { throw SQLError(.conflict, "database is locked") }
            try db.execute(sql: "INSERT INTO points_rewards (name, cost) VALUES ('once', 5)")
            return attempts.value
        }
        #expect(result == 6)
        #expect(try t.store.pointsRewards().map(\.name) == ["once"])
        // Positive control: a conflict every time, and after its patience the cashier hears the store is busy.
        let always = AttemptCounter()
        let started = Date()
        #expect(throws: StoreError.invalid("The store is busy with another counter; try again.")) {
            try t.store.write { _ in always.increment(); throw SQLError(.conflict, "database is locked") }
        }
        #expect(Date().timeIntervalSince(started) >= LoyaltyStore.conflictPatience)
        #expect(always.value > 6)
    }
}

/// On another engine the SQLite-only maintenance says how it is done there, and a server that does not answer is
/// told as such (`StoreError.serverUnreachable`), never as a broken store.
@Suite struct OtherEngineTests {
    /// Stands for a PostgreSQL server that does not answer.
    struct UnreachableEngine: SQLEngine {
        var dialect: SQLDialect { .postgresql }
        var displayLocation: String { "postgresql://db.example:5432/loyalty" }
        func read<T: Sendable>(_ body: @Sendable (any SQLConnection) throws -> T) throws -> T {
            throw SQLError(.unavailable, "connection refused")
        }
        func write<T: Sendable>(_ body: @Sendable (any SQLConnection) throws -> T) throws -> T {
            throw SQLError(.unavailable, "connection refused")
        }
        func close() throws {}
    }

    @Test func sqliteMaintenanceIsRefusedWithTheToolToUse() throws {
        let store = LoyaltyStore(engine: UnreachableEngine(), hasher: .insecureForTests)
        #expect(store.location == "postgresql://db.example:5432/loyalty")
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("ls-pg-\(UUID().uuidString).sqlite").path
        #expect(throws: StoreError.invalid("A PostgreSQL store is backed up with pg_dump, not by the program.")) {
            try store.backup(to: target, by: TestStore.admin)
        }
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(throws: StoreError.invalid("A PostgreSQL store is checked with pg_amcheck, not by the program.")) {
            try store.integrityCheck()
        }
        #expect(throws: StoreError.invalid("""
            A PostgreSQL store is not loaded in bulk: load a SQLite store, then move it with `astro-loyalty db migrate-to`.
            """)) {
            try store.bulkLoad(by: TestStore.admin) { _ in }
        }
        // No write-ahead log to fold: nothing done, nothing asked of the server.
        let checkpoint = try store.checkpointNow()
        #expect(checkpoint.logPages == 0 && checkpoint.copiedPages == 0)
    }

    @Test func anUnreachableServerIsSaidSo() throws {
        let store = LoyaltyStore(engine: UnreachableEngine(), hasher: .insecureForTests)
        let unreachable = StoreError.serverUnreachable(location: "postgresql://db.example:5432/loyalty")
        #expect(throws: unreachable) { try store.customerCount() }
        #expect(throws: unreachable) {
            try store.addCustomer(CustomerDraft(firstName: "Sally", lastName: "Owner"), by: TestStore.cashier)
        }
    }
}

final class AttemptCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}
