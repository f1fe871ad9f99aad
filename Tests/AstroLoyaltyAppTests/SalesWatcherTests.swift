import Foundation
import Lightspeed
import LightspeedSimulator
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import Testing
import TestSupport
@testable import AstroLoyaltyApp

extension LightspeedWorld {
    /// The watcher's world: the store and the simulator on a virtual clock (real HTTP, no real waiting), Sally
    /// (Lightspeed 101) and Max (102) linked, and Dana (120) with a loyalty account (same phone) nobody linked yet.
    static func watching(bucketSize: Double = 90, dripRate: Double = 1) async throws -> LightspeedWorld {
        let world = try await make(clock: VirtualClock(), bucketSize: bucketSize, dripRate: dripRate)
        _ = try world.store.addCustomer(CustomerDraft(firstName: "Dana", lastName: "Newcomer", phone: "555 010 2222"),
                                        by: cashier)
        return world
    }

    /// The virtual clock of a world made by `watching`.
    var time: VirtualClock {
        guard let clock else { preconditionFailure("a watcher world runs on a virtual clock") }
        return clock
    }
}

/// A deterministic random source, so a failing run can be replayed.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite(.serialized) struct SalesWatcherTests {
    /// Program units on a sale's lines (MeNow 201 and Crunchy Bones 202 are in programs; the toy is not).
    static func programUnits(_ lines: [(String, Int)]) -> Int {
        lines.filter { $0.0 == "201" || $0.0 == "202" }.reduce(0) { $0 + Swift.max($1.1, 0) }
    }

    @Test func threeRegistersOverTimeEveryUnitOnceWithinAMinuteInHalfTheBucket() async throws {
        let world = try await LightspeedWorld.watching()
        defer { Task { await world.close() } }
        var random = SeededRandom(state: 16)
        let settings = WatcherSettings(rateShare: 0.5, pollSeconds: 20)
        let watcher = world.watcher("counter A", settings: settings)
        let started = world.time.now()
        try world.store.setWatcherCheckpoint(started, by: LightspeedWorld.admin)

        var open: [String: [(String, Int)]] = [:]          // saleID → lines, rung up and not completed yet
        var registerOf: [String: String] = [:]
        var completed: [String: (customer: String?, lines: [(String, Int)], at: Date)] = [:]
        var voided: Set<String> = []
        var refunds: Set<String> = []
        var edited: [String: [(String, Int)]] = [:]        // lines added between pages
        var firstSeen: [String: Date] = [:]
        let customers: [String?] = ["101", "102", "101", "102", "120", nil]

        for tick in 0..<45 {
            for register in ["1", "2", "3"] {
                switch Int.random(in: 0..<10, using: &random) {
                case 0...3:
                    var lines: [(String, Int)] = [(["201", "202", "250"].randomElement(using: &random)!, Int.random(in: 1...3, using: &random))]
                    if Bool.random(using: &random) { lines.append(("202", Int.random(in: 1...2, using: &random))) }
                    let customer = customers.randomElement(using: &random)!
                    let id = try await world.ringUp(customer: customer, lines, register: register)
                    open[id] = lines
                    registerOf[id] = register
                case 4...7:
                    guard let id = open.keys.filter({ registerOf[$0] == register }).sorted().first else { continue }
                    let lines = open.removeValue(forKey: id)!
                    try await world.simulator.completeSale(id)
                    let sale = try #require(await world.simulator.saleJSON(id))
                    completed[id] = (sale.link("customerID"), lines, world.time.now())
                case 8:
                    guard let id = open.keys.filter({ registerOf[$0] == register }).sorted().last else { continue }
                    open.removeValue(forKey: id)
                    try await world.simulator.voidSale(id)
                    voided.insert(id)
                default:
                    // A refund of an earlier completed sale of a linked customer: left for a person.
                    guard let (id, _) = completed.filter({ $0.value.customer == "101" && !refunds.contains($0.key) })
                        .sorted(by: { $0.key < $1.key }).first else { continue }
                    refunds.insert(try await world.simulator.refundSale(id))
                }
            }
            // Edited between pages: right after the watcher's next page, a line is added to a sale it may have read.
            let recent = world.time.now().addingTimeInterval(-300)
            if tick % 7 == 3, let (id, value) = completed.filter({ $0.value.customer == "102" && edited[$0.key] == nil && $0.value.at > recent })
                .sorted(by: { $0.key > $1.key }).first {
                await world.simulator.edit(afterSalePages: 1, .addLine(saleID: id, itemID: "201", quantity: 1))
                edited[id] = value.lines + [("201", 1)]
            }
            world.time.advance(by: settings.pollSeconds)
            try await watcher.pass()
            for (id, sale) in completed where firstSeen[id] == nil && (sale.customer == "101" || sale.customer == "102") {
                if try world.punches(sale: id) > 0 { firstSeen[id] = world.time.now() }
            }
        }
        // Every edit has been answered: one more look picks up the added lines.
        world.time.advance(by: settings.pollSeconds)
        try await watcher.pass()

        var checked = 0
        for (id, sale) in completed.sorted(by: { $0.key < $1.key }) {
            let lines = edited[id] ?? sale.lines
            let expected = sale.customer == "101" || sale.customer == "102" ? Self.programUnits(lines) : 0
            #expect(try world.punches(sale: id) == expected, "sale \(id) for \(sale.customer ?? "nobody"): \(lines)")
            // The delay is measured on what the sale held when it completed (a line added later is its own event).
            if expected > 0, Self.programUnits(sale.lines) > 0 {
                checked += 1
                let seen = try #require(firstSeen[id], "sale \(id) never recorded")
                #expect(seen.timeIntervalSince(sale.at) <= 60, "sale \(id) recorded \(seen.timeIntervalSince(sale.at)) s after completion")
                #expect(try world.salePointsEntries(id).filter { $0.kind == .sale }.count == 1)
            }
        }
        #expect(checked >= 15, "the scenario must exercise enough linked sales (\(checked))")
        let delays = completed.filter { Self.programUnits($0.value.lines) > 0 }
            .compactMap { id, sale in firstSeen[id].map { $0.timeIntervalSince(sale.at) } }
        print("watcher delay from completion to punch over \(delays.count) sales: max \(delays.max() ?? 0) s, "
              + "mean \(String(format: "%.1f", delays.reduce(0, +) / Double(Swift.max(delays.count, 1)))) s")
        #expect(!edited.isEmpty)
        for id in voided.union(open.keys) { #expect(try world.punches(sale: id) == 0, "open or voided sale \(id)") }
        // Refunds take nothing back by themselves: they wait for a person.
        #expect(!refunds.isEmpty)
        for id in refunds { #expect(try world.salePointsEntries(id).isEmpty, "refund \(id) applied without a person") }

        // Dana's sales wait in the queue, with her loyalty account offered by phone.
        let danaSales = Set(completed.filter { $0.value.customer == "120" }.map(\.key))
        #expect(!danaSales.isEmpty)
        let queue = try UnlinkedQueue(store: world.store).entries()
        #expect(queue.map(\.lightspeed.lightspeedCustomerID) == ["120"])
        #expect(Set(queue.first?.lightspeed.saleIDs ?? []) == danaSales)
        #expect(queue.first?.matches.first?.reasons.contains("same phone") == true)

        // The watcher's share: what it asked of the simulator fits in half the bucket over the run, and no 429.
        let log = await world.simulator.requestLog()
        let pages = log.filter { $0.path.hasSuffix("/Sale.json") }
        let seconds = world.time.now().timeIntervalSince(started)
        #expect(log.allSatisfy { $0.status != 429 })
        #expect(Double(pages.count) * SalesFeed.completedPageCost <= 0.5 * 90 + 0.5 * 1 * seconds,
                "\(pages.count) pages in \(seconds) s")
        #expect(pages.count >= 45, "it looked at every tick")
        print("watcher requests while busy: \(pages.count) in \(Int(seconds)) s = \(Int(Double(pages.count) * 3600 / seconds)) an hour "
              + "(\(completed.count) sales completed, \(refunds.count) refunds)")
    }

    @Test func twoWatchersOneStoreEachSaleOnceAndTheLeaseIsTakenOver() async throws {
        let world = try await LightspeedWorld.watching()
        defer { Task { await world.close() } }
        try world.store.setWatcherCheckpoint(world.time.now(), by: LightspeedWorld.admin)
        var sales: [String] = []
        for n in 0..<30 { sales.append(try await world.sell(customer: n % 2 == 0 ? "101" : "102", [("202", 2)], register: String(n % 3 + 1))) }
        world.time.advance(by: 5)
        let a = world.watcher("counter A", settings: WatcherSettings(leaseSeconds: 60))
        let b = world.watcher("counter B", settings: WatcherSettings(leaseSeconds: 60))
        async let first = a.pass()
        async let second = b.pass()
        let (one, two) = try await (first, second)
        #expect([one.standingBy, two.standingBy].filter { $0 }.count == 1, "exactly one stood by")
        #expect(one.recorded + two.recorded == 30)
        for id in sales { #expect(try world.punches(sale: id) == 2) }
        let holder = try #require(try world.store.watcherRecord().leaseHolder)
        let (holding, waiting) = holder == "counter A" ? (a, b) : (b, a)

        // The holder stops renewing (a crashed counter): once its lease lapses the other takes over.
        let more = try await world.sell(customer: "101", [("201", 3)])
        world.time.advance(by: 30)
        #expect(try await waiting.pass().standingBy, "the lease still runs")
        world.time.advance(by: 31)
        let takeover = try await waiting.pass()
        #expect(!takeover.standingBy && takeover.recorded == 1)
        #expect(try world.punches(sale: more) == 3)
        #expect(try await holding.pass().standingBy, "the old holder now stands by")
        #expect(try world.store.auditLog().contains { $0.summary.contains("took over from \(holder)") })
        for id in sales { #expect(try world.punches(sale: id) == 2) }
    }

    @Test func aButtonPressRacingTheWatcherRecordsTheSaleOnce() async throws {
        let world = try await LightspeedWorld.watching()
        defer { Task { await world.close() } }
        try world.store.setWatcherCheckpoint(world.time.now(), by: LightspeedWorld.admin)
        let id = try await world.sell(customer: "101", [("201", 2), ("202", 1)])
        let watcher = world.watcher("counter A")
        let handler = LightspeedSaleHandler(api: .live(world.client), store: world.store, policy: SalePointsPolicy(itemFeesEarnPoints: false))
        async let watched = watcher.pass()
        async let pressed = handler.handle(LightspeedButtonPress(kind: .sale, saleID: id, customerID: "101"), by: LightspeedWorld.cashier)
        let (summary, outcome) = try await (watched, pressed)
        #expect(summary.sales == 1)
        #expect(outcome.status == .recorded)
        #expect(summary.punches + outcome.punchIDs.count == 3, "the two together added each unit once")
        #expect(try world.punches(sale: id) == 3)
        #expect(try world.salePointsEntries(id).map(\.delta) == [75])
        // And a counter scan of the same item that day, then the watcher: still once.
        let scanned = try world.store.recordPurchase(customer: world.sally.id, upc: try UPC.parse(LightspeedWorld.bones), by: LightspeedWorld.cashier)
        let later = try await world.sell(customer: "101", [("202", 1)])
        world.time.advance(by: 20)
        try await watcher.pass()
        #expect(try world.punches(sale: later) == 1)
        #expect(try world.store.punches(customer: world.sally.id).filter { $0.id == scanned.punches[0].id }.first?.saleID == later,
                "the counter punch became the sale's unit")
    }

    @Test func aWeekOfflineCatchesUpWithAProgressLineWithinItsShareThenIsUpToDate() async throws {
        let world = try await LightspeedWorld.watching(bucketSize: 20, dripRate: 1)
        defer { Task { await world.close() } }
        let weekAgo = world.time.now().addingTimeInterval(-7 * 86_400)
        try world.store.setWatcherCheckpoint(weekAgo, by: LightspeedWorld.admin)
        var ids: [String] = []
        for n in 0..<250 {
            ids.append(try await world.simulator.ringUpSale(
                customerID: n % 5 == 0 ? "120" : "101", lines: [RingUpLine(itemID: "202", quantity: 1)],
                registerID: String(n % 3 + 1), at: weekAgo.addingTimeInterval(Double(n) * 2000), completed: true))
        }
        let statuses = StatusBox<[WatcherStatus]>([])
        let watcher = world.watcher("counter A", settings: WatcherSettings(rateShare: 0.25),
                                    onStatus: { status in statuses.withLock { $0.append(status) } })
        let summary = try await watcher.pass()
        // A quarter of a 20-drip bucket: 5 drips at once, then 0.25 a second. Every run of pages after the
        // first (booked before the bucket's size was known) fits in that, on the simulator's clock.
        let sales = await world.simulator.requestLog().filter { $0.path.hasSuffix("/Sale.json") }
        let pages = sales.filter { !$0.query.contains("voided=true") }
        #expect(pages.count == 3 && pages.allSatisfy { $0.status == 200 })
        // Voids of recorded sales are looked for once the backlog is read, not during the catch-up.
        #expect(sales.filter { $0.query.contains("voided=true") }.count == 1 && sales.last?.query.contains("voided=true") == true)
        for i in 1..<pages.count {
            for j in i..<pages.count {
                let drips = Double(j - i + 1) * SalesFeed.completedPageCost
                #expect(drips <= 5 + 0.25 * pages[j].at.timeIntervalSince(pages[i].at) + SalesFeed.completedPageCost,
                        "pages \(i)…\(j): \(drips) drips in \(pages[j].at.timeIntervalSince(pages[i].at)) s")
            }
        }
        #expect(pages[2].at.timeIntervalSince(pages[0].at) >= (3 * SalesFeed.completedPageCost - 5) / 0.25 - 0.01,
                "the share made it wait")
        #expect(summary.pages == 3 && summary.upToDate)
        #expect(summary.recorded == 200 && summary.unlinked == 50)
        let seen = statuses.withLock { $0 }
        guard case .catchingUp(let behind, _) = seen.first else {
            Issue.record("first status \(seen)")
            return
        }
        #expect(WatcherStrings.statusLine(.catchingUp(behind: behind, sales: 0), timeZone: .gmt).hasPrefix("Lightspeed: catching up 4 days"))
        #expect(seen.last.map { if case .upToDate = $0 { true } else { false } } == true)
        let record = try world.store.watcherRecord()
        let last = try #require(await world.simulator.saleJSON(ids.last!)).string("completeTime")
        #expect(record.checkpoint.map { LightspeedDate.format($0) } == last)
        // A second look reads only the overlap and records nothing again.
        let again = try await watcher.pass()
        #expect(again.sales == 0 && again.pages == 1)
        for id in ids.enumerated() where id.offset % 5 != 0 { #expect(try world.punches(sale: id.element) == 1) }
    }

    @Test func statusLineWords() {
        let zone = TimeZone(identifier: "America/New_York")!
        let at = Date(timeIntervalSince1970: 1_780_000_000) // 2026-05-28 16:26 in New York
        #expect(WatcherStrings.statusLine(.upToDate(at: at), timeZone: zone) == "Lightspeed: up to date 16:26")
        #expect(WatcherStrings.statusLine(.catchingUp(behind: 3 * 86_400 + 5, sales: 9), timeZone: zone) == "Lightspeed: catching up 3 days…")
        #expect(WatcherStrings.statusLine(.catchingUp(behind: 5 * 3600, sales: 9), timeZone: zone) == "Lightspeed: catching up 5 hours…")
        #expect(WatcherStrings.statusLine(.problem("cannot reach Lightspeed; trying again"), timeZone: zone)
                == "Lightspeed: cannot reach Lightspeed; trying again")
    }
}

