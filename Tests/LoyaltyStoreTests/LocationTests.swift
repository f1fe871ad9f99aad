import Foundation
import GRDB
import LoyaltyCore
import Testing
@testable import LoyaltyStore

@Suite struct LocationTests {
    /// Paws (Chicago, the default location) and Denver.
    static func chain() throws -> (TestStore, dog: Program, cat: Program, sally: Customer, home: Location, denver: Location) {
        let (t, dog, cat, sally) = try TestStore.withPrograms()
        let home = try t.store.location(named: nil)
        let denver = try t.store.addLocation(Location(name: "Denver", address: "1 Colfax Ave", timeZoneID: "America/Denver",
                                                      lightspeedShopID: "2"), by: TestStore.admin)
        return (t, dog, cat, sally, home, denver)
    }

    func at(_ op: Operator, _ location: Location) -> Operator {
        var op = op
        op.locationID = location.id
        return op
    }

    @Test func aNewStoreHasOneDefaultLocationThatFollowsTheStoreSettings() throws {
        let (t, _, _, _) = try TestStore.withPrograms()
        let locations = try t.store.locations()
        #expect(locations.map(\.name) == ["Paws"])
        #expect(locations[0].timeZoneID == "America/Chicago" && locations[0].active)
        // A second location: the settings no longer rename or re-zone the first.
        _ = try t.store.addLocation(Location(name: "Denver", timeZoneID: "America/Denver"), by: TestStore.admin)
        try t.store.updateSettings(StoreSettings(storeName: "Paws & Co", timeZoneID: "America/New_York"), by: TestStore.admin)
        #expect(try t.store.locations().first?.name == "Paws")
        #expect(try t.store.locations().first?.timeZoneID == "America/Chicago")
    }

