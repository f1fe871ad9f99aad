import Foundation
import LoyaltyCore
import TerminalKit

/// The shell's rules: routes messages to the screen they belong to, and owns what is between screens —
/// the session, navigation, the lock (Ctrl-L and idle), help and quit, the status line.
///
/// Pure apart from its injected clock: tests pass a clock they advance, send messages, and assert the
/// exact state and effects.
public struct AppFeature: Sendable {
    public var clock: @Sendable () -> Date
    /// Seconds without a key before the terminal locks itself; 0 never locks.
    public var idleLockAfter: TimeInterval

    public init(clock: @escaping @Sendable () -> Date = { Date() }, idleLockMinutes: Int) {
        self.clock = clock
        self.idleLockAfter = TimeInterval(max(0, idleLockMinutes) * 60)
    }

    /// The effects to run once when the program starts.
    public func start(_ state: inout AppState) -> [Effect] {
        state.lastActivity = clock()
        return [.loadStoreInfo]
    }

    public func update(_ state: inout AppState, _ msg: AppMsg) -> [Effect] {
        update(&state, msg, asking: true)
    }

    func update(_ state: inout AppState, _ msg: AppMsg, asking: Bool) -> [Effect] {
        // Esc on a form with something typed: ask before throwing it away (AppFeature+Discard).
        if asking && throwsAwayInput(state, msg) {
            state.lastActivity = clock()
            state.modal = .confirmDiscard(msg)
            return []
        }
        let before = state.route
        let effects = handle(&state, msg)
        // Coming back to lookup from anywhere (checkout, a form, a manager screen): the rows are re-read, so
        // figures changed meanwhile (points, cards) are current, and the search text is selected so typing
        // a new name replaces it.
        if state.route == .lookup && before != .lookup && state.session != nil {
            return effects + LookupFeature.returnedTo(&state.lookup)
        }
        return effects
    }

    private func handle(_ state: inout AppState, _ msg: AppMsg) -> [Effect] {
        if msg.isIntent {
            state.lastActivity = clock()
            state.status = nil
        }
        switch msg {
        case .signIn(let m): return signIn(&state, m)
        case .lookup(let m): return lookup(&state, m)
        case .customerForm(let m): return customerForm(&state, m)
        case .checkout(let m): return checkout(&state, m)
        case .importHistory(let m): return importHistory(&state, m)
        case .manager(let m): return manager(&state, m)
        case .admin(let m): return admin(&state, m)
        case .lightspeed(let m): return lightspeed(&state, m)

        case .lockTerminal:
            lock(&state)
            return []

        case .showHelp:
            state.modal = .help
            return []

        case .dismissModal:
            state.modal = nil
            return []

        case .requestQuit:
            // Not signed in, or asked twice (Ctrl-Q Ctrl-Q): quit without asking.
            if state.session == nil || state.modal == .confirmQuit {
                state.shouldQuit = true
            } else {
                state.modal = .confirmQuit
            }
            return []

        case .confirmQuit:
            state.shouldQuit = true
            return []

        case .discardConfirmed:
            return discardConfirmed(&state)

        case .resized(let size):
            state.screenSize = size
            state.lookup.pageRows = max(1, size.height - LookupState.chromeRows)
            return []

        case .tick:
            if state.session != nil, idleLockAfter > 0, clock().timeIntervalSince(state.lastActivity) >= idleLockAfter {
                lock(&state)
                state.status = StatusMessage(FeatureStrings.idleLocked)
            }
            return []

        case .storeInfoLoaded(let name, let training):
            state.storeName = name
            state.trainingMode = state.trainingMode || training
            return []

        case .customerLoadedForEdit(let customer, let pets, let returnRoute):
            guard state.session != nil else { return [] }
            state.customerForm = .editing(customer, pets: pets, returnRoute: returnRoute)
            state.route = .customerForm
            return []

        case .effectFailed(let failure):
            state.status = .error(FeatureStrings.reason(failure))
            return []
        }
    }

    // MARK: - Navigation shared by screens

    /// Opens a customer's checkout from anywhere (lookup, the duplicate warning, after saving).
    public func openCustomer(_ id: Int64, _ state: inout AppState) -> [Effect] {
        guard let session = state.session else { return [] }
        guard session.may(.lookupCustomer) else {
            state.status = .error(FeatureStrings.notAllowed(.lookupCustomer))
            return []
        }
        return openCheckout(id, &state)
    }

    /// Locks the terminal: the session ends, the sign-in screen offers the same user a quick PIN.
    public func lock(_ state: inout AppState) {
        guard let session = state.session else { return }
        state.routeBeforeLock = state.route
        state.signIn = .locked(by: session.username, knownUsers: state.signIn.knownUsers)
        state.session = nil
        state.modal = nil
        state.route = .signIn
        state.status = StatusMessage(FeatureStrings.lockedBy(session.username))
    }

