import LoyaltyCore
import LoyaltyStore

/// What a cashier types to find a customer, taken from real rows of the store: 2–6 letters of a first or
/// last name, the last 4 or 7 digits of a phone, or the start of an email (lower case, as typed).
struct CashierQuery: Sendable, Hashable {
    enum Kind: String, Sendable, CaseIterable, Codable {
        case firstName = "first name 2-6 letters"
        case lastName = "last name 2-6 letters"
        case phone4 = "phone last 4"
        case phone7 = "phone last 7"
        case emailPrefix = "email prefix"
    }

    var kind: Kind
    var text: String

    var isPhone: Bool { kind == .phone4 || kind == .phone7 }
    /// Whether the store looks for the text inside names too (an address being typed, "james.co", only in emails).
    var searchesNames: Bool { LoyaltyStore.searchesInsideNames(text) }

    /// `count` queries, the kinds in turn, from customers picked at random among IDs 1…`customers`.
    static func make(count: Int, customers: Int, store: LoyaltyStore, rng: inout SeededRandom) throws -> [CashierQuery] {
        var queries: [CashierQuery] = []
        var kinds = Kind.allCases.makeIterator()
        while queries.count < count {
            let ids = (0..<200).map { _ in Int64(1 + rng.int(customers)) }
            for customer in try store.customerSummaries(ids: ids) where queries.count < count {
                guard let kind = kinds.next() ?? { kinds = Kind.allCases.makeIterator(); return kinds.next() }() else { break }
                if let text = query(kind, customer, &rng) { queries.append(CashierQuery(kind: kind, text: text)) }
            }
        }
        return queries
    }

    private static func query(_ kind: Kind, _ c: CustomerSummary, _ rng: inout SeededRandom) -> String? {
        func prefix(_ name: String) -> String? {
            let letters = name.lowercased().filter(\.isLetter)
            guard letters.count >= 2 else { return nil }
            return String(letters.prefix(2 + rng.int(min(5, letters.count - 1))))
        }
        switch kind {
        case .firstName: return prefix(c.firstName)
        case .lastName: return prefix(c.lastName)
        case .phone4: return c.phone.map { String($0.suffix(4)) }
        case .phone7: return c.phone.map { String($0.suffix(7)) }
        case .emailPrefix:
            guard let local = c.email?.split(separator: "@").first, local.count >= 3 else { return nil }
            return String(local.prefix(3 + rng.int(min(6, local.count - 2))))
        }
    }
}
