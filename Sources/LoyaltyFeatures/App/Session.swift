import LoyaltyCore
import LoyaltyStore

/// Who is signed in on this terminal. Every write takes the operator built from it, and the view-models
/// ask its role before offering an action (the store asks again).
public struct Session: Hashable, Sendable {
    public var user: User
    /// The counter's location; its operator records it on every write.
    public var location: Location?

    public init(user: User, location: Location? = nil) {
        self.user = user
        self.location = location
    }

    public var role: Role { user.role }
    public var username: String { user.username }
    /// The operator stamped on every write made in this session.
    public var op: Operator { Operator(user, location: location?.id) }

    public func may(_ action: Action) -> Bool { user.role.may(action) }
}
