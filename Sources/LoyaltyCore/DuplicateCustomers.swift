/// Why an existing customer may be the one being added (domain.md: same phone or email warns; ours: a very
/// similar name warns too).
public enum DuplicateReason: String, Sendable, Hashable, CaseIterable {
    case samePhone, sameEmail, sameName, similarName

    public var label: String {
        switch self {
        case .samePhone: "same phone"
        case .sameEmail: "same email"
        case .sameName: "same name"
        case .similarName: "similar name"
        }
    }
}

/// The duplicate warning of the add-customer form: the store finds candidates (same phone, same email, name
/// search), this decides which of them to show and why.
public enum DuplicateCustomers {
    /// The reasons `existing` looks like the customer in the form; empty when it does not. Merged customers
    /// never count (they are no longer shown).
    public static func reasons(for input: NormalizedCustomerInput, existing: Customer) -> [DuplicateReason] {
        guard existing.mergedInto == nil else { return [] }
        var found: [DuplicateReason] = []
        if let phone = input.phone, phone == existing.phone { found.append(.samePhone) }
        if let email = input.email, email == existing.email { found.append(.sameEmail) }
        // The same name is said as such: "similar" would make a cashier look for a difference.
        if NameSimilarity.isSameName(firstName: input.firstName, lastName: input.lastName,
                                     as: existing.firstName, existing.lastName) {
            found.append(.sameName)
        } else if NameSimilarity.isSimilar(firstName: input.firstName, lastName: input.lastName,
                                           toFirstName: existing.firstName, lastName: existing.lastName) {
            found.append(.similarName)
        }
        return found
    }
}
