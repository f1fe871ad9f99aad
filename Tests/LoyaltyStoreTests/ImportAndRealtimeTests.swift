import Foundation
import LoyaltyCore
import Testing
@testable import LoyaltyStore

@Suite struct ImportAndRealtimeTests {
    let munchies = upc("01234567890")
    let litter = upc("07000000001")
    /// 2025-04-02 18:00 UTC = 13:00 in Chicago.
    let april2 = Date(timeIntervalSince1970: 1_743_616_800)

    func line(_ id: String, sale: String = "S1", upc: UPC?, quantity: Int = 1, at: Date? = nil,
              description: String = "item", parent: String? = nil) -> SaleLine {
        SaleLine(saleID: sale, saleLineID: id, completedAt: at ?? april2, upc: upc, description: description,
                 quantity: quantity, parentSaleLineID: parent)
    }

    func review(_ t: TestStore, _ customer: Int64, _ lines: [SaleLine]) throws -> [ImportRow] {
        let punches = try t.store.matchablePunches(customer: customer, saleLineIDs: lines.map(\.saleLineID))
        let programs = try t.store.linePrograms(for: Set(lines.compactMap(\.upc)), at: nil)
        return ImportMatcher.match(lines: lines, punches: punches, programs: programs,
                                   calendar: StoreCalendar(timeZone: TimeZone(identifier: "America/Chicago")!))
    }

