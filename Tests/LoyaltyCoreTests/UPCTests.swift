import Foundation
import Testing
import PropertyBased
@testable import LoyaltyCore

@Suite struct UPCTests {
    @Test func upcAAndEAN13Match() throws {
        #expect(try UPC.parse("012345678905") == UPC.parse("0012345678905"))
        #expect(try UPC.parse("012345678905") == UPC.parse("00012345678905"))
        #expect(try UPC.parse("012345678905").display == "012345678905")
        #expect(try UPC.parse("012345678905").gtin14 == "00012345678905")
    }

    @Test func badCheckDigitRefused() {
        #expect(throws: UPCError.badCheckDigit(expected: "5", got: "4")) { try UPC.parse("012345678904") }
        #expect(throws: UPCError.badCheckDigit(expected: "1", got: "4")) { try UPC.parse("4006381333934") }
    }

    @Test func ean13AndGTIN14() throws {
        let ean = try UPC.parse("4006381333931")
        #expect(ean.gtin14 == "04006381333931")
        #expect(ean.display == "4006381333931")
        let gtin = try UPC.parse("10012345678902")
        #expect(gtin.display == "10012345678902")
    }

    @Test func separatorsAndScannerLineEndsIgnored() throws {
        #expect(try UPC.parse(" 0-12345-67890-5\n") == UPC.parse("012345678905"))
        #expect(try UPC.parse("0 12345 67890 5\t") == UPC.parse("012345678905"))
    }

    @Test func ean8() throws {
        // 96385074 is a classic EAN-8 example (not starting with 0/1, so never UPC-E).
        let code = try UPC.parse("96385074")
        #expect(code.gtin14 == "00000096385074")
        #expect(throws: UPCError.badCheckDigit(expected: "4", got: "5")) { try UPC.parse("96385075") }
    }

    @Test func upcEExpandsToItsUPCA() throws {
        // Each UPC-E last-digit rule, with its known UPC-A expansion.
        let pairs = [("04252614", "042100005264"), ("06543217", "065100004327"), ("01234505", "012000003455"),
                     ("01234531", "012300000451"), ("01234543", "012340000053"), ("01234565", "012345000065"),
                     ("00123457", "001234000057"), ("11234562", "112345000062")]
        for (upcE, upcA) in pairs {
            #expect(try UPC.parse(upcE) == UPC.parse(upcA), "\(upcE)")
        }
        // The printed 6-digit body of 04252614.
        #expect(try UPC.parse("425261") == UPC.parse("042100005264"))
    }

    @Test func upcEWinsWhenBothReadingsAreValid() throws {
        // 01234565 passes both the UPC-E and the EAN-8 check: read as UPC-E.
        #expect(UPC.checkDigit(of: [0, 1, 2, 3, 4, 5, 6]) == 5)
        #expect(try UPC.parse("01234565").gtin14 == "00012345000065")
    }

    @Test func eightDigitsFailingBothChecksRefused() {
        #expect(throws: UPCError.badCheckDigit(expected: "4", got: "5")) { try UPC.parse("04252615") }
    }

