import Foundation
import Lightspeed
import LightspeedSimulator
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import TestSupport
@testable import AstroLoyaltyApp

/// A real temp store with three programs, Sally linked to Lightspeed customer 101 and Max to 102, and a simulator on
/// a loopback port whose data matches it; a `LightspeedService` (live mode, tokens in the store) between them,
/// made from `config` as the program makes it. With a `VirtualClock` the store, the simulator and `client` run on
/// it (the sales watcher's tests: real HTTP, simulated time, no real waiting); without one, on the real clock and
/// `client` is the service's.
struct LightspeedWorld {
    static let admin = Operator(username: "admin", role: .admin)
    static let cashier = Operator(username: "cashier", role: .cashier)
    static let meNow = "012345678905"
    static let bones = "071230000016"
    static let litter = "071230000023"
    static let toy = "099990000015"

    let store: LoyaltyStore
    let folder: URL
    let simulator: LightspeedSimulator
    let service: LightspeedService
    /// The Lightspeed section points at the simulator, with Astro Loyalty's public client.
    let config: AppConfig
    /// The service's client, or (with a virtual clock) one on that clock.
    let client: LightspeedClient
    /// nil: the real clock.
    let clock: VirtualClock?
    let sally: Customer
    let max: Customer
    let dogProgram: Program

    static let data = """
    {
      "Account": {"accountID": "12345", "name": "Happy Tails (test)"},
      "Customer": [
        {"customerID": "101", "firstName": "Sally", "lastName": "Pet Owner", "archived": "false",
         "Contact": {"Addresses": "", "Phones": {"ContactPhone": {"number": "(555) 867-5309", "useType": "Mobile"}},
                     "Emails": {"ContactEmail": {"address": "sally@example.com", "useType": "Primary"}}, "Websites": ""}},
        {"customerID": "102", "firstName": "Max", "lastName": "Barker", "archived": "false",
         "Contact": {"Addresses": "", "Phones": "", "Emails": "", "Websites": ""}},
        {"customerID": "120", "firstName": "Dana", "lastName": "Newcomer", "archived": "false",
         "Contact": {"Addresses": "", "Phones": {"ContactPhone": {"number": "555-010-2222", "useType": "Mobile"}},
                     "Emails": {"ContactEmail": {"address": "dana@example.com", "useType": "Primary"}}, "Websites": ""}}
      ],
      "Item": [
        {"itemID": "201", "description": "MeNow Munchies 12 lb", "upc": "\(meNow)", "ean": "", "customSku": "",
         "archived": "false", "Prices": {"ItemPrice": {"amount": "34.99", "useTypeID": "1", "useType": "Default"}}},
        {"itemID": "202", "description": "Crunchy Bones", "upc": "\(bones)", "ean": "", "customSku": "",
         "archived": "false", "Prices": {"ItemPrice": {"amount": "5.99", "useTypeID": "1", "useType": "Default"}}},
        {"itemID": "216", "description": "Tidy Litter 20 lb", "upc": "", "ean": "0\(litter)", "customSku": "",
         "archived": "false", "Prices": {"ItemPrice": {"amount": "12.00", "useTypeID": "1", "useType": "Default"}}},
        {"itemID": "250", "description": "Squeaky Toy", "upc": "\(toy)", "ean": "", "customSku": "",
         "archived": "false", "Prices": {"ItemPrice": {"amount": "3.50", "useTypeID": "1", "useType": "Default"}}}
      ],
      "Sale": []
    }
    """

