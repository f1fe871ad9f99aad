import LoyaltyCore
import LoyaltyFeatures
import TerminalKit

/// Draws the whole program from its state: the status bar on top (store, user and role, training mode),
/// the current screen, the status message and the help bar at the bottom, and any dialog over it all.
/// A pure function of `AppState`: snapshot tests call it with a buffer of any size.
public enum AppScreen {
    /// The status bar, the screen's area, the message row and the help bar of a terminal `area`.
    static func regions(_ area: Rect) -> (top: Rect, middle: Rect, message: Rect, help: Rect) {
        let (top, rest) = area.splitTop(1)
        let (middle, bottom) = rest.splitBottom(2)
        let (messageRow, helpRow) = bottom.splitTop(1)
        return (top, middle, messageRow, helpRow)
    }

    /// The checkout's cards on screen for this state at its screen size, from the renderer's own layout.
    public static func checkoutVisibleCards(_ state: AppState) -> Int {
        let area = Rect(x: 0, y: 0, width: state.screenSize.width, height: state.screenSize.height)
        return CheckoutScreen.visibleCards(state.checkout, in: regions(area).middle)
    }

    /// What the view-model must be told after a change so it pages as the screen draws: the checkout's
    /// visible cards when they differ from what it pages by; nil when nothing changed.
    public static func layoutReport(_ state: AppState) -> AppMsg? {
        guard case .checkout = state.route, state.checkout.data != nil else { return nil }
        let rows = checkoutVisibleCards(state)
        return rows == state.checkout.pageRows ? nil : .checkout(.visibleRows(rows))
    }

    public static func render(_ state: AppState, into buffer: inout ScreenBuffer) {
        let area = buffer.bounds
        guard !area.isEmpty else { return }
        let (top, middle, messageRow, helpRow) = regions(area)

        statusBar(state).draw(into: &buffer, in: top)
        switch state.route {
        case .signIn: SignInScreen.render(state, into: &buffer, in: middle)
        case .lookup: LookupScreen.render(state.lookup, into: &buffer, in: middle)
        case .customerForm: CustomerFormScreen.render(state.customerForm, into: &buffer, in: middle)
        case .checkout: CheckoutScreen.render(state.checkout, into: &buffer, in: middle)
        case .importHistory: ImportHistoryScreen.render(state.importHistory, into: &buffer, in: middle)
        case .admin(.lightspeed): LightspeedSetupScreen.render(state.lightspeed.setup, into: &buffer, in: middle)
        case .admin(.claims): ClaimsScreen.render(state.claims, into: &buffer, in: middle)
        case .admin(.watcher(.unlinked)): UnlinkedScreen.render(state.watcherScreens.unlinked, into: &buffer, in: middle)
        case .admin(.watcher(.sweep)): SweepScreen.render(state.watcherScreens.sweep, into: &buffer, in: middle)
        case .admin(.watcher(.settings)): WatcherSettingsScreen.render(state.watcherScreens.settings, into: &buffer, in: middle)
        case .admin(.changes): ChangesScreen.render(state.changes, into: &buffer, in: middle)
        case .admin(let screen):
            AdminScreens.render(state.admin, screen: screen, role: state.session?.role, into: &buffer, in: middle)
        case .manager(.auditLog): ManagerAuditLogScreen.render(state.manager.auditLog, into: &buffer, in: middle)
        case .manager(.duplicates): ManagerDuplicatesScreen.render(state.manager.duplicates, into: &buffer, in: middle)
        case .manager(.combine): ManagerCombineScreen.render(state.manager.combine, into: &buffer, in: middle)
        }
        if let status = state.status {
            // A long message is wrapped, never cut mid-sentence: its first lines go up over the screen's
            // last rows (at most three lines in all), the last one on the message row.
            let lines = TextWrap.lines(status.text, width: max(1, messageRow.width - 1)).suffix(3)
            for (i, line) in lines.enumerated() {
                let row = Rect(x: messageRow.x, y: messageRow.y - (lines.count - 1 - i), width: messageRow.width, height: 1)
                buffer.draw(" " + line, in: row, style: style(of: status.kind))
            }
        }
        let keymap = Keymaps.current(for: state)
        HelpBar(keymap.barItems).draw(into: &buffer, in: helpRow)

        if state.route == .customerForm && state.customerForm.showsDuplicateWarning && state.modal == nil {
            CustomerFormScreen.duplicateDialog(state.customerForm).draw(into: &buffer, in: middle)
        }
        LightspeedLinkDialogs.draw(state, into: &buffer, in: middle)
        switch state.modal {
        case .help:
            // A dialog takes the cursor's place: nothing to type into behind it.
            buffer.cursor = nil
            HelpOverlay.dialog(state).draw(into: &buffer, in: middle)
        case .confirmQuit:
            buffer.cursor = nil
            ModalDialog(title: UIStrings.quitTitle, message: UIStrings.quitMessage,
                        actions: Keymaps.confirmQuit.barItems).draw(into: &buffer, in: middle)
        case .quitNeedsManager(let form, let checking):
            CheckoutDialogs.formDialog(title: UIStrings.quitLockedTitle, intro: FeatureStrings.quitNeedsManager,
                                       form: form, checking: checking, actions: Keymaps.quitNeedsManager.barItems,
                                       into: &buffer, in: middle)
        case .confirmDiscard:
            buffer.cursor = nil
            ModalDialog(title: UIStrings.discardTitle, message: UIStrings.discardMessage,
                        actions: Keymaps.confirmDiscard.barItems).draw(into: &buffer, in: middle)
        case nil:
            break
        }
    }

