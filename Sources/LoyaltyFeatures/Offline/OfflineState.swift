import LoyaltyCore
import LoyaltyStore

/// The counter's view of the store's server (issue 18 #4): whether it answered last time, and the scans kept on
/// this counter while it did not (`OfflineScanQueue`), oldest first. The status bar shows it on every screen.
public struct OfflineState: Hashable, Sendable {
    /// The last write or read that tried the server found it unreachable (cleared by the next one that answered).
    public var serverUnreachable = false
    /// Every kept scan, waiting and refused, in the order made.
    public var queue: [QueuedScan] = []

    public init(serverUnreachable: Bool = false, queue: [QueuedScan] = []) {
        self.serverUnreachable = serverUnreachable
        self.queue = queue
    }

    /// Scans still to record.
    public var waiting: Int { queue.filter { !$0.isRefused }.count }
    /// Scans the store refused when they were replayed: a manager decides (`astro-loyalty queue`).
    public var refused: Int { queue.filter(\.isRefused).count }
}

/// How long the counter waits before trying the server again while scans wait.
public enum OfflineTiming {
    public static let retrySeconds = 3
}

/// Work on the kept scans (`OfflineScans` runs it).
public enum OfflineEffect: Hashable, Sendable, CustomStringConvertible {
    /// Read the queue (at start: scans kept before a restart are shown and replayed).
    case loadQueue
    /// Record the waiting scans in order, after `afterSeconds` (0: now). Runs under `EffectID.offlineReplay`, so
    /// asking again replaces a retry still waiting rather than adding one.
    case replay(afterSeconds: Int)

    public var description: String {
        switch self {
        case .loadQueue: "offline.loadQueue"
        case .replay(let seconds): "offline.replay(after \(seconds) s)"
        }
    }
}

/// What replaying the kept scans did.
public struct ReplayReport: Hashable, Sendable {
    /// Recorded now (or found already recorded: an earlier try had committed), in order.
    public var recorded: [QueuedScan]
    /// Refused by the store now: kept, marked, for a manager.
    public var refused: [QueuedScan]
    /// The server still did not answer: the rest wait for the next try.
    public var unreachable: Bool
    /// The queue afterwards (waiting and refused), oldest first.
    public var queue: [QueuedScan]

    public init(recorded: [QueuedScan] = [], refused: [QueuedScan] = [], unreachable: Bool = false,
                queue: [QueuedScan] = []) {
        self.recorded = recorded
        self.refused = refused
        self.unreachable = unreachable
        self.queue = queue
    }
}

/// The kept scans' results.
public enum OfflineMsg: Hashable, Sendable {
    case queueLoaded([QueuedScan])
    /// The queue could not be read or written (the counter's disk): said, never hidden.
    case queueFailed(EffectError)
    case replayed(ReplayReport)
}
