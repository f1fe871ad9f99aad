import Foundation
import LoyaltyCore
import Testing
import TestSupport
@testable import LoyaltyStore

/// A store file written by the program before the store ran on the engine-neutral SQL seam (issue 18), when every
/// statement went straight through GRDB: `Fixtures/grdb-era.sqlite` and what that program read back from it,
/// `Fixtures/grdb-era.txt`. Both were made once, by `writeTheFixture` at commit 49b64d0's code; today's program
/// must open the file unchanged (no migration re-run, none refused) and read back exactly the same rows, dates
/// to the millisecond included.
@Suite struct GRDBEraFileTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    @Test(.enabled(if: TestStore.isSQLite, "a SQLite file"))
    func aFileWrittenThroughGRDBReadsBackTheSame() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ls-grdb-era-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("store.sqlite").path
        try FileManager.default.copyItem(atPath: Self.fixtures.appendingPathComponent("grdb-era.sqlite").path, toPath: path)
        // The day the fixture was read back on (its "today" and today's purchases are part of what it read).
        let clock = TestClock(Self.start.addingTimeInterval(4 * 86_400 + 3600))
        let store = try LoyaltyStore(path: path, clock: { clock.now }, hasher: .insecureForTests)
        let expected = try String(contentsOf: Self.fixtures.appendingPathComponent("grdb-era.txt"), encoding: .utf8)
        // v10-locations (after the fixture) adds two facts the GRDB-era program could not read: every old program is
        // chain-wide and every old audit entry happened at the default location, made from the store's name. They
        // must read exactly so; without them the rest reads the same. A card read with its punches says so since the
        // checkout could read one without them (`CardDetail.punchesRead`); every card here is read whole.
        let actual = try Self.snapshot(store).replacingOccurrences(of: ", scope: chain)", with: ")")
            .replacingOccurrences(of: ", location: \"Paws\")", with: ")")
            .replacingOccurrences(of: ", punchesRead: true, countedUnread: 0)", with: ")")
        for (line, (read, written)) in zip(actual.split(separator: "\n"), expected.split(separator: "\n")).enumerated()
        where read != written {
            let same = zip(read, written).prefix { $0 == $1 }.count
            Issue.record("line \(line + 1) differs after \(same) characters:\nread:    …\(read.dropFirst(max(0, same - 80)).prefix(240))\nwritten: …\(written.dropFirst(max(0, same - 80)).prefix(240))")
        }
        #expect(actual == expected)

        // And it takes new writes: one more punch lands on Sally's open card.
        let sally = try #require(store.searchCustomers("Sally").first)
        _ = try store.recordPurchase(customer: sally.id, upc: upc("01234567890"), by: TestStore.cashier)
        #expect(try Self.snapshot(store) != expected)
    }

    /// Writes the fixture again (only when asked: `WRITE_GRDB_ERA_FIXTURE=1`); the committed one came from the
    /// GRDB-era program and must not be replaced by today's.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["WRITE_GRDB_ERA_FIXTURE"] == "1"))
    func writeTheFixture() throws {
        try FileManager.default.createDirectory(at: Self.fixtures, withIntermediateDirectories: true)
        let path = Self.fixtures.appendingPathComponent("grdb-era.sqlite").path
        try? FileManager.default.removeItem(atPath: path)
        let clock = TestClock(Self.start)
        let store = try LoyaltyStore(path: path, clock: { clock.now }, hasher: .insecureForTests)
        try Self.fill(store, clock)
        clock.advance(3600)
        let text = try Self.snapshot(store)
        try store.close()
        try text.write(to: Self.fixtures.appendingPathComponent("grdb-era.txt"), atomically: true, encoding: .utf8)
    }

    /// 2025-06-15 15:06:40.123 UTC: the milliseconds are part of what must survive.
    static let start = Date(timeIntervalSince1970: 1_750_000_000.123)

    static func fill(_ store: LoyaltyStore, _ clock: TestClock) throws {
        let admin = TestStore.admin, cashier = TestStore.cashier, manager = TestStore.manager
        try store.updateSettings(StoreSettings(storeName: "Paws", timeZoneID: "America/Chicago"), by: admin)
        try store.createFirstAdmin(username: "admin", displayName: "Ada Admin", password: "correct horse", pin: "4321")
        clock.advance(0.456)
        let dog = try store.addProgram(Program(name: "MeNow Dog Food", manufacturer: "MeNow", punchesRequired: 3,
                                               rewardRule: "lesser or equal value free", completionWindowMonths: 12),
                                       by: admin)
        try store.addProgramItem(ProgramItem(programID: dog.id, upc: upc("01234567890"), description: "MeNow Munchies 12 lb",
                                             size: "12 lb"), by: admin)
        try store.addProgramItem(ProgramItem(programID: dog.id, upc: upc("01234567891"), description: "MeNow Munchies 4 lb",
                                             size: "4 lb"), by: admin)
        clock.advance(61.001)
        let sally = try store.addCustomer(CustomerDraft(firstName: "Sally", lastName: "Pet Owner", phone: "555 867 5309",
                                                        email: "Sally@Example.com"),
                                          notes: "likes the blue bag", pets: [Pet(name: "Rex", species: "dog")], by: cashier)
        let zoe = try store.addCustomer(CustomerDraft(firstName: "Zoë", lastName: "Ñúñez"), by: cashier)
        for step in 0..<4 {
            clock.advance(86_400 + 0.999)
            _ = try store.recordPurchase(customer: sally.id, upc: upc("01234567890"), by: cashier)
            if step == 1 { _ = try store.recordPurchase(customer: zoe.id, upc: upc("01234567891"), by: cashier) }
        }
        clock.advance(0.007)
        let full = try #require(store.customerDetail(id: sally.id)?.programs.first?.cards.first { $0.card.state == .complete })
        _ = try store.redeem(card: full.card.id, rewardUPC: upc("01234567891"), funding: .storeFunded, by: manager)
        let zoeCard = try #require(store.customerDetail(id: zoe.id)?.programs.first?.cards.first)
        clock.advance(3.5)
        try store.removePunch(try #require(zoeCard.punches.first).id, reason: "rang up twice", by: manager)
        try store.adjustPoints(customer: sally.id, delta: 25, reason: "birthday", by: manager)
        try store.earnPointsForSale(customer: sally.id, saleID: "9001", points: 12, by: cashier)
    }

    /// Everything the facade reads back, dates to the millisecond.
    static func snapshot(_ store: LoyaltyStore) throws -> String {
        var out = ""
        func add(_ label: String, _ value: Any) { out += label + ": " + describe(value) + "\n" }
        add("settings", try store.settings())
        add("users", try store.users())
        add("programs", try store.programs())
        add("summaries", try store.customerSummaries(ids: [1, 2]))
        for id: Int64 in [1, 2] {
            add("customer \(id)", try store.customerDetail(id: id) as Any)
            add("points \(id)", try store.pointsEntries(customer: id))
        }
        add("search", try store.searchCustomers("ñúñ").map(\.id))
        add("audit", try store.auditLog())
        add("claims", try store.claims())
        return out
    }

    /// A deterministic description: dates as seconds since 1970 with milliseconds, members in declaration order.
    static func describe(_ value: Any) -> String {
        if let date = value as? Date { return String(format: "Date(%.3f)", date.timeIntervalSince1970) }
        if let text = value as? String { return String(reflecting: text) }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let some = mirror.children.first else { return "nil" }
            return describe(some.value)
        }
        if mirror.children.isEmpty { return String(describing: value) }
        let parts = mirror.children.map { child in (child.label.map { $0 + ": " } ?? "") + describe(child.value) }
        switch mirror.displayStyle {
        case .collection: return "[" + parts.joined(separator: ", ") + "]"
        case .set, .dictionary: return "[" + parts.sorted().joined(separator: ", ") + "]"
        default: return "\(type(of: value))(" + parts.joined(separator: ", ") + ")"
        }
    }
}
