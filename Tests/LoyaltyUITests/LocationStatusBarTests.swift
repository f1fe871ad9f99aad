import Foundation
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import LoyaltyUI
import TerminalKit
import Testing

/// The status bar names the counter's location in a chain, and says nothing more for a store of one location.
@Suite struct LocationStatusBarTests {
    @Test func aChainsCounterShowsItsLocationBesideTheStoreName() {
        var d = Driver(size: Size(width: 80, height: 24))
        d.state.location = Location(id: 2, name: "Denver", timeZoneID: "America/Denver")
        d.signIn()
        let top = d.render().text(ofRow: 0)
        #expect(top.contains("Astro Pets"))
        #expect(top.contains("Denver"), "\(top)")
        #expect(d.state.session?.location?.name == "Denver", "the session's operator carries the location")
        #expect(d.state.session?.op.locationID == 2)
    }

    @Test func aStoreOfOneLocationNamedAfterItShowsItOnce() {
        var d = Driver(size: Size(width: 80, height: 24))
        d.state.location = Location(id: 1, name: "Astro Pets", timeZoneID: "America/New_York")
        d.signIn()
        let top = d.render().text(ofRow: 0)
        #expect(top.components(separatedBy: "Astro Pets").count == 2, "\(top)")
    }
}
