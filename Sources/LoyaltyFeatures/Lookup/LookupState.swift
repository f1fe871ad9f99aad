import LoyaltyCore
import TerminalKit

/// Customer lookup: one always-focused search field and the matching customers.
///
/// Each edit of the query starts a search tagged with a new `generation`; results carry the generation they
/// answer, and only the latest is shown, so a slow answer to "sa" never replaces the answer to "sal".
public struct LookupState: Hashable, Sendable {
    public var query: TextFieldState
    public var results: [CustomerSummary]
    public var selection: ListSelection
    /// The generation of the last search asked for.
    public var generation: Int
    /// The generation the shown results answer.
    public var resultsGeneration: Int
    /// The query the shown results answer (the no-match line quotes it).
    public var resultsQuery: String
    /// Rows the result table shows at the current terminal size (PgUp/PgDn move by this).
    public var pageRows: Int
    public var error: String?

    /// Rows of the lookup screen that are not result rows (status bar, title, search field, table header,
    /// message line, help bar). The renderer lays the screen out with the same number.
    public static let chromeRows = 8

    public init() {
        query = TextFieldState(maxLength: 100)
        results = []
        selection = ListSelection()
        generation = 0
        resultsGeneration = 0
        resultsQuery = ""
        pageRows = 24 - LookupState.chromeRows
        error = nil
    }

    /// An empty lookup for the next person that keeps counting generations: numbers never start over while
    /// the program runs, so a late answer to the previous user's search is never taken for a new one.
    public mutating func startOver() {
        let generation = generation
        let pageRows = pageRows
        self = LookupState()
        self.generation = generation
        self.resultsGeneration = generation
        self.pageRows = pageRows
    }

    /// The trimmed query as searched.
    public var searchText: String { query.text.trimmingCharacters(in: .whitespaces) }

    /// A search is running for what is typed now.
    public var isSearching: Bool { generation != resultsGeneration }

    /// True when the shown results answer a non-empty query and found nobody.
    public var isNoMatch: Bool { !isSearching && !resultsQuery.isEmpty && results.isEmpty && error == nil }

    public var selectedCustomer: CustomerSummary? {
        selection.index.flatMap { results.indices.contains($0) ? results[$0] : nil }
    }
}

/// What can happen in lookup: the cashier's intents, then the search results.
public enum LookupMsg: Hashable, Sendable {
    // Intents
    /// An editing key for the search field.
    case queryEdited(Key)
    /// ↑ ↓ PgUp PgDn Home End in the result table.
    case move(Key)
    case clearQuery
    /// Enter: open the selected customer (the shell decides which screen).
    case openSelected
    /// Add a customer (the shell opens the form, pre-filled from the query).
    case newCustomer
    // Results
    case searchResultsLoaded(generation: Int, query: String, results: [CustomerSummary])
    case searchFailed(generation: Int, EffectError)

    public var isIntent: Bool {
        switch self {
        case .searchResultsLoaded, .searchFailed: false
        default: true
        }
    }
}
