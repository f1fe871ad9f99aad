import LoyaltyCore

/// The read-only customer summary that Enter opens from lookup (the checkout screen replaces it).
public struct CustomerSummaryState: Hashable, Sendable {
    public var customerID: Int64
    public var overview: CustomerOverview?
    public var error: String?

    public init(customerID: Int64) {
        self.customerID = customerID
        overview = nil
        error = nil
    }

    public var isLoading: Bool { overview == nil && error == nil }
}

/// What can happen on the summary: back, edit, and the loaded data.
public enum CustomerSummaryMsg: Hashable, Sendable {
    // Intents
    case back
    case edit
    case reload
    // Results
    case loaded(CustomerOverview)
    case loadFailed(id: Int64, message: String)

    public var isIntent: Bool {
        switch self {
        case .loaded, .loadFailed: false
        default: true
        }
    }
}

/// The summary's rules; back and edit are navigation, handled by `AppFeature`.
public enum CustomerSummaryFeature {
    public static func update(_ state: inout CustomerSummaryState, _ msg: CustomerSummaryMsg) -> [Effect] {
        switch msg {
        case .back, .edit:
            return []
        case .reload:
            state.error = nil
            return [.loadCustomer(id: state.customerID)]
        case .loaded(let overview):
            guard overview.customer.id == state.customerID || state.overview == nil else { return [] }
            state.customerID = overview.customer.id
            state.overview = overview
            state.error = nil
            return []
        case .loadFailed(let id, let message):
            guard id == state.customerID else { return [] }
            state.error = message
            return []
        }
    }
}
