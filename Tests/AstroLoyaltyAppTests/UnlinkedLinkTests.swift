import Foundation
import Lightspeed
import LightspeedSimulator
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import Testing
@testable import AstroLoyaltyApp

/// Linking a queued Lightspeed customer (the manager's screen and `unlinked --link` share `UnlinkedQueue.link`),
/// against the strict simulator over real HTTP: today's sale is recorded as the button would, an older one goes
/// to Import History's review and nothing of it is recorded until Agree, which takes it off the queue.
@Suite(.serialized) struct UnlinkedLinkTests {
    static let manager = Operator(username: "manager", role: .manager)
    static let policy = SalePointsPolicy(itemFeesEarnPoints: false)

    /// Dana (Lightspeed 120, linked to nobody) bought MeNow ×2 three days ago and Crunchy Bones ×1 today; the
    /// watcher queued both.
    static func queued(_ world: LightspeedWorld) async throws -> (older: String, today: String, dana: Int64) {
        try world.store.setWatcherCheckpoint(world.time.now().addingTimeInterval(-60), by: LightspeedWorld.admin)
        let older = try await world.sell(customer: "120", [("201", 2)])
        world.time.advance(by: 3 * 86_400)
        let today = try await world.sell(customer: "120", [("202", 1)])
        world.time.advance(by: 5)
        let summary = try await world.watcher("counter A", settings: WatcherSettings(firstRunHours: 24 * 7)).pass()
        #expect(summary.unlinked == 2)
        let dana = try #require(try world.store.searchCustomers("Dana").first).id
        return (older, today, dana)
    }

    static func danaPunches(_ world: LightspeedWorld, _ dana: Int64, sale: String) throws -> Int {
        try world.store.punches(customer: dana).filter { $0.saleID == sale && $0.removal == nil }.count
    }

    @Test func todaysSaleIsRecordedAtOnceAndAnOlderOneGoesToImportHistorysReview() async throws {
        let world = try await LightspeedWorld.watching()
        defer { Task { await world.close() } }
        let (older, today, dana) = try await Self.queued(world)
        let clock = world.time
        let queue = UnlinkedQueue(store: world.store, now: { clock.now() })
        let entry = try #require(try queue.entries().first)
        #expect(entry.candidates.first?.customerID == dana, "Dana's loyalty account is offered (same phone)")

        let result = try await queue.link(customer: dana, to: "120", api: .live(world.client), policy: Self.policy, by: Self.manager)
        // Positive control: today's sale was recorded directly, as the button would.
        #expect(result.sales.map(\.saleID) == [today])
        #expect(try Self.danaPunches(world, dana, sale: today) == 1)
        // The older sale: a review with its unit to add, nothing recorded yet, still queued.
        let review = try #require(result.review)
        #expect(review.queuedSaleIDs == [older])
        #expect(review.customerID == dana)
        #expect(review.summary.toImport == 2)
        #expect(review.rows.allSatisfy { $0.line.saleID == older })
        #expect(result.reviewContext?.customerID == dana)
        #expect(try Self.danaPunches(world, dana, sale: older) == 0)
        let waiting = try queue.entries()
        #expect(waiting.map(\.lightspeed.saleIDs) == [[older]])
        #expect(waiting.first?.linked?.customerID == dana, "linked now: offered first when the manager comes back")

        // `unlinked --link` prints the same result: what it recorded, and that the older sale waits for --agree.
        let said = LinkReport(result, added: nil).human
        #expect(said.contains("1 sale of today recorded, 1 punch"))
        #expect(said.contains("Import History's review of 1 older sale: 2 to import"))
        #expect(said.contains("Nothing of them was recorded: they stay queued. Run again with --agree"))

        // Agree (Import History's commit): the two units land and the sale leaves the queue in the same transaction.
        let outcome = try queue.agree(review, api: .live(world.client), policy: Self.policy, by: Self.manager)
        #expect(outcome.punchesAdded == 2)
        #expect(LinkReport(result, added: outcome).human.contains("Agreed: 2 punches and"))
        #expect(try Self.danaPunches(world, dana, sale: older) == 2)
        #expect(try queue.entries().isEmpty)
        #expect(try world.store.auditLog(AuditFilter(action: .watcherLink)).count == 2)
    }

