/// A product code (UPC-A, UPC-E, EAN-8, EAN-13 or GTIN-14) in one normalized form.
/// One product has one value whatever form was scanned; the parsing rules live in UPCParsing.swift.
public struct UPC: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// Always 14 digits with a valid check digit (GTIN-14), so `012345678905` and `0012345678905` match.
    public let gtin14: String

    /// Use `UPC.parse(_:)`; this trusts an already-normalized GTIN-14 (from the database).
    public init(uncheckedGTIN14: String) {
        self.gtin14 = uncheckedGTIN14
    }

    public static func < (a: UPC, b: UPC) -> Bool { a.gtin14 < b.gtin14 }

    public var description: String { display }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try UPC.parse(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(display)
    }
}
