import Foundation

/// A scan the counter could not write because the store's server did not answer, kept on the counter until
/// it is recorded (issue 18 #4). Only purchases are kept: every other write depends on the cards as they are
/// now and is refused while the server is down.
public struct QueuedScan: Sendable, Hashable, Codable, Identifiable {
    /// The queue's own number: the order scans were made in, and what `queue retry|discard ID` names.
    public var id: Int64
    /// The counter's ID for the scan, sent with it to the store: a scan ID already recorded records nothing more.
    public var scanID: UUID
    public var customerID: Int64
    public var upc: UPC
    public var quantity: Int
    /// When it was scanned (the counter's clock): the punches carry this time.
    public var scannedAt: Date
    /// The store-local date it was made on, when the counter knew the store's zone (the store computes it again
    /// from `scannedAt` in its own zone when it records the scan).
    public var localDate: LocalDate?
    public var username: String
    public var role: Role
    /// The counter (its location and machine), for the manager reading the list.
    public var counter: String?
    /// The counter's location (`locations.id`) when it was made: the scan is recorded there when it is replayed,
    /// as it would have been at once (nil: the store's default location, as for scans kept before locations).
    public var locationID: Int64?
    /// Tries to record it that reached no server or failed for no known reason.
    public var attempts: Int
    public var lastError: String?
    /// The store refused it when it was replayed (the program was switched off, the customer combined…): it
    /// stays here for a manager (`queue retry|discard`), never dropped silently.
    public var refusal: String?

    public var isRefused: Bool { refusal != nil }

    public init(id: Int64 = 0, scanID: UUID, customerID: Int64, upc: UPC, quantity: Int, scannedAt: Date,
                localDate: LocalDate?, username: String, role: Role, counter: String?, locationID: Int64? = nil,
                attempts: Int = 0, lastError: String? = nil, refusal: String? = nil) {
        self.id = id
        self.scanID = scanID
        self.customerID = customerID
        self.upc = upc
        self.quantity = quantity
        self.scannedAt = scannedAt
        self.localDate = localDate
        self.username = username
        self.role = role
        self.counter = counter
        self.locationID = locationID
        self.attempts = attempts
        self.lastError = lastError
        self.refusal = refusal
    }
}

/// How many scans wait on this counter: to be recorded, and refused (waiting for a manager).
public struct QueueCounts: Sendable, Hashable {
    public var waiting: Int
    public var refused: Int
    public init(waiting: Int = 0, refused: Int = 0) {
        self.waiting = waiting
        self.refused = refused
    }
    public var isEmpty: Bool { waiting == 0 && refused == 0 }
}
