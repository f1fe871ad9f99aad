import Foundation
import LoyaltyCore
import Testing
import TestSupport
@testable import LoyaltyStore

/// `db migrate-to`'s copy (`LoyaltyStore.copy(into:)`): a SQLite store with every kind of row — a merged customer
/// pointing at a later one, a split card, a redeemed card with its punches, a removed punch, points, the audit
/// log — copied into an empty PostgreSQL database is the same store there, IDs included, and goes on from there.
@Suite(.enabled(if: PostgresTestDatabase.isAvailable, "needs a PostgreSQL server (ASTRO_TEST_DATABASE)"))
struct StoreCopyTests {
    static let munchies = upc("01234567890")

    /// A SQLite store (whatever engine this pass runs on) with the rows that make a copy hard.
    static func sourceStore() throws -> (LoyaltyStore, sally: Int64, later: Int64) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-copy-\(UUID().uuidString)")
        let clock = TestClock()
        let store = try LoyaltyStore(path: folder.appendingPathComponent("source.sqlite").path, clock: { clock.now },
                                     hasher: .insecureForTests)
        let admin = TestStore.admin, cashier = TestStore.cashier, manager = TestStore.manager
        try store.updateSettings(StoreSettings(storeName: "Paws", timeZoneID: "America/Chicago"), by: admin)
        let dog = try store.addProgram(Program(name: "MeNow Dog Food", manufacturer: "MeNow", punchesRequired: 3,
                                               rewardRule: "lesser or equal value free"), by: admin)
        try store.addProgramItem(ProgramItem(programID: dog.id, upc: munchies, description: "MeNow Munchies 12 lb",
                                             size: "12 lb"), by: admin)
        let sally = try store.addCustomer(CustomerDraft(firstName: "Sally", lastName: "Pet Owner", phone: "555 867 5309"),
                                          by: cashier)
        // A full card, redeemed (its punches were written before it was redeemed: the copy writes them after).
        let full = try store.recordPurchase(customer: sally.id, upc: munchies, quantity: 3, by: cashier)
        try store.redeem(card: try #require(full.completedCardIDs.first), rewardUPC: munchies, funding: .storeFunded,
                         by: cashier)
        // A split card refers to an earlier one; a removed punch keeps its who and why.
        _ = try store.recordPurchase(customer: sally.id, upc: munchies, quantity: 2, by: cashier)
        let open = try #require(try store.customerDetail(id: sally.id)?.programs.first?.cards.first { $0.card.state == .open })
        _ = try store.splitCard(card: open.card.id, moving: [open.punches[1].id], by: cashier)
        try store.removePunch(open.punches[0].id, reason: "scanned twice", by: manager)
        // The older customer is combined into a later one: merged_into points forward, to a row copied after it.
        let later = try store.addCustomer(CustomerDraft(firstName: "Sally", lastName: "Petowner", phone: "555 867 5309"),
                                          by: cashier)
        try store.mergeCustomers(primary: later.id, duplicate: sally.id, by: manager)
        return (store, sally.id, later.id)
    }

    @Test func aStoreIsCopiedWholeWithItsIDsAndGoesOnFromThere() throws {
        let (source, sally, later) = try Self.sourceStore()
        let database = try PostgresTestDatabase()
        // The target's clock reads the source's moment (TestClock starts at the same fixed instant): "today" is
        // part of a customer's detail.
        let clock = TestClock()
        let target = try LoyaltyStore(postgres: database.address, clock: { clock.now }, hasher: .insecureForTests)

        let log = ProgressLog()
        let report = try source.copy(into: target) { step in log.add(step) }
        let steps = log.all

        // Every table of the source, with as many rows on both sides.
        let sourceCounts = try source.read { db in
            try StoreCatalog.dataTables(db).map { ($0, try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? -1) }
        }
        let targetCounts = try target.read { db in
            try sourceCounts.map { ($0.0, try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0.0)") ?? -1) }
        }
        #expect(report.tables.map(\.name).sorted() == sourceCounts.map(\.0).sorted())
        for ((table, rows), (_, copied)) in zip(sourceCounts, targetCounts) {
            #expect(rows == copied, "\(table): \(rows) rows, \(copied) copied")
            #expect(report.tables.first { $0.name == table }?.rows == rows)
        }
        #expect(sourceCounts.first { $0.0 == "audit_log" }!.1 > 5)
        #expect(steps.contains { $0.table == "punches" && $0.verifying } && steps.contains { $0.table == "punches" && !$0.verifying })

        // The same customer, cards and punches (removed and redeemed included), read through the other engine.
        #expect(try target.customerDetail(id: later) == source.customerDetail(id: later))
        #expect(try target.customer(id: sally) == source.customer(id: sally))
        #expect(try target.auditLog(AuditFilter()) == source.auditLog(AuditFilter()))

        // The trigram indexes went back to taking each new customer at once, nothing left pending from the copy.
        for index in PostgresSchema.searchIndexes {
            let (options, pending) = try RawStore(engine: target.engine).write { db in
                (try String.fetchOne(db, sql: "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = ?",
                                     arguments: [index]),
                 try Int64.fetchOne(db, sql: "SELECT gin_clean_pending_list(?::regclass)", arguments: [index]))
            }
            #expect(options == "fastupdate=off", "\(index)")
            #expect(pending == 0, "\(index)")
        }
        #expect(try target.searchCustomers("8675").map(\.id) == [later])

        // IDs go on past the copied ones, and the rules hold again (the triggers are back on).
        let next = try target.addCustomer(CustomerDraft(firstName: "Nova", lastName: "Next"), by: TestStore.cashier)
        #expect(next.id == later + 1)
        let redeemed = try #require(try target.customerDetail(id: later)?.programs.first?.cards.first { $0.card.state == .redeemed })
        #expect {
            try RawStore(engine: target.engine).write { db in
                try db.execute(sql: "INSERT INTO punches (card_id, upc, description, purchase_date, source, recorded_by, recorded_at) "
                               + "VALUES (?, ?, 'x', '2026-12-01', 'counter', 'cashier', '2026-12-01 10:00:00.000')",
                               arguments: [redeemed.card.id, Self.munchies.gtin14])
            }
        } throws: { "\($0)".contains("card is full or redeemed") }
    }

    /// A store is never copied into one that holds anything: refused inside the copy's own transaction, nothing
    /// written. (The CLI refuses a database holding anything else before making the schema.)
    @Test func aStoreIsNotCopiedIntoAStoreInUse() throws {
        let (source, _, _) = try Self.sourceStore()
        let database = try PostgresTestDatabase()
        let target = try LoyaltyStore(postgres: database.address, hasher: .insecureForTests)
        #expect(try LoyaltyStore.contents(ofPostgres: database.address) == .emptyStore)
        _ = try target.addCustomer(CustomerDraft(firstName: "Already", lastName: "Here"), by: TestStore.cashier)
        #expect(try LoyaltyStore.contents(ofPostgres: database.address) == .store(customers: 1))
        #expect { try source.copy(into: target) } throws: { "\($0)".contains("not empty") }
        #expect(try target.customerCount() == 1)
    }

    /// What "empty" means before anything is made: a database with someone else's table is foreign.
    @Test func aDatabaseWithOtherTablesIsForeign() throws {
        let database = try PostgresTestDatabase()
        #expect(try LoyaltyStore.contents(ofPostgres: database.address) == .empty)
        try database.engine().write { db in try db.execute(sql: "CREATE TABLE invoices (id int PRIMARY KEY)") }
        #expect(try LoyaltyStore.contents(ofPostgres: database.address) == .foreign(relations: ["public.invoices"]))
    }
}

