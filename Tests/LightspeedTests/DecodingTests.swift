import Foundation
import Testing
import Lightspeed
import LightspeedSimulator
import LoyaltyCore

/// Decoding straight from bodies, through the client's own path (`JSONDecoder` into its response types), for
/// the variants a loopback server cannot easily produce (numbers where strings are expected, odd
/// containers); the simulator tests cover the shapes it serves.
struct DecodingTests {
    private func json(_ text: String) -> Data { Data(text.utf8) }

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
        #expect(throws: LightspeedError.self) { try SalesPage(json: json(#"{"Sale": {"saleID": "1""#)) }
        // A record that is not an object at all.
        #expect(throws: LightspeedError.self) { try LightspeedSale(json: json(#""""#)) }
        #expect(throws: LightspeedError.self) { try LightspeedSale(json: json(#"["1"]"#)) }
        // An array of sales with something else among them refuses the page, as one sale without an ID does.
        #expect(throws: LightspeedError.self) { try SalesPage(json: json(#"{"Sale": [{"saleID": "1"}, ""]}"#)) }
        #expect(throws: LightspeedError.self) { try SalesPage(json: json(#"{"Sale": [{"saleID": "1"}, {"saleID": "0"}]}"#)) }
    }

    @Test func aPageHoldsOneSaleAsAnObjectManyAsAnArrayAndNoneAsNoKey() throws {
        let one = try SalesPage(json: json(#"""
            {"@attributes": {"next": "https:\/\/api.lightspeedapp.com\/API\/V3\/Account\/1\/Sale.json?after=x", "previous": ""},
             "Sale": {"saleID": "7", "completed": "true"}}
            """#))
        #expect(one.sales.map(\.id) == ["7"])
        #expect(one.next?.absoluteString == "https://api.lightspeedapp.com/API/V3/Account/1/Sale.json?after=x")
        let many = try SalesPage(json: json(#"{"@attributes": {"next": ""}, "Sale": [{"saleID": "7"}, {"saleID": 8}]}"#))
        #expect(many.sales.map(\.id) == ["7", "8"] && many.next == nil)
        let none = try SalesPage(json: json(#"{"@attributes": {"count": "0", "next": "", "previous": ""}}"#))
        #expect(none.sales.isEmpty && none.next == nil)
        for empty in [#"{"Sale": ""}"#, #"{"Sale": null}"#, #"{"Sale": [], "@attributes": ""}"#] {
            #expect(try SalesPage(json: json(empty)).sales.isEmpty, "\(empty)")
        }
    }

    @Test func lonelyObjectsStandForOneElementListsEverywhere() throws {
        let sale = try LightspeedSale(json: json("""
            {"saleID": "1", "SaleLines": {"SaleLine": {"saleLineID": "2", "unitQuantity": "1", "itemID": "12",
               "Item": {"itemID": "12", "upc": "012345678905"}}},
             "Customer": {"customerID": "8", "firstName": "Jane",
               "Contact": {"Phones": {"ContactPhone": {"number": "360 555 2453", "useType": "Home"}},
                           "Emails": {"ContactEmail": {"address": "jane@example.com"}}}}}
            """))
        #expect(sale.lines.map(\.id) == ["2"] && sale.lines[0].item?.upc == "012345678905")
        #expect(sale.customer?.phone == "360 555 2453" && sale.customer?.email == "jane@example.com")
        let twoPhones = try LightspeedCustomer(json: json("""
            {"customerID": "8", "Contact": {"Phones": {"ContactPhone": [{"number": "1", "useType": "Home"},
                                                                        {"number": "2", "useType": "Mobile"}]}}}
            """))
        #expect(twoPhones.phones.map(\.number) == ["1", "2"] && twoPhones.phone == "2")
    }

    @Test func oddValuesWhereScalarsOrRelationsBelongReadAsMissing() throws {
        // An object or array where a scalar belongs reads as a missing field; a scalar or array where a relation
        // object belongs reads as a relation not loaded.
        let sale = try LightspeedSale(json: json("""
            {"saleID": "3", "completed": {}, "calcSubtotal": [], "customerID": null, "ticketNumber": false,
             "updatetime": [], "updateTime": "2024-11-10T13:51:54+00:00", "Customer": ["x"],
             "SaleLines": {"SaleLine": {"saleLineID": "4", "unitQuantity": 2.0, "itemID": {}, "Item": "",
                                         "isLayaway": 1, "parentSaleLineID": " 9 "}}}
            """))
        #expect(!sale.completed && sale.subtotalCents == 0 && sale.customerID == nil && sale.ticketNumber == "false")
        #expect(sale.updateTime == LightspeedDate.parse("2024-11-10T13:51:54+00:00") && sale.customer == nil)
        #expect(sale.lines[0].quantity == 2 && sale.lines[0].itemID == nil && sale.lines[0].item == nil)
        #expect(!sale.lines[0].handedOver && sale.lines[0].parentSaleLineID == "9")
        #expect(try LightspeedSale(json: json(#"{"saleID": "5", "SaleLines": [{"SaleLine": {"saleLineID": "1"}}]}"#)).lines.isEmpty)
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

/// The simulator's tree (the server's side): read with `JSONDecoder`, written with `JSONSerialization`.
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

    /// The simulator is as strict as Lightspeed: what its former reader (and `JSONSerialization`) refused,
    /// `JSONDecoder` refuses too; a trailing comma is still let through, as it was.
    @Test func refusesWhatIsNotJSON() throws {
        let bad = ["", " ", "{", "[,]", "{,}", "[1,,]", "{\"a\" 1}", "[1 2]", "01", "1.", ".5", "-", "+1", "1e",
                   "tru", "nul", "\"unterminated", "\"bad \\x escape\"", "\"\\ud800\"", "\"\\udc00 alone\"",
                   "\"tab\tinside\"", "{} trailing", "[\"\\u12\"]", "{1: 2}", "NaN", "Infinity"]
        for body in bad {
            #expect(throws: (any Error).self, "\(body)") { try LightspeedJSON.parse(Data(body.utf8)) }
        }
        #expect(throws: (any Error).self) { try LightspeedJSON.parse(Data([0x22, 0xC3, 0x28, 0x22])) }
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: (any Error).self) { try LightspeedJSON.parse(Data(deep.utf8)) }
        #expect(try LightspeedJSON.parse(Data("[1, 2,]".utf8)) == .array([.number(1), .number(2)]))
        #expect(try LightspeedJSON.parse(Data("\u{FEFF}{\"bom\": \"yes\"}".utf8))["bom"] == .string("yes"))
    }
}
