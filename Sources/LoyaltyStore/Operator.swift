import Foundation
import LoyaltyCore

/// Who makes a change: the signed-in user and, for a manager override, the manager who
/// approved it with their PIN. Every write takes one, checks the role it needs, and writes
/// both names into the audit log. Build it from `LoyaltyStore.authenticate` results.
public struct Operator: Sendable, Hashable, Codable {
    public var username: String
    public var role: Role
    /// The manager or admin who approved this action for a cashier, if any.
    public var approver: Approver?
    /// The location of the counter where the change is made (punches, redemptions, points and the audit entry
    /// record it). nil: the store's default location — a single-shop store, a script, a test.
    public var locationID: Int64?

    public struct Approver: Sendable, Hashable, Codable {
        public var username: String
        public var role: Role
        public init(username: String, role: Role) {
            self.username = username
            self.role = role
        }
    }

    public init(username: String, role: Role, approver: Approver? = nil, location: Int64? = nil) {
        self.username = username
        self.role = role
        self.approver = approver
        self.locationID = location
    }

    public init(_ user: User, approvedBy manager: User? = nil, location: Int64? = nil) {
        self.init(username: user.username, role: user.role,
                  approver: manager.map { Approver(username: $0.username, role: $0.role) }, location: location)
    }

    /// The higher of the user's role and the approver's: what this action may do.
    public var effectiveRole: Role { max(role, approver?.role ?? role) }

    /// Throws `StoreError.notAllowed` unless the operator (or their approver) may do `action`
    /// (the rule is Core's `Action.minimumRole`).
    func require(_ action: Action, _ wording: String) throws {
        guard effectiveRole.may(action) else {
            throw StoreError.notAllowed(action: wording, needs: action.minimumRole)
        }
    }
}
