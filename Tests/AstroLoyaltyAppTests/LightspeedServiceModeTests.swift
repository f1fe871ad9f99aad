import Foundation
import Lightspeed
import LoyaltyStore
import Testing
@testable import AstroLoyaltyApp

/// Which Lightspeed a store talks to: a training store uses the built-in simulator until an admin connects
/// it to an account (then that connection, as `docs/lightspeed-button.md` walks through with lightspeed-sim).
@Suite("Lightspeed service mode", .serialized)
struct LightspeedServiceModeTests {
    func config(for world: LightspeedWorld, simulatorData: URL) async -> AppConfig {
        var config = AppConfig()
        let base = await world.simulator.baseURL.absoluteString
        config.lightspeed.apiBaseURL = base
        config.lightspeed.authBaseURL = base
        config.lightspeed.clientID = world.simulator.clientID
        config.lightspeed.simulatorDataPath = simulatorData.path
        return config
    }

    @Test func aTrainingStoreConnectedByAnAdminUsesThatConnection() async throws {
        let world = try await LightspeedWorld.make(connected: true)
        defer { Task { await world.close() } }
        let config = await config(for: world, simulatorData: world.folder.appendingPathComponent("lightspeed.json"))
        let service = try await LightspeedService.make(config: config, store: world.store, trainingMode: true)
        defer { Task { await service.shutdown() } }
        #expect(!service.trainingMode)
        #expect(service.accountID == "12345")
        // The connected account answers: Sally's Lightspeed record comes from the world's simulator.
        let api = try service.connectedAPI()
        #expect(try await api.customer("101").firstName == "Sally")
    }

    @Test func aTrainingStoreWithoutAConnectionUsesTheBuiltInSimulator() async throws {
        let world = try await LightspeedWorld.make(connected: false)
        defer { Task { await world.close() } }
        let config = await config(for: world, simulatorData: world.folder.appendingPathComponent("lightspeed.json"))
        let service = try await LightspeedService.make(config: config, store: world.store, trainingMode: true)
        defer { Task { await service.shutdown() } }
        #expect(service.trainingMode)
        #expect(service.accountID == "12345")
        let builtIn = await service.simulator?.baseURL
        #expect(builtIn != nil)
        #expect(builtIn != (await world.simulator.baseURL))
    }
}