/// A value shared with a status callback.
final class StatusBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T
    init(_ value: T) { self.value = value }
    func withLock<R>(_ body: (inout T) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}

@Suite(.serialized) struct SalesSweepTests {
    @Test func theSweepFindsWhatImportHistoryFindsForEveryLinkedCustomerInFewerRequests() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("demo.sqlite").path
        _ = try InitCommand.create(at: path, demo: true, config: AppConfig(), adminName: "admin", storeName: nil)
        let store = try LoyaltyStore(path: path, hasher: .insecureForTests)
        let service = try await LightspeedService.make(config: AppConfig(), store: store, trainingMode: true)
        let simulator = try #require(service.simulator)
        let api = try service.connectedAPI()
        let settings = try store.settings()
        let since = StoreCalendar(timeZone: settings.timeZone).today(now: Date()).adding(days: -90)

        // Import History, customer by customer, for every linked customer.
        let engine = ImportHistoryEngine(store: store, lightspeed: api, policy: SalePointsPolicy(itemFeesEarnPoints: false),
                                         location: nil)
        let linked = try store.linkedCustomers()
        #expect(linked.count >= 3)
        let beforeImportHistory = await simulator.requestLog().count
        var byImportHistory: [Int64: [ImportRow]] = [:]
        for customer in linked {
            let review = try await engine.review(customerID: customer.id, start: since, includePoints: false)
            if !review.rows.isEmpty { byImportHistory[customer.id] = review.rows }
        }
        let importHistoryRequests = await simulator.requestLog().count - beforeImportHistory

