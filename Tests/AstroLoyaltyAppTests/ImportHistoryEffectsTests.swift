import Foundation
import Lightspeed
import LightspeedSimulator
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import Testing
import TestSupport
@testable import AstroLoyaltyApp

/// A real temp store (MeNow program, N = 5, with a UPC item and an EAN-only item; Sally linked to Lightspeed
/// customer 101 with the punches of the seed's stories) and a simulator on a loopback port holding her sales.
struct ImportWorld {
    static let admin = Operator(username: "admin", role: .admin)
    static let cashier = Operator(username: "cashier", role: .cashier)
    static let menow = try! UPC.parse("007123000016")
    static let euro = try! UPC.parse("4006381333931")
    static let zone = TimeZone(identifier: "America/New_York")!

    let store: LoyaltyStore
    let folder: URL
    let simulator: LightspeedSimulator
    let api: LightspeedAPI
    let runner: ImportHistoryRunner
    let sally: Customer
    let program: Program

    /// Sales, oldest first: S1 the Sally story (bought 2019-04-02, added by hand 2019-04-03); S2 already on a
    /// redeemed card; S3 three bags with two punches on record; S4 bought and S5 its refund; S6 voided; S7 at
    /// 23:30 local; S8 an item with only an EAN; S9 a toy in no program; S10 a misc line (no item).
    static func sale(_ id: String, _ utc: String, lines: [(line: String, item: String, qty: Int, parent: String?)],
                     subtotal: String = "34.99", voided: Bool = false, shop: String = "1") -> String {
        // The sale's subtotal shared among its lines (points are earned on the lines' amounts).
        let share = String(format: "%.2f", (Double(subtotal) ?? 0) / Double(max(1, lines.count)))
        let lineJSON = lines.map { l in
            """
            {"saleLineID": "\(l.line)", "unitQuantity": "\(l.qty)", "unitPrice": "34.99", "calcSubtotal": "\(share)",
             "itemID": "\(l.item)", "parentSaleLineID": "\(l.parent ?? "0")", "saleID": "\(id)"}
            """
        }.joined(separator: ",")
        return """
        {"saleID": "\(id)", "completed": "true", "voided": "\(voided)", "completeTime": "\(utc)",
         "ticketNumber": "2200000\(id)", "calcSubtotal": "\(subtotal)", "customerID": "101", "employeeID": "7",
         "registerID": "2", "shopID": "\(shop)", "SaleLines": {"SaleLine": [\(lineJSON)]}}
        """
    }

    static let sales: [String] = [
        sale("1", "2019-04-02T15:00:00+00:00", lines: [("11", "201", 1, nil)]),
        sale("2", "2019-04-05T15:00:00+00:00", lines: [("21", "201", 1, nil)]),
        sale("3", "2019-04-08T15:00:00+00:00", lines: [("31", "201", 3, nil)], subtotal: "104.97"),
        sale("4", "2019-04-10T15:00:00+00:00", lines: [("41", "201", 1, nil)]),
        sale("5", "2019-04-12T15:00:00+00:00", lines: [("51", "201", -1, "41")], subtotal: "-34.99"),
        sale("6", "2019-04-13T15:00:00+00:00", lines: [("61", "201", 1, nil)], voided: true),
        sale("7", "2019-04-15T03:30:00+00:00", lines: [("71", "201", 1, nil)]),
        sale("8", "2019-04-16T15:00:00+00:00", lines: [("81", "202", 1, nil)], subtotal: "19.99"),
        sale("9", "2019-04-17T15:00:00+00:00", lines: [("91", "250", 1, nil), ("92", "0", 1, nil)], subtotal: "5.50"),
    ]

    static func data(sales: [String]) -> String {
        """
        {
          "Account": {"accountID": "12345", "name": "Happy Tails (test)"},
          "Customer": [{"customerID": "101", "firstName": "Sally", "lastName": "Pet Owner", "archived": "false",
                        "Contact": {"Addresses": "", "Phones": "", "Emails": "", "Websites": ""}}],
          "Item": [
            {"itemID": "201", "description": "MeNow Munchies Chicken & Rice 12 lb", "upc": "007123000016", "ean": "",
             "customSku": "", "archived": "false"},
            {"itemID": "202", "description": "EuroKibble 2 kg", "upc": "", "ean": "4006381333931", "customSku": "",
             "archived": "false"},
            {"itemID": "250", "description": "Squeaky Toy", "upc": "099990000015", "ean": "", "customSku": "",
             "archived": "false"}
          ],
          "Sale": [\(sales.joined(separator: ","))]
        }
        """
    }

