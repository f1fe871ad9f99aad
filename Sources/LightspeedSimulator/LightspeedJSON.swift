import Foundation
import Lightspeed

/// Lightspeed's JSON as a plain tree, on the server's side: the simulator keeps its records as the API
/// returns them and edits, filters and re-wraps them field by field, whatever fields a data file holds, so a
/// tree serves it better than fixed response types. The client reads its answers with `JSONDecoder` into
/// its own types instead (docs/ARCHITECTURE.md, 2026-12-04).
public enum LightspeedJSON: Sendable, Equatable, Codable {
    case object([String: LightspeedJSON])
    case array([LightspeedJSON])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let list = try? container.decode([LightspeedJSON].self) {
            self = .array(list)
        } else {
            self = .object(try container.decode([String: LightspeedJSON].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .object(let fields): try container.encode(fields)
        case .array(let list): try container.encode(list)
        case .string(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
        case .bool(let flag): try container.encode(flag)
        case .null: try container.encodeNil()
        }
    }

    /// Parses a data file or a request body. `JSONDecoder` on this enum is slower than a reader of our own,
    /// but the simulator parses a data file once and its requests' bodies are a few bytes.
    public static func parse(_ data: Data) throws -> LightspeedJSON {
        try JSONDecoder().decode(LightspeedJSON.self, from: data)
    }

    /// Compact JSON with sorted keys, so the simulator's output is stable.
    public func encoded() -> Data {
        (try? JSONSerialization.data(withJSONObject: anyValue, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]))
            ?? Data("null".utf8)
    }

    private var anyValue: Any {
        switch self {
        case .object(let fields): return fields.mapValues(\.anyValue)
        case .array(let list): return list.map(\.anyValue)
        case .string(let text): return text
        case .number(let number):
            if number.rounded() == number, abs(number) < 1e15 { return Int(number) }
            return number
        case .bool(let flag): return flag
        case .null: return NSNull()
        }
    }

    public subscript(key: String) -> LightspeedJSON? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    public var fields: [String: LightspeedJSON]? {
        if case .object(let fields) = self { return fields }
        return nil
    }

    /// Any scalar as text: the API sends strings, but a number or boolean is accepted too.
    public var text: String? {
        switch self {
        case .string(let text): return text
        case .number(let number): return LightspeedScalar.text(number)
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }

    /// The elements of a collection whatever its shape: an array, one object standing for a one-element
    /// array, or `""`/`null`/absent for none.
    public var elements: [LightspeedJSON] {
        switch self {
        case .array(let list): return list
        case .object: return [self]
        default: return []
        }
    }

    /// `container.element` as a list, e.g. `many("SaleLines", "SaleLine")`; `""` or a missing key is empty.
    public func many(_ container: String, _ element: String) -> [LightspeedJSON] {
        self[container]?[element]?.elements ?? []
    }

    /// The text of a field, or "" when it is missing.
    public func string(_ key: String) -> String { self[key]?.text ?? "" }

    /// A foreign key, or nil for the API's "no link" value `"0"` (or a missing or empty field).
    public func link(_ key: String) -> String? { LightspeedScalar.link(string(key)) }

    public func flag(_ key: String) -> Bool { LightspeedScalar.flag(string(key)) }

    /// Wraps a list the way the API does: one element becomes the element itself.
    public static func collection(_ list: [LightspeedJSON]) -> LightspeedJSON {
        list.count == 1 ? list[0] : .array(list)
    }
}
