import Foundation
import Testing
import Lightspeed
import LightspeedSimulator

/// Random and mutated bodies never crash the client's decoding (`JSONDecoder` into its response types, then
/// the domain values): they decode or throw `LightspeedError`. Mutations are made on the simulator's tree and
/// written out, so every input is a body the client could be sent.
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

    /// 1,500 mutated sales: each decodes or throws `LightspeedError`, never crashes. Both outcomes must occur among
    /// inputs that really differ from their original (a fuzzer whose every input is refused, or unchanged,
    /// exercises nothing).
    @Test func mutatedSalesNeverCrash() throws {
        let fixture = try LightspeedJSON.parse(Data(Fixtures.data.utf8))
        let sales = fixture["Sale"]?.elements ?? []
        try #require(!sales.isEmpty)
        var rng = SplitMix(state: 2026)
        var decodedMutants = 0, refusedMutants = 0, unchanged = 0
        for round in 0..<1500 {
            let original = sales[round % sales.count]
            let sale = mutate(original, &rng)
            let outcome: Bool
            do {
                _ = try LightspeedSale(json: sale.encoded())
                outcome = true
            } catch {
                outcome = false // a LightspeedError: the decoder's throws are typed
            }
            if sale == original { unchanged += 1 } else if outcome { decodedMutants += 1 } else { refusedMutants += 1 }
            _ = try? LightspeedCustomer(json: mutate(fixture["Customer"]!.elements[round % 3], &rng).encoded())
        }
        #expect(decodedMutants > 0, "no mutated sale decoded (\(refusedMutants) refused, \(unchanged) unchanged)")
        #expect(refusedMutants > 0, "no mutated sale was refused (\(decodedMutants) decoded)")
        #expect(unchanged < 1500 / 2, "\(unchanged) of 1,500 inputs were not mutated at all")
    }

    /// 300 truncated or byte-flipped bodies, each read as a page of sales: decoding never crashes; some damaged
    /// bodies still yield sales (so the domain values behind `JSONDecoder` were reached), others are refused.
    @Test func randomAndTruncatedBytesNeverCrash() {
        var rng = SplitMix(state: 7)
        let body = Array(Fixtures.data.utf8)
        var parsedDamaged = 0, salesFromDamaged = 0, refused = 0
        for round in 0..<300 {
            // Half truncated (and maybe flipped), half whole with one to four flipped bytes: a truncated body almost
            // never parses, so only the flipped ones reach the sale decoder.
            let length = round.isMultiple(of: 2) ? Int.random(in: 0...body.count, using: &rng) : body.count
            var bytes = Array(body.prefix(length))
            let flips = round.isMultiple(of: 2) ? Int.random(in: 0..<5, using: &rng) : Int.random(in: 1..<5, using: &rng)
            for _ in 0..<flips where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            do {
                let page = try SalesPage(json: Data(bytes))
                if bytes != body {
                    parsedDamaged += 1
                    salesFromDamaged += page.sales.count
                }
            } catch {
                refused += 1 // a LightspeedError: the decoder's throws are typed
            }
        }
        #expect(parsedDamaged > 0 && salesFromDamaged > 0, "\(parsedDamaged) damaged bodies parsed, \(salesFromDamaged) sales")
        #expect(refused > 0)
        #expect(LightspeedMoney.cents("99999999999999999999999999") == nil)
        #expect(LightspeedMoney.cents("1e308") == nil)
        #expect(LightspeedMoney.cents("-999999999.99") == -99_999_999_999)
    }
}
