import LoyaltyCore
import LoyaltyStore
import TerminalKit

/// The audit log's filter fields as typed, checked: a customer (a name, phone or email as lookup finds them,
/// or `#12` for a customer number), a username, an action (the word shown in the Action column, e.g.
/// `redeem`), and a date range in store-local days (the until day included).
struct AuditQuery: Hashable, Sendable {
    var filter: AuditFilter
    var from: LocalDate?
    var until: LocalDate?

    struct Refusal: Error, Hashable { var message: String }

    static let fieldNames = ["Customer", "User", "Action", "From", "Until"]

    static func parse(_ fields: [TextFieldState]) -> Result<AuditQuery, Refusal> {
        func text(_ i: Int) -> String { fields[i].text.trimmingCharacters(in: .whitespaces) }
        var filter = AuditFilter(limit: AuditLogState.pageSize)
        let customer = text(0)
        if customer.hasPrefix("#") {
            guard let id = Int64(customer.dropFirst()) else {
                return .failure(Refusal(message: ManagerStrings.badCustomerNumber(customer)))
            }
            filter.customerID = id
        } else if !customer.isEmpty {
            filter.customerText = customer
        }
        filter.username = text(1).isEmpty ? nil : text(1).lowercased()
        if !text(2).isEmpty {
            let (action, candidates) = AuditActionWords.action(typed: text(2))
            guard let action else {
                return .failure(Refusal(message: candidates.isEmpty ? ManagerStrings.unknownAction(text(2))
                                                                     : ManagerStrings.ambiguousAction(text(2), candidates)))
            }
            filter.action = action
        }
        var days: [LocalDate?] = []
        for i in [3, 4] {
            if text(i).isEmpty { days.append(nil); continue }
            guard let day = CheckoutInput.parseDate(text(i)) else {
                return .failure(Refusal(message: ManagerStrings.badDate(fieldNames[i])))
            }
            days.append(day)
        }
        return .success(AuditQuery(filter: filter, from: days[0], until: days[1]))
    }
}
