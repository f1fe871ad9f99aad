import Foundation
import LoyaltyCore

/// What kind of change an audit entry records. The raw value is what the log stores and what
/// a filter matches.
public enum AuditAction: String, Sendable, CaseIterable, Codable {
    case settingsChange = "settings.change"
    case userAdd = "user.add", userDisable = "user.disable", userEnable = "user.enable"
    case userRoleChange = "user.role", userSecretReset = "user.secret-reset"
    case userLocked = "user.locked", userSignIn = "user.sign-in", userSignInFailed = "user.sign-in-failed"
    case userUnlock = "user.unlock"
    case customerAdd = "customer.add", customerUpdate = "customer.update", petAdd = "pet.add"
    case lightspeedLink = "customer.link", lightspeedUnlink = "customer.unlink"
    case realtimeImport = "customer.realtime-import"
    case customerMerge = "customer.merge"
    case programAdd = "program.add", programUpdate = "program.update"
    case programItemAdd = "program.item-add", programItemRemove = "program.item-remove"
    case programItemChange = "program.item-change"
    case purchase = "punch.purchase", realtimeSale = "punch.realtime-sale"
    case exception = "punch.exception", paperCard = "punch.paper"
    case punchRemove = "punch.remove", punchUndo = "punch.undo"
    case redeem = "card.redeem", redeemUndo = "card.redeem-undo"
    case cardSplit = "card.split", cardNote = "card.note"
    case pointsEarn = "points.earn", pointsAdjust = "points.adjust", pointsRefund = "points.refund"
    case pointsRedeem = "points.redeem", pointsRewardSet = "points.reward-set"
    case importCommit = "import.commit"
    case lightspeedConnect = "lightspeed.connect", lightspeedDisconnect = "lightspeed.disconnect"
    case lightspeedTokens = "lightspeed.tokens"
    case backup = "db.backup"
    case historyLoad = "store.history-load"
    case buttonRefused = "lightspeed.button-refused"
    case watcherPage = "lightspeed.watcher-page", watcherLease = "lightspeed.watcher-lease"
    case watcherLink = "lightspeed.watcher-link"
    // Manufacturer claims (issue 17).
    case claimRules = "claim.rules", claimCustomerDetails = "claim.customer-details"
    case claimBatch = "claim.batch", claimSubmit = "claim.submit", claimCredit = "claim.credit"
    case claimDeny = "claim.deny", claimCorrect = "claim.correct", claimReconcile = "claim.reconcile"
    case claimVoid = "claim.void", claimExport = "claim.export", claimBackfill = "claim.backfill"
    case saleWaiting = "lightspeed.sale-waiting", saleWaitEnded = "lightspeed.sale-wait-ended"
    /// A scan kept on a counter while the server was down, thrown away by a manager (issue 18).
    case scanDiscarded = "punch.kept-scan-discard"
    // Changed in Lightspeed (issue 16, part 3).
    case lightspeedChangeFound = "lightspeed.change-found", lightspeedChangeApply = "lightspeed.change-apply"
    case lightspeedChangeDismiss = "lightspeed.change-dismiss"
    // Locations (issue 18).
    case locationAdd = "location.add", locationEdit = "location.edit", locationDeactivate = "location.deactivate"
    case programScope = "program.scope"
}

/// Which audit entries to show. Empty fields do not filter.
public struct AuditFilter: Sendable, Hashable {
    public var customerID: Int64?
    /// A name, phone or email as typed (the audit log's customer filter): resolved to `customerIDs` by a
    /// customer search before the log is read.
    public var customerText: String?
    /// Entries of any of these customers (an empty list matches nothing).
    public var customerIDs: [Int64]?
    public var username: String?
    public var action: AuditAction?
    public var from: Date?
    public var until: Date?
    /// Only entries made at this location.
    public var locationID: Int64?
    /// For paging back: only entries older than this one.
    public var beforeID: Int64?
    public var limit: Int
    public init(customerID: Int64? = nil, username: String? = nil, action: AuditAction? = nil,
                from: Date? = nil, until: Date? = nil, beforeID: Int64? = nil, limit: Int = 200) {
        self.beforeID = beforeID
        self.customerID = customerID
        self.username = username
        self.action = action
        self.from = from
        self.until = until
        self.limit = limit
    }
}

extension LoyaltyStore {
    /// The audit log, newest first.
    public func auditLog(_ filter: AuditFilter = AuditFilter()) throws -> [AuditEntry] {
        try read { db in
            var clauses: [String] = []
            var arguments: SQLArguments = []
            if let id = filter.customerID { clauses.append("customer_id = ?"); arguments += [id] }
            if let ids = filter.customerIDs {
                clauses.append(ids.isEmpty ? "0" : "customer_id IN (\(ids.map { _ in "?" }.joined(separator: ",")))")
                for id in ids { arguments += [id] }
            }
            if let user = filter.username { clauses.append("username = ?"); arguments += [user] }
            if let action = filter.action { clauses.append("action = ?"); arguments += [action.rawValue] }
            if let from = filter.from { clauses.append("at >= ?"); arguments += [from] }
            if let until = filter.until { clauses.append("at < ?"); arguments += [until] }
            if let before = filter.beforeID { clauses.append("id < ?"); arguments += [before] }
            if let location = filter.locationID { clauses.append("location_id = ?"); arguments += [location] }
            let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            arguments += [max(1, filter.limit)]
            return try SQLRow.fetchAll(db, sql: """
                SELECT audit_log.*, (SELECT l.name FROM locations l WHERE l.id = audit_log.location_id) AS location_name
                FROM audit_log \(whereSQL) ORDER BY id DESC LIMIT ?
                """, arguments: arguments).map(AuditEntry.init(row:))
        }
    }

    /// Appends one entry inside the caller's transaction, so the change and its record
    /// commit together or not at all.
    ///
    /// It also checks, in that transaction, that the operator (and approver) is who they claim:
    /// a user of that name who is disabled, or whose role is lower than claimed, makes the whole
    /// change fail. (Names that are no user, e.g. a script's, keep the role they were given.)
    func audit(_ db: any SQLConnection, _ op: Operator, _ action: AuditAction, customer: Int64? = nil,
               _ summary: String, details: [String: String] = [:]) throws {
        try Self.verifyClaim(db, username: op.username, role: op.role)
        if let approver = op.approver { try Self.verifyClaim(db, username: approver.username, role: approver.role) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(details), as: UTF8.self)
        let location = try Self.locationID(db, op)
        try db.execute(sql: """
            INSERT INTO audit_log (at, username, role, approver, action, customer_id, summary, details, location_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [now(), op.username, op.role.rawValue, op.approver?.username, action.rawValue,
                             customer, summary, json, location])
    }
}

extension LoyaltyStore {
    static func verifyClaim(_ db: any SQLConnection, username: String, role: Role) throws {
        guard let row = try SQLRow.fetchOne(db, sql: "SELECT role, disabled FROM users WHERE lower(username) = lower(?)",
                                         arguments: [username]) else { return }
        if row["disabled"] as Bool { throw StoreError.userDisabled(username: username) }
        let actual = Role(rawValue: row["role"]) ?? .cashier
        guard actual >= role else { throw StoreError.roleNotHeld(username: username, role: actual) }
    }
}

extension AuditEntry {
    init(row: SQLRow) {
        self.init(id: row["id"], at: row["at"], username: row["username"], role: row["role"],
                  approver: row["approver"], action: row["action"], customerID: row["customer_id"],
                  summary: row["summary"], details: row["details"], location: row["location_name"])
    }
}
