import Foundation
import Lightspeed
import LightspeedSimulator
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import Testing
import TestSupport
@testable import AstroLoyaltyApp

/// The watcher against the strict simulator over real HTTP: a refund or a void of a sale it recorded goes to
/// "Changed in Lightspeed" (naming exactly the refunded units' punches), and nothing is taken away by itself.
@Suite(.serialized) struct LightspeedChangesWatcherTests {
    /// The sale's line of this item, as Lightspeed numbered it.
    func lineID(_ world: LightspeedWorld, sale: String, item: String) async throws -> String {
        let read = try await world.client.sale(id: sale)
        return try #require(read.lines.first { $0.item?.id == item }?.id)
    }

    @Test func aRefundOfOneOfTwoUnitsQueuesOneChangeNamingThatUnitAndRemovesNothing() async throws {
        let world = try await LightspeedWorld.watching()
        defer { Task { await world.close() } }
        try world.store.setWatcherCheckpoint(world.time.now(), by: LightspeedWorld.admin)
        let watcher = world.watcher("counter A")
        let sale = try await world.sell(customer: "101", [("201", 2), ("202", 1)])
        world.time.advance(by: 20)
        #expect(try await watcher.pass().recorded == 1)
        #expect(try world.punches(sale: sale) == 3)
        let meNowLine = try await lineID(world, sale: sale, item: "201")
        let meNowPunches = try world.store.punches(customer: world.sally.id).filter { $0.saleLineID == meNowLine }.map(\.id)
        #expect(meNowPunches.count == 2)

        world.time.advance(by: 60)
        let refund = try await world.simulator.refundSale(sale, lineIDs: [meNowLine], quantities: [meNowLine: 1])
        world.time.advance(by: 20)
        let summary = try await watcher.pass()
        #expect(summary.changes == 1)
        let changes = try world.store.lightspeedChanges()
        #expect(changes.count == 1)
        let change = try #require(changes.first)
        #expect(change.kind == .refund && change.saleID == refund && change.originalSaleIDs == [sale])
        #expect(change.customerID == world.sally.id)
        #expect(change.lines.map(\.parentSaleLineID) == [meNowLine] && change.lines.map(\.units) == [1])
        #expect(change.plan.removals == [meNowPunches.max()!], "the newest unit of the refunded line, only")
        #expect(change.plan.pointsBack == 34)
        // Nothing is removed without a person: every punch still counts, no points were taken back.
        #expect(try world.punches(sale: sale) == 3)
        #expect(try world.salePointsEntries(refund).isEmpty)
        // The next look adds nothing (stored once).
        world.time.advance(by: 20)
        #expect(try await watcher.pass().changes == 0)
        #expect(try world.store.lightspeedChanges().count == 1)
    }

    @Test func aRefundOfAnUnlinkedOrNeverRecordedSaleQueuesNothing() async throws {
        let world = try await LightspeedWorld.watching()
        defer { Task { await world.close() } }
        try world.store.setWatcherCheckpoint(world.time.now(), by: LightspeedWorld.admin)
        let watcher = world.watcher("counter A")
        let dana = try await world.sell(customer: "120", [("201", 1)])        // linked to nobody: queued to link, not recorded
        let anonymous = try await world.sell(customer: nil, [("202", 2)])      // no customer: never recorded
        let sallys = try await world.sell(customer: "101", [("202", 1)])       // the positive control
        world.time.advance(by: 20)
        let first = try await watcher.pass()
        #expect(first.recorded == 1 && first.unlinked == 1)
        world.time.advance(by: 60)
        _ = try await world.simulator.refundSale(dana)
        _ = try await world.simulator.refundSale(anonymous)
        let control = try await world.simulator.refundSale(sallys)
        world.time.advance(by: 20)
        let second = try await watcher.pass()
        #expect(second.changes == 1)
        #expect(try world.store.lightspeedChanges().map(\.saleID) == [control])
    }

    @Test func aVoidOfARecordedSaleIsFoundByItsUpdateTimeAndQueued() async throws {
        let world = try await LightspeedWorld.watching()
        defer { Task { await world.close() } }
        try world.store.setWatcherCheckpoint(world.time.now(), by: LightspeedWorld.admin)
        let watcher = world.watcher("counter A")
        let sale = try await world.sell(customer: "101", [("201", 1), ("202", 2)])
        let other = try await world.sell(customer: "102", [("202", 1)])
        world.time.advance(by: 20)
        #expect(try await watcher.pass().recorded == 2)
        // Long after the completed-sales overlap, both are voided; only what was recorded here matters, and an
        // open sale voided never was.
        world.time.advance(by: 3600)
        let open = try await world.ringUp(customer: "101", [("201", 1)])
        try await world.simulator.voidSale(sale)
        try await world.simulator.voidSale(open)
        world.time.advance(by: 20)
        let summary = try await watcher.pass()
        #expect(summary.changes == 1)
        let change = try #require(try world.store.lightspeedChanges().first)
        #expect(change.kind == .void && change.saleID == sale && change.plan.removals.count == 3 && change.plan.pointsBack == 46)
        #expect(try world.punches(sale: sale) == 3 && world.punches(sale: other) == 1)
        #expect(try world.store.watcherRecord().voidCheckpoint != nil)
        // The void look asked Lightspeed for voided sales by their update time, without relations.
        let queries = await world.simulator.requestLog().map(\.query)
        #expect(queries.contains { $0.contains("voided=true") && $0.contains("sort=updatetime") && !$0.contains("load_relations") })
    }
}
