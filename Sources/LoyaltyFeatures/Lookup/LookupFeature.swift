import LoyaltyStore
import TerminalKit

/// Lookup's rules. Opening a customer and starting the form are navigation, handled by `AppFeature`.
public enum LookupFeature {
    public static func update(_ state: inout LookupState, _ msg: LookupMsg) -> [Effect] {
        switch msg {
        case .queryEdited(let key):
            let before = state.searchText
            guard state.query.handle(key) == .edited, state.searchText != before else { return [] }
            return search(&state)

        case .clearQuery:
            guard !state.query.text.isEmpty else { return [] }
            state.query.setText("")
            return search(&state)

        case .move(let key):
            state.selection.handle(key, visibleRows: state.pageRows)
            return []

        case .openSelected, .newCustomer:
            return []

        case .searchResultsLoaded(let generation, let query, let results):
            guard generation == state.generation else { return [] }
            state.resultsGeneration = generation
            // The same search run again (a refresh) keeps the customer who was selected.
            let kept = query == state.resultsQuery ? state.selectedCustomer?.id : nil
            state.resultsQuery = query
            state.results = results
            state.selection = ListSelection(count: results.count)
            if let kept, let row = results.firstIndex(where: { $0.id == kept }) {
                state.selection.select(row, visibleRows: state.pageRows)
            }
            state.error = nil
            return []

        case .searchFailed(let generation, let failure):
            guard generation == state.generation else { return [] }
            state.resultsGeneration = generation
            state.resultsQuery = state.searchText
            state.results = []
            state.selection = ListSelection()
            state.error = FeatureStrings.reason(failure)
            return []
        }
    }

    /// Starts a search for what is typed now; an empty query clears the results without asking the store.
    static func search(_ state: inout LookupState) -> [Effect] {
        state.generation += 1
        let text = state.searchText
        if text.isEmpty {
            state.resultsGeneration = state.generation
            state.resultsQuery = ""
            state.results = []
            state.selection = ListSelection()
            state.error = nil
            return []
        }
        return [.searchCustomers(query: text, generation: state.generation)]
    }

    /// The cashier came back to lookup: the search text is selected (typing replaces it) and the rows are
    /// read again, so what changed meanwhile (points earned at checkout, a new card) shows.
    public static func returnedTo(_ state: inout LookupState) -> [Effect] {
        state.query.selectAll()
        return state.searchText.isEmpty ? [] : search(&state)
    }

    /// Re-runs the current search (after a customer was added or edited, so the table shows it).
    public static func refresh(_ state: inout LookupState) -> [Effect] {
        search(&state)
    }
}
