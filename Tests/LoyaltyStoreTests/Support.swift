import Foundation
import GRDB
import LoyaltyCore
import TestSupport
@testable import LoyaltyStore

/// A fresh store for one test: a real file in its own temporary folder, or, when `ASTRO_TEST_DATABASE` names a
/// PostgreSQL server (`scripts/test`'s second pass), a fresh database of its own there, dropped when the test is
/// done with it. The one place a store test's store is made, so the whole suite runs on both engines.
struct TestStore {
    let store: LoyaltyStore
    let clock: TestClock
    let folder: URL
    /// The test's PostgreSQL database (nil on SQLite); dropped when the last copy of this value goes.
    let database: PostgresTestDatabase?

    static let admin = Operator(username: "admin", role: .admin)
    static let manager = Operator(username: "manager", role: .manager)
    static let cashier = Operator(username: "cashier", role: .cashier)

    /// Whether the tests' stores are SQLite files (the default) rather than PostgreSQL databases
    /// (`ASTRO_TEST_DATABASE=postgresql://…`): tests about SQLite itself (its file, its WAL, its query plans) run
    /// only then.
    static let isSQLite = !(ProcessInfo.processInfo.environment["ASTRO_TEST_DATABASE"] ?? "").hasPrefix("postgres")

    init(file: String = "store.sqlite") throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("loyalty-store-tests-\(UUID().uuidString)")
        clock = TestClock()
        let clock = clock
        if Self.isSQLite {
            database = nil
            store = try LoyaltyStore(path: folder.appendingPathComponent(file).path, clock: { clock.now },
                                     hasher: .insecureForTests)
        } else {
            let database = try PostgresTestDatabase()
            self.database = database
            store = try LoyaltyStore(postgres: database.address, clock: { clock.now }, hasher: .insecureForTests)
        }
    }

    /// Another store on the same data (a second counter, or the program started again): its own engine, its own
    /// caches. `clock` defaults to this test's clock.
    func sameStoreAgain(clock: (@Sendable () -> Date)? = nil) throws -> LoyaltyStore {
        let testClock = self.clock
        if let database {
            return try LoyaltyStore(postgres: database.address, clock: clock ?? { testClock.now }, hasher: .insecureForTests)
        }
        return try LoyaltyStore(path: store.path, clock: clock ?? { testClock.now }, hasher: .insecureForTests)
    }

    /// Raw access for assertions the facade does not offer, through the store's own engine: the same statements
    /// on SQLite and PostgreSQL. Refusals arrive as the engine's `SQLError`, untranslated.
    func raw() -> RawStore { RawStore(engine: store.engine) }

    /// GRDB on the store's file, for the tests about SQLite itself (its pragmas, query plans, a second process).
    func dbQueue() throws -> DatabaseQueue {
        precondition(Self.isSQLite, "a SQLite-only test ran on another engine")
        return try DatabaseQueue(path: store.path)
    }
}

/// One read or write transaction on a test's store, engine-neutral (`TestStore.raw`).
struct RawStore {
    let engine: any SQLEngine

    func read<T: Sendable>(_ body: @Sendable (any SQLConnection) throws -> T) throws -> T { try engine.read(body) }
    func write<T: Sendable>(_ body: @Sendable (any SQLConnection) throws -> T) throws -> T { try engine.write(body) }
}

/// A valid UPC-A from 11 digits (the check digit computed).
func upc(_ body: String) -> UPC {
    let digits = body.compactMap { $0.wholeNumberValue }
    var sum = 0
    for (offset, digit) in digits.reversed().enumerated() { sum += digit * (offset % 2 == 0 ? 3 : 1) }
    return try! UPC.parse(body + String((10 - sum % 10) % 10))
}