    static func statusBar(_ state: AppState) -> StatusBar {
        var left = [StyledText(state.storeName.isEmpty ? UIStrings.appName : state.storeName, style: .statusBar)]
        // A chain's counter says which shop it is; a store of one location (named after the store) says nothing more.
        if let location = state.location, !state.storeName.isEmpty, location.name != state.storeName {
            left.append(StyledText(location.name, style: .statusBar))
        }
        if let session = state.session {
            // "Casey Cashier (cashier)" when the username is the role's name, else "Jane Smith (jsmith · cashier)".
            let who = session.username == session.role.rawValue ? session.username
                : "\(session.username) · \(session.role.rawValue)"
            left.append(StyledText("\(session.user.displayName) (\(who))", style: .statusBar))
        } else if let locked = state.signIn.lockedBy {
            left.append(StyledText("\(UIStrings.locked): \(locked)", style: .statusBar))
        } else {
            left.append(StyledText(UIStrings.notSignedIn, style: .statusBar))
        }
        let right = state.trainingMode ? [StyledText(UIStrings.trainingMode, style: .reward)] : []
        let buttonOff = state.lightspeed.buttonOffLabel.map { [StyledText($0, style: .error)] } ?? []
        let watcher = state.lightspeed.watcherLine.map {
            [StyledText($0, style: state.lightspeed.watcherProblem ? .error : .statusBar)]
        } ?? []
        // "Server unreachable · 3 scans waiting": on every screen, so nobody takes a kept scan for a lost one.
        let offline = OfflineStrings.statusLine(state.offline).map {
            [StyledText($0, style: state.offline.serverUnreachable || state.offline.refused > 0 ? .error : .statusBar)]
        } ?? []
        // A manager sees how many refunds and voids from Lightspeed wait for them (F10 → Changed in Lightspeed).
        let changes = state.changes.reviewCount.flatMap { n in
            n > 0 && state.session?.may(.reviewLightspeedChanges) == true
                ? [StyledText(ChangesStrings.toReview(n), style: .reward)] : nil
        } ?? []
        return StatusBar(left: left, right: offline + changes + watcher + buttonOff + right)
    }

    static func style(of kind: StatusMessage.Kind) -> Style {
        switch kind {
        case .info: .normal
        case .success: .success
        case .error: .error
        }
    }

}
