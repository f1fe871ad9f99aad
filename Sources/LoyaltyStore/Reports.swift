import Foundation
import LoyaltyCore

/// One program's redemptions in a date range: what the store claims from the program's distributor.
public struct RedemptionReportRow: Sendable, Hashable {
    public var programName: String
    public var manufacturer: String
    /// Where the free items were given (v10-locations): a chain claims per shop.
    public var location: String = ""
    public var redemptions: Int
}

/// A card that needs only a few more punches: a customer worth reminding.
public struct NearCompleteCard: Sendable, Hashable {
    public var cardID: Int64
    public var customerID: Int64
    public var customerName: String
    public var phone: String?
    public var programName: String
    public var punches: Int
    public var punchesRequired: Int
}

/// How many counting punches of one source were dated one day.
public struct PunchesBySourceRow: Sendable, Hashable {
    public var date: LocalDate
    public var source: PunchSource
    public var punches: Int
}

/// The manager's reports. Read-only queries, each asked of the role first (`viewReports`), with bound
/// parameters and indexes of their own (`createReportIndexes`), so a year of data answers at once.
extension LoyaltyStore {
    /// Redemptions by program and manufacturer, and by the location that gave the free item, whose redemption
    /// fell on a store-local date in `from...through`. Programs with none are left out.
    public func redemptionsByProgram(from: LocalDate, through: LocalDate, by op: Operator) throws -> [RedemptionReportRow] {
        try op.require(.viewReports, "read reports")
        let calendar = StoreCalendar(timeZone: try settings().timeZone)
        let start = calendar.startOfDay(from), end = calendar.startOfDay(through.adding(days: 1))
        return try read { db in
            try SQLRow.fetchAll(db, sql: """
                SELECT p.name, p.manufacturer, coalesce(l.name, '') AS location, count(*) AS n
                FROM cards c JOIN programs p ON p.id = c.program_id
                LEFT JOIN locations l ON l.id = c.redeemed_at_location
                WHERE c.state = 'redeemed' AND c.redeemed_at >= ? AND c.redeemed_at < ?
                GROUP BY p.id, p.name, p.manufacturer, l.id, l.name
                ORDER BY lower(p.manufacturer), lower(p.name), l.name
                """, arguments: [start, end]).map {
                RedemptionReportRow(programName: $0["name"], manufacturer: $0["manufacturer"], location: $0["location"],
                                    redemptions: $0["n"])
            }
        }
    }

    /// Open cards of non-merged customers needing at most `within` more punches (e.g. N−2 and up),
    /// fullest first.
    public func cardsCloseToComplete(within: Int = 2, by op: Operator) throws -> [NearCompleteCard] {
        try op.require(.viewReports, "read reports")
        return try read { db in
            try SQLRow.fetchAll(db, sql: """
                SELECT * FROM (
                    SELECT c.id, c.customer_id, cu.first_name, cu.last_name, cu.phone, p.name, p.punches_required,
                           (SELECT count(*) FROM punches x WHERE x.card_id = c.id AND x.removed_at IS NULL) AS n
                    FROM cards c
                    JOIN programs p ON p.id = c.program_id
                    JOIN customers cu ON cu.id = c.customer_id
                    WHERE c.state = 'open' AND cu.merged_into IS NULL AND p.active = 1) AS open_cards
                WHERE n > 0 AND n >= punches_required - ?
                ORDER BY punches_required - n, lower(last_name), lower(first_name), id
                """, arguments: [max(0, within)]).map {
                NearCompleteCard(cardID: $0["id"], customerID: $0["customer_id"],
                                 customerName: "\($0["first_name"] as String) \($0["last_name"] as String)",
                                 phone: $0["phone"], programName: $0["name"], punches: $0["n"],
                                 punchesRequired: $0["punches_required"])
            }
        }
    }

    /// Counting punches per purchase date and source in `from...through`, by date then source.
    public func punchesBySource(from: LocalDate, through: LocalDate, by op: Operator) throws -> [PunchesBySourceRow] {
        try op.require(.viewReports, "read reports")
        return try read { db in
            try SQLRow.fetchAll(db, sql: """
                SELECT purchase_date, source, count(*) AS n FROM punches
                WHERE removed_at IS NULL AND purchase_date BETWEEN ? AND ?
                GROUP BY purchase_date, source ORDER BY purchase_date, source
                """, arguments: [from.iso, through.iso]).compactMap { row in
                guard let date = LocalDate(iso: row["purchase_date"]),
                      let source = PunchSource(rawValue: row["source"]) else { return nil }
                return PunchesBySourceRow(date: date, source: source, punches: row["n"])
            }
        }
    }

    /// Indexes for the reports: redemptions by time, counting punches by date.
    static func createReportIndexes(_ db: any SQLConnection) throws {
        try db.execute(sql: """
            CREATE INDEX cards_redeemed_at ON cards(redeemed_at) WHERE state = 'redeemed';
            CREATE INDEX punches_by_purchase_date ON punches(purchase_date, source) WHERE removed_at IS NULL;
            """)
    }
}
