import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import Lightspeed
import LightspeedSimulator

/// The simulator's query language, checked over raw HTTP, so other suites can trust what it serves.
@Suite(.serialized)
struct SimulatorQueryTests {
    private func get(_ harness: Harness, _ pathAndQuery: String) async throws -> (Int, LightspeedJSON, HTTPAnswer) {
        let tokens = try #require(await harness.store.loadTokens())
        var request = URLRequest(url: URL(string: harness.configuration.apiBaseURL.absoluteString + pathAndQuery)!)
        request.setValue("Bearer \(tokens.accessToken)", forHTTPHeaderField: "Authorization")
        let answer = try await URLSessionTransport().send(request)
        return (answer.status, (try? LightspeedJSON.parse(answer.body)) ?? .null, answer)
    }

    private func ids(_ json: LightspeedJSON, _ entity: String = "Sale", _ key: String = "saleID") -> [String] {
        (json[entity]?.elements ?? []).map { $0.string(key) }
    }

    @Test func operatorsSortingCountAndErrors() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        let base = "/API/V3/Account/12345"
        #expect(ids(try await get(harness, "\(base)/Sale.json?sort=-saleID&limit=2").1) == ["282", "281"])
        #expect(ids(try await get(harness, "\(base)/Sale.json?saleID=IN,%5B277,280%5D").1) == ["277", "280"])
        #expect(ids(try await get(harness, "\(base)/Sale.json?customerID=!%3D,8").1) == ["278", "279"])
        #expect(ids(try await get(harness, "\(base)/Sale.json?completeTime=%3E,2024-11-12T10:00:00%2B00:00").1) == ["280", "281"])
        #expect(ids(try await get(harness, "\(base)/Sale.json?completeTime=%3C%3D,2024-11-11T10:00:00Z").1) == ["277", "278"])
        #expect(ids(try await get(harness, "\(base)/Sale.json?updatetime=%3E%3D,2024-11-11T00:00:00Z").1) == ["278"])
        let count = try await get(harness, "\(base)/Sale.json?customerID=8&count=1").1
        #expect(count["@attributes"]?.string("count") == "4" && count["Sale"] == nil)
        #expect(ids(try await get(harness, "\(base)/Customer.json?archived=only").1, "Customer", "customerID") == ["10"])
        #expect(ids(try await get(harness, "\(base)/Customer.json?lastName=~,%25owner").1, "Customer", "customerID") == ["9"])
        #expect(try await get(harness, "\(base)/Customer.json?customerID=8").1["Customer"]?["Contact"] == nil)
        #expect(ids(try await get(harness, "\(base)/Item.json?upc=012345678905").1, "Item", "itemID") == ["12"])
        #expect(ids(try await get(harness, "\(base)/Item.json?ean=4006381333931").1, "Item", "itemID") == ["28"])
        let empty = try await get(harness, "\(base)/Sale.json?customerID=404").1
        #expect(empty == .object(["@attributes": .object(["next": .string(""), "previous": .string("")])]))

        let (badSort, sortError, answer) = try await get(harness, "\(base)/Sale.json?sort=total")
        #expect(badSort == 400 && sortError.string("message").contains("completeTime"))
        #expect(answer.header("content-type")?.hasPrefix("text/html") == true)
        #expect(try await get(harness, "\(base)/Sale.json?limit=101").0 == 400)
        #expect(try await get(harness, "\(base)/Sale.json?offset=100").0 == 400)
        #expect(try await get(harness, "\(base)/Sale.json?count=1&limit=5").0 == 400)
        #expect(try await get(harness, "/API/V3/Account/999/Sale.json").0 == 403)
    }

    @Test func rateHeadersTrackTheBucket() async throws {
        let harness = try await Harness.start(bucketSize: 5)
        defer { Task { await harness.stop() } }
        var levels: [String] = []
        for _ in 0..<3 { levels.append(try await get(harness, "/API/V3/Account.json").2.header("X-LS-API-Bucket-Level") ?? "") }
        #expect(levels == ["1/5", "2/5", "3/5"])
        harness.clock.advance(by: 2)
        let answer = try await get(harness, "/API/V3/Account.json").2
        #expect(answer.header("x-ls-api-bucket-level") == "2/5")
        #expect(answer.header("X-LS-API-Drip-Rate") == "1")
        for _ in 0..<3 { _ = try await get(harness, "/API/V3/Account.json") }
        // Level 5 reached with the first overflowing request allowed; the next is refused.
        let refused = try await get(harness, "/API/V3/Account.json").2
        #expect(refused.status == 429)
        #expect(refused.header("Retry-After") == "1")
        #expect(refused.header("X-LS-API-RateLimit-Type") == "api-leaky-bucket")
    }
}
