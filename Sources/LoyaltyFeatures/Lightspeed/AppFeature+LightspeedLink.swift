import LoyaltyCore
import LoyaltyStore
import TerminalKit

/// The checkout's Lightspeed link: "Incorrect customer" forgets the link (asks first; audited by the store),
/// L searches Lightspeed customers by name, phone or email and links the one picked (one loyalty customer
/// per Lightspeed customer: a pick already linked elsewhere is refused here, naming who has it, and again by
/// the store). A cashier may do both: linking is editing the customer (domain.md, "People").
///
/// Also the unlinked button press: while one waits, F2 in lookup pre-fills the new customer from Lightspeed
/// (saving links them and records the sale), and opening a customer asks whether to link them.
extension AppFeature {
    func lightspeedLink(_ state: inout AppState, _ msg: LightspeedLinkMsg) -> [Effect] {
        guard let session = state.session else { return [] }
        guard case .checkout(let customerID) = state.route else {
            if !msg.isIntent { state.lightspeed.link = nil }
            return []
        }
        if let dialog = state.lightspeed.link, dialog.customerID != customerID { state.lightspeed.link = nil }
        if msg.isIntent, !session.may(.editCustomer) {
            state.status = .error(FeatureStrings.notAllowed(.editCustomer))
            return []
        }
        switch msg {
        case .requestUnlink:
            guard state.lightspeed.link == nil, state.checkout.modal == nil else { return [] }
            guard let customer = state.checkout.data?.customer, customer.id == customerID else {
                state.status = StatusMessage(LightspeedLinkStrings.stillLoading)
                return []
            }
            guard let linked = customer.lightspeedCustomerID else {
                state.status = StatusMessage(LightspeedLinkStrings.notLinked(customer.fullName))
                return []
            }
            state.lightspeed.link = .confirmUnlink(customerID: customerID, lightspeedID: linked)
            return []

        case .openSearch:
            return openLinkSearch(&state, customerID: customerID)

        case .edit(let key):
            guard case .search(var search) = state.lightspeed.link else { return [] }
            _ = search.query.handle(key)
            search.error = nil
            state.lightspeed.link = .search(search)
            return []

        case .move(let key):
            guard case .search(var search) = state.lightspeed.link else { return [] }
            _ = search.selection.handle(key, visibleRows: LightspeedLinkStrings.visibleRows)
            state.lightspeed.link = .search(search)
            return []

        case .enter:
            switch state.lightspeed.link {
            case .search(var search):
                let text = search.query.text.trimmingCharacters(in: .whitespaces)
                if search.searching && text == search.searchedText { return [] }
                if text != search.searchedText || search.results.isEmpty {
                    let effects = startSearch(&search)
                    state.lightspeed.link = .search(search)
                    state.lightspeed.searchGeneration = search.generation
                    return effects
                }
                guard let match = search.selected else { return [] }
                if let other = match.linkedCustomerID {
                    search.error = other == customerID
                        ? LightspeedLinkStrings.alreadyThisOne(match.customer)
                        : LightspeedLinkStrings.takenBy(match.customer, name: match.linkedCustomerName ?? "#\(other)")
                    state.lightspeed.link = .search(search)
                    state.status = .error(search.error ?? "")
                    return []
                }
                search.searching = true
                state.lightspeed.link = .search(search)
                state.status = StatusMessage(LightspeedLinkStrings.linking(match.customer))
                return [.lightspeed(.link(customerID: customerID, lightspeedID: match.customer.lightspeedID,
                                          by: session.op))]
            case .confirmUnlink, .confirmPending:
                return lightspeedLink(&state, .confirm)
            case nil:
                return []
            }

        case .confirm:
            switch state.lightspeed.link {
            case .confirmUnlink(_, let lightspeedID):
                state.lightspeed.link = nil
                state.status = StatusMessage(LightspeedLinkStrings.unlinking(lightspeedID))
                return [.lightspeed(.unlink(customerID: customerID, by: session.op))]
            case .confirmPending:
                state.lightspeed.link = nil
                return lightspeed(&state, .linkPendingCustomer)
            case .search, nil:
                return []
            }

        case .cancel:
            state.lightspeed.link = nil
            return []

        case .searched(let generation, let matches):
            guard case .search(var search) = state.lightspeed.link, search.generation == generation else { return [] }
            search.searching = false
            search.results = matches
            search.selection = ListSelection(count: matches.count)
            search.error = matches.isEmpty ? LightspeedLinkStrings.noMatch(search.searchedText ?? "") : nil
            state.lightspeed.link = .search(search)
            return []

        case .searchFailed(let generation, let failure):
            guard case .search(var search) = state.lightspeed.link, search.generation == generation else { return [] }
            search.searching = false
            search.error = LightspeedLinkStrings.failed(failure)
            state.lightspeed.link = .search(search)
            state.status = .error(LightspeedLinkStrings.failed(failure))
            return []

        case .linked(let id, let lightspeedID):
            guard id == customerID else { return [] }
            state.lightspeed.link = nil
            state.status = .success(LightspeedLinkStrings.linked(state.checkout.data?.customer.fullName, lightspeedID))
            return [.checkout(.load(customerID: id, redeemedPunches: state.checkout.readsRedeemedPunches))]

        case .unlinked(let id):
            guard id == customerID else { return [] }
            state.status = .success(LightspeedLinkStrings.unlinked(state.checkout.data?.customer.fullName))
            return [.checkout(.load(customerID: id, redeemedPunches: state.checkout.readsRedeemedPunches))]

        case .failed(let failure):
            let message = LightspeedLinkStrings.failed(failure)
            if case .search(var search) = state.lightspeed.link {
                search.searching = false
                search.error = message
                state.lightspeed.link = .search(search)
            }
            state.status = .error(message)
            return []
        }
    }

