
import LoyaltyCore

/// Which punches one scan recorded (a `3*` scan, a sale line of 3, an exception of 3 units): they share a
/// `scan_id` (the first punch's id), so "undo this scan" takes back exactly its units — and nothing else,
/// whatever the clock says about two scans of the same item.
extension LoyaltyStore {
    /// Migration `v9-punch-scan-ids`: the column; older punches keep NULL (each is its own scan).
    static func createPunchScanIDs(_ db: any SQLConnection) throws {
        try db.execute(sql: "ALTER TABLE punches ADD COLUMN scan_id INTEGER")
    }

    /// Marks the punches of one `place` call as one scan. Their ids are consecutive: one transaction inserts
    /// them and SQLite writes one transaction at a time.
    static func markOneScan(_ db: any SQLConnection, _ punches: inout [Punch]) throws {
        guard punches.count > 1, let first = punches.map(\.id).min(), let last = punches.map(\.id).max() else { return }
        try db.execute(sql: "UPDATE punches SET scan_id = ? WHERE id BETWEEN ? AND ?", arguments: [first, first, last])
        for i in punches.indices { punches[i].scanID = first }
    }
}