    @Test func aLinkAgainAfterADeclineFindsTheOlderSaleStillWaitingAndACashierCannotLink() async throws {
        let world = try await LightspeedWorld.watching()
        defer { Task { await world.close() } }
        let (older, _, dana) = try await Self.queued(world)
        let clock = world.time
        let queue = UnlinkedQueue(store: world.store, now: { clock.now() })
        await #expect(throws: StoreError.self) {
            _ = try await queue.link(customer: dana, to: "120", api: .live(world.client), policy: Self.policy, by: LightspeedWorld.cashier)
        }
        #expect(try world.store.customer(id: dana)?.lightspeedCustomerID == nil, "a refused link changes nothing")
        _ = try await queue.link(customer: dana, to: "120", api: .live(world.client), policy: Self.policy, by: Self.manager)
        // Declined on screen: nothing recorded; linking again offers the same review, and today's is not recorded twice.
        let again = try await queue.link(customer: dana, to: "120", api: .live(world.client), policy: Self.policy, by: Self.manager)
        #expect(again.sales.isEmpty)
        #expect(again.review?.queuedSaleIDs == [older])
        #expect(try world.store.punches(customer: dana).count == 1)
        // The older units put on the card some other way (here Import History's own commit, without the queue):
        // the next link finds nothing to add and takes the sale off the queue.
        let engine = ImportHistoryEngine(store: world.store, lightspeed: .live(world.client), now: { clock.now() },
                                          policy: Self.policy, location: nil)
        var plain = try #require(again.review)
        plain.queuedSaleIDs = []
        _ = try engine.commit(plain, by: Self.manager)
        let last = try await queue.link(customer: dana, to: "120", api: .live(world.client), policy: Self.policy, by: Self.manager)
        #expect(last.review == nil)
        #expect(last.settledOlder == 1)
        #expect(try queue.entries().isEmpty)
    }
}

/// The settings screen's save on a running counter: kept in the store, and this counter's watcher restarts with
/// them (switched off: it stops, gives its lease back and the status bar says so).
@Suite(.serialized) struct CounterWatcherSettingsTests {
    @Test func savingTheWatcherOffStopsThisCountersWatcherAndSaysSo() async throws {
        let world = try await LightspeedWorld.make()
        defer { Task { await world.close() } }
        var config = AppConfig()
        let base = await world.simulator.baseURL.absoluteString
        config.lightspeed.apiBaseURL = base
        config.lightspeed.authBaseURL = base
        config.lightspeed.clientID = world.simulator.clientID
        config.button.enabled = false
        config.watcher.pollSeconds = 1
        config.watcher.leaseSeconds = 5
        let lines = StatusBox<[String]>([])
        let saved = StatusBox<[AppMsg]>([])
        let counter = await CounterLightspeed.start(store: world.store, config: config, trainingMode: false,
                                                    logger: .quietCLI) { message in
            if case .lightspeed(.watcher(let line, _)) = message { lines.withLock { $0.append(line) } }
            if case .watcher(.settings) = message { saved.withLock { $0.append(message) } }
        }
        defer { Task { await counter.stop() } }
        var deadline = Date().addingTimeInterval(20)
        while try world.store.watcherRecord().leaseHolder == nil, Date() < deadline { try await Task.sleep(nanoseconds: 50_000_000) }
        #expect(try world.store.watcherRecord().leaseHolder?.hasSuffix("(counter)") == true, "positive control: it watches")

        counter.perform(watcher: .saveSettings(enabled: false, rateShare: 0.25, shops: [],
                                               by: Operator(username: "admin", role: .admin)))
        deadline = Date().addingTimeInterval(20)
        while !lines.withLock({ $0.contains("Lightspeed: watcher off") }), Date() < deadline {
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        #expect(lines.withLock { $0.contains("Lightspeed: watcher off") })
        #expect(try world.store.watcherRecord().leaseHolder == nil, "the stopped watcher gave its lease back")
        #expect(try world.store.storedWatcherSettings() == StoredWatcherSettings(enabled: false, rateShare: 0.25, shops: []))
        guard case .watcher(.settings(.saved(let data)))? = saved.withLock({ $0.last }) else {
            Issue.record("no saved answer: \(saved.withLock { $0 })")
            return
        }
        #expect(data.settings.enabled == false)
        #expect(data.setInStore)
        #expect(data.shops.map(\.id).isEmpty == false, "the account's shops are offered")
    }
}
