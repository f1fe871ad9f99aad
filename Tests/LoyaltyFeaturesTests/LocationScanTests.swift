import Foundation
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import TerminalKit
import Testing

@Suite("Checkout: programs of one location")
struct LocationScanTests {
    /// A bench whose counter stands in Denver, MeNow scoped to the default location (Paws).
    static func denverCounter() throws -> (CheckoutBench, Location) {
        let b = try CheckoutBench()
        let home = try b.store.location(named: nil)
        let denver = try b.store.addLocation(Location(name: "Denver", timeZoneID: "America/Denver"), by: CheckoutBench.admin)
        try b.store.setProgramScope(b.menow.id, location: home.id, by: CheckoutBench.admin)
        b.state.location = denver
        b.state.session?.location = denver
        return (b, denver)
    }

    @Test func aScanOfAnotherLocationsProgramIsRefusedAtOnceNamingIt() throws {
        let (b, _) = try Self.denverCounter()
        b.open()
        b.type(CheckoutBench.menow12.display)
        let asked = b.sendOnly(.checkout(.enter))
        #expect(asked.isEmpty)
        #expect(b.checkout.inFlight == 0)
        #expect(b.state.status == .error("007123000016: MeNow Munchies is a program of Paws only: its items earn no "
                                            + "punches at Denver. Nothing recorded."))
    }

    @Test func aChainWideProgramIsRecordedAtThisCountersLocation() throws {
        let (b, denver) = try Self.denverCounter()
        b.open()
        b.type(CheckoutBench.tidy.display)
        let asked = b.sendOnly(.checkout(.enter))
        var op = b.cashierOp
        op.locationID = denver.id
        #expect(asked == [.checkout(.perform(.recordPurchase(customerID: b.sally.id, upc: CheckoutBench.tidy, quantity: 1,
                                                             preferredCardID: nil),
                                             customerID: b.sally.id, by: op, approval: nil))])
        b.run(asked)
        #expect(b.card(b.tidyProgram)?.status.progress == "1/10")
        #expect(try b.store.auditLog().first?.location == "Denver")
    }

    @Test func theStoreRefusesAgainWhenTheScopeChangedSinceTheScreenLoaded() throws {
        let (b, _) = try Self.denverCounter()
        try b.store.setProgramScope(b.menow.id, location: nil, by: CheckoutBench.admin)
        b.open()
        // Scoped back to Paws after the screen read the catalogue as chain-wide.
        let home = try b.store.location(named: nil)
        try b.store.setProgramScope(b.menow.id, location: home.id, by: CheckoutBench.admin)
        b.type(CheckoutBench.menow12.display)
        let asked = b.sendOnly(.checkout(.enter))
        #expect(asked.count == 1)
        b.run(asked)
        #expect(b.state.status == .error("MeNow Munchies is a program of Paws only: its items earn no punches at Denver."))
        #expect(b.card(b.menow) == nil)
    }
}