        // The sweep: one pass over the account's sales.
        let sweep = SalesSweep(store: store, feed: .live(service.client), api: api, policy: SalePointsPolicy(itemFeesEarnPoints: false))
        let beforeSweep = await simulator.requestLog().count
        let result = try await sweep.run(since: since)
        let sweepRequests = await simulator.requestLog().count - beforeSweep
        var bySweep: [Int64: [ImportRow]] = [:]
        for customer in result.customers where !customer.review.rows.isEmpty { bySweep[customer.customerID] = customer.review.rows }

        #expect(bySweep == byImportHistory, "the same rows and statuses, customer by customer")
        let missed = byImportHistory.values.joined().filter { $0.status == .willImport }.reduce(0) { $0 + $1.quantity }
        #expect(missed > 0, "the demo store has missed purchases to find")
        #expect(result.toImport == byImportHistory.values.map { ImportSummary(rows: $0).toImport }.reduce(0, +))
        #expect(sweepRequests < importHistoryRequests)
        print("sweep vs Import History on the demo store: \(missed) missed units; \(sweepRequests) requests for the sweep, "
              + "\(importHistoryRequests) for Import History customer by customer (\(linked.count) linked customers)")

        // Committing one customer adds exactly its ✓ rows; a second sweep finds them as already existing.
        let first = try #require(result.customers.first { $0.summary.toImport > 0 })
        let outcome = try #require(try sweep.commit(first, by: Operator(username: "admin", role: .admin)))
        #expect(outcome.punchesAdded == first.summary.toImport)
        let again = try await sweep.run(since: since)
        #expect(again.customers.first { $0.customerID == first.customerID }?.summary.toImport == 0)
        await service.shutdown()
    }
}