    /// - Parameters:
    ///   - clock: run the store, the simulator and `client` on this clock (nil: the real one).
    ///   - bucketSize, dripRate: the simulator's rate bucket (Lightspeed's defaults).
    static func make(connected: Bool = true, data: String = data, clock: VirtualClock? = nil, bucketSize: Double = 90,
                     dripRate: Double = 1) async throws -> LightspeedWorld {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ls-app-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("store.sqlite").path
        let store = try clock.map { clock in try LoyaltyStore(path: path, clock: { clock.now() }, hasher: .insecureForTests) }
            ?? LoyaltyStore(path: path, hasher: .insecureForTests)
        try store.updateSettings(StoreSettings(storeName: "Happy Tails", timeZoneID: "America/New_York",
                                               pointsEnabled: true, pointsRule: PointsRule(points: 1, unitCents: 100)),
                                 by: admin)
        let dog = try store.addProgram(Program(name: "MeNow Dog Food", manufacturer: "MeNow", punchesRequired: 3,
                                               rewardRule: "lesser or equal value free"), by: admin)
        let treats = try store.addProgram(Program(name: "Crunchy Bones", manufacturer: "Crunchy", punchesRequired: 10,
                                                  rewardRule: "one bag free"), by: admin)
        let litterProgram = try store.addProgram(Program(name: "Tidy Litter", manufacturer: "Tidy", punchesRequired: 12,
                                                  rewardRule: "same size free"), by: admin)
        try store.addProgramItem(ProgramItem(programID: dog.id, upc: try UPC.parse(meNow), description: "MeNow Munchies 12 lb"), by: admin)
        try store.addProgramItem(ProgramItem(programID: treats.id, upc: try UPC.parse(bones), description: "Crunchy Bones"), by: admin)
        try store.addProgramItem(ProgramItem(programID: litterProgram.id, upc: try UPC.parse(litter), description: "Tidy Litter 20 lb"), by: admin)
        let sally = try store.addCustomer(CustomerDraft(firstName: "Sally", lastName: "Pet Owner", phone: "555 867 5309"),
                                          by: cashier)
        try store.linkLightspeed(customer: sally.id, to: "101", by: cashier)
        let max = try store.addCustomer(CustomerDraft(firstName: "Max", lastName: "Barker"), by: cashier)
        try store.linkLightspeed(customer: max.id, to: "102", by: cashier)

        let dataFile = folder.appendingPathComponent("lightspeed.json")
        try Data(data.utf8).write(to: dataFile)
        var options = SimulatorOptions(bucketSize: bucketSize, dripRate: dripRate)
        if let clock { options.now = { clock.now() } }
        let simulator = try LightspeedSimulator(dataFile: dataFile, options: options)
        // A loaded machine (the whole suite on 2 cores) can miss the server's 5-second start wait once.
        do { try await simulator.start(port: 0) } catch {
            await simulator.stop()
            try await simulator.start(port: 0)
        }
        let base = await simulator.baseURL
        if connected {
            let tokens = await simulator.issueTokens()
            try store.connectLightspeed(LightspeedConnection(accountID: "12345", accountName: "Happy Tails (test)",
                                                             accessToken: tokens.accessToken,
                                                             refreshToken: tokens.refreshToken,
                                                             accessExpiresAt: tokens.expiresAt), by: admin)
        }
        var config = AppConfig()
        config.lightspeed.apiBaseURL = base.absoluteString
        config.lightspeed.authBaseURL = base.absoluteString
        // Astro Loyalty's public client (the simulator knows it as Lightspeed would): no secret.
        config.lightspeed.clientID = simulator.clientID
        config.lightspeed.requestTimeoutSeconds = 3
        let service = try await LightspeedService.make(config: config, store: store, trainingMode: false)
        var client = service.client
        if let clock {
            let configuration = LightspeedConfiguration(apiBaseURL: base, authBaseURL: base, clientID: simulator.clientID,
                                                        accountID: "12345", requestTimeout: 5)
            client = LightspeedClient(configuration: configuration,
                                      tokenStore: InMemoryTokenStore(await simulator.issueTokens()),
                                      environment: clock.environment)
        }
        return LightspeedWorld(store: store, folder: folder, simulator: simulator, service: service, config: config,
                               client: client, clock: clock, sally: sally, max: max, dogProgram: dog)
    }

    func handler() throws -> LightspeedSaleHandler {
        LightspeedSaleHandler(api: try service.connectedAPI(), store: store, policy: SalePointsPolicy(itemFeesEarnPoints: false))
    }

    /// Rings up a sale at the simulator's register: it stays open, as when the cashier presses the button.
    func ringUp(customer: String?, _ lines: [(String, Int)], register: String = "1") async throws -> String {
        try await simulator.ringUpSale(customerID: customer, lines: lines.map { RingUpLine(itemID: $0.0, quantity: $0.1) },
                                       registerID: register)
    }

    /// Rings up a sale and takes payment: a completed sale, as Lightspeed reports it once the cashier is done.
    func sell(customer: String?, _ lines: [(String, Int)], register: String = "1") async throws -> String {
        let saleID = try await ringUp(customer: customer, lines, register: register)
        try await simulator.completeSale(saleID)
        return saleID
    }

    /// A sales watcher on `client` (and the world's clock), as `WatchCommand.watcher` makes one.
    func watcher(_ holder: String, settings: WatcherSettings = WatcherSettings(),
                 policy: SalePointsPolicy = SalePointsPolicy(itemFeesEarnPoints: false),
                 onStatus: @escaping @Sendable (WatcherStatus) -> Void = { _ in }) -> SalesWatcher {
        SalesWatcher(feed: .live(client), api: .live(client), store: store, settings: settings, holder: holder,
                     environment: clock?.environment ?? .live, policy: policy, onStatus: onStatus)
    }

    /// Punches (not removed) of a Lightspeed sale, over both linked customers.
    func punches(sale saleID: String) throws -> Int {
        try (store.punches(customer: sally.id) + store.punches(customer: max.id))
            .filter { $0.saleID == saleID && $0.removal == nil }.count
    }

    func salePointsEntries(_ saleID: String) throws -> [PointsEntry] {
        try (store.pointsEntries(customer: sally.id) + store.pointsEntries(customer: max.id)).filter { $0.saleID == saleID }
    }

    func close() async {
        await simulator.stop()
        try? FileManager.default.removeItem(at: folder)
    }
}