    @Test func clearErrors() {
        #expect(throws: UPCError.empty) { try UPC.parse("   ") }
        #expect(throws: UPCError.notDigits("12345abc9012")) { try UPC.parse("12345abc9012") }
        #expect(throws: UPCError.notDigits("١٢٣")) { try UPC.parse("١٢٣") }
        #expect(throws: UPCError.wrongLength(11)) { try UPC.parse("12345678901") }
        #expect(throws: UPCError.wrongLength(7)) { try UPC.parse("0123456") }
        #expect(throws: UPCError.wrongLength(15)) { try UPC.parse("123456789012345") }
        #expect(UPCError.wrongLength(11).description == "A UPC has 8, 12, 13 or 14 digits (or 6 for a short UPC-E); this one has 11.")
        #expect(UPCError.badCheckDigit(expected: "5", got: "4").description
                == "The check digit is 4 but should be 5: the code was mistyped or misread.")
        let long = String(repeating: "x", count: 100)
        #expect(throws: UPCError.notDigits(String(repeating: "x", count: 30) + "…")) { try UPC.parse(long) }
    }

    @Test func lightspeedItemCodes() {
        #expect(UPC.fromLightspeedItem(upc: "012345678905", ean: "", customSku: nil) == upc("012345678905"))
        // Leading zero lost by a spreadsheet.
        #expect(UPC.fromLightspeedItem(upc: "12345678905", ean: "", customSku: nil) == upc("012345678905"))
        // Only an EAN.
        #expect(UPC.fromLightspeedItem(upc: "", ean: "4006381333931", customSku: nil) == upc("4006381333931"))
        #expect(UPC.fromLightspeedItem(upc: nil, ean: "0012345678905", customSku: nil) == upc("012345678905"))
        #expect(UPC.fromLightspeedItem(upc: "", ean: "", customSku: nil) == nil)
        #expect(UPC.fromLightspeedItem(upc: "DF5", ean: nil, customSku: nil) == nil)
        // A custom SKU that reads as a GTIN, after a UPC and an EAN that do not.
        #expect(UPC.fromLightspeedItem(upc: "DF5", ean: "", customSku: "036000291452") == upc("036000291452"))
        #expect(UPC.fromLightspeedItem(upc: "012345678905", ean: "", customSku: "036000291452") == upc("012345678905"))
        // 11 digits with a wrong check digit is not a UPC; spaces in a pasted code are dropped.
        #expect(UPC.fromLightspeedItem(upc: "12345678904", ean: nil, customSku: nil) == nil)
        #expect(UPC.fromLightspeedItem(upc: " 1234567890 5", ean: nil, customSku: nil) == upc("012345678905"))
    }

    @Test func codableUsesTheDisplayForm() throws {
        let code = upc("012345678905")
        let data = try JSONEncoder().encode([code])
        #expect(String(decoding: data, as: UTF8.self) == "[\"012345678905\"]")
        #expect(try JSONDecoder().decode([UPC].self, from: data) == [code])
    }
}

@Suite struct UPCPropertyTests {
    /// A valid code of a random form: 12, 13 or 14 digits with the right check digit, or 8 (EAN-8/UPC-E).
    static let validCodes = zip(Gen.int(in: 0...3), Gen.number.string(of: 13)).map { form, body -> String in
        let length = [12, 13, 14, 8][form]
        let digits = body.prefix(length - 1).map { Int($0.asciiValue! - 48) }
        return digits.map(String.init).joined() + String(UPC.checkDigit(of: digits))
    }

    @Test func normalizationIsIdempotent() async {
        await propertyCheck(count: 500, input: Self.validCodes) { text in
            let parsed = try UPC.parse(text)
            #expect(parsed.gtin14.count == 14)
            #expect(try UPC.parse(parsed.display) == parsed)
            #expect(try UPC.parse(parsed.gtin14) == parsed)
            let digits = parsed.gtin14.map { Int($0.asciiValue! - 48) }
            #expect(UPC.checkDigit(of: digits.dropLast()) == digits.last)
        }
    }

    @Test func parserNeverCrashesOnRandomText() async {
        let noise = Gen.frequency(
            (4, Gen.number),
            (1, Gen.ascii),
            (1, Gen.element(of: Array(" -٣é🐶\u{0}\u{1B}") as [Character]).map { $0! }))
        await propertyCheck(count: 2000, input: noise.string(of: 0...20)) { text in
            if let parsed = try? UPC.parse(text) {
                #expect((try? UPC.parse(parsed.display)) == parsed)
            }
            _ = UPC.fromLightspeedItem(upc: text, ean: text, customSku: nil)
        }
    }

    @Test func everyUPCERoundTrips() throws {
        // Exhaustive over one number system's check-digit-valid UPC-E codes would be 1e6; sample a stride.
        for body in stride(from: 0, to: 1_000_000, by: 7919) {
            let six = String(format: "%06d", body)
            let parsed = try UPC.parse(six)
            #expect(try UPC.parse(parsed.display) == parsed)
            #expect(parsed.gtin14.hasPrefix("000"))
        }
    }
}