    /// L with no press waiting: the search dialog, pre-filled from the customer and already searching.
    func openLinkSearch(_ state: inout AppState, customerID: Int64) -> [Effect] {
        guard state.lightspeed.link == nil, state.checkout.modal == nil else { return [] }
        guard let customer = state.checkout.data?.customer, customer.id == customerID else {
            state.status = .error(LightspeedLinkStrings.stillLoading)
            return []
        }
        var search = LightspeedLinkSearch(customerID: customerID, customerName: customer.fullName,
                                          currentLink: customer.lightspeedCustomerID,
                                          query: LightspeedLinkStrings.searchText(for: customer))
        search.generation = state.lightspeed.searchGeneration
        let effects = startSearch(&search)
        state.lightspeed.link = .search(search)
        state.lightspeed.searchGeneration = search.generation
        return effects
    }

    private func startSearch(_ search: inout LightspeedLinkSearch) -> [Effect] {
        let text = search.query.text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else {
            search.error = LightspeedLinkStrings.typeSomething
            return []
        }
        search.generation += 1
        search.searchedText = text
        search.searching = true
        search.error = nil
        search.results = []
        search.selection = ListSelection()
        return [.lightspeed(.searchCustomers(text: text, generation: search.generation))]
    }

    // MARK: - A button press waiting for its customer

    /// F2 in lookup while a press waits: the new customer pre-filled from Lightspeed; saving links them.
    func lightspeedPrefilledForm(_ state: inout AppState) -> CustomerFormState? {
        guard let pending = state.lightspeed.pendingLink else { return nil }
        state.lightspeed.pendingLink?.formPrefilled = true
        return .prefilled(fromLightspeed: pending.customer)
    }

    /// After a new customer is saved from the pre-filled form: link them and record the waiting sale.
    func lightspeedAfterCustomerAdded(_ customer: Customer, _ state: inout AppState) -> [Effect] {
        guard let session = state.session, let pending = state.lightspeed.pendingLink, pending.formPrefilled else {
            return []
        }
        state.status = StatusMessage(LightspeedStrings.linking(pending.customer))
        return [.lightspeed(.linkAndHandle(customerID: customer.id, lightspeedID: pending.customer.lightspeedID,
                                           press: pending.press, by: session.op))]
    }

    /// A customer opened from lookup (or from the duplicate warning of the pre-filled form) while a press
    /// waits: ask whether this is the Lightspeed customer. `currentLink` defaults to lookup's row.
    func lightspeedOfferPendingLink(customerID: Int64, name: String, currentLink: String? = nil,
                                    _ state: inout AppState) {
        guard state.lightspeed.pendingLink != nil, state.route == .checkout(customerID) else { return }
        let opened = state.lookup.selectedCustomer
        state.lightspeed.link = .confirmPending(
            customerID: customerID, customerName: name,
            replacing: currentLink ?? (opened?.id == customerID ? opened?.lightspeedCustomerID : nil))
    }
}

