import Foundation
import Lightspeed

/// The simulator's starting data: Lightspeed-shaped objects exactly as the API returns them (strings
/// everywhere, one object or an array, `""` containers). See docs/lightspeed-simulator.md for the format.
public struct SimulatorData: Sendable {
    public var accountID: String
    public var accountName: String
    public var customers: [LightspeedJSON]
    public var items: [LightspeedJSON]
    public var sales: [LightspeedJSON]

    public init(accountID: String = "12345", accountName: String = "Astro Pet Supply (simulated)",
                customers: [LightspeedJSON] = [], items: [LightspeedJSON] = [], sales: [LightspeedJSON] = []) {
        self.accountID = accountID
        self.accountName = accountName
        self.customers = customers
        self.items = items
        self.sales = sales
    }

    /// Reads `{"Account":{...},"Customer":[...],"Item":[...],"Sale":[...]}`; each list may be one object.
    public init(json: LightspeedJSON) throws {
        guard json.fields != nil else { throw SimulatorDataError.notAnObject }
        let account = json["Account"] ?? .null
        self.init(accountID: account.link("accountID") ?? "12345",
                  accountName: account.string("name").isEmpty ? "Astro Pet Supply (simulated)" : account.string("name"),
                  customers: json["Customer"]?.elements ?? [],
                  items: json["Item"]?.elements ?? [],
                  sales: json["Sale"]?.elements ?? [])
        for (kind, list, key) in [("Customer", customers, "customerID"), ("Item", items, "itemID"), ("Sale", sales, "saleID")] {
            for object in list where object.link(key) == nil {
                throw SimulatorDataError.missingID(kind: kind, key: key)
            }
        }
    }

    public init(contentsOf file: URL) throws {
        try self.init(json: try LightspeedJSON.parse(try Data(contentsOf: file)))
    }
}

public enum SimulatorDataError: Error, Equatable, CustomStringConvertible {
    case notAnObject
    case missingID(kind: String, key: String)

    public var description: String {
        switch self {
        case .notAnObject: return "The simulator data file must hold one JSON object."
        case .missingID(let kind, let key): return "A \(kind) in the simulator data file has no \(key)."
        }
    }
}
