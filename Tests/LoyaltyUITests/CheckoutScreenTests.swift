import Foundation
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import LoyaltyUI
import TerminalKit
import Testing
import TestSupport

/// A real store (temporary file, fixed clock, New York time) whose customers have the cards a snapshot
/// needs, and a signed-in shell that opens them through the effect runner, as the program does.
final class CheckoutScene {
    static let now = Date(timeIntervalSince1970: 1_764_000_000) // 2025-11-24, 11:00 in New York
    static let admin = Operator(username: "admin", role: .admin)
    static let manager = Operator(username: "manager", role: .manager)
    static let cashier = Operator(username: "cashier", role: .cashier)

    let folder: URL
    let store: LoyaltyStore
    let runner: EffectRunner
    let feature = AppFeature(clock: { CheckoutScene.now }, idleLockMinutes: 0)
    var state: AppState
    var programs: [Program] = []
    var items: [[UPC]] = []
    var today: LocalDate!

    init(size: Size) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("checkout-ui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try LoyaltyStore(path: folder.appendingPathComponent("s.sqlite").path, clock: { CheckoutScene.now },
                                 hasher: .insecureForTests)
        try store.createFirstAdmin(username: "admin", displayName: "Ada Admin", password: "admin-pw", pin: "9999")
        var settings = try store.settings()
        settings.timeZoneID = "America/New_York"
        try store.updateSettings(settings, by: Self.admin)
        let specs: [(String, Int, String, Int?)] = [
            ("Crunchy Bones Dog Treats", 10, "Any bag free", nil),
            ("Good Boy Puppy Formula", 13, "Lesser or equal value free", 18),
            ("Happy Hopper Rabbit Pellets", 10, "Same size free", nil),
            ("MeNow Munchies Dog Food", 12, "Same size bag free", nil),
            ("Ocean Whiskers Canned Cat (case)", 12, "One case free", 12),
            ("Tidy Kitty Clumping Litter", 10, "Same size free", nil),
        ]
        for (i, spec) in specs.enumerated() {
            let program = try store.addProgram(Program(name: spec.0, manufacturer: "M\(i)", punchesRequired: spec.1,
                                                       rewardRule: spec.2, completionWindowMonths: spec.3), by: Self.admin)
            programs.append(program)
            var upcs: [UPC] = []
            for k in 0..<2 {
                let upc = try UPC.parse(Self.upc(program: i, item: k))
                try store.addProgramItem(ProgramItem(programID: program.id, upc: upc,
                                                     description: "\(spec.0.split(separator: " ").prefix(2).joined(separator: " ")) \(k == 0 ? "small" : "large")",
                                                     size: k == 0 ? "5 lb" : "20 lb"), by: Self.admin)
                upcs.append(upc)
            }
            items.append(upcs)
        }
        runner = EffectRunner(store: store, policy: SalePointsPolicy(itemFeesEarnPoints: false))
        state = AppState(storeName: "Astro Pets", now: Self.now, screenSize: size)
        _ = feature.update(&state, .resized(size))
        _ = feature.update(&state, .signIn(.signedIn(User(id: 2, username: "cashier", displayName: "Casey Cashier",
                                                           role: .cashier), .password)))
        state.status = nil
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// A valid UPC-A: 0 + program + item digits, then the check digit.
    static func upc(program: Int, item: Int) -> String {
        let body = "0\(program + 1)2345000\(item)1"
        let digits = body.compactMap { $0.wholeNumberValue }
        let sum = digits.enumerated().reduce(0) { $0 + ($1.offset % 2 == 0 ? 3 : 1) * $1.element }
        return body + String((10 - sum % 10) % 10)
    }

    func customer(_ first: String, _ last: String, phone: String = "5558675309", email: String? = nil) throws -> Customer {
        let c = try store.addCustomer(CustomerDraft(firstName: first, lastName: last, phone: phone, email: email ?? ""),
                                      pets: [Pet(name: "Biscuit", species: "dog")], by: Self.admin)
        today = try store.customerDetail(id: c.id)!.today
        return c
    }

    func buy(_ c: Customer, _ program: Int, _ n: Int, source: PunchSource = .counter, daysAgo: Int = 40, item: Int = 0) throws {
        try store.recordPurchase(customer: c.id, upc: items[program][item], quantity: n,
                                 purchaseDate: today.adding(days: -daysAgo), source: source, by: Self.cashier)
    }

    /// Opens the customer on the checkout screen and runs the load.
    func open(_ c: Customer) {
        run(feature.openCustomer(c.id, &state))
    }

