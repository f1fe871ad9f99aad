import Foundation
import Lightspeed
import LightspeedSimulator
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import Testing
@testable import AstroLoyaltyApp

/// The button pressed on an open sale (the register's real order: ring up, press, complete), amounts after
/// discounts, item fees, layaway, 11-digit UPCs and shop time zones — against the simulator over real HTTP
/// and a real temp store.
@Suite(.serialized) struct LightspeedOpenSaleTests {
    static func press(_ saleID: String) -> LightspeedButtonPress { LightspeedButtonPress(kind: .sale, saleID: saleID) }

    /// A watcher whose clock the test moves, posting into a list.
    final class Posted: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [AppMsg] = []
        func append(_ m: AppMsg) { lock.withLock { list.append(m) } }
        var messages: [AppMsg] { lock.withLock { list } }
    }

    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var value = Date()
        func now() -> Date { lock.withLock { value } }
        func advance(_ seconds: TimeInterval) { lock.withLock { value = value.addingTimeInterval(seconds) } }
    }

    func watcher(_ world: LightspeedWorld, clock: Clock, posted: Posted,
                 policy: SalePointsPolicy = SalePointsPolicy(itemFeesEarnPoints: false)) throws -> PendingSaleWatcher {
        PendingSaleWatcher(handler: LightspeedSaleHandler(api: try world.service.connectedAPI(), store: world.store,
                                                          policy: policy),
                           now: { clock.now() }, post: { posted.append($0) })
    }

    @Test func aPressOnAnOpenSaleRecordsNothingWaitsAndRecordsOnceWhenItCompletes() async throws {
        let world = try await LightspeedWorld.make()
        defer { Task { await world.close() } }
        let saleID = try await world.ringUp(customer: "101", [("201", 2)])

        let outcome = try await world.handler().handle(Self.press(saleID), by: LightspeedWorld.cashier)
        #expect(outcome.status == .waiting)
        #expect(outcome.customerID == world.sally.id)
        #expect(outcome.message == "Sally Pet Owner: waiting for Lightspeed sale \(saleID) to complete; its punches arrive when it does.")
        #expect(try world.store.punches(customer: world.sally.id).isEmpty)
        #expect(try world.store.pointsBalance(customer: world.sally.id) == 0)
        #expect(try world.store.pendingSaleIDs(customer: world.sally.id) == [saleID])
        // Pressing again on the still-open sale waits once.
        _ = try await world.handler().handle(Self.press(saleID), by: LightspeedWorld.cashier)
        #expect(try world.store.pendingSales().count == 1)

        let clock = Clock(), posted = Posted()
        let watcher = try watcher(world, clock: clock, posted: posted)
        // Still open: read, nothing recorded, the next read backs off 2 s.
        let next = await watcher.checkDue()
        #expect(next == clock.now().addingTimeInterval(2))
        #expect(try world.store.punches(customer: world.sally.id).isEmpty)
        #expect(posted.messages.isEmpty)
        // Not due yet: nothing is read.
        let reads = await world.simulator.requestLog().count
        #expect(await watcher.checkDue() == next)
        #expect(await world.simulator.requestLog().count == reads)

        try await world.simulator.completeSale(saleID)
        clock.advance(2)
        #expect(await watcher.checkDue() == nil)
        let punches = try world.store.punches(customer: world.sally.id)
        #expect(punches.count == 2)
        #expect(punches.allSatisfy { $0.source == .realtime && $0.saleID == saleID && $0.recordedBy == "cashier" })
        #expect(try world.store.pointsBalance(customer: world.sally.id) == 69)
        #expect(try world.store.pendingSales().isEmpty)
        guard case .lightspeed(.pendingSaleEnded(let ended, gaveUp: false))? = posted.messages.first else {
            Issue.record("expected pendingSaleEnded, got \(posted.messages)")
            return
        }
        #expect(ended.status == .recorded && ended.punchIDs.count == 2)
        // Once: nothing waits any more, and a later press adds nothing.
        clock.advance(120)
        #expect(await watcher.checkDue() == nil)
        #expect(posted.messages.count == 1)
        let again = try await world.handler().handle(Self.press(saleID), by: LightspeedWorld.cashier)
        #expect(again.status == .recorded && again.punchIDs.isEmpty)
        #expect(try world.store.punches(customer: world.sally.id).count == 2)
        let audit = try world.store.auditLog(AuditFilter(customerID: world.sally.id)).map(\.action)
        #expect(audit.contains(AuditAction.saleWaiting.rawValue))
    }

    @Test func waitingPressesSurviveARestartOfTheCounterProgram() async throws {
        let world = try await LightspeedWorld.make()
        defer { Task { await world.close() } }
        let saleID = try await world.ringUp(customer: "101", [("202", 1)])
        _ = try await world.handler().handle(Self.press(saleID), by: LightspeedWorld.cashier)
        try await world.simulator.completeSale(saleID)

        // The counter program restarts: a new store connection and a new watcher read the waiting press.
        let reopened = try LoyaltyStore(path: world.store.path, hasher: .insecureForTests)
        #expect(try reopened.pendingSales().map(\.saleID) == [saleID])
        let posted = Posted()
        let watcher = PendingSaleWatcher(handler: LightspeedSaleHandler(api: try world.service.connectedAPI(), store: reopened,
                                                                         policy: SalePointsPolicy(itemFeesEarnPoints: false)),
                                         post: { posted.append($0) })
        #expect(await watcher.checkDue() == nil)
        #expect(try reopened.punches(customer: world.sally.id).count == 1)
        #expect(try reopened.pendingSales().isEmpty)
    }

    @Test func aSaleVoidedBeforeCompletingRecordsNothing() async throws {
        let world = try await LightspeedWorld.make()
        defer { Task { await world.close() } }
        let saleID = try await world.ringUp(customer: "101", [("201", 1)])
        _ = try await world.handler().handle(Self.press(saleID), by: LightspeedWorld.cashier)
        try await world.simulator.voidSale(saleID)
        let clock = Clock(), posted = Posted()
        let watcher = try watcher(world, clock: clock, posted: posted)
        #expect(await watcher.checkDue() == nil)
        #expect(try world.store.punches(customer: world.sally.id).isEmpty)
        #expect(try world.store.pointsBalance(customer: world.sally.id) == 0)
        #expect(try world.store.pendingSales().isEmpty)
        guard case .lightspeed(.pendingSaleEnded(let ended, gaveUp: false))? = posted.messages.first else {
            Issue.record("expected the void to end the wait, got \(posted.messages)")
            return
        }
        #expect(ended.status == .voided)
        #expect(try world.store.auditLog(AuditFilter(customerID: world.sally.id)).first?.summary.contains("voided") == true)
    }

    @Test func aSaleStillOpenAfterDaysStopsBeingWatched() async throws {
        let world = try await LightspeedWorld.make()
        defer { Task { await world.close() } }
        let saleID = try await world.ringUp(customer: "101", [("201", 1)])
        _ = try await world.handler().handle(Self.press(saleID), by: LightspeedWorld.cashier)
        let clock = Clock(), posted = Posted()
        let watcher = try watcher(world, clock: clock, posted: posted)
        #expect(await watcher.checkDue() != nil)
        #expect(try world.store.pendingSales().count == 1)
        clock.advance(watcher.giveUpAfter + 1)
        #expect(await watcher.checkDue() == nil)
        #expect(try world.store.pendingSales().isEmpty)
        guard case .lightspeed(.pendingSaleEnded(_, gaveUp: true))? = posted.messages.first else {
            Issue.record("expected a give-up, got \(posted.messages)")
            return
        }
    }

    @Test func theSaleCommandOnAnOpenSaleSaysSoRecordsNothingAndWaitsWithWait() async throws {
        let world = try await LightspeedWorld.make()
        defer { Task { await world.close() } }
        let saleID = try await world.ringUp(customer: "101", [("201", 1)])
        let handler = try world.handler()
        let open = try await handler.handle(Self.press(saleID), by: LightspeedWorld.cashier, whenOpen: .report)
        #expect(open.status == .stillOpen)
        #expect(open.message.contains("still open: nothing was recorded"))
        #expect(try world.store.pendingSales().isEmpty)
        #expect(try world.store.punches(customer: world.sally.id).isEmpty)
        // --wait: the client reads it again with a backoff until the cashier completes it.
        let api = try world.service.connectedAPI()
        let simulator = world.simulator
        let completer = Task {
            try await Task.sleep(nanoseconds: 300_000_000)
            try await simulator.completeSale(saleID)
        }
        let sale = try await api.saleWhenCompleted(saleID, 30)
        try await completer.value
        let recorded = try await handler.record(sale, press: Self.press(saleID), by: LightspeedWorld.cashier)
        #expect(recorded.status == .recorded && recorded.punchIDs.count == 1)
    }

    @Test func pointsAreOnTheAmountAfterDiscountsAndFeesEarnNothingByDefault() async throws {
        let world = try await LightspeedWorld.make()
        defer { Task { await world.close() } }
        // $34.99 with $10.00 off, plus a $5.00 fee; 2 × $5.99 bones.
        let saleID = try await world.simulator.ringUpSale(
            customerID: "101", lines: [RingUpLine(itemID: "201", discountCents: 1_000), .fee(cents: 500),
                                       RingUpLine(itemID: "202", quantity: 2)], completed: true)
        let outcome = try await world.handler().handle(Self.press(saleID), by: LightspeedWorld.cashier)
        // $24.99 + $11.98 = $36.97 → 36 points (the fee and the discounted $10 earn nothing).
        #expect(outcome.pointsChange == 36)
        #expect(outcome.punchIDs.count == 3)
        #expect(outcome.noProgramItems.isEmpty)
        // The fee line is no refund and no item: refunding the dog food takes back what its line earned.
        let json = try #require(await world.simulator.saleJSON(saleID))
        let dogLine = try #require(json.many("SaleLines", "SaleLine").first { $0.link("itemID") == "201" }?.link("saleLineID"))
        let refundID = try await world.simulator.refundSale(saleID, lineIDs: [dogLine])
        let refund = try await world.handler().handle(LightspeedButtonPress(kind: .refund, saleID: refundID), by: LightspeedWorld.cashier)
        #expect(refund.status == .refunded)
        #expect(refund.pointsChange == -24)
        #expect(refund.refundPunchIDs.count == 1)

        // The store may count fees: then the fee's $5 earns too.
        let withFees = try await world.simulator.ringUpSale(
            customerID: "101", lines: [RingUpLine(itemID: "250"), .fee(cents: 500)], completed: true)
        let feeOutcome = try await LightspeedSaleHandler(api: try world.service.connectedAPI(), store: world.store,
                                                         policy: SalePointsPolicy(itemFeesEarnPoints: true))
            .handle(Self.press(withFees), by: LightspeedWorld.cashier)
        #expect(feeOutcome.pointsChange == 8)
    }

    @Test func aLayawayLineEarnsNothingUntilItIsHandedOver() async throws {
        let world = try await LightspeedWorld.make()
        defer { Task { await world.close() } }
        let saleID = try await world.simulator.ringUpSale(
            customerID: "101", lines: [RingUpLine(itemID: "201", held: .layaway), RingUpLine(itemID: "202")], completed: true)
        let outcome = try await world.handler().handle(Self.press(saleID), by: LightspeedWorld.cashier)
        #expect(outcome.punchItems == ["Crunchy Bones"])
        #expect(outcome.notHandedOverItems == ["MeNow Munchies 12 lb"])
        #expect(outcome.pointsChange == 5)
        #expect(outcome.message.contains("1 not handed over yet"))
    }

    @Test func anElevenDigitUPCEarnsItsPunch() async throws {
        let world = try await LightspeedWorld.make(data: LightspeedWorld.data.replacingOccurrences(
            of: "\"upc\": \"\(LightspeedWorld.meNow)\"", with: "\"upc\": \"\(LightspeedWorld.meNow.dropFirst())\""))
        defer { Task { await world.close() } }
        let saleID = try await world.sell(customer: "101", [("201", 1)])
        let outcome = try await world.handler().handle(Self.press(saleID), by: LightspeedWorld.cashier)
        #expect(outcome.punchIDs.count == 1)
        #expect(try world.store.punches(customer: world.sally.id).first?.upc == (try UPC.parse(LightspeedWorld.meNow)))
    }

    @Test func aSaleIsDatedInTheZoneOfTheShopThatSoldIt() async throws {
        let shops = """
            "Shop": [{"shopID": "1", "name": "Downtown", "timeZone": "US/Eastern"},
                     {"shopID": "2", "name": "Beach", "timeZone": "America/Los_Angeles"}],
            "Customer":
            """
        let world = try await LightspeedWorld.make(data: LightspeedWorld.data.replacingOccurrences(of: "\"Customer\":", with: shops))
        defer { Task { await world.close() } }
        // 23:30 in Los Angeles is already the next day (02:30) in New York, the store's zone.
        let calendar = StoreCalendar(timeZone: TimeZone(identifier: "America/New_York")!)
        let day = calendar.today(now: Date()).adding(days: -5)
        var la = Calendar(identifier: .gregorian)
        la.timeZone = TimeZone(identifier: "America/Los_Angeles")!
        let time = la.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 23, minute: 30))!
        let west = try await world.simulator.ringUpSale(customerID: "101", lines: [RingUpLine(itemID: "202")],
                                                        shopID: "2", at: time, completed: true)
        _ = try await world.handler().handle(Self.press(west), by: LightspeedWorld.cashier)
        #expect(calendar.localDate(of: time) == day.adding(days: 1))
        #expect(try world.store.punches(customer: world.sally.id).map(\.purchaseDate) == [day])
    }
}
