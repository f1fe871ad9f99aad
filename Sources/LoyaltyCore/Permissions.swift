/// Everything a user can ask the program to do that a role might not allow. The view-models and the
/// store both ask `Role.may(_:)`, so the rule is written once (domain.md, "People").
public enum Action: String, Sendable, CaseIterable, Hashable {
    // Cashier
    case lookupCustomer, addCustomer, editCustomer, checkout, redeem, convertPaperCard, splitCard,
         importHistory, undoTodaysPunch, editCardNote, redeemPointsReward
    // Manager
    case removePunch, addException, undoRedemption, mergeCustomers, readAuditLog, viewReports,
         adjustPoints, manageClaims,
         /// The watcher's queue of Lightspeed customers to link and the store-wide sweep (issue 16).
         reviewLightspeedSales
    // Manager: apply or dismiss a change Lightspeed made to a recorded sale ("Changed in Lightspeed").
    case reviewLightspeedChanges
    // Admin
    case managePrograms, manageUsers, editSettings, linkLightspeed, editPointsSettings, manageLocations

    /// The least role allowed to do this.
    public var minimumRole: Role {
        switch self {
        case .lookupCustomer, .addCustomer, .editCustomer, .checkout, .redeem, .convertPaperCard, .splitCard,
             .importHistory, .undoTodaysPunch, .editCardNote, .redeemPointsReward:
            .cashier
        case .removePunch, .addException, .undoRedemption, .mergeCustomers, .readAuditLog, .viewReports,
             .adjustPoints, .manageClaims, .reviewLightspeedSales:
            .manager
        case .reviewLightspeedChanges:
            .manager
        case .managePrograms, .manageUsers, .editSettings, .linkLightspeed, .editPointsSettings, .manageLocations:
            .admin
        }
    }

    /// True when a cashier's screen should ask for a manager's PIN (manager override) rather than refuse.
    public var allowsManagerOverride: Bool { minimumRole == .manager }
}

extension Role {
    /// True when this role may do `action` on its own.
    public func may(_ action: Action) -> Bool { permits(action.minimumRole) }
}
