import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Lightspeed
import LightspeedSimulator

/// Collects progress reports from the client's callback.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [SalesFetchProgress] = []

    func append(_ report: SalesFetchProgress) {
        lock.lock()
        reports.append(report)
        lock.unlock()
    }

    var all: [SalesFetchProgress] {
        lock.lock()
        defer { lock.unlock() }
        return reports
    }
}

@Suite(.serialized)
struct PagingAndFaultTests {
    private func saleQueries(_ harness: Harness) async -> [SimulatorRequestRecord] {
        await harness.simulator.requestLog().filter { $0.path.hasSuffix("/Sale.json") }
    }

    @Test func followsCursorsAcrossFivePagesEndingWithOneObject() async throws {
        let harness = try await Harness.start(data: try Fixtures.pagingData(count: 9), pageSize: 2)
        defer { Task { await harness.stop() } }
        let progress = ProgressLog()
        let sales = try await harness.client.completedSales(customerID: "8", in: CompleteTimeRange(),
                                                            progress: { progress.append($0) })
        #expect(sales.map(\.id) == (1000..<1009).map(String.init))
        #expect(sales.allSatisfy { $0.lines.count == 1 && $0.lines[0].item?.upc == "012345678905" })
        #expect(progress.all.map(\.pages) == [1, 2, 3, 4, 5])
        #expect(progress.all.last == SalesFetchProgress(pages: 5, sales: 9, lines: 9))
        let queries = await saleQueries(harness)
        #expect(queries.count == 5)
        #expect(queries.dropFirst().allSatisfy { $0.query.contains("after=") })
        // The last page really is one object, not a one-element array.
        let tokens = try #require(await harness.store.loadTokens())
        var request = URLRequest(url: URL(string: "\(harness.configuration.apiBaseURL.absoluteString)\(queries[4].path)?\(queries[4].query)")!)
        request.setValue("Bearer \(tokens.accessToken)", forHTTPHeaderField: "Authorization")
        let answer = try await URLSessionTransport().send(request)
        let page = try LightspeedJSON.parse(answer.body)
        guard case .object? = page["Sale"] else { Issue.record("last page Sale is not an object"); return }
        #expect(page["@attributes"]?.string("next") == "")
        #expect(page["@attributes"]?.string("previous").contains("before=") == true)
    }

