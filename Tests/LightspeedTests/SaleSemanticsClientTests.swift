import Foundation
import Lightspeed
import LightspeedSimulator
import LoyaltyCore
import Testing

/// The simulator as strict as Lightspeed about sales (issue 13): rung up open until completed, discounts and
/// item fees on lines, shops with their own time zones, 11-digit UPCs; and the client reading all of it.
@Suite(.serialized) struct SaleSemanticsClientTests {
    static func data(shops: String = "") throws -> SimulatorData {
        var text = Fixtures.data
        if !shops.isEmpty { text = text.replacingOccurrences(of: "\"Customer\": [", with: "\"Shop\": \(shops), \"Customer\": [") }
        var data = try SimulatorData(json: try LightspeedJSON.parse(Data(text.utf8)))
        // An item whose UPC lost its leading zero (Lightspeed keeps 11 to 14 digits).
        data.items.append(try LightspeedJSON.parse(Data("""
            {"itemID": "40", "description": "Kibble 11-digit", "upc": "07123000030", "ean": "", "customSku": "",
             "archived": "false", "Prices": {"ItemPrice": {"amount": "20", "useTypeID": "1", "useType": "Default"}}}
            """.utf8)))
        return data
    }

    @Test func aSaleRungUpStaysOpenUntilTheCashierCompletesIt() async throws {
        let harness = try await Harness.start(data: try Self.data())
        defer { Task { await harness.stop() } }
        let saleID = try await harness.simulator.ringUpSale(customerID: "8", lines: [RingUpLine(itemID: "12")])
        let open = try await harness.client.sale(id: saleID)
        #expect(open.isOpen && !open.completed && open.completeTime == nil)
        try await harness.simulator.completeSale(saleID)
        let done = try await harness.client.sale(id: saleID)
        #expect(done.completed && !done.isOpen && done.completeTime != nil)
        // The register never completes a sale twice, nor a voided one.
        await #expect(throws: SimulatorRegisterError.notOpen(saleID)) { try await harness.simulator.completeSale(saleID) }
        let voided = try await harness.simulator.ringUpSale(customerID: "8", lines: [RingUpLine(itemID: "12")])
        try await harness.simulator.voidSale(voided)
        await #expect(throws: SimulatorRegisterError.notOpen(voided)) { try await harness.simulator.completeSale(voided) }
        #expect(try await harness.client.sale(id: voided).voided)
    }

    @Test func discountsAndItemFeesAreReadAsLightspeedSendsThem() async throws {
        let harness = try await Harness.start(data: try Self.data())
        defer { Task { await harness.stop() } }
        // 2 × $9.99 with $5.00 off the line, a $0.10 deposit per unit.
        let saleID = try await harness.simulator.ringUpSale(
            customerID: "8", lines: [RingUpLine(itemID: "12", quantity: 2, discountCents: 500), .fee(cents: 10, quantity: 2)],
            completed: true)
        let sale = try await harness.client.sale(id: saleID)
        let item = try #require(sale.lines.first { !$0.isItemFee })
        let fee = try #require(sale.lines.first { $0.isItemFee })
        #expect(item.subtotalCents == 1_998)
        #expect(item.discountedSubtotalCents == 1_498)
        #expect(fee.lineType == "item_fee" && fee.parentSaleLineID == item.id && fee.itemID == nil)
        #expect(!fee.isRefund && fee.discountedSubtotalCents == 20)
        #expect(SalePoints.earningCents(sale.lines.map(\.pointsLine), policy: SalePointsPolicy(itemFeesEarnPoints: false)) == (1_498, 0))

        // Refund one unit: the discount comes back pro rata, and the fee as an item_fee_refund (not an item refund).
        let refundID = try await harness.simulator.refundSale(saleID, lineIDs: [item.id], quantities: [item.id: 1])
        let refund = try await harness.client.sale(id: refundID)
        let returned = try #require(refund.lines.first { $0.isRefund })
        #expect(returned.parentSaleLineID == item.id && returned.quantity == -1 && returned.discountedSubtotalCents == -749)
        let feeBack = try #require(refund.lines.first { $0.isItemFee })
        #expect(feeBack.lineType == "item_fee_refund" && !feeBack.isRefund && feeBack.parentSaleLineID == returned.id)
        #expect(refund.isRefund)
        #expect(SalePoints.earningCents(refund.lines.map(\.pointsLine), policy: SalePointsPolicy(itemFeesEarnPoints: false)) == (0, 749))
    }