    // MARK: - Screens

    private func signIn(_ state: inout AppState, _ msg: SignInMsg) -> [Effect] {
        guard state.route == .signIn else { return [] }
        switch msg {
        case .signedIn(let user, let kind):
            var known = state.signIn.knownUsers
            if kind == .password, !known.contains(user.username) { known.append(user.username) }
            let resuming = state.signIn.lockedBy == user.username ? state.routeBeforeLock : nil
            state.session = Session(user: user)
            state.signIn = SignInState(knownUsers: known)
            state.routeBeforeLock = nil
            state.status = .success(FeatureStrings.welcome(user))
            if let resuming {
                state.route = resuming
                return []
            }
            // Someone else signed in: nothing of the previous user's work stays on screen.
            let size = state.screenSize
            state.lookup = LookupState()
            state.lookup.pageRows = max(1, size.height - LookupState.chromeRows)
            state.customerForm = CustomerFormState()
            state.route = .lookup
            return []
        default:
            return SignInFeature.update(&state.signIn, msg)
        }
    }

    private func lookup(_ state: inout AppState, _ msg: LookupMsg) -> [Effect] {
        guard let session = state.session else { return [] }
        if msg.isIntent && state.route != .lookup { return [] }
        switch msg {
        case .openSelected:
            guard let customer = state.lookup.selectedCustomer else {
                state.status = StatusMessage(FeatureStrings.noCustomerSelected)
                return []
            }
            let effects = openCustomer(customer.id, &state)
            lightspeedOfferPendingLink(customerID: customer.id, name: customer.fullName, &state)
            return effects
        case .newCustomer:
            guard session.may(.addCustomer) else {
                state.status = .error(FeatureStrings.notAllowed(.addCustomer))
                return []
            }
            state.customerForm = lightspeedPrefilledForm(&state) ?? .prefilled(fromQuery: state.lookup.searchText)
            state.route = .customerForm
            return []
        default:
            return LookupFeature.update(&state.lookup, msg)
        }
    }

    private func customerForm(_ state: inout AppState, _ msg: CustomerFormMsg) -> [Effect] {
        guard let session = state.session else { return [] }
        if msg.isIntent && state.route != .customerForm { return [] }
        switch msg {
        case .cancel:
            if state.customerForm.showsDuplicateWarning {
                return CustomerFormFeature.update(&state.customerForm, .keepEditing, session: session)
            }
            state.route = state.customerForm.returnRoute
            return []
        case .openDuplicate:
            guard let candidate = state.customerForm.selectedDuplicate else { return [] }
            state.customerForm = CustomerFormState()
            let effects = openCustomer(candidate.customer.id, &state)
            lightspeedOfferPendingLink(customerID: candidate.customer.id, name: candidate.customer.fullName,
                                       currentLink: candidate.customer.lightspeedCustomerID, &state)
            return effects
        case .saved(let customer):
            _ = CustomerFormFeature.update(&state.customerForm, msg, session: session)
            let wasEditing = state.customerForm.isEditing
            state.customerForm = CustomerFormState()
            var effects = openCustomer(customer.id, &state)
            state.status = .success(wasEditing ? FeatureStrings.customerUpdated(customer.fullName)
                                               : FeatureStrings.customerAdded(customer.fullName))
            if !state.lookup.searchText.isEmpty { effects += LookupFeature.refresh(&state.lookup) }
            if !wasEditing { effects += lightspeedAfterCustomerAdded(customer, &state) }
            return effects
        case .saveFailed(let failure):
            state.status = .error(FeatureStrings.reason(failure))
            return CustomerFormFeature.update(&state.customerForm, msg, session: session)
        case .addPet where state.customerForm.pets.count >= CustomerFormState.maxPets:
            state.status = StatusMessage(FeatureStrings.tooManyPets(CustomerFormState.maxPets))
            return []
        case .save, .saveAnyway:
            let action: Action = state.customerForm.isEditing ? .editCustomer : .addCustomer
            guard session.may(action) else {
                state.status = .error(FeatureStrings.notAllowed(action))
                return []
            }
            let effects = CustomerFormFeature.update(&state.customerForm, msg, session: session)
            if effects.isEmpty && !state.customerForm.isBusy && !state.customerForm.showsDuplicateWarning {
                state.status = .error(FeatureStrings.fixTheMarkedFields)
            }
            return effects
        default:
            return CustomerFormFeature.update(&state.customerForm, msg, session: session)
        }
    }
}
