import LoyaltyCore
import LoyaltyStore

/// The shell's side of an unreachable store server (issue 18 #4): it follows whether the server answered, keeps
/// the list of kept scans the status bar counts and the checkout shows, and asks for a replay every few seconds
/// while scans wait.
extension AppFeature {
    /// Notes what `msg` says about the server, before anything else (also while locked: the status bar and the
    /// retries must not wait for someone to unlock). Returns a retry when a scan was just kept.
    func noteServer(_ state: inout AppState, _ msg: AppMsg) -> [Effect] {
        switch msg {
        case .checkout(.scanKept(_, let scan)):
            state.offline.serverUnreachable = true
            if !state.offline.queue.contains(where: { $0.id == scan.id }) { state.offline.queue.append(scan) }
            return [Self.retry]
        case .checkout(.actionFailed(_, let failure)), .checkout(.loadFailed(_, let failure)),
             .checkout(.scanNotKept(_, let failure)), .signIn(.signInFailed(let failure)),
             .lookup(.searchFailed(_, let failure)), .effectFailed(let failure):
            // Any other store error is the server's answer (or a check before it): it answered.
            if case .store(let error) = failure {
                if case .serverUnreachable = error { state.offline.serverUnreachable = true } else { state.offline.serverUnreachable = false }
            }
        case .checkout(.actionDone), .checkout(.loaded), .signIn(.signedIn), .lookup(.searchResultsLoaded),
             .storeInfoLoaded:
            state.offline.serverUnreachable = false
        default:
            break
        }
        return []
    }

    static let retry = Effect.offline(.replay(afterSeconds: OfflineTiming.retrySeconds))

    func offline(_ state: inout AppState, _ msg: OfflineMsg) -> [Effect] {
        switch msg {
        case .queueLoaded(let queue):
            state.offline.queue = queue
            return queue.isEmpty ? [] : [.offline(.replay(afterSeconds: 0))]

        case .queueFailed(let failure):
            state.status = .error(OfflineStrings.queueFailed(FeatureStrings.reason(failure)))
            return state.offline.waiting > 0 ? [Self.retry] : []

        case .replayed(let report):
            state.offline.queue = report.queue
            if !report.recorded.isEmpty || !report.refused.isEmpty { state.offline.serverUnreachable = false }
            if report.unreachable { state.offline.serverUnreachable = true }
            var effects: [Effect] = []
            if !report.recorded.isEmpty {
                state.status = .success(OfflineStrings.recorded(report.recorded.count))
                // The checkout on screen shows the punches that just landed instead of its pending lines.
                if state.session != nil, case .checkout(let id) = state.route,
                   report.recorded.contains(where: { $0.customerID == id }) {
                    effects.append(.checkout(.load(customerID: id, redeemedPunches: state.checkout.readsRedeemedPunches)))
                }
            }
            if let refused = report.refused.last { state.status = .error(OfflineStrings.refused(refused)) }
            // While any scan is kept (refused ones too: a manager may retry or discard them from the shell), the
            // queue is read again every few seconds.
            if !state.offline.queue.isEmpty { effects.append(Self.retry) }
            return effects
        }
    }

    /// The checkout shows its customer's kept scans (copied after every message: the list is a handful).
    func showKept(_ state: inout AppState) {
        let kept = state.offline.queue.filter { $0.customerID == state.checkout.customerID }
        if kept != state.checkout.kept { state.checkout.kept = kept }
    }
}