extension TestStore {
    /// A store with two programs (dog food buy 3, cat litter buy 12) and Sally.
    static func withPrograms() throws -> (TestStore, dog: Program, cat: Program, sally: Customer) {
        let t = try TestStore()
        try t.store.updateSettings(StoreSettings(storeName: "Paws", timeZoneID: "America/Chicago"), by: admin)
        let dog = try t.store.addProgram(Program(name: "MeNow Dog Food", manufacturer: "MeNow", punchesRequired: 3,
                                                 rewardRule: "lesser or equal value free"), by: admin)
        let cat = try t.store.addProgram(Program(name: "Cat Litter", manufacturer: "Scoop", punchesRequired: 12,
                                                 rewardRule: "same size free"), by: admin)
        try t.store.addProgramItem(ProgramItem(programID: dog.id, upc: upc("01234567890"), description: "MeNow Munchies 12 lb",
                                               size: "12 lb"), by: admin)
        try t.store.addProgramItem(ProgramItem(programID: dog.id, upc: upc("01234567891"), description: "MeNow Munchies 4 lb",
                                               size: "4 lb"), by: admin)
        try t.store.addProgramItem(ProgramItem(programID: cat.id, upc: upc("07000000001"), description: "Scoop Litter 20 lb"),
                                   by: admin)
        let sally = try t.store.addCustomer(CustomerDraft(firstName: "Sally", lastName: "Pet Owner", phone: "555 867 5309"),
                                            by: cashier)
        return (t, dog, cat, sally)
    }
}

/// Every statement a store runs, captured through its `statementTrace`: as written and with its values bound
/// (SQLite's expanded SQL), so a test checks the statements the program really runs.
final class StatementLog: @unchecked Sendable {
    struct Entry { var sql: String; var expanded: String }
    private let lock = NSLock()
    private var entries: [Entry] = []

    func record(_ sql: String, _ expanded: String) { lock.withLock { entries.append(Entry(sql: sql, expanded: expanded)) } }

    /// The statements `body` ran, in order, values bound.
    func capture(_ body: () throws -> Void) rethrows -> [String] {
        try captureEntries(body).map(\.expanded)
    }

    /// Every statement `body` ran, settings (`SET LOCAL …`) and transaction control included, values bound.
    func captureEverything(_ body: () throws -> Void) rethrows -> [String] {
        lock.withLock { entries.removeAll() }
        try body()
        return lock.withLock { entries }.map(\.expanded)
    }

    /// The same, each as written and as run.
    func captureEntries(_ body: () throws -> Void) rethrows -> [Entry] {
        lock.withLock { entries.removeAll() }
        try body()
        return lock.withLock { entries }.filter { entry in
            // Queries and writes only: trigger markers (`-- TRIGGER …`), pragmas and GRDB's own BEGIN/COMMIT are
            // not statements of the store's to explain, nor FTS5's own reads of its shadow tables (which it names
            // as 'main'.'…', as the store never does).
            let first = entry.sql.prefix { $0.isLetter }.uppercased()
            return ["SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "REPLACE"].contains(first)
                && !entry.sql.contains("'main'.'")
        }
    }

    /// A second store on `t`'s data (its file, or its PostgreSQL database) whose every statement lands here.
    static func tracing(_ t: TestStore) throws -> (LoyaltyStore, StatementLog) {
        let log = StatementLog()
        if let database = t.database {
            var options = PostgresEngineOptions()
            options.statementTrace = { log.record($0, $1) }
            return (try LoyaltyStore(postgres: database.address, clock: { t.clock.now }, hasher: .insecureForTests,
                                     options: options), log)
        }
        let store = try LoyaltyStore(path: t.store.path, clock: { t.clock.now }, hasher: .insecureForTests,
                                     statementTrace: { log.record($0, $1) })
        return (store, log)
    }
}

/// SQLite's query plan for `sql`, one detail line per step.
func queryPlan(_ t: TestStore, _ sql: String) throws -> [String] {
    try t.dbQueue().read { db in
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }
    }
}

/// The steps of a plan that read a whole table. Not table scans: a virtual table's own index (FTS5's), a constant
/// row, a `json_each` list, and the store's own intermediate results (a subquery, or a CTE the plan materialises
/// or runs as a co-routine), which are as small as the indexed searches that fill them.
func tableScans(_ plan: [String]) -> [String] {
    let intermediate = Set(plan.compactMap { step -> String? in
        for prefix in ["MATERIALIZE ", "CO-ROUTINE "] where step.hasPrefix(prefix) {
            return String(step.dropFirst(prefix.count).prefix { $0 != " " })
        }
        return nil
    })
    return plan.filter { step in
        guard step.hasPrefix("SCAN ") else { return false }
        let target = String(step.dropFirst(5).prefix { $0 != " " })
        return !target.hasPrefix("(subquery-") && !intermediate.contains(target) && !step.contains("VIRTUAL TABLE")
            && !step.contains("CONSTANT ROW") && !step.contains("json_each")
    }
}