    static func make(sales: [String] = ImportWorld.sales, pageSize: Int = 100, history: Bool = true,
                     linked: Bool = true) async throws -> ImportWorld {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("import-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try LoyaltyStore(path: folder.appendingPathComponent("store.sqlite").path, hasher: .insecureForTests)
        _ = try store.createFirstAdmin(username: "admin", displayName: "Ada Admin", password: "admin-pw", pin: "9999")
        try store.addUser(username: "cashier", displayName: "Casey Cashier", role: .cashier, password: "cashier-pw",
                          pin: "1234", by: admin)
        try store.addUser(username: "manager", displayName: "Morgan Manager", role: .manager, password: "manager-pw",
                          pin: "2222", by: admin)
        try store.updateSettings(StoreSettings(storeName: "Happy Tails", timeZoneID: "America/New_York",
                                               goLiveDate: LocalDate(iso: "2019-01-01"), pointsEnabled: true,
                                               pointsRule: PointsRule(points: 1, unitCents: 100)), by: admin)
        let program = try store.addProgram(Program(name: "MeNow Munchies", manufacturer: "MeNow", punchesRequired: 5,
                                                   rewardRule: "Same size bag free"), by: admin)
        try store.addProgramItem(ProgramItem(programID: program.id, upc: menow, description: "MeNow 12 lb"), by: admin)
        try store.addProgramItem(ProgramItem(programID: program.id, upc: euro, description: "EuroKibble 2 kg"), by: admin)
        let sally = try store.addCustomer(CustomerDraft(firstName: "Sally", lastName: "Pet Owner"), by: cashier)
        if linked { try store.linkLightspeed(customer: sally.id, to: "101", by: cashier) }
        if history {
            func punch(_ day: String, _ source: PunchSource = .counter) -> Punch {
                Punch(cardID: 0, upc: menow, itemDescription: "MeNow 12 lb", purchaseDate: LocalDate(iso: day)!,
                      source: source, recordedBy: "cashier", recordedAt: Date(timeIntervalSince1970: 1_554_000_000))
            }
            let redeemed = HistoricalCard(
                customerID: sally.id, programID: program.id,
                punches: ["2019-03-01", "2019-03-05", "2019-03-10", "2019-03-15", "2019-04-05"].map { punch($0) },
                redemption: .init(at: Date(timeIntervalSince1970: 1_554_600_000), by: "cashier", rewardUPC: menow))
            let open = HistoricalCard(customerID: sally.id, programID: program.id,
                                      punches: [punch("2019-04-03"), punch("2019-04-08"), punch("2019-04-08")])
            try store.loadHistory(facts: [], cards: [redeemed, open], points: [], by: admin)
        }

        let dataFile = folder.appendingPathComponent("lightspeed.json")
        try Data(data(sales: sales).utf8).write(to: dataFile)
        let simulator = try LightspeedSimulator(dataFile: dataFile)
        let port = try await simulator.start(port: 0)
        let base = URL(string: "http://127.0.0.1:\(port)")!
        let configuration = LightspeedConfiguration(apiBaseURL: base, authBaseURL: base, clientID: simulator.clientID,
                                                    accountID: "12345",
                                                    requestTimeout: 3, maxRetries: 0, pageSize: pageSize)
        let client = LightspeedClient(configuration: configuration,
                                      tokenStore: InMemoryTokenStore(await simulator.issueTokens()))
        let api = LightspeedAPI.live(client)
        return ImportWorld(store: store, folder: folder, simulator: simulator, api: api,
                           runner: ImportHistoryRunner(store: store, lightspeed: api, policy: SalePointsPolicy(itemFeesEarnPoints: false)), sally: sally, program: program)
    }

    var engine: ImportHistoryEngine { runner.engine }

    func review(from start: String = "2019-04-01", points: Bool = false) async throws -> ImportReview {
        try await engine.review(customerID: sally.id, start: LocalDate(iso: start)!, includePoints: points)
    }

    /// (line, status label, quantity) per row, in order.
    static func shape(_ review: ImportReview) -> [String] {
        review.rows.map { "\($0.line.saleLineID) \($0.purchaseDate.iso) \($0.status.label) ×\($0.quantity)" }
    }

    func punchCount() throws -> Int { try store.punches(customer: sally.id).count }

    func close() async {
        await simulator.stop()
        try? FileManager.default.removeItem(at: folder)
    }
}

/// Messages a runner posted, collected across threads.
final class PostBox: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [AppMsg] = []
    func add(_ m: AppMsg) { lock.withLock { list.append(m) } }
    var messages: [AppMsg] { lock.withLock { list } }
}

