import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Lightspeed
import LightspeedSimulator
import Testing

/// Issue 9: "a sale edited between pages". The simulator changes its data right after page 1 of a customer's
/// history is answered, as a register would while the client pages on; the client neither returns a sale twice
/// nor loses one, and what it could not see this time the next fetch sees.
@Suite(.serialized)
struct ReliabilityPagingEditTests {
    @Test func aSaleCompletedAgainBetweenPagesComesOnceInItsNewerForm() async throws {
        let harness = try await Harness.start(data: try Fixtures.pagingData(count: 6), pageSize: 2)
        defer { Task { await harness.stop() } }
        // Sale 1000 was on page 1; it is edited and completed again, so it sorts last and comes again on page 3.
        await harness.simulator.edit(afterSalePages: 1, .setQuantity(saleID: "1000", saleLineID: "5000", quantity: 3),
                                     .recomplete(saleID: "1000"))
        let sales = try await harness.client.completedSales(customerID: "8", in: CompleteTimeRange())
        #expect(sales.map(\.id).sorted() == (1000..<1006).map(String.init))
        #expect(Set(sales.map(\.id)).count == sales.count, "a sale came twice: \(sales.map(\.id))")
        let edited = try #require(sales.first { $0.id == "1000" })
        #expect(edited.lines.map(\.quantity) == [3], "the newer copy wins")
        let pages = await harness.simulator.requestLog().filter { $0.path.hasSuffix("/Sale.json") }.count
        #expect(pages == 4)
    }

    @Test func changesBehindTheCursorAreSeenByTheNextFetchAndNothingIsLost() async throws {
        let harness = try await Harness.start(data: try Fixtures.pagingData(count: 6), pageSize: 2)
        defer { Task { await harness.stop() } }
        await harness.simulator.edit(afterSalePages: 1, .setQuantity(saleID: "1001", saleLineID: "5001", quantity: 4),
                                     .addLine(saleID: "1000", itemID: "12", quantity: 2),
                                     .ringUp(customerID: "8", itemID: "12", quantity: 1))
        let first = try await harness.client.completedSales(customerID: "8", in: CompleteTimeRange())
        let ids = first.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(Set((1000..<1006).map(String.init)).isSubset(of: Set(ids)), "a sale was lost: \(ids)")
        // Page 1 was read before the edit: this fetch has the old quantity and the old lines.
        #expect(first.first { $0.id == "1001" }?.lines.map(\.quantity) == [1])
        #expect(first.first { $0.id == "1000" }?.lines.count == 1)

        let second = try await harness.client.completedSales(customerID: "8", in: CompleteTimeRange())
        #expect(second.count == 7, "the new sale: \(second.map(\.id))")
        #expect(Set(second.map(\.id)).count == second.count)
        #expect(second.first { $0.id == "1001" }?.lines.map(\.quantity) == [4])
        #expect(second.first { $0.id == "1000" }?.lines.map(\.quantity) == [1, 2])
        // Every line once, none lost.
        let lineIDs = second.flatMap { $0.lines.map(\.id) }
        #expect(Set(lineIDs).count == lineIDs.count)
        #expect(lineIDs.count == 8)
    }

    /// Issue 9's 50-page history: 100 sales two per page, followed to the end in order, each once, the leaky
    /// bucket never overflows, and no address carries a token.
    @Test func aFiftyPageHistoryArrivesWholeAndInOrder() async throws {
        let harness = try await Harness.start(data: try Fixtures.pagingData(count: 100), pageSize: 2)
        defer { Task { await harness.stop() } }
        let progress = ProgressLog()
        let sales = try await harness.client.completedSales(customerID: "8", in: CompleteTimeRange(),
                                                            progress: { progress.append($0) })
        #expect(sales.map(\.id) == (1000..<1100).map(String.init))
        #expect(progress.all.last == SalesFetchProgress(pages: 50, sales: 100, lines: 100))
        let log = await harness.simulator.requestLog().filter { $0.path.hasSuffix("/Sale.json") }
        #expect(log.count == 50)
        #expect(log.allSatisfy { $0.status == 200 })
        // The token travels in the Authorization header, never in an address (cursors included).
        let tokens = try #require(await harness.store.loadTokens())
        let requests = await harness.simulator.requestLog()
        #expect(requests.count > 50)
        #expect(requests.allSatisfy {
            !($0.path + "?" + $0.query).contains(tokens.accessToken) && !($0.path + "?" + $0.query).contains(tokens.refreshToken)
        })
    }

    @Test func editsAreScheduledOverHTTPToo() async throws {
        let harness = try await Harness.start(data: try Fixtures.pagingData(count: 3), pageSize: 2)
        defer { Task { await harness.stop() } }
        var request = URLRequest(url: harness.configuration.apiBaseURL.appendingPathComponent("simulator/edit"))
        request.httpMethod = "POST"
        request.httpBody = Data(#"{"afterSalePages": 0, "edits": [{"setQuantity": {"saleID": "1002", "saleLineID": "5002", "quantity": 5}}]}"#.utf8)
        let answer = try await URLSessionTransport().send(request)
        #expect(answer.status == 200, "\(String(decoding: answer.body, as: UTF8.self))")
        let sales = try await harness.client.completedSales(customerID: "8", in: CompleteTimeRange())
        #expect(sales.first { $0.id == "1002" }?.lines.map(\.quantity) == [5])
        request.httpBody = Data(#"{"edits": [{"paint": "1002"}]}"#.utf8)
        #expect(try await URLSessionTransport().send(request).status == 400)
    }
}