/// The watcher inside the counter screen: started with the connected service, its status posted for the
/// status bar, and stopped (lease given back) with the counter.
@Suite(.serialized) struct CounterWatcherTests {
    @Test func theCounterRecordsASaleNobodyPressedTheButtonForAndSaysSo() async throws {
        let world = try await LightspeedWorld.make()
        defer { Task { await world.close() } }
        var config = world.config
        config.button.enabled = false
        config.watcher.pollSeconds = 1
        config.watcher.leaseSeconds = 5
        let lines = StatusBox<[String]>([])
        let counter = await CounterLightspeed.start(store: world.store, config: config, trainingMode: false,
                                                    logger: .quietCLI) { message in
            if case .lightspeed(.watcher(let line, _)) = message { lines.withLock { $0.append(line) } }
        }
        let saleID = try await world.sell(customer: "101", [("201", 2)])
        let deadline = Date().addingTimeInterval(30)
        // The punches land, then the look ends (the void look comes after the sales) and says "up to date".
        while try world.store.punches(customer: world.sally.id).filter({ $0.saleID == saleID }).count < 2
                || !lines.withLock({ $0 }).contains(where: { $0.hasPrefix("Lightspeed: up to date ") }), Date() < deadline {
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        #expect(try world.store.punches(customer: world.sally.id).filter { $0.saleID == saleID }.map(\.source) == [.realtime, .realtime])
        #expect(lines.withLock { $0 }.contains { $0.hasPrefix("Lightspeed: up to date ") })
        #expect(try world.store.watcherRecord().leaseHolder?.hasSuffix("(counter)") == true)
        await counter.stop()
        #expect(try world.store.watcherRecord().leaseHolder == nil, "stopping the counter gives the lease back")
    }
}