    @Test func migratingAnExistingStoreMakesTheDefaultLocationAndPointsOldRowsToIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ls-loc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("store.sqlite").path
        do {
            let old = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(old, upTo: "v9-claims")
            try old.write { db in
                try db.execute(sql: """
                    INSERT INTO settings (key, value) VALUES ('store_name', 'Old Paws'), ('time_zone', 'America/Denver');
                    INSERT INTO customers (first_name, last_name, created_at, first_key, last_key, search_name)
                        VALUES ('Sally', 'Owner', '2026-01-01', 'sally', 'owner', 'sally owner');
                    INSERT INTO programs (name, punches_required, created_at) VALUES ('Dog Food', 1, '2026-01-01');
                    INSERT INTO cards (customer_id, program_id, state, created_at) VALUES (1, 1, 'open', '2026-01-01');
                    INSERT INTO punches (card_id, description, purchase_date, source, recorded_by, recorded_at)
                        VALUES (1, 'Bag', '2026-01-02', 'counter', 'cashier', '2026-01-02');
                    UPDATE cards SET state = 'redeemed', completed_at = '2026-01-02', redeemed_at = '2026-01-03',
                        redeemed_by = 'cashier', reward_upc = '00012345678905' WHERE id = 1;
                    INSERT INTO points_entries (customer_id, delta, kind, reason, created_at, created_by)
                        VALUES (1, 5, 'adjustment', 'welcome', '2026-01-01', 'manager');
                    INSERT INTO audit_log (at, username, role, action, summary) VALUES ('2026-01-01', 'admin', 'admin', 'x', 'old');
                    """)
            }
            try old.close()
        }
        let store = try LoyaltyStore(path: path, hasher: .insecureForTests)
        let locations = try store.locations()
        #expect(locations.count == 1)
        #expect(locations[0].name == "Old Paws" && locations[0].timeZoneID == "America/Denver")
        let id = locations[0].id
        let raw = try DatabaseQueue(path: path)
        let pointed = try raw.read { db in
            [try Int64.fetchOne(db, sql: "SELECT location_id FROM punches"),
             try Int64.fetchOne(db, sql: "SELECT redeemed_at_location FROM cards"),
             try Int64.fetchOne(db, sql: "SELECT location_id FROM points_entries"),
             try Int64.fetchOne(db, sql: "SELECT location_id FROM audit_log")]
        }
        #expect(pointed == [id, id, id, id])
        let programScope = try raw.read { db in try Int64?.fetchOne(db, sql: "SELECT location_id FROM programs") }
        #expect(programScope == .some(nil), "an old program is chain-wide")
        #expect(try store.auditLog().first?.location == "Old Paws")
        // The audit log is append-only again after the migration.
        #expect(throws: DatabaseError.self) {
            try raw.write { db in try db.execute(sql: "UPDATE audit_log SET summary = 'x'") }
        }
        #expect(try store.programs().first?.program.scope == .chain)
    }

    @Test func aScanOfAProgramOfAnotherLocationIsRefusedNamingIt() throws {
        let (t, dog, cat, sally, home, denver) = try Self.chain()
        try t.store.setProgramScope(dog.id, location: home.id, by: TestStore.admin)
        #expect(try t.store.program(id: dog.id)?.program.scope == .location(id: home.id, name: "Paws"))
        #expect(throws: StoreError.locationRule(.programOfOtherLocation(program: "MeNow Dog Food", location: "Paws", here: "Denver"))) {
            try t.store.recordPurchase(customer: sally.id, upc: upc("01234567890"), by: at(TestStore.cashier, denver))
        }
        #expect(try t.store.customerDetail(id: sally.id)?.programs.isEmpty == true)
        // Positive controls: the same scan at its own location lands; a chain-wide program lands at Denver.
        try t.store.recordPurchase(customer: sally.id, upc: upc("01234567890"), by: at(TestStore.cashier, home))
        let litter = try t.store.recordPurchase(customer: sally.id, upc: upc("07000000001"), by: at(TestStore.cashier, denver))
        #expect(litter.program.id == cat.id)
        let rows = try t.raw().read { db in
            try SQLRow.fetchAll(db, sql: "SELECT upc, location_id FROM punches ORDER BY id").map { [$0["upc"] as String, String($0["location_id"] as Int64)] }
        }
        #expect(rows == [[upc("01234567890").gtin14, String(home.id)], [upc("07000000001").gtin14, String(denver.id)]])
    }

    @Test func theAuditLogSaysWhereAndFiltersByLocation() throws {
        let (t, _, _, sally, home, denver) = try Self.chain()
        try t.store.recordPurchase(customer: sally.id, upc: upc("07000000001"), by: at(TestStore.cashier, denver))
        let newest = try #require(try t.store.auditLog().first)
        #expect(newest.action == AuditAction.purchase.rawValue && newest.location == "Denver")
        let atDenver = try t.store.auditLog(with { $0.locationID = denver.id })
        #expect(atDenver.map(\.action) == [AuditAction.purchase.rawValue])
        let atHome = try t.store.auditLog(with { $0.locationID = home.id })
        #expect(atHome.allSatisfy { $0.location == "Paws" } && atHome.contains { $0.action == AuditAction.locationAdd.rawValue })
    }

    func with(_ change: (inout AuditFilter) -> Void) -> AuditFilter {
        var filter = AuditFilter()
        change(&filter)
        return filter
    }

    @Test func todayAtACounterIsTheDayInItsLocationsZone() throws {
        let (t, _, _, sally, home, denver) = try Self.chain()
        // 2026-06-10 04:30 UTC: 23:30 on the 9th in Chicago (home), 22:30 on the 9th in Denver; at 05:30 UTC
        // Chicago is on the 10th (00:30) while Denver is still on the 9th (23:30).
        t.clock.set(ISO8601DateFormatter().date(from: "2026-06-10T05:30:00Z")!)
        let there = try t.store.recordPurchase(customer: sally.id, upc: upc("07000000001"), by: at(TestStore.cashier, denver))
        let here = try t.store.recordPurchase(customer: sally.id, upc: upc("07000000001"), by: at(TestStore.cashier, home))
        #expect(there.punches[0].purchaseDate.iso == "2026-06-09")
        #expect(here.punches[0].purchaseDate.iso == "2026-06-10")
        #expect(try t.store.customerDetail(id: sally.id, at: denver.id)?.today.iso == "2026-06-09")
        #expect(try t.store.customerDetail(id: sally.id)?.today.iso == "2026-06-10")
    }

    @Test func aRedemptionAndPointsSayWhere() throws {
        let (t, dog, _, sally, _, denver) = try Self.chain()
        let op = at(TestStore.cashier, denver)
        let purchase = try t.store.recordPurchase(customer: sally.id, upc: upc("01234567890"), quantity: 3, by: op)
        try t.store.redeem(card: purchase.punches[0].cardID, rewardUPC: upc("01234567891"), by: op)
        try t.store.adjustPoints(customer: sally.id, delta: 10, reason: "welcome", by: at(TestStore.manager, denver))
        let recorded = try t.raw().read { db in
            [try Int64.fetchOne(db, sql: "SELECT redeemed_at_location FROM cards WHERE program_id = ?", arguments: [dog.id]),
             try Int64.fetchOne(db, sql: "SELECT location_id FROM points_entries")]
        }
        #expect(recorded == [denver.id, denver.id])
    }

    @Test func locationsAreAddedEditedAndDeactivatedByAnAdminOnly() throws {
        let (t, dog, _, _, home, denver) = try Self.chain()
        #expect(throws: StoreError.notAllowed(action: "change locations", needs: .admin)) {
            try t.store.addLocation(Location(name: "Uptown", timeZoneID: "America/Chicago"), by: TestStore.manager)
        }
        #expect(throws: StoreError.invalid("A location named \"denver\" already exists.")) {
            try t.store.addLocation(Location(name: "denver", timeZoneID: "America/Denver"), by: TestStore.admin)
        }
        #expect(throws: StoreError.invalid("Lightspeed shop 2 is already the location Denver.")) {
            try t.store.addLocation(Location(name: "Boulder", timeZoneID: "America/Denver", lightspeedShopID: "2"),
                                    by: TestStore.admin)
        }
        var renamed = denver
        renamed.name = "Denver Colfax"
        try t.store.updateLocation(renamed, by: TestStore.admin)
        #expect(try t.store.auditLog().first?.summary == "location Denver: name Denver → Denver Colfax")
        try t.store.setProgramScope(dog.id, location: denver.id, by: TestStore.admin)
        #expect(try t.store.auditLog().first?.summary == "program MeNow Dog Food: whole chain → Denver Colfax")
        #expect(throws: StoreError.self) { try t.store.deactivateLocation(denver.id, by: TestStore.admin) }
        try t.store.setProgramScope(dog.id, location: nil, by: TestStore.admin)
        try t.store.deactivateLocation(denver.id, by: TestStore.admin)
        #expect(try t.store.locations().map(\.active) == [true, false])
        #expect(throws: StoreError.invalid("Paws is the only active location: a store needs one.")) {
            try t.store.deactivateLocation(home.id, by: TestStore.admin)
        }
        #expect(throws: StoreError.unknownLocation("Denver Colfax", known: ["Paws"])) {
            try t.store.location(named: "Denver Colfax")
        }
    }

    /// A sale line of MeNow (scoped to Denver) at the Lightspeed shop `shop`, yesterday.
    func menowLine(_ id: String, shop: String?, _ t: TestStore) -> SaleLine {
        var line = SaleLine(saleID: "S-\(id)", saleLineID: id, completedAt: t.clock.now.addingTimeInterval(-86_400),
                            upc: upc("01234567890"), description: "MeNow", quantity: 1)
        line.shopID = shop
        return line
    }

    /// Paws is Lightspeed shop 1, Denver shop 2; MeNow (the dog program) is Denver's only.
    static func denverOnlyDogFood() throws -> (TestStore, dog: Program, sally: Customer, home: Location, denver: Location) {
        let (t, dog, _, sally, home, denver) = try chain()
        var paws = home
        paws.lightspeedShopID = "1"
        try t.store.updateLocation(paws, by: TestStore.admin)
        try t.store.setProgramScope(dog.id, location: denver.id, by: TestStore.admin)
        return (t, dog, sally, paws, denver)
    }

    func punchLocations(_ t: TestStore) throws -> [String] {
        try t.raw().read { db in
            try SQLRow.fetchAll(db, sql: "SELECT sale_line_id, location_id FROM punches ORDER BY id")
                .map { "\($0["sale_line_id"] as String) @\($0["location_id"] as Int64)" }
        }
    }

    /// Import History's review and Agree: a line belongs to the location of the Lightspeed shop that sold it (the
    /// importing counter's when the shop is no location's), and a program of one location earns only on its lines.
    @Test func importHistoryEarnsAScopedProgramOnlyOnLinesSoldAtItsLocation() throws {
        let (t, dog, sally, paws, denver) = try Self.denverOnlyDogFood()
        let lines = [menowLine("at-paws", shop: "1", t), menowLine("at-denver", shop: "2", t),
                     menowLine("unknown-shop", shop: "9", t)]
        let calendar = StoreCalendar(timeZone: TimeZone(identifier: "America/Chicago")!)
        func review(at counter: Location) throws -> [String] {
            let programs = try t.store.linePrograms(for: [upc("01234567890")], at: counter.id)
            let punches = try t.store.matchablePunches(customer: sally.id, saleLineIDs: lines.map(\.saleLineID))
            return ImportMatcher.match(lines: lines, punches: punches, programs: programs, calendar: calendar)
                .map { "\($0.line.saleLineID) \($0.status)" }
        }
        // Imported at Paws: the Paws line and the unknown shop's (Paws, the counter's) are No Item; the Denver line
        // earns (the positive control), although the counter importing is Paws.
        #expect(try review(at: paws) == ["at-paws noItem", "at-denver willImport", "unknown-shop noItem"])
        // At a Denver counter the unknown shop's line is Denver's; the Paws line stays Paws'.
        #expect(try review(at: denver) == ["at-paws noItem", "at-denver willImport", "unknown-shop willImport"])

        // Agree matches again by the same rule: rows reviewed before MeNow was scoped (every line ✓) add only the
        // Denver line's punch, recorded at Denver, not at the Paws counter that imported it; nothing is refused.
        let chainWide = SaleLinePrograms(chainWide: [upc("01234567890"): dog.id])
        let stale = ImportMatcher.match(lines: lines, punches: [], programs: chainWide, calendar: calendar)
        #expect(stale.filter(\.commits).count == 3)
        let result = try t.store.commitImport(customer: sally.id, rows: stale, by: at(TestStore.cashier, paws))
        #expect(result.punches.map(\.saleLineID) == ["at-denver"])
        #expect(try punchLocations(t) == ["at-denver @\(denver.id)"])
        #expect(try review(at: paws) == ["at-paws noItem", "at-denver alreadyExists", "unknown-shop noItem"])
        // A manager can still make an Exception of a No Item row, as of any other.
        let again = ImportMatcher.match(lines: lines, punches: try t.store.matchablePunches(customer: sally.id),
                                        programs: try t.store.linePrograms(for: [upc("01234567890")], at: paws.id),
                                        calendar: calendar)
            .map { row -> ImportRow in
                var row = row
                if row.line.saleLineID == "at-paws" {
                    (row.programID, row.exceptionReason, row.checked) = (dog.id, "manufacturer rep said so", true)
                }
                return row
            }
        let exception = try t.store.commitImport(customer: sally.id, rows: again, by: at(TestStore.manager, paws))
        #expect(exception.punches.map(\.saleLineID) == ["at-paws"] && exception.punches.map(\.source) == [.exception])
    }

    /// The button and the watcher, by the same rule: a Denver sale earns Denver's program whichever counter (or the
    /// watcher, at the default location) records it; a Paws sale does not, even at a Denver counter.
    @Test func aButtonSaleEarnsAScopedProgramByTheShopThatSoldIt() throws {
        let (t, _, sally, _, denver) = try Self.denverOnlyDogFood()
        let atPaws = try t.store.recordRealtimeSale(customer: sally.id, saleID: "S-at-paws",
                                                    lines: [menowLine("at-paws", shop: "1", t)], by: at(TestStore.cashier, denver))
        #expect(atPaws.punches.isEmpty && atPaws.noItemLines.map(\.saleLineID) == ["at-paws"])
        let atDenver = try t.store.recordRealtimeSale(customer: sally.id, saleID: "S-at-denver",
                                                      lines: [menowLine("at-denver", shop: "2", t)], by: TestStore.cashier)
        #expect(atDenver.punches.map(\.saleLineID) == ["at-denver"])
        #expect(try punchLocations(t) == ["at-denver @\(denver.id)"])
    }

    @Test func aButtonSaleAtAnotherLocationLeavesAScopedProgramsLineWithNoProgram() throws {
        let (t, dog, _, sally, home, denver) = try Self.chain()
        try t.store.setProgramScope(dog.id, location: home.id, by: TestStore.admin)
        let lines = [
            SaleLine(saleID: "S1", saleLineID: "L1", completedAt: t.clock.now, upc: upc("01234567890"), description: "MeNow",
                     quantity: 1),
            SaleLine(saleID: "S1", saleLineID: "L2", completedAt: t.clock.now, upc: upc("07000000001"), description: "Litter",
                     quantity: 1),
        ]
        let there = try t.store.recordRealtimeSale(customer: sally.id, saleID: "S1", lines: lines, by: at(TestStore.cashier, denver))
        #expect(there.punches.map(\.upc) == [upc("07000000001")])
        #expect(there.noItemLines.map(\.saleLineID) == ["L1"])
        // Positive control: the same line pressed at its own location is punched.
        let here = try t.store.recordRealtimeSale(customer: sally.id, saleID: "S1", lines: [lines[0]],
                                                  by: at(TestStore.cashier, home))
        #expect(here.punches.map(\.upc) == [upc("01234567890")])
    }
}
