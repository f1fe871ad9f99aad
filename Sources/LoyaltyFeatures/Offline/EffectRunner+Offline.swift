import LoyaltyStore

extension EffectRunner {
    /// Reads or replays the kept scans; a counter without a queue (the CLI's runner) has none to report.
    func runOffline(_ effect: OfflineEffect) -> AppMsg? {
        guard let offline else { return nil }
        do {
            switch effect {
            case .loadQueue:
                return .offline(.queueLoaded(try offline.queue.all()))
            case .replay:
                return .offline(.replayed(try offline.replay(into: store)))
            }
        } catch {
            return .offline(.queueFailed(EffectError(error)))
        }
    }
}
