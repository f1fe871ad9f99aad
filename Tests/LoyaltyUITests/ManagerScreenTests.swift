import Foundation
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import LoyaltyUI
import TerminalKit
import Testing
import TestSupport

/// The manager screens at 80×24 and 132×43 on a real store (the checkout scene's, New York time), signed
/// in as a manager: the audit log, likely duplicates, the combine preview and its confirmation, the punch
/// removal flow (punch list, reason, confirmation, the redeemed-card refusal) and undo redemption.
@Suite("Manager screen snapshots")
struct ManagerScreenTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 132, height: 43)]
    static let manager = User(id: 3, username: "manager", displayName: "Morgan Manager", role: .manager)

    func verify(_ scene: CheckoutScene, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let size = scene.state.screenSize
        let check = GoldenFile.verify(Snapshot.render(scene.render()), named: "\(name)-\(size.width)x\(size.height)")
        #expect(check.passed, "\(check.message)", sourceLocation: sourceLocation)
    }

    /// Sally and her duplicate (same phone), with cards on both sides, signed in as a manager.
    func scene(_ size: Size = sizes[0]) throws -> (CheckoutScene, Customer, Customer) {
        let scene = try CheckoutScene(size: size)
        try scene.store.addUser(username: "manager", displayName: "Morgan Manager", role: .manager,
                                password: "manager-pw", pin: "2222", by: CheckoutScene.admin)
        scene.state.session = Session(user: Self.manager)
        let sally = try scene.customer("Sally", "Pet Owner", email: "sally@example.com")
        let dup = try scene.customer("Sally", "Petowner")
        try scene.buy(sally, 3, 7)
        try scene.buy(sally, 5, 10)
        try scene.buy(dup, 3, 3)
        try scene.buy(dup, 0, 2, source: .import)
        try scene.store.linkLightspeed(customer: dup.id, to: "4021", by: CheckoutScene.admin)
        return (scene, sally, dup)
    }

    @Test(arguments: sizes)
    func theAuditLog(size: Size) throws {
        let (scene, _, _) = try scene(size)
        scene.send(.manager(.openAuditLog))
        #expect(scene.state.route == .manager(.auditLog))
        verify(scene, "manager-audit-log")
        scene.send(.manager(.editFilter))
        scene.send(.manager(.nextFilterField))
        for ch in "admin" { scene.send(.manager(.filterKey(.char(ch)))) }
        verify(scene, "manager-audit-filter")
    }

    @Test(arguments: sizes)
    func likelyDuplicates(size: Size) throws {
        let (scene, _, _) = try scene(size)
        _ = try scene.customer("Zoë", "Saldaña", phone: "5550109999", email: "zoe@example.com")
        _ = try scene.customer("Zoe", "Saldana", phone: "5550100000", email: "zoe@example.com")
        scene.send(.manager(.openDuplicates))
        #expect(scene.state.manager.duplicates.pairs.count == 2)
        verify(scene, "manager-duplicates")
    }

    @Test(arguments: sizes)
    func theCombinePreviewAndItsConfirmation(size: Size) throws {
        let (scene, sally, dup) = try scene(size)
        scene.run(scene.feature.openCombine(primary: sally.id, duplicate: dup.id, &scene.state))
        #expect(scene.state.manager.combine.preview?.plan != nil)
        verify(scene, "manager-combine-preview")
        scene.send(.manager(.toggleJoin))
        verify(scene, "manager-combine-joined")
        scene.send(.manager(.requestMerge))
        verify(scene, "manager-combine-confirm")
    }

    @Test(arguments: sizes)
    func undoRedemptionsConfirmation(size: Size) throws {
        let (scene, sally, _) = try scene(size)
        scene.open(sally)
        let card = try #require(scene.state.checkout.data?.allCards.first { $0.card.state == .complete })
        try scene.store.redeem(card: card.id, rewardUPC: try UPC.parse(CheckoutScene.upc(program: 5, item: 1)),
                               by: CheckoutScene.cashier)
        scene.send(.checkout(.reload))
        scene.send(.checkout(.toggleHistory))
        if let row = scene.state.checkout.visibleCards.firstIndex(where: { $0.id == card.id }) {
            scene.state.checkout.selection.select(row, visibleRows: scene.state.checkout.pageRows)
        }
        scene.send(.checkout(.requestUndoRedemption))
        verify(scene, "manager-undo-redemption-confirm")
    }

    @Test func everyManagerKeyIsInTheHelpOverlay() throws {
        let (scene, sally, dup) = try scene()
        scene.run(scene.feature.openCombine(primary: sally.id, duplicate: dup.id, &scene.state))
        let help = Keymaps.screen(for: scene.state).overlayItems.map(\.key)
        #expect(help.contains("S") && help.contains("L") && help.contains("J") && help.contains("Enter"))
        scene.state.route = .lookup
        let lookup = Keymaps.screen(for: scene.state).overlayItems.map(\.key)
        #expect(lookup.contains("F6") && lookup.contains("F7") && lookup.contains("F8"))
    }

    @Test(arguments: sizes)
    func removingAPunchReasonAndConfirmation(size: Size) throws {
        let (scene, sally, _) = try scene(size)
        scene.open(sally)
        let card = try #require(scene.state.checkout.data?.allCards.first { $0.card.state == .complete })
        if let row = scene.state.checkout.visibleCards.firstIndex(where: { $0.id == card.id }) {
            scene.state.checkout.selection.select(row, visibleRows: scene.state.checkout.pageRows)
        }
        scene.send(.checkout(.openCard))
        scene.send(.checkout(.requestRemovePunch))
        verify(scene, "manager-remove-reason")
        for _ in 0..<4 { scene.send(.checkout(.modalEdit(.right))) }
        scene.send(.checkout(.modalNextField))
        for ch in "Customer changed mind" { scene.send(.checkout(.modalEdit(.char(ch)))) }
        verify(scene, "manager-remove-other-reason")
        scene.send(.checkout(.modalSubmit))
        verify(scene, "manager-remove-confirm")
    }

    @Test(arguments: sizes)
    func theCombinePreviewAsksWhichLightspeedLinkStays(size: Size) throws {
        let (scene, sally, dup) = try scene(size)
        try scene.store.linkLightspeed(customer: sally.id, to: "101", by: CheckoutScene.admin)
        scene.run(scene.feature.openCombine(primary: sally.id, duplicate: dup.id, &scene.state))
        scene.send(.manager(.requestMerge))
        verify(scene, "manager-combine-link-choice")
    }

    @Test(arguments: sizes)
    func thePunchListShowsSaleIDsAndRemovedPunchesWithWhoWhenWhy(size: Size) throws {
        let (scene, sally, _) = try scene(size)
        let menow = try #require(scene.store.customerDetail(id: sally.id)?.programs.first { $0.program.name.hasPrefix("MeNow") })
        let card = try #require(menow.cards.first)
        try scene.store.removePunch(try #require(card.punches.first?.id), reason: "Scanned twice", by: CheckoutScene.manager)
        try scene.store.recordRealtimeSale(customer: sally.id, saleID: "5123", lines: [
            SaleLine(saleID: "5123", saleLineID: "9001", completedAt: CheckoutScene.now, upc: scene.items[3][1],
                     description: "MeNow Munchies large", quantity: 1),
        ], by: CheckoutScene.cashier)
        scene.open(sally)
        let row = try #require(scene.state.checkout.visibleCards.firstIndex { $0.id == card.id })
        scene.state.checkout.selection.select(row, visibleRows: scene.state.checkout.pageRows)
        scene.send(.checkout(.openCard))
        let screen = scene.render().lines.joined(separator: "\n")
        #expect(screen.contains("5123"), "the Lightspeed sale is listed")
        // 2025-11-24 16:00 UTC is 11:00 in New York, the store's zone.
        #expect(screen.contains("REMOVED 2025-11-24 11:00 by manager: Scanned twice"))
        verify(scene, "manager-remove-punch-list")
    }

    @Test(arguments: sizes)
    func aPunchOnARedeemedCardIsRefusedWithTheWayToUndoTheRedemption(size: Size) throws {
        let (scene, sally, _) = try scene(size)
        scene.open(sally)
        let card = try #require(scene.state.checkout.data?.allCards.first { $0.card.state == .complete })
        try scene.store.redeem(card: card.id, rewardUPC: try UPC.parse(CheckoutScene.upc(program: 5, item: 1)),
                               by: CheckoutScene.cashier)
        scene.send(.checkout(.reload))
        scene.send(.checkout(.toggleHistory))
        let row = try #require(scene.state.checkout.visibleCards.firstIndex { $0.id == card.id })
        scene.state.checkout.selection.select(row, visibleRows: scene.state.checkout.pageRows)
        scene.send(.checkout(.openCard))
        scene.send(.checkout(.requestRemovePunch))
        let screen = scene.render().lines.joined(separator: "\n")
        #expect(screen.contains("Cannot remove: the card is redeemed"))
        verify(scene, "manager-remove-refused-redeemed")
    }

    @Test(arguments: sizes)
    func theAuditLogShowsStoreTime(size: Size) throws {
        let (scene, _, _) = try scene(size)
        scene.send(.manager(.openAuditLog))
        let screen = scene.render().lines.joined(separator: "\n")
        #expect(screen.contains("times in America/New_York"))
        #expect(screen.contains("2025-11-24 11:00"), "16:00 UTC shown as 11:00 in New York")
        #expect(!screen.contains("2025-11-24 16:00"))
    }

    @Test(arguments: sizes)
    func aCashiersRemovalAsksForAManagersPIN(size: Size) throws {
        let (scene, sally, _) = try scene(size)
        scene.state.session = Session(user: User(id: 2, username: "cashier", displayName: "Casey Cashier", role: .cashier))
        scene.open(sally)
        scene.send(.checkout(.move(.home)))
        scene.send(.checkout(.openCard))
        scene.send(.checkout(.requestRemovePunch))
        scene.send(.checkout(.modalSubmit))
        let confirm = scene.render().lines.joined(separator: "\n")
        #expect(confirm.contains("A manager's name and PIN are asked next."))
        verify(scene, "manager-remove-confirm-cashier")
        scene.send(.checkout(.confirm))
        guard case .override = scene.state.checkout.modal else {
            Issue.record("no override: \(String(describing: scene.state.checkout.modal))")
            return
        }
        for ch in "manager" { scene.send(.checkout(.modalEdit(.char(ch)))) }
        scene.send(.checkout(.modalNextField))
        for ch in "2222" { scene.send(.checkout(.modalEdit(.char(ch)))) }
        let override = scene.render().lines.joined(separator: "\n")
        #expect(!override.contains("2222"), "the PIN is never shown")
        verify(scene, "manager-remove-override")
    }
}
