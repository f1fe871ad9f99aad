import Foundation
import GRDB
import LoyaltyCore
import Testing
import TestSupport
@testable import LoyaltyStore

/// The faster read paths of issue 8 (docs/PERFORMANCE.md) return what the plain ones did: the program
/// catalogue cache never serves a stale catalogue, even to another process's store; rows decoded by
/// position and dates parsed by hand equal GRDB's own decoding; the hand-written import rows JSON is valid.
@Suite struct HotPathTests {
    @Test func programCatalogueFollowsEditsFromAnotherStoreOnTheSameFile() throws {
        let (t, dog, _, _) = try TestStore.withPrograms()
        // A second counter on the same file: its own store, its own cache.
        let other = try t.sameStoreAgain(clock: { Date() })
        let before = try other.programs()
        #expect(try other.programs() == before)
        #expect(before.first { $0.program.id == dog.id }?.items.count == 2)

        try t.store.addProgramItem(ProgramItem(programID: dog.id, upc: upc("01234567892"), description: "MeNow Bites",
                                               size: "1 lb"), by: TestStore.admin)
        #expect(try other.programs().first { $0.program.id == dog.id }?.items.count == 3)

        var renamed = dog
        renamed.name = "MeNow Dog Chow"
        try t.store.updateProgram(renamed, by: TestStore.admin)
        #expect(try other.programs().contains { $0.program.name == "MeNow Dog Chow" })

        try t.store.removeProgramItem(upc: upc("01234567892"), by: TestStore.admin)
        #expect(try other.programs().first { $0.program.id == dog.id }?.items.count == 2)

        // A write that bypasses the store (the sqlite3 shell) changes the stamp too.
        try t.raw().write { db in
            try db.execute(sql: "UPDATE program_items SET description = 'Shell edit' WHERE upc = ?",
                           arguments: [upc("01234567890").gtin14])
        }
        #expect(try other.programs().flatMap(\.items).contains { $0.description == "Shell edit" })
        #expect(try t.store.programs() == other.programs())
    }

    /// Checkout's configuration (settings, locations, points rewards) is cached behind a stamp: another store on the
    /// same data sees each kind of edit at its next checkout, a write that bypasses the store included.
    @Test func checkoutConfigurationFollowsEditsFromAnotherStore() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        let other = try t.sameStoreAgain()
        let before = try #require(try other.checkoutSnapshot(customer: sally.id))
        #expect(before.settings.storeName == "Paws")
        #expect(!before.settings.pointsEnabled)

        var settings = try t.store.settings()
        settings.storeName = "Claws"
        settings.pointsEnabled = true
        try t.store.updateSettings(settings, by: TestStore.admin)
        let renamed = try #require(try other.checkoutSnapshot(customer: sally.id))
        #expect(renamed.settings.storeName == "Claws")
        #expect(renamed.pointsRewards.isEmpty)

        try t.store.setPointsReward(name: "Squeaky toy", cost: 50, by: TestStore.admin)
        #expect(try other.checkoutSnapshot(customer: sally.id)?.pointsRewards.map(\.name) == ["Squeaky toy"])

        // A counter at a location made after the cache was filled: its today is in that location's zone.
        t.clock.set(Date(timeIntervalSince1970: 1_780_000_000))  // 2026-05-28 20:26:40 UTC
        let tokyo = try t.store.addLocation(Location(name: "Tokyo", timeZoneID: "Asia/Tokyo"), by: TestStore.admin)
        let there = try #require(try other.checkoutSnapshot(customer: sally.id, at: tokyo.id))
        #expect(there.detail.today == LocalDate(year: 2026, month: 5, day: 29))
        #expect(try other.checkoutSnapshot(customer: sally.id)?.detail.today == LocalDate(year: 2026, month: 5, day: 28))

