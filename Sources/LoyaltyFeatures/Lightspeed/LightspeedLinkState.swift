import LoyaltyCore
import TerminalKit

/// One Lightspeed customer found by a search, and the loyalty customer already linked to them (if any),
/// so the pick list can say why a pick would be refused before it is tried.
public struct LightspeedCustomerMatch: Hashable, Sendable {
    public var customer: LightspeedCustomerInfo
    public var linkedCustomerID: Int64?
    public var linkedCustomerName: String?

    public init(customer: LightspeedCustomerInfo, linkedCustomerID: Int64? = nil, linkedCustomerName: String? = nil) {
        self.customer = customer
        self.linkedCustomerID = linkedCustomerID
        self.linkedCustomerName = linkedCustomerName
    }
}

/// The search-and-pick dialog over a checkout: a query (pre-filled from the customer), the Lightspeed
/// customers it found, and the selection.
public struct LightspeedLinkSearch: Hashable, Sendable {
    public var customerID: Int64
    public var customerName: String
    /// The customer's current link, shown at the top (a pick replaces it).
    public var currentLink: String?
    public var query: TextFieldState
    /// The text the shown results are for; Enter searches again when the query differs.
    public var searchedText: String?
    public var results: [LightspeedCustomerMatch]
    public var selection: ListSelection
    public var searching: Bool
    /// Matches a newer search overtook are dropped.
    public var generation: Int
    public var error: String?

    public init(customerID: Int64, customerName: String, currentLink: String?, query: String) {
        self.customerID = customerID
        self.customerName = customerName
        self.currentLink = currentLink
        self.query = TextFieldState(text: query, maxLength: 80)
        searchedText = nil
        results = []
        selection = ListSelection()
        searching = false
        generation = 0
        error = nil
    }

    public var selected: LightspeedCustomerMatch? {
        selection.index.flatMap { results.indices.contains($0) ? results[$0] : nil }
    }
}

/// A Lightspeed dialog over the checkout screen (it takes the keys while open).
public enum LightspeedLinkDialog: Hashable, Sendable {
    /// "Incorrect customer": forget this customer's link to `lightspeedID`?
    case confirmUnlink(customerID: Int64, lightspeedID: String)
    /// Search Lightspeed customers and pick the one to link.
    case search(LightspeedLinkSearch)
    /// A button press waits for its customer and the cashier opened this one: link them and record the sale?
    /// `replacing` is the Lightspeed customer they are linked to now (the link would change).
    case confirmPending(customerID: Int64, customerName: String, replacing: String?)

    public var customerID: Int64 {
        switch self {
        case .confirmUnlink(let id, _), .confirmPending(let id, _, _): id
        case .search(let s): s.customerID
        }
    }
}

/// The checkout's Lightspeed link messages: keys, then the composition root's answers.
public enum LightspeedLinkMsg: Hashable, Sendable {
    /// W on a checkout: "Incorrect customer" (asks first).
    case requestUnlink
    /// Open the search dialog (L with no press waiting).
    case openSearch
    /// A key for the search field.
    case edit(Key)
    case move(Key)
    /// Enter: search (when the query changed) or pick the selected customer.
    case enter
    /// Y in a confirmation.
    case confirm
    /// Esc / N: close the dialog.
    case cancel

    // Results
    case searched(generation: Int, [LightspeedCustomerMatch])
    case searchFailed(generation: Int, EffectError)
    case linked(customerID: Int64, lightspeedID: String)
    case unlinked(customerID: Int64)
    case failed(EffectError)

    public var isIntent: Bool {
        switch self {
        case .requestUnlink, .openSearch, .edit, .move, .enter, .confirm, .cancel: true
        case .searched, .searchFailed, .linked, .unlinked, .failed: false
        }
    }
}
