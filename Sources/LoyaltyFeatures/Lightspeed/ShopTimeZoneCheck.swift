import Foundation
import Lightspeed
import LoyaltyCore

/// Whether the store's time zone agrees with the connected Lightspeed account's shops. Purchases are dated in
/// the zone of the shop that sold them; "today", the go-live date and Import History's start date are on the
/// store's clock. When no shop keeps the store's clock the two disagree about which day a late sale belongs
/// to, so Enable Lightspeed and `lightspeed status` say so.
public enum ShopTimeZoneCheck {
    /// The sentence to show, nil when a shop keeps the store's clock (or Lightspeed gave no zones to compare).
    public static func warning(storeTimeZoneID: String, shops: [LightspeedShop], now: Date = Date()) -> String? {
        guard let store = TimeZone(identifier: storeTimeZoneID) else { return nil }
        let zoned = shops.filter { $0.timeZone != nil }
        guard !zoned.isEmpty else { return nil }
        if zoned.contains(where: { StoreCalendar.sameClock($0.timeZone!, store, around: now) }) { return nil }
        let list = zoned.map { "\($0.name.isEmpty ? "shop \($0.id)" : $0.name) (\($0.timeZoneID))" }
            .joined(separator: ", ")
        return "Time zones disagree: this store is set to \(storeTimeZoneID), but Lightspeed's "
            + (zoned.count == 1 ? "shop is " : "shops are ") + list
            + ". Purchases are dated in their shop's zone; set store.timeZone in the config to the shop's zone."
    }
}
