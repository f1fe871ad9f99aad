import LoyaltyCore

/// Esc on a form with something typed asks first (Y throws it away, N goes back to the form), on every
/// form: the customer form, the checkout dialogs (exception, paper card, note, removal reason), the admin
/// forms, Import History's exception, Enable Lightspeed's pasted address and the watcher's unsaved settings. A form left as it opened
/// closes at once. The question is the shell's (`Modal.confirmDiscard`), so each screen keeps its own Esc.
/// A scan while it is open is held, not lost (`AppFeature.keyInDiscardQuestion`).
extension AppFeature {
    /// True when `msg` would close a form and lose what was typed into it.
    func throwsAwayInput(_ state: AppState, _ msg: AppMsg) -> Bool {
        guard state.session != nil, state.modal == nil else { return false }
        switch (msg, state.route) {
        case (.customerForm(.cancel), .customerForm):
            return !state.customerForm.showsDuplicateWarning && state.customerForm.hasUnsavedInput
        case (.admin(.back), .admin(.lightspeed)):
            return !state.lightspeed.setup.pasted.text.isEmpty
        case (.admin(.cancelForm), .admin):
            return state.admin.form?.isChanged ?? false
        case (.checkout(.escape), .checkout):
            switch state.checkout.modal {
            case .exception(let form, _), .paper(let form), .note(let form, _), .removeReason(let form, _):
                return form.isChanged
            default:
                return false
            }
        case (.watcher(.settings(.back)), .admin(.watcher(.settings))):
            return state.watcherScreens.settings.isChanged
        case (.changes(.back), .admin(.changes)):
            // The reason for dismissing a change from Lightspeed.
            return state.changes.ask?.takesText == true && !state.changes.field.text.isEmpty
        case (.importHistory(.escape), .importHistory):
            if case .exception(let form, _) = state.importHistory.modal { return form.isChanged }
            return false
        default:
            return false
        }
    }

    /// Y in the question: the Esc it held goes through.
    func discardConfirmed(_ state: inout AppState) -> [Effect] {
        guard case .confirmDiscard(let held) = state.modal else { return [] }
        state.modal = nil
        state.scanTyping = ""
        return update(&state, held, asking: false)
    }
}
