import Foundation
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import TerminalKit
import Testing
import TestSupport

/// A real store in a temporary folder with two programs, a customer, a cashier (PIN 1234) and a
/// manager (PIN 2222), and a shell signed in on top of it. `send` runs every effect against the store
/// and feeds the results back, as the event loop does, so a test reads like a visit at the counter.
final class CheckoutBench {
    static let now = Date(timeIntervalSince1970: 1_764_000_000) // 2025-11-24 16:00 UTC, 11:00 in New York
    static let admin = Operator(username: "admin", role: .admin)
    static let cashier = User(id: 2, username: "cashier", displayName: "Casey Cashier", role: .cashier)
    static let manager = User(id: 3, username: "manager", displayName: "Morgan Manager", role: .manager)

    static let menow12 = try! UPC.parse("007123000016")
    static let menow24 = try! UPC.parse("007123000023")
    static let tidy = try! UPC.parse("007771000413")
    static let unknown = try! UPC.parse("012345678905")

    let folder: URL
    /// The store's clock: `now` until a test moves it (the audit log's day boundary).
    let storeClock = TestClock(CheckoutBench.now)
    let store: LoyaltyStore
    let runner: EffectRunner
    let feature: AppFeature
    var state: AppState
    var menow: Program!
    var tidyProgram: Program!
    var sally: Customer!
    /// Every effect the view-model asked for, in order.
    var effects: [Effect] = []

    init(user: User = CheckoutBench.cashier, pointsEnabled: Bool = false) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("checkout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let storeClock = storeClock
        store = try LoyaltyStore(path: folder.appendingPathComponent("store.sqlite").path, clock: { storeClock.now },
                                 hasher: .insecureForTests)
        try store.createFirstAdmin(username: "admin", displayName: "Ada Admin", password: "admin-pw", pin: "9999")
        try store.addUser(username: "cashier", displayName: "Casey Cashier", role: .cashier, password: "cashier-pw",
                          pin: "1234", by: Self.admin)
        try store.addUser(username: "manager", displayName: "Morgan Manager", role: .manager, password: "manager-pw",
                          pin: "2222", by: Self.admin)
        var settings = try store.settings()
        settings.storeName = "Paws"
        settings.timeZoneID = "America/New_York"
        settings.pointsEnabled = pointsEnabled
        try store.updateSettings(settings, by: Self.admin)
        if pointsEnabled {
            try store.setPointsReward(name: "$5 off", cost: 50, by: Self.admin)
        }
        menow = try store.addProgram(Program(name: "MeNow Munchies", manufacturer: "MeNow", punchesRequired: 12,
                                             rewardRule: "Same size bag free"), by: Self.admin)
        try store.addProgramItem(ProgramItem(programID: menow.id, upc: Self.menow12, description: "MeNow 12 lb", size: "12 lb"),
                                 by: Self.admin)
        try store.addProgramItem(ProgramItem(programID: menow.id, upc: Self.menow24, description: "MeNow 24 lb", size: "24 lb"),
                                 by: Self.admin)
        tidyProgram = try store.addProgram(Program(name: "Tidy Kitty", manufacturer: "Tidy", punchesRequired: 10,
                                                   rewardRule: "Same size free"), by: Self.admin)
        try store.addProgramItem(ProgramItem(programID: tidyProgram.id, upc: Self.tidy, description: "Tidy Kitty 20 lb"),
                                 by: Self.admin)
        sally = try store.addCustomer(CustomerDraft(firstName: "Sally", lastName: "Pet Owner", phone: "5558675309",
                                                    email: "sally@example.com"), by: Self.admin)
        runner = EffectRunner(store: store, policy: SalePointsPolicy(itemFeesEarnPoints: false))
        feature = AppFeature(clock: { CheckoutBench.now }, idleLockMinutes: 0)
        state = AppState(storeName: "Paws", now: Self.now)
        state.route = .signIn
        _ = feature.update(&state, .signIn(.signedIn(user, .password)))
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var checkout: CheckoutState { state.checkout }
    var cashierOp: Operator { Operator(Self.cashier) }

    /// Opens Sally's checkout and loads her.
    func open() {
        run(feature.openCustomer(sally.id, &state))
    }

    /// Sends a message; runs its effects and their results to the end. Returns the effects it asked for.
    @discardableResult
    func send(_ msg: AppMsg) -> [Effect] {
        let asked = feature.update(&state, msg)
        run(asked)
        return asked
    }

    /// Sends a message without running its effects (to assert them first).
    func sendOnly(_ msg: AppMsg) -> [Effect] { feature.update(&state, msg) }

    func run(_ list: [Effect]) {
        for effect in list {
            effects.append(effect)
            if let result = runner.run(effect) { send(result) }
        }
    }

    @discardableResult
    func c(_ msg: CheckoutMsg) -> [Effect] { send(.checkout(msg)) }

    /// Types text as keys into the checkout screen (digits go to the scan field, or to an open form).
    func type(_ text: String) {
        for ch in text { send(.checkout(.scanKey(.char(ch)))) }
    }

    func typeInForm(_ text: String) {
        for ch in text { send(.checkout(.modalEdit(.char(ch)))) }
    }

    func scan(_ upc: UPC, quantity: Int = 1) {
        type((quantity > 1 ? "\(quantity)*" : "") + upc.display)
        send(.checkout(.enter))
    }

    func card(_ program: Program, _ n: Int = 0) -> CheckoutCard? {
        checkout.data?.allCards.filter { $0.program.id == program.id }.dropFirst(n).first
    }

    /// Fills a MeNow card (12 punches a month ago) and redeems it with the first free item offered.
    func redeemAFullMeNowCard() throws {
        try givePunches(Self.menow12, 12)
        c(.requestRedeem)
        c(.enter)
        c(.confirm)
    }

    /// Adds punches directly in the store (a customer's past), then reloads the screen.
    func givePunches(_ upc: UPC, _ quantity: Int, source: PunchSource = .counter, daysAgo: Int = 30) throws {
        let today = try store.customerDetail(id: sally.id)!.today
        try store.recordPurchase(customer: sally.id, upc: upc, quantity: quantity, purchaseDate: today.adding(days: -daysAgo),
                                 source: source, by: cashierOp)
        send(.checkout(.reload))
    }

    func selectCard(_ id: Int64, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let row = checkout.visibleCards.firstIndex(where: { $0.id == id }) else {
            Issue.record("card \(id) is not on the checkout screen", sourceLocation: sourceLocation)
            return
        }
        send(.checkout(.move(.home)))
        for _ in 0..<row { send(.checkout(.move(.down))) }
    }
}
