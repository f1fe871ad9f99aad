import LoyaltyCore
import LoyaltyStore
import TerminalKit

/// What can happen on the manager screens: intents (keys), then the store's answers.
public enum ManagerMsg: Hashable, Sendable {
    // Intents
    case openAuditLog
    /// From the checkout screen: the audit log of the customer shown there.
    case openCustomerAuditLog
    case openDuplicates
    /// In lookup: the selected customer is the first (or, second time, the other) of a combine.
    case pickForCombine
    case move(Key)
    /// Duplicates: open the combine preview of the selected pair. Audit log: apply the filter.
    case enter
    case escape
    /// Combine: the other customer becomes the primary.
    case swapPrimary
    /// Combine: the other Lightspeed link survives.
    case toggleLink
    /// Combine: join open cards of the same program (or keep them separate).
    case toggleJoin
    /// Combine: ask "combine now?".
    case requestMerge
    case confirmMerge
    /// Audit log: older entries.
    case loadMore
    /// Audit log: edit the filter (F), typing into it, next field.
    case editFilter
    case filterKey(Key)
    case nextFilterField
    case clearFilter
    // Results
    /// A page of entries, and the store's time zone (IANA id) their times are shown in.
    case auditLoaded([AuditEntry], appended: Bool, timeZoneID: String = "UTC")
    case pairsLoaded([DuplicatePair])
    case previewLoaded(CombinePreview)
    case merged(MergePlan)
    case failed(EffectError)

    public var isIntent: Bool {
        switch self {
        case .auditLoaded, .pairsLoaded, .previewLoaded, .merged, .failed: false
        default: true
        }
    }
}

/// The manager screens' work for the effect runner (`ManagerEffects`).
public enum ManagerEffect: Hashable, Sendable, CustomStringConvertible {
    /// `from`/`until` are store-local days (the runner turns them into instants in the store's zone).
    case loadAuditLog(AuditFilter, from: LocalDate?, until: LocalDate?, append: Bool)
    case loadDuplicatePairs
    /// Both customers and the store's plan for combining `duplicate` into `primary`.
    case previewMerge(primary: Int64, duplicate: Int64, linkChoice: LightspeedLinkChoice?, joinOpenCards: Bool)
    case merge(primary: Int64, duplicate: Int64, linkChoice: LightspeedLinkChoice?, joins: [CardJoin], by: Operator)

    public var description: String {
        switch self {
        case .loadAuditLog(let f, _, _, let append): "manager.loadAuditLog(before: \(f.beforeID.map(String.init) ?? "-"), append: \(append))"
        case .loadDuplicatePairs: "manager.loadDuplicatePairs"
        case .previewMerge(let p, let d, _, let join): "manager.previewMerge(\(p) ← \(d), join: \(join))"
        case .merge(let p, let d, _, let joins, let op): "manager.merge(\(p) ← \(d), \(joins.count) joins, by: \(op.username))"
        }
    }
}
