import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Lightspeed
import LightspeedSimulator

@Suite(.serialized)
struct ClientBasicsTests {
    @Test func accountIsRead() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        let account = try await harness.client.account()
        #expect(account == LightspeedAccount(id: "12345", name: "Kit Kraft Sandbox"))
    }

    @Test func oneSaleWithLinesItemsAndCustomer() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        let sale = try await harness.client.sale(id: "277")
        #expect(sale.id == "277")
        #expect(sale.completed && !sale.voided)
        #expect(sale.completeTime == LightspeedDate.parse("2024-11-10T13:51:54+00:00"))
        #expect(sale.updateTime == LightspeedDate.parse("2024-11-10T13:51:54+00:00"))
        #expect(sale.subtotalCents == 2999)
        #expect(sale.totalCents == 3448)
        #expect(sale.ticketNumber == "220000000277")
        #expect(sale.employeeID == "2" && sale.registerID == "5" && sale.shopID == "1")
        #expect(sale.lines.map(\.id) == ["269", "270"])
        #expect(sale.lines.map(\.quantity) == [1, 2])
        #expect(sale.lines[0].item?.upc == "012345678905")
        #expect(sale.lines[0].item?.description == "Dog Food 5lb")
        // EAN-only item: UPC empty, EAN set, the barcode falls back to the EAN.
        #expect(sale.lines[1].item?.upc == "")
        #expect(sale.lines[1].item?.ean == "4006381333931")
        #expect(sale.lines[1].item?.barcode != nil)
        #expect(sale.lines[1].parentSaleLineID == nil)
        let customer = try #require(sale.customer)
        #expect(customer.id == "8" && customer.fullName == "Jane Doe")
        #expect(customer.phones.count == 2)
        #expect(customer.phone == "360-555-0199")
        #expect(customer.email == "jane@example.com")
    }

    @Test func singleLineSaleUpdateTimeSpellingAndEmptyContainers() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        // One line is serialized as an object, not an array; the sale spells it updateTime; the customer's
        // Contact has "" for every container.
        let sale = try await harness.client.sale(id: "278")
        #expect(sale.lines.count == 1)
        #expect(sale.lines[0].subtotalCents == 450)
        #expect(sale.lines[0].item?.customSku == "BIRD-1")
        #expect(sale.updateTime == LightspeedDate.parse("2024-11-11T10:00:00+00:00"))
        #expect(sale.customer?.fullName == "Sally Pet Owner")
        #expect(sale.customer?.phones == [])
        #expect(sale.customer?.emails == [])
    }

    @Test func saleWithoutLinesOrCustomerAndMiscAndRefundLines() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        let empty = try await harness.client.sale(id: "279")
        #expect(empty.lines.isEmpty)
        #expect(empty.customerID == nil)
        #expect(empty.customer == nil)
        let refund = try await harness.client.sale(id: "280")
        #expect(refund.lines[0].quantity == -1)
        #expect(refund.lines[0].parentSaleLineID == "269")
        #expect(refund.lines[0].subtotalCents == -999)
        #expect(refund.lines[1].itemID == nil)
        #expect(refund.lines[1].item == nil)
        #expect(refund.subtotalCents == -999)
    }

    @Test func missingSaleIsNotFoundInPlainWords() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        await #expect(throws: LightspeedError.notFound(what: "sale 999")) { try await harness.client.sale(id: "999") }
        #expect(LightspeedError.notFound(what: "sale 999").description == "Lightspeed has no sale 999.")
    }

    @Test func notConnectedSaysSo() async throws {
        let harness = try await Harness.start(connected: false)
        defer { Task { await harness.stop() } }
        await #expect(throws: LightspeedError.notConnected) { try await harness.client.account() }
    }

    @Test func customerByIDAndSearch() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        let jane = try await harness.client.customer(id: "8")
        #expect(jane.email == "jane@example.com")
        #expect(try await harness.client.searchCustomers("sal").map(\.id) == ["9"])
        #expect(try await harness.client.searchCustomers("Jane Doe").map(\.id) == ["8"])
        #expect(try await harness.client.searchCustomers("doe").map(\.id) == ["8"])
        #expect(try await harness.client.searchCustomers("(360) 555-2453").map(\.id) == ["8"])
        #expect(try await harness.client.searchCustomers("0199").map(\.id) == ["8"])
        #expect(try await harness.client.searchCustomers("JANE@example").map(\.id) == ["8"])
        // Archived customers stay hidden, as Lightspeed hides them by default.
        #expect(try await harness.client.searchCustomers("9999").isEmpty)
        #expect(try await harness.client.searchCustomers("nobody").isEmpty)
    }

    @Test func itemByUPCEANOrCustomSku() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        #expect(try await harness.client.item(code: "012345678905")?.id == "12")
        #expect(try await harness.client.item(code: "4006381333931")?.id == "28")
        #expect(try await harness.client.item(code: "BIRD-1")?.id == "30")
        #expect(try await harness.client.item(code: "000000000000") == nil)
    }
}

@Suite(.serialized)
struct OpenSaleTests {
    @Test func anOpenSaleIsPolledUntilCompleted() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        let saleID = try await harness.simulator.ringUpSale(customerID: "8", lines: [RingUpLine(itemID: "12")], completed: false)
        // The cashier finishes the sale in Lightspeed during the client's second wait.
        let sleeps = SleepCounter()
        let waits = WaitLog()
        let simulator = harness.simulator
        let environment = LightspeedEnvironment(now: { [clock = harness.clock] in clock.now() }, sleep: { seconds in
            waits.append(seconds)
            if sleeps.increment() == 2 { try await simulator.completeSale(saleID) }
            harness.clock.advance(by: seconds)
        })
        let client = LightspeedClient(configuration: harness.configuration, tokenStore: harness.store, environment: environment)
        let sale = try await client.saleWhenCompleted(id: saleID, maxWait: 600)
        #expect(sale.completed && sale.completeTime != nil)
        #expect(sleeps.count == 2)
        // Backing off: 2 s, then 4 s between reads.
        #expect(waits.values == [2, 4])
        #expect(SaleCompletionBackoff.delay(afterChecks: 5) == 32)
        #expect(SaleCompletionBackoff.delay(afterChecks: 6) == 60)
        #expect(SaleCompletionBackoff.delay(afterChecks: 40) == 60)
        // Still open when the wait runs out: the open sale comes back for the caller to decide.
        let open = try await harness.simulator.ringUpSale(customerID: "8", lines: [RingUpLine(itemID: "12")], completed: false)
        let stillOpen = try await harness.client.saleWhenCompleted(id: open, maxWait: 3)
        #expect(!stillOpen.completed && stillOpen.completeTime == nil && stillOpen.isOpen)
    }
}

/// The waits a client asked for, in order.
final class WaitLog: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Double] = []
    func append(_ seconds: Double) { lock.withLock { list.append(seconds) } }
    var values: [Double] { lock.withLock { list } }
}

final class SleepCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
