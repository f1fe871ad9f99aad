import Foundation
import LoyaltyCore

/// The store-wide settings an admin sets: name, time zone (decides every purchase date),
/// go-live date (Import History warns before it), the points rule, training mode.
public struct StoreSettings: Sendable, Hashable, Codable {
    public var storeName: String
    /// An IANA time zone identifier, e.g. "America/Chicago".
    public var timeZoneID: String
    /// The day the store started using loyalty; nil until set.
    public var goLiveDate: LocalDate?
    public var pointsEnabled: Bool
    /// Points earned per whole currency unit of a sale's subtotal (Core's rule).
    public var pointsRule: PointsRule
    /// The store runs against the Lightspeed simulator (status bar says so).
    public var trainingMode: Bool
    /// The store's postal address, printed on every manufacturer claim.
    public var storeAddress: String = ""

    public init(storeName: String = "Pet Store", timeZoneID: String = TimeZone.current.identifier,
                goLiveDate: LocalDate? = nil, pointsEnabled: Bool = false, pointsRule: PointsRule = PointsRule(),
                trainingMode: Bool = false) {
        self.storeName = storeName
        self.timeZoneID = timeZoneID
        self.goLiveDate = goLiveDate
        self.pointsEnabled = pointsEnabled
        self.pointsRule = pointsRule
        self.trainingMode = trainingMode
    }

    public var timeZone: TimeZone { TimeZone(identifier: timeZoneID) ?? .current }
}

extension LoyaltyStore {
    /// The current settings (defaults for anything never set).
    public func settings() throws -> StoreSettings {
        try read { db in try Self.loadSettings(db) }
    }

    /// Replaces the settings (admin). Audited with each changed value, before → after.
    public func updateSettings(_ new: StoreSettings, by op: Operator) throws {
        try op.require(.editSettings, "change the store settings")
        guard !new.storeName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StoreError.invalid("The store needs a name.")
        }
        guard TimeZone(identifier: new.timeZoneID) != nil else {
            throw StoreError.invalid("\"\(new.timeZoneID)\" is not a time zone (e.g. America/Chicago).")
        }
        guard new.pointsRule.points >= 0, new.pointsRule.unitCents > 0 else {
            throw StoreError.invalid("The points rule needs points ≥ 0 per a positive amount.")
        }
        try write { db in
            let old = try Self.loadSettings(db)
            let before = Self.pairs(old), after = Self.pairs(new)
            var changes: [String] = []
            for (key, value) in after where before[key] != value {
                try db.execute(sql: """
                    INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
                    """, arguments: [key, value])
                changes.append("\(key) \(before[key] ?? "") → \(value)")
            }
            guard !changes.isEmpty else { return }
            try Self.followSettings(db, old: old, new: new)
            try audit(db, op, .settingsChange, changes.sorted().joined(separator: "; "), details: after)
        }
    }

    /// A store of one location (every store before v10-locations): the location is the store, so its time
    /// zone follows the store's, and its name too while it still carries the store's name. A chain's
    /// locations are edited one by one (`updateLocation`).
    private static func followSettings(_ db: any SQLConnection, old: StoreSettings, new: StoreSettings) throws {
        let locations = try allLocations(db)
        guard locations.count == 1, let only = locations.first else { return }
        let name = only.name == old.storeName ? new.storeName : only.name
        let zone = only.timeZoneID == old.timeZoneID ? new.timeZoneID : only.timeZoneID
        let address = only.address == old.storeAddress ? new.storeAddress : only.address
        try db.execute(sql: "UPDATE locations SET name = ?, time_zone_id = ?, address = ? WHERE id = ?",
                       arguments: [name, zone, address, only.id])
    }

    static func loadSettings(_ db: any SQLConnection) throws -> StoreSettings {
        let rows = try SQLRow.fetchAll(db, sql: "SELECT key, value FROM settings")
        var values: [String: String] = [:]
        for row in rows { values[row["key"]] = row["value"] }
        var settings = StoreSettings()
        if let v = values["store_name"] { settings.storeName = v }
        if let v = values["time_zone"] { settings.timeZoneID = v }
        if let v = values["go_live_date"] { settings.goLiveDate = LocalDate(iso: v) }
        if let v = values["points_enabled"] { settings.pointsEnabled = v == "1" }
        if let v = values["points_rule_points"], let n = Int(v) { settings.pointsRule.points = n }
        if let v = values["points_rule_unit_cents"], let n = Int(v) { settings.pointsRule.unitCents = n }
        if let v = values["training_mode"] { settings.trainingMode = v == "1" }
        if let v = values["store_address"] { settings.storeAddress = v }
        return settings
    }

    private static func pairs(_ s: StoreSettings) -> [String: String] {
        ["store_name": s.storeName, "time_zone": s.timeZoneID, "go_live_date": s.goLiveDate?.iso ?? "",
         "points_enabled": s.pointsEnabled ? "1" : "0", "points_rule_points": String(s.pointsRule.points),
         "points_rule_unit_cents": String(s.pointsRule.unitCents),
         "training_mode": s.trainingMode ? "1" : "0", "store_address": s.storeAddress]
    }

    /// The store's local calendar date at `date`, in the store's time zone.
    static func localDate(_ date: Date, in zone: TimeZone) -> LocalDate {
        StoreCalendar(timeZone: zone).localDate(of: date)
    }

    /// Today in the store's time zone.
    func today(_ db: any SQLConnection) throws -> LocalDate {
        Self.localDate(now(), in: try Self.loadSettings(db).timeZone)
    }

    /// Today in the store's time zone, for screens ("Today's Purchases").
    public func today() throws -> LocalDate {
        try read { db in try today(db) }
    }
}
