import Foundation
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import Testing
import TestSupport

/// The counter while the store's server is unreachable (issue 18 #4): a scan the server did not take is kept on
/// the counter and shown pending, the status bar counts what waits, a retry is asked for every few seconds, and
/// the replay's results empty the queue and refresh the screen.
@Suite struct OfflineFeatureTests {
    static let munchies = try! UPC.parse("007123000016")
    static let retry = Effect.offline(.replay(afterSeconds: OfflineTiming.retrySeconds))

    static func kept(_ id: Int64, customer: Int64 = 7, quantity: Int = 1, refusal: String? = nil) -> QueuedScan {
        QueuedScan(id: id, scanID: UUID(), customerID: customer, upc: munchies, quantity: quantity,
                   scannedAt: Date(timeIntervalSince1970: 1_750_000_000 + Double(id)), localDate: nil,
                   username: "cashier", role: .cashier, counter: "front", refusal: refusal)
    }

    static func purchase(customer: Int64 = 7, quantity: Int = 1) -> CheckoutAction {
        .recordPurchase(customerID: customer, upc: munchies, quantity: quantity, preferredCardID: nil)
    }

    /// Signed in, on customer 7's checkout.
    static func atCheckout() -> Harness {
        var h = Harness()
        h.signIn()
        _ = h.feature.openCustomer(7, &h.state)
        return h
    }

    @Test func startingReadsTheQueueAndAQueueWithScansIsReplayedAtOnce() {
        var h = Harness()
        #expect(h.feature.start(&h.state) == [.loadStoreInfo, .offline(.loadQueue)])
        #expect(h.send(.offline(.queueLoaded([]))) == [])
        let left = [Self.kept(1), Self.kept(2, customer: 8)]
        #expect(h.send(.offline(.queueLoaded(left))) == [.offline(.replay(afterSeconds: 0))])
        #expect(h.state.offline.queue == left && h.state.offline.waiting == 2)
        #expect(OfflineStrings.statusLine(h.state.offline) == "2 scans waiting")
    }

    @Test func aKeptScanIsShownPendingCountedAndRetried() {
        var h = Self.atCheckout()
        let scan = Self.kept(1, quantity: 2)
        let effects = h.send(.checkout(.scanKept(Self.purchase(quantity: 2), scan)))
        #expect(effects == [Self.retry])
        #expect(h.state.offline == OfflineState(serverUnreachable: true, queue: [scan]))
        #expect(h.state.checkout.kept == [scan])
        #expect(h.state.status == StatusMessage("2 × \(Self.munchies.display) " + OfflineStrings.keptLine + "."))
        #expect(OfflineStrings.statusLine(h.state.offline) == "Server unreachable · 1 scan waiting")
        // Another customer's kept scan counts on the status bar but is not this checkout's pending line.
        let other = Self.kept(2, customer: 8)
        h.send(.checkout(.scanKept(Self.purchase(customer: 8), other)))
        #expect(h.state.checkout.kept == [scan])
        #expect(OfflineStrings.statusLine(h.state.offline) == "Server unreachable · 2 scans waiting")
    }

    @Test func theReplayEmptiesTheQueueAndRefreshesTheCheckout() {
        var h = Self.atCheckout()
        let a = Self.kept(1)
        let b = Self.kept(2)
        h.send(.checkout(.scanKept(Self.purchase(), a)))
        h.send(.checkout(.scanKept(Self.purchase(), b)))
        // Still down: nothing recorded, the next try is asked for.
        let stillDown = h.send(.offline(.replayed(ReplayReport(unreachable: true, queue: [a, b]))))
        #expect(stillDown == [Self.retry])
        #expect(OfflineStrings.statusLine(h.state.offline) == "Server unreachable · 2 scans waiting")
        // Back: both recorded in order, the queue is empty, the checkout reloads, no more retries.
        let back = h.send(.offline(.replayed(ReplayReport(recorded: [a, b], queue: []))))
        #expect(back == [.checkout(.load(customerID: 7))])
        #expect(h.state.offline == OfflineState())
        #expect(h.state.checkout.kept.isEmpty)
        #expect(h.state.status == .success("The server is back: 2 kept scans recorded."))
        #expect(OfflineStrings.statusLine(h.state.offline) == nil)
    }