@Suite("Import History against the simulator", .serialized)
struct ImportHistoryEffectsTests {
    @Test func everyStoryOfTheSeedGetsItsStatus() async throws {
        let w = try await ImportWorld.make()
        defer { Task { await w.close() } }
        let review = try await w.review()
        #expect(ImportWorld.shape(review) == [
            "11 2019-04-02 Possible duplicate ×1",       // bought 4/2, added by hand 4/3: offered again, flagged
            "21 2019-04-05 Transaction Already Exists ×1", // on a redeemed card
            "31 2019-04-08 Transaction Already Exists ×2", // 3 bought, 2 on record
            "31 2019-04-08 ✓ ×1",
            "41 2019-04-10 Refunded ×1",                 // the refund S5 returned it: never offered
            "51 2019-04-12 Refund ×-1",                  // information only
            "71 2019-04-14 ✓ ×1",                        // 23:30 local on the 14th (03:30 UTC on the 15th)
            "81 2019-04-16 ✓ ×1",                        // the item has only an EAN
            "91 2019-04-17 No Item ×1",                  // the voided sale and the misc line give no row
        ])
        #expect(review.rows.first { $0.status == .possibleDuplicate }?.checked == false)
        #expect(review.summary.toImport == 3)
        #expect(review.summary.refunded == 1)
        #expect(review.completions == ["MeNow Munchies"], "3 on the open card + 2 → complete, then 1 on a new card")
        #expect(review.fetched == FetchCounts(pages: 1, sales: 8, lines: 9), "the voided sale is not even fetched")
        let details = review.rows.first { $0.line.saleLineID == "71" }!.line
        #expect(details.ticketNumber == "22000007" && details.register == "2" && details.employee == "7")
    }

    @Test func agreeCommitsOnceAndASecondRunAddsNothing() async throws {
        let w = try await ImportWorld.make()
        defer { Task { await w.close() } }
        let before = try w.punchCount()
        let review = try await w.review()
        let posted = PostBox()
        let message = await w.runner.run(.commit(review, by: ImportWorld.cashier), post: posted.add)
        guard case .importHistory(.committed(let outcome, let completions))? = message else {
            Issue.record("not committed: \(String(describing: message))")
            return
        }
        #expect(outcome.punchesAdded == 3)
        #expect(outcome.completedCardIDs.count == 1)
        #expect(completions == ["MeNow Munchies"])
        let punches = try w.store.punches(customer: w.sally.id)
        #expect(punches.count == before + 3)
        let imported = punches.filter { $0.source == .import }
        #expect(imported.map(\.purchaseDate.iso).sorted() == ["2019-04-08", "2019-04-14", "2019-04-16"])
        #expect(Set(imported.compactMap(\.saleLineID)) == ["31", "71", "81"])
        #expect(try w.store.importRuns(customer: w.sally.id).count == 1)
        let detail = try #require(try w.store.customerDetail(id: w.sally.id))
        #expect(!detail.todaysPurchases.contains { $0.source == .import }, "imported punches are not Today's Purchases")

        let again = try await w.review()
        #expect(!again.rows.contains { $0.status == .willImport })
        #expect(again.rows.filter { $0.status == .alreadyExists }.map(\.quantity).reduce(0, +) == 6)
        #expect(!again.hasWork)
        #expect(throws: ImportHistoryError.nothingChecked) { try w.engine.commit(again, by: ImportWorld.cashier) }
        #expect(try w.punchCount() == before + 3)
    }

    /// The shop in Lightspeed's sale decides where a purchase was made: a program of Denver (shop 2) earns on the
    /// Denver sale and not on the one of the default location's shop 1, where this counter imports.
    @Test func aProgramOfOneLocationEarnsOnlyOnTheSalesOfItsShop() async throws {
        let w = try await ImportWorld.make(sales: [
            ImportWorld.sale("1", "2019-04-02T15:00:00+00:00", lines: [("11", "201", 1, nil)], shop: "1"),
            ImportWorld.sale("2", "2019-04-03T15:00:00+00:00", lines: [("21", "201", 1, nil)], shop: "2"),
        ], history: false)
        defer { Task { await w.close() } }
        var home = try w.store.location(named: nil)
        home.lightspeedShopID = "1"
        try w.store.updateLocation(home, by: ImportWorld.admin)
        let denver = try w.store.addLocation(Location(name: "Denver", timeZoneID: "America/Denver", lightspeedShopID: "2"),
                                             by: ImportWorld.admin)
        try w.store.setProgramScope(w.program.id, location: denver.id, by: ImportWorld.admin)
        let counter = ImportHistoryEngine(store: w.store, lightspeed: w.api, policy: SalePointsPolicy(itemFeesEarnPoints: false),
                                          location: home.id)
        let review = try await counter.review(customerID: w.sally.id, start: LocalDate(iso: "2019-04-01")!, includePoints: false)
        #expect(ImportWorld.shape(review) == ["11 2019-04-02 No Item ×1", "21 2019-04-03 ✓ ×1"])
        let outcome = try counter.commit(review, by: Operator(username: "cashier", role: .cashier, location: home.id))
        #expect(outcome.punchesAdded == 1)
        #expect(try w.store.punches(customer: w.sally.id).map(\.saleLineID) == ["21"])
    }

    @Test func sameImportTwiceShowsOnlyTransactionAlreadyExists() async throws {
        let w = try await ImportWorld.make(sales: [ImportWorld.sales[2], ImportWorld.sales[3], ImportWorld.sales[7]],
                                           history: false)
        defer { Task { await w.close() } }
        let first = try await w.review()
        #expect(first.rows.allSatisfy { $0.status == .willImport })
        _ = try w.engine.commit(first, by: ImportWorld.cashier)
        let second = try await w.review()
        #expect(ImportWorld.shape(second) == ["31 2019-04-08 Transaction Already Exists ×3",
                                              "41 2019-04-10 Transaction Already Exists ×1",
                                              "81 2019-04-16 Transaction Already Exists ×1"])
        #expect(try w.punchCount() == 5)
    }

    @Test func aNoItemRowMadeAnExceptionNeedsAManagerAndLandsAsAnException() async throws {
        let w = try await ImportWorld.make(sales: [ImportWorld.sales[8]], history: false)
        defer { Task { await w.close() } }
        var review = try await w.review()
        review.rows[0].programID = w.program.id
        review.rows[0].exceptionReason = "New item / new UPC"
        review.rows[0].checked = true
        #expect(throws: StoreError.self) { try w.engine.commit(review, by: ImportWorld.cashier) }
        #expect(try w.punchCount() == 0)
        let refused = await w.runner.run(.approve(ImportWorld.cashier, manager: "manager", pin: "0000"))
        guard case .importHistory(.approvalRefused)? = refused else {
            Issue.record("a wrong PIN was accepted: \(String(describing: refused))")
            return
        }
        let approved = await w.runner.run(.approve(ImportWorld.cashier, manager: "manager", pin: "2222"))
        guard case .importHistory(.approved(let op))? = approved else {
            Issue.record("not approved: \(String(describing: approved))")
            return
        }
        _ = try w.engine.commit(review, by: op)
        let punch = try #require(try w.store.punches(customer: w.sally.id).first)
        #expect(punch.source == .exception && punch.exceptionReason == "New item / new UPC")
    }

    @Test func importHistoryForPointsListsSalesWithoutPointsAndAgreeAddsThem() async throws {
        let w = try await ImportWorld.make(sales: [ImportWorld.sales[2], ImportWorld.sales[7]], history: false)
        defer { Task { await w.close() } }
        _ = try w.store.earnPointsForSale(customer: w.sally.id, saleID: "3", points: 104, by: ImportWorld.cashier)
        let review = try await w.review(points: true)
        #expect(review.points.map(\.candidate.sale.saleID) == ["8"])
        #expect(review.pointsToAdd == 19)
        let outcome = try w.engine.commit(review, by: ImportWorld.cashier)
        #expect(outcome.pointsAdded == 19)
        #expect(try w.store.pointsBalance(customer: w.sally.id) == 123)
        let again = try await w.review(points: true)
        #expect(again.points.isEmpty)
    }

    @Test func aNetworkFaultMidFetchSaysSoAndChangesNothing() async throws {
        let w = try await ImportWorld.make(pageSize: 2)
        defer { Task { await w.close() } }
        let before = try w.punchCount()
        // The shops are read first (fine), then page 1 (fine), then page 2 is cut in half.
        await w.simulator.inject(.none, .slow(seconds: 0), .truncatedJSON)
        let posted = PostBox()
        let message = await w.runner.run(.fetch(customerID: w.sally.id, start: LocalDate(iso: "2019-04-01")!,
                                                includePoints: false, generation: 4), post: posted.add)
        guard case .importHistory(.fetchFailed(4, .importHistory(.lightspeed(.malformedResponse))))? = message else {
            Issue.record("no malformed-response failure: \(String(describing: message))")
            return
        }
        #expect(posted.messages == [.importHistory(.fetchProgress(generation: 4, FetchCounts(pages: 1, sales: 2, lines: 2)))])
        #expect(try w.punchCount() == before)
        #expect(try w.store.importRuns(customer: w.sally.id).isEmpty)
    }

    @Test func aCancelledFetchPostsNothing() async throws {
        let w = try await ImportWorld.make()
        defer { Task { await w.close() } }
        await w.simulator.inject(.slow(seconds: 1))
        let posted = PostBox()
        let runner = EffectRunner(store: w.store, lightspeed: w.api, policy: SalePointsPolicy(itemFeesEarnPoints: false), post: posted.add)
        let start = LocalDate(iso: "2019-04-01")!
        runner.perform([.importHistory(.fetch(customerID: w.sally.id, start: start, includePoints: false, generation: 1))])
        // Cancel while the fetch is waiting on Lightspeed, so its answer comes late.
        let deadline = Date().addingTimeInterval(5)
        while await w.simulator.requestLog().isEmpty, Date() < deadline { await Task.yield() }
        #expect(await !w.simulator.requestLog().isEmpty, "the fetch never reached Lightspeed")
        runner.perform([.cancel(.importHistoryFetch(1))])
        await runner.scheduler.idle()
        #expect(posted.messages.isEmpty, "\(posted.messages)")
        // Control: the same fetch, not cancelled, reports its review through the same runner.
        runner.perform([.importHistory(.fetch(customerID: w.sally.id, start: start, includePoints: false, generation: 2))])
        await runner.scheduler.idle()
        #expect(posted.messages.contains { if case .importHistory(.reviewLoaded(2, _)) = $0 { true } else { false } })
    }

    @Test func theDialogKnowsTheLinkTheConnectionAndTheLastImport() async throws {
        let w = try await ImportWorld.make(linked: false)
        defer { Task { await w.close() } }
        let context = try w.engine.context(customerID: w.sally.id)
        #expect(context.blocker == ImportHistoryStrings.notLinked("Sally Pet Owner"))
        #expect(context.goLive == LocalDate(iso: "2019-01-01"))
        try w.store.linkLightspeed(customer: w.sally.id, to: "101", by: ImportWorld.cashier)
        try w.store.setLastRealtimeImport(customer: w.sally.id, at: Date(timeIntervalSince1970: 1_554_260_400),
                                          by: ImportWorld.cashier) // 2019-04-03 03:00 UTC = 4/2 23:00 in New York
        let linked = try w.engine.context(customerID: w.sally.id)
        #expect(linked.blocker == nil)
        #expect(linked.lastRealtimeImport == LocalDate(iso: "2019-04-02"))
        let offline = ImportHistoryEngine(store: w.store, lightspeed: nil, policy: SalePointsPolicy(itemFeesEarnPoints: false),
                                          location: nil)
        #expect(try offline.context(customerID: w.sally.id).blocker == ImportHistoryStrings.notConnected)
        await #expect(throws: ImportHistoryError.notConnected) {
            _ = try await offline.review(customerID: w.sally.id, start: LocalDate(iso: "2019-04-01")!, includePoints: false)
        }
    }
}