        try t.raw().write { db in
            try db.execute(sql: "UPDATE settings SET value = 'Shell edit' WHERE key = 'store_name'")
        }
        #expect(try other.checkoutSnapshot(customer: sally.id)?.settings.storeName == "Shell edit")
    }

    /// Opening a checkout reads the customer, stamps and balance in one statement, then pets, cards, punches and the
    /// sales a press waits for: five statements once the catalogue and the configuration are cached (each is a round
    /// trip on PostgreSQL). The first read, with nothing cached, reads them — the statements the cache saves.
    @Test func checkoutOpensInFiveStatementsOnceCached() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        _ = try t.store.recordPurchase(customer: sally.id, upc: upc("01234567890"), quantity: 2, by: TestStore.cashier)
        let (traced, log) = try StatementLog.tracing(t)
        let configurationReads = ["FROM settings", "FROM locations", "FROM points_rewards", "FROM program_items"]
        let cold = try log.capture { _ = try traced.checkoutSnapshot(customer: sally.id) }
        for table in configurationReads {
            #expect(cold.contains { $0.contains(table) }, "the first read reads \(table): \(cold)")
        }
        let warm = try log.capture { _ = try traced.checkoutSnapshot(customer: sally.id) }
        #expect(warm.count == 5, "\(warm)")
        #expect(!warm.contains { statement in configurationReads.contains { statement.contains($0) } }, "\(warm)")
    }

    /// Checkout's one-transaction read holds what the separate reads it replaced return: the detail (its cards'
    /// programs taken from the catalogue), the settings, the catalogue, the active rewards only while points are
    /// on, and the sales a press waits for.
    @Test func checkoutSnapshotHoldsWhatTheSeparateReadsReturn() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        _ = try t.store.recordPurchase(customer: sally.id, upc: upc("01234567890"), quantity: 4, by: TestStore.cashier)
        _ = try t.store.recordPurchase(customer: sally.id, upc: upc("07000000001"), by: TestStore.cashier)
        try t.store.setPointsReward(name: "Squeaky toy", cost: 50, by: TestStore.admin)
        try t.store.setPointsReward(name: "Retired toy", cost: 20, active: false, by: TestStore.admin)
        try t.store.rememberPendingSale(saleID: "4711", kind: .sale, customer: sally.id, lightspeedCustomerID: "12",
                                        by: TestStore.cashier)

        let pointsOff = try #require(try t.store.checkoutSnapshot(customer: sally.id))
        #expect(pointsOff.detail == (try t.store.customerDetail(id: sally.id)))
        #expect(pointsOff.detail.programs.map(\.program.name) == ["Cat Litter", "MeNow Dog Food"])
        #expect(pointsOff.detail.programs.map { $0.cards.count } == [1, 2])
        #expect(pointsOff.settings == (try t.store.settings()))
        #expect(pointsOff.programs == (try t.store.programs()))
        #expect(pointsOff.pointsRewards.isEmpty)
        #expect(pointsOff.pendingSaleIDs == ["4711"])

        var settings = try t.store.settings()
        settings.pointsEnabled = true
        try t.store.updateSettings(settings, by: TestStore.admin)
        let pointsOn = try #require(try t.store.checkoutSnapshot(customer: sally.id))
        #expect(pointsOn.pointsRewards.map(\.name) == ["Squeaky toy"])
        #expect(pointsOn.settings.pointsEnabled)
        #expect(try t.store.checkoutSnapshot(customer: 999_999) == nil)
    }

    /// Checkout reads a redeemed card without its punches until they are shown (H): it knows how many count (a
    /// removed one not among them), Today's Purchases still hold today's punches on it, open cards come whole —
    /// and the same read asked for them holds every punch.
    @Test func checkoutReadsARedeemedCardWithoutItsPunchesUntilAsked() throws {
        let (t, dog, _, sally) = try TestStore.withPrograms()
        let munchies = upc("01234567890")
        let first = try t.store.recordPurchase(customer: sally.id, upc: munchies, quantity: 3, by: TestStore.cashier)
        try t.store.removePunch(first.punches[0].id, reason: "Scanned twice", by: TestStore.manager)
        t.clock.advance(86_400)
        let filling = try t.store.recordPurchase(customer: sally.id, upc: munchies, by: TestStore.cashier)
        let redeemedID = try #require(filling.punches.first?.cardID)
        _ = try t.store.redeem(card: redeemedID, rewardUPC: munchies, by: TestStore.cashier)
        _ = try t.store.recordPurchase(customer: sally.id, upc: munchies, quantity: 2, by: TestStore.cashier)

        let lazy = try #require(try t.store.checkoutSnapshot(customer: sally.id, redeemedPunches: false))
        let whole = try #require(try t.store.checkoutSnapshot(customer: sally.id, redeemedPunches: true))
        let lazyCards = try #require(lazy.detail.programs.first { $0.program.id == dog.id }).cards
        let wholeCards = try #require(whole.detail.programs.first { $0.program.id == dog.id }).cards
        #expect(lazyCards.map(\.card) == wholeCards.map(\.card))
        #expect(lazyCards.map(\.card.state) == [.redeemed, .open])

        #expect(!lazyCards[0].punchesRead)
        #expect(lazyCards[0].punches.isEmpty)
        #expect(lazyCards[0].countingPunches == 3, "four punches, one removed")
        #expect(wholeCards[0].punchesRead)
        #expect(wholeCards[0].punches.count == 4)
        #expect(wholeCards[0].countingPunches == 3)

        #expect(lazyCards[1] == wholeCards[1], "an open card is read whole")
        #expect(lazyCards[1].punches.count == 2)
        #expect(lazy.detail.todaysPurchases == whole.detail.todaysPurchases)
        #expect(lazy.detail.todaysPurchases.map(\.cardID).sorted() == [redeemedID, lazyCards[1].id, lazyCards[1].id].sorted(),
                "today's punch on the redeemed card stays in Today's Purchases")
    }

    /// Rows inserted together (`insertAll`; on PostgreSQL one JSON argument) keep every value as given — quotes,
    /// backslashes, control characters, non-ASCII text, empty text — and their IDs come back in the rows' order,
    /// past SQLite's 100-row statements too.
    @Test func rowsInsertedTogetherKeepEveryValueAndTheirOrder() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        let odd = ["Max \"the\" dog", "back\\slash", "line\nbreak\ttab\u{01}", "Ñúñez 🐶", "%_ {}:[],", "", "null"]
        let rows: [SQLArguments] = (0..<250).map { n in [sally.id, "pet \(n) " + odd[n % odd.count], odd[(n + 3) % odd.count]] }
        let ids = try t.store.write { db in try db.insertAll(into: "pets", columns: ["customer_id", "name", "species"], rows: rows) }
        #expect(ids.count == 250)
        #expect(ids == ids.sorted() && Set(ids).count == 250)
        let stored = try t.store.read { db in
            try SQLRow.fetchAll(db, sql: "SELECT id, name, species FROM pets WHERE customer_id = ? ORDER BY id",
                                arguments: [sally.id]).map { ($0[0] as Int64, $0[1] as String, $0[2] as String) }
        }
        #expect(stored.map(\.0) == ids)
        #expect(stored.map(\.1) == rows.map { row in if case .text(let s) = row.values[1] { s } else { "" } })
        #expect(stored.map(\.2) == rows.map { row in if case .text(let s) = row.values[2] { s } else { "" } })
    }

    @Test func detailDecodedByPositionEqualsDecodingByName() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        _ = try t.store.recordPurchase(customer: sally.id, upc: upc("01234567890"), quantity: 2, by: TestStore.cashier)
        t.clock.advance(3600.123)
        _ = try t.store.recordPurchase(customer: sally.id, upc: upc("07000000001"), quantity: 1, by: TestStore.cashier)
        let detail = try #require(try t.store.customerDetail(id: sally.id))
        let (cards, punches) = try t.raw().read { db in
            (try SQLRow.fetchAll(db, sql: "SELECT * FROM cards WHERE customer_id = ? ORDER BY created_at, id",
                                 arguments: [sally.id]).map(Card.init(row:)),
             try SQLRow.fetchAll(db, sql: """
                SELECT p.* FROM cards c JOIN punches p ON p.card_id = c.id WHERE c.customer_id = ?
                ORDER BY p.purchase_date, p.id
                """, arguments: [sally.id]).map(Punch.init(row:)))
        }
        #expect(Set(detail.programs.flatMap(\.cards).map(\.card)) == Set(cards))
        #expect(detail.programs.flatMap(\.cards).flatMap(\.punches).sorted { $0.id < $1.id } == punches.sorted { $0.id < $1.id })
        #expect(punches.count == 3)
    }

    @Test func storedDatesParseAsGRDBDecodesThem() throws {
        let texts = ["2026-11-26 01:43:00.000", "2026-11-26 01:43:00.123", "1999-12-31 23:59:59.999",
                     "2024-02-29 12:00:00.5", "2000-01-01 00:00:00", "2026-03-08 08:30:15.007"]
        for text in texts {
            let grdb = Date.fromDatabaseValue(text.databaseValue)
            #expect(IndexedRows.storedDate(text) == grdb, "\(text)")
        }
        // Every millisecond of one second, as GRDB writes them.
        for ms in 0..<1000 {
            let text = String(format: "2025-06-15 14:07:33.%03d", ms)
            #expect(IndexedRows.storedDate(text) == Date.fromDatabaseValue(text.databaseValue), "\(text)")
        }
        #expect(IndexedRows.storedDate("2026-11-26") == nil)
        #expect(IndexedRows.storedDate("2026-13-01 00:00:00") == nil)
        #expect(IndexedRows.localDate("2026-11-26") == LocalDate(year: 2026, month: 11, day: 26))
        #expect(IndexedRows.localDate("2026-11-2x") == nil)
    }

    @Test func importRowsJSONIsValidAndEscaped() throws {
        let line = SaleLine(saleID: "S\"1", saleLineID: "L\\1", completedAt: Date(timeIntervalSince1970: 0),
                            upc: upc("01234567890"), description: "Tab\there\nnew \u{1} line é", quantity: 2)
        var row = ImportRow(line: line, purchaseDate: LocalDate(year: 2026, month: 1, day: 2)!, status: .willImport,
                            quantity: 2, programID: 1)
        row.exceptionReason = "why \"not\""
        let json = try LoyaltyStore.rowsJSON([row, row])
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(decoded.count == 2)
        #expect(decoded[0]["saleID"] as? String == "S\"1")
        #expect(decoded[0]["saleLineID"] as? String == "L\\1")
        #expect(decoded[0]["description"] as? String == "Tab\there\nnew \u{1} line é")
        #expect(decoded[0]["date"] as? String == "2026-01-02")
        #expect(decoded[0]["upc"] as? String == upc("01234567890").gtin14)
        #expect(decoded[0]["quantity"] as? Int == 2)
        #expect(decoded[0]["exceptionReason"] as? String == "why \"not\"")
        #expect(try LoyaltyStore.rowsJSON([]) == "[]")
    }
}
