import Foundation
import Testing
import Lightspeed
import LoyaltyCore

/// Decoding straight from bodies, for the variants a loopback server cannot easily produce (numbers where
/// strings are expected, odd containers); the simulator tests cover the shapes it serves.
struct DecodingTests {
    private func json(_ text: String) throws -> LightspeedJSON { try LightspeedJSON.parse(Data(text.utf8)) }

    @Test func scalarsMayBeStringsNumbersOrBooleans() throws {
        let sale = try LightspeedSale(json: json("""
            {"saleID": 44, "completed": true, "voided": "false", "customerID": 0, "calcSubtotal": 317.1,
             "completeTime": "2021-06-13T14:43:29+00:00",
             "SaleLines": {"SaleLine": {"saleLineID": 9, "unitQuantity": -2, "unitPrice": "11.4860025", "calcSubtotal": "-22.97",
                                        "itemID": "0", "parentSaleLineID": 7}}}
            """))
        #expect(sale.id == "44" && sale.completed && !sale.voided)
        #expect(sale.customerID == nil)
        #expect(sale.subtotalCents == 31710)
        #expect(sale.lines[0].quantity == -2 && sale.lines[0].parentSaleLineID == "7")
        #expect(sale.lines[0].unitPriceCents == 1149)
        #expect(sale.lines[0].subtotalCents == -2297)
        #expect(sale.lines[0].itemID == nil && sale.isRefund)
    }

