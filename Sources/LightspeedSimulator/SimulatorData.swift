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
    /// The account's shops (`shopID`, `name`, `timeZone`). A file without any gets one shop "1" in
    /// `anchorTimeZone` (the simulator's `shops`).
    public var shops: [LightspeedJSON]
    /// The day the file's dates were written for (`"anchorDate": "YYYY-MM-DD"`), in `anchorTimeZone`; when
    /// set, the simulator moves every date by the days since, so "20 days ago" stays 20 days ago.
    public var anchorDate: String?
    public var anchorTimeZone: TimeZone
    /// `anchorTimeZone` as the file gave it; nil when it gave none.
    public var anchorTimeZoneID: String?

    public init(accountID: String = "12345", accountName: String = "Astro Pet Supply (simulated)",
                customers: [LightspeedJSON] = [], items: [LightspeedJSON] = [], sales: [LightspeedJSON] = [],
                shops: [LightspeedJSON] = []) {
        self.accountID = accountID
        self.accountName = accountName
        self.customers = customers
        self.items = items
        self.sales = sales
        self.shops = shops
        self.anchorDate = nil
        self.anchorTimeZone = TimeZone(identifier: "UTC")!
        self.anchorTimeZoneID = nil
    }

    /// Reads `{"Account":{...},"Customer":[...],"Item":[...],"Sale":[...]}`; each list may be one object.
    public init(json: LightspeedJSON) throws {
        guard json.fields != nil else { throw SimulatorDataError.notAnObject }
        let account = json["Account"] ?? .null
        self.init(accountID: account.link("accountID") ?? "12345",
                  accountName: account.string("name").isEmpty ? "Astro Pet Supply (simulated)" : account.string("name"),
                  customers: json["Customer"]?.elements ?? [],
                  items: json["Item"]?.elements ?? [],
                  sales: json["Sale"]?.elements ?? [], shops: json["Shop"]?.elements ?? [])
        anchorDate = json["anchorDate"]?.text
        anchorTimeZoneID = json["anchorTimeZone"]?.text
        anchorTimeZone = anchorTimeZoneID.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
        for (kind, list, key) in [("Customer", customers, "customerID"), ("Item", items, "itemID"), ("Sale", sales, "saleID"),
                                  ("Shop", shops, "shopID")] {
            for object in list where object.link(key) == nil {
                throw SimulatorDataError.missingID(kind: kind, key: key)
            }
        }
    }

    public init(contentsOf file: URL) throws {
        try self.init(json: try LightspeedJSON.parse(try Data(contentsOf: file)))
    }

    /// The same data with every datetime moved by whole calendar days (wall-clock time kept, in
    /// `anchorTimeZone`) so that `anchorDate` becomes the day of `now`. Unchanged without an anchor.
    public func rebased(to now: Date) -> SimulatorData {
        guard let anchorDate, let anchor = LightspeedDate.parse(anchorDate + "T12:00:00Z") else { return self }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = anchorTimeZone
        let anchorDay = calendar.dateComponents([.year, .month, .day], from: anchor)
        let today = calendar.dateComponents([.year, .month, .day], from: now)
        guard let from = calendar.date(from: anchorDay), let to = calendar.date(from: today),
              let days = calendar.dateComponents([.day], from: from, to: to).day, days != 0 else { return self }
        func shift(_ json: LightspeedJSON, key: String = "") -> LightspeedJSON {
            switch json {
            case .object(let fields):
                return .object(Dictionary(uniqueKeysWithValues: fields.map { ($0.key, shift($0.value, key: $0.key)) }))
            case .array(let list):
                return .array(list.map { shift($0, key: key) })
            case .string(let text):
                let isTime = key.hasSuffix("Time") || key == "timeStamp" || key == "updatetime"
                guard isTime, let date = LightspeedDate.parse(text),
                      let moved = calendar.date(byAdding: .day, value: days, to: date) else { return json }
                return .string(LightspeedDate.format(moved))
            default:
                return json
            }
        }
        var copy = self
        copy.customers = customers.map { shift($0) }
        copy.items = items.map { shift($0) }
        copy.sales = sales.map { shift($0) }
        copy.anchorDate = nil
        return copy
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
