import Foundation
import LoyaltyCore

/// A Lightspeed button press on a sale that was still open: nothing is recorded until Lightspeed reports the
/// sale completed. Kept in the store so a restart of the counter program keeps waiting for it.
public struct PendingSale: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case sale, refund
    }

    public var saleID: String
    public var kind: Kind
    public var customerID: Int64
    public var lightspeedCustomerID: String
    /// Who pressed: the sale is recorded in their name once it completes.
    public var pressedBy: Operator
    public var pressedAt: Date

    public init(saleID: String, kind: Kind, customerID: Int64, lightspeedCustomerID: String, pressedBy: Operator,
                pressedAt: Date) {
        self.saleID = saleID
        self.kind = kind
        self.customerID = customerID
        self.lightspeedCustomerID = lightspeedCustomerID
        self.pressedBy = pressedBy
        self.pressedAt = pressedAt
    }
}

/// Why a pending press stopped waiting.
public enum PendingSaleEnd: String, Sendable, Hashable {
    /// Lightspeed reported the sale completed; it was recorded.
    case completed
    /// The sale was voided before completing: nothing recorded.
    case voided
    /// Waited too long (a sale parked for days); Import History still finds it once it completes.
    case gaveUp = "gave up"
}

extension LoyaltyStore {
    /// Remembers a press on an open sale for `customer` (a second press of the same sale changes nothing).
    /// Audited: "waiting for Lightspeed sale N to complete".
    @discardableResult
    public func rememberPendingSale(saleID: String, kind: PendingSale.Kind, customer customerID: Int64,
                                    lightspeedCustomerID: String, by op: Operator) throws -> PendingSale {
        try op.require(.checkout, "record purchases")
        return try write { db in
            let customer = try Self.requireActiveCustomer(db, customerID)
            if let existing = try Self.pendingSale(db, saleID: saleID) { return existing }
            let pending = PendingSale(saleID: saleID, kind: kind, customerID: customerID,
                                      lightspeedCustomerID: lightspeedCustomerID, pressedBy: op, pressedAt: now())
            try db.execute(sql: """
                INSERT INTO pending_sales (sale_id, kind, customer_id, lightspeed_customer_id, pressed_by, pressed_role,
                                           pressed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [saleID, kind.rawValue, customerID, lightspeedCustomerID, op.username, op.role.rawValue,
                                 pending.pressedAt])
            try audit(db, op, .saleWaiting, customer: customerID,
                      "\(customer.fullName): waiting for Lightspeed \(kind.rawValue) \(saleID) to complete",
                      details: ["saleID": saleID, "kind": kind.rawValue])
            return pending
        }
    }

    /// Every press still waiting, oldest first (the counter reads them at start-up).
    public func pendingSales() throws -> [PendingSale] {
        try read { db in
            try SQLRow.fetchAll(db, sql: "SELECT * FROM pending_sales ORDER BY pressed_at, sale_id").compactMap(Self.pendingSale)
        }
    }

    /// The sales this customer's checkout is waiting for, oldest first (indexed by customer).
    public func pendingSaleIDs(customer customerID: Int64) throws -> [String] {
        try read { db in try Self.pendingSaleIDs(db, customer: customerID) }
    }

    static func pendingSaleIDs(_ db: any SQLConnection, customer customerID: Int64) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT sale_id FROM pending_sales WHERE customer_id = ? ORDER BY pressed_at, sale_id",
                            arguments: [customerID])
    }

    /// Stops waiting for `saleID` (audited with why); nothing happens when it was not waiting.
    public func endPendingSale(saleID: String, _ end: PendingSaleEnd, by op: Operator) throws {
        try write { db in
            guard let pending = try Self.pendingSale(db, saleID: saleID) else { return }
            try db.execute(sql: "DELETE FROM pending_sales WHERE sale_id = ?", arguments: [saleID])
            let name = try SQLRow.fetchOne(db, sql: "SELECT * FROM customers WHERE id = ?", arguments: [pending.customerID])
                .map { Customer(row: $0).fullName } ?? "Customer \(pending.customerID)"
            try audit(db, op, .saleWaitEnded, customer: pending.customerID,
                      "\(name): Lightspeed \(pending.kind.rawValue) \(saleID) \(Self.words(end))",
                      details: ["saleID": saleID, "end": end.rawValue])
        }
    }

    /// Inside another write (the realtime record): the press no longer waits.
    static func clearPendingSale(_ db: any SQLConnection, saleID: String) throws {
        try db.execute(sql: "DELETE FROM pending_sales WHERE sale_id = ?", arguments: [saleID])
    }

    private static func words(_ end: PendingSaleEnd) -> String {
        switch end {
        case .completed: "completed and recorded"
        case .voided: "was voided before completing: nothing recorded"
        case .gaveUp: "still open after days: no longer waiting (Import History finds it once completed)"
        }
    }

    private static func pendingSale(_ db: any SQLConnection, saleID: String) throws -> PendingSale? {
        try SQLRow.fetchOne(db, sql: "SELECT * FROM pending_sales WHERE sale_id = ?", arguments: [saleID]).flatMap(pendingSale)
    }

    private static func pendingSale(_ row: SQLRow) -> PendingSale? {
        guard let kind = PendingSale.Kind(rawValue: row["kind"]), let role = Role(rawValue: row["pressed_role"]) else {
            return nil
        }
        return PendingSale(saleID: row["sale_id"], kind: kind, customerID: row["customer_id"],
                           lightspeedCustomerID: row["lightspeed_customer_id"],
                           pressedBy: Operator(username: row["pressed_by"], role: role), pressedAt: row["pressed_at"])
    }

    /// Migration `v9-pending-presses`: button presses waiting for their sale to complete.
    static func createPendingSales(_ db: any SQLConnection) throws {
        try db.execute(sql: """
            CREATE TABLE pending_sales (
                sale_id TEXT PRIMARY KEY NOT NULL CHECK (length(sale_id) > 0),
                kind TEXT NOT NULL CHECK (kind IN ('sale', 'refund')),
                customer_id INTEGER NOT NULL REFERENCES customers(id),
                lightspeed_customer_id TEXT NOT NULL,
                pressed_by TEXT NOT NULL,
                pressed_role TEXT NOT NULL CHECK (pressed_role IN ('cashier', 'manager', 'admin')),
                pressed_at DATETIME NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX pending_sales_by_customer ON pending_sales(customer_id);
            """)
    }
}
