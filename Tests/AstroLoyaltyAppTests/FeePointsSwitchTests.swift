import Foundation
import Lightspeed
import LightspeedSimulator
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import Testing
@testable import AstroLoyaltyApp

/// `points.itemFeesEarnPoints` reaches the paths that record sales from the config: `astro-loyalty watch` (and the
/// counter's watcher, made by the same `WatchCommand.watcher`) and `astro-loyalty unlinked --link`. They once
/// recorded fee lines without points whatever the switch said. Each case records a sale of a $3.50 toy with a $5
/// item fee against the simulator: 8 points with the switch on; the switch off is the control (3 points).
@Suite("The fee-points switch reaches watch and unlinked --link")
struct FeePointsSwitchTests {
    static func config(_ world: LightspeedWorld, feesEarnPoints: Bool) -> AppConfig {
        var config = world.config
        config.points.itemFeesEarnPoints = feesEarnPoints
        return config
    }

    /// A completed sale of the toy and a $5 fee for `customer`, and a watcher made from the config that reads it.
    static func watchedSale(_ world: LightspeedWorld, customer: String, config: AppConfig)
        async throws -> (saleID: String, summary: SalesWatcher.PassSummary) {
        try world.store.setWatcherCheckpoint(Date().addingTimeInterval(-60), by: LightspeedWorld.admin)
        let saleID = try await world.simulator.ringUpSale(
            customerID: customer, lines: [RingUpLine(itemID: "250"), .fee(cents: 500)], completed: true)
        let watcher = WatchCommand.watcher(config: config, client: world.service.client,
                                           api: try world.service.connectedAPI(), store: world.store,
                                           holder: "fee-points test", onStatus: { _ in }, log: { _ in })
        return (saleID, try await watcher.pass())
    }

    func watchPoints(feesEarnPoints: Bool) async throws -> Int {
        let world = try await LightspeedWorld.make()
        defer { Task { await world.close() } }
        let (saleID, summary) = try await Self.watchedSale(world, customer: "101",
                                                           config: Self.config(world, feesEarnPoints: feesEarnPoints))
        #expect(summary.recorded == 1)
        return try world.store.pointsEntries(customer: world.sally.id).filter { $0.saleID == saleID }.map(\.delta)
            .reduce(0, +)
    }

    @Test func watchCountsTheFeeWhenTheSwitchIsOn() async throws {
        #expect(try await watchPoints(feesEarnPoints: true) == 8)
        #expect(try await watchPoints(feesEarnPoints: false) == 3)
    }

    func linkPoints(feesEarnPoints: Bool) async throws -> Int {
        let world = try await LightspeedWorld.make()
        defer { Task { await world.close() } }
        let config = Self.config(world, feesEarnPoints: feesEarnPoints)
        // Dana (Lightspeed 120) is linked to nobody: the watcher queues her sale.
        let (saleID, summary) = try await Self.watchedSale(world, customer: "120", config: config)
        #expect(summary.unlinked == 1)
        let dana = try world.store.addCustomer(CustomerDraft(firstName: "Dana", lastName: "Newcomer"),
                                               by: LightspeedWorld.cashier)
        let result = try await UnlinkedCommand.link(config: config, queue: UnlinkedQueue(store: world.store),
                                                    customer: dana.id, to: "120", api: try world.service.connectedAPI(),
                                                    by: LightspeedWorld.admin)   // linking is a manager's (or admin's) step
        #expect(result.sales.map(\.saleID) == [saleID])
        #expect(try world.store.pointsEntries(customer: dana.id).map(\.delta).reduce(0, +) == result.points)
        return result.points
    }

    @Test func unlinkedLinkCountsTheFeeWhenTheSwitchIsOn() async throws {
        #expect(try await linkPoints(feesEarnPoints: true) == 8)
        #expect(try await linkPoints(feesEarnPoints: false) == 3)
    }
}