    @Test func rangeFiltersCompletedNotVoidedWithEncodedOperatorsAndOffsets() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        let paris = TimeZone(identifier: "Europe/Paris")!
        // 2024-11-10T14:00:00+01:00 is 13:00Z: sale 277 (13:51Z) is in, as is refund 280; 281 is voided, 282 open.
        let from = LightspeedDate.parse("2024-11-10T14:00:00+01:00")!
        let all = try await harness.client.completedSales(customerID: "8", in: CompleteTimeRange(from: from, timeZone: paris))
        #expect(all.map(\.id) == ["277", "280"])
        let query = try #require(await saleQueries(harness).last?.query)
        #expect(query.contains("completeTime=%3E%3D%2C2024-11-10T14%3A00%3A00%2B01%3A00"))
        #expect(query.contains("completed=true") && query.contains("voided=false"))
        let to = LightspeedDate.parse("2024-11-12T00:00:00Z")!
        let between = try await harness.client.completedSales(customerID: "8", in: CompleteTimeRange(from: from, to: to))
        #expect(between.map(\.id) == ["277"])
        #expect(try #require(await saleQueries(harness).last?.query).contains("completeTime=%3E%3C%2C"))
        let until = try await harness.client.completedSales(customerID: "8", in: CompleteTimeRange(to: to))
        #expect(until.map(\.id) == ["277"])
        #expect(try await harness.client.completedSales(customerID: "9", in: CompleteTimeRange(from: to)).isEmpty)
    }

    @Test func rawPlusInAnOffsetIsABadRequestLikeTheRealServer() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        let tokens = try #require(await harness.store.loadTokens())
        let base = harness.configuration.apiBaseURL.absoluteString
        var request = URLRequest(url: URL(string: "\(base)/API/V3/Account/12345/Sale.json?completeTime=%3E%3D%2C2024-11-10T14:00:00+01:00")!)
        request.setValue("Bearer \(tokens.accessToken)", forHTTPHeaderField: "Authorization")
        let answer = try await URLSessionTransport().send(request)
        #expect(answer.status == 400)
        #expect(try LightspeedJSON.parse(answer.body).string("httpCode") == "400")
    }

    @Test func pacingKeepsALongImportUnderTheBucket() async throws {
        let harness = try await Harness.start(data: try Fixtures.pagingData(count: 30), pageSize: 1, bucketSize: 10)
        defer { Task { await harness.stop() } }
        let sales = try await harness.client.completedSales(customerID: "8", in: CompleteTimeRange())
        #expect(sales.count == 30)
        let log = await harness.simulator.requestLog()
        #expect(!log.contains { $0.status == 429 })
        #expect(harness.clock.sleeps.reduce(0, +) >= 15)
    }

    @Test func overflowingTheBucketDraws429AndRetryAfterIsHonoured() async throws {
        let harness = try await Harness.start(bucketSize: 10)
        defer { Task { await harness.stop() } }
        await harness.simulator.setBucketLevel(15)
        #expect(try await harness.client.account().id == "12345")
        #expect(await harness.simulator.requestLog().map(\.status) == [429, 200])
        #expect(harness.clock.sleeps.contains(6))
        await harness.simulator.inject(.rateLimited(retryAfter: 30))
        _ = try await harness.client.account()
        #expect(harness.clock.sleeps.contains(30))
    }

    @Test func endless429SaysBusy() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        await harness.simulator.inject(Array(repeating: .rateLimited(retryAfter: 2), count: 6))
        do {
            _ = try await harness.client.account()
            Issue.record("no error")
        } catch {
            #expect(error == .busy(retryAfterSeconds: 2))
            #expect(error.description == "Lightspeed is busy, try again in a minute.")
        }
    }

    @Test func serverErrorsAreRetriedWithBackoff() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        await harness.simulator.inject(.status(503), .status(502), .status(500))
        #expect(try await harness.client.sale(id: "277").id == "277")
        #expect(harness.clock.sleeps == [0.5, 1, 2])
        await harness.simulator.inject(Array(repeating: .status(503), count: 4))
        await #expect(throws: LightspeedError.serverError(status: 503)) { try await harness.client.account() }
    }

    @Test func truncatedJSONAndHTMLPagesAreClearErrors() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        _ = try await harness.client.account()
        await harness.simulator.inject(.truncatedJSON)
        do {
            _ = try await harness.client.sale(id: "277")
            Issue.record("no error")
        } catch {
            guard case .malformedResponse = error else { Issue.record("got \(error)"); return }
            #expect(error.description.hasPrefix("Lightspeed sent an answer this program could not read"))
        }
        await harness.simulator.inject(.htmlPage)
        do {
            _ = try await harness.client.sale(id: "277")
            Issue.record("an HTML page was read as a sale")
        } catch {
            guard case .malformedResponse = error else { Issue.record("got \(error)"); return }
            #expect(error.description.hasPrefix("Lightspeed sent an answer this program could not read"))
        }
        // JSON labelled text/html is still read.
        await harness.simulator.inject(.mislabelledJSON)
        #expect(try await harness.client.sale(id: "277").id == "277")
    }

    @Test func slowAnswersTimeOutAndAreRetried() async throws {
        let harness = try await Harness.start(requestTimeout: 0.5)
        defer { Task { await harness.stop() } }
        _ = try await harness.client.account()
        await harness.simulator.inject(.slow(seconds: 2))
        #expect(try await harness.client.sale(id: "277").id == "277")
        await harness.simulator.inject(Array(repeating: .slow(seconds: 2), count: 4))
        do {
            _ = try await harness.client.sale(id: "277")
            Issue.record("no error \(await harness.simulator.requestLog().map { "\($0.path) \($0.status)" }) \(harness.clock.sleeps)")
        } catch {
            #expect(error == .timedOut)
            #expect(error.description == "Lightspeed did not answer in time. Check the internet connection and try again.")
        }
    }

    @Test func cancellingMidFetchReturnsNothing() async throws {
        let harness = try await Harness.start(data: try Fixtures.pagingData(count: 10), pageSize: 2)
        defer { Task { await harness.stop() } }
        let progress = ProgressLog()
        let task = Task { () async throws -> [LightspeedSale] in
            try await harness.client.completedSales(customerID: "8", in: CompleteTimeRange(), progress: { report in
                progress.append(report)
                if report.pages == 2 { withUnsafeCurrentTask { $0?.cancel() } }
            })
        }
        let result = await task.result
        guard case .failure(let error) = result else { Issue.record("got a result after cancel"); return }
        #expect(error as? LightspeedError == .cancelled)
        #expect(progress.all.last?.pages == 2)
        #expect(await saleQueries(harness).count == 2)
    }

    @Test func nothingListeningIsUnreachable() async throws {
        let harness = try await Harness.start()
        _ = try await harness.client.account()
        await harness.stop()
        do {
            _ = try await harness.client.sale(id: "277")
            Issue.record("no error")
        } catch {
            guard case .unreachable = error else { Issue.record("got \(error)"); return }
            #expect(error.description.hasPrefix("Cannot reach Lightspeed"))
        }
    }
}

@Suite(.serialized)
struct HalfwayFailureTests {
    @Test func aFailureOnPageThreeReturnsNothingAtAll() async throws {
        let harness = try await Harness.start(data: try Fixtures.pagingData(count: 10), pageSize: 2)
        defer { Task { await harness.stop() } }
        _ = try await harness.client.account()
        let progress = ProgressLog()
        await harness.simulator.inject(.none, .none, .truncatedJSON)
        do {
            let sales = try await harness.client.completedSales(customerID: "8", in: CompleteTimeRange(),
                                                                progress: { progress.append($0) })
            Issue.record("got \(sales.count) sales")
        } catch {
            guard case .malformedResponse = error else { Issue.record("got \(error)"); return }
        }
        #expect(progress.all.map(\.pages) == [1, 2])
        // The same fetch afterwards gets everything.
        #expect(try await harness.client.completedSales(customerID: "8", in: CompleteTimeRange()).count == 10)
    }
}