    @Test func emptyContainersAndMissingRelations() throws {
        let sale = try LightspeedSale(json: json("""
            {"saleID": "1", "completed": "false", "SaleLines": "", "Customer": "", "customerID": "5"}
            """))
        #expect(sale.lines.isEmpty && sale.customer == nil && sale.completeTime == nil)
        let customer = try LightspeedCustomer(json: json("""
            {"customerID": "5", "firstName": "Zoë", "lastName": "", "Contact": {"Phones": "", "Emails": "", "Addresses": ""}}
            """))
        #expect(customer.fullName == "Zoë" && customer.phone == nil && customer.email == nil)
        let bare = try LightspeedCustomer(json: json(#"{"customerID": "6", "firstName": "A", "lastName": "B"}"#))
        #expect(bare.phones.isEmpty)
    }

    @Test func updateTimeEitherSpelling() throws {
        let lower = try LightspeedSale(json: json(#"{"saleID": "1", "updatetime": "2024-11-10T13:51:54+00:00"}"#))
        let camel = try LightspeedSale(json: json(#"{"saleID": "1", "updateTime": "2024-11-10T13:51:54+00:00"}"#))
        #expect(lower.updateTime != nil && lower.updateTime == camel.updateTime)
    }

    @Test func itemBarcodeFallsBackFromUPCToEANToCustomSku() throws {
        let upc = try LightspeedItem(json: json(#"{"itemID": "1", "upc": "012345678905", "ean": "4006381333931"}"#))
        #expect(upc.barcode == (try? UPC.parse("012345678905")))
        let ean = try LightspeedItem(json: json(#"{"itemID": "2", "upc": "", "ean": "4006381333931"}"#))
        #expect(ean.barcode == (try? UPC.parse("4006381333931")))
        let sku = try LightspeedItem(json: json(#"{"itemID": "3", "upc": "", "ean": "", "customSku": "036000291452"}"#))
        #expect(sku.barcode == (try? UPC.parse("036000291452")))
        let none = try LightspeedItem(json: json(#"{"itemID": "4", "upc": "", "ean": "", "customSku": "DF5", "systemSku": "210000000012"}"#))
        #expect(none.barcode == nil && none.codes == ["DF5", "210000000012"])
    }

    @Test func recordsWithoutIDsAreMalformed() throws {
        #expect(throws: LightspeedError.self) { try LightspeedSale(json: json(#"{"saleID": "0"}"#)) }
        #expect(throws: LightspeedError.self) {
            try LightspeedSale(json: json(#"{"saleID": "1", "SaleLines": {"SaleLine": {"unitQuantity": "1"}}}"#))
        }
        #expect(throws: (any Error).self) { try LightspeedJSON.parse(Data(#"{"Sale": {"saleID": "1""#.utf8)) }
    }

    @Test func datesInEveryOffsetForm() {
        let utc = LightspeedDate.parse("2024-01-01T05:00:00+00:00")
        #expect(utc != nil)
        #expect(LightspeedDate.parse("2024-01-01T00:00:00-05:00") == utc)
        #expect(LightspeedDate.parse("2024-01-01T00:00:00-0500") == utc)
        #expect(LightspeedDate.parse("2024-01-01T05:00:00Z") == utc)
        #expect(LightspeedDate.parse("2024-01-01T05:00:00") == utc)
        #expect(LightspeedDate.parse("2024-01-01T10:30:00+05:30") == utc)
        #expect(LightspeedDate.parse("2024-01-01T00:00:00 05:00") == nil)
        #expect(LightspeedDate.parse("") == nil)
        #expect(LightspeedDate.format(utc!) == "2024-01-01T05:00:00+00:00")
        #expect(LightspeedDate.format(utc!, in: TimeZone(identifier: "America/New_York")!) == "2024-01-01T00:00:00-05:00")
        #expect(LightspeedDate.format(utc!, in: TimeZone(identifier: "Asia/Kolkata")!) == "2024-01-01T10:30:00+05:30")
    }

    @Test func moneyToCentsAndBack() {
        #expect(LightspeedMoney.cents("2001") == 200_100)
        #expect(LightspeedMoney.cents("317.1") == 31710)
        #expect(LightspeedMoney.cents("11.4860025") == 1149)
        #expect(LightspeedMoney.cents("-34.48") == -3448)
        #expect(LightspeedMoney.cents("0.005") == 1)
        #expect(LightspeedMoney.cents("") == nil && LightspeedMoney.cents("abc") == nil)
        // The cases the unused Core parser carried, now that this is the only one.
        #expect(LightspeedMoney.cents("29.99") == 2999)
        #expect(LightspeedMoney.cents("0.4995") == 50)
        #expect(LightspeedMoney.cents("0.994") == 99)
        #expect(LightspeedMoney.cents("-") == nil)
        #expect(LightspeedMoney.text(cents: 2001) == "20.01")
        #expect(LightspeedMoney.text(cents: 1000) == "10")
        #expect(LightspeedMoney.text(cents: 3170) == "31.7")
        #expect(LightspeedMoney.text(cents: -3448) == "-34.48")
    }

    @Test func pastedRedirects() throws {
        #expect(try LightspeedAuthorization.code(fromPasted: "https://x.example/cb?code=abc%2Bdef&state=s1", expectedState: "s1") == "abc+def")
        #expect(try LightspeedAuthorization.code(fromPasted: "code=abc&state=s1", expectedState: "s1") == "abc")
        #expect(try LightspeedAuthorization.code(fromPasted: " def50200abc \n", expectedState: "s1") == "def50200abc")
        #expect(throws: LightspeedError.stateMismatch) {
            try LightspeedAuthorization.code(fromPasted: "https://x.example/cb?code=abc", expectedState: "s1")
        }
        #expect(throws: LightspeedError.invalidRedirect) { try LightspeedAuthorization.code(fromPasted: "two words", expectedState: "s") }
        #expect(throws: LightspeedError.self) {
            try LightspeedAuthorization.code(fromPasted: "https://x.example/cb?error=access_denied&state=s1", expectedState: "s1")
        }
    }
}

struct JSONTreeTests {
    @Test func parsesEveryKindAndWritesItBack() throws {
        let text = #"{"s": "x/y", "i": 44, "f": 317.1, "t": true, "n": null, "a": ["1", {"k": "v"}], "o": {}}"#
        let json = try LightspeedJSON.parse(Data(text.utf8))
        #expect(json["s"] == .string("x/y"))
        #expect(json["i"]?.text == "44")
        #expect(json["f"]?.text == "317.1")
        #expect(json["t"]?.text == "true")
        #expect(json["n"] == .null)
        #expect(json["a"]?.elements.count == 2)
        #expect(json["o"]?.fields?.isEmpty == true)
        let again = try LightspeedJSON.parse(json.encoded())
        #expect(again == json)
        #expect(String(decoding: LightspeedJSON.object(["u": .string("a/b"), "n": .number(3600)]).encoded(), as: UTF8.self)
                == #"{"n":3600,"u":"a/b"}"#)
    }
}
