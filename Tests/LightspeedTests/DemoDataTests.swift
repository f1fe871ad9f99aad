import Foundation
import Testing
import Lightspeed
import LightspeedSimulator
import LoyaltyCore

private let assets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Assets")

@Suite(.serialized)
struct DemoDataTests {
    private let newYork = TimeZone(identifier: "America/New_York")!

    private func start(now: Date) async throws -> Harness {
        let data = try SimulatorData(contentsOf: assets.appendingPathComponent("lightspeed-demo.json"))
        let harness = try await Harness.start(data: data, clockStart: now)
        return harness
    }

    private func localDay(_ date: Date) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = newYork
        return calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    }

    @Test func sallysHistoryHasKnownMissedRefundedAndVoidedSales() async throws {
        // Mid-March, across a daylight-saving change from the anchor's November dates.
        let now = try #require(LightspeedDate.parse("2027-03-20T16:00:00+00:00"))
        let harness = try await start(now: now)
        defer { Task { await harness.stop() } }
        let first = try await harness.client.sale(id: "5001")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = newYork
        let fortyFiveDaysAgo = try #require(calendar.date(byAdding: .day, value: -45, to: now))
        #expect(localDay(try #require(first.completeTime)).day == localDay(fortyFiveDaysAgo).day)
        #expect(first.lines.map(\.id) == ["9001"])
        #expect(first.lines[0].item?.upc == "007123000016")

        let since = try #require(calendar.date(byAdding: .day, value: -21, to: now))
        let sales = try await harness.client.completedSales(customerID: "101", in: CompleteTimeRange(from: since, timeZone: newYork))
        #expect(sales.map(\.id) == ["5003", "5004", "5005", "5006", "5008"])
        let late = try #require(sales.first { $0.id == "5005" }?.completeTime)
        #expect(localDay(late).hour == 23 && localDay(late).minute == 30)
        let refund = try #require(sales.first { $0.id == "5006" })
        #expect(refund.lines.map(\.quantity) == [-1])
        #expect(refund.lines[0].parentSaleLineID == sales.first { $0.id == "5004" }?.lines[1].id)
        let eanOnly = try #require(sales.first { $0.id == "5008" })
        #expect(eanOnly.lines[0].item?.upc == "")
        #expect(eanOnly.lines[0].item?.barcode == (try? UPC.parse("007771000437")))
        #expect(eanOnly.lines[1].itemID == nil)
        let voided = try await harness.client.sale(id: "5007")
        #expect(voided.voided)
        #expect(try await harness.client.searchCustomers("sally").map(\.id) == ["101"])
        #expect(try await harness.client.searchCustomers("867-5309").map(\.id) == ["101"])
    }

    @Test func everyItemCodeParsesAndIDsAreUnique() throws {
        let data = try SimulatorData(contentsOf: assets.appendingPathComponent("lightspeed-demo.json"))
        for json in data.items {
            let item = try LightspeedItem(json: json.encoded())
            for code in [item.upc, item.ean] where !code.isEmpty {
                // An 11-digit UPC is a UPC-A that lost its leading zero (item 203 is kept that way on purpose).
                #expect(UPC.fromLightspeedItem(upc: code, ean: nil, customSku: nil) != nil, "item \(item.id) code \(code)")
            }
            if !item.upc.isEmpty || !item.ean.isEmpty { #expect(item.barcode != nil, "item \(item.id)") }
        }
        #expect(Set(data.sales.map { $0.string("saleID") }).count == data.sales.count)
        let lineIDs = data.sales.flatMap { $0.many("SaleLines", "SaleLine").map { $0.string("saleLineID") } }
        #expect(Set(lineIDs).count == lineIDs.count)
        #expect(data.customers.count >= 10)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: assets.appendingPathComponent("demo-store.json").path)))
    func matchesTheDemoStore() throws {
        let data = try SimulatorData(contentsOf: assets.appendingPathComponent("lightspeed-demo.json"))
        let store = try LightspeedJSON.parse(try Data(contentsOf: assets.appendingPathComponent("demo-store.json")))
        let items = try data.items.map { try LightspeedItem(json: $0.encoded()) }
        let barcodes = Set(items.compactMap(\.barcode))
        for program in store["programs"]?.elements ?? [] {
            for item in program["items"]?.elements ?? [] {
                #expect(barcodes.contains(try UPC.parse(item.string("upc"))), "program UPC \(item.string("upc"))")
            }
        }
        let customers = Dictionary(uniqueKeysWithValues: try data.customers.map { json in
            let customer = try LightspeedCustomer(json: json.encoded())
            return (customer.id, customer)
        })
        for customer in store["customers"]?.elements ?? [] {
            guard let id = customer.link("lightspeedCustomerID") else { continue }
            let linked = try #require(customers[id], "Lightspeed customer \(id)")
            #expect(linked.firstName == customer.string("firstName") && linked.lastName == customer.string("lastName"))
        }
    }
}
