import LoyaltyCore
import LoyaltyFeatures
import TerminalKit

/// The Lightspeed dialogs over a checkout: the search-and-pick list, "Incorrect customer", and the
/// waiting press's "link this customer?" question.
public enum LightspeedLinkDialogs {
    public static func draw(_ state: AppState, into buffer: inout ScreenBuffer, in area: Rect) {
        guard let dialog = state.lightspeed.link, state.route == .checkout(dialog.customerID) else { return }
        let actions = Keymaps.lightspeedLink(dialog).barItems.filter { $0.key != "?" && $0.key != "F1" }
        buffer.cursor = nil
        switch dialog {
        case .confirmUnlink(_, let id):
            let name = state.checkout.data?.customer.fullName ?? ""
            ModalDialog(title: LightspeedLinkStrings.unlinkTitle,
                        body: LightspeedLinkStrings.unlinkQuestion(name, id).map { StyledText($0) },
                        actions: actions).draw(into: &buffer, in: area)
        case .confirmPending(_, let name, let replacing):
            guard let pending = state.lightspeed.pendingLink else { return }
            ModalDialog(title: LightspeedLinkStrings.pendingTitle,
                        body: LightspeedLinkStrings.pendingQuestion(pending, name: name, replacing: replacing)
                            .map { StyledText($0) },
                        actions: actions, maxWidth: 76).draw(into: &buffer, in: area)
        case .search(let search):
            searchDialog(search, actions: actions, into: &buffer, in: area)
        }
    }

    static func searchDialog(_ s: LightspeedLinkSearch, actions: [HelpItem], into buffer: inout ScreenBuffer,
                             in area: Rect) {
        let listRows = max(1, min(max(s.results.count, 1), area.height - 9))
        let body = CheckoutDialogs.frame(title: LightspeedLinkStrings.searchTitle + ": " + s.customerName, width: 90,
                                         height: listRows + 8, actions: actions, into: &buffer, in: area)
        let (currentRow, r1) = body.splitTop(1)
        buffer.draw(LightspeedLinkStrings.current(s.currentLink), in: currentRow, style: .modal)
        let (fieldRow, r2) = r1.splitTop(1)
        let (label, field) = fieldRow.splitLeft(8)
        buffer.draw(LightspeedLinkUIStrings.searchLabel, in: label, style: .modal)
        TextFieldView(s.query, isFocused: true).draw(into: &buffer, in: field)
        let cursor = buffer.cursor
        let (messageRow, r3) = r2.splitTop(1)
        if s.searching {
            buffer.draw(LightspeedLinkStrings.searching, in: messageRow, style: .modal)
        } else if let error = s.error {
            buffer.draw(error, in: messageRow, style: .error)
        }
        let rows = s.results.map { m in
            TableRow([m.customer.lightspeedID, m.customer.fullName, m.customer.phone ?? "", m.customer.email ?? "",
                      m.linkedCustomerName.map { LightspeedLinkUIStrings.linkedTo($0) }
                          ?? LightspeedLinkStrings.notLinkedAnywhere],
                     style: m.linkedCustomerID == nil ? .modal : .dim)
        }
        TableView(columns: [TableColumn("#", width: .fixed(6)),
                            TableColumn(LightspeedLinkUIStrings.columnName, width: .flex(3)),
                            TableColumn(LightspeedLinkUIStrings.columnPhone, width: .fixed(14)),
                            TableColumn(LightspeedLinkUIStrings.columnEmail, width: .flex(3)),
                            TableColumn(LightspeedLinkUIStrings.columnLinked, width: .flex(2))],
                  rows: rows, selection: s.results.isEmpty ? nil : s.selection, emptyText: "")
            .draw(into: &buffer, in: r3)
        buffer.cursor = cursor
    }
}

enum LightspeedLinkUIStrings {
    static let searchLabel = "Search "
    static let columnName = "Lightspeed customer"
    static let columnPhone = "Phone"
    static let columnEmail = "Email"
    static let columnLinked = "Linked here"
    static func linkedTo(_ name: String) -> String { "→ \(name)" }
}
