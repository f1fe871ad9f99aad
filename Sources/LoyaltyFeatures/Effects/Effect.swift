import LoyaltyCore
import LoyaltyStore

/// Work a view-model asks for, as plain data: tests assert it, `EffectRunner` performs it against the
/// store through the `EffectScheduler` and posts the result back as an `AppMsg`. To add one: a case here
/// and its branch in `EffectRunner.run`.
public enum Effect: Hashable, Sendable, CustomStringConvertible {
    /// The store's name and training flag for the status bar.
    case loadStoreInfo
    case authenticate(username: String, Credential)
    /// Quitting a locked terminal: the PIN must be a manager's (or an admin's).
    case approveQuit(username: String, pin: String)
    case searchCustomers(query: String, generation: Int)
    /// Loads a customer into the form for editing.
    case loadCustomerForEdit(id: Int64, returnRoute: Route)
    case findDuplicates(CustomerDraft, excluding: Int64?)
    case addCustomer(CustomerDraft, pets: [Pet], by: Operator)
    case updateCustomer(id: Int64, CustomerDraft, notes: String, newPets: [Pet], by: Operator)
    /// The checkout screen's loads and writes (`CheckoutEffects` runs them).
    case checkout(CheckoutEffect)
    /// Lightspeed work the composition root runs (it owns the client, the simulator and the listener).
    case lightspeed(LightspeedEffect)
    /// Import History's loads, fetch (asynchronous, cancellable) and commit (`ImportHistoryRunner` runs them).
    case importHistory(ImportHistoryEffect)
    /// The admin and manager screens' loads, writes, CSV import/export and reports (`AdminEffects`).
    case admin(AdminEffect)
    /// The manager screens' loads and the combine (`ManagerEffects` runs them).
    case manager(ManagerEffect)
    /// The manufacturer claims screen's loads, batches, exports and credits (`ClaimsEffects`).
    case claims(ClaimsEffect)
    /// The watcher's screens' work (`WatcherScreenRunner`; the composition root runs it, as it reads Lightspeed).
    case watcher(WatcherScreenEffect)
    /// "Changed in Lightspeed": the queue, apply, dismiss and the count (`ChangesEffects`).
    case changes(ChangesEffect)
    /// Enable Lightspeed's F4: the authorize address, unbroken, in an owner-only file beside the store.
    case saveAuthorizeAddress(String)
    /// Scans kept on this counter while the store's server was unreachable: read them, record them (`OfflineScans`).
    case offline(OfflineEffect)
    /// Stop the work running under `id` (an Import History fetch the cashier left with Esc); whatever it
    /// reports afterwards is dropped (`EffectScheduler`).
    case cancel(EffectID)

    /// The name this effect runs under, when it can be cancelled or replaced by a newer one.
    public var id: EffectID? {
        switch self {
        case .searchCustomers: .customerSearch
        case .importHistory(let work): work.id
        case .watcher(let work): work.id
        case .offline(.replay(let seconds)) where seconds > 0: .offlineReplay
        default: nil
        }
    }

    /// For the log: names and IDs only, never a secret or a customer's details.
    public var description: String {
        switch self {
        case .loadStoreInfo: "loadStoreInfo"
        case .authenticate(let username, let credential): "authenticate(\(username), \(credential))"
        case .approveQuit(let username, _): "approveQuit(\(username), pin(••••))"
        case .searchCustomers(let query, let generation): "searchCustomers(\(query.count) chars, #\(generation))"
        case .loadCustomerForEdit(let id, _): "loadCustomerForEdit(\(id))"
        case .findDuplicates(_, let excluding): "findDuplicates(excluding: \(excluding.map(String.init) ?? "none"))"
        case .addCustomer(_, let pets, let op): "addCustomer(\(pets.count) pets, by: \(op.username))"
        case .updateCustomer(let id, _, _, let pets, let op): "updateCustomer(\(id), \(pets.count) new pets, by: \(op.username))"
        case .checkout(let effect): effect.description
        case .lightspeed(let effect): effect.description
        case .importHistory(let effect): effect.description
        case .admin(let effect): effect.description
        case .manager(let effect): effect.description
        case .claims(let effect): effect.description
        case .watcher(let effect): effect.description
        case .changes(let effect): effect.description
        case .saveAuthorizeAddress: "saveAuthorizeAddress"
        case .offline(let effect): effect.description
        case .cancel(let id): "cancel(\(id))"
        }
    }
}
