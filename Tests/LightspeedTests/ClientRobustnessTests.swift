import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import Logging
import Lightspeed
import LightspeedSimulator

/// Keeps every log line, to prove no token or code reaches the log.
final class CapturedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) {
        lock.lock()
        lines.append(line)
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return lines.joined(separator: "\n")
    }
}

struct CapturingLogHandler: LogHandler {
    let log: CapturedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        log.append("\(event.level) \(event.message) \(event.metadata ?? [:])")
    }
}

@Suite(.serialized)
struct ClientRobustnessTests {
    @Test func concurrentCallsAfterExpiryShareOneRefresh() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        _ = try await harness.client.account()
        await harness.simulator.expireAccessTokens()
        let client = harness.client
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in ["8", "9", "8", "9"] {
                group.addTask { _ = try await client.customer(id: id) }
            }
            try await group.waitForAll()
        }
        #expect(await harness.store.history.count == 1)
        let refreshes = await harness.simulator.requestLog().filter { $0.path == "/auth/oauth/token" }
        #expect(refreshes.count == 1)
    }

    @Test func noTokenOrCodeEverReachesTheLog() async throws {
        let harness = try await Harness.start(connected: false)
        defer { Task { await harness.stop() } }
        let log = CapturedLog()
        let logger = Logger(label: "test") { _ in CapturingLogHandler(log: log) }
        let client = LightspeedClient(configuration: harness.configuration, tokenStore: harness.store,
                                      environment: harness.clock.environment, logger: logger)
        let request = client.authorizationRequest()
        let location = try #require(try await URLSessionTransport().send(URLRequest(url: request.url)).header("Location"))
        try await client.connect(pasted: location, expectedState: request.state)
        await harness.simulator.expireAccessTokens()
        await harness.simulator.inject(.status(503), .truncatedJSON)
        _ = try? await client.sale(id: "277")
        _ = try await client.sale(id: "277")
        await harness.simulator.revokeRefreshTokens()
        await harness.simulator.expireAccessTokens()
        _ = try? await client.account()
        let text = log.text
        #expect(!text.isEmpty)
        let code = try #require(QueryEncoding.parse(String(location.split(separator: "?")[1])).first { $0.0 == "code" }?.1)
        let verifiers = await harness.simulator.codeVerifiersReceived()
        #expect(verifiers.count == 1)
        var secrets = [code] + verifiers
        for tokens in await harness.store.history { secrets += [tokens.accessToken, tokens.refreshToken] }
        for secret in secrets {
            #expect(!text.contains(secret), "a secret reached the log")
        }
        #expect(!text.contains("sim-at-") && !text.contains("sim-rt-"))
    }

    @Test func theAPIClosuresReachTheClient() async throws {
        let harness = try await Harness.start(connected: false)
        defer { Task { await harness.stop() } }
        let api = LightspeedAPI.live(harness.client)
        let request = api.authorizationRequest()
        let location = try #require(try await URLSessionTransport().send(URLRequest(url: request.url)).header("Location"))
        #expect(try await api.connect(location, request.state).id == "12345")
        #expect(try await api.sale("277").lines.count == 2)
        #expect(try await api.completedSales("8", CompleteTimeRange(), { _ in }).map(\.id) == ["277", "280"])
        #expect(try await api.customer("9").fullName == "Sally Pet Owner")
        #expect(try await api.searchCustomers("jane").count == 1)
        #expect(try await api.item("4006381333931")?.id == "28")
        try await api.disconnect()
        await #expect(throws: LightspeedError.notConnected) { try await api.account() }
        await #expect(throws: LightspeedError.notConnected) { try await LightspeedAPI.failing(.notConnected).sale("1") }
    }
}