    @Test func importCommitsOnceOldestFirst() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        // One bag on record for April 2; the history has two that day, one on April 1 and one unknown item.
        try t.store.recordPurchase(customer: sally.id, upc: munchies, purchaseDate: LocalDate(year: 2025, month: 4, day: 2)!,
                                   by: TestStore.cashier)
        let lines = [line("L1", upc: munchies, quantity: 2),
                     line("L0", sale: "S0", upc: munchies, at: april2.addingTimeInterval(-86_400)),
                     line("L2", upc: upc("05555555555")),
                     // A refund of a sale before the range (a refund of L1 would net out one of its units).
                     line("L3", sale: "S3", upc: munchies, quantity: -1, parent: "L9")]
        let rows = try review(t, sally.id, lines)
        #expect(ImportSummary(rows: rows).toImport == 2)
        let result = try t.store.commitImport(customer: sally.id, rows: rows,
                                              range: LocalDate(year: 2025, month: 4, day: 1)!...LocalDate(year: 2025, month: 4, day: 3)!,
                                              by: TestStore.cashier)
        #expect(result.punches.count == 2)
        #expect(result.punches.map(\.purchaseDate.iso) == ["2025-04-01", "2025-04-02"])
        #expect(result.punches.allSatisfy { $0.source == .import && $0.saleLineID != nil })
        #expect(result.completedCardIDs.count == 1)
        let detail = try #require(try t.store.customerDetail(id: sally.id))
        #expect(detail.todaysPurchases.isEmpty)
        // Twice: everything already exists, nothing is added.
        let again = try review(t, sally.id, lines)
        #expect(again.filter { $0.status == .willImport }.isEmpty)
        let second = try t.store.commitImport(customer: sally.id, rows: again, by: TestStore.cashier)
        #expect(second.punches.isEmpty)
        // Even committing the stale first review again adds nothing: the store re-matches.
        let stale = try t.store.commitImport(customer: sally.id, rows: rows, by: TestStore.cashier)
        #expect(stale.punches.isEmpty)
        #expect(try t.store.punches(customer: sally.id).count == 3)
        #expect(try t.store.importRuns(customer: sally.id).count == 3)
        #expect(try t.store.auditLog(AuditFilter(action: .importCommit)).count == 3)
    }

    @Test func noItemRowsMadeExceptionsAndPointsCommitTogether() throws {
        let (t, dog, _, sally) = try TestStore.withPrograms()
        var rows = try review(t, sally.id, [line("L9", upc: upc("05555555555"), description: "New bag")])
        #expect(rows.map(\.status) == [.noItem])
        rows[0].programID = dog.id
        rows[0].exceptionReason = ExceptionReason.newItem.storedText
        rows[0].checked = true
        let sale = PointsSale(saleID: "S1", completedAt: april2, subtotalCents: 4599)
        let candidates = PointsImport.candidates(sales: [sale], awardedSaleIDs: try t.store.salesWithPoints(["S1"]),
                                                 rule: PointsRule(), calendar: StoreCalendar(timeZone: .init(identifier: "UTC")!))
        // An exception is a manager's decision: a cashier alone is refused, nothing is written.
        #expect(throws: StoreError.self) {
            try t.store.commitImport(customer: sally.id, rows: rows, points: candidates, by: TestStore.cashier)
        }
        #expect(try t.store.pointsBalance(customer: sally.id) == 0)
        let approved = Operator(username: "cashier", role: .cashier, approver: .init(username: "manager", role: .manager))
        let result = try t.store.commitImport(customer: sally.id, rows: rows, points: candidates, by: approved)
        #expect(result.punches.map(\.source) == [.exception])
        #expect(result.pointsAdded == 45)
        let again = try t.store.commitImport(customer: sally.id, rows: rows, points: candidates, by: approved)
        #expect(again.pointsAdded == 0)
        #expect(try t.store.pointsBalance(customer: sally.id) == 45)
    }

    /// On PostgreSQL each statement is a round trip to the server: Agree on 500 rows written row by row took ≈ 1 s
    /// there (docs/PERFORMANCE.md). Its statements must not grow with the rows: on PostgreSQL not at all (each
    /// insert is one statement of JSON rows); on SQLite only the multi-row INSERTs do, one per hundred rows: the
    /// punches' from 1 to 5, the new cards' from 1 (12 cards) to 2 (105).
    @Test func agreeRunsAHandfulOfStatementsWhateverTheNumberOfRows() throws {
        let (t, _, _, _) = try TestStore.withPrograms()
        let (traced, log) = try StatementLog.tracing(t)
        let calendar = StoreCalendar(timeZone: TimeZone(identifier: "America/Chicago")!)
        func rows(_ count: Int, _ tag: String) throws -> [ImportRow] {
            let lines = (0..<count).map { n in
                line("\(tag)-L\(n)", sale: "\(tag)-S\(n / 3)", upc: n % 2 == 0 ? munchies : litter,
                     at: april2.addingTimeInterval(-86_400 * Double(n % 40)))
            }
            let programs = try t.store.linePrograms(for: [munchies, litter], at: nil)
            return ImportMatcher.match(lines: lines, punches: [], programs: programs, calendar: calendar)
        }
        var results: [Int: (statements: [String], punches: Int, cards: Int)] = [:]
        for count in [50, 500] {
            let customer = try t.store.addCustomer(CustomerDraft(firstName: "Bulk", lastName: "Buyer \(count)"),
                                                   by: TestStore.cashier)
            let committing = try rows(count, "R\(count)")
            var result: ImportCommitResult?
            let statements = try log.capture {
                result = try traced.commitImport(customer: customer.id, rows: committing, by: TestStore.cashier)
            }
            let done = try #require(result)
            results[count] = (statements, done.punches.count, Set(done.punches.map(\.cardID)).count)
            #expect(try t.store.punches(customer: customer.id).count == count)
        }
        let small = try #require(results[50]), large = try #require(results[500])
        #expect(small.punches == 50 && large.punches == 500)
        // 500 units fill 84 dog cards (of 3) and 21 litter cards (of 12) — all opened in one statement.
        #expect(large.cards == 84 + 21)
        #expect(large.statements.count == small.statements.count + (TestStore.isSQLite ? 4 + 1 : 0),
                "50 rows: \(small.statements.count) statements, 500 rows: \(large.statements.count)")
        #expect(large.statements.count <= 25, "\(large.statements.map { String($0.prefix(60)) })")
    }

    /// A failure after rows are written: a fault put into the schema refuses the third punch of the import, once
    /// a card (its own statement) and two punches are already in the transaction. Nothing of it may stay.
    @Test func importIsAllOrNothing() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        let rows = try review(t, sally.id, [line("L1", upc: munchies, quantity: 2), line("L2", upc: munchies),
                                            line("L3", upc: litter)])
        #expect(rows.filter(\.commits).map(\.quantity).reduce(0, +) == 4)
        let auditBefore = try t.store.auditLog().count
        try t.raw().write { db in
            switch db.dialect {
            case .sqlite:
                try db.execute(sql: """
                    CREATE TRIGGER test_fault_on_third_punch BEFORE INSERT ON punches
                    WHEN (SELECT count(*) FROM punches WHERE sale_line_id IN ('L1', 'L2', 'L3')) >= 2
                    BEGIN SELECT RAISE(ABORT, 'injected fault: third punch'); END
                    """)
            case .postgresql:
                try db.execute(sql: """
                    CREATE FUNCTION test_fault_on_third_punch() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF (SELECT count(*) FROM punches WHERE sale_line_id IN ('L1', 'L2', 'L3')) >= 2 THEN
                            RAISE EXCEPTION 'injected fault: third punch';
                        END IF;
                        RETURN NEW;
                    END $$;
                    CREATE TRIGGER test_fault_on_third_punch BEFORE INSERT ON punches
                        FOR EACH ROW EXECUTE FUNCTION test_fault_on_third_punch();
                    """)
            }
        }
        #expect(throws: StoreError.self) { try t.store.commitImport(customer: sally.id, rows: rows, by: TestStore.cashier) }
        #expect(try t.store.punches(customer: sally.id).isEmpty)
        #expect(try t.raw().read { try Int.fetchOne($0, sql: "SELECT count(*) FROM cards WHERE customer_id = ?",
                                                        arguments: [sally.id]) } == 0)
        #expect(try t.store.importRuns(customer: sally.id).isEmpty)
        #expect(try t.store.auditLog().count == auditBefore)

        // Positive control: without the fault the same rows commit whole (so the fault, not the rows, stopped it).
        try t.raw().write { db in
            try db.execute(sql: db.dialect == .sqlite ? "DROP TRIGGER test_fault_on_third_punch"
                : "DROP TRIGGER test_fault_on_third_punch ON punches; DROP FUNCTION test_fault_on_third_punch()")
        }
        let committed = try t.store.commitImport(customer: sally.id, rows: rows, by: TestStore.cashier)
        #expect(committed.punches.count == 4)
        #expect(try t.store.punches(customer: sally.id).count == 4)
        #expect(try t.store.importRuns(customer: sally.id).count == 1)
    }

    @Test func theButtonIsIdempotentBySaleLine() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        // A sale completed now: its punches are dated today, the sale's date.
        let now = t.clock.now
        let lines = [line("A", upc: munchies, quantity: 2, at: now), line("B", upc: litter, at: now),
                     line("C", upc: upc("05555555555"), at: now), line("D", upc: munchies, quantity: -1, at: now, parent: "A")]
        let first = try t.store.recordRealtimeSale(customer: sally.id, saleID: "S1", lines: lines, salePoints: 20, by: TestStore.cashier)
        #expect(first.punches.count == 3 && first.alreadyRecordedUnits == 0 && first.noItemLines.map(\.saleLineID) == ["C"])
        #expect(first.punches.allSatisfy { $0.source == .realtime && $0.purchaseDate == (try? t.store.today()) })
        #expect(first.pointsAdded == 20)
        let second = try t.store.recordRealtimeSale(customer: sally.id, saleID: "S1", lines: lines, salePoints: 20, by: TestStore.cashier)
        #expect(second.punches.isEmpty && second.alreadyRecordedUnits == 3 && second.pointsAdded == 0)
        // The sale grew: only the new unit is added; a removed punch does not come back.
        try t.store.removePunch(first.punches[2].id, reason: "returned", by: TestStore.manager)
        var grown = lines
        grown[0].quantity = 3
        let third = try t.store.recordRealtimeSale(customer: sally.id, saleID: "S1", lines: grown, salePoints: 30, by: TestStore.cashier)
        #expect(third.punches.count == 1 && third.pointsAdded == 10)
        #expect(try t.store.customer(id: sally.id)?.lastRealtimeImport != nil)
        #expect(try t.store.customerDetail(id: sally.id)?.todaysPurchases.count == 3)
        // The schema itself refuses a second punch for one unit of one sale line.
        let punch = first.punches[0]
        #expect(throws: SQLError.self) {
            try t.raw().write { try $0.execute(sql: """
                INSERT INTO punches (card_id, description, purchase_date, source, recorded_by, recorded_at, sale_id, sale_line_id, unit_index)
                SELECT card_id, description, purchase_date, source, recorded_by, recorded_at, sale_id, sale_line_id, unit_index
                FROM punches WHERE id = ?
                """, arguments: [punch.id]) }
        }
    }

    @Test func theButtonAfterACounterScanAddsOnlyTheUnscannedUnits() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        // The cashier scanned one bag at the counter, then pressed the button for a sale of two.
        let scanned = try t.store.recordPurchase(customer: sally.id, upc: munchies, by: TestStore.cashier)
        let sale = [line("A", upc: munchies, quantity: 2, at: t.clock.now)]
        let press = try t.store.recordRealtimeSale(customer: sally.id, saleID: "S1", lines: sale, by: TestStore.cashier)
        #expect(press.punches.count == 1 && press.alreadyRecordedUnits == 1)
        // The counter punch is now that sale line's unit: pressing again, or a second sale of the same bag
        // later that day, never counts it twice.
        let claimed = try #require(try t.store.punches(saleLineIDs: ["A"]).first { $0.id == scanned.punches[0].id })
        #expect(claimed.source == .counter && claimed.saleID == "S1")
        let again = try t.store.recordRealtimeSale(customer: sally.id, saleID: "S1", lines: sale, by: TestStore.cashier)
        #expect(again.punches.isEmpty)
        let later = try t.store.recordRealtimeSale(customer: sally.id, saleID: "S2", lines: [line("B", sale: "S2", upc: munchies, at: t.clock.now)],
                                                   by: TestStore.cashier)
        #expect(later.punches.count == 1)
        #expect(try t.store.customerDetail(id: sally.id)?.todaysPurchases.count == 3)
    }

    @Test func counterPurchasesWithSaleLinesAlsoCountUnits() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        try t.store.recordPurchase(customer: sally.id, upc: munchies, quantity: 2, source: .realtime, saleID: "S", saleLineID: "X",
                                   by: TestStore.cashier)
        let rows = try review(t, sally.id, [line("X", sale: "S", upc: munchies, quantity: 2, at: Date(timeIntervalSince1970: 1_750_000_000))])
        #expect(rows.map(\.status) == [.alreadyExists])
        // Unit 0 removed: the next two units of that line take the free indexes 0 and 2.
        let first = try #require(try t.store.punches(saleLineIDs: ["X"]).first)
        try t.store.removePunch(first.id, reason: "mistake", by: TestStore.manager)
        try t.store.recordPurchase(customer: sally.id, upc: munchies, quantity: 2, source: .realtime, saleID: "S", saleLineID: "X",
                                   by: TestStore.cashier)
        #expect(try t.store.punches(saleLineIDs: ["X"]).count == 4)
    }

    @Test func refundedLinesPunchesCanBeRemovedInOneStep() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        let sale = try t.store.recordRealtimeSale(customer: sally.id, saleID: "S1",
                                                  lines: [line("A", upc: munchies, quantity: 2), line("B", upc: litter)],
                                                  by: TestStore.cashier)
        let refunded = try t.store.punches(saleLineIDs: ["A"])
        #expect(refunded.count == 2)
        #expect(throws: StoreError.self) {
            try t.store.removePunches(refunded.map(\.id) + [999_999], reason: "refund", by: TestStore.manager)
        }
        #expect(try t.store.punches(customer: sally.id).allSatisfy { $0.removal == nil })
        try t.store.removePunches(refunded.map(\.id), reason: "refunded in Lightspeed", by: TestStore.manager)
        #expect(try t.store.punches(customer: sally.id).filter { $0.removal != nil }.count == 2)
        #expect(try t.store.auditLog(AuditFilter(action: .punchRemove)).count == 2)
        _ = sale
    }
}
