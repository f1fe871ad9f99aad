import Foundation
import LoyaltyCore
import Testing
@testable import Lightspeed

/// The hand-written parts of issue 8's decoding (docs/PERFORMANCE.md) give what Foundation gave: amounts are
/// the cents `Decimal` gave; item barcodes are what `UPC.parse` made of them; links and flags read as before.
/// (The JSON reader of our own that issue 8 also wrote is gone since issue 15: `JSONDecoder` reads the bodies.)
struct FastDecodingTests {
    /// The cents `LightspeedMoney.cents` returned before (through `Decimal`), but for one intended change:
    /// a text without a digit ("-", which `Decimal` read as zero) is not an amount.
    private static func referenceCents(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.contains(where: { $0.isASCII && $0.isNumber }), var value = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX")),
              !value.isNaN else { return nil }
        let limit = Decimal(1_000_000_000_000)
        guard value < limit, value > -limit else { return nil }
        value *= 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .plain)
        return NSDecimalNumber(decimal: rounded).intValue
    }

    @Test func amountsByHandMatchDecimal() {
        #expect(LightspeedMoney.cents("12.5") == 1250)
        #expect(LightspeedMoney.cents("-3.00") == -300)
        #expect(LightspeedMoney.cents("0") == 0)
        #expect(LightspeedMoney.cents("-0.004") == 0)
        #expect(LightspeedMoney.cents("0.015") == 2)
        #expect(LightspeedMoney.cents("-0.015") == -2)
        #expect(LightspeedMoney.cents("999999999999.99") == 99_999_999_999_999)
        #expect(LightspeedMoney.cents("1000000000000") == nil)
        #expect(LightspeedMoney.plainCents("1e2") == nil, "exponents take the Decimal path")
        #expect(LightspeedMoney.plainCents(" 12.5") == nil && LightspeedMoney.plainCents("12.") == nil)
        let samples = ["12.5", "-3.00", "0", "1e2", "1E2", "-1e-2", " 7.25 ", "+5", ".5", "5.", "12abc", "abc", "",
                       "-", "--1", "1.2.3", "0.005", "0.0049", "-0.005", "317.1", "11.4860025", "-34.48", "00012.50",
                       "99999999999999999999999999", "1e308", "-999999999.99", "999999999999.995", "0.1", "2.675",
                       "-0", "NaN", "\t3.5", "3 .5", "1,5"]
        for text in samples {
            #expect(LightspeedMoney.cents(text) == Self.referenceCents(text), "\(text)")
        }
        var rng = DecoderFuzzTests.SplitMix(state: 5)
        for _ in 0..<2000 {
            let whole = Int.random(in: 0..<1_000_000, using: &rng)
            let digits = Int.random(in: 0...5, using: &rng)
            var text = (Bool.random(using: &rng) ? "-" : "") + String(whole)
            if digits > 0 { text += "." + (0..<digits).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined() }
            #expect(LightspeedMoney.cents(text) == Self.referenceCents(text), "\(text)")
        }
    }

    @Test func barcodesMatchUPCParse() {
        let codes = ["012345678905", "012345678906", "4006381333931", "4006381333932", "00012345678905", "DF5",
                     "BIRD-1", "0123-4567-8905", " 012345678905", "12345670", "123456", "0123456789012345", "٠١٢٣٤٥٦٧٨٩٠٥"]
        for code in codes {
            let item = LightspeedItem(id: "1", description: "x", upc: code)
            #expect(item.barcode == (try? UPC.parse(code)), "\(code)")
        }
        let fallback = LightspeedItem(id: "1", description: "x", upc: "012345678906", ean: "4006381333931")
        #expect(fallback.barcode == (try? UPC.parse("4006381333931")))
    }

    @Test func linksAndFlagsTrimAsBefore() throws {
        let sale = try LightspeedSale(json: Data("""
            {"saleID": " 12 ", "customerID": "0", "employeeID": "\\u00A07", "completed": "TRUE", "voided": "1",
             "SaleLines": {"SaleLine": {"saleLineID": "1", "unitQuantity": "1", "isLayaway": "yes"}}}
            """.utf8))
        #expect(sale.id == "12")
        #expect(sale.customerID == nil)
        #expect(sale.employeeID == "\u{00A0}7".trimmingCharacters(in: .whitespaces))
        #expect(sale.registerID == nil)
        #expect(sale.completed && sale.voided && !sale.lines[0].isLayaway)
    }
}