    @Test func aScanRefusedOnReplayStaysForAManagerAndIsSaid() {
        var h = Self.atCheckout()
        let a = Self.kept(1)
        h.send(.checkout(.scanKept(Self.purchase(), a)))
        var refused = a
        refused.refusal = "The program \"MeNow\" is no longer active: its items earn no punches."
        let effects = h.send(.offline(.replayed(ReplayReport(refused: [refused], queue: [refused]))))
        // Kept (refused) scans are still read again every few seconds: a manager may clear them from the shell.
        #expect(effects == [Self.retry])
        #expect(h.state.status == .error(OfflineStrings.refused(refused)))
        #expect(h.state.checkout.kept == [refused])
        #expect(OfflineStrings.statusLine(h.state.offline) == "1 kept scan refused")
    }

    @Test func otherWritesAndSignInSayTheyNeedTheServer() {
        var h = Self.atCheckout()
        let down = EffectError.store(.serverUnreachable(location: "db.example:5432/loyalty"))
        h.send(.checkout(.actionFailed(.redeem(cardID: 3, rewardUPC: Self.munchies, funding: .claim, details: nil), down)))
        #expect(h.state.status == .error(OfflineStrings.needsServer))
        #expect(h.state.offline.serverUnreachable)
        #expect(OfflineStrings.statusLine(h.state.offline) == "Server unreachable")
        // An answer from the server, even a refusal, clears it (positive control that the flag can go).
        h.send(.checkout(.actionFailed(.redeem(cardID: 3, rewardUPC: Self.munchies, funding: .claim, details: nil),
                                        .store(.notFound("Card 3")))))
        #expect(!h.state.offline.serverUnreachable)
        #expect(h.state.status == .error("Card 3 was not found."))

        var signIn = Harness()
        signIn.type("cashier") { .signIn(.edit($0)) }
        signIn.send(.signIn(.nextField))
        signIn.type("secret-pw") { .signIn(.edit($0)) }
        signIn.send(.signIn(.submit))
        signIn.send(.signIn(.signInFailed(down)))
        #expect(signIn.state.signIn.error == OfflineStrings.signInNeedsServer)
        #expect(signIn.state.offline.serverUnreachable)
    }

    @Test func aScanKeptWhileLockedIsCountedAndRetriedAtOnce() {
        var h = Self.atCheckout()
        h.send(.lockTerminal)
        #expect(h.state.isLocked)
        let scan = Self.kept(1)
        #expect(h.send(.checkout(.scanKept(Self.purchase(), scan))) == [Self.retry])
        #expect(h.state.offline.queue == [scan])
    }
}

/// The effect side on a real store and a real queue file: while scans wait a new one joins them (order), the
/// replay records each once with its own time, and a refused one stays marked while the next still lands.
@Suite struct OfflineEffectTests {
    let bench: CheckoutBench
    let queue: OfflineScanQueue
    let runner: EffectRunner
    let clock = TestClock(CheckoutBench.now)

    init() throws {
        bench = try CheckoutBench()
        queue = try OfflineScanQueue(path: bench.folder.appendingPathComponent("kept-scans.sqlite").path)
        let clock = clock
        runner = EffectRunner(store: bench.store, policy: SalePointsPolicy(itemFeesEarnPoints: false),
                              offline: OfflineScans(queue: queue, counter: "front"),
                              clock: { clock.now })
    }

    func scan(_ upc: UPC, quantity: Int = 1) -> Effect {
        .checkout(.perform(.recordPurchase(customerID: bench.sally.id, upc: upc, quantity: quantity, preferredCardID: nil),
                           customerID: bench.sally.id, by: bench.cashierOp, approval: nil))
    }

