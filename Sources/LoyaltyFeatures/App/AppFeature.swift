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
    /// A scan of more units than this asks first (`checkout.confirmQuantityAbove`).
    public var confirmQuantityAbove: Int

    public init(clock: @escaping @Sendable () -> Date = { Date() }, idleLockMinutes: Int,
                confirmQuantityAbove: Int = CheckoutState.defaultConfirmQuantityAbove) {
        self.clock = clock
        self.idleLockAfter = TimeInterval(max(0, idleLockMinutes) * 60)
        self.confirmQuantityAbove = max(1, confirmQuantityAbove)
    }

    /// The effects to run once when the program starts.
    public func start(_ state: inout AppState) -> [Effect] {
        state.lastActivity = clock()
        return [.loadStoreInfo, .offline(.loadQueue)]
    }

    public func update(_ state: inout AppState, _ msg: AppMsg) -> [Effect] {
        update(&state, msg, asking: true)
    }

    func update(_ state: inout AppState, _ msg: AppMsg, asking: Bool) -> [Effect] {
        let serverEffects = noteServer(&state, msg)
        defer { showKept(&state) }
        // Answers for the screens that arrive while locked are kept for the same user's unlock.
        if state.isLocked && msg.isScreenResult {
            if state.resultsWhileLocked.count < Self.maxResultsWhileLocked { state.resultsWhileLocked.append(msg) }
            return serverEffects
        }
        // Esc on a form with something typed: ask before throwing it away (AppFeature+Discard).
        if asking && throwsAwayInput(state, msg) {
            state.lastActivity = clock()
            state.modal = .confirmDiscard(msg)
            state.scanTyping = ""
            return []
        }
        let before = state.route
        var effects = handle(&state, msg)
        // Coming back to lookup from anywhere (checkout, a form, a manager screen): the rows are re-read, so
        // figures changed meanwhile (points, cards) are current, and the search text is selected so typing
        // a new name replaces it.
        if state.route == .lookup && before != .lookup && state.session != nil {
            effects += LookupFeature.returnedTo(&state.lookup)
            effects += ChangesFeature.refreshCount(session: state.session)
        }
        // Scans kept while signed out or behind "please enlarge" land on a checkout that can show them.
        return serverEffects + effects + deliverKeptScans(&state)
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
        case .claims(let m): return claims(&state, m)
        case .watcher(let m): return watcherScreens(&state, m)
        case .changes(let m): return changes(&state, m)
        case .lightspeed(let m): return lightspeed(&state, m)
        case .offline(let m): return offline(&state, m)

        case .lockTerminal:
            lock(&state)
            return []

        case .showHelp:
            state.modal = .help
            state.helpScroll = 0
            return []

        case .scrollHelp(let line):
            guard state.modal == .help else { return [] }
            state.helpScroll = max(0, line)
            return []

        case .dismissModal:
            state.modal = nil
            state.scanTyping = ""
            return []

        case .requestQuit:
            // Asked twice (Ctrl-Q Ctrl-Q) quits; a locked terminal asks a manager's PIN (quitting stops the
            // button listener, and whoever stands at a locked counter must not be able to).
            if state.modal == .confirmQuit {
                state.shouldQuit = true
            } else if state.isLocked {
                if case .quitNeedsManager = state.modal { return [] }
                state.modal = .quitNeedsManager(Self.quitForm(), checking: false)
            } else {
                state.modal = .confirmQuit
            }
            return []

        case .quitApproval(let m):
            return quitApproval(&state, m)

        case .confirmQuit:
            state.shouldQuit = true
            return []

        case .discardConfirmed:
            return discardConfirmed(&state)

        case .resized(let size):
            state.screenSize = size
            state.lookup.pageRows = max(1, size.height - LookupState.chromeRows)
            if size.fits(AppState.minimumSize), state.session != nil, !state.route.isCheckout,
               state.keptScans.contains(where: { $0.why == .screenTooSmall }) {
                state.status = StatusMessage(FeatureStrings.keptScreenScansWaiting(state.keptScans.count))
            }
            return []

        case .keyWhileHidden(let key):
            return keyWhileHidden(&state, key)

        case .keyInDiscardQuestion(let key):
            return keyInDiscardQuestion(&state, key)

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

    /// A bound on answers kept while locked (a screen asks for a handful; this is far above it).
    static let maxResultsWhileLocked = 500

    // MARK: - Quitting a locked terminal

    static func quitForm() -> CheckoutForm {
        CheckoutForm([
            .init(CheckoutStrings.fieldManager, .text(TextFieldState(maxLength: 64))),
            .init(CheckoutStrings.fieldPIN, .text(TextFieldState(maxLength: SignInState.longestPIN, allowed: .digits,
                                                                 isSecure: true))),
        ])
    }

    private func quitApproval(_ state: inout AppState, _ msg: QuitApprovalMsg) -> [Effect] {
        guard case .quitNeedsManager(var form, let checking) = state.modal else { return [] }
        switch msg {
        case .edit(let key):
            guard !checking else { return [] }
            if form.edit(key) { form.error = nil }
        case .nextField:
            guard !checking else { return [] }
            form.next()
        case .submit:
            guard !checking else { return [] }
            let username = form.text(0).trimmingCharacters(in: .whitespaces)
            if form.focus == 0 && !username.isEmpty && form.text(1).isEmpty {
                form.next()
                break
            }
            guard !username.isEmpty, !form.text(1).isEmpty else {
                form.error = FeatureStrings.quitManagerNeeded
                break
            }
            state.modal = .quitNeedsManager(form, checking: true)
            return [.approveQuit(username: username, pin: form.text(1))]
        case .approved:
            guard checking else { return [] }
            state.shouldQuit = true
            return []
        case .refused, .notAManager:
            guard checking else { return [] }
            form.setText(1, "")
            form.focus(on: 1)
            if case .refused(let failure) = msg { form.error = FeatureStrings.reason(failure) }
            else { form.error = FeatureStrings.quitOnlyManager }
            state.modal = .quitNeedsManager(form, checking: false)
            return []
        }
        state.modal = .quitNeedsManager(form, checking: false)
        return []
    }

    // MARK: - Scans kept for later

    /// Behind "please enlarge" nothing on screen may change, but a scan must not be lost: its digits are
    /// gathered until Enter and, when they read as a UPC, kept like a scan made while signed out.
    private func keyWhileHidden(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let scan = gatherScan(&state, key) else { return [] }
        var customerID: Int64?
        if state.session != nil, case .checkout(let id) = state.route { customerID = id }
        state.keptScans.append(HeldScan(upc: scan.upc, quantity: scan.quantity, why: .screenTooSmall,
                                        customerID: customerID, at: clock()))
        return []
    }

    /// A scan under "Throw away what you typed?" neither answers it nor is lost: on a checkout it is held and
    /// asked about once its form is closed (like a scan over the checkout's other dialogs); on any other screen
    /// it is kept and asked about on the next checkout (like a scan made while signed out).
    private func keyInDiscardQuestion(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .confirmDiscard = state.modal, state.session != nil,
              let scan = gatherScan(&state, key) else { return [] }
        let held = HeldScan(upc: scan.upc, quantity: scan.quantity, why: .dialog(FeatureStrings.discardQuestionName),
                            customerID: nil, at: clock())
        if case .checkout(let id) = state.route, state.checkout.customerID == id, state.checkout.data != nil {
            state.checkout.held.append(HeldScan(upc: held.upc, quantity: held.quantity, why: held.why, customerID: id,
                                                at: held.at))
            state.status = StatusMessage(FeatureStrings.discardQuestionScanHeld(scan.upc))
        } else {
            var kept = held
            if case .importHistory(let id) = state.route { kept.customerID = id }
            state.keptScans.append(kept)
            state.status = StatusMessage(FeatureStrings.discardQuestionScanKept(scan.upc))
        }
        return []
    }

    /// Gathers a scanner's burst where no field takes it: digits and `*` until Enter, which gives the scan when
    /// they read as one; any other key starts over.
    private func gatherScan(_ state: inout AppState, _ key: Key) -> (upc: UPC, quantity: Int)? {
        switch key {
        case .char(let c) where c.isASCII && (c.isNumber || c == "*"):
            if state.scanTyping.count < 24 { state.scanTyping.append(c) }
            return nil
        case .enter:
            let text = state.scanTyping
            state.scanTyping = ""
            guard case .success(let scan) = CheckoutInput.parseScan(text) else { return nil }
            return scan
        default:
            state.scanTyping = ""
            return nil
        }
    }

    /// After a sign-in, says that scans are waiting when no checkout is there to take them.
    private func noteKeptScans(_ state: inout AppState) {
        guard !state.keptScans.isEmpty, !state.route.isCheckout else { return }
        let count = state.keptScans.count
        let text = state.keptScans.contains { $0.why == .signedOut } ? FeatureStrings.keptScansWaiting(count)
            : state.keptScans.allSatisfy { $0.why == .screenTooSmall } ? FeatureStrings.keptScreenScansWaiting(count)
            : FeatureStrings.keptScansWaitingForACheckout(count)
        state.status = StatusMessage((state.status.map { $0.text + " " } ?? "") + text)
    }

    /// Hands kept scans to the checkout on screen once it can show them (signed in, loaded, big enough):
    /// one scanned on this very checkout that only the screen's size held back lands as if scanned now;
    /// every other one is asked about there.
    func deliverKeptScans(_ state: inout AppState) -> [Effect] {
        guard !state.keptScans.isEmpty, let session = state.session, state.modal == nil,
              case .checkout(let id) = state.route, state.checkout.customerID == id, state.checkout.data != nil,
              state.screenSize.fits(AppState.minimumSize) else { return [] }
        let kept = state.keptScans
        state.keptScans = []
        var effects: [Effect] = []
        for scan in kept {
            if scan.why == .screenTooSmall && scan.customerID == id {
                effects += CheckoutFeature.scanned(&state.checkout, scan.upc, quantity: scan.quantity, session: session,
                                                   at: scan.at)
            } else {
                state.checkout.held.append(scan)
            }
        }
        CheckoutFeature.offerHeld(&state.checkout)
        if let notice = state.checkout.notice {
            state.status = notice
            state.checkout.notice = nil
        }
        return effects
    }

    // MARK: - Screens

    private func signIn(_ state: inout AppState, _ msg: SignInMsg) -> [Effect] {
        guard state.route == .signIn else { return [] }
        switch msg {
        case .submit where !state.signIn.isChecking:
            // A barcode scanned here is not a sign-in try (five would lock the user out): kept for after.
            guard let scan = HeldScan.barcode(in: state.signIn.focusedText) else {
                return SignInFeature.update(&state.signIn, msg)
            }
            state.signIn.clearFocusedField()
            var customerID: Int64?
            if case .checkout(let id)? = state.routeBeforeLock { customerID = id }
            state.keptScans.append(HeldScan(upc: scan.upc, quantity: scan.quantity, why: .signedOut,
                                            customerID: customerID, at: clock()))
            state.signIn.error = FeatureStrings.signedOutScan(scan.upc)
            return []
        case .signedIn(let user, let kind):
            var known = state.signIn.knownUsers
            if kind == .password, !known.contains(user.username) { known.append(user.username) }
            let resuming = state.signIn.lockedBy == user.username ? state.routeBeforeLock : nil
            state.session = Session(user: user, location: state.location)
            state.signIn = SignInState(knownUsers: known)
            state.routeBeforeLock = nil
            state.status = .success(FeatureStrings.welcome(user))
            let whileLocked = state.resultsWhileLocked
            state.resultsWhileLocked = []
            if let resuming {
                state.route = resuming
                // The answers that came while locked (a customer loaded, a search, a write done) land now.
                let effects = whileLocked.flatMap { handle(&state, $0) }
                noteKeptScans(&state)
                return effects
            }
            // Someone else signed in: nothing of the previous user's work stays on screen.
            state.lookup.startOver()
            state.lookup.pageRows = max(1, state.screenSize.height - LookupState.chromeRows)
            state.customerForm = CustomerFormState()
            state.route = .lookup
            noteKeptScans(&state)
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