extension CustomerFormState {
    /// A new-customer form filled from a Lightspeed customer (name, phone, email), for the unlinked press.
    public static func prefilled(fromLightspeed who: LightspeedCustomerInfo) -> CustomerFormState {
        var state = CustomerFormState()
        state.firstName.setText(who.firstName)
        state.lastName.setText(who.lastName)
        state.phone.setText(who.phone ?? "")
        state.email.setText(who.email ?? "")
        return state
    }
}

/// The link dialog's words.
public enum LightspeedLinkStrings {
    /// Why a Lightspeed search, link, sale, connect or training sale failed.
    public static func failed(_ why: EffectError) -> String { FeatureStrings.reason(why) }
    /// Why the button listener is not listening (its own refusal already says "button off").
    public static func buttonOff(_ why: EffectError) -> String {
        if case .unexpected(let words) = why { return words }
        return "Lightspeed button off: \(FeatureStrings.reason(why))"
    }
    public static let keyUnlink = "Incorrect customer: unlink from Lightspeed"
    public static let keyLink = "Link to a Lightspeed customer (the waiting press's, else search)"
    public static let searchTitle = "Link to a Lightspeed customer"
    public static let unlinkTitle = "Incorrect customer"
    public static let pendingTitle = "Lightspeed sale waiting"
    public static let keySearchOrPick = "Search / link"
    public static let keyChoose = "Choose"
    public static let keyCancel = "Cancel"
    public static let keyYesUnlink = "Unlink"
    public static let keyYesLink = "Link and record"
    public static let keyNo = "No"
    public static let searching = "Searching Lightspeed…"
    public static let notLinkedAnywhere = "not linked"
    static let visibleRows = 8
    static let stillLoading = "The customer is still loading: try again in a moment."
    static let typeSomething = "Type a name, phone number or email to search Lightspeed."

    public static func current(_ id: String?) -> String {
        id.map { "Now linked to Lightspeed #\($0); picking another replaces it." } ?? "Not linked to Lightspeed yet."
    }

    public static func unlinkQuestion(_ name: String, _ id: String) -> [String] {
        ["\(name) is linked to Lightspeed customer #\(id).",
         "Unlink them? Their cards and points stay; that Lightspeed customer's sales no longer come here. "
             + "L links the right one."]
    }

    public static func pendingQuestion(_ pending: PendingLightspeedLink, name: String, replacing: String?) -> [String] {
        let who = pending.customer
        let contact = [who.phone, who.email].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        var lines = ["Lightspeed sale \(pending.press.saleID) is for \(who.fullName)" + (contact.isEmpty ? "." : " (\(contact))."),
                     "Link \(name) to this Lightspeed customer (#\(who.lightspeedID)) and record the sale?"]
        if let replacing {
            lines.append("\(name) is linked to Lightspeed #\(replacing) now: that link would be replaced.")
        }
        return lines
    }

    static func notLinked(_ name: String) -> String { "\(name) is not linked to Lightspeed: L links them." }
    static func unlinking(_ id: String) -> String { "Unlinking from Lightspeed #\(id)…" }
    static func linking(_ who: LightspeedCustomerInfo) -> String {
        "Linking to Lightspeed customer \(who.fullName) (#\(who.lightspeedID))…"
    }
    static func linked(_ name: String?, _ id: String) -> String {
        "\(name ?? "The customer") is now linked to Lightspeed customer #\(id)."
    }
    static func unlinked(_ name: String?) -> String {
        "\(name ?? "The customer") is no longer linked to Lightspeed. L links the right Lightspeed customer."
    }
    static func noMatch(_ text: String) -> String { "No Lightspeed customer matches \"\(text)\"." }
    static func alreadyThisOne(_ who: LightspeedCustomerInfo) -> String {
        "Already linked to \(who.fullName) (#\(who.lightspeedID))."
    }
    /// The one-customer-per-Lightspeed-ID rule, explained.
    public static func takenBy(_ who: LightspeedCustomerInfo, name: String) -> String {
        "\(who.fullName) (#\(who.lightspeedID)) is already linked to \(name): a Lightspeed customer links to one "
            + "loyalty customer only. Unlink them there first (W on their checkout), or combine the two if they are "
            + "the same person."
    }

    /// What the search starts with: the customer's phone, else email, else name.
    static func searchText(for customer: Customer) -> String {
        if let phone = customer.phone, phone.contains(where: \.isNumber) { return phone }
        if let email = customer.email, !email.isEmpty { return email }
        return customer.fullName
    }
}
