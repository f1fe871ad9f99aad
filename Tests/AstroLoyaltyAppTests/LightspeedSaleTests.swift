import Foundation
import Lightspeed
import LightspeedSimulator
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import Testing
@testable import AstroLoyaltyApp

/// The button's work against the simulator over real HTTP and a real temp store.
@Suite(.serialized) struct LightspeedSaleTests {
    @Test func saleAddsRealtimePunchesPointsAndLastImport() async throws {
        let world = try await LightspeedWorld.make()
        defer { Task { await world.close() } }
        let saleID = try await world.sell(customer: "101", [("201", 1), ("202", 2), ("250", 1)])

        let outcome = try await world.handler().handle(LightspeedButtonPress(kind: .sale, saleID: saleID),
                                                       by: LightspeedWorld.cashier)

        #expect(outcome.status == .recorded)
        #expect(outcome.customerID == world.sally.id)
        #expect(outcome.punchIDs.count == 3)
        #expect(outcome.noProgramItems == ["Squeaky Toy"])
        // $34.99 + 2 × $5.99 + $3.50 = $50.47 → 50 points.
        #expect(outcome.pointsChange == 50)
        let punches = try world.store.punches(customer: world.sally.id)
        #expect(punches.count == 3)
        #expect(punches.allSatisfy { $0.source == .realtime && $0.saleID == saleID })
        #expect(punches.allSatisfy { $0.purchaseDate == (try? world.store.today()) })
        #expect(try world.store.pointsBalance(customer: world.sally.id) == 50)
        #expect(try world.store.customer(id: world.sally.id)?.lastRealtimeImport != nil)
    }

    @Test func pressingTwiceAddsNothingNew() async throws {
        let world = try await LightspeedWorld.make()
        defer { Task { await world.close() } }
        let saleID = try await world.sell(customer: "101", [("201", 2)])
        let handler = try world.handler()
        let first = try await handler.handle(LightspeedButtonPress(kind: .sale, saleID: saleID), by: LightspeedWorld.cashier)
        let second = try await handler.handle(LightspeedButtonPress(kind: .sale, saleID: saleID), by: LightspeedWorld.cashier)

        #expect(first.punchIDs.count == 2)
        #expect(second.punchIDs.isEmpty)
        #expect(second.alreadyRecordedUnits == 2)
        #expect(second.pointsChange == 0)
        #expect(try world.store.punches(customer: world.sally.id).count == 2)
        #expect(try world.store.pointsBalance(customer: world.sally.id) == 69)
        #expect(second.message.contains("nothing new"))
    }

    @Test func refundTakesThePointsBackAndListsTheMatchingPunches() async throws {
        let world = try await LightspeedWorld.make()
        defer { Task { await world.close() } }
        let saleID = try await world.sell(customer: "101", [("201", 1), ("202", 2)])
        let handler = try world.handler()
        let sale = try await handler.handle(LightspeedButtonPress(kind: .sale, saleID: saleID), by: LightspeedWorld.cashier)
        // Refund the bones line only.
        let json = try #require(await world.simulator.saleJSON(saleID))
        let bonesLine = try #require(json.many("SaleLines", "SaleLine").first { $0.link("itemID") == "202" }?.link("saleLineID"))
        let refundID = try await world.simulator.refundSale(saleID, lineIDs: [bonesLine])

        let refund = try await handler.handle(LightspeedButtonPress(kind: .refund, saleID: refundID), by: LightspeedWorld.cashier)

        #expect(refund.status == .refunded)
        #expect(refund.pointsChange == -11)
        #expect(refund.refundedUnits == 2)
        let bonesPunches = try world.store.punches(customer: world.sally.id).filter { $0.saleLineID == bonesLine }.map(\.id)
        #expect(Set(refund.matchingPunchIDs) == Set(bonesPunches))
        #expect(bonesPunches.count == 2)
        // Punches stay; points go: 46 earned − 11 refunded.
        #expect(try world.store.punches(customer: world.sally.id).count == sale.punchIDs.count)
        #expect(try world.store.pointsBalance(customer: world.sally.id) == 35)
        // A second press of the refund takes nothing more.
        let again = try await handler.handle(LightspeedButtonPress(kind: .refund, saleID: refundID), by: LightspeedWorld.cashier)
        #expect(again.refundAlreadyRecorded)
        #expect(try world.store.pointsBalance(customer: world.sally.id) == 35)
    }

    @Test func aSaleWithoutACustomerSaysToAttachOne() async throws {
        let world = try await LightspeedWorld.make()
        defer { Task { await world.close() } }
        let saleID = try await world.ringUp(customer: nil, [("201", 1)])
        let outcome = try await world.handler().handle(LightspeedButtonPress(kind: .sale, saleID: saleID),
                                                       by: LightspeedWorld.cashier)
        #expect(outcome.status == .noCustomerOnSale)
        #expect(outcome.message.contains("attach the customer"))
        #expect(try world.store.punches(customer: world.sally.id).isEmpty)
    }

    @Test func anUnlinkedCustomerComesBackWithTheirLightspeedDetails() async throws {
        let world = try await LightspeedWorld.make()
        defer { Task { await world.close() } }
        let saleID = try await world.ringUp(customer: "120", [("201", 1)])
        let outcome = try await world.handler().handle(LightspeedButtonPress(kind: .sale, saleID: saleID),
                                                       by: LightspeedWorld.cashier)
        #expect(outcome.status == .noLinkedCustomer)
        #expect(outcome.lightspeedCustomer == LightspeedCustomerInfo(lightspeedID: "120", firstName: "Dana",
                                                                     lastName: "Newcomer", phone: "555-010-2222",
                                                                     email: "dana@example.com"))
    }

    @Test func aNetworkFailureIsAClearErrorAndChangesNothing() async throws {
        let world = try await LightspeedWorld.make()
        defer { Task { await world.close() } }
        let saleID = try await world.sell(customer: "101", [("201", 1)])
        await world.simulator.inject(.truncatedJSON, .truncatedJSON, .truncatedJSON, .truncatedJSON)
        await #expect(throws: LightspeedSaleError.self) {
            _ = try await world.handler().handle(LightspeedButtonPress(kind: .sale, saleID: saleID), by: LightspeedWorld.cashier)
        }
        #expect(try world.store.punches(customer: world.sally.id).isEmpty)
        #expect(try world.store.pointsBalance(customer: world.sally.id) == 0)

        await world.simulator.stop()
        do {
            _ = try await world.handler().handle(LightspeedButtonPress(kind: .sale, saleID: saleID), by: LightspeedWorld.cashier)
            Issue.record("expected a failure with the simulator stopped")
        } catch {
            #expect(String(describing: error).contains("Nothing was recorded"))
        }
        #expect(try world.store.punches(customer: world.sally.id).isEmpty)
    }

    @Test func notConnectedSaysAnAdminConnectsFirst() async throws {
        let world = try await LightspeedWorld.make(connected: false)
        defer { Task { await world.close() } }
        #expect(throws: LightspeedServiceError.notConnected) { _ = try world.service.connectedAPI() }
        #expect(LightspeedServiceError.notConnected.description.contains("an admin connects it first"))
    }

    @Test func rotatedTokensAreStoredInTheStore() async throws {
        let world = try await LightspeedWorld.make()
        defer { Task { await world.close() } }
        let before = try #require(try world.store.lightspeedConnection())
        await world.simulator.expireAccessTokens()
        _ = try await world.service.connectedAPI().account()
        let after = try #require(try world.store.lightspeedConnection())
        #expect(after.refreshToken != before.refreshToken)
        #expect(after.accessToken != before.accessToken)
    }
}