    @Test func whileScansWaitANewScanJoinsThemAndTheReplayRecordsAllInOrderAtTheirTimes() throws {
        // Positive control: with nothing waiting, a scan goes to the store.
        let direct = runner.run(scan(CheckoutBench.menow12))
        guard case .checkout(.actionDone(_, .purchase(let result), _))? = direct else {
            Issue.record("expected the scan recorded, got \(String(describing: direct))")
            return
        }
        #expect(result.punches.count == 1)
        // A scan kept earlier (the server did not answer then).
        let earlier = try queue.append(QueuedScan(scanID: UUID(), customerID: bench.sally.id, upc: CheckoutBench.menow24,
                                                  quantity: 2, scannedAt: CheckoutBench.now.addingTimeInterval(-60),
                                                  localDate: nil, username: "cashier", role: .cashier, counter: "front"))
        clock.advance(5)
        let joined = runner.run(scan(CheckoutBench.menow12, quantity: 3))
        guard case .checkout(.scanKept(_, let kept))? = joined else {
            Issue.record("expected the scan kept behind the waiting one, got \(String(describing: joined))")
            return
        }
        #expect(kept.scannedAt == CheckoutBench.now.addingTimeInterval(5) && kept.quantity == 3)
        #expect(kept.localDate == LocalDate(iso: "2025-11-24"))
        #expect(try queue.all().map(\.id) == [earlier.id, kept.id])
        #expect(try bench.store.punches(customer: bench.sally.id).count == 1)

        guard case .offline(.replayed(let report))? = runner.run(.offline(.replay(afterSeconds: 0))) else {
            Issue.record("expected a replay report")
            return
        }
        #expect(report.recorded.map(\.id) == [earlier.id, kept.id] && report.refused.isEmpty && !report.unreachable)
        #expect(try report.queue.isEmpty && queue.all().isEmpty)
        let punches = try bench.store.punches(customer: bench.sally.id).sorted { $0.id < $1.id }
        #expect(punches.count == 6)
        #expect(punches.dropFirst().prefix(2).allSatisfy { $0.recordedAt == earlier.scannedAt && $0.upc == CheckoutBench.menow24 })
        #expect(punches.suffix(3).allSatisfy { $0.recordedAt == kept.scannedAt && $0.upc == CheckoutBench.menow12 })
        // Replaying the same scans again (an earlier try committed, its answer lost) records nothing more.
        try queue.append(earlier)
        guard case .offline(.replayed(let again))? = runner.run(.offline(.replay(afterSeconds: 0))) else {
            Issue.record("expected a replay report")
            return
        }
        #expect(again.recorded.map(\.scanID) == [earlier.scanID] && again.queue.isEmpty)
        #expect(try bench.store.punches(customer: bench.sally.id).count == 6)
    }

    /// A scan kept at a counter of another location is recorded there when it is replayed, as it would have been
    /// at once; one kept without a location (before locations) lands at the default location.
    @Test func aKeptScanIsRecordedAtItsCountersLocation() throws {
        let denver = try bench.store.addLocation(Location(name: "Denver", timeZoneID: "America/Denver"),
                                                 by: CheckoutBench.admin)
        let home = try bench.store.location(named: nil)
        let there = try queue.append(QueuedScan(scanID: UUID(), customerID: bench.sally.id, upc: CheckoutBench.menow12,
                                                quantity: 1, scannedAt: CheckoutBench.now, localDate: nil,
                                                username: "cashier", role: .cashier, counter: "Denver (till 2)",
                                                locationID: denver.id))
        #expect(try queue.scan(id: there.id)?.op.locationID == denver.id)
        let unplaced = try queue.append(QueuedScan(scanID: UUID(), customerID: bench.sally.id, upc: CheckoutBench.tidy,
                                                   quantity: 1, scannedAt: CheckoutBench.now, localDate: nil,
                                                   username: "cashier", role: .cashier, counter: nil))
        guard case .offline(.replayed(let report))? = runner.run(.offline(.replay(afterSeconds: 0))) else {
            Issue.record("expected a replay report")
            return
        }
        #expect(report.recorded.map(\.id) == [there.id, unplaced.id])
        let purchases = try bench.store.auditLog(AuditFilter(customerID: bench.sally.id, action: .purchase))
        #expect(purchases.compactMap(\.location).sorted() == ["Denver", home.name].sorted())
    }

    @Test func aScanTheStoreNowRefusesIsMarkedAndTheNextStillLands() throws {
        let first = try queue.append(QueuedScan(scanID: UUID(), customerID: bench.sally.id, upc: CheckoutBench.menow12,
                                                quantity: 1, scannedAt: CheckoutBench.now, localDate: nil,
                                                username: "cashier", role: .cashier, counter: nil))
        let second = try queue.append(QueuedScan(scanID: UUID(), customerID: bench.sally.id, upc: CheckoutBench.tidy,
                                                 quantity: 1, scannedAt: CheckoutBench.now, localDate: nil,
                                                 username: "cashier", role: .cashier, counter: nil))
        _ = try bench.store.setProgramActive(bench.menow.id, false, by: CheckoutBench.admin)
        guard case .offline(.replayed(let report))? = runner.run(.offline(.replay(afterSeconds: 0))) else {
            Issue.record("expected a replay report")
            return
        }
        let reason = StoreError.programInactive(bench.menow.name).description
        #expect(report.refused.map(\.id) == [first.id] && report.refused.first?.refusal == reason)
        #expect(report.recorded.map(\.id) == [second.id])
        #expect(try queue.all().map(\.id) == [first.id] && queue.scan(id: first.id)?.refusal == reason)
        #expect(try bench.store.punches(customer: bench.sally.id).map(\.upc) == [CheckoutBench.tidy])
    }
}
