import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Lightspeed
import LightspeedSimulator
import LoyaltyCore

/// A whole Import History fetch as the cashier waits for it: 20 pages of 100 sales from the simulator over
/// loopback HTTP, each page read by the client (`JSONDecoder` into its response types) and turned into
/// `LightspeedSale`s. Loopback has no network latency and the simulator's rate limit is opened wide, so
/// decoding's share here is the largest it can be; a real fetch adds Lightspeed's latency and pacing.
/// Issue 15 compared this with the client's former JSON reader of its own (docs/PERFORMANCE.md).
enum FetchBench {
    struct Result {
        var fetch: [Double]
        var pages: Int
        var sales: Int
    }

    static func run(reps: Int, warmup: Int, upcs: [(upc: UPC, program: Int64, description: String)],
                    seed: UInt64) throws -> Result {
        var rng = SeededRandom(seed: seed ^ 0x1A2B)
        let pages = ImportBench.makePages(upcs: upcs, rng: &rng)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fetch-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let dataFile = folder.appendingPathComponent("lightspeed.json")
        let saleCount = try writeSimulatorData(pages, to: dataFile)

        return try blocking {
            var options = SimulatorOptions()
            options.bucketSize = 1_000_000
            options.dripRate = 1_000_000
            let simulator = try LightspeedSimulator(dataFile: dataFile, options: options)
            let port = try await simulator.start(port: 0)
            let base = URL(string: "http://127.0.0.1:\(port)")!
            let configuration = LightspeedConfiguration(apiBaseURL: base, authBaseURL: base, clientID: simulator.clientID,
                                                        clientSecret: simulator.clientSecret,
                                                        redirectURI: "https://counter.example/callback",
                                                        accountID: "12345", requestTimeout: 30, maxRetries: 0,
                                                        pageSize: 100)
            let client = LightspeedClient(configuration: configuration,
                                          tokenStore: InMemoryTokenStore(await simulator.issueTokens()))
            var fetch: [Double] = []
            var fetchedPages = 0
            for i in 0..<(warmup + reps) {
                let start = Clock.nanoseconds()
                let pageCount = Box<Int>()
                let sales = try await client.completedSales(customerID: "101", in: CompleteTimeRange(),
                                                            progress: { pageCount.value = $0.pages })
                let ms = Double(Clock.nanoseconds() - start) / 1e6
                precondition(sales.count == saleCount, "fetched \(sales.count) of \(saleCount) sales")
                fetchedPages = pageCount.value ?? 0
                if i >= warmup { fetch.append(ms) }
            }
            await simulator.stop()
            return Result(fetch: fetch, pages: fetchedPages, sales: saleCount)
        }
    }

    /// The pages' sales, their lines without the embedded items, and the items once each: the simulator's
    /// data file, which it serves back with `load_relations` as Lightspeed does.
    static func writeSimulatorData(_ pages: [Data], to file: URL) throws -> Int {
        var sales: [LightspeedJSON] = []
        var items: [String: LightspeedJSON] = [:]
        for page in pages {
            for sale in try LightspeedJSON.parse(page)["Sale"]?.elements ?? [] {
                guard case .object(var saleFields) = sale else { continue }
                var lines: [LightspeedJSON] = []
                for line in sale.many("SaleLines", "SaleLine") {
                    guard case .object(var lineFields) = line else { continue }
                    if let item = lineFields.removeValue(forKey: "Item") { items[item.string("itemID")] = item }
                    lines.append(.object(lineFields))
                }
                saleFields["SaleLines"] = .object(["SaleLine": .collection(lines)])
                sales.append(.object(saleFields))
            }
        }
        let data = LightspeedJSON.object([
            "Account": .object(["accountID": .string("12345"), "name": .string("Bench Pets")]),
            "Customer": .array([.object(["customerID": .string("101"), "firstName": .string("Sally"),
                                         "lastName": .string("Pet Owner"), "archived": .string("false")])]),
            "Item": .array(items.keys.sorted().compactMap { items[$0] }),
            "Sale": .array(sales),
        ])
        try data.encoded().write(to: file)
        return sales.count
    }

    /// Runs async work to its end from the (synchronous) benchmark command.
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let box = Box<Swift.Result<T, any Error>>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { box.value = .success(try await work()) } catch { box.value = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.value!.get()
    }

    final class Box<T>: @unchecked Sendable { var value: T? }
}
