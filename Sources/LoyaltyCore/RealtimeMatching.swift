/// The Lightspeed button's "only what is new": the sale's lines matched like Import History (sale-line ID,
/// then UPC + store-local date), so pressing it again adds nothing and a purchase the cashier already
/// scanned at the counter that day is not added a second time. No near-miss check: the button runs during
/// the sale, there is nothing to review.
public enum RealtimeMatching {
    /// The ✓ rows: units to add as *realtime* punches (with their sale-line IDs).
    public static func unitsToAdd(saleLines: [SaleLine], punches: [MatchablePunch], programs: SaleLinePrograms,
                                  calendar: StoreCalendar) -> [ImportRow] {
        ImportMatcher.match(lines: saleLines, punches: punches, programs: programs, calendar: calendar,
                            duplicateWindowDays: 0).filter { $0.status == .willImport }
    }
}
