import Foundation
import Testing
import Lightspeed

/// Random and mutated bodies never crash the decoder: they decode or throw `LightspeedError`.
struct DecoderFuzzTests {
    /// A small deterministic generator, so a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private static let odd: [LightspeedJSON] = [
        .string(""), .string("0"), .string("-1"), .string("1e308"), .string("99999999999999999999999999"),
        .string("NaN"), .string("9999-99-99T99:99:99+99:99"), .string("2024-02-30T25:61:61Z"), .string("\u{1B}[2J"),
        .number(1e300), .number(-0.5), .bool(true), .null, .array([]), .object([:]),
        .array([.string("1"), .null]), .object(["SaleLine": .string("")]),
    ]

    private func mutate(_ json: LightspeedJSON, _ rng: inout SplitMix, depth: Int = 0) -> LightspeedJSON {
        if Int.random(in: 0..<8, using: &rng) == 0 { return Self.odd.randomElement(using: &rng)! }
        switch json {
        case .object(let fields):
            var copy = fields
            for key in fields.keys where Int.random(in: 0..<6, using: &rng) == 0 {
                copy[key] = Bool.random(using: &rng) ? nil : mutate(fields[key]!, &rng, depth: depth + 1)
            }
            return .object(copy)
        case .array(let list):
            return .array(list.map { mutate($0, &rng, depth: depth + 1) })
        default:
            return json
        }
    }

    @Test func mutatedSalesNeverCrash() throws {
        let fixture = try LightspeedJSON.parse(Data(Fixtures.data.utf8))
        let sales = fixture["Sale"]?.elements ?? []
        var rng = SplitMix(state: 2026)
        var decoded = 0
        for round in 0..<1500 {
            let sale = mutate(sales[round % sales.count], &rng)
            if (try? LightspeedSale(json: sale)) != nil { decoded += 1 }
            _ = try? LightspeedCustomer(json: mutate(fixture["Customer"]!.elements[round % 3], &rng))
        }
        #expect(decoded > 0)
    }

    @Test func randomAndTruncatedBytesNeverCrash() {
        var rng = SplitMix(state: 7)
        let body = Array(Fixtures.data.utf8)
        for _ in 0..<300 {
            var bytes = Array(body.prefix(Int.random(in: 0...body.count, using: &rng)))
            for _ in 0..<Int.random(in: 0..<5, using: &rng) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            if let json = try? LightspeedJSON.parse(Data(bytes)) {
                for sale in json["Sale"]?.elements ?? [] { _ = try? LightspeedSale(json: sale) }
            }
        }
        #expect(LightspeedMoney.cents("99999999999999999999999999") == nil)
        #expect(LightspeedMoney.cents("1e308") == nil)
        #expect(LightspeedMoney.cents("-999999999.99") == -99_999_999_999)
    }
}
