extension AppMsg {
    /// An answer for a screen (search results, a customer loaded, a write done). While the terminal is
    /// locked these are kept, not dropped: the screens need a session to apply them, and a screen whose answer
    /// was dropped waits for ever ("Loading…" after unlocking).
    public var isScreenResult: Bool {
        switch self {
        case .lookup(let m): !m.isIntent
        case .customerForm(let m): !m.isIntent
        case .checkout(let m): !m.isIntent
        case .importHistory(let m): !m.isIntent
        case .admin(let m): !m.isIntent
        case .manager(let m): !m.isIntent
        case .changes(let m): !m.isIntent
        case .customerLoadedForEdit: true
        default: false
        }
    }
}
