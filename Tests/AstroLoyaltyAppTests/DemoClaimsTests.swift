import Foundation
import LoyaltyCore
import LoyaltyStore
import Testing
@testable import AstroLoyaltyApp

/// The demo store's claims: two distributors, rules on every program, and a claim in every state, some of
/// them flagged near their deadline, all written through the store's own calls.
@Suite struct DemoClaimsTests {
    @Test func theDemoHoldsAClaimInEveryStateFromTwoDistributors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("demo-claims-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try LoyaltyStore(path: folder.appendingPathComponent("demo.sqlite").path, hasher: .insecureForTests)
        let asset = try #require(AssetLocator.path(of: "demo-store.json"))
        try DemoStoreLoader.load(into: store, from: asset, now: Date())
        let claims = try store.claims()
        #expect(Set(claims.map(\.state)) == Set(ClaimState.allCases))
        #expect(Set(claims.map(\.distributor).filter { !$0.isEmpty })
                == ["Phillips Pet Food & Supplies", "Animal Supply Co."])
        for program in try store.programs() {
            #expect(try store.claimRuleSets(program: program.program.id).count == 1, "\(program.program.name)")
        }
        #expect(claims.contains { $0.deadlineFlag == "due soon" })
        #expect(claims.contains { $0.deadlineFlag == "overdue" })
        #expect(try store.settings().storeAddress.isEmpty == false)
        // Every claim in a batch came from the memo flow: credited ones carry their amounts.
        #expect(claims.filter { $0.state == .credited || $0.state == .reconciled }.allSatisfy { $0.creditedCents != nil })
    }
}
