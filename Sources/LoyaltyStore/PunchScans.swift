import Foundation
import LoyaltyCore

/// Which punches one scan recorded (a `3*` scan, a sale line of 3, an exception of 3 units): they share a
/// `scan_id` (the first punch's id), so "undo this scan" takes back exactly its units — and nothing else,
/// whatever the clock says about two scans of the same item.
extension LoyaltyStore {
    /// Migration `v9-punch-scan-ids`: the column; older punches keep NULL (each is its own scan).
    static func createPunchScanIDs(_ db: any SQLConnection) throws {
        try db.execute(sql: "ALTER TABLE punches ADD COLUMN scan_id INTEGER")
    }

    /// Marks the punches of one `place` call as one scan, by their IDs (not a range: on PostgreSQL another
    /// counter's transaction takes IDs from the same sequence at the same time).
    static func markOneScan(_ db: any SQLConnection, _ punches: inout [Punch]) throws {
        guard punches.count > 1, let first = punches.map(\.id).min() else { return }
        try db.execute(sql: "UPDATE punches SET scan_id = ? WHERE id IN (\(placeholders(punches.count)))",
                       arguments: [first] + SQLArguments(punches.map(\.id)))
        for i in punches.indices { punches[i].scanID = first }
    }

    /// Migration `v10-scan-id-index`: the ID a counter gives each scan (a UUID, text), so a scan kept on the
    /// counter while the server was down and replayed later — perhaps after the first try did commit and only its
    /// answer was lost — is recorded once. `counter_scans` holds each recorded scan ID once (its primary key is the
    /// index every replay's check uses); the punches carry it too, to tell which scan made them.
    static func createCounterScanIDs(_ db: any SQLConnection) throws {
        try db.execute(sql: "ALTER TABLE punches ADD COLUMN counter_scan_id TEXT")
        try db.execute(sql: """
            CREATE TABLE counter_scans (
                scan_id TEXT PRIMARY KEY NOT NULL CHECK (length(scan_id) = 36),
                recorded_at TEXT NOT NULL
            )
            """)
    }

    /// Claims `scanID` for this transaction: false when a scan with this ID was already recorded (removed punches
    /// included: a scan undone after it landed is not brought back by a late replay). An insert that does nothing
    /// on conflict, not a read then a write, so two counters (or a counter and `queue retry`) replaying the same
    /// scan at once cannot both record it on either engine: the second waits for the first and then finds it.
    static func claimScan(_ db: any SQLConnection, _ scanID: UUID, at: Date) throws -> Bool {
        try String.fetchOne(db, sql: """
            INSERT INTO counter_scans (scan_id, recorded_at) VALUES (?, ?) ON CONFLICT (scan_id) DO NOTHING RETURNING scan_id
            """, arguments: [scanID.uuidString, at]) != nil
    }

    /// What `alreadyRecorded` names for a replayed scan that had landed.
    public static let scanWords = "That scan"

    /// How far ahead of the store's clock a counter's clock may be (a replayed scan's time is the counter's).
    static let scanClockSlack: TimeInterval = 300
}