final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var steps: [StoreCopyProgress] = []
    func add(_ step: StoreCopyProgress) { lock.withLock { steps.append(step) } }
    var all: [StoreCopyProgress] { lock.withLock { steps } }
}

/// The checksum the copy is checked by: the same rows in any order sum the same; a changed value, a value moved
/// to the next column, or a missing row do not.
@Suite struct RowSumTests {
    @Test func orderDoesNotMatterButEveryValueDoes() {
        let rows: [[SQLValue]] = [[.integer(1), .text("ab"), .null], [.integer(2), .text("c"), .real(2.5)]]
        var forward = RowSum(), backward = RowSum()
        rows.forEach { forward.add($0) }
        rows.reversed().forEach { backward.add($0) }
        #expect(forward == backward)

        var changed = RowSum()
        changed.add([.integer(1), .text("ab"), .null])
        changed.add([.integer(2), .text("c"), .real(2.25)])
        #expect(changed != forward)
        var shifted = RowSum()
        shifted.add([.integer(1), .text("a"), .text("b")])
        shifted.add(rows[1])
        #expect(shifted != forward)
        var missing = RowSum()
        missing.add(rows[0])
        #expect(missing != forward)
        // A whole number read as a real (PostgreSQL's numeric) is the same value.
        var whole = RowSum(), integer = RowSum()
        whole.add([.real(3)])
        integer.add([.integer(3)])
        #expect(whole == integer)
    }
}
