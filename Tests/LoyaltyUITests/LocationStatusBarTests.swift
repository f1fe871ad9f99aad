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

/// The audit log of a chain says where each entry happened; a store of one location keeps its columns.
@Suite struct LocationAuditLogTests {
    static func entry(_ id: Int64, _ location: String) -> AuditEntry {
        AuditEntry(id: id, at: fixedNow, username: "cashier", role: "cashier", approver: nil, action: "punch.purchase",
                   customerID: 1, summary: "Sally Pet Owner: counter 1 × Bag", details: "{}", location: location)
    }

    static func render(_ entries: [AuditEntry]) -> ScreenBuffer {
        var state = AuditLogState()
        state.entries = entries
        state.selection = ListSelection(count: entries.count)
        var buffer = ScreenBuffer(size: Size(width: 100, height: 12))
        ManagerAuditLogScreen.render(state, into: &buffer, in: Rect(x: 0, y: 0, width: 100, height: 12))
        return buffer
    }

    @Test func aChainsLogHasAWhereColumn() {
        let buffer = Self.render([Self.entry(2, "Denver"), Self.entry(1, "Downtown")])
        let rows = (0..<12).map { buffer.text(ofRow: $0) }
        #expect(rows.contains { $0.contains("Where") })
        #expect(rows.contains { $0.contains("Denver") && $0.contains("Sally Pet Owner") })
        #expect(rows.contains { $0.contains("Downtown") && $0.contains("Sally Pet Owner") })
    }

    @Test func aOneLocationLogHasNone() {
        let buffer = Self.render([Self.entry(2, "Paws"), Self.entry(1, "Paws")])
        let rows = (0..<12).map { buffer.text(ofRow: $0) }
        #expect(!rows.contains { $0.contains("Where") || $0.contains("Paws") })
        #expect(rows.contains { $0.contains("Sally Pet Owner") }, "positive control: the entries are drawn")
    }
}
