import LoyaltyCore
import LoyaltyStore
import TerminalKit

/// The audit log's filter fields as typed, checked: a customer number, a username, an action (its stored
/// name, e.g. `punch.remove`), and a date range in store-local days (the until day included).
struct AuditQuery: Hashable, Sendable {
    var filter: AuditFilter
    var from: LocalDate?
    var until: LocalDate?

    struct Refusal: Error, Hashable { var message: String }

    static let fieldNames = ["Customer #", "User", "Action", "From", "Until"]

    static func parse(_ fields: [TextFieldState]) -> Result<AuditQuery, Refusal> {
        func text(_ i: Int) -> String { fields[i].text.trimmingCharacters(in: .whitespaces) }
        var filter = AuditFilter(limit: AuditLogState.pageSize)
        filter.customerID = Int64(text(0))
        filter.username = text(1).isEmpty ? nil : text(1).lowercased()
        if !text(2).isEmpty {
            guard let action = AuditAction(rawValue: text(2).lowercased())
                    ?? AuditAction.allCases.first(where: { $0.rawValue.hasPrefix(text(2).lowercased()) }) else {
                return .failure(Refusal(message: ManagerStrings.unknownAction(text(2))))
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