    /// As `CounterApp` does: the message, then the renderer's layout reported back to the view-model.
    func send(_ msg: AppMsg) {
        run(feature.update(&state, msg))
        if let layout = AppScreen.layoutReport(state) { run(feature.update(&state, layout)) }
    }

    func run(_ effects: [Effect]) {
        for effect in effects {
            if let result = runner.run(effect) { send(result) }
        }
    }

    func render() -> ScreenBuffer {
        var buffer = ScreenBuffer(size: state.screenSize)
        AppScreen.render(state, into: &buffer)
        return buffer
    }
}

@Suite("Checkout screen snapshots")
struct CheckoutScreenTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 132, height: 43)]

    func verify(_ scene: CheckoutScene, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let size = scene.state.screenSize
        let check = GoldenFile.verify(Snapshot.render(scene.render()), named: "\(name)-\(size.width)x\(size.height)")
        #expect(check.passed, "\(check.message)", sourceLocation: sourceLocation)
    }

    @Test(arguments: sizes)
    func aCustomerWithNoCards(size: Size) throws {
        let scene = try CheckoutScene(size: size)
        let c = try scene.customer("Zoë", "Saldaña", email: "zoe@example.com")
        scene.open(c)
        verify(scene, "checkout-no-cards")
    }

    @Test(arguments: sizes)
    func sixProgramsInMixedStates(size: Size) throws {
        let scene = try CheckoutScene(size: size)
        let c = try scene.customer("Sally", "Pet Owner", email: "sally.petowner@example.com")
        try scene.store.linkLightspeed(customer: c.id, to: "101", by: CheckoutScene.admin)
        try scene.buy(c, 0, 10, daysAgo: 300)                         // Bones: complete, then redeemed
        let bones = try scene.store.customerDetail(id: c.id)!.programs[0].cards[0]
        try scene.store.redeem(card: bones.id, rewardUPC: scene.items[0][1], by: CheckoutScene.cashier)
        try scene.buy(c, 0, 3, daysAgo: 20)                           // Bones: a new open card 3/10
        try scene.buy(c, 1, 5, source: .import, daysAgo: 60)          // Good Boy: imported 5/13
        try scene.buy(c, 2, 10, daysAgo: 90)                          // Hopper: complete
        try scene.buy(c, 3, 9, daysAgo: 50)                           // MeNow: split into 5 and 4
        let menow = try scene.store.customerDetail(id: c.id)!.programs.first { $0.program.name.hasPrefix("MeNow") }!.cards[0]
        try scene.store.splitCard(card: menow.id, moving: Set(menow.punches.prefix(4).map(\.id)), by: CheckoutScene.cashier)
        try scene.store.convertPaperCard(customer: c.id, program: scene.programs[4].id, punches: 4,
                                         firstPurchase: scene.today.adding(days: -200), lastPurchase: scene.today.adding(days: -120),
                                         by: CheckoutScene.cashier)        // Ocean: paper 4/12
        try scene.store.recordRealtimeSale(customer: c.id, saleID: "5003", lines: [
            SaleLine(saleID: "5003", saleLineID: "9003", completedAt: CheckoutScene.now, upc: scene.items[5][0],
                     description: "Tidy", quantity: 2),
        ], by: CheckoutScene.cashier)                                     // Tidy: 2 today by the button
        scene.open(c)
        scene.send(.checkout(.scanKey(.paste(scene.items[2][1].display + "\n"))))   // a third Hopper-less scan: Hopper new card
        verify(scene, "checkout-six-programs")
    }

    /// A button press on a sale still open at the register is remembered; until it completes the checkout says
    /// so on the contact line, in the warning style (issue 13).
    @Test(arguments: sizes)
    func aPressWaitingForItsSaleIsShown(size: Size) throws {
        let scene = try CheckoutScene(size: size)
        let c = try scene.customer("Sally", "Pet Owner", email: "sally.petowner@example.com")
        try scene.store.linkLightspeed(customer: c.id, to: "101", by: CheckoutScene.admin)
        try scene.buy(c, 3, 4, daysAgo: 20)
        try scene.store.rememberPendingSale(saleID: "5017", kind: .sale, customer: c.id, lightspeedCustomerID: "101",
                                            by: CheckoutScene.cashier)
        scene.open(c)
        let buffer = scene.render()
        let y = try #require((0..<buffer.height).first { buffer.text(ofRow: $0).contains("waiting for Lightspeed sale 5017 to complete") })
        let row = buffer.text(ofRow: y)
        let x = TextWidth.width(of: String(row[..<row.range(of: "waiting")!.lowerBound]))
        #expect(buffer[x, y].style == .warning)
        #expect(row.contains("sally.petowner@example.com"), "the contact stays on the line")
        verify(scene, "checkout-waiting-sale")
    }

    @Test(arguments: sizes)
    func aCompleteCardSaysRewardEarned(size: Size) throws {
        let scene = try CheckoutScene(size: size)
        let c = try scene.customer("Sam", "Salinger")
        try scene.buy(c, 3, 11, daysAgo: 30)
        scene.open(c)
        // The twelfth bag is scanned at the counter now.
        for ch in scene.items[3][0].display { scene.send(.checkout(.scanKey(.char(ch)))) }
        scene.send(.checkout(.enter))
        verify(scene, "checkout-complete-card")
    }

    @Test(arguments: sizes)
    func aCardWithEveryKindOfPunch(size: Size) throws {
        let scene = try CheckoutScene(size: size)
        let c = try scene.customer("Li", "Wei", email: "li.wei@example.com")
        let menow = scene.programs[3]
        try scene.store.convertPaperCard(customer: c.id, program: menow.id, punches: 2, firstPurchase: scene.today.adding(days: -90),
                                         lastPurchase: scene.today.adding(days: -80), by: CheckoutScene.cashier)
        try scene.buy(c, 3, 1, source: .import, daysAgo: 70)
        try scene.buy(c, 3, 1, source: .realtime, daysAgo: 60)
        try scene.buy(c, 3, 2, daysAgo: 50)
        try scene.store.addException(customer: c.id, program: menow.id, upc: try UPC.parse("012345678905"),
                                     description: "MeNow trial bag 3 lb", reason: .newItem, by: CheckoutScene.manager)
        let card = try scene.store.customerDetail(id: c.id)!.programs[0].cards[0]
        try scene.store.removePunch(card.punches[4].id, reason: "Scanned twice", by: CheckoutScene.manager)
        scene.open(c)
        verify(scene, "checkout-every-kind")
        // The card view: every punch, the removed one struck through.
        scene.send(.checkout(.openCard))
        scene.send(.checkout(.move(.end)))
        scene.send(.checkout(.move(.up)))
        scene.send(.checkout(.move(.up)))
        #expect(scene.render().lines.contains { $0.contains("REMOVED 2025-11-24 11:00 by manager: Scanned twice") })
        verify(scene, "checkout-every-kind-card-view")
    }

    @Test func theOverrideDialogHidesThePIN() throws {
        let scene = try CheckoutScene(size: Size(width: 80, height: 24))
        let c = try scene.customer("Sam", "Salinger")
        scene.open(c)
        scene.send(.checkout(.requestException))
        scene.send(.checkout(.modalEdit(.right)))
        scene.send(.checkout(.modalNextField))
        scene.send(.checkout(.modalNextField))
        for ch in "Trial bag" { scene.send(.checkout(.modalEdit(.char(ch)))) }
        scene.send(.checkout(.modalSubmit))
        scene.send(.checkout(.confirm))
        for ch in "manager" { scene.send(.checkout(.modalEdit(.char(ch)))) }
        scene.send(.checkout(.modalNextField))
        for ch in "2222" { scene.send(.checkout(.modalEdit(.char(ch)))) }
        let screen = scene.render().lines.joined(separator: "\n")
        #expect(screen.contains("Manager override"))
        #expect(screen.contains("••••"))
        #expect(!screen.contains("2222"))
        verify(scene, "checkout-override")
    }

    @Test func aScanLandsEvenWithTheHelpOverlayOpen() throws {
        let scene = try CheckoutScene(size: Size(width: 80, height: 24))
        let c = try scene.customer("Sam", "Salinger")
        scene.open(c)
        scene.send(.showHelp)
        for ch in scene.items[3][0].display {
            guard let msg = Keymaps.current(for: scene.state).message(for: .char(ch)) else {
                Issue.record("digit \(ch) dropped")
                return
            }
            scene.send(msg)
        }
        let enter = try #require(Keymaps.current(for: scene.state).message(for: .enter))
        #expect(enter == .checkout(.enter))
        scene.send(enter)
        #expect(scene.state.checkout.data?.allCards.first?.status.progress == "1/12")
        #expect(Keymaps.current(for: scene.state).message(for: .enter) == .dismissModal)
    }

    @Test func everyCheckoutKeyIsInTheHelpOverlay() throws {
        let scene = try CheckoutScene(size: Size(width: 100, height: 40))
        let c = try scene.customer("Sam", "Salinger")
        scene.open(c)
        scene.send(.showHelp)
        let screen = scene.render().lines.joined(separator: "\n")
        for words in ["Redeem", "Undo today's punch", "Exception", "Paper card", "Split", "Card note", "Import History",
                      "Quantity prefix"] {
            #expect(screen.contains(words), "\(words) missing from the help overlay")
        }
    }
}
