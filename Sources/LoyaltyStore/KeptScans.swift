import Foundation
import LoyaltyCore

/// The store's side of scans kept on a counter while its server was down (`OfflineScanQueue`): they are recorded
/// by the normal purchase write (`recordPurchase(scanID:scannedAt:)`, idempotent by scan ID); a manager who
/// throws one away leaves this trace in the audit log, since the scan never reached the store.
extension LoyaltyStore {
    /// A manager discards a scan the store refused when it was replayed (or one nobody wants recorded): nothing
    /// changes on the cards; the audit log says which scan, made by whom, when and why it was refused.
    public func recordDiscardedScan(_ scan: QueuedScan, by op: Operator) throws {
        try op.require(.removePunch, "discard a kept scan")
        try write { db in
            let name = try String.fetchOne(db, sql: "SELECT first_name || ' ' || last_name FROM customers WHERE id = ?",
                                           arguments: [scan.customerID])
            let calendar = StoreCalendar(timeZone: try Self.loadSettings(db).timeZone)
            try audit(db, op, .scanDiscarded, customer: name == nil ? nil : scan.customerID,
                      "\(name ?? "Customer \(scan.customerID)"): kept scan \(scan.id) discarded, \(scan.quantity) × "
                        + "\(scan.upc.display) scanned by \(scan.username) at \(calendar.timestamp(of: scan.scannedAt))"
                        + (scan.counter.map { " on \($0)" } ?? "") + (scan.refusal.map { "; refused: \($0)" } ?? ""),
                      details: ["scanID": scan.scanID.uuidString, "upc": scan.upc.gtin14, "quantity": String(scan.quantity),
                                "scannedBy": scan.username, "refusal": scan.refusal ?? ""])
        }
    }
}
