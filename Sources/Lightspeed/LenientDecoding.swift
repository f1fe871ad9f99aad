import Foundation

/// Every body the client reads is decoded here, by `JSONDecoder` into the response types of
/// `LightspeedResponses.swift`, whatever its Content-Type said (Lightspeed has sent JSON labelled `text/html`).
/// Our own reader is gone: a whole Import History fetch took 0.98× as long through this path (issue 15,
/// docs/ARCHITECTURE.md 2026-12-04).
enum LightspeedBody {
    /// `source` names the request in the error's detail (a redacted path, as in the logs).
    static func decode<Body: Decodable>(_ type: Body.Type, from data: Data, source: String? = nil) throws(LightspeedError) -> Body {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw .malformedResponse(detail: "unreadable JSON\(source.map { " from \($0)" } ?? ""): \(describe(error))")
        }
    }

    /// Where decoding stopped, never the value found there: a success body holds customer details.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "not JSON" }
        let context: DecodingError.Context
        switch error {
        case .dataCorrupted(let found), .keyNotFound(_, let found), .typeMismatch(_, let found),
             .valueNotFound(_, let found):
            context = found
        @unknown default:
            return "not JSON"
        }
        if context.codingPath.isEmpty { return "not JSON" }
        return "unexpected shape at " + context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
            .joined(separator: ".")
    }
}

/// Lightspeed's rules for scalar text, shared by the client's wrappers and the simulator's tree.
public enum LightspeedScalar {
    /// A number as text: whole numbers without a fraction ("44", not "44.0").
    public static func text(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }

    /// A foreign key, or nil for the API's "no link" value `"0"` (or an empty text).
    public static func link(_ raw: String) -> String? {
        // Trimming goes through Foundation; IDs almost never carry spaces, so look before trimming.
        let value = mayNeedTrimming(raw) ? raw.trimmingCharacters(in: .whitespaces) : raw
        return value.isEmpty || value == "0" ? nil : value
    }

    /// `"true"` in any case, or `"1"`.
    public static func flag(_ text: String) -> Bool {
        text == "true" || text == "1" || (text.count == 4 && text.lowercased() == "true")
    }

    /// False when the text surely has no leading or trailing whitespace: its ends are ASCII other than
    /// space and tab (the only ASCII members of `CharacterSet.whitespaces`).
    static func mayNeedTrimming(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last else { return false }
        func unsure(_ byte: UInt8) -> Bool { byte >= 0x80 || byte == 0x20 || byte == 0x09 }
        return unsure(first) || unsure(last)
    }
}

/// A scalar as Lightspeed sends it: a string nearly always, sometimes a number or a boolean, kept as its
/// text. An object or array where a scalar was expected has no text, as if the field were missing.
struct Lenient: Decodable, Sendable {
    let text: String?

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            text = string
        } else if let integer = try? container.decode(Int64.self) {
            text = String(integer)
        } else if let number = try? container.decode(Double.self) {
            text = LightspeedScalar.text(number)
        } else if let flag = try? container.decode(Bool.self) {
            text = flag ? "true" : "false"
        } else {
            text = nil
        }
    }
}

/// A missing field (or `null`) reads like an empty one, so records keep their fields as `Lenient?`.
extension Optional where Wrapped == Lenient {
    /// The field's text, or "" when it is missing.
    var string: String { self?.text ?? "" }
    /// A foreign key, or nil for `"0"`, empty or missing.
    var link: String? { LightspeedScalar.link(string) }
    var flag: Bool { LightspeedScalar.flag(string) }
}

/// A collection whatever its shape: an array, one object standing for a one-element array, or anything
/// else (`""`, a number) for none. An array's elements must each decode.
struct OneOrMany<Element: Decodable>: Decodable {
    var items: [Element]

    init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var items: [Element] = []
            while !list.isAtEnd { items.append(try list.decode(Element.self)) }
            self.items = items
        } else if (try? decoder.container(keyedBy: AnyKey.self)) != nil {
            items = [try Element(from: decoder)]
        } else {
            items = []
        }
    }
}

/// A record embedded in another (a sale's `Customer`, a line's `Item`): only an object counts; `""` or
/// anything else means the relation was not loaded or is empty.
struct Embedded<Record: Decodable>: Decodable {
    var record: Record?

    init(from decoder: any Decoder) throws {
        record = (try? decoder.container(keyedBy: AnyKey.self)) == nil ? nil : try Record(from: decoder)
    }
}

/// An element that Lightspeed wraps in its own key inside the relation: `"SaleLines": {"SaleLine": …}`.
protocol WrappedElement: Decodable {
    static var wrapperKey: String { get }
}

/// A relation's list, `{"SaleLine": one-or-many}`; `""` (or anything not an object) when there are none.
struct Wrapped<Element: WrappedElement>: Decodable {
    var items: [Element]

    init(from decoder: any Decoder) throws {
        guard let container = try? decoder.container(keyedBy: AnyKey.self) else {
            items = []
            return
        }
        items = try container.decodeIfPresent(OneOrMany<Element>.self, forKey: AnyKey(Element.wrapperKey))?.items ?? []
    }
}

/// A key known only at run time (`"Sale"`, `"@attributes"`).
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
