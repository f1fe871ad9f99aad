import Foundation
import LoyaltyCore
import Testing
@testable import Lightspeed

/// The hand-written decoding of issue 8 (docs/PERFORMANCE.md) gives what Foundation gave: the JSON reader
/// builds the tree `JSONSerialization` did and refuses what it refused; amounts are the cents `Decimal`
/// gave; item barcodes are what `UPC.parse` made of them.
struct FastDecodingTests {
    /// The tree as `LightspeedJSON.parse` built it before (through `JSONSerialization`).
    private static func reference(_ data: Data) throws -> LightspeedJSON {
        func convert(_ value: Any) -> LightspeedJSON {
            switch value {
            case let text as String: return .string(text)
            case let dictionary as [String: Any]: return .object(dictionary.mapValues(convert))
            case let list as [Any]: return .array(list.map(convert))
            case let number as NSNumber:
                return String(cString: number.objCType) == "c" ? .bool(number.boolValue) : .number(number.doubleValue)
            default: return .null
            }
        }
        return convert(try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
    }

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

    @Test func readerBuildsTheSameTreeAsJSONSerialization() throws {
        let bodies = [
            Fixtures.data,
            #"{"a": "é\u00e9\ud83d\ude00 \"q\" \\ \/ \b\f\n\r\t", "n": [0, -1, 1.5, -2.25e3, 1E-2, 12345678901234], "t": true, "f": false, "z": null}"#,
            #"  [ {} , [] , "" , {"k": {"k": {"k": [1]}}} ]  "#,
            #""just a string""#, "42", "true", "null",
            #"{"dup": "first", "dup": "last"}"#,
            "[1, 2,]", #"{"trailing": "comma", }"#,
            "\u{FEFF}{\"bom\": \"yes\"}",
        ]
        for body in bodies {
            let data = Data(body.utf8)
            #expect(try LightspeedJSON.parse(data) == Self.reference(data), "\(body.prefix(60))")
        }
        #expect(try LightspeedJSON.parse(Data(#"{"dup": "first", "dup": "last"}"#.utf8))["dup"] == .string("last"))
    }

    @Test func readerRefusesWhatJSONSerializationRefused() {
        let bad = ["", " ", "{", "[,]", "{,}", "[1,,]", "{\"a\" 1}", "[1 2]", "01", "1.", ".5", "-", "+1", "1e",
                   "tru", "nul", "\"unterminated", "\"bad \\x escape\"", "\"\\ud800\"", "\"\\udc00 alone\"",
                   "\"tab\tinside\"", "{} trailing", "[\"\\u12\"]", "{1: 2}", "NaN", "Infinity"]
        for body in bad {
            #expect(throws: (any Error).self, "\(body)") { try LightspeedJSON.parse(Data(body.utf8)) }
            #expect((try? Self.reference(Data(body.utf8))) == nil, "JSONSerialization accepts \(body)")
        }
        // Invalid UTF-8 inside a string.
        #expect(throws: (any Error).self) { try LightspeedJSON.parse(Data([0x22, 0xC3, 0x28, 0x22])) }
        // Deep nesting is refused, not a stack overflow.
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: (any Error).self) { try LightspeedJSON.parse(Data(deep.utf8)) }
    }

    @Test func truncatedAndMutatedBodiesAgreeWithJSONSerialization() {
        var rng = DecoderFuzzTests.SplitMix(state: 88)
        let body = Array(Fixtures.data.utf8)
        for _ in 0..<300 {
            var bytes = Array(body.prefix(Int.random(in: 0...body.count, using: &rng)))
            for _ in 0..<Int.random(in: 0..<3, using: &rng) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0x20...0x7E, using: &rng)
            }
            let data = Data(bytes)
            let ours = try? LightspeedJSON.parse(data)
            let theirs = try? Self.reference(data)
            #expect(ours == theirs, "\(String(decoding: bytes.suffix(40), as: UTF8.self))")
        }
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

    @Test func linksAndFlagsTrimAsBefore() {
        let json = LightspeedJSON.object(["a": .string(" 12 "), "b": .string("0"), "c": .string("\u{00A0}7"),
                                          "d": .string("TRUE"), "e": .string("1"), "f": .string("yes")])
        #expect(json.link("a") == "12")
        #expect(json.link("b") == nil)
        #expect(json.link("c") == "\u{00A0}7".trimmingCharacters(in: .whitespaces))
        #expect(json.link("missing") == nil)
        #expect(json.flag("d") && json.flag("e") && !json.flag("f"))
    }
}