    @Test func aDisplayableSubtotalAloneIsTheAmountAfterTheLinesDiscount() throws {
        let line = try LightspeedSaleLine(json: Data("""
            {"saleLineID": "1", "unitQuantity": "1", "displayableSubtotal": "7.5", "itemID": "12",
             "isLayaway": "true", "lineType": ""}
            """.utf8), saleID: "9")
        #expect(line.discountedSubtotalCents == 750)
        #expect(!line.handedOver)
        let both = try LightspeedSaleLine(json: Data("""
            {"saleLineID": "2", "unitQuantity": "1", "calcSubtotal": "10", "calcLineDiscount": "1",
             "calcTransactionDiscount": "0.5", "displayableSubtotal": "9", "itemID": "12"}
            """.utf8), saleID: "9")
        #expect(both.discountedSubtotalCents == 850)
    }

    @Test func anElevenDigitUPCIsTheUPCAThatLostItsLeadingZero() async throws {
        let harness = try await Harness.start(data: try Self.data())
        defer { Task { await harness.stop() } }
        // Item 40 keeps "07123000030": found by its 11 digits and by the 12-digit UPC-A on the bag.
        #expect(try await harness.client.item(code: "07123000030")?.id == "40")
        #expect(try await harness.client.item(code: "007123000030")?.id == "40")
        let eleven = try #require(try await harness.client.item(code: "007123000030"))
        #expect(eleven.barcode == (try UPC.parse("007123000030")))
        // A 14-digit GTIN stays as it is; 11 digits with a wrong check digit are no code.
        #expect(LightspeedItem(id: "1", description: "", upc: "10012345678902").barcode?.gtin14 == "10012345678902")
        #expect(LightspeedItem(id: "1", description: "", upc: "12345678904").barcode == nil)
        #expect(await harness.simulator.itemID(forCode: "012345678905") == "12")
        #expect(await harness.simulator.itemID(forCode: "007123000030") == "40")
    }

    @Test func shopsComeWithTheirTimeZones() async throws {
        let harness = try await Harness.start(data: try Self.data(shops: """
            [{"shopID": "1", "name": "Downtown", "timeZone": "US/Eastern"},
             {"shopID": "2", "name": "Beach", "timeZone": "America/Los_Angeles"}]
            """))
        defer { Task { await harness.stop() } }
        let shops = try await harness.client.shops()
        #expect(shops.map(\.id).sorted() == ["1", "2"])
        #expect(shops.first { $0.id == "2" }?.timeZone == TimeZone(identifier: "America/Los_Angeles"))
        // Read once per client: a second call asks nothing more.
        let before = await harness.simulator.requestLog().filter { $0.path.hasSuffix("/Shop.json") }.count
        _ = try await harness.client.shops()
        #expect(await harness.simulator.requestLog().filter { $0.path.hasSuffix("/Shop.json") }.count == before)
        // A sale rung up at shop 2 says so; an unknown shop is refused like an unknown item.
        let saleID = try await harness.simulator.ringUpSale(customerID: "8", lines: [RingUpLine(itemID: "12")], shopID: "2")
        #expect(try await harness.client.sale(id: saleID).shopID == "2")
        await #expect(throws: SimulatorRegisterError.unknownShop("7")) {
            _ = try await harness.simulator.ringUpSale(customerID: "8", lines: [RingUpLine(itemID: "12")], shopID: "7")
        }
    }

    @Test func aDataFileWithoutShopsHasOneShopInItsAnchorZone() async throws {
        let harness = try await Harness.start(data: try Self.data())
        defer { Task { await harness.stop() } }
        let shops = try await harness.client.shops()
        #expect(shops.map(\.id) == ["1"])
        // Fixtures give no anchor zone: the shop says none, and the client leaves dating to the store's zone.
        #expect(shops[0].timeZone == nil)
    }
}
